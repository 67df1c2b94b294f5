"""Anonymous requests (where the policy allows them, e.g. disabling the web filter): no
requester, building, address or session is stored with the request; the requester follows
it through a private link whose token is kept only as a SHA-256 hash.

Time is kept to the day (issue 10, finding 10): the request's times and its history are
the start of the day (00:00 UTC); its audit entries are held until the day has ended and
then written in a shuffled batch (:mod:`lanyard.audit.held`), and the approvers are told
then, so that neither the log nor a notification's time sits next to the submitter's own
activity."""

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
    form_of,
    hash_token,
    move,
    snapshot,
    tell,
)
from lanyard.audit.held import day_start, hold, release_due
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
    day = day_start(now)
    req = ApprovalRequest(
        pack_id=pack_id,
        form_id=form.id,
        approver_role=form.approver,
        requester_id=None,
        building_id=None,
        state=str(State.SUBMITTED),
        values=cleaned,
        created_at=day,
        updated_at=day,
        submitted_at=day,
        follow_up_status="none",
        anonymous_token_hash=hash_token(token),
    )
    session.add(req)
    session.flush()
    session.add(
        RequestEvent(request_id=req.id, at=day, action="submit", to_state=str(State.SUBMITTED))
    )
    _hold(session, req, AuditEvent.REQUEST_SUBMITTED, now=now)
    uow.commit()
    return req.id, token


def _hold(
    session: Session,
    req: ApprovalRequest,
    event: AuditEvent,
    *,
    now: dt.datetime,
    before: dict[str, object] | None = None,
) -> None:
    hold(
        session,
        event=event,
        subject_type="request",
        subject_id=req.id,
        now=now,
        before=before,
        after=snapshot(req),
    )


def release_held(*, uow: UnitOfWork, now: dt.datetime, deliver: Deliver | None = None) -> int:
    """Once a day has ended: write its held audit entries (shuffled, stamped with the day)
    and tell the approvers of the anonymous requests filed that day that are still
    waiting. Returns how many entries were written."""
    session = uow.session
    released = release_due(session, now=now)
    submitted = [sid for event, sid in released if event == AuditEvent.REQUEST_SUBMITTED]
    for request_id in sorted(filter(None, submitted)):
        req = session.get(ApprovalRequest, request_id)
        if req is None or req.state != State.SUBMITTED:
            continue
        form = form_of(req.pack_id, req.form_id)
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
    return len(released)


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
    """The anonymous requester withdraws through the private link (kept to the day too)."""
    req = by_token(uow.session, token)
    if req is None:
        raise RequestNotFound()
    before = snapshot(req)
    move(uow.session, req, Action.WITHDRAW, now=day_start(now), actor_id=None)
    _hold(uow.session, req, AuditEvent.REQUEST_WITHDRAWN, now=now, before=before)
    uow.commit()
