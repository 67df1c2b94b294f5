"""Keeping each connected account's access token alive: OAuth renewal with the escrowed
refresh token (YouTube, X) or Meta's token exchange (Facebook, Instagram).

The hourly job ``moderation.refresh_tokens`` renews every token that is due:

- YouTube and X (access tokens of an hour or two): when the escrowed token expires within
  :data:`AHEAD` of the kind, when its expiry is unknown (just connected), or when the
  platform said it expired; a refresh token must be escrowed;
- Facebook and Instagram: once after connecting (to learn whether the token expires: a
  Page token from a long-lived user token does not), then within 7 days of its expiry, or
  when the platform said it expired.

Nothing happens for a platform whose app is not configured (its client id and secret
settings). The call to the token endpoint is made outside any transaction; the new token is
sealed under the key ring and written only if nobody deposited another meanwhile (the token
version is unchanged), with a ``platform_token:refreshed`` audit entry; actions that waited
for a token run again and polling goes on.

When the platform refuses (the refresh token was revoked or expired, the app is wrong), the
account must be reconnected: the platform's own words are kept (``token_error``) and shown
on the connection page under "Reconnect this account", polling stops and actions wait
until a person deposits a new token (``platform_token:refresh_failed`` in the audit log).
An outage or a rate limit changes nothing: the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import httpx
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.config import Settings
from lanyard.connectors.platforms import ErrorKind, PlatformError
from lanyard.connectors.platforms.oauth import (
    KIND_OF_PLATFORM,
    NEEDS_REFRESH_TOKEN,
    OAuthClient,
    renew,
)
from lanyard.crypto import KeyRing, Sealed
from lanyard.db.session import Database
from lanyard.moderation.platform import (
    open_refresh_token,
    resume_waiting,
    seal_refresh_token,
    token_context,
)
from lanyard.moderation.platform_actions import base_url
from lanyard.moderation.platform_orm import PlatformConnection
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.official_accounts.service import account_building

log = logging.getLogger(__name__)

AHEAD = {
    "google": dt.timedelta(minutes=75),
    "x": dt.timedelta(minutes=75),
    "meta": dt.timedelta(days=7),
}
RECONNECT_KINDS = frozenset({ErrorKind.EXPIRED_TOKEN, ErrorKind.REFUSED, ErrorKind.NOT_FOUND})


def oauth_client(settings: Settings, platform: str) -> OAuthClient | None:
    """The district's app for renewing ``platform``'s tokens, or None when not configured."""
    kind = KIND_OF_PLATFORM.get(platform)
    if kind == "meta" and settings.meta_app_id and settings.meta_app_secret:
        return OAuthClient(
            kind,
            f"{base_url(settings, platform)}/oauth/access_token",
            settings.meta_app_id,
            settings.meta_app_secret.get_secret_value(),
        )
    if kind == "google" and settings.google_client_id and settings.google_client_secret:
        return OAuthClient(
            kind,
            settings.google_token_url,
            settings.google_client_id,
            settings.google_client_secret.get_secret_value(),
        )
    if kind == "x" and settings.x_client_id:
        secret = settings.x_client_secret.get_secret_value() if settings.x_client_secret else None
        return OAuthClient(
            kind, f"{base_url(settings, platform)}/2/oauth2/token", settings.x_client_id, secret
        )
    return None


def is_due(row: PlatformConnection, kind: str, now: dt.datetime) -> bool:
    if row.token_ciphertext is None or row.token_error is not None:
        return False
    if kind in NEEDS_REFRESH_TOKEN and row.refresh_ciphertext is None:
        return False
    if row.token_expired_at is not None:
        return True
    if row.token_expires_at is None:
        # unknown expiry: Google and X tokens last an hour or two; a Meta token is
        # exchanged once to learn whether it expires
        return kind in NEEDS_REFRESH_TOKEN or row.token_refreshed_at is None
    return row.token_expires_at <= now + AHEAD[kind]


def due_accounts(db: Database, settings: Settings, now: dt.datetime) -> list[str]:
    with db.uow() as uow:
        rows = uow.session.execute(
            select(PlatformConnection, OfficialAccount.platform)
            .join(OfficialAccount, OfficialAccount.id == PlatformConnection.account_id)
            .where(OfficialAccount.active.is_(True), PlatformConnection.token_error.is_(None))
            .order_by(PlatformConnection.account_id)
        ).all()
        out = []
        for row, platform in rows:
            kind = KIND_OF_PLATFORM.get(platform)
            if kind and oauth_client(settings, platform) and is_due(row, kind, now):
                out.append(row.account_id)
        return out


@dataclass(frozen=True)
class RefreshOutcome:
    account_id: str
    refreshed: bool
    error: str | None = None  # "kind: the platform's words"
    reconnect: bool = False  # the account must be reconnected


def refresh_account(
    *,
    db: Database,
    keyring: KeyRing,
    settings: Settings,
    account_id: str,
    now: dt.datetime,
    http: httpx.Client | None = None,
) -> RefreshOutcome | None:
    """Renew one account's token now; None when there is nothing to renew with."""
    with db.uow() as uow:
        row = uow.session.get(PlatformConnection, account_id)
        account = uow.session.get(OfficialAccount, account_id)
        if row is None or account is None or row.token_ciphertext is None:
            return None
        oauth = oauth_client(settings, account.platform)
        if oauth is None:
            return None
        assert row.token_key_id is not None and row.token_nonce is not None
        access = keyring.open(
            Sealed(row.token_key_id, bytes(row.token_nonce), bytes(row.token_ciphertext)),
            context=token_context(account_id),
        ).decode()
        refresh = open_refresh_token(row, keyring)
        version = row.token_version
    own = http is None
    http = http or httpx.Client(timeout=settings.platform_timeout_seconds)
    try:
        renewed = renew(http, oauth, access_token=access, refresh_token=refresh)
    except PlatformError as exc:
        if exc.kind in RECONNECT_KINDS:
            return _failed(db, account_id, version, exc, now)
        log.info("token renewal of an account will be tried again: %s", exc.kind.value)
        return RefreshOutcome(account_id, False, f"{exc.kind.value}: {exc.message}")
    finally:
        if own:
            http.close()
    with db.uow(write=True) as uow:
        s = uow.session
        row = s.get(PlatformConnection, account_id)
        account = s.get(OfficialAccount, account_id)
        if row is None or account is None or row.token_version != version:
            return RefreshOutcome(account_id, False, "a new token was deposited meanwhile")
        sealed = keyring.seal(renewed.access_token.encode(), context=token_context(account_id))
        row.token_key_id, row.token_nonce, row.token_ciphertext = (
            sealed.key_id,
            sealed.nonce,
            sealed.ciphertext,
        )
        if renewed.refresh_token is not None:
            seal_refresh_token(row, keyring, account_id, renewed.refresh_token)
        row.token_version = version + 1
        row.token_refreshed_at = now
        row.token_expires_at = (
            now + dt.timedelta(seconds=renewed.expires_in) if renewed.expires_in else None
        )
        row.token_expired_at = None
        row.token_error = None
        resumed = resume_waiting(s, account_id, now)
        record(
            s,
            event=AuditEvent.PLATFORM_TOKEN_REFRESHED,
            subject_type="official_account",
            subject_id=account_id,
            now=now,
            building_id=account.building_id,
            after={
                "version": row.token_version,
                "key_id": sealed.key_id,
                "expires_at": row.token_expires_at.isoformat() if row.token_expires_at else None,
                "refresh_token_rotated": renewed.refresh_token is not None,
                "actions_resumed": resumed,
            },
        )
        uow.commit()
    return RefreshOutcome(account_id, True)


def _failed(
    db: Database, account_id: str, version: int, error: PlatformError, now: dt.datetime
) -> RefreshOutcome:
    words = error.message[:512]
    with db.uow(write=True) as uow:
        s: Session = uow.session
        building_id = account_building(s, account_id)
        changed = s.execute(
            update(PlatformConnection)
            .where(
                PlatformConnection.account_id == account_id,
                PlatformConnection.token_version == version,
            )
            .values(token_error=words, token_expired_at=now)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            return RefreshOutcome(account_id, False, "a new token was deposited meanwhile")
        record(
            s,
            event=AuditEvent.PLATFORM_TOKEN_REFRESH_FAILED,
            subject_type="official_account",
            subject_id=account_id,
            now=now,
            building_id=building_id,
            after={"kind": error.kind.value, "code": error.code, "status": error.status},
        )
        uow.commit()
    return RefreshOutcome(account_id, False, f"{error.kind.value}: {words}", reconnect=True)


def refresh_due(
    *,
    db: Database,
    keyring: KeyRing,
    settings: Settings,
    now: dt.datetime,
    http: httpx.Client | None = None,
) -> list[RefreshOutcome]:
    out = []
    for account_id in due_accounts(db, settings, now):
        outcome = refresh_account(
            db=db, keyring=keyring, settings=settings, account_id=account_id, now=now, http=http
        )
        if outcome is not None:
            out.append(outcome)
    return out
