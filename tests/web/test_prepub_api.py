"""``POST /api/prepublish/check`` and ``POST /api/prepublish/bcc``: a district's CMS or the
communications office checks a draft before it is published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from lanyard.db.session import Database
from lanyard.prepub.domain import school_year_of
from lanyard.prepub.orm import Consent
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, sign_in

EML = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "group_to_parents.eml"


def _opt_out(db: Database, student: str, scope: str) -> None:
    today = dt.datetime.now(dt.UTC)
    with db.uow(write=True) as uow:
        uow.session.add(
            Consent(student_id=student, scope=scope, school_year=school_year_of(today.date()),
                    decision="opt_out", updated_at=today)
        )  # fmt: skip
        uow.commit()


def test_a_post_naming_an_opted_out_student_is_unsafe_and_the_check_is_audited(
    client: TestClient, district: District, db: Database
) -> None:
    _opt_out(db, district.student, "social_media")
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    body = {"text": "Congratulations to Sam Student on the spelling bee!", "to": "social"}
    response = client.post("/api/prepublish/check", json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["verdict"] == "unsafe"
    assert result["findings"][0]["kind"] == "opted_out"
    assert result["findings"][0]["student_id"] == district.student
    # for the website the family gave no answer: a person looks, nothing is assumed
    website = client.post("/api/prepublish/check", json={**body, "to": "website"},
                          headers={"X-CSRF-Token": token}).json()  # fmt: skip
    assert website["verdict"] == "review"
    entries = [e for e in audit_events(db) if e.event == "prepub:checked"]
    assert [e.after["verdict"] for e in entries] == ["unsafe", "review"]
    assert all("Sam" not in str(e.after) for e in entries)


def test_a_teacher_without_the_capability_is_refused(
    client: TestClient, district: District
) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/home")
    response = client.post("/api/prepublish/check", json={"text": "hello", "to": "website"},
                           headers={"X-CSRF-Token": token})  # fmt: skip
    assert response.status_code == 403


def test_the_bcc_check_takes_a_saved_message(client: TestClient, district: District) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    response = client.post("/api/prepublish/bcc", json={"eml": EML.read_text(encoding="utf-8")},
                           headers={"X-CSRF-Token": token})  # fmt: skip
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["verdict"] == "unsafe"
    assert result["findings"][0]["kind"] == "visible_addresses"
    bad = client.post("/api/prepublish/bcc", json={"eml": "just some text"},
                      headers={"X-CSRF-Token": token})  # fmt: skip
    assert bad.status_code == 422 and "no To, Cc or Bcc" in bad.json()["detail"]


def test_the_api_is_in_openapi(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/prepublish/check", "/api/prepublish/bcc"} <= set(paths)


def test_the_page_checks_a_post_and_an_uploaded_message(
    client: TestClient, district: District, db: Database
) -> None:
    _opt_out(db, district.student, "directory_all")
    sign_in(client, "ada")
    token = csrf_of(client, "/prepub")
    page = client.post("/prepub/check", data={"text": "Well done, Sam Student!", "to": "website",
                                              "csrf_token": token})  # fmt: skip
    assert page.status_code == 200
    assert 'Verdict: <span class="verdict-unsafe">unsafe</span>' in page.text
    assert "opted out of website" in page.text
    page = client.post("/prepub/bcc", data={"csrf_token": token},
                       files={"eml": ("trip.eml", EML.read_bytes(), "message/rfc822")})  # fmt: skip
    assert page.status_code == 200, page.text
    assert "Suggested fix:" in page.text and "in BCC" in page.text


def test_the_page_is_refused_to_a_teacher(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    assert client.get("/prepub").status_code == 403
