"""Reads for the pages and the API: my requests, the queue awaiting my decision, one
request with its history. Reading someone else's request is audited by the caller's use
case (:func:`open_request`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lanyard.approvals import domain
from lanyard.approvals.domain import State
from lanyard.approvals.orm import ApprovalRequest, RequestEvent
from lanyard.approvals.workflow import (
    RequestNotFound,
    form_of,
    link,
    pack_document,
    role_name,
    visible,
)
from lanyard.audit.held import day_start
from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import Principal, can_decide_request
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Building, Person
from lanyard.notify.service import mark_read_about
from lanyard.policy.pack import Form


@dataclass(frozen=True)
class Row:
    id: str
    form_id: str
    title: str
    state: State
    requester: str
    building: str
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    expires_at: dt.datetime | None
    follow_up_due: bool
    # an anonymous request keeps only its UTC day: shown as that day, not as a local time
    anonymous: bool = False


@dataclass(frozen=True)
class HistoryItem:
    at: dt.datetime
    action: str
    actor: str
    to_state: State
    note: str | None
    # an anonymous requester's step: only its day (UTC) is kept, never the time
    day_only: bool = False


@dataclass(frozen=True)
class Detail:
    request: ApprovalRequest
    form: Form
    state: State
    requester: str
    building: str
    approver_role_name: str
    decided_by: str | None
    history: tuple[HistoryItem, ...]
    duties: tuple[domain.FollowUpDuty, ...]
    is_requester: bool
    may_decide: bool
    decide_reason: str


def _names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    # The name columns only: a Person entity would load each person's buildings as well.
    people = session.execute(
        select(Person.id, Person.given_name, Person.preferred_given_name, Person.family_name).where(
            Person.id.in_(wanted)
        )
    )
    return {p.id: f"{p.preferred_given_name or p.given_name} {p.family_name}" for p in people}


def _buildings(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(Building.id, Building.name).where(Building.id.in_(wanted)))
    return {row.id: row.name for row in rows}


def _rows(session: Session, requests: list[ApprovalRequest]) -> list[Row]:
    names = _names(session, {r.requester_id for r in requests})
    buildings = _buildings(session, {r.building_id for r in requests})
    rows = []
    for r in requests:
        try:
            title = form_of(r.pack_id, r.form_id).title
        except domain.FieldsInvalid:
            title = r.form_id
        rows.append(
            Row(
                id=r.id,
                form_id=r.form_id,
                title=title,
                state=State(r.state),
                requester=names.get(r.requester_id or "", "Anonymous"),
                building=buildings.get(r.building_id or "", "District"),
                updated_at=r.updated_at,
                submitted_at=r.submitted_at,
                expires_at=r.expires_at,
                follow_up_due=r.follow_up_status == "due",
                anonymous=r.requester_id is None,
            )
        )
    return rows


def my_requests(session: Session, person_id: str) -> list[Row]:
    stmt = (
        select(ApprovalRequest)
        .where(ApprovalRequest.requester_id == person_id)
        .order_by(ApprovalRequest.updated_at.desc())
        .limit(200)
    )
    return _rows(session, list(session.scalars(stmt)))


def my_requests_to_act_on(session: Session, person_id: str) -> list[Row]:
    """The person's own requests that wait on them (returned for changes, or approved with
    a follow-up due), newest first: the home page's items, without reading the rest."""
    stmt = (
        select(ApprovalRequest)
        .where(
            ApprovalRequest.requester_id == person_id,
            or_(
                ApprovalRequest.state == str(State.RETURNED),
                ApprovalRequest.follow_up_status == "due",
            ),
        )
        .order_by(ApprovalRequest.updated_at.desc())
        .limit(200)
    )
    return _rows(session, list(session.scalars(stmt)))


def _scope(principal: Principal) -> ColumnElement[bool] | None:
    """Requests whose approver role the principal holds for the request's building (or
    district-wide); None when they hold no role at all."""
    clauses: list[ColumnElement[bool]] = []
    for grant in principal.roles:
        if grant.building_id is None:
            clauses.append(ApprovalRequest.approver_role == grant.role)
        else:
            clauses.append(
                and_(
                    ApprovalRequest.approver_role == grant.role,
                    ApprovalRequest.building_id == grant.building_id,
                )
            )
    return or_(*clauses) if clauses else None


def queue_for(session: Session, principal: Principal, *, now: dt.datetime) -> list[Row]:
    """Submitted requests awaiting the principal's decision (never their own), oldest first.

    An anonymous request joins the queue only once the day it was filed has ended (UTC, the
    only time it keeps), when its approvers are told: listed at once, it could be placed
    next to whoever had just signed out (the anonymous page promises "the person who
    decides is told the next day")."""
    scope = _scope(principal)
    if scope is None:
        return []
    stmt = (
        select(ApprovalRequest)
        .where(
            ApprovalRequest.state == str(State.SUBMITTED),
            scope,
            or_(
                and_(
                    ApprovalRequest.requester_id.is_(None),
                    ApprovalRequest.submitted_at < day_start(now),
                ),
                ApprovalRequest.requester_id != principal.person_id,
            ),
        )
        .order_by(ApprovalRequest.submitted_at)
        .limit(200)
    )
    return _rows(session, list(session.scalars(stmt)))


def decided_by_me(session: Session, principal: Principal, limit: int = 20) -> list[Row]:
    stmt = (
        select(ApprovalRequest)
        .where(ApprovalRequest.decided_by_id == principal.person_id)
        .order_by(ApprovalRequest.decided_at.desc())
        .limit(limit)
    )
    return _rows(session, list(session.scalars(stmt)))


def _detail(session: Session, req: ApprovalRequest, principal: Principal | None) -> Detail:
    form = form_of(req.pack_id, req.form_id)
    events = sorted(
        session.scalars(select(RequestEvent).where(RequestEvent.request_id == req.id)),
        key=lambda e: (e.at, domain.lifecycle_rank(e.action), e.id),
    )
    names = _names(session, {e.actor_id for e in events} | {req.requester_id, req.decided_by_id})
    buildings = _buildings(session, {req.building_id})
    roles = {r.id: r.name for r in pack_document(req.pack_id).roles}
    decide = (
        can_decide_request(
            principal,
            approver_role=req.approver_role,
            building_id=req.building_id,
            requester_id=req.requester_id,
        )
        if principal is not None
        else None
    )
    session.expunge(req)  # a plain value from here on: readable after the session ends
    return Detail(
        request=req,
        form=form,
        state=State(req.state),
        requester=names.get(req.requester_id or "", "Anonymous"),
        building=buildings.get(req.building_id or "", "District"),
        approver_role_name=role_name(req.pack_id, req.approver_role),
        decided_by=names.get(req.decided_by_id or "") if req.decided_by_id else None,
        history=tuple(
            HistoryItem(
                e.at,
                e.action,
                _actor_name(names, e, req),
                State(e.to_state),
                e.note,
                day_only=req.requester_id is None and not e.actor_id,
            )
            for e in events
        ),
        duties=domain.follow_up_duties(form, roles),
        is_requester=principal is not None and req.requester_id == principal.person_id,
        may_decide=bool(decide),
        decide_reason=decide.reason if decide is not None else "",
    )


def _actor_name(names: dict[str, str], event: RequestEvent, req: ApprovalRequest) -> str:
    if event.actor_id:
        return names.get(event.actor_id, "Someone")
    if req.requester_id is None and event.action in {"submit", "withdraw"}:
        return "The anonymous requester"
    return "Lanyard"


def open_request(
    *, uow: UnitOfWork, request_id: str, principal: Principal, now: dt.datetime
) -> Detail:
    """One request with its history for the requester or an approver; an approver's read
    (the request may name students) is kept in the audit log. The reader's notifications
    about it are read from now on."""
    req = visible(uow.session, request_id, principal)
    detail = _detail(uow.session, req, principal)
    mark_read_about(uow.session, person_id=principal.person_id, link=link(req.id), now=now)
    if req.requester_id != principal.person_id:
        record(
            uow.session,
            event=AuditEvent.REQUEST_VIEWED,
            subject_type="request",
            subject_id=req.id,
            now=now,
            actor_id=principal.person_id,
            building_id=req.building_id,
        )
    uow.commit()
    return detail


def anonymous_detail(session: Session, req: ApprovalRequest) -> Detail:
    return _detail(session, req, None)


__all__ = [
    "Detail",
    "HistoryItem",
    "RequestNotFound",
    "Row",
    "anonymous_detail",
    "decided_by_me",
    "my_requests",
    "open_request",
    "queue_for",
]
