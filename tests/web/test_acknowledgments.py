"""Acknowledgment pages over HTTP: an administrator opens a campaign, the home page reminds
the teacher, signing refuses a name the directory does not have, the principal sees their
building's completion (chart and table) and its CSV, and nobody else does."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

from lanyard.db.session import Database
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in


def _open(client: TestClient) -> str:
    sign_in(client, "ada")
    token = csrf_of(client, "/acknowledgments")
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    response = client.post(
        "/acknowledgments",
        data={"title": "Annual acknowledgment", "due": due, "csrf_token": token},
    )
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    assert "The campaign is open" in page
    match = re.search(r'href="/acknowledgments/([0-9a-f]{32})/completion"', page)
    assert match
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    return match.group(1)


def test_teacher_is_reminded_reads_and_signs_and_the_principal_sees_completion(
    client: TestClient, district: District, db: Database
) -> None:
    campaign = _open(client)
    sign_in(client, "tina")
    home = client.get("/home").text
    assert "Acknowledge the policy: Annual acknowledgment" in home
    assert f'href="/acknowledgments/{campaign}"' in home
    page = client.get(f"/acknowledgments/{campaign}").text
    assert "Employees are prohibited from using technology to communicate with a student" in page
    token = csrf_of(client, f"/acknowledgments/{campaign}")
    refused = client.post(
        f"/acknowledgments/{campaign}/sign",
        data={"signature": "Paula Prince", "confirm": "yes", "csrf_token": token},
    )
    assert refused.status_code == 422
    assert "must be your full name as the district" in refused.text
    signed = client.post(
        f"/acknowledgments/{campaign}/sign",
        data={"signature": "Tina Teach", "confirm": "yes", "csrf_token": token},
    )
    assert signed.status_code == 303
    assert "You acknowledged this policy" in client.get(f"/acknowledgments/{campaign}").text
    assert "Acknowledge the policy" not in client.get("/home").text
    assert client.get(f"/acknowledgments/{campaign}/completion").status_code == 403
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})

    sign_in(client, "paula")
    page = client.get(f"/acknowledgments/{campaign}/completion").text
    assert "1 of 3 acknowledged (33%)" in page  # North: Tina signed; Paula and Ada have not
    assert 'role="img"' in page and '<title id="chart-building-title">' in page
    assert "North Elementary: 33% (1 of 3)" in page and "South Middle" not in page
    csv = client.get(f"/acknowledgments/{campaign}/completion.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "Tina Teach" in csv.text and "Steve" not in csv.text
    events = [e.event for e in audit_events(db)]
    assert "policy:acknowledged" in events and events[-1] == "ack_completion:exported"
    # Steve (South) is not assigned to see North's figures, nor Tina's signing page.
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "steve")
    assert client.get(f"/acknowledgments/{campaign}/completion.csv").status_code == 403


def test_only_those_who_signed_the_old_version_see_the_changes_only_view(
    client: TestClient, district: District, db: Database
) -> None:
    from lanyard.acknowledgments.service import acknowledge, builtin_version, open_campaign
    from tests.integration.acknowledgments.test_acknowledgments import new_version

    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
    with db.uow(write=True) as uow:
        old = open_campaign(
            uow=uow,
            version=builtin_version("wilmette-39"),
            title="Annual",
            opens_at=at,
            due_at=at + dt.timedelta(days=30),
            now=at,
        ).id
    with db.uow(write=True) as uow:
        acknowledge(
            uow=uow,
            campaign_id=old,
            person_id=district.teacher,
            typed_name="Tina Teach",
            confirmed=True,
            now=at,
        )
    with db.uow(write=True) as uow:
        new = open_campaign(
            uow=uow,
            version=new_version(),
            title="Revised policy",
            opens_at=at + dt.timedelta(days=1),
            due_at=at + dt.timedelta(days=30),
            now=at + dt.timedelta(days=1),
        ).id
    sign_in(client, "tina")
    page = client.get(f"/acknowledgments/{new}").text
    assert "What changed since version 2023-11-13.2" in page
    assert "Volunteers are held to the same rule." in page  # the clause added
    assert "<del>Employees are prohibited" in page and "<ins>Employees and volunteers" in page
    assert "was allowed, now prohibited" in page
    assert "Key Concepts, bullet 1" not in page  # an unchanged clause: not the whole text
    assert (
        "the District expects its employees"
        not in client.get(f"/acknowledgments/{new}?full=1").text
    )  # removed in the new version
    assert "Key Concepts, bullet 1" in client.get(f"/acknowledgments/{new}?full=1").text
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "steve")
    page = client.get(f"/acknowledgments/{new}").text
    assert "What changed" not in page and "Key Concepts, bullet 1" in page


def test_the_annual_review_is_on_the_home_page_and_recorded_with_date_and_outcome(
    client: TestClient, district: District, db: Database
) -> None:
    _open(client)
    sign_in(client, "ada")
    assert "Annual review of Policy 5:125 (version 2023-11-13.2)" in client.get("/home").text
    page = client.get("/acknowledgments").text
    review = re.search(r'action="/acknowledgments/reviews/([0-9a-f]{32})"', page)
    assert review
    token = csrf_of(client, "/acknowledgments")
    today = dt.date.today().isoformat()
    refused = client.post(
        f"/acknowledgments/reviews/{review.group(1)}",
        data={"reviewed_on": today, "outcome": "revise", "notes": "", "csrf_token": token},
    )
    assert refused.status_code == 422 and "say what should be revised" in refused.text
    done = client.post(
        f"/acknowledgments/reviews/{review.group(1)}",
        data={"reviewed_on": today, "outcome": "no_change", "notes": "", "csrf_token": token},
    )
    assert done.status_code == 303
    page = client.get(done.headers["location"]).text
    assert "The annual review is recorded." in page and "Reviewed; no change needed on" in page
    assert "Annual review of Policy" not in client.get("/home").text
    assert audit_events(db)[-1].event == "policy_review:recorded"
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "tina")  # a teacher may neither open campaigns nor record the review
    token = csrf_of(client, "/acknowledgments")
    assert (
        client.post(
            f"/acknowledgments/reviews/{review.group(1)}",
            data={"reviewed_on": today, "outcome": "no_change", "csrf_token": token},
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/acknowledgments", data={"title": "x", "due": today, "csrf_token": token}
        ).status_code
        == 403
    )


def test_the_overdue_count_on_the_home_page_leaves_out_someone_who_left(
    client: TestClient, district: District, db: Database
) -> None:
    from lanyard.acknowledgments.service import builtin_version, open_campaign
    from lanyard.directory.orm import Person

    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    with db.uow(write=True) as uow:
        open_campaign(
            uow=uow,
            version=builtin_version("wilmette-39"),
            title="Annual",
            opens_at=at,
            due_at=at + dt.timedelta(days=30),
            now=at,
        )
    sign_in(client, "ada")  # district-wide: Tina, Paula, Ada and Steve have not signed
    assert "4 people have not acknowledged Annual" in client.get("/home").text
    with db.uow(write=True) as uow:
        steve = uow.session.get(Person, district.south_teacher)
        assert steve is not None
        steve.active = False  # Steve left the district
        uow.commit()
    assert "3 people have not acknowledged Annual" in client.get("/home").text


def test_the_overdue_count_on_the_home_page_on_postgresql(pg_url: str) -> None:
    """The count is one statement grouped by campaign: PostgreSQL takes it too."""
    from lanyard.acknowledgments.service import builtin_version, open_campaign
    from lanyard.web.app import create_app
    from tests.support.district import seed_district

    app = create_app(make_settings(pg_url))
    db = app.state.services.db
    seed_district(db)
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    with db.uow(write=True) as uow:
        open_campaign(
            uow=uow,
            version=builtin_version("wilmette-39"),
            title="Annual",
            opens_at=at,
            due_at=at + dt.timedelta(days=30),
            now=at,
        )
    try:
        with TestClient(app, follow_redirects=False) as client:
            sign_in(client, "ada")
            assert "4 people have not acknowledged Annual" in client.get("/home").text
    finally:
        db.engine.dispose()


def test_a_reminder_to_acknowledge_is_not_repeated_beside_the_task(
    client: TestClient, district: District, db: Database
) -> None:
    from lanyard.acknowledgments.jobs import remind

    _open(client)
    with db.uow(write=True) as uow:
        assert remind(uow=uow, now=dt.datetime.now(dt.UTC), deliver=None)["reminded"] >= 1
        uow.commit()
    sign_in(client, "tina")
    home = client.get("/home").text
    assert home.count("Acknowledge the policy: Annual acknowledgment") == 1
    assert "Reminder: acknowledge" not in home  # the task itself is the reminder


def test_a_reminder_to_acknowledge_leaves_the_home_page_once_signed(
    client: TestClient, district: District, db: Database
) -> None:
    """Found trying the demo as the teacher: after signing, her home page still said
    "Reminder: acknowledge …, please read and acknowledge" (the task had gone, so the
    reminder it had hidden showed)."""
    from lanyard.acknowledgments.jobs import remind

    campaign = _open(client)
    with db.uow(write=True) as uow:
        assert remind(uow=uow, now=dt.datetime.now(dt.UTC), deliver=None)["reminded"] >= 1
        uow.commit()
    sign_in(client, "tina")
    token = csrf_of(client, f"/acknowledgments/{campaign}")
    signed = client.post(
        f"/acknowledgments/{campaign}/sign",
        data={"signature": "Tina Teach", "confirm": "yes", "csrf_token": token},
    )
    assert signed.status_code == 303
    home = client.get("/home").text
    assert "Acknowledge the policy" not in home
    assert "Reminder: acknowledge" not in home and "Please read and acknowledge" not in home


def test_acknowledgment_pages_name_the_policy_by_its_title_not_the_packs_id(
    client: TestClient, district: District, db: Database
) -> None:
    """The campaign, completion and administration pages and the home page's annual review
    said 'wilmette-39 2023-11-13.2': the pack's id. They name the policy as the district does."""
    from lanyard.policy import load_pack

    campaign = _open(client)
    sign_in(client, "ada")
    pack = load_pack(client.app.state.services.settings.pack).document  # type: ignore[attr-defined]
    pages = {
        "index": client.get("/acknowledgments").text,
        "read": client.get(f"/acknowledgments/{campaign}").text,
        "completion": client.get(f"/acknowledgments/{campaign}/completion").text,
        "home": client.get("/home").text,
    }
    title = f"Policy {pack.policy.number}, {pack.policy.title}"
    for name, page in pages.items():
        shown = re.sub(r"<[^>]+>", " ", page).replace("&#39;", "'")
        assert pack.id not in shown, (name, pack.id)
    assert title in pages["read"] and title in pages["completion"]
    assert f"Policy {pack.policy.number}, version {pack.version}" in pages["index"]
    assert f"Annual review of Policy {pack.policy.number} (version {pack.version})" in pages["home"]


def test_the_campaign_form_offers_schools_and_the_whole_district_not_the_district_as_a_building(
    client: TestClient, district: District, db: Database
) -> None:
    """Found walking the demo: the form's Buildings list named "Demo Unified School
    District" (the directory's district organisation) among the schools. The whole district
    is its own choice; the list is the schools; a campaign for North reaches North only."""
    from sqlalchemy import select

    from lanyard.acknowledgments.orm import AckAssignment
    from lanyard.directory.orm import Building

    with db.uow() as uow:
        uow.session.add(Building(name="Demo Unified School District", kind="district"))
        uow.commit()
    sign_in(client, "ada")
    page = client.get("/acknowledgments").text
    form = page.split('id="new-h"')[1]
    assert "North Elementary" in form and "South Middle" in form
    assert "Demo Unified School District" not in form
    assert 'id="where-district" name="where" value="district" checked' in form
    assert "The whole district" in form

    token = csrf_of(client, "/acknowledgments")
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    fields = {"title": "North only", "due": due, "csrf_token": token}
    both = client.post(
        "/acknowledgments",
        data={**fields, "where": "district", "buildings": [district.north], "roles": ["teacher"]},
    )
    assert both.status_code == 422
    assert "you chose the whole district and ticked buildings" in both.text
    # what was ticked is kept
    assert f'value="{district.north}" checked' in both.text
    assert 'value="teacher" checked' in both.text
    none = client.post("/acknowledgments", data={**fields, "where": "buildings"})
    assert none.status_code == 422 and "tick the buildings the campaign is for" in none.text

    north = client.post(
        "/acknowledgments", data={**fields, "where": "buildings", "buildings": [district.north]}
    )
    assert north.status_code == 303, north.text
    with db.uow() as uow:
        reached = set(uow.session.scalars(select(AckAssignment.building_id)))
    assert reached == {district.north}
