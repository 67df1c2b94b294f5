"""Anonymous requests (where the policy allows them, e.g. disabling the web filter): no
requester, building, address or session is stored with the request; the requester follows
it through a private link whose token is kept only as a SHA-256 hash."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping

from sqlalchemy.orm import Session

from lanyard.approvals import domain
from lanyard.approvals.domain import Action, State
from lanyard.approvals.orm import ApprovalRequest, RequestEvent
from lanyard.approvals.workflow import (
    Deliver,
    NotAllowed,
    RequestNotFound,
    approvers_of,
    audit_change,
    form_of,
    hash_token,
    move,
    snapshot,
    tell,
)
from lanyard.audit.service import AuditEvent
from lanyard.db.session import UnitOfWork


def file_anonymous(
    *,
    uow: UnitOfWork,
    pack_id: str,
    form_id: str,
    values: Mapping[str, object],
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> tuple[str, str]:
    """File a request where the policy allows it anonymously: no requester, building,
    address or session is stored, only the SHA-256 of the private link's token. Returns
    (request id, token); the token is shown once and never kept."""
    session = uow.session
    form = form_of(pack_id, form_id)
    if not form.anonymous_allowed:
        raise NotAllowed("The policy does not allow this request to be filed anonymously.")
    cleaned = domain.clean_values(form, values, complete=True)
    token = secrets.token_urlsafe(32)
    req = ApprovalRequest(
        pack_id=pack_id,
        form_id=form.id,
        approver_role=form.approver,
        requester_id=None,
        building_id=None,
        state=str(State.SUBMITTED),
        values=cleaned,
        created_at=now,
        updated_at=now,
        submitted_at=now,
        follow_up_status="none",
        anonymous_token_hash=hash_token(token),
    )
    session.add(req)
    session.flush()
    session.add(
        RequestEvent(request_id=req.id, at=now, action="submit", to_state=str(State.SUBMITTED))
    )
    audit_change(session, req, AuditEvent.REQUEST_SUBMITTED, now=now, actor_id=None)
    tell(
        uow,
        approvers_of(session, req),
        subject=f"An anonymous request awaits your decision: {form.title}"[:255],
        body="Someone filed an anonymous request. Open it in Lanyard to decide it.",
        now=now,
        req=req,
        deliver=deliver,
    )
    uow.commit()
    return req.id, token


def by_token(session: Session, token: str) -> ApprovalRequest | None:
    """The anonymous request behind a private link (None for an unknown token)."""
    if not token or len(token) > 200:
        return None
    return (
        session.query(ApprovalRequest)
        .filter(ApprovalRequest.anonymous_token_hash == hash_token(token))
        .one_or_none()
    )


def status_by_token(*, uow: UnitOfWork, token: str) -> ApprovalRequest | None:
    return by_token(uow.session, token)


def withdraw_by_token(*, uow: UnitOfWork, token: str, now: dt.datetime) -> None:
    """The anonymous requester withdraws through the private link."""
    req = by_token(uow.session, token)
    if req is None:
        raise RequestNotFound()
    before = snapshot(req)
    move(uow.session, req, Action.WITHDRAW, now=now, actor_id=None)
    audit_change(
        uow.session, req, AuditEvent.REQUEST_WITHDRAWN, now=now, actor_id=None, before=before
    )
    uow.commit()
