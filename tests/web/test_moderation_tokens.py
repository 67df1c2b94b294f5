"""The connection page when a platform refuses to renew an account's token: "Reconnect this
account" in the platform's own words, polling stopped, and a reconnect from the page that
sets it going again. The platforms are the local server of tests/support/platforms.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from lanyard.config import Settings
from lanyard.crypto import keyring_from_settings
from lanyard.db.session import Database
from lanyard.moderation import polling, tokens
from lanyard.moderation.platform_orm import PlatformConnection
from tests.integration.moderation.seed import NOW, Moderation, seed_moderation
from tests.integration.moderation.test_platform_actions import add_account
from tests.support.platforms import EXPIRED, PlatformServer, PlatformState, platform_server
from tests.web.conftest import csrf_of, make_settings, sign_in

PAGE_ID = "104000000000001"


server = pytest.fixture(scope="module", name="server")(platform_server)


@pytest.fixture
def api(server: tuple[PlatformServer, str]) -> PlatformState:
    server[0].state = PlatformState(
        tokens={"EAAB-1": "valid", "EAAB-2": "valid", "yt-1": "valid"},
        meta_apps={"1234567890": "meta-app-secret"},
        oauth_clients={"google-client.apps": "google-secret"},
        refresh_tokens={"1//yt-refresh": "youtube"},
    )
    return server[0].state


@pytest.fixture
def settings(sqlite_url: str, server: tuple[PlatformServer, str]) -> Settings:
    url = server[1]
    return make_settings(
        sqlite_url,
        facebook_api_url=f"{url}/graph",
        youtube_api_url=f"{url}/youtube/v3",
        google_token_url=f"{url}/google/token",
        meta_app_id="1234567890",
        meta_app_secret="meta-app-secret",
        google_client_id="google-client.apps",
        google_client_secret="google-secret",
        jobs_runner="none",
    )


@pytest.fixture
def mod(db: Database) -> Moderation:
    return seed_moderation(db)


@pytest.fixture
def client(app: FastAPI, mod: Moderation, api: PlatformState) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c


def save_token(client: TestClient, url: str, ref: str, token: str, refresh: str = "") -> None:
    answer = client.post(
        url,
        data={
            "csrf_token": csrf_of(client, url),
            "what": "token",
            "token": token,
            "refresh_token": refresh,
            "platform_account_id": ref,
            "poll": "1",
        },
    )
    assert answer.status_code == 303


def test_a_page_token_that_cannot_be_renewed_asks_to_reconnect_in_facebooks_words(
    client: TestClient, db: Database, mod: Moderation, api: PlatformState, settings: Settings
) -> None:
    keyring = keyring_from_settings(settings)
    sign_in(client, "paula")
    url = f"/moderation/accounts/{mod.north_page}/connection"
    save_token(client, url, PAGE_ID, "EAAB-1")
    assert "Reconnect this account" not in client.get(url).text
    api.tokens["EAAB-1"] = "expired"  # the Page's admin changed their password
    [outcome] = tokens.refresh_due(db=db, keyring=keyring, settings=settings, now=NOW)
    assert outcome.reconnect
    page = client.get(url).text
    assert "Reconnect this account" in page
    assert EXPIRED in page  # Facebook's own words
    assert "stopped polling this account" in page
    assert polling.due_accounts(db, NOW) == []
    save_token(client, url, PAGE_ID, "EAAB-2")
    page = client.get(url).text
    assert "Reconnect this account" not in page and "EAAB-2" not in page
    assert polling.due_accounts(db, NOW) == [mod.north_page]


def test_a_youtube_refresh_token_is_saved_from_the_page_sealed_and_never_shown(
    client: TestClient, db: Database, mod: Moderation, api: PlatformState, settings: Settings
) -> None:
    channel = add_account(db, mod, "youtube", "@northelementary")
    sign_in(client, "paula")
    url = f"/moderation/accounts/{channel}/connection"
    assert "Refresh token (optional)" in client.get(url).text
    save_token(client, url, "UCnorth", "yt-1", refresh="1//yt-refresh")
    with db.uow() as uow:
        row = uow.session.get(PlatformConnection, channel)
        assert row is not None and row.refresh_ciphertext is not None
        assert b"yt-refresh" not in bytes(row.refresh_ciphertext)
    keyring = keyring_from_settings(settings)
    [outcome] = tokens.refresh_due(db=db, keyring=keyring, settings=settings, now=NOW)
    assert outcome.refreshed
    page = client.get(url).text
    assert "Lanyard renews it before it expires (last renewed" in page
    assert "1//yt-refresh" not in page and api.issued[0]["access_token"] not in page
