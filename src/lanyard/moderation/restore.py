"""Putting a hidden or deleted comment back where it was: the one state restore and
``comment:restored`` audit entry both undos share — :func:`lanyard.moderation.undo.undo_removal`
(a removal Lanyard alone made) and :func:`lanyard.moderation.platform_actions.undo` (a delete
before the platform is called).

Each caller keeps its own guard against a concurrent change: ``undo_removal`` writes the
state with an UPDATE that holds only while the comment is still its moderator's removal
(``only_if``); ``platform_actions.undo`` has already cancelled the platform call with a
guarded UPDATE and checked the state, and assigns it. The archive entry stays either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.moderation.orm import Comment


def restore_comment(
    session: Session,
    comment: Comment,
    *,
    building_id: str | None,
    removed: str,
    previous: str,
    actor_id: str,
    now: dt.datetime,
    only_if: Sequence[ColumnElement[bool]] | None = None,
    after: Mapping[str, Any] | None = None,
) -> bool:
    """Put ``comment`` back from ``removed`` to ``previous`` (decided by ``actor_id`` at
    ``now``) and audit it, in the caller's transaction (the caller commits).

    With ``only_if`` the state is written by an UPDATE that also requires the comment to
    be ``removed`` still and every condition to hold; when it does not (someone changed the
    comment meanwhile) nothing is written and the answer is False. Without it the caller has
    guarded the change already and the state is assigned."""
    if only_if is not None:
        restored = session.execute(
            update(Comment)
            .where(Comment.id == comment.id, Comment.state == removed, *only_if)
            .values(state=previous, decided_by_id=actor_id, decided_at=now)
            .execution_options(synchronize_session=False)
        )
        if restored.rowcount != 1:  # type: ignore[attr-defined]
            return False
    else:
        comment.state = previous
        comment.decided_by_id = actor_id
        comment.decided_at = now
        session.flush()
    record(
        session,
        event=AuditEvent.COMMENT_RESTORED,
        subject_type="comment",
        subject_id=comment.id,
        now=now,
        actor_id=actor_id,
        building_id=building_id,
        before={"state": removed},
        after={"state": previous, **(after or {})},
    )
    return True
