"""``lanyard demo seed``: the demo district, every pack role staffed, demo sign-ins, and
running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from lanyard.auth.orm import Account
from lanyard.auth.passwords import verify_password
from lanyard.connectors.oneroster import open_package, read_roster
from lanyard.db.session import Database
from lanyard.directory.demo import (
    DEMO_APPROVAL_FORM,
    DEMO_PASSWORD,
    pack_role_ids,
    seed_demo,
    write_demo_district,
)
from lanyard.directory.orm import Building, Person, RoleAssignment
from lanyard.directory.service import approvals_held, approvals_on_file, disclosures_of

from .helpers import NOW, snapshot


def test_the_demo_export_is_a_valid_1_1_district(tmp_path: Path) -> None:
    write_demo_district(tmp_path)
    roster = read_roster(open_package(tmp_path))
    assert roster.orgs is not None and roster.people is not None
    kinds = Counter(o.kind for o in roster.orgs.values())
    assert kinds == {"school": 4, "district": 1}
    people = Counter(p.kind for p in roster.people.values())
    assert 1900 <= people["student"] <= 2200
    assert 130 <= people["staff"] <= 170
    assert people["parent"] > 1000
    assert roster.parent_links and len(roster.parent_links) >= people["student"]
    today = dt.date(2026, 1, 15)
    under_13 = [
        p for p in roster.people.values()
        if p.birth_date and (today - p.birth_date).days < 13 * 365
    ]  # fmt: skip
    assert under_13
    emails = {
        p.email.split("@")[1] for p in roster.people.values() if p.email and p.kind != "parent"
    }
    assert emails == {"demo-district.example.org", "students.demo-district.example.org"}
    # the same seed writes the same files
    again = tmp_path / "again"
    write_demo_district(again)
    assert (again / "users.csv").read_bytes() == (tmp_path / "users.csv").read_bytes()


def test_seed_staffs_every_pack_role_and_is_idempotent(database: Database) -> None:
    outcome = seed_demo(db=database, pack_id="naperville-203", now=NOW)
    # Naperville 203's pack gives no role the duty to manage roles: the demo's director of
    # technology is made Lanyard administrator so that someone can grant them.
    roles = [*pack_role_ids("naperville-203"), "lanyard_admin"]
    assert set(outcome.roles) == set(roles)

    with database.uow() as uow:
        s = uow.session
        held = {r.role for r in s.scalars(select(RoleAssignment))}
        assert held == set(roles)
        principals = s.execute(
            select(RoleAssignment.building_id).where(RoleAssignment.role == "building_principal")
        ).scalars()
        schools = set(s.scalars(select(Building.id).where(Building.kind == "school")))
        assert set(principals) == schools  # one per building
        coaches = list(s.scalars(select(Person).where(Person.staff_role == "coach")))
        assert coaches
        accounts = list(s.scalars(select(Account)))
        # a teacher, a coach and every holder of a role (four principals, four in the office)
        holders = {r.person_id for r in s.scalars(select(RoleAssignment))}
        assert len(accounts) == 2 + len(holders) == 10
        assert all(verify_password(a.password_hash or "", DEMO_PASSWORD) for a in accounts)
        coach_ids = {c.id for c in coaches}
        coach = next(a for a in accounts if a.person_id in coach_ids)
        assert approvals_on_file(s, coach.person_id, now=NOW) == [DEMO_APPROVAL_FORM]
        (held,) = approvals_held(s, coach.person_id, now=NOW)
        assert held.limits == ["group_only", "students_district_accounts"]
        disclosing = [a for a in accounts if disclosures_of(s, a.person_id)]
        assert len(disclosing) == 1
        assert disclosures_of(s, disclosing[0].person_id)[0].kind == "religious"

    before = snapshot(database)
    again = seed_demo(db=database, pack_id="naperville-203", now=NOW + dt.timedelta(hours=1))
    assert not again.imported.changed
    assert again.assignments_added == 0
    assert snapshot(database) == before
    with database.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Account)) == 10
