"""Reads the communication audit needs from other features' tables: the directory as
the resolver sees it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.directory.orm import (
    ApprovalOnFile,
    EmailDomain,
    Enrollment,
    ParentLink,
    Person,
    RelationshipDisclosure,
    SchoolClass,
)
from lanyard.messages.domain import Directory, HeldApproval, Known, Span, Teaching
from lanyard.messages.orm import KnownAddress


def load_directory(
    session: Session,
    *,
    extra_domains: Iterable[str] = (),
    platform_ids: Mapping[str, str] | None = None,
) -> Directory:
    """The directory as of now, for resolving one log. ``platform_ids`` maps platform
    keys (``canvas:1815``) to SIS ids (a person's sourcedId)."""
    people: dict[str, Known] = {}
    by_sourced: dict[str, Known] = {}
    by_id: dict[str, Known] = {}
    email_of: dict[str, str] = {}
    for p in session.execute(
        select(
            Person.id,
            Person.sourced_id,
            Person.kind,
            Person.staff_role,
            Person.email,
            Person.primary_building_id,
            Person.grades,
            Person.birth_date,
            Person.active,
        ).execution_options(yield_per=_ROWS)
    ):
        known = Known(
            p.id, p.kind, p.staff_role, p.primary_building_id, p.grades, p.birth_date, p.active
        )
        by_id[p.id] = known
        if p.sourced_id:
            by_sourced[p.sourced_id] = known
        if p.email:
            email = p.email.strip().lower()
            email_of[p.id] = email
            # Two records on one address (an employee who is also a parent): the
            # employee's record speaks for the address.
            if email not in people or known.kind in ("staff", "volunteer"):
                people[email] = known
    personal: set[str] = set()
    for address, person_id in session.execute(
        select(KnownAddress.address, KnownAddress.person_id).execution_options(yield_per=_ROWS)
    ):
        if person_id in by_id:
            people[address] = by_id[person_id]
            personal.add(address)
    for key, sourced_id in (platform_ids or {}).items():
        if sourced_id in by_sourced:
            people[key] = by_sourced[sourced_id]
    same = {person_id: known.person_id for person_id, known in by_id.items()}
    employee_by_email = {
        email: people[email].person_id
        for email in email_of.values()
        if people.get(email) is not None and people[email].kind in ("staff", "volunteer")
    }
    links: set[tuple[str, str]] = set()
    for parent_id, student_id in session.execute(
        select(ParentLink.parent_id, ParentLink.student_id).execution_options(yield_per=_ROWS)
    ):
        # the person's own id string, not one more copy of it for every row
        parent_id, student_id = same.get(parent_id, parent_id), same.get(student_id, student_id)
        links.add((parent_id, student_id))
        employee = employee_by_email.get(email_of.get(parent_id, ""))
        if employee is not None:
            links.add((employee, student_id))
    disclosures = {
        (d.employee_id, d.student_id): d.kind
        for d in session.execute(
            select(
                RelationshipDisclosure.employee_id,
                RelationshipDisclosure.student_id,
                RelationshipDisclosure.kind,
            ).where(RelationshipDisclosure.withdrawn.is_(False))
        )
    }
    approvals: dict[str, list[HeldApproval]] = {}
    for a in session.execute(
        select(
            ApprovalOnFile.person_id,
            ApprovalOnFile.form,
            ApprovalOnFile.granted_at,
            ApprovalOnFile.expires_at,
            ApprovalOnFile.limits,
        ).where(ApprovalOnFile.revoked.is_(False))
    ):
        approvals.setdefault(a.person_id, []).append(
            HeldApproval(a.form, a.granted_at, a.expires_at, tuple(a.limits or ()))
        )
    teaching = _teaching(session, same)
    domains = {d.lower() for d in session.scalars(select(EmailDomain.domain))}
    domains |= {d.strip().lower() for d in extra_domains if d.strip()}
    return Directory(
        district_domains=domains,
        people=people,
        personal_keys=personal,
        parent_links=links,
        disclosures=disclosures,
        approvals={k: tuple(v) for k, v in approvals.items()},
        teaching=teaching,
    )


TEACHING_ROLES = ("teacher", "aide")
# rows fetched at a time: the directory's tables are read in parts, not held whole before
# they become the resolver's maps (for 100,000 people and 360,000 enrollments, about
# 110 MB less in the importing process, which keeps its peak for the whole import)
_ROWS = 10_000


def _teaching(session: Session, same: Mapping[str, str]) -> Teaching | None:
    """Who is enrolled in which active class, from when to when (OneRoster enrollments);
    None when no class is on file. ``same`` gives each person id's string already held, so
    that hundreds of thousands of enrollments share their ids' strings."""
    if session.scalar(select(SchoolClass.id).limit(1)) is None:
        return None
    teachers: dict[str, list[Span]] = {}
    students: dict[str, list[Span]] = {}
    classes: dict[str, str] = {}
    for class_id, person_id, role, begin, end in session.execute(
        select(Enrollment.class_id, Enrollment.person_id, Enrollment.role)
        .add_columns(Enrollment.begin_date, Enrollment.end_date)
        .join(SchoolClass, SchoolClass.id == Enrollment.class_id)
        .where(SchoolClass.active.is_(True))
        .execution_options(yield_per=_ROWS)
    ):
        class_id = classes.setdefault(class_id, class_id)
        person_id = same.get(person_id, person_id)
        if role in TEACHING_ROLES:
            teachers.setdefault(person_id, []).append((class_id, begin, end))
        elif role == "student":
            students.setdefault(person_id, []).append((class_id, begin, end))
    return Teaching(teachers, students)
