"""The district pack's roles as permissions see them, and role management (grant, revoke).

:func:`role_table` turns a pack's ``roles:`` (each with ``capabilities`` and ``scope``)
into the table a :class:`~lanyard.auth.permissions.Principal` carries; :func:`role_label`
is the one plain name of a role id used on every page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.orm import Account
from lanyard.auth.permissions import (
    MANAGE_ROLES,
    SYSTEM_ROLES,
    RoleSpec,
    RoleTable,
    human,
    roles_with,
)
from lanyard.auth.sessions import Reason, revoke_sessions
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Building, Person, RoleAssignment
from lanyard.policy import load_pack


@cache
def role_table(pack_id: str) -> RoleTable:
    """The pack's roles (and Lanyard's own ``lanyard_admin``) by id."""
    table: dict[str, RoleSpec] = dict(SYSTEM_ROLES)
    for role in load_pack(pack_id).document.roles:
        table[role.id] = RoleSpec(role.id, role.name, frozenset(role.capabilities), role.scope)
    return MappingProxyType(table)


def role_label(table: RoleTable, role: str) -> str:
    """One plain name per role id, everywhere: the pack's ``name`` (or the id in words for
    a role the pack does not name)."""
    spec = table.get(role)
    return spec.name if spec else human(role)


# ------------------------------------------------------------------ role management


class RoleChangeRefused(ValueError):
    """A grant or revoke that cannot be done, with the words the page shows."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class HeldRole:
    assignment_id: str
    person_id: str
    person_name: str
    username: str | None
    role: str
    role_name: str
    building_id: str | None
    building_name: str | None  # None: district-wide


def held_roles(
    session: Session, table: RoleTable, *, assignment_id: str | None = None
) -> list[HeldRole]:
    """Every role assignment (or the one ``assignment_id``, if it exists), by person's
    name, with plain role and building names."""
    query = (
        select(RoleAssignment, Person, Building.name)
        .join(Person, Person.id == RoleAssignment.person_id)
        .outerjoin(Building, Building.id == RoleAssignment.building_id)
        .where(Person.active.is_(True))
        .order_by(Person.family_name, Person.given_name, RoleAssignment.role)
    )
    if assignment_id is not None:
        query = query.where(RoleAssignment.id == assignment_id)
    rows = session.execute(query).all()
    return [
        HeldRole(
            a.id,
            p.id,
            p.display_name,
            p.username,
            a.role,
            role_label(table, a.role),
            a.building_id,
            building,
        )
        for a, p, building in rows
    ]


def find_staff(session: Session, who: str) -> Person | None:
    """An active staff member by username (directory or sign-in) or e-mail."""
    key = who.strip().lower()
    if not key:
        return None
    return session.scalar(
        select(Person).where(
            Person.active.is_(True),
            Person.kind == "staff",
            or_(
                func.lower(Person.username) == key,
                func.lower(Person.email) == key,
                Person.id.in_(select(Account.person_id).where(func.lower(Account.username) == key)),
            ),
        )
    )


def grant_role(
    *,
    uow: UnitOfWork,
    table: RoleTable,
    actor_id: str,
    who: str,
    role: str,
    building_id: str | None,
    now: dt.datetime,
) -> HeldRole:
    """Grant a pack role to a staff member, for a building or district-wide (audited)."""
    s = uow.session
    person = find_staff(s, who)
    if person is None:
        raise RoleChangeRefused("who", "No active staff member has that username or e-mail.")
    spec = table.get(role)
    if spec is None:
        raise RoleChangeRefused("role", "Choose a role of the district's policy.")
    building = None
    if building_id:
        building = s.get(Building, building_id)
        if building is None:
            raise RoleChangeRefused("building", "Choose a building of the district.")
    elif spec.scope == "building":
        raise RoleChangeRefused("building", f"{spec.name} is held for a building: choose one.")
    exists = s.scalar(
        select(RoleAssignment).where(
            RoleAssignment.person_id == person.id,
            RoleAssignment.role == role,
            RoleAssignment.building_id.is_(None)
            if building is None
            else RoleAssignment.building_id == building.id,
        )
    )
    if exists is not None:
        raise RoleChangeRefused("role", f"{person.display_name} already holds that role there.")
    assignment = RoleAssignment(
        person_id=person.id, role=role, building_id=building.id if building else None
    )
    s.add(assignment)
    s.flush()
    record(
        s,
        event=AuditEvent.PERSON_ROLE_GRANTED,
        subject_type="person",
        subject_id=person.id,
        actor_id=actor_id,
        building_id=building.id if building else None,
        now=now,
        after={"role": role, "building_id": building.id if building else None},
    )
    revoke_sessions(s, person.id, Reason.ROLE_CHANGED, now=now, actor_id=actor_id)
    uow.commit()
    return HeldRole(
        assignment.id,
        person.id,
        person.display_name,
        person.username,
        role,
        spec.name,
        assignment.building_id,
        building.name if building else None,
    )


def revoke_refusal(
    session: Session, table: RoleTable, assignment_id: str
) -> RoleChangeRefused | None:
    """Why this assignment cannot be revoked (it no longer exists, or it is the last
    district-wide holder of the duty to manage roles), or None when it can."""
    assignment = session.get(RoleAssignment, assignment_id)
    if assignment is None:
        return RoleChangeRefused("assignment", "That role assignment no longer exists.")
    managers = roles_with(table, MANAGE_ROLES)
    if assignment.role in managers and assignment.building_id is None:
        others = session.scalar(
            select(func.count())
            .select_from(RoleAssignment)
            .join(Person, Person.id == RoleAssignment.person_id)
            .where(
                RoleAssignment.role.in_(sorted(managers)),
                RoleAssignment.building_id.is_(None),
                RoleAssignment.person_id != assignment.person_id,
                Person.active.is_(True),
                Person.enabled.is_(True),
            )
        )
        if not others:
            return RoleChangeRefused(
                "assignment",
                "This is the last person who may manage roles: grant the duty to someone "
                "else first.",
            )
    return None


def revoke_role(
    *, uow: UnitOfWork, table: RoleTable, actor_id: str, assignment_id: str, now: dt.datetime
) -> None:
    """Revoke one role assignment (audited). The last holder of the duty to manage roles is
    never revoked: someone must always be able to grant roles again."""
    s = uow.session
    refusal = revoke_refusal(s, table, assignment_id)
    if refusal is not None:
        raise refusal
    assignment = s.get(RoleAssignment, assignment_id)
    assert assignment is not None  # revoke_refusal found it
    person_id, role, building_id = assignment.person_id, assignment.role, assignment.building_id
    s.delete(assignment)
    s.flush()
    record(
        s,
        event=AuditEvent.PERSON_ROLE_REVOKED,
        subject_type="person",
        subject_id=person_id,
        actor_id=actor_id,
        building_id=building_id,
        now=now,
        before={"role": role, "building_id": building_id},
    )
    revoke_sessions(s, person_id, Reason.ROLE_CHANGED, now=now, actor_id=actor_id)
    uow.commit()
