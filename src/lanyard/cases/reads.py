"""Reading cases: the case page (an audited read), file downloads, my reports, my queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent
from lanyard.auth.permissions import Principal, can_see_case
from lanyard.auth.roles import role_label, role_table
from lanyard.cases import domain
from lanyard.cases.orm import Case, CaseAttachment, CaseNote, CaseSubject, ContactAttempt
from lanyard.cases.panels import CasePanel, panels_for
from lanyard.cases.routing import CaseNotFound, audit_case, case_for, case_link, handler_ids
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import Person
from lanyard.notify.orm import Notification
from lanyard.notify.service import mark_read_about
from lanyard.policy import load_pack
from lanyard.policy.pack import ReportType

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
    told: list[Told] = field(default_factory=list)  # who has been told, first first
    outside: tuple[str, ...] = ()  # outside contacts the policy names (Lanyard cannot tell)
    builtin: bool = False  # Lanyard's report type (the pack has none for this)
    panels: list[CasePanel] = field(default_factory=list)


@dataclass(frozen=True)
class Told:
    """One person Lanyard told about the case: when, why, and what became of the e-mail."""

    name: str
    why: str
    at: dt.datetime
    email: str  # pending | sending | sent | failed
    read: bool


def told(session: Session, case: Case) -> list[Told]:
    """Everyone notified about the case (opening, escalation, replies), from the
    notifications that link to it."""
    rows = session.execute(
        select(Notification, Person)
        .join(Person, Person.id == Notification.person_id)
        .where(Notification.link == case_link(case.id))
        .order_by(Notification.created_at, Person.family_name)
    ).all()
    held: dict[str, list[str]] = {}
    table = role_table(case.pack_id)
    for role in case.roles:
        for person in directory.holders_of(session, role, building_id=case.building_id):
            held.setdefault(person.id, []).append(role_label(table, role))
    out: list[Told] = []
    for note, person in rows:
        reasons = list(held.get(person.id, []))
        if person.id in (case.contact_ids or ()):
            reasons.append("district safety contact")
        if person.id == case.reporter_id:
            reasons.append("reporter")
        out.append(
            Told(
                name=person.display_name,
                why=", ".join(reasons) or "handler",
                at=note.created_at,
                email=note.email_status,
                read=note.read_at is not None,
            )
        )
    return out


def seen_case(session: Session, case_id: str, viewer: Principal) -> tuple[Case, list[str]]:
    """The case and the people handling it, for someone who may see it (its reporter, its
    handlers, a Lanyard administrator); else :class:`CaseNotFound`, as for no such case."""
    case = case_for(session, case_id)
    handlers = handler_ids(session, case)
    if not can_see_case(viewer, reporter_id=case.reporter_id, handler_ids=handlers):
        raise CaseNotFound(case_id)
    return case, handlers


def view_case(*, uow: UnitOfWork, case_id: str, viewer: Principal, now: dt.datetime) -> CaseView:
    """Open a case (it holds student data: the read is audited)."""
    session = uow.session
    case, handlers = seen_case(session, case_id, viewer)
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
    handler_people = [p for pid in handlers if (p := directory.get_person(session, pid))]
    pack = load_pack(case.pack_id).document
    audit_case(session, AuditEvent.CASE_VIEWED, case, viewer.person_id, now)
    # the viewer has seen it: their notifications about it (a report, a threat) are read
    mark_read_about(session, person_id=viewer.person_id, link=case_link(case.id), now=now)
    told_list = told(session, case)
    panels = panels_for(session, case, viewer)
    uow.commit()
    return CaseView(
        told=told_list,
        outside=domain.outside_contacts(report_type) if report_type else (),
        builtin=bool(report_type and domain.is_builtin(pack, report_type)),
        panels=panels,
        case=case,
        handlers=handler_people,
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
    case, _ = seen_case(session, case_id, viewer)
    attachment = session.get(CaseAttachment, attachment_id)
    if attachment is None or attachment.case_id != case.id:
        raise CaseNotFound(attachment_id)
    audit_case(
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
    """Cases routed or escalated to the principal's roles for their buildings, or to them
    by name (the district's safety contact of a threat), soonest deadline first."""
    stmt = select(Case)
    if not include_closed:
        stmt = stmt.where(Case.state != domain.CaseState.CLOSED)
    buildings = {grant.building_id for grant in principal.roles}
    if None not in buildings:
        # No district-wide role: only the cases of the roles' buildings can be theirs (not
        # every open case of the district, read on every home page), and the few routed to
        # people by name.
        stmt = stmt.where(
            or_(Case.building_id.in_(buildings), func.json_array_length(Case.contact_ids) > 0)
        )
    mine = []
    for case in session.scalars(stmt.order_by(Case.ack_due_at)):
        if principal.person_id in (case.contact_ids or ()):
            mine.append(case)
            continue
        for grant in principal.roles:
            if grant.role in case.roles and (
                grant.building_id is None or grant.building_id == case.building_id
            ):
                mine.append(case)
                break
    return mine


def resolve_student(session: Session, *, query: str, building_ids: frozenset[str]) -> Person:
    """The one active student of the reporter's buildings named by ``query`` (a name, an
    e-mail, a student number, or an id); a clear refusal naming the field otherwise."""
    query = query.strip()
    if not query:
        raise domain.CaseProblem("student", "name the student")
    if not building_ids:
        raise domain.CaseProblem("student", "you are not assigned to a building")
    exact = directory.get_person(session, query)
    if exact is not None:
        found = [exact]
    else:
        found = directory.search_people(
            session, query=query, building_ids=set(building_ids), limit=20
        )
    students = [
        p
        for p in found
        if p.kind == "student" and p.active and {b.id for b in p.buildings} & building_ids
    ]
    if not students:
        raise domain.CaseProblem("student", "no student by that name or number in your building")
    if len(students) > 1:
        raise domain.CaseProblem(
            "student", f"{len(students)} students match; add the student number or e-mail"
        )
    return students[0]


@dataclass(frozen=True)
class ContactRow:
    student_id: str
    student_name: str
    count: int
    last_at: dt.datetime
    case_id: str | None


def my_contact_attempts(session: Session, employee_id: str) -> list[ContactRow]:
    """The attempts an employee recorded, one row per student (their own record)."""
    rows: dict[str, ContactRow] = {}
    stmt = (
        select(ContactAttempt, Person)
        .join(Person, Person.id == ContactAttempt.student_id)
        .where(ContactAttempt.employee_id == employee_id)
        .order_by(ContactAttempt.at)
    )
    for attempt, student in session.execute(stmt):
        before = rows.get(student.id)
        rows[student.id] = ContactRow(
            student_id=student.id,
            student_name=student.display_name,
            count=(before.count if before else 0) + 1,
            last_at=attempt.at,
            case_id=attempt.case_id or (before.case_id if before else None),
        )
    return sorted(rows.values(), key=lambda r: r.last_at, reverse=True)
