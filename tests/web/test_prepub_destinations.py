"""Destinations of a draft: ``GET /api/prepublish/destinations`` lists the website, a
newsletter and the active official accounts (the district's and the caller's buildings' first);
``account`` in ``POST /api/prepublish/check`` (and the page's choice) checks a draft for
that account: the consent uses its platform needs and the pack's rules about it."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.prepub.domain import school_year_of
from lanyard.prepub.orm import Consent
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in

NOW = dt.datetime.now(dt.UTC)


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, pack="naperville-203")


@pytest.fixture
def accounts(db: Database, district: District) -> dict[str, str]:
    def account(
        platform: str, handle: str, building: str | None, **extra: object
    ) -> OfficialAccount:
        return OfficialAccount(
            pack_id="naperville-203", platform=platform, handle=handle,
            url=f"https://{platform}.example.com/{handle.lstrip('@')}", purpose="School news",
            building_id=building, owner_id=district.principal,
            created_with_email="paula.prince@example.org", created_at=NOW, **extra,
        )  # fmt: skip

    rows = {
        "youtube": account("youtube", "@north.videos", district.north),
        "snapchat": account("snapchat", "@north.athletics", district.north),
        "site": account("website", "district.example.org", None),
        "south": account("instagram", "@south.middle", district.south),
        "closed": account("facebook", "@north.old", district.north, active=False),
    }
    with db.uow(write=True) as uow:
        uow.session.add_all(rows.values())
        uow.session.flush()
        ids = {k: v.id for k, v in rows.items()}
        uow.commit()
    return ids


def _consent(db: Database, student: str, scope: str, decision: str) -> None:
    with db.uow(write=True) as uow:
        year = school_year_of(NOW.date())
        uow.session.add(Consent(student_id=student, scope=scope, decision=decision,
                                school_year=year, updated_at=NOW))  # fmt: skip
        uow.commit()


def test_the_destinations_are_the_callers_accounts_first_then_every_other_buildings(
    client: TestClient, accounts: dict[str, str]
) -> None:
    sign_in(client, "ada")  # Ada works at North
    listed = client.get("/api/prepublish/destinations")
    assert listed.status_code == 200, listed.text
    found = listed.json()["destinations"]
    assert [d["to"] for d in found[:3]] == ["website", "newsletter", "social"]
    by_account = {d["account"]: d for d in found if "account" in d}
    listed_ids = [d["account"] for d in found if "account" in d]
    # her building's and the district's first; South's after them (a checker reads every
    # student's consents and may check a post for any school); a closed account never
    assert set(listed_ids[:3]) == {accounts["youtube"], accounts["snapchat"], accounts["site"]}
    assert listed_ids[3:] == [accounts["south"]]
    youtube = by_account[accounts["youtube"]]
    assert youtube["uses"] == ["social_media", "video"] and youtube["platform"] == "youtube"
    assert youtube["label"] == "YouTube @north.videos"
    assert by_account[accounts["site"]]["to"] == "website"


def test_a_student_opted_out_of_video_is_unsafe_on_the_youtube_account(
    client: TestClient, district: District, db: Database, accounts: dict[str, str]
) -> None:
    _consent(db, district.student, "social_media", "opt_in")
    _consent(db, district.student, "video", "opt_out")
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    text = {"text": "Sam Student explains the robot, class 4B"}
    on_youtube = client.post("/api/prepublish/check", json={**text, "account": accounts["youtube"]},
                             headers={"X-CSRF-Token": token})  # fmt: skip
    assert on_youtube.status_code == 200, on_youtube.text
    result = on_youtube.json()
    assert result["verdict"] == "unsafe"
    assert "opted out of video" in result["findings"][0]["reason"]
    assert result["destination"]["account"] == accounts["youtube"]
    # the same post for social media in general needs the social media release only
    social = client.post("/api/prepublish/check", json={**text, "to": "social"},
                         headers={"X-CSRF-Token": token}).json()  # fmt: skip
    assert social["verdict"] == "safe"
    entries = [e.after for e in audit_events(db) if e.event == "prepub:checked"]
    assert entries[0]["account"] == accounts["youtube"] and "account" not in entries[1]


def test_the_packs_platform_rules_are_cited_for_a_snapchat_account(
    client: TestClient, district: District, accounts: dict[str, str]
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    body = {"text": "Game day! Go Huskies!", "account": "@north.athletics"}  # by handle
    result = client.post("/api/prepublish/check", json=body,
                         headers={"X-CSRF-Token": token}).json()  # fmt: skip
    assert result["verdict"] == "review"
    clauses = {f["citation"]["clause"] for f in result["findings"]}
    assert clauses == {"Approved Social Media Tools, Snapchat"}


def test_an_unknown_closed_or_mismatched_account_is_refused_in_words(
    client: TestClient, district: District, accounts: dict[str, str]
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/home")

    def check(**body: str) -> tuple[int, str]:
        response = client.post("/api/prepublish/check", json={"text": "Hello", **body},
                               headers={"X-CSRF-Token": token})  # fmt: skip
        return response.status_code, response.json()["detail"]

    assert check(account="nope") == (
        422,
        "account: no active official account 'nope' in the registry",
    )
    assert check(account=accounts["closed"])[0] == 422
    code, said = check(account=accounts["youtube"], to="website")
    assert code == 422 and "is a youtube account (social), not 'website'" in said
    code, said = check()
    assert code == 422 and "give to" in said


def test_the_page_offers_the_accounts_and_checks_for_one(
    client: TestClient, district: District, db: Database, accounts: dict[str, str]
) -> None:
    _consent(db, district.student, "video", "opt_out")
    sign_in(client, "ada")
    page = client.get("/prepub")
    assert (
        f'<option value="account:{accounts["youtube"]}">YouTube @north.videos</option>' in page.text
    )
    token = csrf_of(client, "/prepub")
    checked = client.post("/prepub/check", data={
        "text": "Sam Student explains the robot, class 4B", "to": f"account:{accounts['youtube']}",
        "csrf_token": token,
    })  # fmt: skip
    assert checked.status_code == 200
    assert 'Verdict: <span class="verdict-unsafe">unsafe</span>' in checked.text
    assert "opted out of video" in checked.text


def test_destinations_are_in_openapi(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    assert "/api/prepublish/destinations" in document["paths"]
    check = document["components"]["schemas"]["TextCheck"]["properties"]
    assert "account" in check and "video" in check["account"]["description"]
