"""Sign-in, sign-out, sessions and CSRF through HTTP against a migrated database."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from lanyard.audit.service import verify
from lanyard.db.session import Database
from lanyard.web.app import create_app
from tests.support.district import PASSWORD, District, seed_district
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in


def test_visitor_at_root_is_sent_to_sign_in(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin"


def test_visitor_on_a_page_is_sent_to_sign_in_with_next(client: TestClient) -> None:
    response = client.get("/directory?q=sam")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/directory%3Fq%3Dsam"


def test_sign_in_page_is_accessible_shell(client: TestClient) -> None:
    page = client.get("/signin")
    assert page.status_code == 200
    assert '<meta name="viewport"' in page.text
    assert 'href="#main"' in page.text and 'id="main"' in page.text
    assert '<label for="username">' in page.text and '<label for="password">' in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_signs_in_with_password_and_audits_it(
    client: TestClient, db: Database, district: District
) -> None:
    sign_in(client, "TINA ")  # usernames are case- and space-insensitive
    home = client.get("/home")
    assert home.status_code == 200
    assert "Hello, Tina Teach" in home.text
    assert "social-media-request" in home.text  # approval on file
    assert "expires soon" in home.text  # attention provider
    assert "Sam Student" in home.text  # own disclosure
    signed_in = [e for e in audit_events(db) if e.event == "account:signed_in"]
    assert len(signed_in) == 1
    assert signed_in[0].actor_id == district.teacher
    assert signed_in[0].after == {"method": "password"}


def test_failure_is_generic_and_audited_without_the_password(
    client: TestClient, db: Database
) -> None:
    token = csrf_of(client)
    wrong = client.post(
        "/signin", data={"username": "tina", "password": "hunter2-wrong", "csrf_token": token}
    )
    unknown = client.post(
        "/signin", data={"username": "nobody", "password": "hunter2-wrong", "csrf_token": token}
    )
    assert wrong.status_code == unknown.status_code == 401
    message = "That username and password did not match."
    assert message in wrong.text and message in unknown.text
    failed = [e for e in audit_events(db) if e.event == "account:sign_in_failed"]
    assert [e.subject_id for e in failed] == ["tina", "nobody"]
    dumped = json.dumps([[e.before, e.after, e.subject_id] for e in audit_events(db)])
    assert "hunter2" not in dumped
    assert client.get("/home").status_code == 303


def test_repeated_failures_pause_the_username(client: TestClient) -> None:
    token = csrf_of(client)
    for _ in range(5):
        response = client.post(
            "/signin", data={"username": "tina", "password": "nope", "csrf_token": token}
        )
        assert response.status_code == 401
    blocked = client.post(
        "/signin", data={"username": "tina", "password": PASSWORD, "csrf_token": token}
    )
    assert blocked.status_code == 429
    assert "Too many failed sign-ins for this username" in blocked.text
    assert client.get("/home").status_code == 303
    # another username is not affected
    sign_in(client, "paula")


def test_post_without_csrf_token_is_refused_and_changes_nothing(
    client: TestClient, db: Database
) -> None:
    before = len(audit_events(db))
    response = client.post("/signin", data={"username": "tina", "password": PASSWORD})
    assert response.status_code == 403
    assert "This form has expired" in response.text
    bad = client.post(
        "/signin", data={"username": "tina", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert bad.status_code == 403
    assert len(audit_events(db)) == before
    assert client.get("/home").status_code == 303


def test_sign_out_needs_csrf_and_clears_the_session(client: TestClient, db: Database) -> None:
    sign_in(client, "tina")
    assert client.post("/signout").status_code == 403
    assert client.get("/home").status_code == 200  # still signed in
    token = csrf_of(client, "/home")
    response = client.post("/signout", data={"csrf_token": token})
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?signed_out=1"
    assert client.get("/home").status_code == 303
    assert "You have signed out." in client.get("/signin?signed_out=1").text
    assert [e.event for e in audit_events(db)][-1] == "account:signed_out"


def test_htmx_requests_may_send_the_token_as_a_header(client: TestClient) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/home")
    response = client.post("/signout", headers={"X-CSRF-Token": token, "HX-Request": "true"})
    assert response.status_code == 303


def test_session_expires_after_idle_time(client: TestClient) -> None:
    sign_in(client, "tina")
    app = client.app
    start = dt.datetime.now(dt.UTC)
    app.state.clock = lambda: start + dt.timedelta(minutes=59)  # type: ignore[attr-defined]
    assert client.get("/home").status_code == 200  # activity renews the session
    app.state.clock = lambda: start + dt.timedelta(minutes=59 + 61)  # type: ignore[attr-defined]
    response = client.get("/home")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?expired=1"
    app.state.clock = lambda: start  # type: ignore[attr-defined]
    assert client.get("/home").status_code == 303  # the session was cleared


def test_cookie_is_secure_httponly_and_lax(sqlite_url: str) -> None:
    app = create_app(make_settings(sqlite_url, secure_cookies=True))
    seed_district(app.state.services.db)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        page = client.get("/signin")
        cookie = page.headers["set-cookie"].lower()
        assert "lanyard_session=" in cookie
        assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        assert "max-age=43200" in cookie  # the absolute lifetime: 720 minutes
        sign_in(client, "tina")
    app.state.services.db.engine.dispose()


def test_next_only_follows_local_paths(client: TestClient) -> None:
    token = csrf_of(client)
    response = client.post(
        "/signin",
        data={
            "username": "tina",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "//evil.example/",
        },
    )
    assert response.headers["location"] == "/home"


@pytest.fixture
def pg_client(pg_url: str) -> Iterator[tuple[TestClient, Database, District]]:
    app = create_app(make_settings(pg_url))
    db = app.state.services.db
    district = seed_district(db)
    with TestClient(app, follow_redirects=False) as client:
        yield client, db, district
    db.engine.dispose()


def test_sign_in_flow_on_postgresql(pg_client: tuple[TestClient, Database, District]) -> None:
    client, db, district = pg_client
    token = csrf_of(client)
    failed = client.post(
        "/signin", data={"username": "paula", "password": "wrong", "csrf_token": token}
    )
    assert failed.status_code == 401
    sign_in(client, "paula")
    assert "Hello, Paula Prince" in client.get("/home").text
    assert client.get(f"/people/{district.student}").status_code == 200
    assert client.get(f"/people/{district.south_student}").status_code == 403
    token = csrf_of(client, "/home")
    assert client.post("/signout", data={"csrf_token": token}).status_code == 303
    events = [e.event for e in audit_events(db)]
    assert events == [
        "account:sign_in_failed",
        "account:signed_in",
        "person:viewed",
        "account:signed_out",
    ]
    with db.uow() as uow:
        count, problems = verify(uow.session)
    assert count == 4 and problems == []


def test_demo_district_shows_one_click_demo_sign_ins(sqlite_url: str) -> None:
    app = create_app(make_settings(sqlite_url, demo=True))
    seed_district(app.state.services.db)
    with TestClient(app, follow_redirects=False) as client:
        page = client.get("/signin")
        assert "Demo sign-ins" in page.text
        assert "Sign in as Paula Prince" in page.text and "Building Principal" in page.text
    app.state.services.db.engine.dispose()


def test_demo_sign_ins_are_hidden_outside_demo(client: TestClient) -> None:
    assert "Demo sign-ins" not in client.get("/signin").text
