"""In a real browser: the building office records a parent's written biometric consent and
withdraws it, with face recognition off (no reference photo, nothing matched) and on (a
reference photo enrolled, the photo check says "matched by face recognition — confirm",
and after the withdrawal no longer does); and a photo checked for an official account
chosen as its destination (the account's uses: a student opted out of video is unsafe on
the district's YouTube channel, not on the website)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import update

from lanyard.db.session import Database
from lanyard.directory.orm import Person
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.prepub.domain import school_year_of
from lanyard.prepub.orm import Consent
from lanyard.web.app import create_app
from tests.support.district import District, seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import browser, keyboard_sign_in, page  # noqa: F401  (fixtures)

PHOTOS = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "photos"
NOW = dt.datetime.now(dt.UTC)


@dataclass
class Office:
    url: str
    district: District
    db: Database
    recognition: bool


@pytest.fixture(scope="module", params=[False, True], ids=["recognition-off", "recognition-on"])
def office(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    migrated_template: Path,
) -> Iterator[Office]:
    path = tmp_path_factory.mktemp("biometric") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    app = create_app(make_settings(f"sqlite:///{path}", face_recognition=request.param))
    db: Database = app.state.services.db
    district = seed_district(db)
    with db.uow(write=True) as uow:
        uow.session.execute(update(Person).where(Person.id == district.student)
                            .values(identifier="200101"))  # fmt: skip
        uow.commit()
    with serve_in_thread(app) as url:
        yield Office(url, district, db, request.param)
    db.engine.dispose()


def _check_group_photo(tab: Page, office: Office) -> None:
    tab.goto(f"{office.url}/prepub")
    tab.get_by_label("Photos of the post").set_input_files(str(PHOTOS / "group_three.jpg"))
    tab.get_by_label("Where they will go").select_option("social")
    tab.get_by_role("button", name="Check the photos").click()
    expect(tab.locator("#photo-progress")).to_have_text("Checked 1 of 1 photos.")


def test_a_written_biometric_consent_is_recorded_and_withdrawn(
    page: Page,  # noqa: F811
    office: Office,
) -> None:
    keyboard_sign_in(page, office, "ada")  # type: ignore[arg-type]
    page.goto(f"{office.url}/prepub/consents/biometric")
    page.get_by_label("Student (student number or sourcedId)").fill("200101")
    page.get_by_role("button", name="Find").click()
    on_file = page.locator("#biometric-on-file")
    expect(on_file).to_contain_text("No biometric consent on file")
    lede = page.locator(".lede")
    if office.recognition:
        expect(lede).to_contain_text("This district has turned face recognition on")
    else:
        expect(lede).to_contain_text("Face recognition is off in this district")
    page.get_by_label(
        "The parent's signed, written consent to face recognition is received"
    ).check()
    page.get_by_label("Date it was signed").fill("2026-11-20")
    page.get_by_label("Note (the form, who brought it)").fill("form BIO-1")
    page.get_by_role("button", name="Record the written consent").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Recorded: written biometric consent signed 2026-11-20."
    )
    expect(on_file).to_contain_text("Written consent on file, signed 2026-11-20")
    expect(on_file).to_contain_text("by Ada Admin (form BIO-1)")
    reference = page.get_by_label("Reference photo", exact=False)
    if not office.recognition:
        expect(reference).to_have_count(0)  # off: no template is ever made
        expect(on_file).to_contain_text("No reference photo enrolled: the student is not matched")
        _check_group_photo(page, office)
        expect(page.locator(".photo-result")).not_to_contain_text("matched by face recognition")
        page.goto(f"{office.url}/prepub/consents/biometric?student=200101")
    else:
        reference.set_input_files(str(PHOTOS / "hopper.jpg"))
        page.get_by_role("button", name="Enroll the reference photo").click()
        expect(page.get_by_role("status")).to_contain_text("Face template enrolled")
        expect(on_file).to_contain_text("Face template enrolled")
        _check_group_photo(page, office)
        expect(page.locator(".photo-result")).to_contain_text(
            "matched by face recognition to Sam Student (student 200101) — confirm"
        )
        page.goto(f"{office.url}/prepub/consents/biometric?student=200101")
    page.get_by_role("button", name="Withdraw the consent and delete the face template").click()
    expect(page.get_by_role("status")).to_contain_text("Withdrawn: the consent and the student's")
    expect(on_file).to_contain_text("No biometric consent on file")
    expect(page.get_by_role("button", name="Withdraw the consent")).to_have_count(0)
    if office.recognition:
        _check_group_photo(page, office)
        result = page.locator(".photo-result")
        expect(result).to_contain_text("review: 3 people not tagged")
        expect(result).not_to_contain_text("review: review:")  # the verdict said once
        expect(result).not_to_contain_text("matched by face recognition")


def test_a_photo_is_checked_for_the_official_account_chosen(
    page: Page,  # noqa: F811
    office: Office,
) -> None:
    if office.recognition:
        pytest.skip("the destination does not depend on face recognition: checked once")
    district = office.district
    with office.db.uow(write=True) as uow:
        uow.session.add(OfficialAccount(
            pack_id="wilmette-39", platform="youtube", handle="@north.videos",
            url="https://youtube.example.com/north.videos", purpose="School news",
            building_id=district.north, owner_id=district.principal,
            created_with_email="paula.prince@example.org", created_at=NOW,
        ))  # fmt: skip
        for scope, decision in (("video", "opt_out"), ("social_media", "opt_in"),
                                ("website", "opt_in")):  # fmt: skip
            year = school_year_of(NOW.date())
            uow.session.add(Consent(student_id=district.student, scope=scope, decision=decision,
                                    school_year=year, updated_at=NOW))  # fmt: skip
        uow.commit()
    keyboard_sign_in(page, office, "ada")  # type: ignore[arg-type]
    page.goto(f"{office.url}/prepub")
    where = page.get_by_label("Where they will go")
    where.select_option(label="YouTube @north.videos")
    page.get_by_label("Photos of the post").set_input_files(str(PHOTOS / "hopper.jpg"))
    page.get_by_role("button", name="Check the photos").click()
    result = page.locator(".photo-result").first
    expect(result).to_contain_text("Checked for YouTube @north.videos.")
    expect(result).to_contain_text("1 faces found, 0 tagged.")
    result.get_by_label("People tagged in hopper.jpg").fill("200101")
    result.get_by_role("button", name="Check again").click()
    expect(result.get_by_role("heading")).to_have_text("hopper.jpg: unsafe")
    expect(result).to_contain_text("video")
    # the same photo and tag for the website: Sam's family gave a release for it
    where.select_option("website")
    result.get_by_role("button", name="Check again").click()
    expect(result).to_contain_text("Checked for the district's website.")
    expect(result.get_by_role("heading")).to_have_text("hopper.jpg: safe")
