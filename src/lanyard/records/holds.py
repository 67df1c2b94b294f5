"""Placing, lifting and listing legal holds: one use case each, audited in the same
transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lanyard.approvals.orm import ApprovalRequest
from lanyard.audit import service as audit
from lanyard.audit.service import AuditEvent
from lanyard.auth.permissions import Principal, can_manage_holds
from lanyard.cases.orm import Case, CaseSubject
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Building, Person
from lanyard.moderation.orm import ArchiveEntry
from lanyard.records.domain import HoldScope, RecordsError
from lanyard.records.orm import LegalHold
from lanyard.records.schedule import Held, covering


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


# -- holds shown on the records they cover ----------------------------------------------------


def _held(session: Session, kind: str, record_id: str, now: dt.datetime) -> Held | None:
    """A record as the hold check sees it (None: no such record)."""
    today = now.astimezone(dt.UTC)
    if kind == "requests":
        req = session.get(ApprovalRequest, record_id)
        if req is None:
            return None
        end = req.decided_at or (req.updated_at if req.state != "approved" else None) or today
        return Held(
            req.created_at.astimezone(dt.UTC).date(),
            max(end, req.expires_at or end).astimezone(dt.UTC).date(),
            frozenset(p for p in (req.requester_id, req.decided_by_id) if p),
            req.building_id,
        )
    if kind == "cases":
        case = session.get(Case, record_id)
        if case is None:
            return None
        subjects = session.scalars(
            select(CaseSubject.person_id).where(CaseSubject.case_id == case.id)
        )
        return Held(
            case.created_at.astimezone(dt.UTC).date(),
            (case.closed_at or today).astimezone(dt.UTC).date(),
            frozenset(p for p in (case.reporter_id, *subjects) if p),
            case.building_id,
            case.id,
        )
    if kind == "moderation":
        entry = session.get(ArchiveEntry, record_id)
        if entry is None:
            return None
        day = entry.archived_at.astimezone(dt.UTC).date()
        return Held(day, day, frozenset(p for p in (entry.archived_by_id,) if p))
    raise RecordsError(f"no hold marks for record type {kind!r}")


def holds_on(
    session: Session, kind: str, record_ids: list[str], now: dt.datetime
) -> dict[str, list[LegalHold]]:
    """The holds in force that cover each record named (records no hold covers are left
    out): what a record's page shows."""
    from lanyard.records.retention import holds_in_force

    holds = holds_in_force(session)
    if not holds or not record_ids:
        return {}
    rows = {
        h.id: h for h in session.scalars(select(LegalHold).where(LegalHold.lifted_at.is_(None)))
    }
    out: dict[str, list[LegalHold]] = {}
    for record_id in record_ids:
        held = _held(session, kind, record_id, now)
        if held is not None:
            found = [rows[h.id] for h in covering(held, holds) if h.id in rows]
            if found:
                out[record_id] = found
    return out


def hold_marks(
    session: Session, viewer: Principal, kind: str, record_ids: list[str], now: dt.datetime
) -> dict[str, Any]:
    """A page's context for its hold notices: ``held`` (the holds on the first record),
    ``held_by`` (per record id) and ``show_hold_reason`` (only the records officer sees
    the reason: it may name litigation)."""
    found = holds_on(session, kind, record_ids, now)
    return {
        "held": found.get(record_ids[0], []) if record_ids else [],
        "held_by": found,
        "show_hold_reason": can_manage_holds(viewer).allowed,
    }
