"""The Roles page (issue 10, finding 9): an administrator grants and revokes a pack role for
a person and building, each change audited, and the new permissions apply at the next
request; the last person who may manage roles cannot be revoked; role names are the
pack's plain names."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect

from lanyard.db.session import Database
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, sign_in
from tests.web.test_browser import (  # noqa: F401
    SHOTS,
    browser,
    keyboard_sign_in,
    page,
    site,
)


def _revoke_id(listing: str, name: str) -> str:
    one_link = r'href="/roles/([0-9a-f]+)/revoke" aria-label="Revoke [^"]* from '
    found = re.search(one_link + name, listing, re.S)
    assert found, f"no Revoke button for {name}"
    return found.group(1)


def test_grant_then_revoke_a_building_role_changes_what_the_person_sees(
    client: TestClient, district: District, db: Database
) -> None:
    with TestClient(client.app, follow_redirects=False) as tina:
        sign_in(tina, "tina")
        assert tina.get(f"/people/{district.south_student}").status_code == 403
        assert tina.get("/roles").status_code == 403

        sign_in(client, "ada")
        page = client.get("/roles")
        assert page.status_code == 200
        assert "<td>Lanyard administrator</td>" in page.text
        token = csrf_of(client, "/roles")
        done = client.post(
            "/roles/grant",
            data={
                "who": "tina",
                "role": "building_principal",
                "building_id": district.south,
                "csrf_token": token,
            },
        )
        assert done.status_code == 303
        listing = client.get(done.headers["location"]).text
        assert "Tina Teach is now Building Principal for South" in listing

        # a role change ends the person's sessions; signed in again, she has the new role
        assert tina.get(f"/people/{district.south_student}").status_code == 303
        sign_in(tina, "tina")
        assert tina.get(f"/people/{district.south_student}").status_code == 200
        assert tina.get(f"/people/{district.student}").status_code == 403  # North: not hers

        granted = [e for e in audit_events(db) if e.event == "person:role_granted"]
        assert granted[-1].subject_id == district.teacher
        assert granted[-1].after == {"role": "building_principal", "building_id": district.south}

        assignment = _revoke_id(listing, "Tina Teach")
        revoked = client.post(
            f"/roles/{assignment}/revoke", data={"confirm": "revoke", "csrf_token": token}
        )
        assert revoked.status_code == 303
        assert tina.get(f"/people/{district.south_student}").status_code == 303  # signed out
        sign_in(tina, "tina")
        assert tina.get(f"/people/{district.south_student}").status_code == 403
        events = [e.event for e in audit_events(db)]
        assert "person:role_revoked" in events[-4:] and "session:revoked" in events[-4:]
        entry = next(e for e in audit_events(db)[::-1] if e.event == "person:role_revoked")
        assert (entry.actor_id, entry.subject_id) == (district.admin, district.teacher)
        assert entry.before == {"role": "building_principal", "building_id": district.south}


def test_a_building_role_needs_a_building_and_a_stranger_is_refused(
    client: TestClient, district: District
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/roles")
    answer = client.post(
        "/roles/grant", data={"who": "tina", "role": "building_principal", "csrf_token": token}
    )
    assert answer.status_code == 400
    assert "Building Principal is held for a building: choose one." in answer.text
    answer = client.post(
        "/roles/grant", data={"who": "nobody", "role": "superintendent", "csrf_token": token}
    )
    assert answer.status_code == 400 and "No active staff member" in answer.text


def test_the_last_administrator_cannot_be_revoked(client: TestClient, district: District) -> None:
    sign_in(client, "ada")
    listing = client.get("/roles").text
    assignment = _revoke_id(listing, "Ada Admin")
    asked = client.get(f"/roles/{assignment}/revoke")  # the confirmation says so, no button
    assert "last person who may manage roles" in asked.text
    assert 'name="confirm"' not in asked.text
    answer = client.post(
        f"/roles/{assignment}/revoke",
        data={"confirm": "revoke", "csrf_token": csrf_of(client, "/roles")},
    )
    assert answer.status_code == 400
    assert "last person who may manage roles" in answer.text
    assert client.get("/roles").status_code == 200  # still an administrator


def test_a_revoke_posted_without_the_confirmation_revokes_nothing(
    client: TestClient, district: District, db: Database
) -> None:
    """The list's Revoke acted at once: one click took a role away. A revoke now needs the
    confirmation page's button; without it the same page is shown and nothing changes."""
    sign_in(client, "ada")
    token = csrf_of(client, "/roles")
    client.post(
        "/roles/grant",
        data={
            "who": "tina",
            "role": "building_principal",
            "building_id": district.south,
            "csrf_token": token,
        },
    )
    assignment = _revoke_id(client.get("/roles").text, "Tina Teach")
    before = len(audit_events(db))
    asked = client.post(f"/roles/{assignment}/revoke", data={"csrf_token": token})
    assert asked.status_code == 200 and "Revoke a role?" in asked.text
    assert "Revoke Building Principal from Tina Teach" in asked.text
    assert len(audit_events(db)) == before  # nothing revoked, nothing audited
    assert "Tina Teach" in client.get("/roles").text
    assert client.get("/roles/nosuchassignment/revoke").status_code == 400


def test_an_administrator_grants_a_role_in_the_browser(page: Page, site) -> None:  # noqa: F811
    keyboard_sign_in(page, site, "ada")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roles").click()
    expect(page.get_by_role("heading", name="Roles", exact=True)).to_be_visible()
    page.get_by_label("Person (username or e-mail)").fill("steve")
    page.get_by_label("Role").select_option(label="Superintendent or designee")
    page.get_by_role("button", name="Add role").click()
    expect(page.get_by_role("status")).to_have_text(
        "Steve South is now Superintendent or designee for the district."
    )
    revoke = page.get_by_role(
        "link", name="Revoke Superintendent or designee for the district from Steve South"
    )
    expect(revoke).to_be_visible()
    revoke.click()
    # it asks first, naming the person, the role and where
    expect(page.get_by_role("heading", name="Revoke a role?")).to_be_visible()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Steve South")
    expect(facts).to_contain_text("Superintendent or designee")
    expect(facts).to_contain_text("The whole district")
    page.get_by_role("link", name="Cancel").click()
    expect(revoke).to_be_visible()  # cancelled: still held
    # on a phone each row is a block, its Revoke on the screen (it was 87 px past the edge)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = revoke.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    revoke.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "roles-revoke-confirm-phone.png"), full_page=True)
    page.get_by_role("button", name="Revoke Superintendent or designee from Steve South").click()
    expect(page.get_by_role("status")).to_have_text(
        "Steve South is no longer Superintendent or designee for the district."
    )
    expect(revoke).to_have_count(0)
