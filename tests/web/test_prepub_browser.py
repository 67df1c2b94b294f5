"""The pre-publication page in a real browser: a communications officer pastes a caption
and uploads a saved group e-mail, and reads the verdicts and the suggested fix."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.web.test_browser import (  # noqa: F401  (fixtures)
    Site,
    browser,
    keyboard_sign_in,
    page,
    site,
)

EML = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "group_to_parents.eml"


def test_a_caption_and_a_group_email_are_checked(page: Page, site: Site) -> None:  # noqa: F811
    keyboard_sign_in(page, site, "ada")
    page.goto(f"{site.url}/prepub")
    page.get_by_label("Text of the post").fill(
        "Congratulations to Sam Student, speller of the year!"
    )
    page.get_by_label("Where it will go").select_option("website")
    page.get_by_role("button", name="Check the post").click()
    result = page.locator("#prepub-result")
    expect(result.get_by_role("heading")).to_have_text("Verdict: review")
    expect(result).to_contain_text("'Sam Student': no media release or opt-out on file")
    page.get_by_label("Or a saved message (.eml)").set_input_files(str(EML))
    page.get_by_role("button", name="Check the recipients").click()
    expect(result.get_by_role("heading")).to_have_text("Verdict: unsafe")
    expect(result).to_contain_text("3 external addresses of 3 families")
    expect(result).to_contain_text("Suggested fix: Put alovelace@example.org in To")
