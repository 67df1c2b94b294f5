"""Placing, lifting and listing legal holds: one use case each, audited in the same
transaction."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select

from lanyard.audit import service as audit
from lanyard.audit.service import AuditEvent
from lanyard.cases.orm import Case
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Building, Person
from lanyard.records.domain import HoldScope, RecordsError
from lanyard.records.orm import LegalHold


def _person(uow: UnitOfWork, value: str) -> str:
    found = uow.session.scalar(
        select(Person.id).where(
            or_(Person.id == value, Person.email == value, Person.sourced_id == value)
        )
    )
    if found is None:
        raise RecordsError(f"--person: no person {value!r} in the directory")
    return found


def _building(uow: UnitOfWork, value: str) -> str:
    found = uow.session.scalar(
        select(Building.id).where(
            or_(Building.id == value, Building.sourced_id == value, Building.identifier == value)
        )
    )
    if found is None:
        raise RecordsError(f"--building: no building {value!r} in the directory")
    return found


def place_hold(
    *,
    uow: UnitOfWork,
    scope: HoldScope,
    reason: str,
    now: dt.datetime,
    actor_id: str | None = None,
) -> LegalHold:
    """Place a hold; the referenced person, building or case must exist."""
    if scope.case and uow.session.get(Case, scope.case) is None:
        raise RecordsError(f"--case: no case {scope.case!r}")
    hold = LegalHold(
        scope=scope.scope,
        person_id=_person(uow, scope.person) if scope.person else None,
        building_id=_building(uow, scope.building) if scope.building else None,
        case_id=scope.case,
        starts_on=scope.starts_on,
        ends_on=scope.ends_on,
        reason=reason.strip(),
        placed_by_id=actor_id,
        placed_at=now,
    )
    uow.session.add(hold)
    uow.session.flush()
    audit.record(
        uow.session,
        event=AuditEvent.LEGAL_HOLD_PLACED,
        subject_type="legal_hold",
        subject_id=hold.id,
        actor_id=actor_id,
        building_id=hold.building_id,
        now=now,
        after={
            "scope": hold.scope,
            "person_id": hold.person_id,
            "building_id": hold.building_id,
            "case_id": hold.case_id,
            "starts_on": hold.starts_on,
            "ends_on": hold.ends_on,
            "reason": hold.reason,
        },
    )
    uow.commit()
    return hold


def lift_hold(
    *,
    uow: UnitOfWork,
    hold_id: str,
    reason: str,
    now: dt.datetime,
    actor_id: str | None = None,
) -> LegalHold:
    if not reason.strip():
        raise RecordsError("--reason: lifting a hold needs a reason")
    hold = uow.session.get(LegalHold, hold_id)
    if hold is None:
        raise RecordsError(f"no legal hold {hold_id!r}")
    if hold.lifted_at is not None:
        raise RecordsError(f"legal hold {hold_id} was already lifted on {hold.lifted_at:%Y-%m-%d}")
    hold.lifted_at = now
    hold.lifted_by_id = actor_id
    hold.lift_reason = reason.strip()
    audit.record(
        uow.session,
        event=AuditEvent.LEGAL_HOLD_LIFTED,
        subject_type="legal_hold",
        subject_id=hold.id,
        actor_id=actor_id,
        building_id=hold.building_id,
        now=now,
        before={"lifted_at": None},
        after={"lifted_at": now, "reason": hold.lift_reason},
    )
    uow.commit()
    return hold


def list_holds(*, uow: UnitOfWork, include_lifted: bool = False) -> list[LegalHold]:
    q = select(LegalHold).order_by(LegalHold.placed_at, LegalHold.id)
    if not include_lifted:
        q = q.where(LegalHold.lifted_at.is_(None))
    return list(uow.session.scalars(q))


def describe(hold: LegalHold) -> str:
    what = {
        "person": f"person {hold.person_id}",
        "building": f"building {hold.building_id}",
        "case": f"case {hold.case_id}",
        "period": "all records",
    }[hold.scope]
    if hold.starts_on or hold.ends_on:
        what += f" from {hold.starts_on or 'the start'} to {hold.ends_on or 'now'}"
    state = f"lifted {hold.lifted_at:%Y-%m-%d}" if hold.lifted_at else "in force"
    return f"{hold.id}  {what}  ({state}; placed {hold.placed_at:%Y-%m-%d}: {hold.reason})"
