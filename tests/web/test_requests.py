"""Requests, approvals and disclosures over HTTP (chsd-230: the Building Principal approves
social media requests and hears of relationships): pages, refusals, the printable record,
the JSON API, and an anonymous filter-disable request (wilmette-39) that stores nothing
identifying."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text, update

from lanyard.approvals.orm import ApprovalRequest
from lanyard.audit.orm import AuditEntry
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile, RelationshipDisclosure
from lanyard.notify.orm import Notification
from lanyard.web.app import create_app
from tests.support.district import District, seed_case_handlers, seed_district
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in

SOCIAL = {
    "field_activity": "Robotics club",
    "field_platform": "Instagram",
    "field_purpose": "Share build-season photos with families.",
}


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, pack="chsd-230")


@pytest.fixture
def fresh(db: Database, district: District) -> District:
    """Tina's seeded approval revoked: her requests start from nothing on file."""
    with db.uow() as uow:
        uow.session.execute(update(ApprovalOnFile).values(revoked=True))
        uow.commit()
    return district


def _file(client: TestClient, **fields: str) -> str:
    token = csrf_of(client, "/requests/new/social-media-request")
    response = client.post(
        "/requests/new/social-media-request",
        data={**SOCIAL, **fields, "intent": "submit", "csrf_token": token},
    )
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[1]


def _decide(client: TestClient, rid: str, **data: str) -> TestClient:
    token = csrf_of(client, f"/requests/{rid}")
    return client.post(f"/requests/{rid}/decide", data={**data, "csrf_token": token})


def test_teacher_files_and_the_principal_approves_with_a_printable_record(
    client: TestClient, db: Database, fresh: District
) -> None:
    sign_in(client, "tina")
    page = client.get("/requests/new").text
    assert "Social Media Request Form" in page and "Building Principal" in page
    rid = _file(client)
    assert "Waiting for a decision" in client.get(f"/requests/{rid}").text
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})

    sign_in(client, "paula")
    home = client.get("/home").text
    assert "A request awaits your decision" in home
    queue = client.get("/requests").text
    assert "Awaiting your decision (1)" in queue and "Tina Teach" in queue
    # the pack's name for her role, not its id ("As building principal for the building")
    assert "As Building Principal or designee for the building you decide this request" in (
        client.get(f"/requests/{rid}").text
    )
    response = _decide(client, rid, intent="approve", conditions="Sponsors post only.")
    assert response.status_code == 303
    record = client.get(f"/requests/{rid}/record").text
    assert "Written approval: Social Media Request Form" in record
    assert "Paula Prince (Building Principal or designee)" in record
    assert "Sponsors post only." in record
    assert "@media print" in client.get("/static/lanyard.css").text
    with db.uow() as uow:
        approval = uow.session.scalars(
            select(ApprovalOnFile).where(ApprovalOnFile.revoked.is_(False))
        ).one()
        assert approval.person_id == fresh.teacher and approval.form == "social-media-request"
    events = [e.event for e in audit_events(db)]
    assert "request:submitted" in events and "request:approved" in events
    assert "request:viewed" in events  # the approver's read of the request


def test_the_approver_ticks_limits_that_are_kept_shown_and_checked(
    client: TestClient, db: Database, fresh: District
) -> None:
    sign_in(client, "tina")
    rid = _file(client)
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "paula")
    page = client.get(f"/requests/{rid}").text
    assert 'name="limits" value="group_only"' in page
    assert "Sending from district accounts only" in page
    token = csrf_of(client, f"/requests/{rid}")
    tampered = client.post(
        f"/requests/{rid}/decide",
        data={"intent": "approve", "limits": ["group_only", "anything_goes"], "csrf_token": token},
    )
    assert tampered.status_code == 409
    assert "anything_goes is not a limit Lanyard can check" in tampered.text
    response = client.post(
        f"/requests/{rid}/decide",
        data={
            "intent": "approve",
            "limits": ["district_account_only", "district_business_only"],
            "conditions": "Sponsors post only.",
            "csrf_token": token,
        },
    )
    assert response.status_code == 303
    detail = client.get(f"/requests/{rid}").text
    assert "Limits (Lanyard checks them)" in detail
    assert "Sending from district accounts only" in detail
    record = client.get(f"/requests/{rid}/record").text
    assert "District business only" in record and "Sponsors post only." in record
    with db.uow() as uow:
        approval = uow.session.scalars(
            select(ApprovalOnFile).where(ApprovalOnFile.revoked.is_(False))
        ).one()
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None
        assert approval.limits == req.limits == ["district_business_only", "district_account_only"]
    approved = next(e for e in audit_events(db) if e.event == "request:approved")
    assert approved.after is not None
    assert approved.after["limits"] == ["district_business_only", "district_account_only"]

    # What Tina is told: a club account from her district account is covered, with the
    # principal's words as a duty; from her own account the approval does not count.
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "tina")
    club = {
        "action": "create_account",
        "purpose": "district_business",
        "medium": "social_post",
        "platform": "instagram",
        "device": "district",
        "network": "district",
        "on_duty": "yes",
    }
    token = csrf_of(client, "/may-i")
    district_account = client.post(
        "/may-i", data={**club, "account": "district", "csrf_token": token}
    ).text
    assert "Social Media Request Form</em>) covers this" in district_account
    assert '<q class="value">Sponsors post only.</q>' in district_account
    own = client.post("/may-i", data={**club, "account": "personal", "csrf_token": token}).text
    assert "covers this" not in own
    assert "is for sending from district accounts only; this is from your own account" in own
    assert "Sponsors post only." not in own


def test_missing_field_shows_the_form_again_naming_it(
    client: TestClient, db: Database, fresh: District
) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/requests/new/social-media-request")
    response = client.post(
        "/requests/new/social-media-request",
        data={"field_activity": "Chess", "intent": "submit", "csrf_token": token},
    )
    assert response.status_code == 422
    assert 'href="#field_platform"' in response.text
    assert "is required" in response.text
    assert 'value="Chess"' in response.text  # nothing typed is lost
    assert "Not sent and nothing was saved" in response.text
    with db.uow() as uow:
        left = uow.session.scalars(select(ApprovalRequest)).all()
    assert left == [], "a send that failed leaves no silent draft behind"
    # "Save as draft" with the same values still keeps a draft
    token = csrf_of(client, "/requests/new/social-media-request")
    saved = client.post(
        "/requests/new/social-media-request",
        data={"field_activity": "Chess", "intent": "save", "csrf_token": token},
    )
    assert saved.status_code == 303


def test_tampered_form_is_refused_and_nothing_is_stored(
    client: TestClient, db: Database, fresh: District
) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/requests/new/social-media-request")
    response = client.post(
        "/requests/new/social-media-request",
        data={**SOCIAL, "field_approved_by": "paula", "intent": "submit", "csrf_token": token},
    )
    assert response.status_code == 422
    assert "is not a field of this form" in response.text
    with db.uow() as uow:
        assert uow.session.scalars(select(ApprovalRequest)).first() is None


def test_other_teacher_and_teacher_deciding_get_the_same_403(
    client: TestClient, fresh: District
) -> None:
    sign_in(client, "tina")
    rid = _file(client)
    response = _decide(client, rid, intent="approve")
    assert response.status_code == 409  # her own request: she sees it, and is told why not
    # the approver by the pack's name for the role, as the policy writes it (not its id)
    assert "only the Building Principal or designee decides this request" in response.text
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "steve")
    assert client.get(f"/requests/{rid}").status_code == 403
    assert client.get("/requests/" + "0" * 32).status_code == 403


def test_double_approval_is_refused_with_a_clear_message(
    client: TestClient, fresh: District
) -> None:
    sign_in(client, "tina")
    rid = _file(client)
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "paula")
    assert _decide(client, rid, intent="approve").status_code == 303
    second = _decide(client, rid, intent="approve")
    assert second.status_code == 409
    assert "already approved" in second.text


def test_deny_without_a_reason_is_refused(client: TestClient, fresh: District) -> None:
    sign_in(client, "tina")
    rid = _file(client)
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "paula")
    response = _decide(client, rid, intent="deny", reason="")
    assert response.status_code == 409 and "reason: is required" in response.text
    assert "Waiting for a decision" in response.text


def test_the_json_api_files_lists_and_decides(
    client: TestClient, db: Database, fresh: District
) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/requests")
    headers = {"X-CSRF-Token": token}
    bad = client.post(
        "/api/requests",
        json={"form_id": "social-media-request", "values": {"platform": "X"}, "submit": True},
        headers=headers,
    )
    assert bad.status_code == 422
    assert {p["field"] for p in bad.json()["detail"]} == {"activity", "purpose"}
    assert client.get("/api/requests").json()["mine"] == [], "a refused send keeps no draft"
    values = {k.removeprefix("field_"): v for k, v in SOCIAL.items()}
    made = client.post(
        "/api/requests",
        json={"form_id": "social-media-request", "values": values, "submit": True},
        headers=headers,
    )
    assert made.status_code == 201, made.text
    rid = made.json()["id"]
    assert client.get("/api/requests").json()["mine"][0]["state"] == "submitted"
    client.post("/signout", data={"csrf_token": token})
    sign_in(client, "paula")
    headers = {"X-CSRF-Token": csrf_of(client, "/requests")}
    assert client.get("/api/requests").json()["queue"][0]["id"] == rid
    denied = client.post(
        f"/api/requests/{rid}/deny", json={"reason": "Use Canvas."}, headers=headers
    )
    assert denied.json()["state"] == "denied"
    again = client.post(f"/api/requests/{rid}/approve", json={}, headers=headers)
    assert again.status_code == 409 and "denied" in again.json()["detail"]
    assert "/api/requests" in client.get("/api/openapi.json").json()["paths"]


def test_disclosure_tells_the_building_principal_without_the_students_name_in_mail(
    client: TestClient, db: Database, fresh: District
) -> None:
    sign_in(client, "tina")
    page = client.get("/disclosures", params={"q": "sally"}).text
    assert "No student of your building matches" in page  # South's student is not offered
    page = client.get("/disclosures", params={"q": "sam"}).text
    assert "Sam Student" in page
    token = csrf_of(client, "/disclosures")
    # Sam is already on file (seeded): withdraw it first, then record it again
    with db.uow() as uow:
        seeded = uow.session.scalars(select(RelationshipDisclosure.id)).one()
    dup = client.post(
        "/disclosures",
        data={"q": "sam", "student_id": fresh.student, "kind": "community", "csrf_token": token},
    )
    assert dup.status_code == 422 and "already on file" in dup.text
    client.post(f"/disclosures/{seeded}/withdraw", data={"csrf_token": token})
    other = client.post(
        "/disclosures",
        data={"q": "x", "student_id": fresh.south_student, "kind": "familial", "csrf_token": token},
    )
    assert other.status_code == 422 and "a student of your building" in other.text
    made = client.post(
        "/disclosures",
        data={
            "q": "sam",
            "student_id": fresh.student,
            "kind": "community",
            "description": "I coach his Little League team.",
            "csrf_token": token,
        },
    )
    assert made.status_code == 303
    did = made.headers["location"].rsplit("/", 1)[1]
    with db.uow() as uow:
        told = uow.session.scalars(
            select(Notification).where(Notification.kind == "disclosure")
        ).all()
        assert [n.person_id for n in told] == [fresh.principal]
        assert "Sam" not in told[0].subject and "Sam" not in told[0].body
    client.post("/signout", data={"csrf_token": token})
    sign_in(client, "paula")
    assert "Tina Teach" in client.get("/disclosures").text
    detail = client.get(f"/disclosures/{did}").text
    assert "Sam Student" in detail and "Little League" in detail
    assert "disclosure:viewed" in [e.event for e in audit_events(db)]
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "steve")
    assert client.get(f"/disclosures/{did}").status_code == 403


# ------------------------------------------------------------------------------ anonymous


@pytest.fixture
def wilmette(sqlite_url: str) -> Iterator[tuple[TestClient, Database, District]]:
    app = create_app(make_settings(sqlite_url.replace(".sqlite3", "-w.sqlite3")))
    from lanyard.db.migrate import upgrade

    upgrade(app.state.services.settings.database_url)
    database: Database = app.state.services.db
    seeded = seed_district(database)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c, database, seeded
    database.engine.dispose()


def test_anonymous_filter_disable_request_stores_nothing_identifying(
    wilmette: tuple[TestClient, Database, District],
) -> None:
    client, db, district = wilmette
    form = client.get("/anonymous/requests/filter-disable")
    assert form.status_code == 200  # no sign-in needed
    assert "set-cookie" not in form.headers  # and no session begun
    assert "Requester" not in form.text  # no field that asks who you are
    filed = client.post(
        "/anonymous/requests/filter-disable",
        data={
            "field_site": "https://example.org/research",
            "field_purpose": "Bona fide research on online extremism for a civics unit.",
        },
        headers={
            "User-Agent": "TinaBrowser/1.0",
            "X-Forwarded-For": "203.0.113.7",
            "Origin": "http://testserver",
        },
    )
    assert filed.status_code == 201
    assert "set-cookie" not in filed.headers
    link = re.search(r'href="(http://testserver/anonymous/follow/[^"]+)"', filed.text)
    assert link
    private = link.group(1).rsplit("/", 1)[1]
    status = client.get(f"/anonymous/follow/{private}")
    assert status.status_code == 200 and "Waiting for a decision" in status.text
    assert client.get("/anonymous/follow/not-a-token").status_code == 404
    assert client.get(f"/requests/anonymous/follow/{private}").headers["location"] == (
        f"/anonymous/follow/{private}"  # links given out before still lead there
    )

    with db.uow() as uow:
        req = uow.session.scalars(select(ApprovalRequest)).one()
        rid = req.id
        assert req.requester_id is None and req.building_id is None
        assert req.anonymous_token_hash and req.anonymous_token_hash != private
        # nothing anywhere in the database holds the token, the address, the browser or
        # a session
        assert client.cookies.get("lanyard_session") is None
        needles = [private, "203.0.113.7", "TinaBrowser", "testclient"]
        dump = []
        for table in inspect(uow.session.get_bind()).get_table_names():
            for row in uow.session.execute(text(f'SELECT * FROM "{table}"')):
                dump.append(" ".join(str(v) for v in row))
        everything = "\n".join(dump)
        for needle in needles:
            assert needle not in everything, needle
        # the submission's audit entry is held until the day has ended
        assert not uow.session.scalars(
            select(AuditEntry).where(AuditEntry.event == "request:submitted")
        ).all()

    # the designee decides it like any other request
    sign_in(client, "ada")  # ada holds no superintendent role here: she cannot see it
    assert client.get(f"/requests/{rid}").status_code == 403


def test_a_decided_request_leaves_the_approvers_home_page(
    client: TestClient, db: Database, fresh: District
) -> None:
    """The approver's "new request" notification goes once the request is decided; the
    requester's notice of the decision stays until read."""
    sign_in(client, "tina")
    rid = _file(client)
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "paula")
    with db.uow() as uow:
        told = uow.session.scalars(
            select(Notification.id).where(Notification.person_id == fresh.principal)
        ).all()
    assert told, "the approver was told of the request"
    assert all(f"/notifications/{n}/open" in client.get("/home").text for n in told)
    assert _decide(client, rid, intent="approve").status_code == 303
    home = client.get("/home").text
    assert not any(f"/notifications/{n}/open" in home for n in told)
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "tina")
    assert "/notifications/" in client.get("/home").text


def test_a_request_awaiting_a_decision_is_one_item_on_the_approvers_home_page(
    client: TestClient, db: Database, fresh: District
) -> None:
    """The notification ("A request awaits your decision: …") and the queue's count ("1
    request awaiting your decision") were two items for one request: one now, naming the
    request and who sent it, opened through the notification."""
    sign_in(client, "tina")
    rid = _file(client)
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "paula")
    found = re.search(r'<ul class="attention">(.*?)</ul>', client.get("/home").text, re.S)
    assert found
    about = [item for item in found.group(1).split("<li")[1:] if "request" in item.lower()]
    assert len(about) == 1, about
    assert "A request awaits your decision" in about[0]
    assert "Social Media Request Form, from Tina Teach" in about[0]
    href = re.search(r'href="([^"]+)"', about[0]).group(1)  # type: ignore[union-attr]
    assert client.get(href).headers["location"] == f"/requests/{rid}"


def test_a_request_returned_for_changes_is_on_the_requesters_home_page(
    client: TestClient, fresh: District
) -> None:
    """The requester's home page names a request the approver returned, and only that one:
    one still waiting for a decision is not a thing for the requester to do."""
    sign_in(client, "tina")
    _file(client)  # still waiting for a decision
    returned = _file(client)
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})
    sign_in(client, "paula")
    assert (
        _decide(client, returned, intent="return", reason="Name the club's advisor.").status_code
        == 303
    )
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "tina")
    found = re.search(r'<ul class="attention">(.*?)</ul>', client.get("/home").text, re.S)
    assert found
    items = [i for i in found.group(1).split("<li")[1:] if "Your request was returned" in i]
    assert len(items) == 1, items
    href = re.search(r'href="([^"]+)"', items[0]).group(1)  # type: ignore[union-attr]
    opened = client.get(href)
    assert opened.headers.get("location", href) == f"/requests/{returned}"


def test_a_role_the_pack_names_with_its_own_article_reads_as_english(
    wilmette: tuple[TestClient, Database, District],
) -> None:
    """wilmette-39 names the software approver "A member of the District's technology
    staff": the request page said "The A member of … (not yet decided)"."""
    client, _db, _district = wilmette
    sign_in(client, "tina")
    token = csrf_of(client, "/requests/new/software-install")
    filed = client.post(
        "/requests/new/software-install",
        data={
            "field_material": "GeoGebra Classic",
            "field_device": "Classroom laptop cart",
            "field_purpose": "Graphing lessons in Algebra II.",
            "intent": "submit",
            "csrf_token": token,
        },
    )
    assert filed.status_code == 303, filed.text
    page = client.get(filed.headers["location"])
    assert page.status_code == 200
    text_of_page = re.sub(r"\s+", " ", page.text)
    assert "A member of the District&#39;s technology staff (not yet decided)" in text_of_page
    assert "The A member" not in text_of_page and "the A member" not in text_of_page


def test_a_game_request_offers_its_approver_no_message_limits(
    wilmette: tuple[TestClient, Database, District],
) -> None:
    """wilmette-39's supervisor approving a game was offered "Groups only, not one student"
    and four other limits about messages: a game's "May I?" question has no recipients,
    so a ticked limit could never hold (and the approval would never count)."""
    client, db, district = wilmette
    seed_case_handlers(db, district)  # Sue, North's supervisor, authorizes games
    sign_in(client, "tina")
    token = csrf_of(client, "/requests/new/games")
    filed = client.post(
        "/requests/new/games",
        data={
            "field_game": "Kahoot! review game",
            "field_purpose": "End-of-unit review in fourth-grade science.",
            "intent": "submit",
            "csrf_token": token,
        },
    )
    assert filed.status_code == 303, filed.text
    rid = filed.headers["location"].rsplit("/", 1)[1]
    client.post("/signout", data={"csrf_token": csrf_of(client, "/requests")})

    sign_in(client, "sue")
    page = client.get(f"/requests/{rid}").text
    assert "Your decision" in page and "Conditions of the approval" in page
    assert "Limits of the approval" not in page and 'name="limits"' not in page
    tampered = _decide(client, rid, intent="approve", limits="group_only")
    assert tampered.status_code == 409
    assert "not a limit of this kind of request" in tampered.text
    assert _decide(client, rid, intent="approve").status_code == 303
    with db.uow() as uow:
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None and req.state == "approved" and req.limits == []
