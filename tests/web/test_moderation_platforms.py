"""Acting on the platforms from the queue over HTTP: Undo in the window, what the platform
answered shown on the comment, the connection page, per-account webhook secrets. The
platforms are the local server of tests/support/platforms.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.config import Settings
from lanyard.connectors.comments import connector
from lanyard.crypto import keyring_from_settings
from lanyard.db.session import Database
from lanyard.moderation import platform, platform_actions, service
from lanyard.moderation.orm import Comment
from lanyard.moderation.platform_orm import PlatformAction
from lanyard.moderation.webhooks import sign
from tests.integration.moderation.seed import NOW, Moderation, principal, seed_moderation
from tests.support.platforms import PlatformServer, PlatformState, platform_server
from tests.web.conftest import csrf_of, make_settings, sign_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "comments"
APP_SECRET = "meta-app-secret-for-tests"
TOKEN = "EAAB-page-token-1"
SPAM = "104000000000001_910000000000009"
PRAISE = "104000000000001_910000000000007"


server = pytest.fixture(scope="module", name="server")(platform_server)


@pytest.fixture
def api(server: tuple[PlatformServer, str]) -> PlatformState:
    server[0].state = PlatformState(tokens={TOKEN: "valid"})
    for cid in (SPAM, PRAISE):
        server[0].state.add_comment("facebook", cid)
    return server[0].state


@pytest.fixture
def settings(sqlite_url: str, server: tuple[PlatformServer, str]) -> Settings:
    return make_settings(
        sqlite_url,
        meta_app_secret=APP_SECRET,
        facebook_api_url=f"{server[1]}/graph",
        jobs_runner="none",  # the tests run the job themselves, at a time they choose
        moderation_undo_seconds=10,
    )


@pytest.fixture
def mod(db: Database) -> Moderation:
    return seed_moderation(db)


@pytest.fixture
def client(app: FastAPI, mod: Moderation, api: PlatformState) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c


def connect(db: Database, mod: Moderation, settings: Settings) -> None:
    with db.uow(write=True) as uow:
        platform.connect(
            uow=uow,
            keyring=keyring_from_settings(settings),
            principal=principal(db, mod.district.principal),
            account_id=mod.north_page,
            token=TOKEN,
            platform_account_id="104000000000001",
            poll=False,
            now=NOW,
        )


def load(db: Database, mod: Moderation) -> dict[str, str]:
    path = FIXTURES / "facebook_comments.json"
    records = connector("facebook").read(path.name, path.read_text())
    with db.uow(write=True) as uow:
        service.ingest(
            uow=uow, pack_id="wilmette-39", account_id=mod.north_page, records=records, now=NOW
        )
        rows = uow.session.scalars(select(Comment)).all()
        return {c.platform_comment_id: c.id for c in rows}


def run_jobs(db: Database, settings: Settings, at: dt.datetime) -> dict[str, int]:
    return platform_actions.run_due(
        db=db, keyring=keyring_from_settings(settings), settings=settings, now=at
    )


def test_a_delete_offers_undo_and_undo_brings_the_comment_back_before_any_call(
    client: TestClient, db: Database, mod: Moderation, settings: Settings, api: PlatformState
) -> None:
    connect(db, mod, settings)
    ids = load(db, mod)
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    answer = client.post(
        "/moderation/decide", data={"csrf_token": token, "one": f"{ids[SPAM]}:delete"}
    )
    assert answer.status_code == 303
    page = client.get("/moderation").text
    assert "On the platforms" in page and ">Undo</button>" in page and "Deleting at" in page
    with db.uow() as uow:
        action_id = uow.session.scalars(select(PlatformAction.id)).one()
    undo = client.post("/moderation/undo", data={"csrf_token": token, "action_id": action_id})
    assert undo.status_code == 303 and "restored" in undo.headers["location"]
    page = client.get("/moderation").text
    assert f'id="c-{ids[SPAM]}"' in page  # back in the queue
    assert "Undone" in page and ">Undo</button>" not in page
    assert run_jobs(db, settings, dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)) == {}
    assert api.log == [] and api.comments[SPAM]["deleted"] is False


def test_the_api_says_how_long_a_delete_can_be_undone_and_undo_is_refused_once_called(
    client: TestClient, db: Database, mod: Moderation, settings: Settings, api: PlatformState
) -> None:
    connect(db, mod, settings)
    ids = load(db, mod)
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    headers = {"X-CSRF-Token": token}
    answer = client.post(
        "/api/moderation/decisions",
        json={"action": "delete", "comment_ids": [ids[SPAM]]},
        headers=headers,
    )
    assert answer.status_code == 200
    [undo] = answer.json()["undo"]
    assert undo["seconds"] == 10
    assert run_jobs(db, settings, dt.datetime.now(dt.UTC) + dt.timedelta(seconds=11)) == {"done": 1}
    assert api.comments[SPAM]["deleted"] is True
    late = client.post(
        "/api/moderation/undo", json={"action_ids": [undo["action_id"]]}, headers=headers
    )
    assert late.status_code == 409 and "too late" in late.json()["detail"]


def test_what_the_platform_answered_is_shown_on_the_queue(
    client: TestClient, db: Database, mod: Moderation, settings: Settings, api: PlatformState
) -> None:
    connect(db, mod, settings)
    ids = load(db, mod)
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    client.post("/moderation/decide", data={"csrf_token": token, "one": f"{ids[SPAM]}:hide"})
    api.fail_next("facebook", "rate_limit")
    moment = dt.datetime.now(dt.UTC)
    assert run_jobs(db, settings, moment) == {"retry": 1}
    page = client.get("/moderation").text
    assert "Rate limited" in page and "Page request limit reached" in page
    api.fail_next("facebook", "forbidden")
    assert run_jobs(db, settings, moment + dt.timedelta(minutes=1)) == {"failed": 1}
    page = client.get("/moderation").text
    assert "Refused by Facebook" in page and "pages_manage_engagement" in page
    assert "Do it on the platform yourself" in page


def test_a_reply_from_the_queue_goes_out_on_the_platform(
    client: TestClient, db: Database, mod: Moderation, settings: Settings, api: PlatformState
) -> None:
    connect(db, mod, settings)
    ids = load(db, mod)
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    answer = client.post(
        "/api/moderation/replies",
        json={"comment_id": ids[PRAISE], "text": "Thank you!"},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 202
    assert run_jobs(db, settings, dt.datetime.now(dt.UTC)) == {"done": 1}
    assert api.replies == [
        {"platform": "facebook", "to": PRAISE, "message": "Thank you!", "id": f"{PRAISE}_r1"}
    ]


def test_the_owner_sets_the_token_on_the_connection_page_and_it_is_never_shown(
    client: TestClient, db: Database, mod: Moderation, settings: Settings
) -> None:
    sign_in(client, "paula")
    url = f"/moderation/accounts/{mod.north_page}/connection"
    page = client.get(url)
    assert page.status_code == 200 and "No token is escrowed" in page.text
    token = csrf_of(client, url)
    saved = client.post(
        url,
        data={
            "csrf_token": token,
            "what": "token",
            "token": TOKEN,
            "platform_account_id": "104000000000001",
            "poll": "1",
        },
    )
    assert saved.status_code == 303
    page = client.get(url).text
    assert "A token is escrowed (version 1" in page and "Polling for new comments is on" in page
    assert TOKEN not in page


def test_someone_who_cannot_manage_the_account_gets_403_on_its_connection(
    client: TestClient, mod: Moderation
) -> None:
    sign_in(client, "tina")
    assert client.get(f"/moderation/accounts/{mod.north_page}/connection").status_code == 403


def test_a_webhook_is_verified_with_the_accounts_own_secret_when_it_has_one(
    client: TestClient, db: Database, mod: Moderation, settings: Settings
) -> None:
    body = (FIXTURES / "facebook_webhook.json").read_bytes()
    url = f"/api/webhooks/facebook/{mod.north_page}"
    own = "north-page-own-app-secret"
    with db.uow(write=True) as uow:
        platform.set_webhook_secret(
            uow=uow,
            keyring=keyring_from_settings(settings),
            principal=principal(db, mod.district.principal),
            account_id=mod.north_page,
            secret=own,
            now=NOW,
        )
    wrong = client.post(url, content=body, headers={"X-Hub-Signature-256": sign(APP_SECRET, body)})
    assert wrong.status_code == 403
    right = client.post(url, content=body, headers={"X-Hub-Signature-256": sign(own, body)})
    assert right.status_code == 200 and right.json()["added"] == 1
    # another account without its own secret still uses the platform-wide one
    other = f"/api/webhooks/instagram/{mod.south_insta}"
    ig = (FIXTURES / "instagram_webhook.json").read_bytes()
    assert (
        client.post(other, content=ig, headers={"X-Hub-Signature-256": sign(own, ig)}).status_code
        == 403
    )
    # removing the account's secret falls back to the platform-wide one
    with db.uow(write=True) as uow:
        platform.set_webhook_secret(
            uow=uow,
            keyring=keyring_from_settings(settings),
            principal=principal(db, mod.district.principal),
            account_id=mod.north_page,
            secret="",
            now=NOW,
        )
    again = client.post(url, content=body, headers={"X-Hub-Signature-256": sign(APP_SECRET, body)})
    assert again.status_code == 200 and again.json() == {"added": 0, "duplicates": 1}


def test_the_account_page_links_to_its_connection(client: TestClient, mod: Moderation) -> None:
    sign_in(client, "paula")
    page = client.get(f"/accounts/{mod.north_page}").text
    assert f'href="/moderation/accounts/{mod.north_page}/connection"' in page
