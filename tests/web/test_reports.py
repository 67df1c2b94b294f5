"""The reports pages and API over HTTP: filing, contact attempts, the case page, the
mandated reporter's duty, and refusals that change nothing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from lanyard.cases.orm import Case, ContactAttempt
from lanyard.config import Settings
from lanyard.db.session import Database
from tests.support.district import CaseHandlers, District, seed_case_handlers
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, pack="press-5-125")


@pytest.fixture
def handlers(db: Database, district: District) -> CaseHandlers:
    return seed_case_handlers(db, district)


def _cases(db: Database) -> int:
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Case)) or 0


def _attempt(client: TestClient, student: str = "Sam Student", channel: str = "text_message"):
    token = csrf_of(client, "/reports")
    return client.post(
        "/reports/contact-attempts",
        data={"student": student, "channel": channel, "csrf_token": token},
    )


def test_second_attempt_reports_to_the_supervisor_who_sees_it_in_the_queue(
    client: TestClient, db: Database, handlers: CaseHandlers
) -> None:
    sign_in(client, "tina")
    first = _attempt(client)
    assert "contact attempt <strong>1</strong>" in first.text
    assert "1 more and Lanyard reports it" in first.text
    second = _attempt(client, channel="social_dm")
    assert "A report has gone to the people who handle it" in second.text
    case_id = re.search(r'href="/reports/cases/([0-9a-f]+)"', second.text).group(1)  # type: ignore[union-attr]
    client.post("/signout", data={"csrf_token": csrf_of(client, "/reports")})
    sign_in(client, "sue")
    queue = client.get("/reports")
    assert "My queue" in queue.text and f"/reports/cases/{case_id}" in queue.text
    page = client.get(f"/reports/cases/{case_id}")
    assert page.status_code == 200
    assert "Sam Student" in page.text and "Acknowledge" in page.text
    token = csrf_of(client, f"/reports/cases/{case_id}")
    done = client.post(f"/reports/cases/{case_id}/acknowledge", data={"csrf_token": token})
    assert done.status_code == 303
    again = client.post(f"/reports/cases/{case_id}/acknowledge", data={"csrf_token": token})
    assert again.status_code == 422 and "already acknowledged" in again.text
    assert [e.event for e in audit_events(db)].count("case:viewed") >= 2


def test_a_case_is_the_same_403_for_an_outsider_as_for_no_case(
    client: TestClient, db: Database, handlers: CaseHandlers
) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/reports")
    filed = client.post(
        "/reports",
        data={
            "report_type": "inappropriate-student-contact",
            "student": "Sam",
            "details": "Late-night messages",
            "csrf_token": token,
        },
    )
    assert filed.status_code == 303
    link = filed.headers["location"].split("?")[0]
    client.post("/signout", data={"csrf_token": token})
    sign_in(client, "steve")
    hidden = client.get(link)
    missing = client.get("/reports/cases/" + "0" * 32)
    assert hidden.status_code == missing.status_code == 403
    assert hidden.text == missing.text
    assert client.get(link + "/attachments/x").status_code == 403


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"report_type": "no-such", "student": "", "details": "x"}, "report_type: "),
        (
            {"report_type": "inappropriate-student-contact", "details": " "},
            "details: this is required",
        ),
        (
            {"report_type": "inappropriate-student-contact", "student": "Sally", "details": "x"},
            "student: no student",
        ),
        ({"report_type": "suspected-abuse-or-neglect", "details": "x"}, "state hotline"),
    ],
)
def test_bad_report_gets_a_clear_error_and_files_nothing(
    client: TestClient, db: Database, data: dict[str, str], message: str
) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/reports")
    response = client.post("/reports", data={**data, "csrf_token": token})
    assert response.status_code == 422
    assert message in response.text
    assert _cases(db) == 0


def test_tampered_or_missing_csrf_changes_nothing(client: TestClient, db: Database) -> None:
    sign_in(client, "tina")
    response = client.post("/reports/contact-attempts", data={"student": "Sam", "channel": "phone"})
    assert response.status_code == 403
    tampered = _attempt(client, channel="pigeon")
    assert tampered.status_code == 422 and "channel:" in tampered.text
    with db.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ContactAttempt)) == 0


def test_mandated_duty_shows_the_hotline_and_is_not_a_report(
    client: TestClient, db: Database
) -> None:
    sign_in(client, "tina")
    page = client.get("/reports/abuse-or-neglect")
    assert page.status_code == 200
    assert "1-800-252-2873" in page.text
    assert "Lanyard does not make this report" in page.text
    assert "policy 5:90" in page.text
    assert "<textarea" not in page.text and 'method="post" action="/reports' not in page.text
    assert "mandated_duty:shown" in [e.event for e in audit_events(db)]
    assert _cases(db) == 0


def test_attachment_upload_download_and_refusal(client: TestClient, handlers: CaseHandlers) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/reports")
    filed = client.post(
        "/reports",
        data={"report_type": "inappropriate-student-contact", "details": "x", "csrf_token": token},
    )
    link = filed.headers["location"].split("?")[0]
    bad = client.post(
        f"{link}/attachments",
        data={"csrf_token": token},
        files={"file": ("a.pdf", b"MZ not a pdf", "application/pdf")},
    )
    assert bad.status_code == 422 and "file: the file is not a PDF" in bad.text
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    ok = client.post(
        f"{link}/attachments",
        data={"csrf_token": token},
        files={"file": ("s.png", png, "image/png")},
    )
    assert ok.status_code == 303
    href = re.search(
        r'href="(/reports/cases/[0-9a-f]+/attachments/[0-9a-f]+)"', client.get(link).text
    )
    assert href
    download = client.get(href.group(1))
    assert download.content == png
    assert download.headers["x-content-type-options"] == "nosniff"


def test_api_files_lists_and_acknowledges(client: TestClient, handlers: CaseHandlers) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/reports")
    headers = {"X-CSRF-Token": token}
    bad = client.post("/api/reports", json={"report_type": "nope", "details": "x"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "report_type"
    made = client.post(
        "/api/reports",
        json={"report_type": "inappropriate-student-contact", "details": "x", "student": "Sam"},
        headers=headers,
    )
    assert made.status_code == 201
    case_id = made.json()["id"]
    assert [c["id"] for c in client.get("/api/reports").json()["mine"]] == [case_id]
    refused = client.post(f"/api/reports/{case_id}/acknowledge", headers=headers)
    assert refused.status_code == 422
    client.post("/signout", data={"csrf_token": token})
    sign_in(client, "sue")
    headers = {"X-CSRF-Token": csrf_of(client, "/reports")}
    assert [c["id"] for c in client.get("/api/reports").json()["queue"]] == [case_id]
    acked = client.post(f"/api/reports/{case_id}/acknowledge", headers=headers)
    assert acked.status_code == 200 and acked.json()["state"] == "acknowledged"
    assert "/api/reports" in client.get("/api/openapi.json").json()["paths"]


def test_a_closed_case_leaves_the_handlers_home_page(
    client: TestClient, db: Database, handlers: CaseHandlers
) -> None:
    """Home items about a case disappear once the case is closed; the reporter's notice
    that it was closed still arrives."""
    sign_in(client, "tina")
    _attempt(client)
    second = _attempt(client, channel="social_dm")
    case_id = re.search(r'href="/reports/cases/([0-9a-f]+)"', second.text).group(1)  # type: ignore[union-attr]
    client.post("/signout", data={"csrf_token": csrf_of(client, "/reports")})
    sign_in(client, "sue")
    link = f"/reports/cases/{case_id}"
    home = client.get("/home").text
    assert home.count(link) >= 1 or "/notifications/" in home, "the new case is on sue's home"
    before = home.count("/notifications/")
    assert before >= 1
    token = csrf_of(client, link)
    closed = client.post(f"{link}/close", data={"csrf_token": token, "outcome": "Spoke with them."})
    assert closed.status_code == 303
    after = client.get("/home").text
    assert link not in after
    assert after.count("/notifications/") == before - 1, "the case's notification left home"
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "tina")
    assert "/notifications/" in client.get("/home").text, "the reporter is told it closed"


def test_the_home_item_of_a_case_gives_its_deadline_in_the_districts_time_zone(
    sqlite_url: str,
) -> None:
    from lanyard.web.app import create_app
    from tests.support.district import seed_district

    app = create_app(make_settings(sqlite_url, pack="press-5-125", time_zone="America/Chicago"))
    db = app.state.services.db
    seed_case_handlers(db, seed_district(db))
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, "tina")
        _attempt(client)
        _attempt(client, channel="social_dm")
        client.post("/signout", data={"csrf_token": csrf_of(client, "/reports")})
        sign_in(client, "sue")
        home = client.get("/home").text
    db.engine.dispose()
    deadline = re.search(r"acknowledge by ([A-Z][a-z]+ \d+, \d\d:\d\d [A-Z]+)", home)
    assert deadline, "the case is on the handler's home with its deadline"
    assert deadline.group(1).endswith(("CST", "CDT")), deadline.group(1)


def _attention(home: str) -> list[str]:
    """The home page's "What needs your attention" items, one string each."""
    found = re.search(r'<ul class="attention">(.*?)</ul>', home, re.S)
    return found.group(1).split("<li")[1:] if found else []


def test_a_new_report_is_one_item_on_the_handlers_home_page(
    client: TestClient, db: Database, handlers: CaseHandlers
) -> None:
    """The notification ("New report for you") and the task ("Report to acknowledge") were
    two items about one case: one item now, in the task's words, opened through the
    notification so that opening it still counts as seen."""
    sign_in(client, "tina")
    _attempt(client)
    second = _attempt(client, channel="social_dm")
    case_id = re.search(r'href="/reports/cases/([0-9a-f]+)"', second.text).group(1)  # type: ignore[union-attr]
    client.post("/signout", data={"csrf_token": csrf_of(client, "/reports")})
    sign_in(client, "sue")
    about = [
        item
        for item in _attention(client.get("/home").text)
        if "report" in item.lower() and "acknowledge" in item.lower()
    ]
    assert len(about) == 1, about
    assert "Report to acknowledge" in about[0] and "New report for you" not in about[0]
    href = re.search(r'href="([^"]+)"', about[0]).group(1)  # type: ignore[union-attr]
    opened = client.get(href)
    assert opened.headers["location"] == f"/reports/cases/{case_id}"
    told = client.get(f"/reports/cases/{case_id}").text
    assert "opened in Lanyard" in told


def test_a_report_opened_without_its_notification_leaves_home_once_acknowledged(
    client: TestClient, db: Database, handlers: CaseHandlers
) -> None:
    """Opened from the e-mail's link or the queue, not from home: the notification is read
    all the same, and does not come back as "New report for you" after the acknowledgment."""
    sign_in(client, "tina")
    _attempt(client)
    second = _attempt(client, channel="social_dm")
    case_id = re.search(r'href="/reports/cases/([0-9a-f]+)"', second.text).group(1)  # type: ignore[union-attr]
    client.post("/signout", data={"csrf_token": csrf_of(client, "/reports")})
    sign_in(client, "sue")
    link = f"/reports/cases/{case_id}"
    token = csrf_of(client, link)
    assert client.post(f"{link}/acknowledge", data={"csrf_token": token}).status_code == 303
    home = client.get("/home").text
    assert "New report for you" not in home and "Report to acknowledge" not in home


def test_the_report_form_names_whom_each_report_goes_to_as_the_policy_does(
    client: TestClient, db: Database, handlers: CaseHandlers
) -> None:
    """'Goes to: supervisor, building principal' was the pack's role ids with the
    underscores taken out: the roles' names, and a case's status, read as words."""
    from lanyard.auth.roles import role_label, role_table
    from lanyard.policy import load_pack

    pack = load_pack("press-5-125").document
    table = role_table(pack.id)
    sign_in(client, "tina")
    _attempt(client)
    _attempt(client, channel="social_dm")
    page = client.get("/reports").text.replace("&#39;", "'")
    shown = [r for r in pack.reports if r.to and f'value="{r.id}"' in page]
    assert shown
    for report in shown:
        if report.to:
            names = ", ".join(role_label(table, role) for role in report.to)
            assert f"Goes to: {names} ·" in page, names
    assert re.search(r"· Open</span>", page), "the reporter's own report, its status in words"


def test_someone_whose_roles_do_not_open_the_directory_is_not_told_they_hold_none(
    client: TestClient, db: Database, handlers: CaseHandlers
) -> None:
    """The technology administrator holds a district role: 'Without a building or district
    role you see only yourself' told them otherwise."""
    sign_in(client, "tess")
    for page in (client.get("/directory").text, client.get("/home").text):
        assert "Your roles do not include the directory: you see only yourself" in page
        assert "Without a building or district role" not in page
    assert "<dt>Staff role</dt><dd>Staff</dd>" in client.get("/home").text


def test_a_case_names_its_handlers_roles_as_the_policy_does(
    client: TestClient, db: Database, handlers: CaseHandlers
) -> None:
    """'Handled by … (supervisor)' and 'Who has been told: Sue (supervisor)' were the role
    ids: the role's name from the policy."""
    from lanyard.auth.roles import role_label, role_table

    name = role_label(role_table("press-5-125"), "supervisor")
    assert name != "supervisor"
    sign_in(client, "tina")
    _attempt(client)
    second = _attempt(client, channel="social_dm")
    case_id = re.search(r'href="/reports/cases/([0-9a-f]+)"', second.text).group(1)  # type: ignore[union-attr]
    client.post("/signout", data={"csrf_token": csrf_of(client, "/reports")})
    sign_in(client, "sue")
    page = client.get(f"/reports/cases/{case_id}").text.replace("&#39;", "'")
    assert f"({name}" in page
    assert "(supervisor" not in page
