"""``POST /api/prepublish/check`` and ``POST /api/prepublish/bcc``: a district's CMS or the
communications office checks a draft before it is published."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path

from fastapi.testclient import TestClient
from PIL import Image

from lanyard.db.session import Database
from lanyard.prepub.domain import school_year_of
from lanyard.prepub.orm import Consent
from tests.support.district import District
from tests.support.outlook import IN_BCC, TO_PARENTS, outlook_message
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


def test_the_bcc_check_takes_a_message_saved_from_outlook(
    client: TestClient, district: District
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    saved = base64.b64encode(outlook_message(TO_PARENTS)).decode("ascii")
    response = client.post("/api/prepublish/bcc", json={"msg": saved},
                           headers={"X-CSRF-Token": token})  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.json()["findings"][0]["kind"] == "visible_addresses"
    hidden = base64.b64encode(outlook_message(IN_BCC)).decode("ascii")
    response = client.post("/api/prepublish/bcc", json={"msg": hidden},
                           headers={"X-CSRF-Token": token})  # fmt: skip
    assert response.json()["verdict"] == "safe"
    damaged = base64.b64encode(outlook_message(TO_PARENTS)[:4096]).decode("ascii")
    bad = client.post("/api/prepublish/bcc", json={"msg": damaged},
                      headers={"X-CSRF-Token": token})  # fmt: skip
    assert bad.status_code == 422 and bad.json()["detail"].startswith("msg: a damaged Outlook")
    page = client.post("/prepub/bcc", data={"csrf_token": csrf_of(client, "/prepub")},
                       files={"eml": ("trip.msg", outlook_message(TO_PARENTS),
                                      "application/vnd.ms-outlook")})  # fmt: skip
    assert page.status_code == 200, page.text
    assert "Suggested fix:" in page.text and "in BCC" in page.text


def test_the_api_is_in_openapi(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/prepublish/check", "/api/prepublish/bcc", "/api/prepublish/clean"} <= set(paths)


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


PHOTOS = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "photos"


def _b64(name: str) -> str:
    return base64.b64encode((PHOTOS / name).read_bytes()).decode("ascii")


def test_photos_tagged_opted_out_and_untagged_faces_and_the_photo_audit(
    client: TestClient, district: District, db: Database
) -> None:
    _opt_out(db, district.student, "social_media")
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    body = {
        "to": "social",
        "photos": [
            {
                "name": "group_three.jpg",
                "data": _b64("group_three.jpg"),
                "tags": [district.student],
            },
            {"name": "coffee.jpg", "data": _b64("coffee.jpg"), "preview": True},
        ],
    }
    response = client.post("/api/prepublish/check", json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["verdict"] == "unsafe"
    group, coffee = result["photos"]
    assert group["verdict"] == "unsafe" and len(group["faces"]) == 3
    assert group["findings"][0]["kind"] == "opted_out"
    assert "review: 2 people not tagged" in group["findings"][1]["reason"]
    assert coffee["verdict"] == "safe" and coffee["faces"] == []
    preview = base64.b64decode(coffee["preview"].split(",", 1)[1])
    assert max(Image.open(io.BytesIO(preview)).size) == 480
    entry = [e for e in audit_events(db) if e.event == "prepub:checked"][-1]
    assert entry.after["checked"] == "photos" and entry.after["photos"] == 2
    assert district.student not in str(entry.after)


def test_the_cleaned_photo_comes_back_blurred_without_metadata(
    client: TestClient, district: District
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    body = {"name": "astronaut_gps.jpg", "data": _b64("astronaut_gps.jpg"), "blur": [1]}
    response = client.post("/api/prepublish/clean", json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/jpeg"
    assert 'filename="cleaned-astronaut_gps.jpg"' in response.headers["content-disposition"]
    cleaned = Image.open(io.BytesIO(response.content))
    assert not cleaned.getexif() and "xmp" not in cleaned.info
    assert b"GPS" not in response.content and b"Canon" not in response.content
    too_many = client.post("/api/prepublish/clean", json={**body, "blur": [2]},
                           headers={"X-CSRF-Token": token})  # fmt: skip
    assert too_many.status_code == 422 and "has 1 faces found" in too_many.json()["detail"]
    bad = client.post("/api/prepublish/check",
                      json={"to": "website", "photos": [{"name": "x.jpg", "data": "aGVsbG8="}]},
                      headers={"X-CSRF-Token": token})  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["detail"] == "photos: x.jpg: not a JPEG, PNG or WebP image"
