"""Intake by polling each connected account, against the local platform server, on SQLite
and PostgreSQL: the cursor moves, the same comment is never taken twice (a later poll, a
webhook and a poll), failures are kept on the account and retried or wait for a token."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from lanyard.config import Settings
from lanyard.connectors.comments import connector
from lanyard.crypto import KeyRing, keyring_from_settings
from lanyard.db.session import Database
from lanyard.moderation import platform, polling, service
from lanyard.moderation.orm import Comment
from lanyard.moderation.platform_orm import PlatformConnection
from tests.integration.moderation.seed import NOW, Moderation, principal
from tests.integration.moderation.test_platform_actions import add_account
from tests.support.platforms import PlatformServer, PlatformState, platform_server

PACK = "wilmette-39"
TOKEN = "poll-token-1"


server = pytest.fixture(scope="module", name="server")(platform_server)


@pytest.fixture
def api(server: tuple[PlatformServer, str]) -> PlatformState:
    server[0].state = PlatformState(tokens={TOKEN: "valid", "poll-token-2": "valid"})
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
        moderation_poll_seconds=300,
    )


@pytest.fixture
def keyring(settings: Settings) -> KeyRing:
    return keyring_from_settings(settings)


def connect(
    db: Database, mod: Moderation, keyring: KeyRing, account: str, ref: str, **kw: str
) -> None:
    with db.uow(write=True) as uow:
        platform.connect(
            uow=uow,
            keyring=keyring,
            principal=principal(db, kw.get("by") or mod.district.principal),
            account_id=account,
            token=kw.get("token", TOKEN),
            platform_account_id=ref,
            poll=True,
            now=NOW,
        )


def poll(
    db: Database, settings: Settings, keyring: KeyRing, at: dt.datetime
) -> list[polling.PollResult]:
    return polling.poll_due(db=db, keyring=keyring, settings=settings, pack_id=PACK, now=at)


def stored(db: Database) -> dict[str, Comment]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(Comment)))
        uow.session.expunge_all()
    return {c.platform_comment_id: c for c in rows}


def conn(db: Database, account: str) -> PlatformConnection:
    with db.uow() as uow:
        row = uow.session.get(PlatformConnection, account)
        assert row is not None
        uow.session.expunge_all()
    return row


def mention(post_id: str, text: str, minutes_ago: int, author: str = "u1") -> dict[str, object]:
    return {
        "id": post_id,
        "text": text,
        "author_id": author,
        "created_at": (NOW - dt.timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "conversation_id": "1799999999999999999",
        "referenced_tweets": [{"type": "replied_to", "id": "1799999999999999999"}],
    }


def test_polling_x_reads_mentions_from_its_cursor_and_takes_each_comment_once(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945")
    api.x_users["u1"] = {"id": "u1", "username": "a_parent", "name": "A Parent"}
    api.x_mentions["2244994945"] = [
        mention("1800000000000000001", "@NorthElem great concert!", 30),
        mention("1800000000000000002", "@NorthElem when is the book fair?", 20),
    ]
    [first] = poll(database, settings, keyring, NOW)
    assert (first.added, first.duplicates, first.error) == (2, 0, None)
    assert conn(database, account).poll_cursor == "1800000000000000002"
    found = stored(database)
    assert found["1800000000000000002"].author_display == "@a_parent"
    assert poll(database, settings, keyring, NOW + dt.timedelta(minutes=1)) == []  # not due
    api.x_mentions["2244994945"].append(mention("1800000000000000003", "@NorthElem thanks", 1))
    [second] = poll(database, settings, keyring, NOW + dt.timedelta(minutes=5))
    assert (second.added, second.duplicates) == (1, 0)
    assert api.calls("/x/")[-1].query["since_id"] == "1800000000000000002"
    # the same post delivered by the webhook afterwards is already on file
    body = {"data": [mention("1800000000000000003", "@NorthElem thanks", 1)]}
    import json

    records = connector("x").read("webhook", json.dumps(body))
    with database.uow(write=True) as uow:
        again = service.ingest(
            uow=uow, pack_id=PACK, account_id=account, records=records, now=NOW, source="webhook"
        )
    assert (again.added, again.duplicates) == (0, 1)
    assert len(stored(database)) == 3


def test_polling_youtube_takes_threads_and_replies_newer_than_the_cursor(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, channel, "UCnorth")

    def thread(
        cid: str, text: str, minutes_ago: int, replies: list[dict[str, object]]
    ) -> dict[str, object]:
        at = (NOW - dt.timedelta(minutes=minutes_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")
        top = {
            "id": cid,
            "snippet": {
                "videoId": "vid1",
                "textDisplay": text,
                "authorDisplayName": "Viewer",
                "authorChannelId": {"value": "UCviewer"},
                "publishedAt": at,
                "updatedAt": at,
            },
        }
        return {
            "kind": "youtube#commentThread",
            "id": cid,
            "snippet": {"videoId": "vid1", "topLevelComment": top},
            "replies": {"comments": replies},
        }

    reply_at = (NOW - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    reply = {
        "id": "Ugx1.r1",
        "snippet": {
            "videoId": "vid1",
            "parentId": "Ugx1",
            "textDisplay": "Me too",
            "authorDisplayName": "Other",
            "publishedAt": reply_at,
            "updatedAt": reply_at,
        },
    }
    api.youtube_threads["UCnorth"] = [thread("Ugx1", "Lovely choir", 60, [reply])]
    [first] = poll(database, settings, keyring, NOW)
    assert first.added == 2
    call = api.calls("/youtube/")[-1]
    assert (
        call.query["allThreadsRelatedToChannelId"] == "UCnorth"
        and call.query["part"] == "snippet,replies"
    )
    api.youtube_threads["UCnorth"].append(thread("Ugx2", "Great game", 1, []))
    [second] = poll(database, settings, keyring, NOW + dt.timedelta(minutes=5))
    assert (second.added, second.duplicates) == (1, 0)  # the older thread was not read again
    assert set(stored(database)) == {"Ugx1", "Ugx1.r1", "Ugx2"}


def test_polling_a_facebook_page_and_an_instagram_account(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    connect(
        database, mod, keyring, mod.south_insta, "17841400000000001", by=mod.district.south_teacher
    )
    api.facebook_feed["104000000000001"] = ["104000000000001_555"]
    api.facebook_comments["104000000000001_555"] = [
        {
            "id": f"104000000000001_555_{n}",
            "message": text,
            "created_time": (NOW - dt.timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "from": {"id": "9001", "name": "A Parent"},
        }
        for n, text, m in ((1, "See you at the fair", 30), (2, "Bring cookies", 10))
    ]
    api.instagram_media["17841400000000001"] = ["17900000000000001"]
    api.instagram_comments["17900000000000001"] = [
        {
            "id": "17870000000000011",
            "text": "Go team!",
            "timestamp": (NOW - dt.timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "username": "fan1",
            "replies": {
                "data": [
                    {
                        "id": "17870000000000012",
                        "text": "Yes!",
                        "timestamp": (NOW - dt.timedelta(minutes=5)).strftime(
                            "%Y-%m-%dT%H:%M:%S+0000"
                        ),
                        "username": "fan2",
                    }
                ]
            },
        }
    ]
    results = {r.account_id: r for r in poll(database, settings, keyring, NOW)}
    assert results[mod.north_page].added == 2 and results[mod.south_insta].added == 2
    found = stored(database)
    assert found["17870000000000012"].parent_id == "17870000000000011"
    again = {
        r.account_id: r for r in poll(database, settings, keyring, NOW + dt.timedelta(minutes=5))
    }
    assert again[mod.north_page].added == 0 and again[mod.south_insta].added == 0
    assert len(found) == 4 and len(stored(database)) == 4


def test_an_expired_token_stops_polling_is_shown_and_a_new_token_resumes_it(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945")
    api.tokens[TOKEN] = "expired"
    [failed] = poll(database, settings, keyring, NOW)
    assert failed.error is not None and failed.error.startswith("expired_token")
    row = conn(database, account)
    assert row.token_expired_at == NOW and row.poll_cursor is None
    assert poll(database, settings, keyring, NOW + dt.timedelta(hours=1)) == []
    connect(database, mod, keyring, account, "2244994945", token="poll-token-2")
    api.x_mentions["2244994945"] = [mention("1800000000000000009", "@NorthElem hi", 1)]
    [ok] = poll(database, settings, keyring, NOW + dt.timedelta(hours=1))
    assert ok.added == 1 and conn(database, account).poll_error is None


def test_a_transient_failure_backs_off_and_keeps_the_cursor(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945")
    api.fail_next("x", "server")
    [failed] = poll(database, settings, keyring, NOW)
    assert failed.error is not None and failed.error.startswith("transient")
    assert conn(database, account).poll_next_at == NOW + dt.timedelta(minutes=5)
    api.x_mentions["2244994945"] = [mention("1800000000000000009", "@NorthElem hi", 1)]
    [ok] = poll(database, settings, keyring, NOW + dt.timedelta(minutes=5))
    assert ok.added == 1


def test_two_runners_never_poll_the_same_account_at_once(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945")
    first = polling.poll_account(
        db=database, keyring=keyring, settings=settings, pack_id=PACK, account_id=account, now=NOW
    )
    second = polling.poll_account(
        db=database, keyring=keyring, settings=settings, pack_id=PACK, account_id=account, now=NOW
    )
    assert first is not None and second is None
    assert len(api.calls("/x/")) == 1


def test_a_threat_read_by_polling_is_escalated_at_once(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945")
    threat = "@NorthElem I'm going to bring a gun to North on Monday and shoot everyone"
    api.x_mentions["2244994945"] = [mention("1800000000000000042", threat, 2)]
    [result] = poll(database, settings, keyring, NOW)
    assert result.added == 1
    comment = stored(database)["1800000000000000042"]
    assert comment.state == "escalated" and comment.case_id is not None
