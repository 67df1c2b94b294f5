"""Undo a hide or delete made in Lanyard alone.

On an account Lanyard is not connected to (no API token: the demo's accounts, and every
platform Lanyard cannot act on), hiding or deleting a comment changes only Lanyard's queue:
the moderator does it on the platform by hand. For ``moderation_undo_seconds`` after the
decision the moderator who made it can put the comment back where it was, the same Undo a
connected account's delete offers before the platform is called
(:func:`lanyard.moderation.platform_actions.undo`). The archive entry stays, as it does
there; the restore is audited (``comment:restored``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import ModerationScope
from lanyard.db.session import UnitOfWork
from lanyard.moderation.orm import REMOVED_STATES, Comment
from lanyard.moderation.platform_actions import comment_in_scope
from lanyard.moderation.platform_orm import PlatformAction
from lanyard.moderation.queue import ModerationProblem
from lanyard.official_accounts.orm import OfficialAccount

REMOVALS = (AuditEvent.COMMENT_HIDDEN, AuditEvent.COMMENT_DELETED)


def undo_removal(
    *,
    uow: UnitOfWork,
    comment_id: str,
    actor_id: str,
    scope: ModerationScope,
    now: dt.datetime,
    window: dt.timedelta,
) -> str:
    """Put a comment its moderator hid or deleted within ``window`` back in the state it had
    (new, escalated, kept or hidden). Refused for someone else's decision, after the window,
    and for a removal that went to the platform. Returns the comment id."""
    session = uow.session
    comment = comment_in_scope(session, comment_id, scope)
    removed = comment.state
    decided_at = comment.decided_at
    if removed not in REMOVED_STATES or comment.decided_by_id != actor_id or decided_at is None:
        raise ModerationProblem("undo", "nothing of yours to undo on this comment")
    if now >= decided_at + window:
        raise ModerationProblem("undo", "too late to undo: hide or delete it again if needed")
    sent = session.scalars(
        select(PlatformAction.id).where(
            PlatformAction.comment_id == comment.id, PlatformAction.created_at >= decided_at
        )
    ).first()
    if sent is not None:
        raise ModerationProblem("undo", "too late to undo: the platform has been asked already")
    # the state it had, as the decision's audit entry recorded it in the same transaction
    before = session.scalars(
        select(AuditEntry.before)
        .where(
            AuditEntry.subject_type == "comment",
            AuditEntry.subject_id == comment.id,
            AuditEntry.event.in_([str(e) for e in REMOVALS]),
        )
        .order_by(AuditEntry.seq.desc())
    ).first()
    previous = str((before or {}).get("state") or "new")
    restored = session.execute(
        update(Comment)
        .where(
            Comment.id == comment.id,
            Comment.state == removed,
            Comment.decided_by_id == actor_id,
        )
        .values(state=previous, decided_by_id=actor_id, decided_at=now)
        .execution_options(synchronize_session=False)
    )
    if restored.rowcount != 1:  # type: ignore[attr-defined]
        raise ModerationProblem("undo", "the comment changed meanwhile: nothing was undone")
    account = session.get(OfficialAccount, comment.official_account_id)
    record(
        session,
        event=AuditEvent.COMMENT_RESTORED,
        subject_type="comment",
        subject_id=comment.id,
        now=now,
        actor_id=actor_id,
        building_id=account.building_id if account else None,
        before={"state": removed},
        after={"state": previous},
    )
    uow.commit()
    return comment.id
