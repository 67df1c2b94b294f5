"""The pre-publication page in a real browser: a communications officer pastes a caption
and uploads a saved group e-mail, and reads the verdicts and the suggested fix; checks a
batch of photos, blurs a face and downloads the cleaned photo."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, expect

from lanyard.prepub.photos import detect_faces
from tests.web.test_browser import (  # noqa: F401  (fixtures)
    Site,
    browser,
    keyboard_sign_in,
    page,
    site,
)

EML = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "group_to_parents.eml"
PHOTOS = EML.parent / "photos"


def test_a_caption_and_a_group_email_are_checked(page: Page, site: Site) -> None:  # noqa: F811
    keyboard_sign_in(page, site, "ada")
    page.goto(f"{site.url}/prepub")
    # The tab reads as the page's name, with no markup in it.
    expect(page).to_have_title("Check before publishing · Lanyard")
    page.get_by_label("Text of the post").fill(
        "Congratulations to Sam Student, speller of the year!"
    )
    page.get_by_label("Where it will go").select_option("website")
    page.get_by_role("button", name="Check the post").click()
    result = page.locator("#prepub-result")
    expect(result.get_by_role("heading")).to_have_text("Verdict: review")
    expect(result).to_contain_text("'Sam Student': no media release or opt-out on file")
    page.get_by_label("Or a saved message").set_input_files(str(EML))
    page.get_by_role("button", name="Check the recipients").click()
    expect(result.get_by_role("heading")).to_have_text("Verdict: unsafe")
    expect(result).to_contain_text("3 external addresses of 3 families")
    expect(result).to_contain_text("Suggested fix: Put alovelace@example.org in To")


def test_a_photo_batch_is_checked_and_a_blurred_photo_downloaded_without_metadata(
    page: Page,  # noqa: F811
    site: Site,  # noqa: F811
    tmp_path: Path,
) -> None:
    keyboard_sign_in(page, site, "ada")
    page.goto(f"{site.url}/prepub")
    expect(page.get_by_text("Face recognition is off:")).to_be_visible()
    batch = [PHOTOS / n for n in ("group_three.jpg", "coffee.jpg", "astronaut_gps.jpg")]
    page.get_by_label("Photos of the post").set_input_files([str(p) for p in batch])
    page.get_by_label("Where they will go").select_option("social")
    page.get_by_role("button", name="Check the photos").click()
    expect(page.locator("#photo-progress")).to_have_text("Checked 3 of 3 photos.")
    results = page.locator(".photo-result")
    expect(results.nth(0).get_by_role("heading")).to_have_text("group_three.jpg: review")
    expect(results.nth(0)).to_contain_text("review: 3 people not tagged")
    expect(results.nth(0).locator(".photo-face")).to_have_count(3)
    expect(results.nth(1).get_by_role("heading")).to_have_text("coffee.jpg: safe")
    astronaut = results.nth(2)
    expect(astronaut).to_contain_text("1 faces found, 0 tagged.")
    astronaut.get_by_label("Blur face 1").check()
    with page.expect_download() as info:
        astronaut.get_by_role("button", name="Download the cleaned photo").click()
    download = info.value
    assert download.suggested_filename == "cleaned-astronaut_gps.jpg"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert b"GPS" not in data and b"Canon" not in data
    cleaned = Image.open(saved)
    assert not cleaned.getexif() and "xmp" not in cleaned.info
    assert detect_faces(cleaned) == [], "the face is blurred"
    expect(page.locator("#photo-progress")).to_contain_text("1 faces blurred, metadata removed")
