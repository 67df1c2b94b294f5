"""Polling reads every page the platforms page by (Graph ``paging.next``/cursors, YouTube
``nextPageToken``, X ``pagination_token``), at most a bounded number of requests a round,
going on from where it stopped; the cursor moves only when a sweep is over, and nothing is
taken twice."""

# ruff: noqa: F811  (the polling tests' fixtures, imported, are parameters here)

from __future__ import annotations

import datetime as dt

from lanyard.config import Settings
from lanyard.crypto import KeyRing
from lanyard.db.session import Database
from tests.integration.moderation.seed import NOW, Moderation
from tests.integration.moderation.test_platform_actions import add_account
from tests.integration.moderation.test_polling import (  # noqa: F401  (fixtures)
    api,
    conn,
    connect,
    keyring,
    mention,
    poll,
    server,
    settings,
    stored,
)
from tests.support.platforms import PlatformState

PAGE = "104000000000001"
FMT = "%Y-%m-%dT%H:%M:%S+0000"


def at(minutes_ago: float) -> str:
    return (NOW - dt.timedelta(minutes=minutes_ago)).strftime(FMT)


def fb_comment(cid: str, text: str, minutes_ago: float) -> dict[str, object]:
    return {
        "id": cid,
        "message": text,
        "created_time": at(minutes_ago),
        "from": {"id": "9001", "name": "A Parent"},
    }


def test_facebook_polling_reads_every_post_and_every_page_of_comments_over_bounded_rounds(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    settings = settings.model_copy(update={"moderation_poll_max_requests": 10})
    connect(database, mod, keyring, mod.north_page, PAGE)
    # 130 posts (two pages of the feed at 100 a page), the oldest posted 130 days ago; the
    # 100th post, far below the 25 most recent, got a comment today; the newest post has
    # 250 comments (three pages of comments at 100 a page).
    posts = []
    for n in range(130):
        post_id = f"{PAGE}_{n}"
        created = at(60 * 24 * n + 60)
        posts.append({"id": post_id, "created_time": created, "updated_time": created})
        api.facebook_comments[post_id] = []
    api.facebook_comments[f"{PAGE}_0"] = [
        fb_comment(f"{PAGE}_0_{k}", f"Great post number {k}", 50 - k * 0.1) for k in range(250)
    ]
    posts[0]["updated_time"] = at(25)
    api.facebook_comments[f"{PAGE}_99"] = [
        fb_comment(f"{PAGE}_99_1", "When is the book fair this year?", 20)
    ]
    posts[99]["updated_time"] = at(20)
    api.facebook_feed[PAGE] = posts

    total, rounds, when = 0, 0, NOW
    while True:
        [result] = poll(database, settings, keyring, when)
        assert result.error is None
        total += result.added
        rounds += 1
        assert len(api.calls("/graph/")) <= 10 * rounds  # the bound per round holds
        row = conn(database, mod.north_page)
        if row.poll_resume is None:
            break
        assert row.poll_cursor is None  # the cursor moves only when the sweep is over
        when += dt.timedelta(minutes=5)
        assert rounds < 40
    assert rounds > 1
    assert total == 251
    found = stored(database)
    assert f"{PAGE}_99_1" in found and f"{PAGE}_0_249" in found and f"{PAGE}_0_0" in found
    assert conn(database, mod.north_page).poll_cursor == at(20).replace("+0000", "+00:00")

    # The next sweep reads only what changed: one new comment on an 80-day-old post; the
    # feed is read back to posts 90 days older than the cursor.
    api.facebook_comments[f"{PAGE}_80"] = [fb_comment(f"{PAGE}_80_1", "Still here", 1)]
    posts[80]["updated_time"] = at(1)
    before = len(api.calls("/graph/"))
    [later] = poll(database, settings, keyring, when + dt.timedelta(minutes=5))
    assert (later.added, later.error) == (1, None)
    reads = [c.path for c in api.calls("/graph/")[before:]]
    # one page of the feed: its 92nd post is more than 90 days older than the cursor
    assert reads.count(f"/graph/{PAGE}/feed") == 1
    assert [p for p in reads if p.endswith("/comments")] == [f"/graph/{PAGE}_80/comments"]
    assert len(stored(database)) == 252


def test_a_kept_graph_cursor_that_stopped_working_starts_the_sweep_again(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    settings = settings.model_copy(update={"moderation_poll_max_requests": 2})
    connect(database, mod, keyring, mod.north_page, PAGE)
    api.facebook_feed[PAGE] = [f"{PAGE}_{n}" for n in range(150)]
    api.facebook_comments[f"{PAGE}_140"] = [fb_comment(f"{PAGE}_140_1", "Hello", 30)]
    [first] = poll(database, settings, keyring, NOW)
    assert first.error is None
    with database.uow(write=True) as uow:
        from lanyard.moderation.platform_orm import PlatformConnection

        row = uow.session.get(PlatformConnection, mod.north_page)
        assert row is not None and row.poll_resume is not None
        row.poll_resume = row.poll_resume.replace('"after": "', '"after": "x')  # no longer valid
        uow.commit()
    [again] = poll(database, settings, keyring, NOW + dt.timedelta(minutes=5))
    assert again.error is None  # started again from the top instead of failing


def test_x_polling_follows_pagination_tokens_across_rounds(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    settings = settings.model_copy(update={"moderation_poll_max_requests": 2})
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945")
    api.x_mentions["2244994945"] = [
        mention(str(1800000000000000000 + n), f"@NorthElem note {n}", 500 - n) for n in range(450)
    ]
    [first] = poll(database, settings, keyring, NOW)
    assert first.added == 200  # two pages of 100
    row = conn(database, account)
    assert row.poll_cursor is None and row.poll_resume is not None
    [second] = poll(database, settings, keyring, NOW + dt.timedelta(minutes=5))
    assert second.added == 200
    [third] = poll(database, settings, keyring, NOW + dt.timedelta(minutes=10))
    assert third.added == 50
    row = conn(database, account)
    assert row.poll_resume is None and row.poll_cursor == str(1800000000000000000 + 449)
    calls = api.calls("/x/")
    assert "pagination_token" in calls[2].query and "since_id" not in calls[2].query
    api.x_mentions["2244994945"].append(mention("1800000000000000999", "@NorthElem new", 1))
    [fourth] = poll(database, settings, keyring, NOW + dt.timedelta(minutes=15))
    assert fourth.added == 1
    assert api.calls("/x/")[-1].query["since_id"] == str(1800000000000000000 + 449)
    assert len(stored(database)) == 451


def test_youtube_polling_follows_next_page_tokens_across_rounds(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    settings = settings.model_copy(update={"moderation_poll_max_requests": 1})
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, channel, "UCnorth")

    def thread(n: int) -> dict[str, object]:
        when = (NOW - dt.timedelta(minutes=300 - n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        snippet = {
            "videoId": "vid1",
            "textDisplay": f"Lovely choir {n}",
            "authorDisplayName": "Viewer",
            "publishedAt": when,
            "updatedAt": when,
        }
        return {
            "kind": "youtube#commentThread",
            "id": f"Ugx{n}",
            "snippet": {
                "videoId": "vid1",
                "topLevelComment": {"id": f"Ugx{n}", "snippet": snippet},
            },
        }

    api.youtube_threads["UCnorth"] = [thread(n) for n in range(250)]
    added = [
        poll(database, settings, keyring, NOW + dt.timedelta(minutes=5 * k))[0].added
        for k in range(3)
    ]
    assert added == [100, 100, 50]
    assert conn(database, channel).poll_resume is None
    assert len(stored(database)) == 250
