"""A building principal checks her school's drafts against her buildings' students only:
the policies let building administration run a school's own posts, newsletters and class
pages (CHSD 230: class and program sites approved by the Building Principal; Naperville
203: the school newsletter, the school's webmaster, building administration informed of
social media), and she already records those students' consents. Least privilege: another
building's students are not read (their names are not looked up, a tag of one is
refused), and the page and the API say so."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import update

from lanyard.db.session import Database
from lanyard.directory.orm import Person
from lanyard.prepub.domain import school_year_of
from lanyard.prepub.orm import Consent
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, sign_in

PHOTOS = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "photos"
NOW = dt.datetime.now(dt.UTC)
DRAFT = "Congratulations to Sam Student and Sally South, our spelling bee winners!"


def _opt_out_both(db: Database, district: District) -> None:
    with db.uow(write=True) as uow:
        for person, number in ((district.student, "200101"), (district.south_student, "300101")):
            uow.session.execute(update(Person).where(Person.id == person).values(identifier=number))
            year = school_year_of(NOW.date())
            uow.session.add(Consent(student_id=person, scope="social_media", decision="opt_out",
                                    school_year=year, updated_at=NOW))  # fmt: skip
        uow.commit()


def _check(client: TestClient, token: str, **body: object) -> tuple[int, dict]:  # type: ignore[type-arg]
    response = client.post("/api/prepublish/check", headers={"X-CSRF-Token": token},
                           json={"to": "social", **body})  # fmt: skip
    return response.status_code, response.json()


def test_a_principal_checks_against_her_buildings_students_only(
    client: TestClient, district: District, db: Database
) -> None:
    _opt_out_both(db, district)
    sign_in(client, "paula")  # North's principal: record_consents for North
    home = client.get("/home").text
    assert '<a href="/prepub">Before publishing</a>' in home
    page = client.get("/prepub")
    assert page.status_code == 200
    assert "You check posts against the students of North Elementary only" in page.text
    token = csrf_of(client, "/prepub")
    code, mine = _check(client, token, text=DRAFT)
    assert code == 200 and mine["verdict"] == "unsafe"
    assert mine["scope"] == {"students": "buildings", "buildings": [district.north]}
    named = {f["student_id"] for f in mine["findings"]}
    assert named == {district.student}  # Sally (South) is not read
    code, refused = _check(client, token, text="Go team!", tags=["300101"])
    assert code == 422 and refused["detail"] == "no student '300101' in your buildings"
    photo = {"name": "h.jpg", "data": base64.b64encode((PHOTOS / "hopper.jpg").read_bytes())
             .decode(), "tags": ["300101"]}  # fmt: skip
    code, refused = _check(client, token, photos=[photo])
    assert code == 422 and refused["detail"] == "no student '300101' in your buildings"
    checked = [e for e in audit_events(db) if e.event == "prepub:checked"]
    assert checked[-1].after["buildings"] == [district.north]
    # the group e-mail check reads her buildings' families only, and says so
    bcc = client.post("/api/prepublish/bcc", headers={"X-CSRF-Token": token},
                      json={"to": "a.parent@gmail.test, b.parent@yahoo.test"})  # fmt: skip
    assert bcc.status_code == 200, bcc.text
    assert bcc.json()["verdict"] != "safe"  # two families' addresses visible to each other
    assert bcc.json()["scope"] == {"students": "buildings", "buildings": [district.north]}
    # the page's own form too
    form = client.post("/prepub/check", data={"csrf_token": token, "text": DRAFT, "to": "social"})
    verdict = form.text.split("Verdict:", 1)[1].split("<h2>A draft post</h2>", 1)[0]
    assert form.status_code == 200 and "Sam Student" in verdict and "Sally" not in verdict
    # the district-wide reader sees both, and the result says it read every student
    client.cookies.clear()
    sign_in(client, "ada")
    token = csrf_of(client, "/prepub")
    assert "You check posts against the students of" not in client.get("/prepub").text
    code, everyone = _check(client, token, text=DRAFT)
    assert {f["student_id"] for f in everyone["findings"]} == {district.student,
                                                               district.south_student}  # fmt: skip
    assert everyone["scope"] == {"students": "district"}


def test_a_teacher_still_may_not_check(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    assert client.get("/prepub").status_code == 403
