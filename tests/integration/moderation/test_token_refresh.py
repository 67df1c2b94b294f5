"""Renewing the platforms' access tokens with the escrowed refresh tokens (YouTube, X) or
Meta's token exchange (Facebook), against the local platform server's token endpoints, on
SQLite and PostgreSQL; a refused renewal stops polling until the account is reconnected."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from lanyard.audit.orm import AuditEntry
from lanyard.bootstrap import Services
from lanyard.config import Settings
from lanyard.crypto import KeyRing, keyring_from_settings
from lanyard.db.session import Database
from lanyard.jobs.runner import discover, run_one
from lanyard.moderation import platform, polling, tokens
from lanyard.moderation.platform_orm import PlatformConnection
from tests.integration.moderation.seed import NOW, Moderation, principal
from tests.integration.moderation.test_platform_actions import add_account
from tests.support.platforms import PlatformServer, PlatformState, platform_server

PACK = "wilmette-39"


server = pytest.fixture(scope="module", name="server")(platform_server)


@pytest.fixture
def api(server: tuple[PlatformServer, str]) -> PlatformState:
    server[0].state = PlatformState(
        tokens={"yt-1": "valid", "x-1": "valid", "EAAB-short": "valid"},
        meta_apps={"1234567890": "meta-app-secret"},
        oauth_clients={"google-client.apps": "google-secret", "x-client": "x-secret"},
        refresh_tokens={"1//yt-refresh": "youtube", "x-refresh-0": "x"},
    )
    return server[0].state


@pytest.fixture
def settings(server: tuple[PlatformServer, str]) -> Settings:
    url = server[1]
    return Settings(
        secret_key="test-secret-key-" + "x" * 32,  # type: ignore[arg-type]
        facebook_api_url=f"{url}/graph",
        instagram_api_url=f"{url}/graph",
        youtube_api_url=f"{url}/youtube/v3",
        x_api_url=f"{url}/x",
        google_token_url=f"{url}/google/token",
        meta_app_id="1234567890",
        meta_app_secret="meta-app-secret",  # type: ignore[arg-type]
        google_client_id="google-client.apps",
        google_client_secret="google-secret",  # type: ignore[arg-type]
        x_client_id="x-client",
        x_client_secret="x-secret",  # type: ignore[arg-type]
    )


@pytest.fixture
def keyring(settings: Settings) -> KeyRing:
    return keyring_from_settings(settings)


def connect(
    db: Database,
    mod: Moderation,
    keyring: KeyRing,
    account: str,
    ref: str,
    token: str,
    refresh: str = "",
) -> None:
    with db.uow(write=True) as uow:
        platform.connect(
            uow=uow,
            keyring=keyring,
            principal=principal(db, mod.district.principal),
            account_id=account,
            token=token,
            platform_account_id=ref,
            poll=True,
            now=NOW,
            refresh_token=refresh,
        )


def conn(db: Database, account: str) -> PlatformConnection:
    with db.uow() as uow:
        row = uow.session.get(PlatformConnection, account)
        assert row is not None
        uow.session.expunge_all()
    return row


def token_of(db: Database, keyring: KeyRing, account: str) -> str:
    with db.uow() as uow:
        cred = platform.credential(uow.session, keyring, account)
    assert cred is not None
    return cred.token


def refresh(
    db: Database, settings: Settings, keyring: KeyRing, at: dt.datetime
) -> list[tokens.RefreshOutcome]:
    return tokens.refresh_due(db=db, keyring=keyring, settings=settings, now=at)


def events(db: Database, name: str) -> list[AuditEntry]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(AuditEntry).where(AuditEntry.event == name)))
        uow.session.expunge_all()
    return rows


def test_a_youtube_token_is_renewed_with_the_refresh_token_and_polling_uses_the_new_one(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, channel, "UCnorth", "yt-1", refresh="1//yt-refresh")
    [outcome] = refresh(database, settings, keyring, NOW)
    assert outcome.refreshed and outcome.error is None
    [issued] = api.issued
    assert token_of(database, keyring, channel) == issued["access_token"]
    row = conn(database, channel)
    assert row.token_expires_at == NOW + dt.timedelta(seconds=3599)
    assert row.token_refreshed_at == NOW and row.token_version == 2
    call = api.calls("/google/token")[-1]
    assert call.method == "POST" and call.query == {}  # secrets in the body, not the URL
    [entry] = events(database, "platform_token:refreshed")
    assert "yt-refresh" not in str(entry.after) and issued["access_token"] not in str(entry.after)
    api.tokens["yt-1"] = "expired"  # the old one is no good any more
    [polled] = polling.poll_due(
        db=database, keyring=keyring, settings=settings, pack_id=PACK, now=NOW
    )
    assert polled.error is None
    assert api.calls("/youtube/")[-1].token == issued["access_token"]
    # an hour later the hour-long token is renewed again
    assert refresh(database, settings, keyring, NOW + dt.timedelta(minutes=5)) != []
    assert len(api.issued) == 2


def test_x_rotates_the_refresh_token_and_the_next_renewal_uses_the_new_one(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945", "x-1", refresh="x-refresh-0")
    [first] = refresh(database, settings, keyring, NOW)
    assert first.refreshed
    assert api.refresh_tokens["x-refresh-0"] == "revoked"
    call = api.calls("/x/2/oauth2/token")[-1]
    assert call.query == {}
    [second] = refresh(database, settings, keyring, NOW + dt.timedelta(hours=1))
    assert second.refreshed, second.error
    assert token_of(database, keyring, account) == api.issued[-1]["access_token"]
    assert conn(database, account).token_expires_at == NOW + dt.timedelta(hours=3)


def test_a_facebook_token_is_exchanged_once_then_again_a_week_before_it_expires(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001", "EAAB-short")
    [outcome] = refresh(database, settings, keyring, NOW)
    assert outcome.refreshed
    assert api.issued[0]["exchanged"] == "EAAB-short"
    assert conn(database, mod.north_page).token_expires_at == NOW + dt.timedelta(days=60)
    assert refresh(database, settings, keyring, NOW + dt.timedelta(days=1)) == []
    [again] = refresh(database, settings, keyring, NOW + dt.timedelta(days=54))
    assert again.refreshed and len(api.issued) == 2


def test_a_refused_renewal_asks_to_reconnect_and_stops_polling_until_reconnected(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, channel, "UCnorth", "yt-1", refresh="1//yt-refresh")
    api.refresh_tokens["1//yt-refresh"] = "revoked"  # the district revoked Lanyard's access
    [outcome] = refresh(database, settings, keyring, NOW)
    assert outcome.reconnect and not outcome.refreshed
    row = conn(database, channel)
    assert row.token_error == "Token has been expired or revoked."
    assert polling.due_accounts(database, NOW + dt.timedelta(hours=1)) == []
    assert refresh(database, settings, keyring, NOW + dt.timedelta(hours=1)) == []  # no retry
    [entry] = events(database, "platform_token:refresh_failed")
    assert entry.after == {"kind": "expired_token", "code": "invalid_grant", "status": 400}
    # reconnecting with a new authorization clears it and polling goes on
    api.refresh_tokens["1//yt-refresh-2"] = "youtube"
    api.tokens["yt-2"] = "valid"
    connect(database, mod, keyring, channel, "UCnorth", "yt-2", refresh="1//yt-refresh-2")
    assert conn(database, channel).token_error is None
    assert polling.due_accounts(database, NOW + dt.timedelta(hours=1)) == [channel]
    [renewed] = refresh(database, settings, keyring, NOW + dt.timedelta(hours=1))
    assert renewed.refreshed


def test_a_wrong_app_secret_is_shown_in_the_platforms_words(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001", "EAAB-short")
    api.meta_apps["1234567890"] = "rotated-secret"
    [outcome] = refresh(database, settings, keyring, NOW)
    assert outcome.reconnect
    assert conn(database, mod.north_page).token_error == "Error validating client secret."


def test_an_outage_of_the_token_endpoint_changes_nothing_and_is_tried_again(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945", "x-1", refresh="x-refresh-0")
    api.fail_next("oauth", "server")
    [outcome] = refresh(database, settings, keyring, NOW)
    assert not outcome.refreshed and not outcome.reconnect
    assert outcome.error is not None and outcome.error.startswith("transient")
    row = conn(database, account)
    assert row.token_error is None and row.token_version == 1
    assert token_of(database, keyring, account) == "x-1"
    [later] = refresh(database, settings, keyring, NOW + dt.timedelta(hours=1))
    assert later.refreshed


def test_without_an_app_configured_nothing_is_renewed(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    bare = settings.model_copy(update={"google_client_id": None, "x_client_id": None})
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, channel, "UCnorth", "yt-1", refresh="1//yt-refresh")
    assert refresh(database, bare, keyring, NOW) == []
    assert api.calls("/google/") == []


def test_the_hourly_job_renews_due_tokens(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    job = discover()["moderation.refresh_tokens"]
    assert job.every == dt.timedelta(hours=1)
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945", "x-1", refresh="x-refresh-0")
    services = Services(settings.model_copy(update={"database_url": database.url}))
    outcome = run_one(services, "moderation.refresh_tokens", NOW)
    assert outcome.ran and not outcome.failed and outcome.handled == 1
    assert not run_one(services, "moderation.refresh_tokens", NOW + dt.timedelta(minutes=30)).ran
