"""Legal holds on the web: the records officer places and lifts holds with a reason
(audited); a held case says so on its page; others cannot manage holds."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from lanyard.config import Settings
from lanyard.db.session import Database
from tests.support.district import CaseHandlers, District, seed_case_handlers
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, pack="press-5-125")


@pytest.fixture
def handlers(db: Database, district: District) -> CaseHandlers:
    return seed_case_handlers(db, district)


def _sign_out(client: TestClient) -> None:
    client.post("/signout", data={"csrf_token": csrf_of(client, "/")})


def test_a_hold_placed_on_the_web_shows_on_the_held_case_and_is_lifted_with_a_reason(
    client: TestClient, db: Database, district: District, handlers: CaseHandlers
) -> None:
    sign_in(client, "tina")
    assert client.get("/records/holds").status_code == 403  # a teacher is no records officer
    filed = client.post(
        "/reports",
        data={
            "report_type": "inappropriate-student-contact",
            "student": "Sam",
            "details": "Late-night messages",
            "csrf_token": csrf_of(client, "/reports"),
        },
    )
    assert filed.status_code == 303
    link = filed.headers["location"].split("?")[0]
    assert "Under legal hold" not in client.get(link).text
    _sign_out(client)

    sign_in(client, "ada")  # the Lanyard administrator holds read_audit district-wide
    page = client.get("/records/holds")
    assert page.status_code == 200 and "No legal holds in force" in page.text
    token = csrf_of(client, "/records/holds")
    refused = client.post(
        "/records/holds",
        data={"person": "tina.teach@example.org", "reason": " ", "csrf_token": token},
    )
    assert refused.status_code == 422 and "reason: a hold needs a reason" in refused.text
    placed = client.post(
        "/records/holds",
        data={
            "person": "tina.teach@example.org",
            "since": "2020-01-01",
            "reason": "Doe v. District, hold letter",
            "csrf_token": token,
        },
        follow_redirects=True,
    )
    assert "Legal hold placed." in placed.text and "Doe v. District" in placed.text
    # the hold names whom it covers, not internal ids (found trying the demo as the
    # records officer: "efe498… person 7848972d… (in force; …)")
    listed = placed.text.split("Holds in force")[1]
    assert "Tina Teach" in listed and "records from 2020-01-01" in listed
    assert district.teacher not in listed
    hold_id = re.search(r"/records/holds/([0-9a-f]+)/lift", placed.text).group(1)  # type: ignore[union-attr]
    _sign_out(client)

    sign_in(client, "tina")
    held = client.get(link).text
    assert "Under legal hold" in held
    assert "Doe v. District" not in held  # the reason is the records officer's to see
    _sign_out(client)

    sign_in(client, "ada")
    token = csrf_of(client, "/records/holds")
    lifted = client.post(
        f"/records/holds/{hold_id}/lift",
        data={"reason": "settled", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Legal hold lifted." in lifted.text and "lifted: settled" in lifted.text
    entries = [e for e in audit_events(db) if e.subject_type == "legal_hold"]
    assert [e.event for e in entries] == ["legal_hold:placed", "legal_hold:lifted"]
    assert all(e.actor_id for e in entries)
    _sign_out(client)
    sign_in(client, "tina")
    assert "Under legal hold" not in client.get(link).text
