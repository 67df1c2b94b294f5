"""The building office records a family's consent change during the year: the check reads
it at once, the change and the look are audited, and a student of another building is not
found."""

from __future__ import annotations

from fastapi.testclient import TestClient

from lanyard.db.session import Database
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, sign_in


def test_a_withdrawn_release_is_recorded_audited_and_read_by_the_check(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "ada")
    page = client.get("/prepub/consents", params={"student": district.student})
    assert page.status_code == 200 and "Nothing on file this school year" in page.text
    token = csrf_of(client, "/prepub/consents")
    form = {
        "csrf_token": token, "student": district.student, "scope": "website",
        "decision": "opt_out", "recorded_on": "2026-11-30", "note": "letter from mother",
    }  # fmt: skip
    done = client.post("/prepub/consents", data=form)
    assert done.status_code == 200 and "Recorded: website opt-out" in done.text
    assert "letter from mother" in done.text
    again = client.post("/prepub/consents", data={**form, "decision": "opt_in"})
    assert "Changed: website opt-in" in again.text
    client.post("/prepub/consents", data=form)
    body = {"text": "Well done Sam Student!", "to": "website"}
    check = client.post("/api/prepublish/check", headers={"X-CSRF-Token": token}, json=body)
    check = check.json()
    assert check["verdict"] == "unsafe" and check["findings"][0]["kind"] == "opted_out"
    changes = [e for e in audit_events(db) if e.event == "consents:changed"]
    assert [(e.before or {}).get("decision") for e in changes] == [None, "opt_out", "opt_in"]
    assert all(e.subject_id == district.student and "Sam" not in str(e.after) for e in changes)
    assert any(e.event == "consents:viewed" for e in audit_events(db))
    bad = client.post("/prepub/consents", data={**form, "scope": "billboard"})
    assert bad.status_code == 422 and "scope must be one of" in bad.text


def test_a_teacher_may_not_and_an_unknown_student_is_not_found(
    client: TestClient, district: District
) -> None:
    sign_in(client, "tina")
    assert client.get("/prepub/consents").status_code == 403
    client.cookies.clear()
    sign_in(client, "ada")
    missing = client.get("/prepub/consents", params={"student": "nobody"})
    assert missing.status_code == 404
    assert "No student &#39;nobody&#39; in your buildings" in missing.text


def test_a_building_principal_records_for_their_building_only(
    client: TestClient, district: District
) -> None:
    sign_in(client, "paula")  # building principal or designee, North
    own = client.get("/prepub/consents", params={"student": district.student})
    assert own.status_code == 200 and "Record a change" in own.text
    other = client.get("/prepub/consents", params={"student": district.south_student})
    assert other.status_code == 404 and "Sally" not in other.text


def test_recording_needs_record_consents_reading_the_directory_is_not_enough(
    client: TestClient, district: District, db: Database
) -> None:
    from tests.support.district import seed_case_handlers

    seed_case_handlers(db, district)
    sign_in(client, "tess")  # technology administrator: imports the directory, district-wide
    page = client.get("/prepub/consents", params={"student": district.student})
    assert page.status_code == 200 and "Nothing on file this school year" in page.text
    assert "Record a change" not in page.text and "not change it" in page.text
    token = csrf_of(client, "/prepub/consents")
    form = {"csrf_token": token, "student": district.student, "scope": "website",
            "decision": "opt_out", "recorded_on": "2026-11-30"}  # fmt: skip
    refused = client.post("/prepub/consents", data=form)
    assert refused.status_code == 403 and "Not recorded" in refused.text
    assert not [e for e in audit_events(db) if e.event == "consents:changed"]
    # the superintendent or designee holds record_consents district-wide in the pack
    client.cookies.clear()
    sign_in(client, "sid")
    token = csrf_of(client, "/prepub/consents")
    done = client.post("/prepub/consents", data={**form, "csrf_token": token})
    assert done.status_code == 200 and "Recorded: website opt-out" in done.text
    assert len([e for e in audit_events(db) if e.event == "consents:changed"]) == 1
