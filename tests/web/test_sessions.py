"""Server-side sessions (issue 10, finding 3): a cookie replayed after sign-out signs
nobody in, "sign out everywhere" ends the other browsers' sessions, deactivation and role
changes by an import end a person's sessions, the cookie is not re-sent on every
response, sessions end after their absolute lifetime, and HTTPS deployments get Secure
cookies and HSTS. Against SQLite, PostgreSQL and Redis."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from starlette.types import Receive, Scope, Send

from lanyard.auth.orm import WebSession
from lanyard.auth.sessions import hash_session_id
from lanyard.db.session import Database
from lanyard.directory.orm import Person
from lanyard.directory.service import import_oneroster
from lanyard.web.app import SecurityHeaders, create_app
from tests.support.district import District, seed_district
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in

FIXTURES = Path(__file__).parents[1] / "fixtures" / "oneroster" / "v1p1"
COOKIE = "lanyard_session"


def _new_client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url="http://testserver", follow_redirects=False)


def _sign_out(client: TestClient) -> None:
    token = csrf_of(client, "/home")
    assert client.post("/signout", data={"csrf_token": token}).status_code == 303


def _replay_after_sign_out(app: FastAPI) -> None:
    with _new_client(app) as client:
        sign_in(client, "tina")
        stolen = client.cookies.get(COOKIE)
        assert stolen
        _sign_out(client)
    with _new_client(app) as attacker:
        attacker.cookies.set(COOKIE, stolen)
        response = attacker.get("/home")
        assert response.status_code == 303
        assert response.headers["location"].startswith("/signin")
        assert attacker.get("/api/requests").status_code == 401


def test_a_cookie_replayed_after_sign_out_gets_the_sign_in_page(
    app: FastAPI, district: District
) -> None:
    _replay_after_sign_out(app)


def test_the_cookie_carries_only_a_random_id_kept_hashed(
    client: TestClient, db: Database, district: District
) -> None:
    sign_in(client, "tina")
    value = client.cookies.get(COOKIE)
    assert value and district.teacher not in value and "." not in value
    with db.uow() as uow:
        rows = uow.session.scalars(select(WebSession)).all()
        assert [r.id_hash for r in rows] == [hash_session_id(value)]
        assert rows[0].person_id == district.teacher
        assert value not in str(rows[0].data)


def test_a_malformed_cookie_of_another_site_beside_it_does_not_sign_you_out(
    app: FastAPI, district: District
) -> None:
    """Another page on the district's domain may set a cookie that is not well formed (a
    space in its value): the browser still sends it, and the session cookie beside it
    still counts (Python's SimpleCookie gave up on the whole header: signed out)."""
    signed_in = _new_client(app)
    sign_in(signed_in, "tina")
    value = signed_in.cookies.get(COOKIE)
    browser = _new_client(app)
    for cookies in (f"theme=dark mode; {COOKIE}={value}", f'x="open; {COOKIE}={value}'):
        home = browser.get("/home", headers={"Cookie": cookies})
        assert home.status_code == 200 and "Tina" in home.text, cookies


def test_ordinary_responses_do_not_re_send_the_cookie(client: TestClient) -> None:
    sign_in(client, "tina")
    for path in ("/home", "/home", "/requests"):
        response = client.get(path)
        assert response.status_code == 200
        assert "set-cookie" not in response.headers, path


def test_sign_in_gives_a_new_session_id(client: TestClient) -> None:
    client.get("/signin")
    before = client.cookies.get(COOKIE)
    sign_in(client, "tina")
    assert before and client.cookies.get(COOKIE) != before


def test_a_session_ends_after_its_absolute_lifetime_however_busy(
    client: TestClient, app: FastAPI
) -> None:
    # idle 60 minutes (the tests' setting), lifetime 720: a request every 50 minutes
    sign_in(client, "tina")
    start = dt.datetime.now(dt.UTC)
    for step in range(1, 15):  # up to 700 minutes after sign-in
        app.state.clock = lambda step=step: start + dt.timedelta(minutes=50 * step)
        assert client.get("/home").status_code == 200, step
    app.state.clock = lambda: start + dt.timedelta(minutes=721)
    response = client.get("/home")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?expired=1"


def test_sign_out_everywhere_ends_every_browser_and_is_audited(
    app: FastAPI, db: Database, district: District
) -> None:
    with _new_client(app) as laptop, _new_client(app) as phone:
        sign_in(laptop, "tina")
        phone.headers["user-agent"] = (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1"
        )
        sign_in(phone, "tina")
        page = laptop.get("/account/sessions")
        assert page.status_code == 200
        assert "Safari on iPhone" in page.text and "(this browser)" in page.text
        assert page.text.count("<tr") == 3  # the header and two sessions
        token = csrf_of(laptop, "/account/sessions")
        done = laptop.post("/account/sessions/sign-out-everywhere", data={"csrf_token": token})
        assert done.status_code == 303
        assert done.headers["location"] == "/signin?signed_out=everywhere"
        assert phone.get("/home").status_code == 303
        assert laptop.get("/home").status_code == 303
    revoked = [e for e in audit_events(db) if e.event == "session:revoked"]
    assert revoked[-1].subject_id == district.teacher
    assert revoked[-1].after == {"reason": "signed out everywhere", "sessions": 2}


def test_an_import_that_deactivates_or_changes_a_role_ends_the_sessions(
    app: FastAPI, db: Database, district: District
) -> None:
    with db.uow() as uow:  # Tina is not in the export; Steve comes back as an aide
        uow.session.execute(
            update(Person).where(Person.id == district.teacher).values(sourced_id="u-gone")
        )
        uow.session.execute(
            update(Person).where(Person.id == district.south_teacher).values(sourced_id="u-x-1950")
        )
        uow.commit()
    with _new_client(app) as tina, _new_client(app) as steve, _new_client(app) as paula:
        sign_in(tina, "tina")
        sign_in(steve, "steve")
        sign_in(paula, "paula")
        with db.uow(write=True) as uow:
            import_oneroster(
                uow=uow,
                path=FIXTURES,
                dry_run=False,
                now=dt.datetime.now(dt.UTC),
                confirmed_deactivations=1,  # 1 of 6 is over the 5 % threshold: typed
            )
        assert tina.get("/home").status_code == 303
        assert steve.get("/home").status_code == 303
        assert paula.get("/home").status_code == 200  # untouched by the import
    reasons = {
        e.subject_id: e.after["reason"] for e in audit_events(db) if e.event == "session:revoked"
    }
    assert reasons == {
        district.teacher: "account deactivated",
        district.south_teacher: "role changed",
    }


def test_https_public_url_gives_secure_cookies_and_hsts(sqlite_url: str) -> None:
    app = create_app(make_settings(sqlite_url, public_url="https://lanyard.example.org"))
    seed_district(app.state.services.db)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        page = client.get("/signin")
        assert "; secure" in page.headers["set-cookie"].lower()
        assert page.headers["strict-transport-security"].startswith("max-age=31536000")
    app.state.services.db.engine.dispose()


def test_plain_http_has_no_hsts(client: TestClient) -> None:
    page = client.get("/signin")
    assert "strict-transport-security" not in page.headers
    assert "secure" not in page.headers["set-cookie"].lower()


def test_every_page_carries_the_security_headers_and_static_files_may_be_cached(
    client: TestClient,
) -> None:
    page = client.get("/signin")
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert len(page.headers.get_list("x-frame-options")) == 1
    missing = client.get("/no-such-page")
    assert missing.status_code == 404 and missing.headers["x-frame-options"] == "DENY"
    static = client.get("/static/lanyard.css")
    assert static.status_code == 200
    assert static.headers["x-content-type-options"] == "nosniff"
    assert "no-store" not in static.headers.get("cache-control", "")


def test_a_header_the_page_set_itself_is_kept_once() -> None:
    """The security headers are added after a page's own; a page's own value of one of
    them (its name in any case) wins and is not doubled."""

    async def page(scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"Cache-Control", b"private"), (b"x-own", b"1")],
            }
        )
        await send({"type": "http.response.body", "body": b"ok"})

    answer = TestClient(SecurityHeaders(page, https=True)).get("/anything")
    assert answer.headers.get_list("cache-control") == ["private"]
    assert answer.headers["x-own"] == "1"
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["strict-transport-security"].startswith("max-age=")
    names = [name.lower() for name, _ in answer.headers.raw]
    assert names.index(b"x-own") < names.index(b"x-frame-options")  # the page's first


# ------------------------------------------------------------- PostgreSQL and Redis


def test_replay_after_sign_out_is_refused_on_postgresql(pg_url: str) -> None:
    app = create_app(make_settings(pg_url))
    seed_district(app.state.services.db)
    try:
        _replay_after_sign_out(app)
    finally:
        app.state.services.db.engine.dispose()


@pytest.fixture
def redis_url() -> Iterator[str]:
    url = os.environ.get("LANYARD_TEST_REDIS_URL")
    if not url:
        pytest.skip("LANYARD_TEST_REDIS_URL is not set")
    import redis

    client = redis.Redis.from_url(url)
    yield url
    for key in client.scan_iter("lanyard:*session*"):
        client.delete(key)


def test_sessions_in_redis_are_revoked_too(sqlite_url: str, redis_url: str, tmp_path: Path) -> None:
    app = create_app(make_settings(sqlite_url, session_redis_url=redis_url))
    db = app.state.services.db
    district = seed_district(db)
    try:
        _replay_after_sign_out(app)
        with _new_client(app) as one, _new_client(app) as two:
            sign_in(one, "tina")
            sign_in(two, "tina")
            with db.uow() as uow:
                assert uow.session.scalars(select(WebSession)).all() == []  # all in Redis
            token = csrf_of(one, "/account/sessions")
            one.post("/account/sessions/sign-out-everywhere", data={"csrf_token": token})
            assert two.get("/home").status_code == 303
        revoked = [e for e in audit_events(db) if e.event == "session:revoked"]
        assert revoked[-1].subject_id == district.teacher
        assert revoked[-1].after == {"reason": "signed out everywhere", "sessions": 2}
    finally:
        db.engine.dispose()
