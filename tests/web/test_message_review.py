"""The communication audit's review pages (issue 12): a building principal reviews the
findings of their building only (every read audited), dismisses one with a reason or opens
a case from it in one step (both audited); the dashboard counts findings by building, rule
and week, with a CSV a spreadsheet will not run as formulas. A teacher gets the 403 page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.cases.orm import Case, CaseSubject
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.messages.domain import ReviewSettings
from lanyard.messages.orm import MessageFinding
from lanyard.messages.service import import_messages
from lanyard.policy import load_pack
from tests.support.district import DOMAIN, District
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in

NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
# SQLAlchemy 2.1 deprecated Result.tuples(): the review pages use none of its deprecated API
pytestmark = pytest.mark.filterwarnings("error::sqlalchemy.exc.SADeprecationWarning")
PACK = "chsd-230"  # text messages with students are forbidden outright (item 1)
HEADER = "message_id,sent_at,sender,recipients,medium,account,subject,body,platform\n"


def log_rows(tmp_path: Path) -> Path:
    """North's teacher texts North's student from a personal phone, and e-mails the student
    (through Microsoft 365, the log's ``platform`` "m365") at 23:30 Chicago time asking to
    be texted; South's teacher texts South's student; the building of a finding is the
    employee's."""
    path = tmp_path / "log.csv"
    path.write_text(
        HEADER + "m1,2026-01-12T15:00:00Z,tina.teach@example.org,sam.student@example.org,"
        "text_message,personal,,,\n"
        + "m2,2026-01-13T05:30:00Z,tina.teach@example.org,sam.student@example.org,email,"
        'district,Homework,"Sure, text me at 312-555-0142 tonight",m365\n'
        + "m3,2026-01-12T16:00:00Z,steve.south@example.org,sally.south@example.org,"
        "text_message,personal,,,\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest) -> Settings:
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    return make_settings(url, pack=PACK)


@pytest.fixture
def audited(db: Database, district: District, tmp_path: Path) -> Database:
    summary = import_messages(
        db=db,
        path=log_rows(tmp_path),
        format="csv",
        pack=load_pack(PACK),
        review=ReviewSettings(timezone=ZoneInfo("America/Chicago")),
        now=NOW,
        district_domains=(DOMAIN,),
    )
    assert summary.findings > 0, summary
    return db


def findings(db: Database) -> list[MessageFinding]:
    with db.uow() as uow:
        out = list(uow.session.scalars(select(MessageFinding).order_by(MessageFinding.rule)))
        uow.session.expunge_all()
        return out


def finding_ids(db: Database, building: str) -> set[str]:
    return {f.id for f in findings(db) if f.building_id == building}


def post(client: TestClient, path: str, **data: str) -> object:
    token = csrf_of(client, "/messages/review")
    return client.post(path, data={"csrf_token": token, **data})


def test_a_principal_sees_only_their_buildings_findings_and_every_read_is_audited(
    client: TestClient, audited: Database, district: District
) -> None:
    sign_in(client, "paula")
    page = client.get("/messages/review")
    assert page.status_code == 200
    text = page.text
    assert "Tina Teach" in text and "Steve South" not in text
    violations, for_review = text.split('id="for-review-h"')
    # the clause and its quote, the message in plain words
    assert "District-Sponsored Electronic Communications/Social Media Use, item 1" in violations
    assert "Employees may not communicate with students via text messaging" in violations
    assert "Text message from Tina Teach" in violations
    assert "check them before deciding: duty free, on duty, device" in violations
    assert "a student (district address)" in violations
    # solicitation words marked
    marked = re.findall(r"<mark[^>]*>(.*?)</mark>", violations)
    assert any("text me" in m for m in marked) and any("312-555-0142" in m for m in marked)
    # the late-night pattern is shown apart, never as a violation
    assert "late at night" in for_review and "late at night" not in violations
    assert "For review, not a violation" in for_review
    # names as a person reads them: the service the message went through, the kind of finding
    assert "E-mail on Microsoft 365 from Tina Teach" in violations and "m365" not in text
    assert "Asks a student to move to a personal channel" in violations
    assert '<span class="badge badge-todo">Solicitation</span>' in violations
    assert 'title="Asks for a personal phone number"' in violations
    north = finding_ids(audited, district.north)
    reads = [e for e in audit_events(audited) if e.event == "message_findings:read"]
    assert reads[-1].actor_id == district.principal
    assert set(reads[-1].after["findings"]) == north
    assert not set(reads[-1].after["findings"]) & finding_ids(audited, district.south)


def test_a_teacher_gets_the_403_page(
    client: TestClient, audited: Database, district: District
) -> None:
    sign_in(client, "tina")
    for path in ("/messages/review", "/messages/dashboard", "/messages/dashboard.csv"):
        assert client.get(path).status_code == 403, path
    north = sorted(finding_ids(audited, district.north))[0]
    token = csrf_of(client, "/home")
    answer = client.post(
        f"/messages/review/{north}/dismiss", data={"csrf_token": token, "reason": "x"}
    )
    assert answer.status_code == 403
    assert all(f.status == "open" for f in findings(audited))


def test_a_principal_cannot_dismiss_another_buildings_finding(
    client: TestClient, audited: Database, district: District
) -> None:
    sign_in(client, "paula")
    south = next(iter(finding_ids(audited, district.south)))
    assert post(client, f"/messages/review/{south}/dismiss", reason="not mine").status_code == 403
    assert post(client, f"/messages/review/{south}/case").status_code == 403
    assert all(f.status == "open" for f in findings(audited))


def test_dismissing_needs_a_reason_and_is_audited(
    client: TestClient, audited: Database, district: District
) -> None:
    sign_in(client, "paula")
    late = next(f for f in findings(audited) if f.rule == "late_night_one_to_one")
    refused = post(client, f"/messages/review/{late.id}/dismiss", reason="  ")
    assert refused.status_code == 422 and "say why the finding is dismissed" in refused.text
    assert next(f for f in findings(audited) if f.id == late.id).status == "open"
    done = post(client, f"/messages/review/{late.id}/dismiss", reason="Snow-day make-up session")
    assert done.status_code == 303
    assert next(f for f in findings(audited) if f.id == late.id).status == "dismissed"
    entry = [e for e in audit_events(audited) if e.event == "message_finding:dismissed"][-1]
    assert (entry.subject_id, entry.actor_id) == (late.id, district.principal)
    assert entry.after["reason"] == "Snow-day make-up session"
    again = client.get("/messages/review")
    assert f'id="finding-{late.id}"' not in again.text
    assert f'id="finding-{late.id}"' in client.get("/messages/review?status=dismissed").text


def test_opening_a_case_from_a_finding_is_one_step_and_audited(
    client: TestClient, audited: Database, district: District
) -> None:
    sign_in(client, "paula")
    text = next(
        f for f in findings(audited) if f.building_id == district.north and f.kind == "violation"
    )
    answer = post(client, f"/messages/review/{text.id}/case")
    assert answer.status_code == 303
    case_id = answer.headers["location"].split("/")[-1].split("?")[0]
    with audited.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        assert (case.source, case.building_id, case.reporter_id) == (
            "message_finding",
            district.north,
            district.principal,
        )
        subjects = set(
            uow.session.scalars(select(CaseSubject.person_id).where(CaseSubject.case_id == case_id))
        )
        assert subjects == {district.student}
    assert next(f for f in findings(audited) if f.id == text.id).status == "case"
    events = audit_events(audited)
    opened = [e for e in events if e.event == "message_finding:case_opened"][-1]
    assert opened.subject_id == text.id and opened.after["case_id"] == case_id
    assert any(e.event == "case:opened" and e.subject_id == case_id for e in events)
    assert client.get(answer.headers["location"]).status_code == 200


def test_a_case_opened_from_a_finding_for_review_does_not_call_it_a_violation(
    client: TestClient, audited: Database, district: District
) -> None:
    # the late-night pattern is for review, never a violation: the case says what it is
    sign_in(client, "paula")
    late = next(f for f in findings(audited) if f.rule == "late_night_one_to_one")
    answer = post(client, f"/messages/review/{late.id}/case")
    assert answer.status_code == 303
    page = client.get(answer.headers["location"]).text
    assert "found by the communication audit" in page
    assert "against the policy" not in page
    assert "Communication audit finding (for review)" in page


def test_a_case_opened_from_a_finding_says_what_it_is_in_words(
    client: TestClient, audited: Database, district: District
) -> None:
    """Found trying the demo as the principal: a case opened from the solicitation said
    "Communication audit finding (for_review)", and one from a violation "(prohibited)"."""
    sign_in(client, "paula")
    asked = next(f for f in findings(audited) if f.kind == "solicitation")
    violation = next(
        f for f in findings(audited) if f.kind == "violation" and f.building_id == district.north
    )
    pages = []
    for finding in (asked, violation):
        answer = post(client, f"/messages/review/{finding.id}/case")
        assert answer.status_code == 303
        pages.append(client.get(answer.headers["location"]).text)
    assert "Communication audit finding (for review): Asks a student to move" in pages[0]
    assert "Communication audit finding (against the policy):" in pages[1]
    assert "for_review" not in pages[0] and "(prohibited)" not in pages[1]


def test_the_dashboard_counts_by_building_rule_and_week_and_exports_safe_csv(
    client: TestClient, audited: Database, district: District
) -> None:
    from lanyard.directory.orm import Building

    with audited.uow(write=True) as uow:
        building = uow.session.get(Building, district.south)
        assert building is not None
        building.name = '=HYPERLINK("http://evil.example","South")'
        uow.commit()
    sign_in(client, "paula")
    page = client.get("/messages/dashboard")
    assert page.status_code == 200
    assert page.text.count("<svg") == 3 and page.text.count("<table") == 3
    assert "North Elementary" in page.text and "HYPERLINK" not in page.text
    assert "Week of 2026-01-12" in page.text
    north = list(csv.DictReader(io.StringIO(client.get("/messages/dashboard.csv").text)))
    assert {r["building"] for r in north} == {"North Elementary"}
    assert sum(int(r["findings"]) for r in north) == len(finding_ids(audited, district.north))
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "ada")  # Lanyard administrator: the whole district
    answer = client.get("/messages/dashboard.csv")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert sum(int(r["findings"]) for r in rows) == len(findings(audited))
    assert '\'=HYPERLINK("http://evil.example","South")' in {r["building"] for r in rows}
    assert {r["week_of"] for r in rows} == {"2026-01-12"}
    assert any(r["rule"].endswith("(for review)") for r in rows)
    exported = [e for e in audit_events(audited) if e.event == "message_findings:exported"]
    assert [e.actor_id for e in exported] == [district.principal, district.admin]


def test_a_solicitation_no_clause_forbids_is_for_review_not_against_the_policy(
    sqlite_url: str, tmp_path: Path
) -> None:
    """Under wilmette-39 no clause forbids a move to Snapchat: the message asking for it is
    shown under For review, saying no clause names it (it was listed under "Against the
    policy" with no clause at all)."""
    from lanyard.web.app import create_app
    from tests.support.district import seed_district

    app = create_app(make_settings(sqlite_url, pack="wilmette-39"))
    db = app.state.services.db
    seed_district(db)
    path = tmp_path / "snap.csv"
    path.write_text(
        HEADER + "m1,2026-01-13T15:30:00Z,tina.teach@example.org,sam.student@example.org,email,"
        'district,Lab,"Easier outside class: add me on Snap tonight",\n',
        encoding="utf-8",
    )
    summary = import_messages(
        db=db,
        path=path,
        format="csv",
        pack=load_pack("wilmette-39"),
        review=ReviewSettings(timezone=ZoneInfo("America/Chicago")),
        now=NOW,
        district_domains=(DOMAIN,),
    )
    assert summary.solicitations == 1
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        sign_in(client, "paula")
        text = client.get("/messages/review").text
    app.state.services.db.engine.dispose()
    against, for_review = text.split('id="for-review-h"')
    assert "Against the policy (0)" in against and "Asks a student" not in against
    assert "For review (1)" in for_review
    assert "Asks a student to move to a personal channel" in for_review
    assert "Solicitation, for review" in for_review
    assert "No clause of the policy names this pattern" in for_review
