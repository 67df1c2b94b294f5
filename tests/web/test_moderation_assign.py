"""Assignment, the "assigned to me" filter and counts by account over HTTP; a threat's case
page for the people it is routed to and nobody else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.config import Settings
from lanyard.connectors.comments import connector
from lanyard.db.session import Database
from lanyard.moderation import service
from lanyard.moderation.orm import Comment
from tests.integration.moderation.seed import NOW, Moderation, seed_moderation
from tests.integration.moderation.test_assignment import second_site_manager
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in

CSV = """id,text,created_at,author
w-1,Someone should shoot up this school,2025-10-03T04:00:00Z,Anon
w-2,"You are a stupid idiot, coach",2025-10-03T05:00:00Z,Troll
"""


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, safety_contact="dan.dist@example.org")


@pytest.fixture
def mod(db: Database) -> Moderation:
    mod = seed_moderation(db)
    with db.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id="wilmette-39",
            account_id=mod.north_page,
            records=connector("csv").read("w.csv", CSV),
            now=NOW,
            safety_contact="dan.dist@example.org",
        )
    return mod


@pytest.fixture
def client(app: FastAPI, mod: Moderation) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c


def ids(db: Database) -> dict[str, Comment]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(Comment)))
        uow.session.expunge_all()
    return {c.platform_comment_id: c for c in rows}


def test_assign_to_me_then_filter_and_counts(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    attack = ids(db)["w-2"]
    answer = client.post(
        "/api/moderation/assignments",
        json={"assignee": "me", "comment_ids": [attack.id]},
        headers={"X-CSRF-Token": token},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["message"] == "1 comment assigned to you."
    mine = client.get("/api/moderation/queue", params={"assigned": "me"}).json()
    assert [c["id"] for c in mine["comments"]] == [attack.id]
    assert mine["counts"] == [
        {
            "account_id": mod.north_page,
            "handle": "@north.elementary",
            "platform": "facebook",
            "waiting": 2,
            "escalated": 1,
            "assigned_to_me": 1,
        }
    ]
    page = client.get("/moderation", params={"assigned": "me"}).text
    assert "Assigned to you" in page and "stupid idiot" in page
    assert "shoot up this school" not in page
    assert "comment:assigned" in [e.event for e in audit_events(db)]


def test_the_no_javascript_form_assigns_to_another_site_manager(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    sid = second_site_manager(db, mod.district.north)
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    attack = ids(db)["w-2"]
    answer = client.post(
        "/moderation/decide",
        data={"csrf_token": token, "assign_bulk": "1", "assignee": sid, "comment_id": attack.id},
    )
    assert answer.status_code == 303
    assert "assigned+to+Sid+Second" in answer.headers["location"]
    assert ids(db)["w-2"].assigned_to_id == sid


def test_assignment_is_refused_for_non_moderators_and_outside_the_account(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    attack = ids(db)["w-2"]
    sign_in(client, "sue")
    token = csrf_of(client, "/moderation")
    refused = client.post(
        "/api/moderation/assignments",
        json={"assignee": mod.district.teacher, "comment_ids": [attack.id]},
        headers={"X-CSRF-Token": token},
    )
    assert refused.status_code == 422 and refused.json()["field"] == "assignee"
    client.cookies.clear()
    sign_in(client, "tina")  # a teacher moderates nothing
    assert client.get("/moderation").status_code == 403


def test_the_threat_case_page_shows_the_comment_to_its_recipients_only(
    client: TestClient, db: Database, mod: Moderation
) -> None:
    threat = ids(db)["w-1"]
    assert threat.case_id is not None
    for username in ("paula", "bea", "dan"):  # principal, building administration, contact
        client.cookies.clear()
        sign_in(client, username)
        page = client.get(f"/reports/cases/{threat.case_id}")
        assert page.status_code == 200, username
        assert "shoot up this school" in page.text
        assert "If anyone is in immediate danger, call 911" in page.text
        assert "Who has been told" in page.text and "district safety contact" in page.text
    client.cookies.clear()
    sign_in(client, "tina")
    page = client.get(f"/reports/cases/{threat.case_id}")
    assert page.status_code == 403 and "shoot up" not in page.text
