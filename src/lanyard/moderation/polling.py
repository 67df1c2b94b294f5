"""Intake by polling: each connected account with polling on is asked for its new comments
every ``moderation_poll_seconds``, from its cursor.

One round per account: claim it (a conditional update on ``polled_at``, so two runners
never poll the same account at once), call the platform outside any transaction, read the
answer with the same comment connector the exports and webhooks use, and take the comments
in with :func:`lanyard.moderation.service.ingest` (``source="poll"``) in the same
transaction that moves the cursor. A comment already on file is left as it is, so an
overlap between rounds, a webhook and a poll, or a retried round adds nothing twice.

Each round follows the platform's paging with at most ``moderation_poll_max_requests``
requests; a sweep that needs more keeps where it stopped (``poll_resume``) and the next
round goes on from there, the cursor moving only when the sweep is over.

A failure leaves the cursor where it was and is shown on the queue: an expired token until
a new one is deposited, anything transient retried with backoff.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import httpx
from sqlalchemy import or_, select, update

from lanyard.config import Settings
from lanyard.connectors.comments import CommentError, connector
from lanyard.connectors.platforms import ErrorKind, PlatformError, client
from lanyard.crypto import KeyRing
from lanyard.db.session import Database
from lanyard.moderation.escalation import Deliver
from lanyard.moderation.platform import credential
from lanyard.moderation.platform_actions import backoff, base_url
from lanyard.moderation.platform_orm import PlatformConnection
from lanyard.moderation.queue import ModerationProblem
from lanyard.official_accounts.orm import OfficialAccount


@dataclass(frozen=True)
class PollResult:
    account_id: str
    added: int = 0
    duplicates: int = 0
    error: str | None = None


def due_accounts(db: Database, now: dt.datetime) -> list[str]:
    with db.uow() as uow:
        return list(
            uow.session.scalars(
                select(PlatformConnection.account_id)
                .join(OfficialAccount, OfficialAccount.id == PlatformConnection.account_id)
                .where(
                    PlatformConnection.poll.is_(True),
                    PlatformConnection.token_ciphertext.is_not(None),
                    PlatformConnection.token_expired_at.is_(None),
                    PlatformConnection.token_error.is_(None),  # to be reconnected
                    OfficialAccount.active.is_(True),
                    or_(
                        PlatformConnection.poll_next_at.is_(None),
                        PlatformConnection.poll_next_at <= now,
                    ),
                )
                .order_by(PlatformConnection.account_id)
            )
        )


def poll_account(
    *,
    db: Database,
    keyring: KeyRing,
    settings: Settings,
    pack_id: str,
    account_id: str,
    now: dt.datetime,
    http: httpx.Client | None = None,
    deliver: Deliver | None = None,
) -> PollResult | None:
    """One round for one account; None when another runner has it or it is not due."""
    from lanyard.moderation.service import ingest

    every = dt.timedelta(seconds=settings.moderation_poll_seconds)
    with db.uow(write=True) as uow:
        s = uow.session
        row = s.get(PlatformConnection, account_id)
        account = s.get(OfficialAccount, account_id)
        if row is None or account is None:
            return None
        claimed = s.execute(
            update(PlatformConnection)
            .where(
                PlatformConnection.account_id == account_id,
                or_(
                    PlatformConnection.poll_next_at.is_(None),
                    PlatformConnection.poll_next_at <= now,
                ),
            )
            .values(polled_at=now, poll_next_at=now + every)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        platform, cursor, resume = account.platform, row.poll_cursor, row.poll_resume
        cred = credential(s, keyring, account_id)
        uow.commit()
    api = client(platform)
    if api is None or cred is None:
        return _failed(
            db, account_id, now, PlatformError(ErrorKind.REFUSED, "not connected"), every
        )
    own = http is None
    http = http or httpx.Client(timeout=settings.platform_timeout_seconds)
    base, budget = base_url(settings, platform), settings.moderation_poll_max_requests
    try:
        try:
            page = api.poll(
                http, base, cred.token, cred.account_ref, cursor, resume=resume, budget=budget
            )
        except PlatformError as exc:
            if resume is None or exc.kind not in (ErrorKind.REFUSED, ErrorKind.NOT_FOUND):
                raise
            # a paging cursor kept from the last round no longer works (the platforms say
            # they may not): the sweep starts again from the top, nothing is taken twice
            page = api.poll(http, base, cred.token, cred.account_ref, cursor, budget=budget)
        records = connector(platform).read(f"poll:{platform}", page.text)
    except PlatformError as exc:
        return _failed(db, account_id, now, exc, every)
    except CommentError as exc:
        return _failed(db, account_id, now, PlatformError(ErrorKind.REFUSED, str(exc)), every)
    finally:
        if own:
            http.close()
    try:
        with db.uow(write=True) as uow:
            uow.session.execute(
                update(PlatformConnection)
                .where(PlatformConnection.account_id == account_id)
                .values(
                    poll_cursor=page.cursor,
                    poll_resume=page.resume,
                    poll_failures=0,
                    poll_error=None,
                )
                .execution_options(synchronize_session=False)
            )
            result = ingest(
                uow=uow,
                pack_id=pack_id,
                account_id=account_id,
                records=records,
                now=now,
                source="poll",
                deliver=deliver,
                safety_contact=settings.safety_contact,
                embedding_threat=settings.moderation_embedding_threat,
            )
    except ModerationProblem as exc:
        return _failed(db, account_id, now, PlatformError(ErrorKind.REFUSED, str(exc)), every)
    return PollResult(account_id, result.added, result.duplicates)


def _failed(
    db: Database, account_id: str, now: dt.datetime, error: PlatformError, every: dt.timedelta
) -> PollResult:
    """Keep the failure on the account; a transient one is retried no sooner than the next
    round, later with each failure in a row (backoff), or when the platform says."""
    with db.uow(write=True) as uow:
        row = uow.session.get(PlatformConnection, account_id)
        assert row is not None
        row.poll_failures = (row.poll_failures or 0) + 1
        row.poll_error = f"{error.kind.value}: {error.message}"[:512]
        if error.kind is ErrorKind.EXPIRED_TOKEN:
            row.token_expired_at = now
        elif error.transient:
            wait = max(every, backoff(row.poll_failures))
            if error.retry_after is not None:
                wait = max(wait, dt.timedelta(seconds=error.retry_after))
            row.poll_next_at = now + wait
        shown = row.poll_error
        uow.commit()
    return PollResult(account_id, error=shown)


def poll_due(
    *,
    db: Database,
    keyring: KeyRing,
    settings: Settings,
    pack_id: str,
    now: dt.datetime,
    http: httpx.Client | None = None,
    deliver: Deliver | None = None,
) -> list[PollResult]:
    out = []
    for account_id in due_accounts(db, now):
        result = poll_account(
            db=db,
            keyring=keyring,
            settings=settings,
            pack_id=pack_id,
            account_id=account_id,
            now=now,
            http=http,
            deliver=deliver,
        )
        if result is not None:
            out.append(result)
    return out
