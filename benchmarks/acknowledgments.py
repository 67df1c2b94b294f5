"""Time acknowledgment campaigns in a generated district.

    .venv/bin/python benchmarks/acknowledgments.py [--people 100000] [--postgres URL]

Generates a district of ``--people`` people (5% staff by default, like the import
benchmark; ``--staff-share 1`` makes every one of them staff, the worst case), then prints
the time to open a campaign (assigning everyone it covers), to sign through the use case,
to compute completion by building and role, to export the CSV, to run one round of
reminders (one notification per unsigned person) and to assign one new hire. SQLite file
by default; PostgreSQL with --postgres (a temporary schema is created and dropped).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert, select, update

from lanyard.acknowledgments import domain, reads
from lanyard.acknowledgments.jobs import remind
from lanyard.acknowledgments.orm import AckAssignment, AckCampaign
from lanyard.acknowledgments.service import (
    acknowledge,
    assign_new_people,
    builtin_version,
    export_completion,
    open_campaign,
)
from lanyard.db.migrate import upgrade
from lanyard.db.session import Database
from lanyard.directory.orm import Building, Person, PersonBuilding
from schemas import postgres_schema

BUILDINGS = 25
ROLES = ("teacher", "teacher", "teacher", "staff", "staff", "administrator", "coach")
NOW = dt.datetime(2026, 8, 20, 12, 0, tzinfo=dt.UTC)


def generate(db: Database, people: int, staff_share: float, seed: int = 14) -> list[str]:
    rng = random.Random(seed)
    buildings = [uuid.uuid4().hex for _ in range(BUILDINGS)]
    staff_ids: list[str] = []
    with db.uow(write=True) as uow:
        s = uow.session
        s.execute(
            insert(Building),
            [
                {"id": b, "name": f"School {n:02d}", "kind": "school"}
                for n, b in enumerate(buildings)
            ],
        )
        batch: list[dict[str, object]] = []
        links: list[dict[str, object]] = []
        for n in range(people):
            pid = uuid.uuid4().hex
            building = rng.choice(buildings)
            staff = rng.random() < staff_share
            kind = "staff" if staff else rng.choice(("student", "student", "parent", "volunteer"))
            batch.append(
                {
                    "id": pid,
                    "kind": kind,
                    "staff_role": rng.choice(ROLES) if staff else None,
                    "given_name": f"Given{n}",
                    "family_name": f"Family{n}",
                    "email": f"p{n}@example.org",
                    "primary_building_id": building,
                    "active": True,
                    "enabled": True,
                }
            )
            links.append({"person_id": pid, "building_id": building})
            if staff:
                staff_ids.append(pid)
            if len(batch) == 10000:
                s.execute(insert(Person), batch)
                s.execute(insert(PersonBuilding), links)
                batch, links = [], []
        if batch:
            s.execute(insert(Person), batch)
            s.execute(insert(PersonBuilding), links)
        uow.commit()
    return staff_ids


def run(url: str, people: int, staff_share: float, signers: int) -> None:
    upgrade(url)
    db = Database(url)
    started = time.perf_counter()
    staff = generate(db, people, staff_share)
    took = time.perf_counter() - started
    print(f"generated {people:,} people ({len(staff):,} staff) in {took:.1f}s")

    t = time.perf_counter()
    with db.uow(write=True) as uow:
        campaign = open_campaign(
            uow=uow,
            version=builtin_version("wilmette-39"),
            title="Annual acknowledgment",
            opens_at=NOW,
            due_at=NOW + dt.timedelta(days=30),
            now=NOW,
            include_volunteers=True,
        )
        campaign_id = campaign.id
    with db.uow() as uow:
        assigned = uow.session.scalar(
            select(AckAssignment.id).where(AckAssignment.campaign_id == campaign_id).limit(1)
        )
        total = len(
            list(
                uow.session.scalars(
                    select(AckAssignment.id).where(AckAssignment.campaign_id == campaign_id)
                )
            )
        )
    assert assigned is not None
    print(f"open campaign, assign {total:,} people: {time.perf_counter() - t:.2f}s")

    t = time.perf_counter()
    for n, pid in enumerate(staff[:signers]):
        with db.uow(write=True) as uow:
            person = uow.session.get(Person, pid)
            assert person is not None
            acknowledge(
                uow=uow,
                campaign_id=campaign_id,
                person_id=pid,
                typed_name=f"{person.given_name} {person.family_name}",
                confirmed=True,
                now=NOW + dt.timedelta(seconds=n),
            )
    elapsed = time.perf_counter() - t
    print(
        f"sign {signers:,} through the use case: {elapsed:.2f}s "
        f"({1000 * elapsed / max(signers, 1):.1f} ms each)"
    )
    # Two thirds of the rest have signed, for realistic figures (not timed).
    with db.uow(write=True) as uow:
        rest = staff[signers:]
        signed = rest[: len(rest) * 2 // 3]
        for start in range(0, len(signed), 5000):
            uow.session.execute(
                update(AckAssignment)
                .where(
                    AckAssignment.campaign_id == campaign_id,
                    AckAssignment.person_id.in_(signed[start : start + 5000]),
                )
                .values(acknowledged_at=NOW + dt.timedelta(days=3))
            )
        uow.commit()

    district = domain.CompletionScope(True, frozenset(), "")
    t = time.perf_counter()
    with db.uow() as uow:
        row = uow.session.get(AckCampaign, campaign_id)
        assert row is not None
        report = reads.completion_of(uow.session, row, district, NOW + dt.timedelta(days=4))
    print(
        f"completion by {len(report.by_building)} buildings and {len(report.by_role)} roles: "
        f"{time.perf_counter() - t:.2f}s ({report.total.acknowledged:,} of "
        f"{report.total.assigned:,}, {report.total.percent}%)"
    )

    t = time.perf_counter()
    with db.uow(write=True) as uow:
        csv_text = export_completion(
            uow=uow,
            campaign_id=campaign_id,
            scope=district,
            actor_id=None,
            now=NOW + dt.timedelta(days=4),
        )
    print(
        f"CSV export, {csv_text.count(chr(10)) - 1:,} rows, {len(csv_text) / 1e6:.1f} MB: "
        f"{time.perf_counter() - t:.2f}s"
    )

    t = time.perf_counter()
    with db.uow(write=True) as uow:
        counts = remind(uow=uow, now=NOW + dt.timedelta(days=31), deliver=None)
    print(
        f"one reminder round after the due date ({counts['reminded']:,} reminded, "
        f"{counts['escalated']:,} escalated): {time.perf_counter() - t:.2f}s"
    )

    with db.uow(write=True) as uow:
        hire = Person(kind="staff", staff_role="teacher", given_name="New", family_name="Hire")
        uow.session.add(hire)
        uow.session.flush()
        t = time.perf_counter()
        assign_new_people(uow=uow, person_ids=[hire.id], now=NOW)
        uow.commit()
    print(f"assign one new hire to the open campaign: {time.perf_counter() - t:.3f}s")
    db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--staff-share", type=float, default=0.05)
    parser.add_argument("--signers", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("LANYARD_BENCH_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"== SQLite, {args.people:,} people")
        run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", args.people, args.staff_share, args.signers)
    if args.postgres:
        with postgres_schema(args.postgres) as url:
            print(f"== PostgreSQL, {args.people:,} people")
            run(url, args.people, args.staff_share, args.signers)


if __name__ == "__main__":
    main()
