"""The steps every request use case shares, inside the caller's transaction (nothing here
commits): load with permission, move the state conditionally, history, audit, notify."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping

from sqlalchemy import update
from sqlalchemy.orm import Session

from lanyard.approvals import domain
from lanyard.approvals.domain import Action, State
from lanyard.approvals.orm import ApprovalRequest, RequestEvent
from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import (
    SYSTEM_ROLES,
    Principal,
    can_view_request,
)
from lanyard.auth.roles import role_table
from lanyard.auth.service import principal_for
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import Person
from lanyard.notify.service import notify
from lanyard.policy import load_pack
from lanyard.policy.pack import Form, PackDocument

Deliver = Callable[[list[str]], None]


class RequestError(Exception):
    """A refusal with a message for the person who asked."""


class RequestNotFound(RequestError):
    def __init__(self) -> None:
        super().__init__("No such request, or it is not yours to see.")


class NotAllowed(RequestError):
    pass


def pack_document(pack_id: str) -> PackDocument:
    return load_pack(pack_id).document


def form_of(pack_id: str, form_id: str) -> Form:
    for form in pack_document(pack_id).forms:
        if form.id == form_id:
            return form
    raise domain.FieldsInvalid([domain.FieldProblem("form_id", "is not a form of the policy")])


def role_name(pack_id: str, role: str) -> str:
    for r in pack_document(pack_id).roles:
        if r.id == role:
            return r.name
    return role.replace("_", " ")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link(request_id: str) -> str:
    return f"/requests/{request_id}"


# ----------------------------------------------------------------------------- helpers


def actor_of(session: Session, person_id: str, *, pack_id: str | None = None) -> Principal:
    """The acting person; with ``pack_id``, with that pack's role table, so that a reason
    names a role as the pack does ("only the Building Principal decides this request")."""
    table = role_table(pack_id) if pack_id is not None else SYSTEM_ROLES
    principal = principal_for(session, person_id, table=table)
    if principal is None:
        raise NotAllowed("Your account is not active.")
    return principal


def load(session: Session, request_id: str) -> ApprovalRequest:
    req = session.get(ApprovalRequest, request_id)
    if req is None:
        raise RequestNotFound()
    return req


def visible(session: Session, request_id: str, actor: Principal) -> ApprovalRequest:
    req = load(session, request_id)
    if not can_view_request(
        actor,
        approver_role=req.approver_role,
        building_id=req.building_id,
        requester_id=req.requester_id,
    ):
        raise RequestNotFound()
    return req


def own(session: Session, request_id: str, actor: Principal) -> ApprovalRequest:
    req = visible(session, request_id, actor)
    if req.requester_id != actor.person_id:
        raise NotAllowed("Only the requester may do that.")
    return req


def snapshot(req: ApprovalRequest) -> dict[str, object]:
    return {
        "state": req.state,
        "form": req.form_id,
        "pack": req.pack_id,
        "fields": sorted(req.values),
        "expires_at": req.expires_at,
        "conditions": req.conditions,
        "limits": list(req.limits or []),
    }


def move(
    session: Session,
    req: ApprovalRequest,
    action: Action,
    *,
    now: dt.datetime,
    actor_id: str | None,
    note: str | None = None,
    changes: Mapping[str, object] | None = None,
) -> State:
    """Apply ``action``: conditional on the state read, so a concurrent change loses."""
    before = State(req.state)
    after = domain.next_state(before, action)
    values: dict[str, object] = {"state": str(after), "updated_at": now, **(changes or {})}
    moved = session.execute(
        update(ApprovalRequest)
        .where(ApprovalRequest.id == req.id, ApprovalRequest.state == str(before))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        fresh = load(session, req.id)
        raise domain.TransitionRefused(State(fresh.state), action)
    session.refresh(req)
    session.add(
        RequestEvent(
            request_id=req.id,
            at=now,
            actor_id=actor_id,
            action=str(action),
            from_state=str(before),
            to_state=str(after),
            note=note,
        )
    )
    return after


def audit_change(
    session: Session,
    req: ApprovalRequest,
    event: AuditEvent,
    *,
    now: dt.datetime,
    actor_id: str | None,
    before: dict[str, object] | None = None,
    extra: Mapping[str, object] | None = None,
) -> None:
    record(
        session,
        event=event,
        subject_type="request",
        subject_id=req.id,
        now=now,
        actor_id=actor_id,
        building_id=req.building_id,
        before=before,
        after={**snapshot(req), **(extra or {})},
    )


def tell(
    uow: UnitOfWork,
    person_ids: list[str],
    *,
    subject: str,
    body: str,
    now: dt.datetime,
    req: ApprovalRequest,
    deliver: Deliver | None,
) -> None:
    if person_ids:
        notify(
            uow=uow,
            person_ids=person_ids,
            subject=subject,
            body=body,
            now=now,
            link=link(req.id),
            kind="request",
            deliver=deliver,
        )


def approvers_of(session: Session, req: ApprovalRequest) -> list[str]:
    return [
        p.id
        for p in directory.holders_of(session, req.approver_role, building_id=req.building_id)
        if p.id != req.requester_id
    ]


def default_building(person: Person, building_id: str | None) -> str | None:
    mine = {b.id for b in person.buildings}
    if building_id is not None:
        if building_id not in mine:
            raise domain.FieldsInvalid(
                [domain.FieldProblem("building_id", "choose one of your buildings")]
            )
        return building_id
    if person.primary_building_id in mine:
        return person.primary_building_id
    return sorted(mine)[0] if mine else None
