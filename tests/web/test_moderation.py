"""The moderation queue, the archive and the webhooks over HTTP."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from lanyard.config import Settings
from lanyard.connectors.comments import connector
from lanyard.db.session import Database
from lanyard.moderation import service
from lanyard.moderation.orm import ArchiveEntry, Comment
from lanyard.moderation.queue import content_sha256
from lanyard.moderation.webhooks import sign
from lanyard.official_accounts.orm import OfficialAccount
from tests.integration.moderation.seed import NOW, Moderation, seed_moderation
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "comments"
APP_SECRET = "meta-app-secret-for-tests"
VERIFY_TOKEN = "verify-me"


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, meta_app_secret=APP_SECRET, meta_verify_token=VERIFY_TOKEN)


@pytest.fixture
def mod(db: Database) -> Moderation:
    return seed_moderation(db)


@pytest.fixture
def client(app: FastAPI, mod: Moderation) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c


def load(db: Database, mod: Moderation, name: str = "facebook_comments.json") -> None:
    path = FIXTURES / name
    records = connector("facebook").read(path.name, path.read_text())
    with db.uow() as uow:
        service.ingest(
            uow=uow, pack_id="wilmette-39", account_id=mod.north_page, records=records, now=NOW
        )


def by_pid(db: Database) -> dict[str, Comment]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(Comment)))
        uow.session.expunge_all()
    return {c.platform_comment_id: c for c in rows}


THREAT = "104000000000001_910000000000008"
SPAM = "104000000000001_910000000000009"
PRAISE = "104000000000001_910000000000007"


def test_queue_is_for_site_managers_only(client: TestClient, mod: Moderation) -> None:
    sign_in(client, "tina")
    assert client.get("/moderation").status_code == 403
    assert client.get("/api/moderation/queue").status_code == 403


def test_queue_lists_the_threat_first_with_words_marked_and_the_clause(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    load(db, mod)
    sign_in(client, "sue")
    page = client.get("/moderation")
    assert page.status_code == 200
    html = page.text
    assert html.index("parking lot") < html.index("cheap followers") < html.index("robotics")
    assert "<mark>" in html
    assert "Section IV, Links to Outside Websites and User Contents, item 12.1" in html
    routed = "the building administration and the district&#39;s safety contact"
    assert f"A case is open for {routed}" in html
    assert "/static/moderation.js" in html


def test_a_case_link_on_the_queue_opens_for_whoever_is_shown_it(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    """A moderator who is not one of the people a threat's case is routed to is told it is
    open, with no link that would answer "You can't open this page"."""
    load(db, mod)
    sign_in(client, "sue")
    html = client.get("/moderation").text
    links = re.findall(r'href="(/reports/cases/[^"]+)"', html)
    for link in links:
        assert client.get(link).status_code == 200, link
    if not links:
        assert "They have been told; only the people it is routed to open it." in html


def test_a_row_button_hides_the_comment_without_javascript(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    load(db, mod)
    spam = by_pid(db)[SPAM]
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    answer = client.post("/moderation/decide", data={"csrf_token": token, "one": f"{spam.id}:hide"})
    assert answer.status_code == 303
    assert "1+comment+hidden" in answer.headers["location"]
    assert by_pid(db)[SPAM].state == "hidden"
    archive = client.get("/moderation/archive").text
    with db.uow() as uow:
        entry = uow.session.scalars(select(ArchiveEntry).where(ArchiveEntry.action == "hide")).one()
        assert entry.content_sha256 == content_sha256(entry.document)
        assert entry.content_sha256 in archive


def test_bulk_form_applies_one_action_to_the_checked_comments(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    load(db, mod)
    found = by_pid(db)
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    client.post(
        "/moderation/decide",
        data={
            "csrf_token": token,
            "action": "delete",
            "comment_id": [found[SPAM].id, found[PRAISE].id],
        },
    )
    after = by_pid(db)
    assert (after[SPAM].state, after[PRAISE].state, after[THREAT].state) == (
        "deleted",
        "deleted",
        "escalated",
    )


def test_api_decision_refuses_an_unknown_action_by_name(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    load(db, mod)
    spam = by_pid(db)[SPAM]
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    answer = client.post(
        "/api/moderation/decisions",
        json={"action": "burn", "comment_ids": [spam.id]},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 422
    assert answer.json()["field"] == "action"
    assert by_pid(db)[SPAM].state == "new"


def test_an_account_manager_sees_only_their_accounts_comments(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    load(db, mod)
    spam = by_pid(db)[SPAM]
    sign_in(client, "steve")  # manages the South Instagram only
    page = client.get("/moderation")
    assert page.status_code == 200
    assert "cheap followers" not in page.text
    token = csrf_of(client, "/moderation")
    answer = client.post(
        "/api/moderation/decisions",
        json={"action": "delete", "comment_ids": [spam.id]},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 403
    assert by_pid(db)[SPAM].state == "new"


def test_archive_search_and_exports_carry_the_hashes_and_are_audited(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    load(db, mod)
    found = by_pid(db)
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    client.post(
        "/api/moderation/decisions",
        json={"action": "delete", "comment_ids": [found[SPAM].id, found[PRAISE].id]},
        headers={"X-CSRF-Token": token},
    )
    page = client.get("/moderation/archive", params={"q": "robotics"})
    assert "Congrats to the robotics team!" in page.text
    assert "cheap followers" not in page.text
    assert client.get("/moderation/archive", params={"from": "soon"}).status_code == 422
    exported = client.get("/moderation/archive/export.csv")
    assert exported.headers["content-disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    # the two deleted, and the threat archived when it was escalated on intake
    assert sorted(r["action"] for r in rows) == ["delete", "delete", "escalate"]
    assert all(len(r["content_sha256"]) == 64 for r in rows)
    lines = client.get("/moderation/archive/export.jsonl").text.splitlines()
    for line in lines:
        item = json.loads(line)
        assert item["content_sha256"] == content_sha256(item["document"])
    assert [e.event for e in audit_events(db)].count("comment_archive:exported") == 2


def test_export_cells_cannot_run_as_spreadsheet_formulas(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    body = json.dumps(
        {"data": [{"id": "1_1", "message": '=HYPERLINK("http://x")', "created_time": 1}]}
    )
    with db.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id="wilmette-39",
            account_id=mod.north_page,
            records=connector("facebook").read("x.json", body),
            now=NOW,
        )
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    client.post(
        "/api/moderation/decisions",
        json={"action": "hide", "comment_ids": [by_pid(db)["1_1"].id]},
        headers={"X-CSRF-Token": token},
    )
    rows = list(csv.DictReader(io.StringIO(client.get("/moderation/archive/export.csv").text)))
    assert rows[0]["text"].startswith("'=HYPERLINK")


# -- webhooks --------------------------------------------------------------------------------


def webhook_body() -> bytes:
    return (FIXTURES / "facebook_webhook.json").read_bytes()


def test_a_signed_facebook_webhook_is_taken_in_and_classified(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    body = webhook_body()
    answer = client.post(
        f"/api/webhooks/facebook/{mod.north_page}",
        content=body,
        headers={"X-Hub-Signature-256": sign(APP_SECRET, body), "Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"added": 1, "duplicates": 0}
    stored = by_pid(db)["104000000000001_920000000000001"]
    assert stored.text == "When is the book fair?"
    assert stored.classification["categories"]


def test_redelivery_of_a_webhook_answers_200_and_changes_nothing(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    body = webhook_body()
    headers = {"X-Hub-Signature-256": sign(APP_SECRET, body)}
    client.post(f"/api/webhooks/facebook/{mod.north_page}", content=body, headers=headers)
    before = by_pid(db)
    again = client.post(f"/api/webhooks/facebook/{mod.north_page}", content=body, headers=headers)
    assert again.status_code == 200
    assert again.json() == {"added": 0, "duplicates": 1}
    after = by_pid(db)
    assert {k: (c.id, c.received_at) for k, c in after.items()} == {
        k: (c.id, c.received_at) for k, c in before.items()
    }


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"X-Hub-Signature-256": "sha256=" + "0" * 64}, 403),
        ({"X-Hub-Signature-256": sign("another-secret", webhook_body())}, 403),
    ],
)
def test_unsigned_or_wrongly_signed_webhooks_are_refused_and_nothing_is_stored(
    client: TestClient, db: Database, mod: Moderation, headers: dict[str, str], status: int
) -> None:
    answer = client.post(
        f"/api/webhooks/facebook/{mod.north_page}", content=webhook_body(), headers=headers
    )
    assert answer.status_code == status
    assert by_pid(db) == {}


def test_a_tampered_body_fails_the_signature(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    body = webhook_body()
    signature = sign(APP_SECRET, body)
    tampered = body.replace(b"book fair", b"bake sale")
    answer = client.post(
        f"/api/webhooks/facebook/{mod.north_page}",
        content=tampered,
        headers={"X-Hub-Signature-256": signature},
    )
    assert answer.status_code == 403
    assert by_pid(db) == {}


def test_webhooks_of_an_unconfigured_platform_are_refused(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    body = (FIXTURES / "x_webhook.json").read_bytes()
    answer = client.post(
        f"/api/webhooks/x/{mod.north_page}",
        content=body,
        headers={"X-Twitter-Webhooks-Signature": sign("guess", body, "base64")},
    )
    assert answer.status_code == 403
    assert "LANYARD_X_CONSUMER_SECRET" in answer.json()["detail"]


def test_meta_subscription_handshake_answers_the_challenge_only_with_the_token(
    client: TestClient, mod: Moderation
) -> None:
    url = f"/api/webhooks/facebook/{mod.north_page}"
    ok = client.get(
        url,
        params={"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "42"},
    )
    assert (ok.status_code, ok.text) == (200, "42")
    bad = client.get(
        url, params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "42"}
    )
    assert bad.status_code == 403


def test_home_tells_a_site_manager_that_comments_wait(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    load(db, mod)
    sign_in(client, "sue")
    home = client.get("/home").text
    assert "Comments wait in the moderation queue" in home
    assert "1 escalated" in home


def test_x_crc_check_and_a_signed_x_delivery(app: FastAPI, db: Database, mod: Moderation) -> None:
    secret = "x-consumer-secret"
    app.state.services.settings.x_consumer_secret = SecretStr(secret)
    with db.uow() as uow:
        account = uow.session.get(OfficialAccount, mod.north_page)
        assert account is not None
        account.platform = "x"
        uow.commit()
    with TestClient(app, base_url="http://testserver") as c:
        crc = c.get(f"/api/webhooks/x/{mod.north_page}", params={"crc_token": "abc"})
        assert crc.json() == {"response_token": sign(secret, b"abc", "base64")}
        body = (FIXTURES / "x_webhook.json").read_bytes()
        answer = c.post(
            f"/api/webhooks/x/{mod.north_page}",
            content=body,
            headers={"X-Twitter-Webhooks-Signature": sign(secret, body, "base64")},
        )
    assert answer.json() == {"added": 1, "duplicates": 0}
    assert by_pid(db)["1840000000000000002"].author_display == "@dvaughan_example"


def test_every_moderation_page_names_the_platform_as_people_write_it(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    """'(facebook)' and 'Lanyard cannot act on facebook accounts' were the stored code:
    the queue, the archive, the comment's case view and the connection page say
    'Facebook' (one display-name function for every page)."""
    import html as entities
    import re

    load(db, mod)
    spam = by_pid(db)[SPAM]
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    client.post("/moderation/decide", data={"csrf_token": token, "one": f"{spam.id}:hide"})
    pages = {
        "queue": client.get("/moderation").text,
        "archive": client.get("/moderation/archive").text,
        "connection": client.get(f"/moderation/accounts/{mod.north_page}/connection").text,
    }
    assert "(Facebook)" in pages["queue"] and "Open on Facebook" in pages["queue"]
    for name, page in pages.items():
        shown = entities.unescape(re.sub(r"<[^>]+>", " ", page))  # what a reader sees
        assert "Facebook" in shown, name
        lower = re.findall(r"(?<![\w./@-])facebook(?![\w.])", shown)
        assert not lower, (name, lower)


def test_a_hide_on_an_account_lanyard_is_not_connected_to_can_be_undone_in_its_window(
    app: FastAPI, client: TestClient, db: Database, mod: Moderation
) -> None:
    """No token for the page: the hide changed only Lanyard. The answer offers Undo for
    the same seconds as a connected delete; Undo puts the comment back as it was, and is
    refused once the window has passed."""
    import datetime as dt

    load(db, mod)
    comments = by_pid(db)
    sign_in(client, "sue")
    headers = {"X-CSRF-Token": csrf_of(client, "/moderation")}
    answer = client.post(
        "/api/moderation/decisions",
        json={"action": "hide", "comment_ids": [comments[SPAM].id]},
        headers=headers,
    ).json()
    assert answer["undo"] == [{"comment_id": comments[SPAM].id, "seconds": 10}]
    assert by_pid(db)[SPAM].state == "hidden"
    undone = client.post(
        "/api/moderation/undo", json={"comment_ids": [comments[SPAM].id]}, headers=headers
    )
    assert undone.status_code == 200 and undone.json()["restored"] == 1
    assert by_pid(db)[SPAM].state == "new"
    assert by_pid(db)[SPAM].archive_entry_id is not None  # the archive entry stays
    restored = audit_events(db)[-1]
    assert restored.event == "comment:restored" and restored.subject_id == comments[SPAM].id
    assert (restored.before, restored.after) == ({"state": "hidden"}, {"state": "new"})
    assert restored.building_id == mod.district.north  # the page's building

    # the threat was escalated on intake: deleted and undone, it is escalated again
    client.post(
        "/api/moderation/decisions",
        json={"action": "delete", "comment_ids": [comments[THREAT].id]},
        headers=headers,
    )
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=11)
    app.state.clock = lambda: later
    late = client.post(
        "/api/moderation/undo", json={"comment_ids": [comments[THREAT].id]}, headers=headers
    )
    assert late.status_code == 409 and "too late" in late.json()["detail"]
    assert by_pid(db)[THREAT].state == "deleted"


def test_without_javascript_the_queue_offers_undo_beside_the_message(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    load(db, mod)
    spam = by_pid(db)[SPAM]
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    done = client.post("/moderation/decide", data={"csrf_token": token, "one": f"{spam.id}:delete"})
    page = client.get(done.headers["location"]).text
    assert "1 comment deleted" in page
    form = re.search(r'<form method="post" action="/moderation/undo".*?</form>', page, re.S)
    assert form and f'name="comment_id" value="{spam.id}"' in form.group(0)
    undone = client.post("/moderation/undo", data={"csrf_token": token, "comment_id": spam.id})
    assert "restored+to+the+queue" in undone.headers["location"]
    assert by_pid(db)[SPAM].state == "new"


def test_only_the_moderator_who_removed_a_comment_can_undo_it(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    from tests.integration.moderation.test_assignment import second_site_manager

    second_site_manager(db, mod.district.north)
    load(db, mod)
    spam = by_pid(db)[SPAM]
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    client.post("/moderation/decide", data={"csrf_token": token, "one": f"{spam.id}:hide"})
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "sid")
    headers = {"X-CSRF-Token": csrf_of(client, "/moderation")}
    refused = client.post("/api/moderation/undo", json={"comment_ids": [spam.id]}, headers=headers)
    assert refused.status_code == 409
    assert by_pid(db)[SPAM].state == "hidden"
