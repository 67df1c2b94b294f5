"""Acknowledgment campaigns on real SQLite and PostgreSQL: who is assigned, signing, what
changed between versions, reminders and escalation through a real SMTP server (aiosmtpd),
new hires from a directory import, the annual review and the completion export."""

from __future__ import annotations

import datetime as dt
import email
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from lanyard.acknowledgments import domain, reads
from lanyard.acknowledgments.jobs import remind
from lanyard.acknowledgments.orm import AckAssignment, Acknowledgment, PolicyReview
from lanyard.acknowledgments.service import (
    PackVersion,
    acknowledge,
    builtin_version,
    export_completion,
    open_campaign,
    record_review,
)
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import verify
from lanyard.db.session import Database
from lanyard.directory.orm import Person, PersonBuilding
from lanyard.notify.mailers import SmtpNotifier
from lanyard.notify.service import send_pending
from tests.integration.directory.helpers import copy_set, run_import
from tests.integration.notify.test_notify import Inbox, free_port
from tests.support.district import District, seed_district

NOW = dt.datetime(2026, 8, 20, 12, 0, tzinfo=dt.UTC)
DUE = NOW + dt.timedelta(days=30)


@pytest.fixture
def district(database: Database) -> District:
    return seed_district(database)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def open_(database: Database, version: PackVersion | None = None, **kw: object) -> str:
    with database.uow(write=True) as uow:
        campaign = open_campaign(
            uow=uow,
            version=version or builtin_version("wilmette-39"),
            title=str(kw.pop("title", "Annual acknowledgment 2026-27")),
            opens_at=NOW,
            due_at=DUE,
            now=NOW,
            **kw,  # type: ignore[arg-type]
        )
        return campaign.id


def assigned(database: Database, campaign_id: str) -> set[str]:
    with database.uow() as uow:
        return set(
            uow.session.scalars(
                select(AckAssignment.person_id).where(AckAssignment.campaign_id == campaign_id)
            )
        )


def sign(database: Database, campaign_id: str, person_id: str, name: str, at: dt.datetime) -> None:
    with database.uow(write=True) as uow:
        acknowledge(
            uow=uow,
            campaign_id=campaign_id,
            person_id=person_id,
            typed_name=name,
            confirmed=True,
            now=at,
        )


def test_campaign_assigns_its_audience_by_role_building_and_volunteers(
    database: Database, district: District
) -> None:
    with database.uow(write=True) as uow:
        volunteer = Person(
            kind="volunteer", given_name="Val", family_name="Unteer", email="val@example.org"
        )
        uow.session.add(volunteer)
        uow.session.flush()
        uow.session.add(PersonBuilding(person_id=volunteer.id, building_id=district.north))
        uow.commit()
        volunteer_id = volunteer.id
    everyone = open_(database, include_volunteers=True)
    assert assigned(database, everyone) == {
        district.teacher,
        district.principal,
        district.admin,
        district.south_teacher,
        volunteer_id,
    }  # staff and the volunteer; never students
    north_teachers = open_(database, roles=["teacher"], building_ids=[district.north])
    assert assigned(database, north_teachers) == {district.teacher}


def test_signing_needs_the_directory_name_and_the_box_and_keeps_the_version(
    database: Database, district: District
) -> None:
    campaign_id = open_(database)
    with database.uow(write=True) as uow, pytest.raises(domain.AckProblem, match="full name"):
        acknowledge(
            uow=uow,
            campaign_id=campaign_id,
            person_id=district.teacher,
            typed_name="Tina Someone",
            confirmed=True,
            now=NOW,
        )
    with database.uow(write=True) as uow, pytest.raises(domain.AckProblem, match="tick the box"):
        acknowledge(
            uow=uow,
            campaign_id=campaign_id,
            person_id=district.teacher,
            typed_name="tina  TEACH",
            confirmed=False,
            now=NOW,
        )
    sign(database, campaign_id, district.teacher, " tina teach ", NOW + dt.timedelta(hours=1))
    with pytest.raises(domain.AckProblem, match="already"):
        sign(database, campaign_id, district.teacher, "Tina Teach", NOW + dt.timedelta(hours=2))
    with database.uow() as uow:
        signed = uow.session.scalars(select(Acknowledgment)).one()
        entries = list(uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        assert verify(uow.session)[1] == []
        uow.session.expunge_all()
    pack = builtin_version("wilmette-39")
    assert (signed.pack_id, signed.pack_version) == ("wilmette-39", "2023-11-13.2")
    import hashlib

    assert signed.content_hash == hashlib.sha256(pack.pack_text.encode()).hexdigest()
    assert signed.person_id == district.teacher and signed.signed_name == "tina teach"
    assert signed.at == NOW + dt.timedelta(hours=1)
    columns = set(Acknowledgment.__table__.columns.keys())
    assert not columns & {"ip", "ip_address", "user_agent", "device"}
    ack_entries = [e for e in entries if e.event == "policy:acknowledged"]
    assert len(ack_entries) == 1 and ack_entries[0].actor_id == district.teacher


def new_version() -> PackVersion:
    """The district adopts a new version: one exception dropped (an answer changes), one
    clause reworded, one removed, one added."""
    old = builtin_version("wilmette-39")
    pack = old.pack_text.replace('version: "2023-11-13.2"', 'version: "2026-08-01.1"')
    pack = pack.replace("        - actor.role: [volunteer, student_teacher]\n", "", 1)
    assert pack != old.pack_text
    assert old.provisions_text is not None
    inv = old.provisions_text
    inv = inv.replace(
        'quote: "Employees are prohibited from using technology to communicate with a student '
        'for personal purposes."',
        'quote: "Employees and volunteers are prohibited from using technology to communicate '
        'with a student for personal purposes."',
        1,
    )
    start = inv.index("  - id: intro-expects-adherence")
    end = inv.index("  - id: key-access-intended-for-education")
    inv = inv[:start] + inv[end:]
    inv += (
        "  - id: new-volunteers-clause\n"
        "    kind: prohibition\n"
        '    clause: "Section III, paragraph 1 (2026)"\n'
        '    quote: "Volunteers are held to the same rule."\n'
        "    carried_by:\n"
        "      - rule: no-personal-communication-with-students\n"
    )
    return PackVersion(pack_text=pack, provisions_text=inv, file="pack.yaml")


def test_new_version_shows_changes_only_to_those_who_signed_the_old_one(
    database: Database, district: District
) -> None:
    first = open_(database)
    sign(database, first, district.teacher, "Tina Teach", NOW)
    second = open_(database, new_version(), title="Policy revised August 2026")
    with database.uow() as uow:
        tina = reads.reading(uow.session, second, district.teacher)
        steve = reads.reading(uow.session, second, district.south_teacher)
        open_ids = [c.id for c in reads.campaigns(uow.session) if c.state == "open"]
        uow.session.expunge_all()
    assert open_ids == [second]  # the old version's campaign closed
    assert tina.changes_only and not steve.changes_only
    changes = tina.changes
    assert changes is not None and (changes.from_version, changes.to_version) == (
        "2023-11-13.2",
        "2026-08-01.1",
    )
    assert [c.key for c in changes.added] == ["new-volunteers-clause"]
    assert [c.key for c in changes.removed] == ["intro-expects-adherence"]
    assert [b.key for b, _ in changes.reworded] == ["key-no-personal-communication-with-students"]
    words = [a.words for a in changes.answers]
    assert any("was allowed, now prohibited under Section III" in w for w in words), words
    sign(database, second, district.teacher, "Tina Teach", NOW + dt.timedelta(days=1))
    sign(database, second, district.south_teacher, "Steve South", NOW + dt.timedelta(days=1))
    with database.uow() as uow:
        kinds = dict(
            uow.session.execute(
                select(Acknowledgment.person_id, Acknowledgment.changes_only).where(
                    Acknowledgment.campaign_id == second
                )
            ).all()
        )
    assert kinds == {district.teacher: True, district.south_teacher: False}


def _mails(inbox: Inbox) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for envelope in inbox.messages:
        message = email.message_from_bytes(envelope.content)
        for to in envelope.rcpt_tos:
            out.setdefault(to, []).append(str(message["Subject"]))
    return out


def test_reminders_and_escalation_reach_a_real_smtp_server(
    database: Database, district: District, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    notifier = SmtpNotifier(f"smtp://127.0.0.1:{port}", "Lanyard <lanyard@example.org>")

    def deliver_at(at: dt.datetime):  # type: ignore[no-untyped-def]
        return lambda ids: send_pending(database, notifier, now=at, ids=ids)

    campaign = open_(database)
    sign(database, campaign, district.admin, "Ada Admin", NOW)

    day1 = NOW + dt.timedelta(days=1)
    with database.uow(write=True) as uow:
        assert remind(uow=uow, now=day1, deliver=deliver_at(day1)) == {
            "assigned": 0,
            "reminded": 3,
            "escalated": 0,
        }
    mails = _mails(inbox)
    assert set(mails) == {
        "tina.teach@example.org",
        "paula.prince@example.org",
        "steve.south@example.org",
    }  # Ada signed: no reminder
    assert mails["tina.teach@example.org"] == [
        "Reminder: acknowledge Annual acknowledgment 2026-27"
    ]
    with database.uow(write=True) as uow:  # the same day again: nothing new
        assert remind(uow=uow, now=day1 + dt.timedelta(hours=6), deliver=None)["reminded"] == 0

    sign(database, campaign, district.teacher, "Tina Teach", NOW + dt.timedelta(days=2))
    inbox.messages.clear()
    late = DUE + dt.timedelta(days=1)
    with database.uow(write=True) as uow:
        counts = remind(uow=uow, now=late, deliver=deliver_at(late))
    assert counts == {"assigned": 0, "reminded": 2, "escalated": 2}
    mails = _mails(inbox)
    # Paula (North's principal) hears that one North person (herself) is overdue; South has
    # no principal, so the Lanyard administrator hears about Steve.
    assert (
        "1 overdue in North Elementary: Annual acknowledgment 2026-27"
        in mails["paula.prince@example.org"]
    )
    assert mails["ada.admin@example.org"] == [
        "1 overdue in South Middle: Annual acknowledgment 2026-27"
    ]
    assert "Overdue: acknowledge Annual acknowledgment 2026-27" in mails["steve.south@example.org"]
    assert "tina.teach@example.org" not in mails
    inbox.messages.clear()
    with database.uow(write=True) as uow:  # escalated once only
        assert remind(uow=uow, now=late + dt.timedelta(days=1), deliver=None)["escalated"] == 0


def test_a_new_hire_from_a_directory_import_is_assigned_the_open_campaign(
    database: Database, tmp_path: Path
) -> None:
    first = copy_set(tmp_path, name="first")
    run_import(database, first)
    campaign = open_(database)
    before = assigned(database, campaign)
    assert before
    second = copy_set(tmp_path, name="second")
    with (second / "users.csv").open("a", encoding="utf-8") as f:
        f.write(
            "u-t-2000,,,true,s-110,teacher,nhire,,Nora,Hire,,E2000,nhire@example.org,,,,,,nk-99\n"
        )
    run_import(database, second)
    with database.uow() as uow:
        nora = uow.session.scalars(select(Person.id).where(Person.sourced_id == "u-t-2000")).one()
        events = list(uow.session.scalars(select(AuditEntry.event).order_by(AuditEntry.seq)))
    assert assigned(database, campaign) == before | {nora}
    assert events[-2:] == ["ack_campaign:assigned", "directory:imported"]


def test_the_annual_review_is_a_task_recorded_with_date_and_outcome(
    database: Database, district: District
) -> None:
    open_(database)
    with database.uow() as uow:
        (task,) = reads.open_reviews(uow.session)
        uow.session.expunge_all()
    assert task.due_at == DUE and task.state == "open"
    with database.uow(write=True) as uow, pytest.raises(domain.AckProblem, match="notes"):
        record_review(
            uow=uow,
            review_id=task.id,
            actor_id=district.admin,
            reviewed_on=NOW.date(),
            outcome="revise",
            notes=" ",
            now=NOW,
        )
    with database.uow(write=True) as uow:
        record_review(
            uow=uow,
            review_id=task.id,
            actor_id=district.admin,
            reviewed_on=NOW.date(),
            outcome="no_change",
            notes="Board reviewed in August.",
            now=NOW,
        )
    with database.uow() as uow:
        done = uow.session.get(PolicyReview, task.id)
        assert done is not None
        assert (done.state, done.reviewed_on, done.outcome) == ("done", NOW.date(), "no_change")
        assert reads.open_reviews(uow.session) == []


def test_completion_by_building_and_role_and_a_csv_limited_to_the_principals_building(
    database: Database, district: District
) -> None:
    campaign = open_(database)
    sign(database, campaign, district.teacher, "Tina Teach", NOW)
    with database.uow() as uow:
        from lanyard.acknowledgments.orm import AckCampaign

        row = uow.session.get(AckCampaign, campaign)
        assert row is not None
        report = reads.completion_of(
            uow.session, row, domain.CompletionScope(True, frozenset(), ""), NOW
        )
    by_building = {r.label: (r.assigned, r.acknowledged) for r in report.by_building}
    assert by_building == {"North Elementary": (3, 1), "South Middle": (1, 0)}
    by_role = {r.label: (r.assigned, r.acknowledged) for r in report.by_role}
    assert by_role == {"Administrators": (1, 0), "Other staff": (1, 0), "Teachers": (2, 1)}
    north = domain.CompletionScope(False, frozenset({district.north}), "")
    with database.uow(write=True) as uow:
        text = export_completion(
            uow=uow, campaign_id=campaign, scope=north, actor_id=district.principal, now=NOW
        )
    lines = text.strip().splitlines()
    assert lines[0] == "name,email,building,role,assigned_at,status,acknowledged_at"
    assert len(lines) == 4 and not any("Steve" in line for line in lines)
    assert any(line.startswith("Tina Teach,") and ",acknowledged," in line for line in lines)


def test_someone_who_left_is_no_longer_reminded_escalated_or_counted(
    database: Database, district: District, smtp: tuple[Inbox, int]
) -> None:
    from lanyard.acknowledgments.orm import AckCampaign

    inbox, port = smtp
    notifier = SmtpNotifier(f"smtp://127.0.0.1:{port}", "Lanyard <lanyard@example.org>")
    campaign = open_(database)
    sign(database, campaign, district.admin, "Ada Admin", NOW)
    sign(database, campaign, district.teacher, "Tina Teach", NOW)
    with database.uow(write=True) as uow:  # Steve leaves; an import deactivates him
        steve = uow.session.get(Person, district.south_teacher)
        assert steve is not None
        steve.active, steve.deactivated_at = False, NOW + dt.timedelta(days=3)
        uow.commit()

    late = DUE + dt.timedelta(days=1)
    with database.uow(write=True) as uow:
        counts = remind(
            uow=uow,
            now=late,
            deliver=lambda ids: send_pending(database, notifier, now=late, ids=ids),
        )
    assert counts == {"assigned": 0, "reminded": 1, "escalated": 1}  # Paula only
    mails = _mails(inbox)
    assert "steve.south@example.org" not in mails
    assert "ada.admin@example.org" not in mails  # nobody overdue in South any more
    assert mails["paula.prince@example.org"] == [
        "Overdue: acknowledge Annual acknowledgment 2026-27",
        "1 overdue in North Elementary: Annual acknowledgment 2026-27",
    ]

    district_wide = domain.CompletionScope(True, frozenset(), "")
    with database.uow() as uow:
        row = uow.session.get(AckCampaign, campaign)
        assert row is not None
        report = reads.completion_of(uow.session, row, district_wide, late)
    assert {r.label: (r.assigned, r.overdue) for r in report.by_building} == {
        "North Elementary": (3, 1)
    }
    assert (report.total.assigned, report.total.acknowledged) == (3, 2)
    with database.uow(write=True) as uow:
        text = export_completion(
            uow=uow, campaign_id=campaign, scope=district_wide, actor_id=district.admin, now=late
        )
    [steve_line] = [line for line in text.splitlines() if line.startswith("Steve South,")]
    assert ",left the district," in steve_line
