"""Each official account's connection to its platform: the API access token and the
webhook secret, sealed with AES-GCM under the key ring like the credential escrow (bound to
the account id, so a ciphertext moved to another account does not open), the platform's id
of the account, and whether Lanyard polls it.

Setting them is for whoever may manage the account (owner, managers, administrators of its
building or district). Neither secret ever reaches an audit entry, a log or a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import Principal
from lanyard.connectors.platforms import client
from lanyard.crypto import KeyRing, Sealed
from lanyard.db.session import UnitOfWork
from lanyard.moderation.platform_orm import PlatformAction, PlatformConnection
from lanyard.moderation.queue import ModerationProblem
from lanyard.official_accounts.service import load_for

MAX_SECRET = 4096


def token_context(account_id: str) -> str:
    return f"official-account-api-token:{account_id}"


def webhook_context(account_id: str) -> str:
    return f"official-account-webhook-secret:{account_id}"


def refresh_context(account_id: str) -> str:
    return f"official-account-refresh-token:{account_id}"


def seal_refresh_token(
    row: PlatformConnection, keyring: KeyRing, account_id: str, token: str | None
) -> None:
    """Escrow the account's OAuth refresh token (None removes it)."""
    if token is None:
        row.refresh_key_id = row.refresh_nonce = row.refresh_ciphertext = None
        return
    sealed = keyring.seal(token.encode(), context=refresh_context(account_id))
    row.refresh_key_id, row.refresh_nonce, row.refresh_ciphertext = (
        sealed.key_id,
        sealed.nonce,
        sealed.ciphertext,
    )


def open_refresh_token(row: PlatformConnection, keyring: KeyRing) -> str | None:
    if row.refresh_ciphertext is None or row.refresh_key_id is None or row.refresh_nonce is None:
        return None
    sealed = Sealed(row.refresh_key_id, bytes(row.refresh_nonce), bytes(row.refresh_ciphertext))
    return keyring.open(sealed, context=refresh_context(row.account_id)).decode()


def resume_waiting(session: Session, account_id: str, now: dt.datetime) -> int:
    """Actions that waited for a token run again (a new token was deposited or renewed)."""
    waiting = (
        session.query(PlatformAction)
        .filter(
            PlatformAction.official_account_id == account_id,
            PlatformAction.status == "waiting_token",
        )
        .all()
    )
    for action in waiting:
        action.status = "retry"
        action.not_before = now
    return len(waiting)


@dataclass(frozen=True)
class Credential:
    token: str
    account_ref: str

    def __repr__(self) -> str:  # never show the token in a traceback or log
        return f"Credential(account_ref={self.account_ref!r}, token=<hidden>)"


def connection_of(session: Session, account_id: str) -> PlatformConnection | None:
    return session.get(PlatformConnection, account_id)


def _connection(session: Session, account_id: str) -> PlatformConnection:
    row = session.get(PlatformConnection, account_id)
    if row is None:
        row = PlatformConnection(account_id=account_id, token_version=0, poll=False)
        session.add(row)
    return row


def connect(
    *,
    uow: UnitOfWork,
    keyring: KeyRing,
    principal: Principal,
    account_id: str,
    token: str,
    platform_account_id: str,
    poll: bool,
    now: dt.datetime,
    refresh_token: str = "",
) -> int:
    """Escrow the account's API access token (sealed), its OAuth refresh token when given
    (YouTube, X: renewed by ``moderation.refresh_tokens``) and its platform id; actions
    waiting for a token run again, and an account that had to be reconnected is connected
    again. Returns the token's version."""
    session = uow.session
    account, _ = load_for(session, principal, account_id)
    if client(account.platform) is None:
        raise ModerationProblem("platform", f"Lanyard cannot act on {account.platform} accounts")
    token = token.strip()
    if not token or len(token) > MAX_SECRET or any(c.isspace() for c in token):
        raise ModerationProblem("token", "paste the access token the platform issued")
    refresh_token = refresh_token.strip()
    if len(refresh_token) > MAX_SECRET or any(c.isspace() for c in refresh_token):
        raise ModerationProblem("refresh_token", "paste the refresh token the platform issued")
    ref = platform_account_id.strip()
    if not ref or len(ref) > 255:
        raise ModerationProblem("platform_account_id", "give the platform's id of the account")
    sealed = keyring.seal(token.encode(), context=token_context(account.id))
    row = _connection(session, account.id)
    row.token_key_id, row.token_nonce, row.token_ciphertext = (
        sealed.key_id,
        sealed.nonce,
        sealed.ciphertext,
    )
    row.token_version = (row.token_version or 0) + 1
    row.token_set_at = now
    row.token_set_by_id = principal.person_id
    row.token_expired_at = None
    if refresh_token:
        seal_refresh_token(row, keyring, account.id, refresh_token)
    elif row.token_error is not None:
        seal_refresh_token(row, keyring, account.id, None)  # the platform refused it
    reconnected = row.token_error is not None
    row.token_error = None
    row.token_expires_at = None
    row.token_refreshed_at = None
    row.platform_account_id = ref
    row.poll = poll
    row.poll_error = None
    row.poll_failures = 0
    row.poll_next_at = None
    resumed = resume_waiting(session, account.id, now)
    record(
        session,
        event=AuditEvent.PLATFORM_TOKEN_DEPOSITED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        after={
            "version": row.token_version,
            "key_id": sealed.key_id,
            "poll": poll,
            "actions_resumed": resumed,
            "refresh_token": bool(row.refresh_ciphertext),
            "reconnected": reconnected,
        },
    )
    uow.commit()
    return row.token_version


def set_webhook_secret(
    *,
    uow: UnitOfWork,
    keyring: KeyRing,
    principal: Principal,
    account_id: str,
    secret: str,
    now: dt.datetime,
) -> None:
    """The secret this account's webhook deliveries are signed with (its own app's secret,
    or a relay's); an empty secret removes it (the platform-wide setting applies again)."""
    session = uow.session
    account, _ = load_for(session, principal, account_id)
    secret = secret.strip()
    if len(secret) > MAX_SECRET:
        raise ModerationProblem("secret", "too long")
    row = _connection(session, account.id)
    if secret:
        sealed = keyring.seal(secret.encode(), context=webhook_context(account.id))
        row.webhook_key_id, row.webhook_nonce, row.webhook_ciphertext = (
            sealed.key_id,
            sealed.nonce,
            sealed.ciphertext,
        )
    else:
        row.webhook_key_id = row.webhook_nonce = row.webhook_ciphertext = None
    row.webhook_set_at = now
    record(
        session,
        event=AuditEvent.WEBHOOK_SECRET_SET,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        after={"set": bool(secret), "key_id": row.webhook_key_id},
    )
    uow.commit()


def credential(session: Session, keyring: KeyRing, account_id: str) -> Credential | None:
    """The account's API token and platform id, or None when none is set."""
    row = session.get(PlatformConnection, account_id)
    if (
        row is None
        or row.token_ciphertext is None
        or row.token_key_id is None
        or row.token_nonce is None
        or not row.platform_account_id
    ):
        return None
    sealed = Sealed(row.token_key_id, bytes(row.token_nonce), bytes(row.token_ciphertext))
    token = keyring.open(sealed, context=token_context(account_id)).decode()
    return Credential(token, row.platform_account_id)


def webhook_secret(
    session: Session, keyring: KeyRing | Callable[[], KeyRing], account_id: str
) -> str | None:
    """The account's own webhook secret, or None. ``keyring`` may be a function, called only
    when there is a secret to open (most deliveries use the platform-wide setting)."""
    row = session.get(PlatformConnection, account_id)
    if row is None or row.webhook_ciphertext is None or row.webhook_key_id is None:
        return None
    assert row.webhook_nonce is not None
    ring = keyring if isinstance(keyring, KeyRing) else keyring()
    sealed = Sealed(row.webhook_key_id, bytes(row.webhook_nonce), bytes(row.webhook_ciphertext))
    return ring.open(sealed, context=webhook_context(account_id)).decode()


# The sealed secrets of a connection: (column prefix, the context each is sealed under).
_SEALED_FIELDS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("token", token_context),
    ("webhook", webhook_context),
    ("refresh", refresh_context),
)


def _reseal_field(row: PlatformConnection, keyring: KeyRing, field: str, context: str) -> bool:
    """Re-encrypt ``row.<field>_*`` under the current key when it is under another one."""
    key_id = getattr(row, f"{field}_key_id")
    nonce = getattr(row, f"{field}_nonce")
    ciphertext = getattr(row, f"{field}_ciphertext")
    if ciphertext is None or key_id in (None, keyring.current):
        return False
    assert nonce is not None
    sealed = keyring.reseal(Sealed(key_id, bytes(nonce), bytes(ciphertext)), context=context)
    setattr(row, f"{field}_key_id", sealed.key_id)
    setattr(row, f"{field}_nonce", sealed.nonce)
    setattr(row, f"{field}_ciphertext", sealed.ciphertext)
    return True


def reseal(session: Session, keyring: KeyRing, now: dt.datetime) -> int:
    """Re-encrypt every API token and webhook secret not under the current key (``lanyard
    escrow rotate`` calls this in its transaction, before the escrowed passwords); returns
    how many secrets. A secret that does not open raises and the caller changes nothing."""
    count = 0
    for row in session.scalars(select(PlatformConnection)):
        before = {"token": row.token_key_id, "webhook": row.webhook_key_id}
        refresh_before = row.refresh_key_id
        for field, context in _SEALED_FIELDS:
            if _reseal_field(row, keyring, field, context(row.account_id)):
                count += 1
        after = {"token": row.token_key_id, "webhook": row.webhook_key_id}
        if after != before or row.refresh_key_id != refresh_before:
            record(
                session,
                event=AuditEvent.ESCROW_ROTATED,
                subject_type="official_account",
                subject_id=row.account_id,
                now=now,
                before={"platform_key_ids": before},
                after={"platform_key_ids": after},
            )
    session.flush()
    return count
