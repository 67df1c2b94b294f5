"""Hiding, deleting and replying on the platforms, after the archive entry is written.

:func:`lanyard.moderation.service.decide` queues one :class:`PlatformAction` per hidden or
deleted comment in the same transaction as the archive entry (the database refuses an
action without an archive entry of its comment), and sends the task after commit. A delete
waits ``moderation_undo_seconds`` first, while the queue offers Undo.

:func:`run_action` claims an action with a conditional update, calls the platform with the
account's escrowed token outside any transaction, then records the outcome:

- done: ``platform_action:done`` in the audit log;
- rate limited or transient (429, Graph codes 4/17/32/613, YouTube quota, 5xx, network):
  retried with backoff (or after the platform's ``Retry-After``), at most MAX_ATTEMPTS;
- expired token: waits (``waiting_token``) until a new token is deposited, then runs again;
- refused or not found: failed, shown to the moderator with the platform's words
  (``platform_action:failed``); a comment already gone counts as deleted.

Nothing is lost: the row exists before any call, and the periodic job
``moderation.platform_actions`` runs whatever a lost delivery left behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import httpx
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import ModerationScope
from lanyard.config import Settings
from lanyard.connectors.platforms import ErrorKind, PlatformError, Target, client
from lanyard.crypto import KeyRing
from lanyard.db.session import Database, UnitOfWork
from lanyard.moderation.orm import Comment
from lanyard.moderation.platform import connection_of, credential
from lanyard.moderation.platform_orm import OPEN_ACTION_STATES, PlatformAction
from lanyard.moderation.queue import ModerationProblem
from lanyard.moderation.restore import restore_comment
from lanyard.official_accounts.domain import platform_name
from lanyard.official_accounts.orm import OfficialAccount

MAX_ATTEMPTS = 8
STALE_CLAIM = dt.timedelta(minutes=10)
MAX_REPLY = 2000
Send = Callable[[list[str], float], None]


def backoff(attempts: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, ... at most an hour."""
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def base_url(settings: Settings, platform: str) -> str:
    return str(getattr(settings, f"{platform}_api_url")).rstrip("/")


def queue_action(
    session: Session,
    *,
    comment: Comment,
    action: str,
    archive_entry_id: str | None,
    previous_state: str | None,
    actor_id: str | None,
    now: dt.datetime,
    delay: float = 0.0,
    reply_text: str | None = None,
) -> PlatformAction | None:
    """The platform call for a decision, or None when Lanyard cannot act on this account
    (no client for the platform, or no connection: the moderator acts there by hand)."""
    if (
        client(comment.platform) is None
        or connection_of(session, comment.official_account_id) is None
    ):
        return None
    row = PlatformAction(
        comment_id=comment.id,
        official_account_id=comment.official_account_id,
        platform=comment.platform,
        action=action,
        archive_entry_id=archive_entry_id,
        reply_text=reply_text,
        previous_state=previous_state,
        status="pending",
        attempts=0,
        not_before=now + dt.timedelta(seconds=delay),
        created_at=now,
        created_by_id=actor_id,
    )
    session.add(row)
    session.flush()
    return row


# -- running -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    id: str
    action: str
    platform: str
    account_id: str
    target: Target
    reply_text: str | None
    attempts: int


def _claim(db: Database, action_id: str, now: dt.datetime) -> Claimed | None:
    with db.uow(write=True) as uow:
        s = uow.session
        claimed = s.execute(
            update(PlatformAction)
            .where(
                PlatformAction.id == action_id,
                PlatformAction.status.in_(("pending", "retry")),
                PlatformAction.not_before <= now,
            )
            .values(status="running", attempts=PlatformAction.attempts + 1, claimed_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        row = s.get(PlatformAction, action_id)
        comment = s.get(Comment, row.comment_id) if row else None
        assert row is not None and comment is not None
        out = Claimed(
            row.id,
            row.action,
            row.platform,
            row.official_account_id,
            Target(comment.platform_comment_id, comment.parent_id, comment.object_id),
            row.reply_text,
            row.attempts,
        )
        uow.commit()
        return out


def _call(claimed: Claimed, token: str, settings: Settings, http: httpx.Client) -> dict[str, Any]:
    api = client(claimed.platform)
    if api is None:
        raise PlatformError(ErrorKind.REFUSED, f"no client for {claimed.platform}")
    base = base_url(settings, claimed.platform)
    if claimed.action == "hide":
        return api.hide(http, base, token, claimed.target)
    if claimed.action == "delete":
        return api.delete(http, base, token, claimed.target)
    if claimed.action == "unhide":
        return api.unhide(http, base, token, claimed.target)
    return api.reply(http, base, token, claimed.target, claimed.reply_text or "")


def run_action(
    *,
    db: Database,
    keyring: KeyRing,
    settings: Settings,
    action_id: str,
    now: dt.datetime,
    http: httpx.Client | None = None,
) -> str:
    """Run one due action; returns its new status ("" when it was not claimable)."""
    claimed = _claim(db, action_id, now)
    if claimed is None:
        return ""
    with db.uow() as uow:
        cred = credential(uow.session, keyring, claimed.account_id)
    error: PlatformError | None = None
    result: dict[str, Any] = {}
    if cred is None:
        error = PlatformError(
            ErrorKind.EXPIRED_TOKEN, "no access token is escrowed for this account"
        )
    else:
        own = http is None
        http = http or httpx.Client(timeout=settings.platform_timeout_seconds)
        try:
            result = _call(claimed, cred.token, settings, http)
        except PlatformError as exc:
            error = exc
        finally:
            if own:
                http.close()
    return _record(db, claimed, result, error, now)


def _record(
    db: Database,
    claimed: Claimed,
    result: dict[str, Any],
    error: PlatformError | None,
    now: dt.datetime,
) -> str:
    with db.uow(write=True) as uow:
        s = uow.session
        row = s.get(PlatformAction, claimed.id)
        account = s.get(OfficialAccount, claimed.account_id)
        assert row is not None and account is not None
        if error is not None and error.kind is ErrorKind.NOT_FOUND and row.action == "delete":
            error, result = None, {"already_gone": True}
        if error is None:
            row.status, row.done_at, row.result = "done", now, result
            row.error_kind = row.error_code = row.error_message = None
            event: AuditEvent | None = AuditEvent.PLATFORM_ACTION_DONE
        else:
            row.error_kind = error.kind.value
            row.error_code = (error.code or (str(error.status) if error.status else None) or "")[
                :128
            ] or None
            row.error_message = error.message[:512]
            event = None
            if error.transient and row.attempts < MAX_ATTEMPTS:
                wait = backoff(row.attempts)
                if error.retry_after is not None:
                    wait = max(wait, dt.timedelta(seconds=error.retry_after))
                row.status, row.not_before = "retry", now + wait
            elif error.kind is ErrorKind.EXPIRED_TOKEN:
                row.status = "waiting_token"
                connection = connection_of(s, row.official_account_id)
                if connection is not None and connection.token_ciphertext is not None:
                    connection.token_expired_at = now
            else:
                row.status = "failed"
                event = AuditEvent.PLATFORM_ACTION_FAILED
        if event is not None:
            record(
                s,
                event=event,
                subject_type="comment",
                subject_id=row.comment_id,
                now=now,
                building_id=account.building_id,
                after={
                    "platform_action_id": row.id,
                    "platform": row.platform,
                    "action": row.action,
                    "attempts": row.attempts,
                    "error_kind": row.error_kind,
                    "error_code": row.error_code,
                },
            )
        status = row.status
        uow.commit()
        return status


def due_ids(db: Database, now: dt.datetime, limit: int = 200) -> list[str]:
    """Actions whose time has come, after releasing claims a crashed runner left behind."""
    with db.uow(write=True) as uow:
        s = uow.session
        s.execute(
            update(PlatformAction)
            .where(
                PlatformAction.status == "running", PlatformAction.claimed_at <= now - STALE_CLAIM
            )
            .values(status="retry")
            .execution_options(synchronize_session=False)
        )
        uow.commit()
        return list(
            s.scalars(
                select(PlatformAction.id)
                .where(
                    PlatformAction.status.in_(("pending", "retry")),
                    PlatformAction.not_before <= now,
                )
                .order_by(PlatformAction.not_before, PlatformAction.id)
                .limit(limit)
            )
        )


def run_due(
    *,
    db: Database,
    keyring: KeyRing,
    settings: Settings,
    now: dt.datetime,
    ids: Sequence[str] | None = None,
    http: httpx.Client | None = None,
) -> dict[str, int]:
    """Run the due actions (or exactly ``ids`` when due); counts by new status."""
    counts: dict[str, int] = {}
    for action_id in due_ids(db, now) if ids is None else list(ids):
        status = run_action(
            db=db, keyring=keyring, settings=settings, action_id=action_id, now=now, http=http
        )
        if status:
            counts[status] = counts.get(status, 0) + 1
    return counts


# -- undo and reply --------------------------------------------------------------------------


class ScopedComment(NamedTuple):
    comment: Comment
    building_id: str | None  # its account's building (None: a district-wide account)


def comment_in_scope(session: Session, comment_id: str, scope: ModerationScope) -> ScopedComment:
    """The comment and its account's building, read together; a comment outside ``scope``
    is :class:`~lanyard.moderation.service.CommentNotFound`, as one that does not exist."""
    from lanyard.moderation.service import CommentNotFound

    row = session.execute(
        select(Comment, OfficialAccount.building_id)
        .join(OfficialAccount, OfficialAccount.id == Comment.official_account_id)
        .where(Comment.id == comment_id)
    ).first()
    if row is None:
        raise CommentNotFound(comment_id)
    comment, building_id = row
    if not scope.covers(comment.official_account_id, building_id):
        raise CommentNotFound(comment_id)
    return ScopedComment(comment, building_id)


def undo(
    *,
    uow: UnitOfWork,
    action_id: str,
    actor_id: str,
    scope: ModerationScope,
    now: dt.datetime,
) -> str:
    """Undo a delete before the platform is called: the call is cancelled and the comment
    goes back to the state it had (its archive entry stays). Returns the comment id."""
    session = uow.session
    row = session.get(PlatformAction, action_id)
    if row is None:
        raise ModerationProblem("undo", "nothing to undo")
    comment, building_id = comment_in_scope(session, row.comment_id, scope)
    cancelled = session.execute(
        update(PlatformAction)
        .where(
            PlatformAction.id == action_id,
            PlatformAction.action == "delete",
            PlatformAction.status == "pending",
            PlatformAction.not_before > now,
        )
        .values(status="undone", done_at=now)
        .execution_options(synchronize_session=False)
    )
    if cancelled.rowcount != 1 or comment.state != "deleted":  # type: ignore[attr-defined]
        raise ModerationProblem("undo", "too late to undo: the platform has been asked already")
    session.refresh(row)
    # guarded above (the call cancelled only while pending, the comment still deleted)
    restore_comment(
        session,
        comment,
        building_id=building_id,
        removed="deleted",
        previous=row.previous_state or "new",
        actor_id=actor_id,
        now=now,
        after={"platform_action_id": row.id},
    )
    uow.commit()
    return comment.id


def reply(
    *,
    uow: UnitOfWork,
    comment_id: str,
    text: str,
    actor_id: str,
    scope: ModerationScope,
    now: dt.datetime,
    send: Send | None = None,
) -> str:
    """Reply to a comment on its platform as the account; returns the action id."""
    session = uow.session
    comment, building_id = comment_in_scope(session, comment_id, scope)
    text = text.strip()
    if not text:
        raise ModerationProblem("text", "write the reply")
    if len(text) > MAX_REPLY:
        raise ModerationProblem("text", f"at most {MAX_REPLY} characters")
    row = queue_action(
        session,
        comment=comment,
        action="reply",
        archive_entry_id=None,
        previous_state=None,
        actor_id=actor_id,
        now=now,
        reply_text=text,
    )
    if row is None:
        raise ModerationProblem(
            "reply",
            f"this {platform_name(comment.platform)} account is not connected: reply on the "
            "platform",
        )
    record(
        session,
        event=AuditEvent.COMMENT_REPLIED,
        subject_type="comment",
        subject_id=comment.id,
        now=now,
        actor_id=actor_id,
        building_id=building_id,
        after={"platform_action_id": row.id, "characters": len(text)},
    )
    action_id = row.id
    if send is not None:
        uow.after_commit(lambda: send([action_id], 0.0))
    uow.commit()
    return action_id


# -- what the queue shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class ActionView:
    id: str
    comment_id: str
    account_handle: str
    platform: str
    action: str
    status: str
    attempts: int
    not_before: dt.datetime
    error_kind: str | None
    error_message: str | None
    undo_until: dt.datetime | None  # a delete that can still be undone
    text: str


def recent(
    session: Session,
    scope: ModerationScope,
    now: dt.datetime,
    *,
    since: dt.timedelta = dt.timedelta(hours=24),
    limit: int = 50,
) -> list[ActionView]:
    """Platform actions in scope still open, or settled in the last day, newest first."""
    from lanyard.moderation.archive import _covers

    rows = session.execute(
        select(PlatformAction, Comment, OfficialAccount)
        .join(Comment, Comment.id == PlatformAction.comment_id)
        .join(OfficialAccount, OfficialAccount.id == PlatformAction.official_account_id)
        .where(
            _covers(scope),
            or_(
                PlatformAction.status.in_(OPEN_ACTION_STATES),
                PlatformAction.status == "failed",
                PlatformAction.created_at >= now - since,
            ),
        )
        .order_by(PlatformAction.created_at.desc(), PlatformAction.id)
        .limit(limit)
    ).all()
    out = []
    for action, comment, account in rows:
        undoable = (
            action.action == "delete" and action.status == "pending" and action.not_before > now
        )
        out.append(
            ActionView(
                id=action.id,
                comment_id=comment.id,
                account_handle=account.handle,
                platform=action.platform,
                action=action.action,
                status=action.status,
                attempts=action.attempts,
                not_before=action.not_before,
                error_kind=action.error_kind,
                error_message=action.error_message,
                undo_until=action.not_before if undoable else None,
                text=comment.text,
            )
        )
    return out
