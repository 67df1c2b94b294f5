"""In a real browser (Debian's chromium through Playwright): keyboard sign-in, the pages
a principal sees, a 403 for another building's person. Screenshots of each page go to
test-artifacts/screenshots/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from lanyard.web.app import create_app
from tests.support.district import PASSWORD, District, seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-artifacts" / "screenshots"


@dataclass
class Site:
    url: str
    district: District


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("browser") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}"))
    district = seed_district(app.state.services.db)
    with serve_in_thread(app) as url:
        yield Site(url, district)
    app.state.services.db.engine.dispose()


@pytest.fixture(scope="module")
def browser(chromium: Browser) -> Browser:
    """The test process's one chromium (``chromium`` in conftest.py): launched once, not
    once per module; every test still opens a context of its own (no shared cookies)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    return chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def keyboard_sign_in(page: Page, site: Site, username: str) -> None:
    page.goto(f"{site.url}/signin")
    expect(page.get_by_label("Username", exact=True)).to_be_focused()  # autofocus
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site.url}/home")


def test_principal_signs_in_with_the_keyboard_and_sees_home(page: Page, site: Site) -> None:
    page.goto(f"{site.url}/signin")
    page.screenshot(path=str(SHOTS / "signin.png"), full_page=True)
    keyboard_sign_in(page, site, "paula")
    expect(page.get_by_role("heading", name="Hello, Paula Prince")).to_be_visible()
    # the skip link is the first thing the keyboard reaches, and it leads to the content
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Directory")).to_be_visible()
    expect(nav.get_by_role("link", name="Audit log")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)


def test_principal_uses_the_directory_and_cannot_open_another_building(
    page: Page, site: Site
) -> None:
    keyboard_sign_in(page, site, "paula")
    page.get_by_role("link", name="Directory").click()
    page.get_by_label("Search by name, e-mail or id").fill("sam")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Sam Student")).to_be_visible()
    page.screenshot(path=str(SHOTS / "directory.png"), full_page=True)
    page.get_by_role("link", name="Sam Student").click()
    expect(page.get_by_role("heading", name="Sam Student")).to_be_visible()
    page.screenshot(path=str(SHOTS / "person.png"), full_page=True)
    response = page.goto(f"{site.url}/people/{site.district.south_student}")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="You can't open this page")).to_be_visible()
    assert "Sally" not in page.content()
    page.screenshot(path=str(SHOTS / "forbidden.png"), full_page=True)


def test_administrator_verifies_the_audit_log(page: Page, site: Site) -> None:
    keyboard_sign_in(page, site, "ada")
    page.get_by_role("link", name="Audit log").click()
    page.get_by_role("button", name="Verify the chain").click()
    expect(page.get_by_text("Audit log intact:")).to_be_visible()
    # events in words, each with the log's own name beside it (for a records request)
    entries = page.get_by_role("region", name="Audit entries")
    checked = entries.get_by_role("row").filter(has_text="Audit log checked").first
    expect(checked).to_contain_text("audit:verified")
    # its details in words too (they read "entries: 3 problems: []"), and its time on one
    # line (it wrapped onto three)
    expect(checked.locator("td.details")).to_have_text(
        re.compile(r"^Entries: \d+ Problems: none\s*$")
    )
    when = checked.locator("time").bounding_box()
    assert when and when["height"] < 30, when
    page.screenshot(path=str(SHOTS / "audit.png"), full_page=True)
    page.get_by_label("Event").select_option(label="Signed in")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"event=account%3Asigned_in"))
    expect(entries.get_by_role("row").nth(1)).to_contain_text("Signed in")
    expect(entries).not_to_contain_text("Audit log checked")


def test_home_on_a_phone(browser: Browser, site: Site) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    keyboard_sign_in(page, site, "tina")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    page.screenshot(path=str(SHOTS / "home-phone.png"), full_page=True)
    context.close()


def test_teacher_asks_may_i_and_her_disclosure_on_file_decides(page: Page, site: Site) -> None:
    keyboard_sign_in(page, site, "tina")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="May I?").click()
    page.get_by_label("What do you want to do?").select_option("message")
    page.get_by_label("Who", exact=True).select_option("student")
    page.get_by_label("By", exact=True).select_option("text_message")
    page.get_by_label("From whose account").select_option("personal")
    page.get_by_label("On whose device").select_option("personal")
    page.get_by_label("Why").select_option("personal")
    page.get_by_label("Are you on duty at the time?").select_option("no")
    page.get_by_role("button", name="Ask").click()
    answer = page.locator("#answer")
    expect(
        answer.get_by_role("heading", name="No, the policy does not allow this.")
    ).to_be_visible()
    expect(answer.locator("blockquote").first).to_contain_text(
        "prohibited from using technology to communicate with a student"
    )
    page.screenshot(path=str(SHOTS / "may-i-prohibited.png"), full_page=True)
    # The same question about her nephew, whose relationship is disclosed on file.
    page.get_by_label("A student you have disclosed a relationship with").select_option(
        label="Sam Student"
    )
    page.get_by_role("button", name="Ask").click()
    expect(answer.get_by_text("your relationship disclosure on file")).to_be_visible()
    expect(answer.get_by_role("heading", name="No, the policy does not allow this.")).to_have_count(
        0
    )
    expect(answer.locator("blockquote").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "may-i-disclosure.png"), full_page=True)


def test_administrator_sees_the_import_page(page: Page, site: Site) -> None:
    keyboard_sign_in(page, site, "ada")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import the directory")).to_be_visible()
    page.screenshot(path=str(SHOTS / "import.png"), full_page=True)


def _luminance(rgb: str) -> float:
    channels = [int(v) / 255 for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_links_under_the_header_can_be_read_on_its_dark_background(
    page: Page, site: Site
) -> None:
    """Found trying the demo: "Your sessions" and "Photo consent" were the page's link blue
    on the header's navy (about 1.6:1), hard to find at all. WCAG AA asks 4.5:1."""
    keyboard_sign_in(page, site, "tina")
    background = _luminance(
        page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    )
    for name in ("Your sessions", "Photo consent"):
        link = page.locator(".signed-in").get_by_role("link", name=name)
        colour = _luminance(link.evaluate("e => getComputedStyle(e).color"))
        light, dark = max(colour, background), min(colour, background)
        ratio = (light + 0.05) / (dark + 0.05)
        assert ratio >= 4.5, f"{name}: contrast {ratio:.1f}:1 on the header"
