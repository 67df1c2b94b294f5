"""The building office's biometric consent page: the written consent recorded (date signed,
who, audited), a reference photo enrolled only where face recognition is on, the check's
suggestion "matched by face recognition — confirm", and withdrawal deleting the template."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lanyard.config import Settings
from lanyard.db.session import Database
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in

PHOTOS = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "photos"
PAGE = "/prepub/consents/biometric"


@pytest.fixture
def settings(sqlite_url: str, request: pytest.FixtureRequest) -> Settings:
    return make_settings(sqlite_url, face_recognition=getattr(request, "param", True))


def _photo(name: str) -> dict[str, object]:
    data = base64.b64encode((PHOTOS / name).read_bytes()).decode()
    return {"name": name, "data": data, "tags": []}


def _check(client: TestClient, token: str, name: str) -> dict:  # type: ignore[type-arg]
    body = {"to": "social", "photos": [_photo(name)]}
    answer = client.post("/api/prepublish/check", headers={"X-CSRF-Token": token}, json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()["photos"][0]  # type: ignore[no-any-return]


def test_consent_photo_suggestion_and_withdrawal(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "ada")
    page = client.get(PAGE, params={"student": district.student})
    assert page.status_code == 200 and "No biometric consent on file" in page.text
    assert 'id="biometric-photo"' not in page.text  # no enrolment before the consent
    token = csrf_of(client, PAGE)
    form = {"csrf_token": token, "student": district.student, "action": "record",
            "signed_on": "2026-11-20", "note": "form BIO-1"}  # fmt: skip
    unwritten = client.post(PAGE, data=form)
    assert unwritten.status_code == 422 and "signed, written consent" in unwritten.text
    done = client.post(PAGE, data={**form, "written": "yes"})
    assert done.status_code == 200
    assert "Recorded: written biometric consent signed 2026-11-20." in done.text
    assert "by Ada Admin (form BIO-1)" in done.text
    recorded = [e for e in audit_events(db) if e.event == "biometric_consent:recorded"]
    assert len(recorded) == 1 and recorded[0].subject_id == district.student
    assert recorded[0].actor_id == district.admin
    assert recorded[0].after == {"signed_on": "2026-11-20", "written": True}
    files = {"photo": ("coffee.jpg", (PHOTOS / "coffee.jpg").read_bytes(), "image/jpeg")}
    refused = client.post(
        PAGE + "/photo", data={"csrf_token": token, "student": district.student}, files=files
    )
    assert refused.status_code == 422 and "no face found in the reference photo" in refused.text
    files = {"photo": ("hopper.jpg", (PHOTOS / "hopper.jpg").read_bytes(), "image/jpeg")}
    enrolled = client.post(
        PAGE + "/photo", data={"csrf_token": token, "student": district.student}, files=files
    )
    assert enrolled.status_code == 200
    assert "Face template enrolled: kept encrypted; the photo was not kept." in enrolled.text
    photo = _check(client, token, "group_three.jpg")
    assert photo["face_matches"][0]["students"] == [district.student]
    kinds = [f["kind"] for f in photo["findings"]]
    assert kinds == ["face_match", "no_consent_on_file", "untagged_faces"]
    assert "matched by face recognition to Sam Student — confirm" in photo["findings"][0]["reason"]
    assert photo["verdict"] == "review"
    withdrawn = client.post(PAGE, data={"csrf_token": token, "student": district.student,
                                        "action": "withdraw"})  # fmt: skip
    assert "Withdrawn: the consent and the student&#39;s face template are deleted" in (
        withdrawn.text
    )
    assert "No biometric consent on file" in withdrawn.text
    assert "face_matches" not in _check(client, token, "group_three.jpg")
    events = [e.event for e in audit_events(db)]
    assert "face_template:enrolled" in events and "biometric_consent:withdrawn" in events


@pytest.mark.parametrize("settings", [False], indirect=True)
def test_off_no_template_is_made_and_the_check_page_says_so(
    client: TestClient, district: District
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, PAGE)
    client.post(PAGE, data={"csrf_token": token, "student": district.student, "action": "record",
                            "written": "yes", "signed_on": "2026-11-20"})  # fmt: skip
    page = client.get(PAGE, params={"student": district.student})
    assert "Face recognition is <strong>off</strong>" in page.text
    assert 'id="biometric-photo"' not in page.text
    files = {"photo": ("hopper.jpg", (PHOTOS / "hopper.jpg").read_bytes(), "image/jpeg")}
    refused = client.post(
        PAGE + "/photo", data={"csrf_token": token, "student": district.student}, files=files
    )
    assert refused.status_code == 422 and "face recognition is off in this district" in refused.text
    assert "Face recognition is off:" in client.get("/prepub").text


def test_a_teacher_may_not_and_another_buildings_student_is_not_found(
    client: TestClient, district: District
) -> None:
    sign_in(client, "tina")
    assert client.get(PAGE).status_code == 403
    client.cookies.clear()
    sign_in(client, "paula")  # North's principal
    assert client.get(PAGE, params={"student": district.south_student}).status_code == 404
    own = client.get(PAGE, params={"student": district.student})
    assert own.status_code == 200 and 'id="biometric-record"' in own.text
