"""Reading the directory under permissions: search scoped to what the principal may see,
and a person's record (a sensitive read: audited as ``person:viewed``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import Principal, can_view_person, directory_scope
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import (
    ApprovalOnFile,
    Building,
    Person,
    PersonBuilding,
    RelationshipDisclosure,
    RoleAssignment,
)


@dataclass(frozen=True)
class PersonSummary:
    id: str
    name: str
    kind: str
    staff_role: str | None
    buildings: tuple[str, ...]  # names, in name order
    building_ids: tuple[str, ...] = ()  # the same buildings' ids, in the same order


@dataclass(frozen=True)
class RoleHeld:
    role: str
    building: str | None  # None: district-wide


@dataclass(frozen=True)
class ApprovalHeld:
    form: str
    granted_at: dt.datetime
    expires_at: dt.datetime | None
    granted_by: str | None
    conditions: str | None

    def expired(self, now: dt.datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


@dataclass(frozen=True)
class DisclosureHeld:
    kind: str
    student: str
    description: str | None
    disclosed_at: dt.datetime


@dataclass(frozen=True)
class PersonRecord:
    summary: PersonSummary
    email: str | None
    grades: str | None
    roles: tuple[RoleHeld, ...]
    approvals: tuple[ApprovalHeld, ...]
    disclosures: tuple[DisclosureHeld, ...]


def _summary(person: Person) -> PersonSummary:
    return PersonSummary(
        id=person.id,
        name=person.display_name,
        kind=person.kind,
        staff_role=person.staff_role,
        buildings=tuple(b.name for b in person.buildings),
        building_ids=tuple(b.id for b in person.buildings),
    )


def _scoped(principal: Principal, query: Select[Any]) -> Select[Any]:
    scope = directory_scope(principal)
    if scope.district:
        return query
    if scope.building_ids:
        in_building = select(PersonBuilding.person_id).where(
            PersonBuilding.building_id.in_(scope.building_ids)
        )
        return query.where(
            or_(
                Person.id == principal.person_id,
                Person.id.in_(in_building),
                Person.primary_building_id.in_(scope.building_ids),
            )
        )
    return query.where(Person.id == principal.person_id)


def search_directory(
    session: Session, *, principal: Principal, q: str, limit: int = 50
) -> list[PersonSummary]:
    """People matching ``q`` (name, e-mail or identifier) that the principal may see."""
    query = select(Person).where(Person.active.is_(True))
    words = q.split()[:5]
    for word in words:
        pattern = f"%{word.lower()}%"
        query = query.where(
            or_(
                func.lower(Person.given_name).like(pattern),
                func.lower(Person.family_name).like(pattern),
                func.lower(func.coalesce(Person.preferred_given_name, "")).like(pattern),
                func.lower(func.coalesce(Person.email, "")).like(pattern),
                func.lower(func.coalesce(Person.identifier, "")).like(pattern),
            )
        )
    if not words and len(q) > 0:
        query = query.where(false())
    query = _scoped(principal, query).order_by(Person.family_name, Person.given_name, Person.id)
    return [_summary(p) for p in session.scalars(query.limit(limit))]


def person_buildings(session: Session, person: Person) -> set[str]:
    ids = set(
        session.scalars(
            select(PersonBuilding.building_id).where(PersonBuilding.person_id == person.id)
        )
    )
    if person.primary_building_id:
        ids.add(person.primary_building_id)
    return ids


# A record's three reads, built once (the home page reads the signed-in person's record on
# every visit): the roles, then the approvals and disclosures with the granter's and the
# student's names as columns (Person entities would load each one's buildings as well).
_granter = aliased(Person)
_student = aliased(Person)
_ROLES = (
    select(RoleAssignment.role, Building.name)
    .outerjoin(Building, Building.id == RoleAssignment.building_id)
    .where(RoleAssignment.person_id == bindparam("person_id"))
    .order_by(RoleAssignment.role)
)
_APPROVALS = (
    select(
        ApprovalOnFile.form,
        ApprovalOnFile.granted_at,
        ApprovalOnFile.expires_at,
        ApprovalOnFile.conditions,
        _granter.given_name,
        _granter.preferred_given_name,
        _granter.family_name,
    )
    .outerjoin(_granter, _granter.id == ApprovalOnFile.granted_by_id)
    .where(ApprovalOnFile.person_id == bindparam("person_id"), ApprovalOnFile.revoked.is_(False))
    .order_by(ApprovalOnFile.granted_at.desc())
)
_DISCLOSURES = (
    select(
        RelationshipDisclosure.kind,
        RelationshipDisclosure.description,
        RelationshipDisclosure.disclosed_at,
        _student.given_name,
        _student.preferred_given_name,
        _student.family_name,
    )
    .join(_student, _student.id == RelationshipDisclosure.student_id)
    .where(
        RelationshipDisclosure.employee_id == bindparam("person_id"),
        RelationshipDisclosure.withdrawn.is_(False),
    )
    .order_by(RelationshipDisclosure.disclosed_at.desc())
)


def _record(session: Session, person: Person, now: dt.datetime) -> PersonRecord:
    whose = {"person_id": person.id}
    roles = session.execute(_ROLES, whose).all()
    approvals = session.execute(_APPROVALS, whose).all()
    disclosures = session.execute(_DISCLOSURES, whose).all()
    return PersonRecord(
        summary=_summary(person),
        email=person.email,
        grades=person.grades,
        roles=tuple(RoleHeld(role, building) for role, building in roles),
        approvals=tuple(
            ApprovalHeld(
                form=a.form,
                granted_at=a.granted_at,
                expires_at=a.expires_at,
                granted_by=_name(a.given_name, a.preferred_given_name, a.family_name),
                conditions=a.conditions,
            )
            for a in approvals
        ),
        disclosures=tuple(
            DisclosureHeld(
                kind=d.kind,
                student=_name(d.given_name, d.preferred_given_name, d.family_name) or "",
                description=d.description,
                disclosed_at=d.disclosed_at,
            )
            for d in disclosures
        ),
    )


def _name(given: str | None, preferred: str | None, family: str | None) -> str | None:
    """A person's display name from its columns (None when the outer join found nobody)."""
    if given is None and family is None:
        return None
    return f"{preferred or given} {family}"


def own_record(session: Session, *, principal: Principal, now: dt.datetime) -> PersonRecord:
    """The principal's own roles, approvals and disclosures (not audited: your own)."""
    person = session.get(Person, principal.person_id)
    if person is None:
        raise LookupError(principal.person_id)
    return _record(session, person, now)


def open_person_record(
    *, uow: UnitOfWork, principal: Principal, person_id: str, now: dt.datetime
) -> PersonRecord | None:
    """The record of ``person_id`` if the principal may see it, audited as
    ``person:viewed``; None alike when the person does not exist and when it is
    forbidden, so the caller cannot tell the two apart."""
    session = uow.session
    person = session.get(Person, person_id)
    if person is None:
        return None
    buildings = person_buildings(session, person)
    if not can_view_person(principal, person_id=person.id, person_buildings=buildings):
        return None
    result = _record(session, person, now)
    record(
        session,
        event=AuditEvent.PERSON_VIEWED,
        subject_type="person",
        subject_id=person.id,
        actor_id=principal.person_id,
        building_id=person.primary_building_id,
        now=now,
        after={"kind": person.kind},
    )
    uow.commit()
    return result
