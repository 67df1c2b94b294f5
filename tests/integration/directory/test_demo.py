"""``lanyard demo seed``: the demo district, every pack role staffed, demo sign-ins, and
running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from lanyard.acknowledgments.jobs import remind
from lanyard.acknowledgments.orm import AckAssignment
from lanyard.acknowledgments.service import builtin_version, open_campaign
from lanyard.auth.orm import Account
from lanyard.auth.passwords import verify_password
from lanyard.connectors.oneroster import open_package, read_roster
from lanyard.db.session import Database
from lanyard.directory.demo import (
    DEMO_APPROVAL_FORM,
    DEMO_PASSWORD,
    DemoOutcome,
    pack_role_ids,
    seed_demo,
    write_demo_district,
)
from lanyard.directory.orm import Building, Person, RoleAssignment
from lanyard.directory.service import approvals_held, approvals_on_file, disclosures_of

from .helpers import NOW, TABLES, snapshot

# The tables the demo's work writes, besides the directory's and the audit log.
WORK_TABLES = (
    *TABLES,
    "approval_requests",
    "approvals_on_file",
    "official_accounts",
    "moderation_comments",
    "moderation_archive",
    "cases",
    "notifications",
    "known_addresses",
    "message_imports",
    "messages",
    "message_findings",
    "consents",
)


def test_the_demo_export_is_a_valid_1_1_district(tmp_path: Path) -> None:
    write_demo_district(tmp_path)
    roster = read_roster(open_package(tmp_path))
    assert roster.orgs is not None and roster.people is not None
    kinds = Counter(o.kind for o in roster.orgs.values())
    assert kinds == {"school": 4, "district": 1}
    people = Counter(p.kind for p in roster.people.values())
    assert 1900 <= people["student"] <= 2200
    assert 130 <= people["staff"] <= 170
    assert people["parent"] > 1000
    assert roster.parent_links and len(roster.parent_links) >= people["student"]
    today = dt.date(2026, 1, 15)
    under_13 = [
        p for p in roster.people.values()
        if p.birth_date and (today - p.birth_date).days < 13 * 365
    ]  # fmt: skip
    assert under_13
    emails = {
        p.email.split("@")[1] for p in roster.people.values() if p.email and p.kind != "parent"
    }
    assert emails == {"demo-district.example.org", "students.demo-district.example.org"}
    # the same seed writes the same files
    again = tmp_path / "again"
    write_demo_district(again)
    assert (again / "users.csv").read_bytes() == (tmp_path / "users.csv").read_bytes()


def test_seed_staffs_every_pack_role_and_is_idempotent(database: Database) -> None:
    outcome = seed_demo(db=database, pack_id="naperville-203", now=NOW)
    # Naperville 203's pack gives no role the duty to manage roles: the demo's director of
    # technology is made Lanyard administrator so that someone can grant them.
    roles = [*pack_role_ids("naperville-203"), "lanyard_admin"]
    assert set(outcome.roles) == set(roles)

    with database.uow() as uow:
        s = uow.session
        held = {r.role for r in s.scalars(select(RoleAssignment))}
        assert held == set(roles)
        principals = s.execute(
            select(RoleAssignment.building_id).where(RoleAssignment.role == "building_principal")
        ).scalars()
        schools = set(s.scalars(select(Building.id).where(Building.kind == "school")))
        assert set(principals) == schools  # one per building
        coaches = list(s.scalars(select(Person).where(Person.staff_role == "coach")))
        assert coaches
        accounts = list(s.scalars(select(Account)))
        # a teacher, a coach and every holder of a role (four principals, four in the office)
        holders = {r.person_id for r in s.scalars(select(RoleAssignment))}
        assert len(accounts) == 2 + len(holders) == 10
        assert all(verify_password(a.password_hash or "", DEMO_PASSWORD) for a in accounts)
        coach_ids = {c.id for c in coaches}
        coach = next(a for a in accounts if a.person_id in coach_ids)
        assert approvals_on_file(s, coach.person_id, now=NOW) == [DEMO_APPROVAL_FORM]
        (held,) = approvals_held(s, coach.person_id, now=NOW)
        assert held.limits == ["group_only", "students_district_accounts"]
        disclosing = [a for a in accounts if disclosures_of(s, a.person_id)]
        assert len(disclosing) == 1
        assert disclosures_of(s, disclosing[0].person_id)[0].kind == "religious"

    # each role's work (lanyard.directory.demo_work): made through the use cases, audited
    work = outcome.work
    assert (work.requests, work.accounts, work.comments, work.escalated) == (1, 1, 8, 1)
    assert (work.messages, work.consents) == (6, 5)
    assert work.findings >= 3  # rule findings, the late-night one-to-one, the solicitation

    before = snapshot(database, WORK_TABLES)
    again = seed_demo(db=database, pack_id="naperville-203", now=NOW + dt.timedelta(hours=1))
    assert not again.imported.changed
    assert again.assignments_added == 0
    assert set(again.work.as_dict().values()) == {0}
    assert snapshot(database, WORK_TABLES) == before
    with database.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Account)) == 10


def test_console_and_sign_in_page_name_the_same_people_with_the_same_roles(
    database: Database, tmp_path: Path
) -> None:
    """The first ten minutes: ``lanyard demo sign-ins`` prints the table the sign-in page
    shows (one label per person), in the order of ``DEMO_SIGN_INS``; and each of them
    finds work waiting (one seed of the default pack for both)."""
    import re

    from fastapi.testclient import TestClient

    from lanyard.directory.demo import DEMO_SIGN_INS, demo_sign_ins
    from lanyard.web.app import create_app
    from tests.web.conftest import make_settings

    outcome = seed_demo(db=database, pack_id="wilmette-39", now=NOW)
    with database.uow() as uow:
        rows = demo_sign_ins(uow.session, "wilmette-39")
        coach_role = uow.session.scalar(
            select(Person.staff_role).where(Person.sourced_id == DEMO_SIGN_INS[1][0])
        )
    assert coach_role == "coach"
    assert [r.role for r in rows][: len(DEMO_SIGN_INS)] == [label for _, label in DEMO_SIGN_INS]
    tech = rows[4]
    assert "Technology Administrator" in tech.policy_roles
    # the sign-in names the role as Home and the Roles page do (issue 10a: one name per role)
    assert tech.label == "director of technology (in the policy: Technology Administrator)"

    url = str(database.engine.url.render_as_string(hide_password=False))
    app = create_app(make_settings(url, demo=True, pack="wilmette-39"))
    with TestClient(app) as client:
        page = client.get("/signin").text
    app.state.services.db.engine.dispose()
    shown = re.findall(r'<span class="muted">([^<]*) · <code>([^<]+)</code>', page)
    expected = [(r.label, r.username) for r in rows]
    assert [(label.replace("&#39;", "'"), user) for label, user in shown] == expected

    from click.testing import CliRunner

    from lanyard.cli.main import cli

    printed = CliRunner().invoke(
        cli, ["demo", "sign-ins"], env={"LANYARD_DATABASE_URL": url, "LANYARD_PACK": "wilmette-39"}
    )
    assert printed.exit_code == 0, printed.output
    table = [line.split() for line in printed.output.splitlines()[3:]]
    assert [(" ".join(cols[3:]), cols[0]) for cols in table] == expected
    _each_demo_role_finds_work_waiting(database, outcome)


def _text(page: str) -> str:
    """What a reader sees of a page: no tags, entities decoded."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _each_demo_role_finds_work_waiting(database: Database, outcome: DemoOutcome) -> None:
    """The default pack's demo: the Lakeview principal has the demo teacher's request to
    decide and the threat's case, the communications director a queue with the threat on
    top, the principal and the director of technology findings in "Messages to review",
    and the pre-publication check flags the student whose family opted out."""
    import re

    from fastapi.testclient import TestClient

    from lanyard.cases.routing import case_link
    from lanyard.directory.demo_work import PAGE_HANDLE, THREAT, request_form
    from lanyard.moderation.orm import Comment
    from lanyard.notify.orm import Notification
    from lanyard.prepub.orm import Consent
    from lanyard.web.app import create_app
    from tests.web.conftest import csrf_of, make_settings, sign_in

    pack = outcome.pack_id
    assert outcome.work.escalated == 1
    with database.uow() as uow:
        s = uow.session
        wanted = ["u-lake-principal", "u-do-comms", "u-do-tech", "u-lake-t01", "u-do-designee"]
        usernames = {
            p.sourced_id: p.username
            for p in s.scalars(select(Person).where(Person.sourced_id.in_(wanted)))
        }
        teacher = s.scalar(select(Person).where(Person.sourced_id == "u-lake-t01"))
        assert teacher is not None
        teacher_name = f"{teacher.given_name} {teacher.family_name}"
        threat = s.scalars(select(Comment).where(Comment.text == THREAT)).one()
        assert threat.state == "escalated" and threat.case_id is not None
        threat_id, case_id = threat.id, threat.case_id
        told = set(
            s.scalars(select(Notification.person_id).where(Notification.link == case_link(case_id)))
        )
        opted_out = s.scalars(
            select(Person)
            .join(Consent, Consent.student_id == Person.id)
            .where(Consent.scope == "social_media", Consent.decision == "opt_out")
        ).one()
        student_name = f"{opted_out.given_name} {opted_out.family_name}"
        principal_id = s.scalar(select(Person.id).where(Person.sourced_id == "u-lake-principal"))
    assert principal_id in told  # the building administration of the page's school

    url = str(database.engine.url.render_as_string(hide_password=False))
    app = create_app(make_settings(url, demo=True, pack=pack))
    app.state.clock = lambda: NOW

    def signed_in(sid: str) -> TestClient:
        client = TestClient(app, base_url="http://testserver", follow_redirects=False)
        sign_in(client, usernames[sid], DEMO_PASSWORD)
        return client

    with signed_in("u-lake-principal") as principal:
        home = principal.get("/home").text
        assert "A request awaits your decision" in home
        page = principal.get("/requests").text
        assert request_form(pack).title in page and teacher_name in page
        review = principal.get("/messages/review").text
        assert "Solicitation" in review and "For review, not a violation" in review
        case = principal.get(case_link(case_id))
        assert case.status_code == 200
        assert THREAT in _text(case.text)  # the alert opens the case with the comment
        assert "If anyone is in immediate danger, call 911" in _text(case.text)

    with signed_in("u-do-designee") as designee:
        # the page's request, sent to the designee and approved in the seed: no notice left
        # saying it awaits a decision, and its history reads in the order it happened
        home = _text(designee.get("/home").text)
        assert "awaits your decision" not in home and "awaiting your decision" not in home
        decided = designee.get("/requests").text
        found = re.search(r'href="/requests/([0-9a-f]{32})"', decided)
        assert found, "the designee's decided request is listed"
        history = _text(designee.get(f"/requests/{found.group(1)}").text)
        steps = ["started the request", "sent it for approval", "approved it"]
        assert all(step in history for step in steps), history
        assert sorted(steps, key=history.index) == steps

    with signed_in("u-do-tech") as tech:
        review = tech.get("/messages/review").text
        assert "Solicitation" in review and "For review, not a violation" in review

    with signed_in("u-do-comms") as comms:
        queue = comms.get("/moderation")
        assert queue.status_code == 200
        rows = re.findall(r'id="c-([0-9a-f]+)"', queue.text)
        assert len(rows) == 8 and rows[0] == threat_id  # the threat on top
        assert PAGE_HANDLE in queue.text
        token = csrf_of(comms, "/prepub")
        draft = f"Congratulations to {student_name} on winning the science fair!"
        checked = comms.post(
            "/prepub/check", data={"text": draft, "to": "social", "csrf_token": token}
        )
        assert checked.status_code == 200
        assert "unsafe" in checked.text.lower() and "opted out" in checked.text.lower()
    app.state.services.db.engine.dispose()


def test_the_demo_campaign_sends_no_burst_of_reminders_when_the_server_starts(
    database: Database,
) -> None:
    """The first job round of a freshly started demo e-mailed a reminder to every member of
    staff (145 under wilmette-39) into the server's log. The demo's campaign reminds a day
    after it opened, then weekly; a campaign opened in use reminds at the first round."""
    seed_demo(db=database, pack_id="wilmette-39", now=NOW)
    with database.uow() as uow:
        assert remind(uow=uow, now=NOW + dt.timedelta(minutes=1))["reminded"] == 0
    with database.uow() as uow:
        unsigned = uow.session.scalar(
            select(func.count())
            .select_from(AckAssignment)
            .where(AckAssignment.acknowledged_at.is_(None))
        )
        assert unsigned and unsigned > 100
    with database.uow() as uow:
        later = remind(uow=uow, now=NOW + dt.timedelta(days=1, minutes=1))
    assert later["reminded"] == unsigned  # the next day, everyone who has not signed
    with database.uow() as uow:
        assert remind(uow=uow, now=NOW + dt.timedelta(days=2))["reminded"] == 0  # then weekly

    # In use, a campaign opened by the designee reminds at the next round, as before.
    with database.uow() as uow:
        designee = uow.session.scalar(
            select(Account.person_id).where(Account.username == "hhollowell")
        )
        campaign = open_campaign(
            uow=uow,
            version=builtin_version("wilmette-39"),
            title="Mid-year acknowledgment",
            opens_at=NOW + dt.timedelta(days=3),
            due_at=NOW + dt.timedelta(days=33),
            now=NOW + dt.timedelta(days=3),
            actor_id=designee,
        )
        assigned = uow.session.scalar(
            select(func.count())
            .select_from(AckAssignment)
            .where(AckAssignment.campaign_id == campaign.id)
        )
    with database.uow() as uow:
        first = remind(uow=uow, now=NOW + dt.timedelta(days=3, minutes=1))
    assert assigned and first["reminded"] == assigned
