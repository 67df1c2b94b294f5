"""In a real browser: everyone a threat alert is sent to signs in, opens the alert from
their home page and lands on the case with the comment, the pack's guidance and who has
been told, in a pack with its own report type for threats (Naperville 203) and in packs
without one (Wilmette 39, CHSD 230: the building administration and the district's safety
contact). Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from lanyard.auth.orm import Account
from lanyard.cases.routing import case_link
from lanyard.connectors.comments import connector
from lanyard.db.session import Database
from lanyard.moderation import service
from lanyard.moderation.orm import Comment
from lanyard.notify.orm import Notification
from lanyard.web.app import create_app
from tests.integration.moderation.seed import NOW, seed_moderation
from tests.integration.moderation.test_threat_escalation import SAFETY, THREAT, safety_contact
from tests.support.district import PASSWORD
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, browser

__all__ = ["browser"]

CSV = f'id,text,created_at,author\nt-1,"{THREAT}",2026-11-23T20:00:00Z,Angry Parent\n'


def _alerts(db: Database) -> tuple[str, dict[str, str]]:
    """The case the threat opened and the sign-in of everyone told about it."""
    with db.uow() as uow:
        comment = uow.session.scalars(select(Comment)).one()
        assert comment.case_id is not None
        rows = uow.session.execute(
            select(Account.username, Notification.id)
            .join(Notification, Notification.person_id == Account.person_id)
            .where(Notification.link == case_link(comment.case_id))
        ).all()
        return comment.case_id, {str(u): str(n) for u, n in rows}


@pytest.fixture(params=["naperville-203", "wilmette-39", "chsd-230"])
def threat_site(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_template: Path
) -> Iterator[tuple[str, str, str, dict[str, str]]]:
    pack = request.param
    path = tmp_path / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}", pack=pack, safety_contact=SAFETY))
    db = app.state.services.db
    mod = seed_moderation(db)
    safety_contact(db, mod.district.north)
    with db.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id=pack,
            account_id=mod.north_page,
            records=connector("csv").read("threat.csv", CSV),
            now=NOW,
            safety_contact=app.state.services.settings.safety_contact,
        )
    case_id, told = _alerts(db)
    with serve_in_thread(app) as url:
        yield pack, url, case_id, told
    db.engine.dispose()


def test_every_recipient_of_a_threat_alert_opens_the_case_and_the_comment(
    browser: Browser, threat_site: tuple[str, str, str, dict[str, str]]
) -> None:
    pack, url, case_id, told = threat_site
    expected = {"naperville-203": {"bea"}, "wilmette-39": {"paula", "bea", "sam"}}
    assert set(told) == expected.get(pack, {"paula", "sam"}), told
    for username, notification_id in sorted(told.items()):
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/signin")
        page.get_by_label("Username", exact=True).fill(username)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Password", exact=True).press("Enter")
        page.wait_for_url(f"{url}/home")
        alert = page.locator(f'a[href="/notifications/{notification_id}/open"]')
        # a handler's task and its alert are one item, in the task's words, for the safety
        # contact too (Sam, who holds no role, saw the e-mail's "New report for you" text)
        expect(alert).to_contain_text(re.compile("[Rr]eport to acknowledge"))
        expect(alert).not_to_contain_text("New report for you")
        alert.click()
        page.wait_for_url(f"{url}{case_link(case_id)}")
        expect(page.locator("h1")).not_to_contain_text("can't open")
        expect(page.locator("#case-comment-text")).to_contain_text("bring a gun to North")
        expect(page.locator("#case-comment-text mark").first).to_be_visible()
        expect(page.locator("#case-guidance")).to_contain_text(
            "If anyone is in immediate danger, call 911"
        )
        told_list = page.locator("#case-told")
        for name in {"bea": "Bea Bldg", "paula": "Paula Prince", "sam": "Sam Safe"}.values():
            if any(n.split()[0].lower() in told for n in [name]):
                expect(told_list).to_contain_text(name)
        if pack == "naperville-203":
            expect(told_list).to_contain_text("law enforcement")
        else:
            expect(told_list).to_contain_text("district safety contact")
        page.screenshot(path=str(SHOTS / f"threat-case-{pack}-{username}.png"), full_page=True)
        context.close()
