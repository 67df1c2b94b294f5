"""Relationship disclosure use cases: record (the pack decides who is told), withdraw, open
(an audited read for anyone but the employee), and the reads the pages need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import Principal, can_disclose, can_view_disclosure
from lanyard.auth.service import principal_for
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import Person, PersonBuilding, RelationshipDisclosure
from lanyard.disclosures import domain
from lanyard.disclosures.domain import DisclosureInvalid, Routing
from lanyard.notify.service import notify
from lanyard.policy import load_pack

Deliver = Callable[[list[str]], None]


class DisclosureNotFound(Exception):
    def __init__(self) -> None:
        super().__init__("No such disclosure, or it is not yours to see.")


def routing_for(pack_id: str, kind: str) -> Routing:
    return domain.routing(load_pack(pack_id).document, kind)


def role_names(pack_id: str) -> dict[str, str]:
    return {r.id: r.name for r in load_pack(pack_id).document.roles}


def _buildings(session: Session, person_id: str) -> set[str]:
    return set(
        session.scalars(
            select(PersonBuilding.building_id).where(PersonBuilding.person_id == person_id)
        )
    )


def students_for(
    session: Session, *, employee_id: str, query: str, limit: int = 20
) -> list[Person]:
    """Active students of the employee's own buildings whose name matches ``query``."""
    if len(query.strip()) < 2:
        return []
    found = directory.search_people(
        session, query=query, building_ids=_buildings(session, employee_id), limit=200
    )
    return [p for p in found if p.kind == "student"][:limit]


def record_disclosure(
    *,
    uow: UnitOfWork,
    pack_id: str,
    employee_id: str,
    student_id: str,
    kind: str,
    description: str | None,
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> str:
    """Record the relationship; the holders of the roles the pack names (for the employee's
    buildings, or district-wide) are told, without the student's name in the e-mail."""
    session = uow.session
    employee = principal_for(session, employee_id)
    if employee is None or not can_disclose(employee):
        raise DisclosureInvalid("employee", "relationship disclosures are made by employees")
    route = routing_for(pack_id, kind)
    text = domain.clean_description(description)
    student = directory.get_person(session, student_id)
    mine = _buildings(session, employee_id)
    if (
        student is None
        or student.kind != "student"
        or not student.active
        or not (mine & _buildings(session, student_id))
    ):
        raise DisclosureInvalid("student_id", "choose a student of your building")
    if any(d.student_id == student_id for d in directory.disclosures_of(session, employee_id)):
        raise DisclosureInvalid(
            "student_id", "a relationship with this student is already on file; withdraw it first"
        )
    row = RelationshipDisclosure(
        employee_id=employee_id,
        student_id=student_id,
        kind=kind,
        description=text,
        disclosed_at=now,
        withdrawn=False,
    )
    session.add(row)
    session.flush()
    told: list[str] = []
    for role in route.told_roles:
        buildings: list[str | None] = [*sorted(mine)] or [None]
        for building in buildings:
            told.extend(p.id for p in directory.holders_of(session, role, building_id=building))
    told = [pid for pid in dict.fromkeys(told) if pid != employee_id]
    record(
        session,
        event=AuditEvent.DISCLOSURE_RECORDED,
        subject_type="disclosure",
        subject_id=row.id,
        now=now,
        actor_id=employee_id,
        after={
            "kind": kind,
            "student_id": student_id,
            "pack": pack_id,
            "recognized": route.recognized,
            "told": told,
            "must_agree": list(route.agree),
        },
    )
    if told:
        who = directory.get_person(session, employee_id)
        agree = " The policy asks for your agreement." if route.agree else ""
        notify(
            uow=uow,
            person_ids=told,
            subject="A staff member disclosed a relationship with a student",
            body=f"{who.display_name if who else 'A staff member'} recorded an outside "
            f"relationship with a student, as the policy asks them to tell you.{agree} "
            "Open it in Lanyard to read it.",
            now=now,
            link=f"/disclosures/{row.id}",
            kind="disclosure",
            deliver=deliver,
        )
    uow.commit()
    return row.id


def withdraw_disclosure(
    *, uow: UnitOfWork, disclosure_id: str, employee_id: str, now: dt.datetime
) -> None:
    """The employee withdraws a disclosure; "May I?" stops relying on it at once."""
    session = uow.session
    row = session.get(RelationshipDisclosure, disclosure_id)
    if row is None or row.employee_id != employee_id:
        raise DisclosureNotFound()
    if row.withdrawn:
        raise DisclosureInvalid("disclosure", "it is already withdrawn")
    row.withdrawn = True
    record(
        session,
        event=AuditEvent.DISCLOSURE_WITHDRAWN,
        subject_type="disclosure",
        subject_id=row.id,
        now=now,
        actor_id=employee_id,
        before={"withdrawn": False},
        after={"withdrawn": True},
    )
    uow.commit()


@dataclass(frozen=True)
class DisclosureView:
    id: str
    employee: str
    employee_id: str
    student: str
    kind: str
    kind_words: str
    description: str | None
    disclosed_at: dt.datetime
    withdrawn: bool
    routing: Routing


def _view(session: Session, row: RelationshipDisclosure, pack_id: str) -> DisclosureView:
    employee = directory.get_person(session, row.employee_id)
    student = directory.get_person(session, row.student_id)
    return DisclosureView(
        id=row.id,
        employee=employee.display_name if employee else "",
        employee_id=row.employee_id,
        student=student.display_name if student else "",
        kind=row.kind,
        kind_words=domain.KINDS.get(row.kind, row.kind),
        description=row.description,
        disclosed_at=row.disclosed_at,
        withdrawn=row.withdrawn,
        routing=routing_for(pack_id, row.kind) if row.kind in domain.KINDS else _none(row.kind),
    )


def _none(kind: str) -> Routing:
    return Routing(kind, False, (), (), (), (), 0)


def my_disclosures(session: Session, *, employee_id: str, pack_id: str) -> list[DisclosureView]:
    rows = session.scalars(
        select(RelationshipDisclosure)
        .where(RelationshipDisclosure.employee_id == employee_id)
        .order_by(RelationshipDisclosure.withdrawn, RelationshipDisclosure.disclosed_at.desc())
    )
    return [_view(session, r, pack_id) for r in rows]


def open_disclosure(
    *, uow: UnitOfWork, disclosure_id: str, principal: Principal, pack_id: str, now: dt.datetime
) -> DisclosureView:
    """One disclosure for the employee or a person the pack tells; any read but the
    employee's own is kept in the audit log (it names a student)."""
    session = uow.session
    row = session.get(RelationshipDisclosure, disclosure_id)
    if row is None:
        raise DisclosureNotFound()
    view = _view(session, row, pack_id)
    allowed = can_view_disclosure(
        principal,
        employee_id=row.employee_id,
        employee_buildings=_buildings(session, row.employee_id),
        told_roles=view.routing.told_roles,
    )
    if not allowed:
        raise DisclosureNotFound()
    if principal.person_id != row.employee_id:
        record(
            session,
            event=AuditEvent.DISCLOSURE_VIEWED,
            subject_type="disclosure",
            subject_id=row.id,
            now=now,
            actor_id=principal.person_id,
        )
        uow.commit()
    return view


@dataclass(frozen=True)
class ToldRow:
    id: str
    employee: str
    kind_words: str
    disclosed_at: dt.datetime


def told_to_me(session: Session, *, principal: Principal, pack_id: str) -> list[ToldRow]:
    """Active disclosures the pack tells the principal about (no student names: opening
    one is the audited read)."""
    held = principal.role_names
    kinds = [k for k in domain.KINDS if set(routing_for(pack_id, k).told_roles) & held]
    if not kinds:
        return []
    rows = list(
        session.scalars(
            select(RelationshipDisclosure)
            .where(
                RelationshipDisclosure.withdrawn.is_(False),
                RelationshipDisclosure.kind.in_(kinds),
                RelationshipDisclosure.employee_id != principal.person_id,
            )
            .order_by(RelationshipDisclosure.disclosed_at.desc())
            .limit(500)
        )
    )
    out: list[ToldRow] = []
    for row in rows:
        if can_view_disclosure(
            principal,
            employee_id=row.employee_id,
            employee_buildings=_buildings(session, row.employee_id),
            told_roles=routing_for(pack_id, row.kind).told_roles,
        ):
            employee = directory.get_person(session, row.employee_id)
            out.append(
                ToldRow(
                    row.id,
                    employee.display_name if employee else "",
                    domain.KINDS[row.kind],
                    row.disclosed_at,
                )
            )
    return out[:100]
