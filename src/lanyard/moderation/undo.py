"""Undo a hide or delete made in Lanyard alone.

On an account Lanyard is not connected to (no API token: the demo's accounts, and every
platform Lanyard cannot act on), hiding or deleting a comment changes only Lanyard's queue:
the moderator does it on the platform by hand. For ``moderation_undo_seconds`` after the
decision the moderator who made it can put the comment back where it was, the same Undo a
connected account's delete offers before the platform is called
(:func:`lanyard.moderation.platform_actions.undo`). The archive entry stays, as it does
there; the restore is audited (``comment:restored``, :mod:`lanyard.moderation.restore`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.auth.permissions import ModerationScope
from lanyard.db.session import UnitOfWork
from lanyard.moderation.orm import REMOVED_STATES, Comment
from lanyard.moderation.platform_actions import comment_in_scope
from lanyard.moderation.platform_orm import PlatformAction
from lanyard.moderation.queue import ModerationProblem
from lanyard.moderation.restore import restore_comment

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
    comment, building_id = comment_in_scope(session, comment_id, scope)
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
    # guarded: written only while the comment is still this moderator's removal
    restored = restore_comment(
        session,
        comment,
        building_id=building_id,
        removed=removed,
        previous=previous,
        actor_id=actor_id,
        now=now,
        only_if=(Comment.decided_by_id == actor_id,),
    )
    if not restored:
        raise ModerationProblem("undo", "the comment changed meanwhile: nothing was undone")
    uow.commit()
    return comment.id
