"""The periodic request use cases: expire approvals whose term ended, and remind
requesters once, 30 days before. Idempotent; work is claimed with conditional updates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from lanyard.approvals import domain
from lanyard.approvals.domain import Action, State
from lanyard.approvals.orm import ApprovalRequest
from lanyard.approvals.workflow import Deliver, audit_change, form_of, move, snapshot, tell
from lanyard.audit.service import AuditEvent
from lanyard.db.session import UnitOfWork


def expire_due(*, uow: UnitOfWork, now: dt.datetime, deliver: Deliver | None = None) -> int:
    """Approved requests whose term has ended become expired (their approval on file stops
    counting by its own expiry date); the requester is told. Idempotent."""
    session = uow.session
    due = list(
        session.scalars(
            select(ApprovalRequest).where(
                ApprovalRequest.state == str(State.APPROVED),
                ApprovalRequest.expires_at.is_not(None),
                ApprovalRequest.expires_at <= now,
            )
        )
    )
    for req in due:
        before = snapshot(req)
        move(session, req, Action.EXPIRE, now=now, actor_id=None)
        audit_change(
            session, req, AuditEvent.REQUEST_EXPIRED, now=now, actor_id=None, before=before
        )
        if req.requester_id:
            form = form_of(req.pack_id, req.form_id)
            tell(
                uow,
                [req.requester_id],
                subject=f"Your approval has expired: {form.title}"[:255],
                body="Your approval has expired. File a new request before you rely on it again.",
                now=now,
                req=req,
                deliver=deliver,
            )
    uow.commit()
    return len(due)


def remind_expiring(
    *,
    uow: UnitOfWork,
    now: dt.datetime,
    deliver: Deliver | None = None,
    before: dt.timedelta = domain.REMIND_BEFORE,
) -> int:
    """Remind requesters once, ``before`` (30 days) ahead of their approval's expiry. Each
    reminder is claimed with a conditional update, so two runners never send it twice."""
    session = uow.session
    due = list(
        session.scalars(
            select(ApprovalRequest).where(
                ApprovalRequest.state == str(State.APPROVED),
                ApprovalRequest.requester_id.is_not(None),
                ApprovalRequest.reminded_at.is_(None),
                ApprovalRequest.expires_at > now,
                ApprovalRequest.expires_at <= now + before,
            )
        )
    )
    sent = 0
    for req in due:
        claimed = session.execute(
            update(ApprovalRequest)
            .where(ApprovalRequest.id == req.id, ApprovalRequest.reminded_at.is_(None))
            .values(reminded_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            continue
        session.refresh(req)
        assert req.requester_id is not None and req.expires_at is not None
        form = form_of(req.pack_id, req.form_id)
        audit_change(session, req, AuditEvent.REQUEST_REMINDED, now=now, actor_id=None)
        tell(
            uow,
            [req.requester_id],
            subject=f"Your approval expires soon: {form.title}"[:255],
            body=f"Your approval expires on {req.expires_at:%B %-d, %Y}. File a new request in "
            "time if you still need it.",
            now=now,
            req=req,
            deliver=deliver,
        )
        sent += 1
    uow.commit()
    return sent
