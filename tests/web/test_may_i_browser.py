"""May I? in a real browser, as a teacher between classes would use it: type the
question, see what Lanyard understood with the words it took them from, tap the answer
to the one question that decides it, and read the answer first — on a phone too."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Locator, Page, expect

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
    # the words a fact came from as she wrote them ("friend", not the fragment "friend a")
    expect(phone.locator(".understood")).to_contain_text("from “friend”")
    expect(phone.locator(".understood")).not_to_contain_text("from “friend a”")
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


# Relative luminance contrast (WCAG 2.1) of a control's text on the first opaque background
# behind it, its box, and its focus ring, measured in the page.
_MEASURE = """e => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let back = e, bg = [255, 255, 255];
  while (back) {
    const c = rgb(getComputedStyle(back).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c; break; }
    back = back.parentElement;
  }
  const fg = rgb(getComputedStyle(e).color);
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  const box = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  return {
    contrast: (hi + 0.05) / (lo + 0.05), width: box.width, height: box.height,
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
      || style.boxShadow !== 'none',
  };
}"""


def _check_button(phone: Page, button: Locator) -> None:
    """At least 44 x 44 px, text at 4.5:1 or more, a ring when the keyboard focuses it."""
    name = button.inner_text()
    measured = button.evaluate(_MEASURE)
    assert measured["width"] >= 44 and measured["height"] >= 44, (name, measured)
    assert measured["contrast"] >= 4.5, (name, measured)
    assert not measured["ring"], (name, "a ring before it has the focus")
    button.focus()
    phone.keyboard.press("Shift+Tab")  # come back to it with the keyboard: :focus-visible
    phone.keyboard.press("Tab")
    expect(button).to_be_focused()
    assert button.evaluate(_MEASURE)["ring"], (name, "no visible focus")


def test_may_i_buttons_are_big_enough_and_show_the_focus_on_a_phone(
    browser: Browser,  # noqa: F811
    site: Site,  # noqa: F811
) -> None:
    """Found trying the demo on a phone: the starting points, "Get the answer" and the
    Yes / No / "I don't know" answers were the browser's small grey buttons."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    keyboard_sign_in(phone, site, "tina")
    phone.goto(f"{site.url}/may-i")
    for button in [
        phone.get_by_role("button", name="Get the answer"),
        *phone.get_by_role("form", name="Common questions").get_by_role("button").all(),
    ]:
        _check_button(phone, button)
    phone.get_by_label("Your question").fill("Can I text a student about homework?")
    phone.get_by_role("button", name="Get the answer").click()
    answers = phone.locator(".deciding-question button")
    expect(answers.first).to_be_visible()
    assert answers.count() >= 3  # the answers and "I don't know"
    for button in answers.all():
        _check_button(phone, button)
    _check_button(phone, phone.get_by_role("button", name="Update the answer"))
    phone.screenshot(path=str(SHOTS / "may-i-phone-buttons.png"), full_page=True)
    context.close()


def test_what_it_depends_on_comes_right_under_the_answer(
    page: Page,  # noqa: F811
    site: Site,  # noqa: F811
) -> None:
    """Found in the demo asking about a group chat on GroupMe: after "I don't know", the
    answer said "It depends" and what it depends on only came below "What I understood"."""
    keyboard_sign_in(page, site, "tina")
    _ask(page, site, "group chat on GroupMe")
    heading = page.locator("#verdict-heading")
    understood = page.get_by_role("heading", name="What I understood")
    for _ in range(8):
        expect(heading).to_have_text("It depends.")
        # right after the line saying it depends: the question, or what it turns on
        after = page.locator("p.depends + *")
        assert after.evaluate(
            "e => e.matches('.deciding-question') || !!e.querySelector('.deciding-question')"
        )
        deciding = page.locator(".deciding-question").first.bounding_box()
        last = understood.bounding_box()
        assert deciding is not None and last is not None and deciding["y"] < last["y"]
        if page.locator("#next-question").count() == 0:
            break
        page.get_by_role("button", name="I don't know").click()
    expect(page.locator("#next-question")).to_have_count(0)
    expect(page.locator(".deciding-question h3").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "may-i-depends.png"), full_page=True)


def test_a_question_it_cannot_place_says_so_where_the_phone_shows_it(
    browser: Browser,  # noqa: F811
    site: Site,  # noqa: F811
) -> None:
    """Found asking the demo about giving a student a ride home on a phone: the "I could
    not tell what you want to do" notice sat below six starting points, out of sight, and
    did not say that the policy covers technology only."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    keyboard_sign_in(phone, site, "tina")
    phone.goto(f"{site.url}/may-i")
    phone.get_by_label("Your question").fill("Can I give a student a ride home?")
    phone.get_by_role("button", name="Get the answer").click()
    notice = phone.get_by_role("alert")
    expect(notice).to_contain_text("I could not tell what you want to do.")
    expect(notice).to_contain_text("that policy does not cover it")
    expect(notice).to_be_in_viewport()
    expect(phone.locator("[data-focus]")).to_be_focused()
    context.close()
