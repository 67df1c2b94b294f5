"""Hiding, deleting and replying on the platforms, against a local server that implements
each platform's documented endpoints and errors (tests/support/platforms.py), on SQLite and
PostgreSQL. No part of Lanyard's clients is mocked."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from lanyard.audit.orm import AuditEntry
from lanyard.config import Settings
from lanyard.connectors.comments import CommentRecord
from lanyard.crypto import KeyRing, keyring_from_settings
from lanyard.db.session import Database
from lanyard.moderation import platform, platform_actions, service
from lanyard.moderation.orm import ArchiveEntry, Comment
from lanyard.moderation.platform_orm import PlatformAction
from lanyard.moderation.queue import ModerationProblem
from lanyard.official_accounts.orm import OfficialAccount
from tests.integration.moderation.seed import NOW, Moderation, principal, scope_of
from tests.support.platforms import PlatformServer, PlatformState, platform_server

PACK = "wilmette-39"
TOKEN = "EAAB-page-token-1"
NEW_TOKEN = "EAAB-page-token-2"


server = pytest.fixture(scope="module", name="server")(platform_server)


@pytest.fixture
def api(server: tuple[PlatformServer, str]) -> PlatformState:
    server[0].state = PlatformState(tokens={TOKEN: "valid", NEW_TOKEN: "valid"})
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
    )


@pytest.fixture
def keyring(settings: Settings) -> KeyRing:
    return keyring_from_settings(settings)


def add_account(db: Database, mod: Moderation, platform_name: str, handle: str) -> str:
    with db.uow(write=True) as uow:
        account = OfficialAccount(
            pack_id=PACK,
            platform=platform_name,
            handle=handle,
            url=f"https://example.org/{handle}",
            purpose="North Elementary news and events",
            building_id=mod.district.north,
            owner_id=mod.district.principal,
            created_with_email="paula.prince@example.org",
            created_at=NOW - dt.timedelta(days=10),
        )
        uow.session.add(account)
        uow.commit()
        return account.id


def connect(
    db: Database,
    mod: Moderation,
    keyring: KeyRing,
    account_id: str,
    ref: str,
    token: str = TOKEN,
    by: str | None = None,
) -> None:
    with db.uow(write=True) as uow:
        platform.connect(
            uow=uow,
            keyring=keyring,
            principal=principal(db, by or mod.district.principal),
            account_id=account_id,
            token=token,
            platform_account_id=ref,
            poll=True,
            now=NOW,
        )


def take_in(db: Database, account_id: str, platform_name: str, cid: str, text: str) -> str:
    record = CommentRecord(
        platform=platform_name,
        platform_comment_id=cid,
        text=text,
        created_at=NOW - dt.timedelta(hours=1),
        author_display="Someone",
        raw={"id": cid, "message": text},
    )
    with db.uow(write=True) as uow:
        result = service.ingest(
            uow=uow, pack_id=PACK, account_id=account_id, records=[record], now=NOW
        )
    return result.comment_ids[0]


def decide(
    db: Database,
    mod: Moderation,
    ids: list[str],
    action: str,
    sent: list[tuple[list[str], float]] | None = None,
    undo: float = 0.0,
) -> service.DecideResult:
    with db.uow(write=True) as uow:
        return service.decide(
            uow=uow,
            pack_id=PACK,
            comment_ids=ids,
            decision=action,
            actor_id=mod.site_manager,
            scope=scope_of(db, mod.site_manager),
            now=NOW,
            send=(lambda ids_, delay: sent.append((ids_, delay))) if sent is not None else None,
            undo_seconds=undo,
        )


def run(db: Database, keyring: KeyRing, settings: Settings, at: dt.datetime) -> dict[str, int]:
    return platform_actions.run_due(db=db, keyring=keyring, settings=settings, now=at)


def action_of(db: Database, comment_id: str) -> PlatformAction:
    with db.uow() as uow:
        rows = list(
            uow.session.scalars(
                select(PlatformAction)
                .where(PlatformAction.comment_id == comment_id)
                .order_by(PlatformAction.created_at.desc())
            )
        )
        uow.session.expunge_all()
    return rows[0]


def events(db: Database, name: str) -> list[AuditEntry]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(AuditEntry).where(AuditEntry.event == name)))
        uow.session.expunge_all()
    return rows


FB_COMMENT = "104000000000001_920000000000001"


def test_hiding_on_facebook_archives_first_then_calls_the_graph_api_after_commit(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    api.add_comment("facebook", FB_COMMENT)
    cid = take_in(database, mod.north_page, "facebook", FB_COMMENT, "Buy cheap followers now")
    sent: list[tuple[list[str], float]] = []
    result = decide(database, mod, [cid], "hide", sent)
    # queued after the archive entry, sent after commit, nothing called yet
    action = action_of(database, cid)
    assert sent == [([action.id], 0.0)] and result.platform_actions == [action.id]
    assert action.archive_entry_id == result.archived[0] and action.status == "pending"
    assert api.log == []
    assert run(database, keyring, settings, NOW) == {"done": 1}
    call = api.log[-1]
    assert (call.method, call.path, call.query) == (
        "POST",
        f"/graph/{FB_COMMENT}",
        {"is_hidden": "true"},
    )
    assert call.token == TOKEN and "access_token" not in call.query
    assert api.comments[FB_COMMENT]["hidden"] is True
    done = action_of(database, cid)
    assert (done.status, done.attempts, done.error_kind) == ("done", 1, None)
    with database.uow() as uow:
        entry = uow.session.get(ArchiveEntry, result.archived[0])
        assert (
            entry is not None and entry.audit_seq < events(database, "platform_action:done")[0].seq
        )
    # a second run does nothing: the action is settled
    assert run(database, keyring, settings, NOW + dt.timedelta(hours=1)) == {}
    assert len(api.log) == 1


def test_the_database_refuses_a_platform_action_without_the_comments_archive_entry(
    database: Database, mod: Moderation, api: PlatformState, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    first = take_in(database, mod.north_page, "facebook", "c_1", "one")
    second = take_in(database, mod.north_page, "facebook", "c_2", "two")
    other = decide(database, mod, [second], "hide").archived[0]
    for entry in (None, other):
        with database.uow() as uow, pytest.raises(IntegrityError):
            uow.session.add(
                PlatformAction(
                    comment_id=first,
                    official_account_id=mod.north_page,
                    platform="facebook",
                    action="delete",
                    archive_entry_id=entry,
                    status="pending",
                    attempts=0,
                    not_before=NOW,
                    created_at=NOW,
                )
            )
            uow.session.flush()


def test_a_rate_limited_call_is_retried_with_backoff_and_not_lost(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    api.add_comment("facebook", FB_COMMENT)
    cid = take_in(database, mod.north_page, "facebook", FB_COMMENT, "spam spam")
    decide(database, mod, [cid], "delete")
    api.fail_next("facebook", "rate_limit", times=2)
    assert run(database, keyring, settings, NOW) == {"retry": 1}
    waiting = action_of(database, cid)
    assert (waiting.error_kind, waiting.error_code) == ("rate_limited", "32")
    assert "Page request limit reached" in (waiting.error_message or "")
    assert waiting.not_before == NOW + dt.timedelta(seconds=30)
    assert run(database, keyring, settings, NOW + dt.timedelta(seconds=10)) == {}  # not yet
    assert run(database, keyring, settings, NOW + dt.timedelta(seconds=30)) == {"retry": 1}
    assert action_of(database, cid).not_before == NOW + dt.timedelta(seconds=90)  # doubled
    assert run(database, keyring, settings, NOW + dt.timedelta(minutes=5)) == {"done": 1}
    assert api.comments[FB_COMMENT]["deleted"] is True
    assert action_of(database, cid).attempts == 3


def test_an_expired_token_waits_for_a_new_one_and_the_action_then_runs(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    api.tokens[TOKEN] = "expired"
    api.add_comment("facebook", FB_COMMENT)
    cid = take_in(database, mod.north_page, "facebook", FB_COMMENT, "spam spam")
    decide(database, mod, [cid], "hide")
    assert run(database, keyring, settings, NOW) == {"waiting_token": 1}
    waiting = action_of(database, cid)
    assert (waiting.error_kind, waiting.error_code) == ("expired_token", "190/463")
    assert run(database, keyring, settings, NOW + dt.timedelta(days=1)) == {}  # not retried
    with database.uow() as uow:
        conn = platform.connection_of(uow.session, mod.north_page)
        assert conn is not None and conn.token_expired_at == NOW
    connect(database, mod, keyring, mod.north_page, "104000000000001", NEW_TOKEN)
    assert run(database, keyring, settings, NOW) == {"done": 1}
    assert api.log[-1].token == NEW_TOKEN and api.comments[FB_COMMENT]["hidden"] is True


def test_a_refusal_is_permanent_audited_and_shown_with_the_platforms_words(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    api.add_comment("facebook", FB_COMMENT)
    cid = take_in(database, mod.north_page, "facebook", FB_COMMENT, "spam spam")
    decide(database, mod, [cid], "hide")
    api.fail_next("facebook", "forbidden")
    assert run(database, keyring, settings, NOW) == {"failed": 1}
    assert run(database, keyring, settings, NOW + dt.timedelta(days=1)) == {}
    [failed] = events(database, "platform_action:failed")
    assert failed.after is not None and failed.after["error_code"] == "200"
    with database.uow() as uow:
        [shown] = platform_actions.recent(uow.session, scope_of(database, mod.site_manager), NOW)
    assert shown.status == "failed" and "pages_manage_engagement" in (shown.error_message or "")


def test_a_comment_already_gone_counts_as_deleted(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    cid = take_in(database, mod.north_page, "facebook", "104_gone", "spam spam")
    decide(database, mod, [cid], "delete")
    assert run(database, keyring, settings, NOW) == {"done": 1}
    assert action_of(database, cid).result == {"already_gone": True}


def test_youtube_hide_holds_for_review_and_delete_rejects_after_the_undo_window(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, channel, "UCnorth")
    for cid in ("Ugy1", "Ugy2"):
        api.add_comment("youtube", cid)
    hidden = take_in(database, channel, "youtube", "Ugy1", "spam one")
    deleted = take_in(database, channel, "youtube", "Ugy2", "spam two")
    decide(database, mod, [hidden], "hide")
    decide(database, mod, [deleted], "delete", undo=10)
    assert run(database, keyring, settings, NOW) == {"done": 1}
    assert api.comments["Ugy1"]["moderationStatus"] == "heldForReview"
    assert api.comments["Ugy2"]["moderationStatus"] == "published"  # still in the undo window
    assert run(database, keyring, settings, NOW + dt.timedelta(seconds=10)) == {"done": 1}
    call = api.log[-1]
    assert (call.method, call.path) == ("POST", "/youtube/v3/comments/setModerationStatus")
    assert call.query == {"id": "Ugy2", "moderationStatus": "rejected"}
    assert api.comments["Ugy2"]["moderationStatus"] == "rejected"


def test_youtube_quota_exceeded_waits_for_the_quota_reset(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, channel, "UCnorth")
    api.add_comment("youtube", "Ugy1")
    cid = take_in(database, channel, "youtube", "Ugy1", "spam")
    decide(database, mod, [cid], "hide")
    api.fail_next("youtube", "quota")
    assert run(database, keyring, settings, NOW) == {"retry": 1}
    waiting = action_of(database, cid)
    assert (waiting.error_kind, waiting.error_code) == ("rate_limited", "quotaExceeded")
    assert waiting.not_before > NOW + dt.timedelta(seconds=30)  # the reset, not the backoff
    api.tokens[TOKEN] = "expired"
    assert run(database, keyring, settings, waiting.not_before) == {"waiting_token": 1}
    assert action_of(database, cid).error_code == "authError"


def test_instagram_hide_and_delete_use_the_ig_comment_endpoints(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(
        database, mod, keyring, mod.south_insta, "17841400000000001", by=mod.district.south_teacher
    )
    for cid in ("17870000000000001", "17870000000000002"):
        api.add_comment("instagram", cid)
    one = take_in(database, mod.south_insta, "instagram", "17870000000000001", "spam")
    two = take_in(database, mod.south_insta, "instagram", "17870000000000002", "spam")
    decide(database, mod, [one], "hide")
    decide(database, mod, [two], "delete")
    api.fail_next("instagram", "rate_limit")
    assert run(database, keyring, settings, NOW) == {"retry": 1, "done": 1}
    limited = [a for a in (action_of(database, one), action_of(database, two)) if a.error_code]
    assert [(a.status, a.error_kind, a.error_code) for a in limited] == [
        ("retry", "rate_limited", "4")
    ]
    assert run(database, keyring, settings, NOW + dt.timedelta(minutes=1)) == {"done": 1}
    hide = next(c for c in api.log if c.method == "POST")
    assert hide.path == "/graph/17870000000000001" and hide.query == {"hide": "true"}
    assert any(c.method == "DELETE" and c.path == "/graph/17870000000000002" for c in api.log)
    assert api.comments["17870000000000001"]["hidden"] is True
    assert api.comments["17870000000000002"]["deleted"] is True


def test_x_hides_replies_for_hide_and_delete_and_waits_out_a_429(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    account = add_account(database, mod, "x", "@NorthElem")
    connect(database, mod, keyring, account, "2244994945")
    for cid in ("1800000000000000001", "1800000000000000002"):
        api.add_comment("x", cid)
    one = take_in(database, account, "x", "1800000000000000001", "spam")
    two = take_in(database, account, "x", "1800000000000000002", "spam")
    decide(database, mod, [one, two], "delete")
    api.fail_next("x", "rate_limit")
    moment = dt.datetime.now(dt.UTC)
    assert run(database, keyring, settings, moment) == {"retry": 1, "done": 1}
    limited = next(
        a for a in (action_of(database, one), action_of(database, two)) if a.status == "retry"
    )
    assert limited.error_kind == "rate_limited"
    assert limited.not_before >= moment + dt.timedelta(minutes=14)  # x-rate-limit-reset
    assert run(database, keyring, settings, moment + dt.timedelta(minutes=16)) == {"done": 1}
    puts = [c for c in api.log if c.method == "PUT"]
    assert {c.path for c in puts} == {
        "/x/2/tweets/1800000000000000001/hidden",
        "/x/2/tweets/1800000000000000002/hidden",
    }
    assert all(c.body == {"hidden": True} for c in puts)
    assert api.comments["1800000000000000001"]["hidden"] is True


def test_undo_within_the_window_restores_the_comment_and_the_platform_is_never_called(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    api.add_comment("facebook", FB_COMMENT)
    cid = take_in(database, mod.north_page, "facebook", FB_COMMENT, "spam spam")
    sent: list[tuple[list[str], float]] = []
    decide(database, mod, [cid], "delete", sent, undo=10)
    action = action_of(database, cid)
    assert sent == [([action.id], 10)]
    with database.uow() as uow:
        [shown] = platform_actions.recent(uow.session, scope_of(database, mod.site_manager), NOW)
    assert shown.undo_until == NOW + dt.timedelta(seconds=10)
    with database.uow(write=True) as uow:
        platform_actions.undo(
            uow=uow,
            action_id=action.id,
            actor_id=mod.site_manager,
            scope=scope_of(database, mod.site_manager),
            now=NOW + dt.timedelta(seconds=5),
        )
    assert run(database, keyring, settings, NOW + dt.timedelta(minutes=1)) == {}
    assert api.log == [] and api.comments[FB_COMMENT]["deleted"] is False
    with database.uow() as uow:
        comment = uow.session.get(Comment, cid)
        assert comment is not None and comment.state == "new"
        assert comment.archive_entry_id is not None  # the archive entry stays
    assert action_of(database, cid).status == "undone"
    [restored] = events(database, "comment:restored")
    assert restored.before == {"state": "deleted"}
    assert restored.after == {"state": "new", "platform_action_id": action.id}
    assert restored.building_id == mod.district.north
    assert restored.actor_id == mod.site_manager


def test_undo_after_the_window_is_refused(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    cid = take_in(database, mod.north_page, "facebook", FB_COMMENT, "spam spam")
    decide(database, mod, [cid], "delete", undo=10)
    with database.uow(write=True) as uow, pytest.raises(ModerationProblem, match="too late"):
        platform_actions.undo(
            uow=uow,
            action_id=action_of(database, cid).id,
            actor_id=mod.site_manager,
            scope=scope_of(database, mod.site_manager),
            now=NOW + dt.timedelta(seconds=10),
        )
    with database.uow() as uow:
        comment = uow.session.get(Comment, cid)
        assert comment is not None and comment.state == "deleted"


def test_replies_go_out_through_each_platforms_reply_endpoint(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    connect(database, mod, keyring, channel, "UCnorth")
    api.add_comment("facebook", FB_COMMENT)
    api.add_comment("youtube", "Ugy1")
    fb = take_in(database, mod.north_page, "facebook", FB_COMMENT, "When is the book fair?")
    yt = take_in(database, channel, "youtube", "Ugy1", "When is the concert?")
    scope = scope_of(database, mod.site_manager)
    for cid, text in ((fb, "Friday at 3 pm in the gym."), (yt, "Thursday at 7 pm.")):
        with database.uow(write=True) as uow:
            platform_actions.reply(
                uow=uow, comment_id=cid, text=text, actor_id=mod.site_manager, scope=scope, now=NOW
            )
    assert run(database, keyring, settings, NOW) == {"done": 2}
    assert {(r["platform"], r["to"], r["message"]) for r in api.replies} == {
        ("facebook", FB_COMMENT, "Friday at 3 pm in the gym."),
        ("youtube", "Ugy1", "Thursday at 7 pm."),
    }
    assert len(events(database, "comment:replied")) == 2


def test_an_account_without_a_connection_queues_nothing(
    database: Database, mod: Moderation, api: PlatformState
) -> None:
    cid = take_in(database, mod.north_page, "facebook", FB_COMMENT, "spam spam")
    result = decide(database, mod, [cid], "hide", [])
    assert result.platform_actions == [] and result.archived


def test_the_token_is_sealed_and_never_in_the_audit_log(
    database: Database, mod: Moderation, api: PlatformState, keyring: KeyRing
) -> None:
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    with database.uow() as uow:
        row = platform.connection_of(uow.session, mod.north_page)
        assert row is not None and TOKEN.encode() not in bytes(row.token_ciphertext or b"")
        cred = platform.credential(uow.session, keyring, mod.north_page)
    assert cred is not None and cred.token == TOKEN and TOKEN not in repr(cred)
    [entry] = events(database, "platform_token:deposited")
    assert TOKEN not in str(entry.after)


def test_keeping_a_hidden_comment_shows_it_again_on_the_platform(
    database: Database, mod: Moderation, api: PlatformState, settings: Settings, keyring: KeyRing
) -> None:
    channel = add_account(database, mod, "youtube", "@northelementary")
    connect(database, mod, keyring, mod.north_page, "104000000000001")
    connect(database, mod, keyring, channel, "UCnorth")
    api.add_comment("facebook", FB_COMMENT)
    api.add_comment("youtube", "Ugy1")
    fb = take_in(database, mod.north_page, "facebook", FB_COMMENT, "a harsh but fair comment")
    yt = take_in(database, channel, "youtube", "Ugy1", "a harsh but fair comment")
    decide(database, mod, [fb, yt], "hide")
    assert run(database, keyring, settings, NOW) == {"done": 2}
    assert api.comments[FB_COMMENT]["hidden"] is True
    assert api.comments["Ugy1"]["moderationStatus"] == "heldForReview"
    result = decide(database, mod, [fb, yt], "keep")
    assert len(result.platform_actions) == 2
    assert run(database, keyring, settings, NOW) == {"done": 2}
    assert api.comments[FB_COMMENT]["hidden"] is False
    assert api.comments["Ugy1"]["moderationStatus"] == "published"
    assert ("POST", {"is_hidden": "false"}) in [(c.method, c.query) for c in api.log]


def test_escrow_rotate_reseals_api_tokens_and_webhook_secrets_under_the_new_key(
    database: Database, mod: Moderation, api: PlatformState, monkeypatch: pytest.MonkeyPatch
) -> None:
    import base64

    from click.testing import CliRunner

    from lanyard.cli.main import cli
    from lanyard.crypto import parse_keys

    k1, k2 = base64.b64encode(b"1" * 32).decode(), base64.b64encode(b"2" * 32).decode()
    old = parse_keys(f"k1:{k1}")
    connect(database, mod, old, mod.north_page, "104000000000001")
    with database.uow(write=True) as uow:
        platform.set_webhook_secret(
            uow=uow,
            keyring=old,
            principal=principal(database, mod.district.principal),
            account_id=mod.north_page,
            secret="own-webhook-secret",
            now=NOW,
        )
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    monkeypatch.setenv("LANYARD_ENCRYPTION_KEYS", f"k2:{k2},k1:{k1}")
    result = CliRunner().invoke(cli, ["escrow", "rotate"])
    assert result.exit_code == 0, result.output
    assert "re-encrypted 2 secret(s) under key 'k2'" in result.output
    only_new = parse_keys(f"k2:{k2}")
    with database.uow() as uow:
        cred = platform.credential(uow.session, only_new, mod.north_page)
        secret = platform.webhook_secret(uow.session, only_new, mod.north_page)
    assert cred is not None and cred.token == TOKEN and secret == "own-webhook-secret"
