"""Reports and cases: the use cases.

Every function named after a use case (``report``, ``record_contact_attempt``,
``acknowledge``, ``add_note``, ``attach``, ``close``, ``view_case``, ``download``,
``show_mandated_duty``, ``escalate_overdue``) runs in the caller's unit of work, writes
its audit entry there and commits. :func:`open_case` is the building block other
features call *inside their own use case*: it does not commit (the caller does), and its
notifications are mailed after that commit.

Bad input raises :class:`~lanyard.cases.domain.CaseProblem` (naming the field) before
anything is written; a case the person may not see raises :class:`CaseNotFound`, the
same as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import Principal, can_see_case
from lanyard.cases import domain
from lanyard.cases.orm import (
    Case,
    CaseAttachment,
    CaseNote,
    CaseSubject,
    ContactAttempt,
    MandatedDutyShown,
)
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import Person
from lanyard.notify.service import notify
from lanyard.policy import load_pack
from lanyard.policy.pack import PackDocument, ReportType

Deliver = Callable[[list[str]], None]
CONTACT_SOURCE = "contact_attempts"
FALLBACK_ROLE = "lanyard_admin"


class CaseNotFound(LookupError):
    """No such case, or not one this person may see (indistinguishable on purpose)."""


def case_link(case_id: str) -> str:
    return f"/reports/cases/{case_id}"


# -- routing ------------------------------------------------------------------------------


def holders(session: Session, roles: Sequence[str], building_id: str | None) -> list[str]:
    ids: list[str] = []
    for role in roles:
        ids.extend(p.id for p in directory.holders_of(session, role, building_id=building_id))
    return list(dict.fromkeys(ids))


def handler_ids(session: Session, case: Case) -> list[str]:
    """The people handling the case now: holders of its roles for its building (or
    district-wide)."""
    return holders(session, case.roles, case.building_id)


def _route(
    session: Session, pack: PackDocument, report: ReportType, building_id: str | None
) -> list[str]:
    """The routed roles; where nobody holds them, the first escalation step that somebody
    holds, and failing that the Lanyard administrators (a report never goes unseen)."""
    roles = list(domain.routed_roles(report))
    if holders(session, roles, building_id):
        return roles
    for role in domain.escalation_ladder((r.id for r in pack.roles), roles):
        roles.append(role)
        if holders(session, [role], building_id):
            return roles
    return [*roles, FALLBACK_ROLE]


def _tell(
    uow: UnitOfWork,
    person_ids: Sequence[str],
    *,
    subject: str,
    body: str,
    case_id: str,
    now: dt.datetime,
    deliver: Deliver | None,
) -> None:
    if person_ids:
        notify(
            uow=uow,
            person_ids=person_ids,
            subject=subject,
            body=body,
            now=now,
            link=case_link(case_id),
            kind="case",
            deliver=deliver,
        )


def _deadline_words(at: dt.datetime) -> str:
    return f"{at:%B %-d, %Y at %H:%M} UTC"


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
    deliver: Deliver | None = None,
) -> Case:
    """Open a case of the pack's ``report_type`` for ``building_id``, route it to the roles
    the pack names, notify their holders (after commit) and audit it. Does NOT commit: call
    it inside your use case and commit there. ``source`` says where it came from
    ("report", "contact_attempts", "moderation", ...); ``student_ids`` are the students it
    is about (kept as ids; never put a student's name in ``summary`` if it goes to e-mail —
    it does not: notifications carry only the report's title and a link)."""
    pack = load_pack(pack_id).document
    report = domain.report_type(pack, report_type)
    if domain.is_mandated(report):
        raise domain.CaseProblem(
            "report_type",
            "suspected abuse or neglect is reported by you to the state hotline, not in Lanyard",
        )
    summary = domain.text("summary", summary)
    session = uow.session
    roles = _route(session, pack, report, building_id)
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
            "ack_due_at": case.ack_due_at.isoformat(),
            "subjects": list(dict.fromkeys(student_ids)),
        },
    )
    _tell(
        uow,
        handler_ids(session, case),
        subject=f"New report for you: {report.title}"[:200],
        body=(
            f"A report ({report.title}) was routed to you under {report.clause}. "
            f"Please acknowledge it by {_deadline_words(case.ack_due_at)}."
        ),
        case_id=case.id,
        now=now,
        deliver=deliver,
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


# -- handling -------------------------------------------------------------------------------


def _case_for(session: Session, case_id: str, *, lock: bool = False) -> Case:
    stmt = select(Case).where(Case.id == case_id)
    if lock:
        stmt = stmt.with_for_update()
    case = session.scalars(stmt).first()
    if case is None:
        raise CaseNotFound(case_id)
    return case


def _handler_case(session: Session, case_id: str, person_id: str) -> tuple[Case, list[str]]:
    case = _case_for(session, case_id, lock=True)
    handlers = handler_ids(session, case)
    if person_id not in handlers:
        if person_id == case.reporter_id:
            raise domain.CaseProblem(
                "case", "only the people the case is routed to acknowledge or close it"
            )
        raise CaseNotFound(case_id)
    return case, handlers


def _audit(
    session: Session,
    event: AuditEvent,
    case: Case,
    actor_id: str,
    now: dt.datetime,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
) -> None:
    record(
        session,
        event=event,
        subject_type="case",
        subject_id=case.id,
        now=now,
        actor_id=actor_id,
        building_id=case.building_id,
        before=before,
        after=after,
    )


def acknowledge(*, uow: UnitOfWork, case_id: str, person_id: str, now: dt.datetime) -> Case:
    """A handler takes the case: the deadline is met and escalation stops."""
    session = uow.session
    case, _ = _handler_case(session, case_id, person_id)
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
    _audit(
        session,
        AuditEvent.CASE_ACKNOWLEDGED,
        case,
        person_id,
        now,
        before={"state": "open"},
        after={"state": case.state, "late": now > case.ack_due_at},
    )
    if case.reporter_id and case.reporter_id != person_id:
        _tell(
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


def _participant(session: Session, case_id: str, person_id: str) -> Case:
    case = _case_for(session, case_id)
    if person_id != case.reporter_id and person_id not in handler_ids(session, case):
        raise CaseNotFound(case_id)
    return case


def add_note(
    *, uow: UnitOfWork, case_id: str, author_id: str, body: str, now: dt.datetime
) -> CaseNote:
    """The reporter or a handler adds a note (not to a closed case)."""
    session = uow.session
    case = _participant(session, case_id, author_id)
    body = domain.text("note", body)
    if case.state == domain.CaseState.CLOSED:
        raise domain.CaseProblem("note", "the case is closed")
    note = CaseNote(case_id=case.id, author_id=author_id, at=now, body=body)
    session.add(note)
    session.flush()
    _audit(
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
    case = _participant(session, case_id, uploader_id)
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
    _audit(
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
    case, _ = _handler_case(session, case_id, person_id)
    outcome = domain.text("outcome", outcome)
    if case.state == domain.CaseState.CLOSED:
        raise domain.CaseProblem("case", "the case is already closed")
    before = case.state
    if case.acknowledged_at is None:
        case.acknowledged_at, case.acknowledged_by_id = now, person_id
    case.state = domain.CaseState.CLOSED
    case.closed_at, case.closed_by_id, case.outcome = now, person_id, outcome
    session.flush()
    _audit(
        session,
        AuditEvent.CASE_CLOSED,
        case,
        person_id,
        now,
        before={"state": before},
        after={"state": case.state},
    )
    if case.reporter_id and case.reporter_id != person_id:
        _tell(
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


def escalate_overdue(*, uow: UnitOfWork, now: dt.datetime, deliver: Deliver | None = None) -> int:
    """Move every unacknowledged case past its deadline one step up the ladder (a fresh
    deadline of the same length), telling the new handlers. Claims each case with a
    conditional update, so two runners never escalate one twice."""
    session = uow.session
    due = list(
        session.scalars(
            select(Case).where(Case.state == domain.CaseState.OPEN, Case.ack_due_at <= now)
        )
    )
    count = 0
    for case in due:
        pack = load_pack(case.pack_id).document
        try:
            report_type = domain.report_type(pack, case.report_type)
        except domain.CaseProblem:
            continue
        routed = domain.routed_roles(report_type)
        ladder = [
            r
            for r in domain.escalation_ladder((r.id for r in pack.roles), routed)
            if r not in case.roles
        ]
        step = domain.next_escalation(
            state=case.state,
            ack_due_at=case.ack_due_at,
            level=0,
            ladder=ladder,
            window=domain.ack_window(report_type),
            now=now,
        )
        if step is None:
            continue
        claimed = session.execute(
            update(Case)
            .where(
                Case.id == case.id,
                Case.state == domain.CaseState.OPEN,
                Case.ack_due_at == case.ack_due_at,
            )
            .values(
                ack_due_at=step.ack_due_at,
                escalated_at=now,
                escalation_level=Case.escalation_level + 1,
                roles=[*case.roles, step.role],
            )
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            continue
        session.refresh(case)
        record(
            session,
            event=AuditEvent.CASE_ESCALATED,
            subject_type="case",
            subject_id=case.id,
            now=now,
            building_id=case.building_id,
            after={
                "role": step.role,
                "level": case.escalation_level,
                "ack_due_at": step.ack_due_at.isoformat(),
            },
        )
        _tell(
            uow,
            holders(session, [step.role], case.building_id),
            subject=f"Overdue report escalated to you: {case.title}"[:200],
            body=(
                f"A report was not acknowledged in time and has been escalated to you. "
                f"Please acknowledge it by {_deadline_words(step.ack_due_at)}."
            ),
            case_id=case.id,
            now=now,
            deliver=deliver,
        )
        count += 1
    uow.commit()
    return count


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseView:
    case: Case
    handlers: list[Person]
    subjects: list[Person]
    notes: list[CaseNote]
    attachments: list[CaseAttachment]
    people: dict[str, str]  # id -> display name (authors, reporter, acknowledger)
    report: ReportType | None
    may_handle: bool
    overdue: bool


def view_case(*, uow: UnitOfWork, case_id: str, viewer: Principal, now: dt.datetime) -> CaseView:
    """Open a case (it holds student data: the read is audited)."""
    session = uow.session
    case = _case_for(session, case_id)
    handlers = handler_ids(session, case)
    if not can_see_case(viewer, reporter_id=case.reporter_id, handler_ids=handlers):
        raise CaseNotFound(case_id)
    subjects = list(
        session.scalars(
            select(Person)
            .join(CaseSubject, CaseSubject.person_id == Person.id)
            .where(CaseSubject.case_id == case.id)
        )
    )
    notes = list(
        session.scalars(select(CaseNote).where(CaseNote.case_id == case.id).order_by(CaseNote.at))
    )
    attachments = list(
        session.scalars(
            select(CaseAttachment)
            .where(CaseAttachment.case_id == case.id)
            .order_by(CaseAttachment.at)
        )
    )
    ids = {n.author_id for n in notes} | {a.uploaded_by_id for a in attachments}
    ids |= {case.reporter_id, case.acknowledged_by_id, case.closed_by_id}
    people = {
        p.id: p.display_name
        for p in session.scalars(select(Person).where(Person.id.in_([i for i in ids if i])))
    }
    try:
        report_type: ReportType | None = domain.report_type(
            load_pack(case.pack_id).document, case.report_type
        )
    except (domain.CaseProblem, KeyError):
        report_type = None
    _audit(session, AuditEvent.CASE_VIEWED, case, viewer.person_id, now)
    uow.commit()
    return CaseView(
        case=case,
        handlers=[p for pid in handlers if (p := directory.get_person(session, pid))],
        subjects=subjects,
        notes=notes,
        attachments=attachments,
        people=people,
        report=report_type,
        may_handle=viewer.person_id in handlers and case.state != domain.CaseState.CLOSED,
        overdue=domain.overdue(state=case.state, ack_due_at=case.ack_due_at, now=now),
    )


def download(
    *, uow: UnitOfWork, case_id: str, attachment_id: str, viewer: Principal, now: dt.datetime
) -> CaseAttachment:
    """A file of a case, for someone who may see the case; audited; its hash re-checked."""
    session = uow.session
    case = _case_for(session, case_id)
    if not can_see_case(
        viewer, reporter_id=case.reporter_id, handler_ids=handler_ids(session, case)
    ):
        raise CaseNotFound(case_id)
    attachment = session.get(CaseAttachment, attachment_id)
    if attachment is None or attachment.case_id != case.id:
        raise CaseNotFound(attachment_id)
    _audit(
        session,
        AuditEvent.CASE_FILE_DOWNLOADED,
        case,
        viewer.person_id,
        now,
        after={"attachment_id": attachment.id, "sha256": attachment.sha256},
    )
    uow.commit()
    return attachment


def my_reports(session: Session, person_id: str) -> list[Case]:
    return list(
        session.scalars(
            select(Case).where(Case.reporter_id == person_id).order_by(Case.created_at.desc())
        )
    )


def queue(session: Session, principal: Principal, *, include_closed: bool = False) -> list[Case]:
    """Cases routed or escalated to the principal's roles for their buildings, soonest
    deadline first."""
    if not principal.roles:
        return []
    stmt = select(Case)
    if not include_closed:
        stmt = stmt.where(Case.state != domain.CaseState.CLOSED)
    mine = []
    for case in session.scalars(stmt.order_by(Case.ack_due_at)):
        for grant in principal.roles:
            if grant.role in case.roles and (
                grant.building_id is None or grant.building_id == case.building_id
            ):
                mine.append(case)
                break
    return mine


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
