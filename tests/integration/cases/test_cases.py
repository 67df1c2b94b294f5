"""Reports and cases end to end through the service layer, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from lanyard.audit.orm import AuditEntry
from lanyard.auth.permissions import Principal, RoleGrant
from lanyard.cases import reads, service
from lanyard.cases.domain import CaseProblem
from lanyard.cases.jobs import escalate_overdue
from lanyard.cases.orm import Case, CaseAttachment, CaseNote, ContactAttempt, MandatedDutyShown
from lanyard.db.session import Database
from lanyard.notify.orm import Notification
from tests.support.district import CaseHandlers, District, seed_case_handlers, seed_district

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def people(database: Database) -> tuple[District, CaseHandlers]:
    district = seed_district(database)
    return district, seed_case_handlers(database, district)


def _principal(person_id: str, *roles: RoleGrant) -> Principal:
    return Principal(person_id=person_id, kind="staff", roles=frozenset(roles))


def _count(db: Database, model: type[object]) -> int:
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]


def _events(db: Database) -> list[str]:
    with db.uow() as uow:
        return list(uow.session.scalars(select(AuditEntry.event).order_by(AuditEntry.seq)))


def _notified(db: Database) -> dict[str, list[str]]:
    with db.uow() as uow:
        rows = uow.session.execute(select(Notification.person_id, Notification.subject)).all()
    out: dict[str, list[str]] = {}
    for person_id, subject in rows:
        out.setdefault(person_id, []).append(subject)
    return out


def test_third_contact_attempt_is_in_one_case_for_the_supervisor(database, people):
    district, handlers = people
    counts = []
    for n in range(3):
        with database.uow() as uow:
            counts.append(
                service.record_contact_attempt(
                    uow=uow,
                    employee_id=district.teacher,
                    student_id=district.student,
                    channel="text_message",
                    pack_id="press-5-125",
                    now=NOW + dt.timedelta(hours=n),
                )
            )
    assert [c.count for c in counts] == [1, 2, 3]
    assert [c.opened for c in counts] == [False, True, False]
    assert counts[0].case_id is None and counts[1].case_id == counts[2].case_id
    assert counts[0].threshold == 2
    with database.uow() as uow:
        case = uow.session.get(Case, counts[1].case_id)
        assert case is not None
        assert case.report_type == "repeated-student-contact"
        assert case.roles == ["supervisor"]
        assert "Sam" not in case.summary  # the student is an id, not a name in the summary
        notes = list(uow.session.scalars(select(CaseNote.body)))
        queue = reads.queue(
            uow.session, _principal(handlers.supervisor, RoleGrant("supervisor", district.north))
        )
        queued = [c.id for c in queue]
    assert notes == ["Contact attempt 3 recorded (Text message)."]
    assert queued == [counts[1].case_id]
    subjects = _notified(database)[handlers.supervisor]
    assert len(subjects) == 1 and "Sam" not in subjects[0]
    assert _events(database).count("contact_attempt:recorded") == 3


def test_report_is_routed_by_building_and_hidden_from_everyone_else(database, people):
    district, handlers = people
    with database.uow() as uow:
        case = service.report(
            uow=uow,
            reporter_id=district.teacher,
            pack_id="wilmette-39",
            report_type="student-inappropriate-contact",
            student_id=district.student,
            details="Sent me a message at night about my weekend.",
            now=NOW,
        )
    assert case.building_id == district.north
    assert case.ack_due_at == NOW + dt.timedelta(hours=72)
    assert set(_notified(database)) == {handlers.supervisor, district.principal}

    def view(principal: Principal) -> tuple[list[str], bool]:
        with database.uow() as uow:
            seen = reads.view_case(uow=uow, case_id=case.id, viewer=principal, now=NOW)
            return [p.id for p in seen.subjects], seen.may_handle

    assert view(_principal(district.principal)) == ([district.student], True)
    assert view(_principal(district.teacher)) == ([district.student], False)
    assert view(_principal(district.admin, RoleGrant("lanyard_admin")))[1] is False
    for outsider in (district.south_teacher, handlers.tech):
        with pytest.raises(service.CaseNotFound):
            view(_principal(outsider))
    assert _events(database).count("case:viewed") == 3


def test_acknowledge_note_attach_close_and_their_refusals(database, people):
    district, handlers = people
    with database.uow() as uow:
        case = service.report(
            uow=uow,
            reporter_id=district.teacher,
            pack_id="wilmette-39",
            report_type="security-breach",
            student_id=None,
            details="A shared password was posted on the staff room wall.",
            now=NOW,
        )
    assert case.roles == ["technology_administrator", "district_administrator"]
    assert case.ack_due_at == NOW + dt.timedelta(hours=1)
    with database.uow() as uow, pytest.raises(CaseProblem, match="^case: only the people"):
        service.acknowledge(uow=uow, case_id=case.id, person_id=district.teacher, now=NOW)
    with database.uow() as uow, pytest.raises(service.CaseNotFound):
        service.acknowledge(uow=uow, case_id=case.id, person_id=district.principal, now=NOW)
    with database.uow() as uow:
        service.acknowledge(uow=uow, case_id=case.id, person_id=handlers.tech, now=NOW)
    with database.uow() as uow, pytest.raises(CaseProblem, match="already acknowledged"):
        service.acknowledge(uow=uow, case_id=case.id, person_id=handlers.tech, now=NOW)
    with database.uow() as uow, pytest.raises(CaseProblem, match="^note: this is required"):
        service.add_note(uow=uow, case_id=case.id, author_id=handlers.tech, body="  ", now=NOW)
    with database.uow() as uow:
        service.add_note(
            uow=uow, case_id=case.id, author_id=handlers.tech, body="Password reset.", now=NOW
        )
    with database.uow() as uow, pytest.raises(CaseProblem, match="^file: the file is not a PDF"):
        service.attach(
            uow=uow,
            case_id=case.id,
            uploader_id=district.teacher,
            filename="photo.pdf",
            content_type="application/pdf",
            data=b"MZ\x90\x00 not a pdf",
            now=NOW,
        )
    with database.uow() as uow:
        service.attach(
            uow=uow,
            case_id=case.id,
            uploader_id=district.teacher,
            filename="wall.png",
            content_type="image/png",
            data=PNG,
            now=NOW,
        )
    with database.uow() as uow, pytest.raises(CaseProblem, match="^outcome: this is required"):
        service.close(uow=uow, case_id=case.id, person_id=handlers.tech, outcome="", now=NOW)
    with database.uow() as uow:
        closed = service.close(
            uow=uow,
            case_id=case.id,
            person_id=handlers.tech,
            outcome="Reset; wall cleaned.",
            now=NOW,
        )
    assert closed.state == "closed"
    with database.uow() as uow, pytest.raises(CaseProblem, match="already closed"):
        service.close(uow=uow, case_id=case.id, person_id=handlers.tech, outcome="x", now=NOW)
    assert _count(database, CaseNote) == 1 and _count(database, CaseAttachment) == 1
    events = _events(database)
    for event in ("case:acknowledged", "case:note_added", "case:file_attached", "case:closed"):
        assert events.count(event) == 1
    with database.uow() as uow:
        attachment = reads.download(
            uow=uow,
            case_id=case.id,
            attachment_id=uow.session.scalars(select(CaseAttachment.id)).one(),
            viewer=_principal(district.teacher),
            now=NOW,
        )
    assert attachment.data == PNG


def test_overdue_case_escalates_once_per_deadline_and_stops_when_acknowledged(database, people):
    district, handlers = people
    with database.uow() as uow:
        case = service.report(
            uow=uow,
            reporter_id=district.teacher,
            pack_id="wilmette-39",
            report_type="security-breach",
            student_id=None,
            details="Someone logged in as me.",
            now=NOW,
        )
    with database.uow() as uow:
        assert escalate_overdue(uow=uow, now=NOW + dt.timedelta(minutes=59)) == 0
    late = NOW + dt.timedelta(hours=1)
    with database.uow() as uow:
        assert escalate_overdue(uow=uow, now=late) == 1
    with database.uow() as uow:
        assert escalate_overdue(uow=uow, now=late) == 0
        escalated = uow.session.get(Case, case.id)
        assert escalated is not None
        assert escalated.roles[-1] == "superintendent_or_designee"
        assert escalated.escalation_level == 1
        assert escalated.ack_due_at == late + dt.timedelta(hours=1)
    assert any("escalated" in s for s in _notified(database)[handlers.superintendent])
    with database.uow() as uow:  # the ladder is used up: nothing more to escalate to
        assert escalate_overdue(uow=uow, now=late + dt.timedelta(hours=5)) == 0
    with database.uow() as uow:
        service.acknowledge(uow=uow, case_id=case.id, person_id=handlers.superintendent, now=late)


def test_bad_report_inputs_change_nothing(database, people):
    district, _ = people
    bad = [
        ({"report_type": "no-such-type"}, "^report_type: 'no-such-type' is not a report type"),
        ({"details": " "}, "^details: this is required"),
        ({"student_id": district.teacher}, "^student: not a student on file"),
    ]
    for change, message in bad:
        args = {
            "reporter_id": district.teacher,
            "pack_id": "wilmette-39",
            "report_type": "student-inappropriate-contact",
            "student_id": district.student,
            "details": "Something happened.",
            **change,
        }
        with database.uow() as uow, pytest.raises(CaseProblem, match=message):
            service.report(uow=uow, now=NOW, **args)  # type: ignore[arg-type]
    with database.uow() as uow, pytest.raises(CaseProblem, match="^report_type: suspected"):
        service.report(
            uow=uow,
            reporter_id=district.teacher,
            pack_id="press-5-125",
            report_type="suspected-abuse-or-neglect",
            student_id=None,
            details="x",
            now=NOW,
        )
    with database.uow() as uow, pytest.raises(CaseProblem, match="^channel:"):
        service.record_contact_attempt(
            uow=uow,
            employee_id=district.teacher,
            student_id=district.student,
            channel="carrier pigeon",
            pack_id="press-5-125",
            now=NOW,
        )
    assert _count(database, Case) == 0 and _count(database, ContactAttempt) == 0
    assert _count(database, AuditEntry) == 0


def test_mandated_duty_is_shown_and_recorded_without_making_a_report(database, people):
    district, _ = people
    with database.uow() as uow:
        duty = service.show_mandated_duty(
            uow=uow, person_id=district.teacher, pack_id="press-5-125", now=NOW
        )
    assert duty.hotline.phone == "1-800-252-2873"
    assert duty.quote is not None and "policy 5:90" in duty.quote
    assert _count(database, MandatedDutyShown) == 1
    assert _count(database, Case) == 0
    assert _events(database) == ["mandated_duty:shown"]


def test_open_case_for_another_feature_commits_with_the_callers_transaction(database, people):
    district, _ = people
    with database.uow() as uow:
        service.open_case(
            uow=uow,
            pack_id="naperville-203",
            report_type="threatening-post",
            building_id=district.north,
            summary="A comment on the North page threatens a student.",
            now=NOW,
            source="moderation",
        )
        # not committed: leaving the unit of work rolls it back
    assert _count(database, Case) == 0
    with database.uow() as uow:
        case = service.open_case(
            uow=uow,
            pack_id="naperville-203",
            report_type="threatening-post",
            building_id=district.north,
            summary="A comment on the North page threatens a student.",
            now=NOW,
            source="moderation",
        )
        uow.commit()
    assert case.ack_due_at == NOW + dt.timedelta(hours=1)
    # nobody holds building_administration: routed up to the principal / superintendent
    assert case.roles[0] == "building_administration"
    assert len(case.roles) > 1
