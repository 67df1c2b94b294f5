"""In a real browser (Debian's chromium): a teacher files a social media request, her
principal approves it, and the teacher's "May I?" changes from "needs approval" to yes;
the anonymous filter-disable request; the pages on a phone. Screenshots go to
test-artifacts/screenshots/requests-*.png."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import update

from lanyard.directory.orm import ApprovalOnFile
from lanyard.web.app import create_app
from tests.support.district import seed_case_handlers, seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in

__all__ = ["browser"]


def _site(tmp: Path, template: Path, pack: str) -> Iterator[Site]:
    path = tmp / "lanyard.sqlite3"
    shutil.copy(template, path)
    app = create_app(make_settings(f"sqlite:///{path}", pack=pack))
    district = seed_district(app.state.services.db)
    seed_case_handlers(app.state.services.db, district)  # Sue, North's supervisor, and others
    with app.state.services.db.uow() as uow:
        uow.session.execute(update(ApprovalOnFile).values(revoked=True))
        uow.commit()
    with serve_in_thread(app) as url:
        yield Site(url, district)
    app.state.services.db.engine.dispose()


@pytest.fixture(scope="module")
def chsd(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    yield from _site(tmp_path_factory.mktemp("chsd"), migrated_template, "chsd-230")


@pytest.fixture(scope="module")
def wilmette(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    yield from _site(tmp_path_factory.mktemp("wilmette"), migrated_template, "wilmette-39")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def _ask_to_create_a_club_account(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="May I?").click()
    page.get_by_label("What do you want to do?").select_option("create_account")
    page.get_by_label("By", exact=True).select_option("social_post")
    page.get_by_label("App, site or platform (optional)").fill("instagram")
    page.get_by_label("From whose account").select_option("district")
    page.get_by_label("Why").select_option("district_business")
    page.get_by_role("button", name="Ask").click()


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_teacher_files_principal_approves_and_may_i_changes(page: Page, chsd: Site) -> None:
    keyboard_sign_in(page, chsd, "tina")
    _ask_to_create_a_club_account(page)
    answer = page.locator("#answer")
    expect(answer.get_by_role("heading", name="Not yet: it needs approval first.")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    page.get_by_role("link", name="New request").click()
    page.screenshot(path=str(SHOTS / "requests-new.png"), full_page=True)
    page.get_by_role("link", name="Social Media Request Form").click()
    # sending it half-filled names what is missing, and keeps what was typed
    page.get_by_label("The class or extracurricular activity").fill("Robotics club")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.get_by_role("alert")).to_contain_text("Please fix 2 things")
    page.screenshot(path=str(SHOTS / "requests-form-errors.png"), full_page=True)
    page.get_by_role("link", name="The preferred social media platform").click()
    expect(page.get_by_label("The preferred social media platform")).to_be_focused()
    page.get_by_label("The preferred social media platform").fill("Instagram")
    page.get_by_label("A narrative on the purpose").fill(
        "Share build-season photos of the robots with families."
    )
    page.get_by_role("button", name="Send for approval").click()
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()
    page.screenshot(path=str(SHOTS / "requests-submitted.png"), full_page=True)
    _sign_out(page)

    keyboard_sign_in(page, chsd, "paula")
    expect(page.get_by_text("A request awaits your decision")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    queue = page.get_by_role("region", name="Awaiting your decision (1)")
    page.screenshot(path=str(SHOTS / "requests-queue.png"), full_page=True)
    queue.get_by_role("link", name="Social Media Request Form").click()
    # a request to create an account: the limits of who it reaches and from what account
    expect(page.get_by_role("group", name="Limits of the approval (optional)")).to_be_visible()
    expect(page.get_by_label("Groups only, not one student")).to_be_visible()
    page.get_by_label("Conditions of the approval").fill("Only the club's sponsors post.")
    page.screenshot(path=str(SHOTS / "requests-decide.png"), full_page=True)
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".status-line")).to_contain_text("Approved")
    page.get_by_role("link", name="Printable approval record").click()
    expect(page.get_by_role("heading", name="Written approval: Social Media Request Form"))
    page.screenshot(path=str(SHOTS / "requests-record.png"), full_page=True)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    page.screenshot(path=str(SHOTS / "requests-record-print.png"), full_page=True)
    page.emulate_media(media="screen")
    _sign_out(page)

    keyboard_sign_in(page, chsd, "tina")
    _ask_to_create_a_club_account(page)
    expect(answer.get_by_role("heading", name="Yes, with conditions.")).to_be_visible()
    expect(answer).to_contain_text("prior written approval")
    page.screenshot(path=str(SHOTS / "requests-may-i-after.png"), full_page=True)

    # the follow-up the form asks for: the web address to the principal and technology
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Requests").click()
    page.get_by_role("link", name="Social Media Request Form").first.click()
    page.get_by_label("What to send them").fill("https://instagram.com/northrobotics")
    page.screenshot(path=str(SHOTS / "requests-follow-up.png"), full_page=True)
    page.get_by_role("button", name="Send to").click()
    expect(page.get_by_text("Done")).to_be_visible()


def test_anonymous_filter_request_on_a_phone(browser: Browser, wilmette: Site) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{wilmette.url}/anonymous/requests")
    page.get_by_role("link", name="Request to disable the Internet filter").click()
    page.get_by_label("Site or content to be reached").fill("https://example.org/archive")
    page.get_by_label("Bona fide research or other lawful purpose").fill(
        "Primary sources for a history unit."
    )
    page.screenshot(path=str(SHOTS / "requests-anonymous-phone.png"), full_page=True)
    page.get_by_role("button", name="Send anonymously").click()
    expect(page.get_by_role("heading", name="Your private link")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    page.screenshot(path=str(SHOTS / "requests-anonymous-link.png"), full_page=True)
    page.locator(".private-link a").click()
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()
    context.close()


def test_a_game_request_is_decided_without_message_limits_on_a_phone(
    browser: Browser, wilmette: Site
) -> None:
    """The supervisor deciding a game was offered "Groups only, not one student" and four
    other limits about messages, which no question about a game could ever meet."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    keyboard_sign_in(page, wilmette, "tina")
    page.goto(f"{wilmette.url}/requests/new/games")
    page.get_by_label("Game").fill("Kahoot! review game")
    page.get_by_label("Purpose").fill("End-of-unit review in fourth-grade science.")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()
    request_url = page.url
    page.goto(f"{wilmette.url}/home")
    _sign_out(page)

    keyboard_sign_in(page, wilmette, "sue")
    page.goto(request_url)
    expect(page.get_by_role("heading", name="Your decision")).to_be_visible()
    expect(page.get_by_text("Limits of the approval")).to_have_count(0)
    expect(page.get_by_label("Groups only, not one student")).to_have_count(0)
    page.get_by_label("Conditions of the approval").fill("During indoor recess only.")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the decision page scrolls sideways on a phone"
    page.screenshot(path=str(SHOTS / "requests-decide-game-phone.png"), full_page=True)
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".status-line")).to_contain_text("Approved")
    expect(page.get_by_text("During indoor recess only.").first).to_be_visible()
    context.close()


def test_disclosure_page(page: Page, chsd: Site) -> None:
    keyboard_sign_in(page, chsd, "steve")
    page.goto(f"{chsd.url}/disclosures")
    page.get_by_label("1. Find the student").fill("sally")
    page.get_by_role("button", name="Find").click()
    page.get_by_label("House of worship").check()
    page.get_by_label("4. In a few words").fill("We attend the same church.")
    page.screenshot(path=str(SHOTS / "requests-disclosure-form.png"), full_page=True)
    page.get_by_role("button", name="Record the relationship").click()
    expect(page.get_by_role("heading", name="Relationship disclosure")).to_be_visible()
    expect(page.get_by_text("The policy tells:")).to_be_visible()
    page.screenshot(path=str(SHOTS / "requests-disclosure.png"), full_page=True)
