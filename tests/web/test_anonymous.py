"""Anonymous filter-disable requests (issue 10, finding 10): reached signed out at
/anonymous/requests, no session read or set, no requester field; the submission's audit
entry keeps only the day and enters the log after the day has ended, in a shuffled
batch, never beside the submitter's own sign-in; other sites cannot post the form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.approvals import anonymous
from lanyard.approvals.orm import ApprovalRequest
from lanyard.audit.orm import AuditEntry, HeldAuditEntry
from lanyard.db.session import Database
from lanyard.web.app import create_app
from tests.support.district import seed_case_handlers, seed_district
from tests.web.conftest import audit_events, make_settings, sign_in

DAY = dt.datetime(2026, 11, 3, 10, 2, 3, tzinfo=dt.UTC)
FIELDS = {
    "field_site": "https://example.org/archive",
    "field_purpose": "Primary sources for a history unit.",
}


@pytest.fixture
def wilmette(sqlite_url: str) -> Iterator[tuple[FastAPI, Database]]:
    app = create_app(make_settings(sqlite_url, pack="wilmette-39"))
    app.state.test_district = seed_district(app.state.services.db)
    yield app, app.state.services.db
    app.state.services.db.engine.dispose()


def _file(client: TestClient, **headers: str) -> int:
    response = client.post(
        "/anonymous/requests/filter-disable",
        data=FIELDS,
        headers={"Origin": "http://testserver", **headers},
    )
    return response.status_code


def test_audit_entries_keep_the_day_and_enter_the_log_after_it_in_a_batch(
    wilmette: tuple[FastAPI, Database],
) -> None:
    app, db = wilmette
    app.state.clock = lambda: DAY
    with TestClient(app, follow_redirects=False) as teacher:
        sign_in(teacher, "tina")  # the teacher signs in, then files anonymously
        signed_in = audit_events(db)[-1]
        assert signed_in.event == "account:signed_in"
        for _ in range(3):
            assert _file(teacher) == 201
    with db.uow() as uow:
        requests = uow.session.scalars(select(ApprovalRequest)).all()
        assert {r.created_at for r in requests} == {dt.datetime(2026, 11, 3, tzinfo=dt.UTC)}
        assert {r.submitted_at for r in requests} == {dt.datetime(2026, 11, 3, tzinfo=dt.UTC)}
        request_ids = {r.id for r in requests}
        held = uow.session.scalars(select(HeldAuditEntry)).all()
        assert [h.day for h in held] == [DAY.date()] * 3
    assert audit_events(db)[-1].seq == signed_in.seq  # nothing written beside the sign-in

    with db.uow(write=True) as uow:  # the same day: still held
        assert anonymous.release_held(uow=uow, now=DAY + dt.timedelta(hours=13)) == 0
    with db.uow(write=True) as uow:
        released = anonymous.release_held(uow=uow, now=DAY + dt.timedelta(hours=15))
        assert released == 3
    entries = [e for e in audit_events(db) if e.event == "request:submitted"]
    assert len(entries) == 3
    assert {e.at for e in entries} == {dt.datetime(2026, 11, 3, tzinfo=dt.UTC)}  # the day
    assert {e.actor_id for e in entries} == {None}
    assert {e.subject_id for e in entries} == request_ids
    assert min(e.seq for e in entries) > signed_in.seq
    with db.uow() as uow:
        assert uow.session.scalars(select(HeldAuditEntry)).all() == []
        again = anonymous.release_held(uow=uow, now=DAY + dt.timedelta(days=2))
        assert again == 0


def test_the_pages_use_no_session_even_in_a_signed_in_browser(
    wilmette: tuple[FastAPI, Database],
) -> None:
    app, db = wilmette
    with TestClient(app, follow_redirects=False) as client:
        anonymous_page = client.get("/anonymous/requests")
        assert anonymous_page.status_code == 200
        assert "set-cookie" not in anonymous_page.headers
        assert "What Lanyard keeps" in anonymous_page.text
        sign_in(client, "tina")
        cookie = client.cookies.get("lanyard_session")
        page = client.get("/anonymous/requests/filter-disable")
        assert "set-cookie" not in page.headers
        assert "Signed in as" not in page.text and "ignores any Lanyard sign-in" in page.text
        assert "Requester" not in page.text
        assert _file(client) == 201
        assert client.cookies.get("lanyard_session") == cookie
    assert client.get("/requests/anonymous").headers["location"] == "/anonymous/requests"


def test_the_approver_is_not_offered_may_i_limits_for_an_anonymous_request(
    wilmette: tuple[FastAPI, Database],
) -> None:
    """The decision form offered "when Anonymous asks Lanyard 'May I?'" limits and said it
    shows the conditions "to Anonymous": an anonymous requester never asks as themself."""
    app, db = wilmette
    seed_case_handlers(db, app.state.test_district)  # Sid, the superintendent or designee
    with TestClient(app, follow_redirects=False) as client:
        assert _file(client) == 201
        with db.uow() as uow:
            request_id = uow.session.scalars(select(ApprovalRequest.id)).one()
        sign_in(client, "sid")
        page = client.get(f"/requests/{request_id}")
    assert page.status_code == 200 and "Your decision" in page.text
    assert "Limits of the approval" not in page.text and "Anonymous asks" not in page.text
    assert "the anonymous requester, on the page of their private link," in page.text


def test_another_site_cannot_post_the_form(wilmette: tuple[FastAPI, Database]) -> None:
    app, db = wilmette
    with TestClient(app, follow_redirects=False) as client:
        assert _file(client, Origin="https://evil.example") == 403
        assert _file(client, **{"Sec-Fetch-Site": "cross-site"}) == 403
        no_origin = client.post("/anonymous/requests/filter-disable", data=FIELDS)
        assert no_origin.status_code == 403
        assert _file(client, **{"Sec-Fetch-Site": "same-origin"}) == 201
    with db.uow() as uow:
        assert len(uow.session.scalars(select(ApprovalRequest)).all()) == 1
        assert uow.session.scalars(select(AuditEntry)).all() is not None


def test_the_approver_sees_an_anonymous_request_only_after_its_day(
    wilmette: tuple[FastAPI, Database],
) -> None:
    """Listed at once, a request could be placed next to whoever had just signed out; the
    page promises "the person who decides is told the next day"."""
    _, db = wilmette
    # the same database, served in a US district's zone
    app = create_app(
        make_settings(str(db.engine.url), pack="wilmette-39", time_zone="America/Chicago")
    )
    seed_case_handlers(db, wilmette[0].state.test_district)  # sid: superintendent_or_designee
    app.state.clock = lambda: DAY
    with TestClient(app, follow_redirects=False) as client:
        assert _file(client) == 201
        sign_in(client, "sid")
        for path in ("/requests", "/home"):
            assert "Request to disable the Internet filter" not in client.get(path).text, path
        assert client.get("/api/requests").json()["queue"] == []
        app.state.clock = lambda: DAY + dt.timedelta(hours=14)  # the next day (UTC)
        sign_in(client, "sid")  # the session of the day before has lapsed
        listed = client.get("/requests").text
        assert "Request to disable the Internet filter" in listed
        # submitted "Nov 3": its UTC day, the only time kept (not 00:00 UTC shown in the
        # district's zone, which is the evening of Nov 2 in Chicago)
        assert "Nov 3, 2026" in listed and "Nov 2, 2026" not in listed
        assert len(client.get("/api/requests").json()["queue"]) == 1
    app.state.services.db.engine.dispose()
