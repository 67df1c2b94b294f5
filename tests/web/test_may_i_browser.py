"""May I? in a real browser, as a teacher between classes would use it: type the
question, see what Lanyard understood with the words it took them from, tap the answer
to the one question that decides it, and read the answer first — on a phone too."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.web.test_browser import (  # noqa: F401  (fixtures)
    SHOTS,
    Site,
    browser,
    keyboard_sign_in,
    page,
    site,
)


def _ask(page: Page, site: Site, question: str) -> None:  # noqa: F811
    page.goto(f"{site.url}/may-i")
    box = page.get_by_label("Your question")
    expect(box).to_be_focused()  # the box comes first and has the cursor
    box.fill(question)
    page.get_by_role("button", name="Get the answer").click()


def test_teacher_asks_in_her_own_words_and_answers_the_follow_up(
    page: Page,  # noqa: F811
    site: Site,  # noqa: F811
) -> None:
    keyboard_sign_in(page, site, "tina")
    _ask(page, site, "Can I text a student about homework from my phone?")
    heading = page.locator("#verdict-heading")
    expect(heading).to_have_text("No, the policy does not allow this.")
    expect(page.locator(".understood")).to_contain_text("from “my phone”")
    _ask(page, site, "Can I text a student about homework?")
    expect(heading).to_have_text("It depends.")
    understood = page.locator(".understood")
    expect(understood).to_contain_text("from “text”")
    expect(understood).to_contain_text("from “about homework”")
    page.screenshot(path=str(SHOTS / "may-i-question.png"), full_page=True)
    for _ in range(8):  # answer "No" (or the first answer) until the answer settles
        if page.locator("#next-question").count() == 0:
            break
        answers = page.locator(".deciding-question button.answer:not(.secondary)")
        no = answers.filter(has_text="No")
        (no.first if no.count() else answers.first).click()
    expect(heading).not_to_have_text("It depends.")
    expect(page.locator(".understood")).to_contain_text("your answer")
    page.screenshot(path=str(SHOTS / "may-i-answered.png"), full_page=True)


def test_a_starting_point_on_a_phone(browser: Browser, site: Site) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    keyboard_sign_in(phone, site, "tina")
    phone.goto(f"{site.url}/may-i")
    phone.get_by_role("button", name="Can I friend a student or a parent on Facebook?").click()
    expect(phone.locator("#verdict-heading")).to_be_visible()
    expect(phone.locator("#verdict-heading")).to_be_in_viewport()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"
    phone.screenshot(path=str(SHOTS / "may-i-phone.png"), full_page=True)
    context.close()


_FIELD_NAME = re.compile(
    r"\b(?:actor|channel|counterparts|content)\.[a-z_]+|\b[a-z]+_[a-z_]+\b|\b[a-z]+-[a-z]+-[a-z]+\b"
)


def _tab_to(phone: Page, name: str) -> None:
    """Press Tab until the focused control is the button named ``name`` (as a keyboard
    user does), at most 6 times."""
    for _ in range(6):
        phone.keyboard.press("Tab")
        focused = phone.evaluate("document.activeElement && document.activeElement.innerText")
        if (focused or "").strip() == name:
            return
    raise AssertionError(f"the keyboard never reached {name!r}")


def test_phone_keyboard_question_two_follow_ups_and_the_answer(
    browser: Browser,  # noqa: F811
    site: Site,  # noqa: F811
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    keyboard_sign_in(phone, site, "tina")
    phone.goto(f"{site.url}/may-i")
    expect(phone.get_by_label("Your question")).to_be_focused()
    phone.keyboard.type("Is it ok if I text my daughter during class? She's in 10th grade.")
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("button", name="Get the answer")).to_be_focused()
    phone.keyboard.press("Enter")
    heading = phone.locator("#verdict-heading")
    expect(heading).to_have_text("It depends.")
    expect(heading).to_be_focused()  # the answer comes first
    expect(
        phone.get_by_role("group", name="Is it for school business or personal?")
    ).to_be_visible()
    _tab_to(phone, "Personal")
    phone.keyboard.press("Enter")
    expect(heading).to_be_focused()
    group = phone.get_by_role(
        "group", name="Will it be on duty-free time (lunch, plan time, a break)?"
    )
    expect(group).to_be_visible()
    _tab_to(phone, "No")
    phone.keyboard.press("Enter")
    expect(heading).to_have_text("No, the policy does not allow this.")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    expect(phone.locator("#next-question")).to_have_count(0)
    understood = phone.locator(".understood")
    expect(understood).to_contain_text("your answer")
    expect(understood).to_contain_text("from “text”")
    # every control has an accessible name, and no contract field name shows anywhere
    for control in phone.locator(
        "main button, main select, main textarea, main input:not([type=hidden])"
    ).all():
        name = control.evaluate(
            "e => (e.labels && e.labels.length ? e.labels[0].textContent : '')"
            " || e.getAttribute('aria-label') || e.textContent"
        )
        assert name.strip(), control.evaluate("e => e.outerHTML")
    text = phone.locator("body").inner_text()
    assert not _FIELD_NAME.findall(text), _FIELD_NAME.findall(text)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"
    phone.screenshot(path=str(SHOTS / "may-i-phone-follow-ups.png"), full_page=True)
    context.close()
