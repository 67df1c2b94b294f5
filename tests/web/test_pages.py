"""Directory, person pages and the audit log, under permissions."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text, update

from lanyard.audit.orm import AuditEntry
from lanyard.db.session import Database
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, sign_in


def test_principal_cannot_open_another_buildings_person_and_learns_nothing(
    client: TestClient, db: Database, district: District
) -> None:
    sign_in(client, "paula")
    other = client.get(f"/people/{district.south_student}")
    missing = client.get("/people/0123456789abcdef0123456789abcdef")
    assert other.status_code == missing.status_code == 403
    assert other.text == missing.text
    assert "Sally" not in other.text
    assert "person:viewed" not in [e.event for e in audit_events(db)]


def test_principal_opens_a_student_of_their_building_and_it_is_audited(
    client: TestClient, db: Database, district: District
) -> None:
    sign_in(client, "paula")
    page = client.get(f"/people/{district.student}")
    assert page.status_code == 200
    assert "Sam Student" in page.text and "North Elementary" in page.text
    viewed = [e for e in audit_events(db) if e.event == "person:viewed"]
    assert len(viewed) == 1
    assert viewed[0].actor_id == district.principal
    assert viewed[0].subject_id == district.student
    assert viewed[0].building_id == district.north


def test_directory_search_is_scoped_to_the_principals_building(
    client: TestClient, district: District
) -> None:
    sign_in(client, "paula")
    page = client.get("/directory?q=")
    assert "Sam Student" in page.text and "Tina Teach" in page.text
    assert "Sally" not in page.text and "Steve" not in page.text
    assert "Sam Student" in client.get("/directory?q=sam").text
    assert "No one found" in client.get("/directory?q=south").text


def test_teacher_sees_only_themself(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    page = client.get("/directory?q=")
    assert "Tina Teach" in page.text
    assert "Sam Student" not in page.text and "Paula" not in page.text
    assert "only yourself" in page.text
    assert client.get(f"/people/{district.student}").status_code == 403
    assert client.get(f"/people/{district.teacher}").status_code == 200


def test_admin_sees_the_district_and_htmx_gets_the_results_fragment(
    client: TestClient, district: District
) -> None:
    sign_in(client, "ada")
    page = client.get("/directory?q=south", headers={"HX-Request": "true"})
    assert "Sally South" in page.text and "Steve South" in page.text
    assert "<html" not in page.text
    assert client.get(f"/people/{district.south_student}").status_code == 200


def test_nav_shows_only_the_links_the_person_may_use(client: TestClient) -> None:
    sign_in(client, "tina")
    home = client.get("/home").text
    assert 'href="/directory"' in home and 'href="/audit"' not in home
    assert 'href="/prepub"' not in home  # the check reads every student's consents
    assert "Sign out" in home
    token = csrf_of(client, "/home")
    client.post("/signout", data={"csrf_token": token})
    sign_in(client, "ada")
    home = client.get("/home").text
    assert 'href="/audit"' in home
    assert '<a href="/prepub">Before publishing</a>' in home


def test_only_administrators_read_the_audit_log(client: TestClient) -> None:
    sign_in(client, "paula")
    assert client.get("/audit").status_code == 403
    token = csrf_of(client, "/home")
    assert client.post("/audit/verify", data={"csrf_token": token}).status_code == 403


def test_audit_log_filters_and_verifies(client: TestClient, db: Database) -> None:
    token = csrf_of(client)
    client.post("/signin", data={"username": "tina", "password": "x", "csrf_token": token})
    sign_in(client, "ada")
    page = client.get("/audit?event=account:sign_in_failed")
    assert page.status_code == 200
    assert "account:sign_in_failed" in page.text and ">tina</code>" in page.text
    body = page.text.split("<tbody>")[1]
    assert "Sign-in refused" in body and "Username" in body  # in words, the name kept
    assert "Ada Admin" not in page.text.split("<tbody>")[1]
    by_actor = client.get("/audit?actor=ada").text.split("<tbody>")[1]
    assert "account:signed_in" in by_actor and "sign_in_failed" not in by_actor
    future = client.get("/audit?since=2999-01-01")
    assert "No entries match." in future.text
    token = csrf_of(client, "/audit")
    verified = client.post("/audit/verify", data={"csrf_token": token})
    assert verified.status_code == 200
    assert "Audit log intact:" in verified.text and "2 entries" in verified.text
    assert audit_events(db)[-1].event == "audit:verified"


def test_verify_names_a_tampered_entry(client: TestClient, db: Database) -> None:
    sign_in(client, "ada")
    with db.engine.begin() as conn:  # an attacker with the database's owner rights
        conn.execute(text("DROP TRIGGER audit_entries_no_update"))
        conn.execute(update(AuditEntry).where(AuditEntry.seq == 1).values(subject_id="x"))
    token = csrf_of(client, "/audit")
    page = client.post("/audit/verify", data={"csrf_token": token})
    assert "The audit log is broken:" in page.text
    assert "entry 1: was edited after it was written" in page.text


def test_unknown_page_is_a_friendly_404(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_times_are_shown_in_the_districts_time_zone(sqlite_url: str) -> None:
    """LANYARD_TIME_ZONE: the audit log shows each entry's time in the district's zone
    (with its abbreviation), not in UTC."""
    import datetime as dt
    import re
    from zoneinfo import ZoneInfo

    from lanyard.web.app import create_app
    from tests.support.district import seed_district
    from tests.web.conftest import make_settings

    app = create_app(make_settings(sqlite_url, time_zone="America/Chicago"))
    db = app.state.services.db
    seed_district(db)
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, "ada")
        page = client.get("/audit").text
    entry = audit_events(db)[-1]
    app.state.services.db.engine.dispose()
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=dt.UTC)
    local = at.astimezone(ZoneInfo("America/Chicago"))
    shown = local.strftime("%Y-%m-%d %H:%M:%S %Z")
    assert re.search(r"C[SD]T$", shown)
    assert shown in page, "the latest entry's time in Chicago time"
    assert at.strftime("%Y-%m-%d %H:%M:%S") not in page, "not in UTC"


def test_the_audit_log_heading_and_date_filter_use_the_districts_time_zone(
    sqlite_url: str,
) -> None:
    """Found trying the demo as the director of technology: the column said "When (UTC)"
    above times in CST, and From/To were UTC days, so an entry shown as 22:30 CST on
    January 9 was found only by asking for January 10."""
    import datetime as dt

    from lanyard.audit.service import AuditEvent, record
    from lanyard.web.app import create_app
    from tests.support.district import seed_district
    from tests.web.conftest import make_settings

    app = create_app(make_settings(sqlite_url, time_zone="America/Chicago"))
    db = app.state.services.db
    seed_district(db)
    late = dt.datetime(2026, 1, 10, 4, 30, tzinfo=dt.UTC)  # 22:30 CST on January 9
    with db.uow(write=True, append_only=True) as uow:
        record(
            uow.session,
            event=AuditEvent.AUDIT_VERIFIED,
            subject_type="audit_log",
            subject_id=None,
            now=late,
            after={"entries": 0, "problems": []},
        )
        uow.commit()
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, "ada")
        page = client.get("/audit").text
        ninth = client.get("/audit?event=audit:verified&since=2026-01-09&until=2026-01-09").text
        tenth = client.get("/audit?event=audit:verified&since=2026-01-10&until=2026-01-10").text
    app.state.services.db.engine.dispose()
    assert "When (UTC)" not in page
    assert "2026-01-09 22:30:00 CST" in ninth
    assert "No entries match." in tenth


def test_home_runs_a_bounded_number_of_queries(client: TestClient, db: Database) -> None:
    """Home under load is its queries: the principal, own record, every attention
    provider. Counted here so a provider that adds queries is noticed (16 today for a
    principal: 17 before the person joined their role grants and buildings in one
    statement and the record's names were read as columns, not as people with their
    buildings; 18 before the principal's role grants and
    buildings became one statement;
    16 before server-side sessions (one lookup) and acknowledgments (the
    campaign to sign and the overdue count) were added; 17 before the moderation scope
    became one query; 19 before the page's building names came with the own record)."""
    from sqlalchemy import event

    sign_in(client, "paula")
    client.get("/home")
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get("/home").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) <= 16, "\n".join(statements)


def test_the_directory_reason_keeps_the_roles_capitals(
    client: TestClient, district: District
) -> None:
    """Jinja's capitalize lowered the role's own name ('As building principal you see …')."""
    sign_in(client, "paula")
    for page in (client.get("/home").text, client.get("/directory").text):
        assert "As Building Principal you see the people of your building(s)." in page
