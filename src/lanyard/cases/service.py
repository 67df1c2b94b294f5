"""Reports and cases: the use cases.

Every use case (``report``, ``record_contact_attempt``, ``acknowledge``, ``add_note``,
``attach``, ``close``, ``show_mandated_duty``; reads in :mod:`lanyard.cases.reads`,
escalation in :mod:`lanyard.cases.jobs`) runs in the caller's unit of work, writes its
audit entry there and commits. :func:`open_case` is the building block other features call
*inside their own use case*: it does not commit (the caller does), and its notifications
are mailed after that commit.

Bad input raises :class:`~lanyard.cases.domain.CaseProblem` (naming the field) before
anything is written; a case the person may not see raises
:class:`~lanyard.cases.routing.CaseNotFound`, the same as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.cases import domain
from lanyard.cases.orm import (
    Case,
    CaseAttachment,
    CaseNote,
    CaseSubject,
    ContactAttempt,
    MandatedDutyShown,
)
from lanyard.cases.routing import (
    CaseNotFound,
    Deliver,
    audit_case,
    deadline_words,
    handler_case,
    handler_ids,
    participant,
    route,
    tell,
)
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import Person
from lanyard.local_time import district_zone
from lanyard.policy import load_pack

__all__ = [
    "CaseNotFound",
    "open_case",
    "report",
    "record_contact_attempt",
    "acknowledge",
    "add_note",
    "attach",
    "close",
    "show_mandated_duty",
    "contact_count",
]
CONTACT_SOURCE = "contact_attempts"


# -- opening --------------------------------------------------------------------------------


def open_case(
    *,
    uow: UnitOfWork,
    pack_id: str,
    report_type: str,
    building_id: str | None,
    summary: str,
    now: dt.datetime,
    reporter_id: str | None = None,
    source: str = "report",
    student_ids: Sequence[str] = (),
    contact_ids: Sequence[str] = (),
    deliver: Deliver | None = None,
    kind: str = "case",
) -> Case:
    """Open a case of the pack's ``report_type`` for ``building_id``, route it to the roles
    the pack names, notify their holders (after commit) and audit it. Does NOT commit: call
    it inside your use case and commit there. ``source`` says where it came from
    ("report", "contact_attempts", "moderation", ...); ``student_ids`` are the students it
    is about (kept as ids; never put a student's name in ``summary`` if it goes to e-mail —
    it does not: notifications carry only the report's title and a link). ``contact_ids``
    are people it is routed to besides the holders of the routed roles (the district's
    safety contact); ``kind`` is the notifications' kind ("threat" is shown as urgent)."""
    pack = load_pack(pack_id).document
    report = domain.report_type(pack, report_type)
    if domain.is_mandated(report):
        raise domain.CaseProblem("report_type", domain.MANDATED_REFUSAL)
    summary = domain.text("summary", summary)
    session = uow.session
    roles = route(session, pack, report, building_id)
    case = Case(
        pack_id=pack.id,
        report_type=report.id,
        title=report.title[:255],
        building_id=building_id,
        state=domain.CaseState.OPEN,
        source=source,
        reporter_id=reporter_id,
        summary=summary,
        roles=roles,
        contact_ids=list(dict.fromkeys(contact_ids)),
        created_at=now,
        ack_due_at=domain.ack_due(report, now),
        escalation_level=0,
    )
    session.add(case)
    session.flush()
    for student_id in dict.fromkeys(student_ids):
        session.add(CaseSubject(case_id=case.id, person_id=student_id))
    record(
        session,
        event=AuditEvent.CASE_OPENED,
        subject_type="case",
        subject_id=case.id,
        now=now,
        actor_id=reporter_id,
        building_id=building_id,
        after={
            "pack": pack.id,
            "report_type": report.id,
            "source": source,
            "roles": roles,
            "contacts": case.contact_ids,
            "ack_due_at": case.ack_due_at.isoformat(),
            "subjects": list(dict.fromkeys(student_ids)),
        },
    )
    tell(
        uow,
        handler_ids(session, case),
        subject=f"New report for you: {report.title}"[:200],
        body=(
            f"A report ({report.title}) was routed to you under {report.clause}. "
            f"Please acknowledge it by {deadline_words(case.ack_due_at, district_zone(session))}."
        ),
        case_id=case.id,
        now=now,
        deliver=deliver,
        kind=kind,
    )
    return case


def _student(session: Session, student_id: str | None, *, required: bool) -> Person | None:
    if not student_id:
        if required:
            raise domain.CaseProblem("student", "name the student")
        return None
    person = directory.get_person(session, student_id)
    if person is None or person.kind != "student" or not person.active:
        raise domain.CaseProblem("student", "not a student on file")
    return person


def _building_of(session: Session, *people: Person | None) -> str | None:
    for person in people:
        if person is None:
            continue
        if person.primary_building_id:
            return person.primary_building_id
        if person.buildings:
            return person.buildings[0].id
    return None


def report(
    *,
    uow: UnitOfWork,
    reporter_id: str,
    pack_id: str,
    report_type: str,
    student_id: str | None,
    details: str,
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> Case:
    """An employee files a report of the pack's type (about a student, where there is one)."""
    session = uow.session
    pack = load_pack(pack_id).document
    chosen = domain.report_type(pack, report_type)
    if domain.is_mandated(chosen):
        raise domain.CaseProblem("report_type", domain.MANDATED_REFUSAL)
    if chosen not in domain.fileable(pack):
        raise domain.CaseProblem(
            "report_type", "this is not a report filed in Lanyard (see the duty shown)"
        )
    details = domain.text("details", details)
    reporter = directory.get_person(session, reporter_id)
    if reporter is None:
        raise domain.CaseProblem("reporter", "not a person on file")
    student = _student(session, student_id, required=False)
    case = open_case(
        uow=uow,
        pack_id=pack_id,
        report_type=chosen.id,
        building_id=_building_of(session, student, reporter),
        summary=details,
        now=now,
        reporter_id=reporter_id,
        source="report",
        student_ids=[student.id] if student else (),
        deliver=deliver,
    )
    uow.commit()
    return case


# -- contact attempts -----------------------------------------------------------------------


@dataclass(frozen=True)
class ContactCount:
    count: int
    threshold: int | None
    report_title: str | None
    case_id: str | None  # the case the attempts are in, if one is open
    opened: bool = False  # this attempt opened it


def _open_contact_case(session: Session, employee_id: str, student_id: str) -> Case | None:
    return session.scalars(
        select(Case)
        .join(CaseSubject, CaseSubject.case_id == Case.id)
        .where(
            Case.source == CONTACT_SOURCE,
            Case.reporter_id == employee_id,
            CaseSubject.person_id == student_id,
            Case.state != domain.CaseState.CLOSED,
        )
        .order_by(Case.created_at.desc())
    ).first()


def _attempts(session: Session, employee_id: str, student_id: str) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(ContactAttempt)
            .where(
                ContactAttempt.employee_id == employee_id, ContactAttempt.student_id == student_id
            )
        )
        or 0
    )


def contact_count(
    session: Session, *, pack_id: str, employee_id: str, student_id: str
) -> ContactCount:
    """The count so far for one student, the pack's threshold and the open case (a read)."""
    report_type = domain.contact_report_type(load_pack(pack_id).document)
    case = _open_contact_case(session, employee_id, student_id)
    return ContactCount(
        count=_attempts(session, employee_id, student_id),
        threshold=report_type.threshold if report_type else None,
        report_title=report_type.title if report_type else None,
        case_id=case.id if case else None,
    )


def record_contact_attempt(
    *,
    uow: UnitOfWork,
    employee_id: str,
    student_id: str,
    channel: str,
    pack_id: str,
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> ContactCount:
    """Count a student's attempt to contact the employee. When the count reaches the pack's
    threshold, a case opens to the roles the pack names (once: later attempts are added to
    that case while it is not closed)."""
    session = uow.session
    channel = domain.channel(channel)
    employee = directory.get_person(session, employee_id)
    if employee is None or employee.kind not in {"staff", "volunteer"}:
        raise domain.CaseProblem("employee", "not an employee on file")
    student = _student(session, student_id, required=True)
    assert student is not None
    pack = load_pack(pack_id).document
    report_type = domain.contact_report_type(pack)
    attempt = ContactAttempt(
        employee_id=employee_id, student_id=student.id, at=now, channel=channel
    )
    session.add(attempt)
    session.flush()
    count = _attempts(session, employee_id, student.id)
    case = _open_contact_case(session, employee_id, student.id)
    opened = False
    if case is not None:
        session.add(
            CaseNote(
                case_id=case.id,
                author_id=None,
                at=now,
                body=f"Contact attempt {count} recorded ({domain.CHANNELS[channel]}).",
            )
        )
    elif report_type is not None and domain.threshold_reached(count, report_type.threshold):
        case = open_case(
            uow=uow,
            pack_id=pack.id,
            report_type=report_type.id,
            building_id=_building_of(session, student, employee),
            summary=(
                f"{employee.display_name} recorded {count} attempts by a student to contact "
                f"them through personal technology or social media (the latest by "
                f"{domain.CHANNELS[channel].lower()}). The policy's threshold is "
                f"{report_type.threshold}."
            ),
            now=now,
            reporter_id=employee_id,
            source=CONTACT_SOURCE,
            student_ids=[student.id],
            deliver=deliver,
        )
        opened = True
    attempt.case_id = case.id if case else None
    record(
        session,
        event=AuditEvent.CONTACT_ATTEMPT_RECORDED,
        subject_type="contact_attempt",
        subject_id=attempt.id,
        now=now,
        actor_id=employee_id,
        building_id=_building_of(session, student, employee),
        after={
            "student_id": student.id,
            "channel": channel,
            "count": count,
            "case_id": attempt.case_id,
            "opened_case": opened,
        },
    )
    uow.commit()
    return ContactCount(
        count=count,
        threshold=report_type.threshold if report_type else None,
        report_title=report_type.title if report_type else None,
        case_id=case.id if case else None,
        opened=opened,
    )


def acknowledge(*, uow: UnitOfWork, case_id: str, person_id: str, now: dt.datetime) -> Case:
    """A handler takes the case: the deadline is met and escalation stops."""
    session = uow.session
    case, _ = handler_case(session, case_id, person_id)
    if case.state != domain.CaseState.OPEN:
        raise domain.CaseProblem("case", f"the case is already {case.state}")
    done = session.execute(
        update(Case)
        .where(Case.id == case.id, Case.state == domain.CaseState.OPEN)
        .values(
            state=domain.CaseState.ACKNOWLEDGED, acknowledged_at=now, acknowledged_by_id=person_id
        )
        .execution_options(synchronize_session="fetch")
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]
        raise domain.CaseProblem("case", "the case was acknowledged a moment ago")
    session.refresh(case)
    audit_case(
        session,
        AuditEvent.CASE_ACKNOWLEDGED,
        case,
        person_id,
        now,
        before={"state": "open"},
        after={"state": case.state, "late": now > case.ack_due_at},
    )
    if case.reporter_id and case.reporter_id != person_id:
        tell(
            uow,
            [case.reporter_id],
            subject="Your report was acknowledged",
            body="Someone handling your report has acknowledged it.",
            case_id=case.id,
            now=now,
            deliver=None,
        )
    uow.commit()
    return case


def add_note(
    *, uow: UnitOfWork, case_id: str, author_id: str, body: str, now: dt.datetime
) -> CaseNote:
    """The reporter or a handler adds a note (not to a closed case)."""
    session = uow.session
    case = participant(session, case_id, author_id)
    body = domain.text("note", body)
    if case.state == domain.CaseState.CLOSED:
        raise domain.CaseProblem("note", "the case is closed")
    note = CaseNote(case_id=case.id, author_id=author_id, at=now, body=body)
    session.add(note)
    session.flush()
    audit_case(
        session,
        AuditEvent.CASE_NOTE_ADDED,
        case,
        author_id,
        now,
        after={"note_id": note.id, "length": len(body)},
    )
    uow.commit()
    return note


def attach(
    *,
    uow: UnitOfWork,
    case_id: str,
    uploader_id: str,
    filename: str,
    content_type: str,
    data: bytes,
    now: dt.datetime,
) -> CaseAttachment:
    """The reporter or a handler attaches a file (checked type and size, SHA-256 kept)."""
    session = uow.session
    case = participant(session, case_id, uploader_id)
    checked = domain.check_attachment(filename, content_type, data)
    if case.state == domain.CaseState.CLOSED:
        raise domain.CaseProblem("file", "the case is closed")
    attachment = CaseAttachment(
        case_id=case.id,
        uploaded_by_id=uploader_id,
        at=now,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        data=data,
    )
    session.add(attachment)
    session.flush()
    audit_case(
        session,
        AuditEvent.CASE_FILE_ATTACHED,
        case,
        uploader_id,
        now,
        after={
            "attachment_id": attachment.id,
            "sha256": checked.sha256,
            "size": checked.size,
            "content_type": checked.content_type,
        },
    )
    uow.commit()
    return attachment


def close(*, uow: UnitOfWork, case_id: str, person_id: str, outcome: str, now: dt.datetime) -> Case:
    """A handler closes the case with its outcome (acknowledging it if nobody had)."""
    session = uow.session
    case, _ = handler_case(session, case_id, person_id)
    outcome = domain.text("outcome", outcome)
    if case.state == domain.CaseState.CLOSED:
        raise domain.CaseProblem("case", "the case is already closed")
    before = case.state
    if case.acknowledged_at is None:
        case.acknowledged_at, case.acknowledged_by_id = now, person_id
    case.state = domain.CaseState.CLOSED
    case.closed_at, case.closed_by_id, case.outcome = now, person_id, outcome
    session.flush()
    audit_case(
        session,
        AuditEvent.CASE_CLOSED,
        case,
        person_id,
        now,
        before={"state": before},
        after={"state": case.state},
    )
    if case.reporter_id and case.reporter_id != person_id:
        tell(
            uow,
            [case.reporter_id],
            subject="Your report was closed",
            body="The report you filed has been closed. The outcome is in Lanyard.",
            case_id=case.id,
            now=now,
            deliver=None,
        )
    uow.commit()
    return case


def show_mandated_duty(
    *, uow: UnitOfWork, person_id: str, pack_id: str, now: dt.datetime
) -> domain.MandatedDuty:
    """Show the employee the mandated reporter's duty and the hotline; keep that they were
    shown it. Lanyard makes no report."""
    pack = load_pack(pack_id).document
    duty = domain.mandated_duty(pack)
    shown = MandatedDutyShown(person_id=person_id, pack_id=pack.id, state=pack.state, shown_at=now)
    uow.session.add(shown)
    uow.session.flush()
    record(
        uow.session,
        event=AuditEvent.MANDATED_DUTY_SHOWN,
        subject_type="mandated_duty",
        subject_id=shown.id,
        now=now,
        actor_id=person_id,
        after={"pack": pack.id, "state": pack.state, "hotline": duty.hotline.name},
    )
    uow.commit()
    return duty
