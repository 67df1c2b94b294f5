"""A co-worker's image consent recorded on the web: by the building office on the consents
page ("Staff pictured in posts") or by the staff member on their own page, through the
command's service; the photo check then reads it."""

from __future__ import annotations

import base64
from pathlib import Path

from fastapi.testclient import TestClient

from lanyard.db.session import Database
from tests.support.district import District, seed_case_handlers
from tests.web.conftest import audit_events, csrf_of, sign_in

PHOTO = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "photos" / "hopper.jpg"


def photo_check(client: TestClient, token: str, tag: str) -> dict[str, str]:
    """The photo check of a one-face photo tagged with ``tag``: each finding's verdict."""
    data = base64.b64encode(PHOTO.read_bytes()).decode("ascii")
    body = {"to": "social", "photos": [{"name": "p.jpg", "data": data, "tags": [tag]}]}
    response = client.post("/api/prepublish/check", json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 200, response.text
    return {f["kind"]: f["verdict"] for f in response.json()["photos"][0]["findings"]}


def test_the_office_records_a_coworkers_written_consent_and_the_photo_is_safe(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/prepub/consents")
    assert photo_check(client, token, "steve") == {"coworker_no_consent": "review"}
    page = client.get("/prepub/consents", params={"staff": "steve south"})  # by name
    assert page.status_code == 200 and "Steve South (steve)" in page.text
    assert "Nothing on file this school year" in page.text
    form = {"csrf_token": token, "staff": "steve", "decision": "opt_in", "written": "no"}
    unwritten = client.post("/prepub/consents/staff", data=form)
    assert unwritten.status_code == 422 and "only once it is in writing" in unwritten.text
    assert photo_check(client, token, "steve") == {"coworker_no_consent": "review"}
    written = {**form, "written": "yes", "recorded_on": "2026-11-20", "note": "signed form"}
    done = client.post("/prepub/consents/staff", data=written)
    assert done.status_code == 200, done.text
    assert "Recorded: consents to appear in photos" in done.text
    assert "Written consent on file, received 2026-11-20 (signed form)" in done.text
    assert photo_check(client, token, "steve") == {"coworker_consent": "safe"}
    refused = client.post("/prepub/consents/staff", data={**written, "decision": "opt_out"})
    assert "Changed: refuses to appear in photos" in refused.text
    assert photo_check(client, token, "steve") == {"coworker_refused": "unsafe"}
    changes = [e for e in audit_events(db) if e.event == "consents:changed"]
    assert [(e.before or {}).get("decision") for e in changes] == [None, "opt_in"]
    assert all(e.subject_id == district.south_teacher for e in changes)
    assert all(e.actor_id == district.admin for e in changes)


def test_without_record_consents_recording_a_coworker_is_refused(
    client: TestClient, district: District, db: Database
) -> None:
    seed_case_handlers(db, district)
    sign_in(client, "tina")  # a teacher: no consents page at all
    token = csrf_of(client, "/home")
    form = {"csrf_token": token, "staff": "steve", "decision": "opt_in", "written": "yes"}
    assert client.post("/prepub/consents/staff", data=form).status_code == 403
    client.cookies.clear()
    sign_in(client, "tess")  # imports the directory district-wide: reads, may not record
    page = client.get("/prepub/consents", params={"staff": "steve"})
    assert page.status_code == 200 and "Record their consent" not in page.text
    token = csrf_of(client, "/prepub/consents")
    refused = client.post("/prepub/consents/staff", data={**form, "csrf_token": token})
    assert refused.status_code == 403 and "Not recorded" in refused.text
    client.cookies.clear()
    sign_in(client, "paula")  # records for North only: Steve (South) is not found
    missing = client.get("/prepub/consents", params={"staff": "Steve South"})
    assert missing.status_code == 404 and "No staff member" in missing.text
    assert not [e for e in audit_events(db) if e.event == "consents:changed"]


def test_a_staff_member_records_their_own_consent(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    page = client.get("/account/photo-consent")
    assert page.status_code == 200 and "Nothing on file this school year" in page.text
    token = csrf_of(client, "/account/photo-consent")
    done = client.post("/account/photo-consent", data={"csrf_token": token, "decision": "opt_in"})
    assert done.status_code == 200 and "Recorded: you consent to appear in photos" in done.text
    (entry,) = [e for e in audit_events(db) if e.event == "consents:changed"]
    assert entry.subject_id == entry.actor_id == district.teacher
    client.cookies.clear()
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    assert photo_check(client, token, "tina") == {"coworker_consent": "safe"}


def test_a_shared_name_is_never_guessed_and_other_buildings_do_not_count(
    client: TestClient, district: District, db: Database
) -> None:
    from tests.support.district import _person

    with db.uow(write=True) as uow:
        _person(uow.session, given="Steve", family="South", kind="staff",
                building=district.north, username="steve2")  # fmt: skip
        uow.commit()
    sign_in(client, "ada")  # district-wide: both are hers to find
    both = client.get("/prepub/consents", params={"staff": "Steve South"})
    assert both.status_code == 404 and "2 staff members are named" in both.text
    assert "steve, steve2" in both.text and "Record their consent" not in both.text
    client.cookies.clear()
    sign_in(client, "paula")  # North only: the North one is the only one she may find
    one = client.get("/prepub/consents", params={"staff": "Steve South"})
    assert one.status_code == 200 and "Steve South (steve2)" in one.text


def test_the_api_records_a_coworkers_consent_with_the_pages_rules_and_audit(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    headers = {"X-CSRF-Token": token}
    api = "/api/prepublish/coworker-consent"
    unwritten = client.post(api, json={"staff": "steve", "decision": "opt_in"}, headers=headers)
    assert (
        unwritten.status_code == 422 and "only once it is in writing" in unwritten.json()["detail"]
    )
    assert photo_check(client, token, "steve") == {"coworker_no_consent": "review"}
    body = {"staff": "Steve South", "decision": "opt_in", "written": True,
            "recorded_on": "2026-11-20", "note": "signed form"}  # fmt: skip
    done = client.post(api, json=body, headers=headers)
    assert done.status_code == 200, done.text
    answer = done.json()
    assert answer["staff_id"] == district.south_teacher and answer["outcome"] == "added"
    assert answer["recorded_on"] == "2026-11-20"
    assert answer["message"] == "Recorded: consents to appear in photos for this school year."
    assert photo_check(client, token, "steve") == {"coworker_consent": "safe"}
    again = client.post(api, json=body, headers=headers).json()
    assert again["outcome"] == "unchanged"
    refused = client.post(api, json={"staff": "steve", "decision": "opt_out"}, headers=headers)
    assert refused.json()["outcome"] == "changed"
    assert photo_check(client, token, "steve") == {"coworker_refused": "unsafe"}
    changes = [e for e in audit_events(db) if e.event == "consents:changed"]
    assert [(e.before or {}).get("decision") for e in changes] == [None, "opt_in"]
    assert all(e.actor_id == district.admin and e.after["via"] == "co-worker consent"
               for e in changes)  # fmt: skip
    missing = client.post(api, json={"staff": "nobody", "decision": "opt_out"}, headers=headers)
    assert missing.status_code == 404 and "No staff member 'nobody'" in missing.json()["detail"]
    assert "/api/prepublish/coworker-consent" in client.get("/api/openapi.json").json()["paths"]


def test_the_api_refuses_who_the_page_refuses(
    client: TestClient, district: District, db: Database
) -> None:
    seed_case_handlers(db, district)
    api = "/api/prepublish/coworker-consent"
    body = {"staff": "steve", "decision": "opt_in", "written": True}
    sign_in(client, "tina")  # a teacher
    assert client.post(api, json=body, headers={"X-CSRF-Token": csrf_of(client, "/home")}
                       ).status_code == 403  # fmt: skip
    client.cookies.clear()
    sign_in(client, "tess")  # reads consents district-wide, may not record them
    refused = client.post(api, json=body, headers={"X-CSRF-Token": csrf_of(client, "/home")})
    assert refused.status_code == 403 and refused.json()["detail"].startswith("Not recorded")
    client.cookies.clear()
    sign_in(client, "paula")  # records for North only: Steve (South) is not found
    missing = client.post(api, json=body, headers={"X-CSRF-Token": csrf_of(client, "/home")})
    assert missing.status_code == 404
    assert not [e for e in audit_events(db) if e.event == "consents:changed"]
