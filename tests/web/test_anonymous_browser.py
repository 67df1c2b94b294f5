"""In a real browser (Debian's chromium): the anonymous filter-disable request made signed
out (no cookie is ever set), and the same pages opened from a signed-in browser, which
they ignore (issue 10, finding 10). Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.web.test_browser import SHOTS, browser, keyboard_sign_in
from tests.web.test_requests_browser import Site, wilmette

__all__ = ["browser", "wilmette"]


def _fill_and_send(page: object, base: str) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    page.goto(f"{base}/anonymous/requests")
    expect(
        page.get_by_role("heading", name="What Lanyard keeps, and what it does not")
    ).to_be_visible()
    page.get_by_role("link", name="Request to disable the Internet filter").click()
    expect(page.get_by_label("Requester")).to_have_count(0)
    page.get_by_label("Site or content to be reached").fill("https://example.org/archive")
    page.get_by_label("Bona fide research or other lawful purpose").fill(
        "Primary sources for a history unit."
    )
    page.get_by_role("button", name="Send anonymously").click()
    expect(page.get_by_role("heading", name="Your private link")).to_be_visible()


def test_signed_out_anonymous_request_sets_no_cookie(browser: Browser, wilmette: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    _fill_and_send(page, wilmette.url)
    page.screenshot(path=str(SHOTS / "anonymous-signed-out-filed.png"), full_page=True)
    page.locator(".private-link a").click()
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()
    # only the day is kept: the history shows no made-up time (it read "00:00 UTC", or
    # "18:00 CST" of the day before in Chicago)
    sent = page.locator("ol.history li").first
    expect(sent).to_contain_text("the day only: the time is not kept")
    expect(sent).not_to_contain_text(re.compile(r"\d\d:\d\d"))
    assert context.cookies() == [], "the anonymous pages gave the browser a cookie"
    context.close()


def test_a_signed_in_browser_is_ignored_by_the_anonymous_pages(
    browser: Browser, wilmette: Site
) -> None:
    context = browser.new_context()
    page = context.new_page()
    keyboard_sign_in(page, wilmette, "tina")
    before = [c["value"] for c in context.cookies() if c["name"] == "lanyard_session"]
    page.goto(f"{wilmette.url}/anonymous/requests")
    expect(page.get_by_text("ignore any Lanyard sign-in in this browser")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "anonymous-signed-in-browser.png"), full_page=True)
    _fill_and_send(page, wilmette.url)
    after = [c["value"] for c in context.cookies() if c["name"] == "lanyard_session"]
    assert after == before  # the session was neither read into the request nor renewed
    # Signed out, the browser still holds a (signed-out) session cookie: the page must not
    # tell the person they are signed in (it said "This browser is signed in to Lanyard").
    page.goto(f"{wilmette.url}/home")
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{wilmette.url}/anonymous/requests/filter-disable")
    expect(page.get_by_text("signed in to Lanyard")).to_have_count(0)
    expect(page.get_by_role("note")).to_contain_text("whether you are signed in or not")
    context.close()
