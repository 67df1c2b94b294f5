"""In a real browser: an administrator reveals an escrowed credential with a reason, sees
it once, and the audit log shows ``escrow:revealed`` — while the secret is nowhere in the
audit log or, in plaintext, in the database file. A teacher registers an account."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from lanyard.auth.service import principal_for
from lanyard.crypto import keyring_from_settings
from lanyard.directory.orm import ApprovalOnFile
from lanyard.official_accounts import escrow, service
from lanyard.official_accounts.domain import requirements
from lanyard.official_accounts.orm import EscrowedCredential
from lanyard.official_accounts.service import AccountInput
from lanyard.policy import load_pack
from lanyard.web.app import create_app
from tests.support.district import DOMAIN, District, seed_district
from tests.support.servers import serve_in_thread
from tests.web.conftest import make_settings
from tests.web.test_browser import SHOTS, browser, keyboard_sign_in, page  # noqa: F401

SECRET = "Pl41ntext-Never-Stored-7731"
# Every statement Wilmette's policy asks of a Facebook account, as the registration form lists them.
STATEMENTS = [s.id for s in requirements(load_pack("wilmette-39").document, "facebook").statements]


@dataclass
class AccountSite:
    url: str
    district: District
    db_path: Path
    account_id: str


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Iterator[AccountSite]:
    path = tmp_path_factory.mktemp("accounts-browser") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    settings = make_settings(f"sqlite:///{path}")
    app = create_app(settings)
    db = app.state.services.db
    district = seed_district(db)
    now = dt.datetime.now(dt.UTC)
    with db.uow() as uow:
        tina = principal_for(uow.session, district.teacher)
        approval = uow.session.scalars(
            select(ApprovalOnFile.id).where(ApprovalOnFile.person_id == district.teacher)
        ).one()
    assert tina is not None
    data = AccountInput(
        platform="facebook",
        handle="@NorthEagles",
        url="https://facebook.com/NorthEagles",
        purpose="News and events of North Elementary for families.",
        created_with_email=f"north.office@{DOMAIN}",
        students_post=False,
        statements_confirmed=frozenset(STATEMENTS),
        approval_on_file_id=approval,
        building_id=district.north,
        manager_emails=(f"tina.teach@{DOMAIN}",),
    )
    with db.uow() as uow:
        account_id = service.register(
            uow=uow,
            pack=load_pack(settings.pack).document,
            principal=tina,
            data=data,
            configured_domains=settings.district_domains,
            now=now,
        )
    with db.uow() as uow:
        escrow.deposit(
            uow=uow,
            keyring=keyring_from_settings(settings),
            principal=tina,
            account_id=account_id,
            login="north.office",
            secret=SECRET,
            confirm=SECRET,
            now=now,
        )
    with serve_in_thread(app) as url:
        yield AccountSite(url, district, path, account_id)
    db.engine.dispose()


def _database_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_administrator_reveals_a_credential_and_the_audit_log_records_it(
    page: Page,  # noqa: F811
    site: AccountSite,
) -> None:
    keyboard_sign_in(page, site, "ada")  # type: ignore[arg-type]
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Accounts").click()
    page.get_by_role("link", name="@NorthEagles").click()
    expect(page.get_by_role("heading", name="Escrowed credential")).to_be_visible()
    assert SECRET not in page.content()
    page.get_by_role("button", name="Reveal the password").click()
    # no reason: refused, nothing revealed
    expect(page.locator("#reason-error")).to_contain_text("State why you need the credential")
    assert SECRET not in page.content()
    page.get_by_label("Why do you need it?").fill("Records request 2026-114: confirm page admins")
    page.screenshot(path=str(SHOTS / "accounts-reveal-form.png"), full_page=True)
    page.get_by_role("button", name="Reveal the password").click()
    expect(page.get_by_role("heading", name="Shown once")).to_be_visible()
    expect(page.locator("#revealed-secret")).to_have_text(SECRET)
    page.screenshot(path=str(SHOTS / "accounts-revealed.png"), full_page=True)
    # shown once: the account page does not show it again
    page.goto(f"{site.url}/accounts/{site.account_id}")
    assert SECRET not in page.content()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    page.get_by_label("Event").select_option("escrow:revealed")
    page.get_by_role("button", name="Filter").click()
    row = page.get_by_role("row").filter(has_text="escrow:revealed")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Ada Admin")
    expect(row).to_contain_text("Records request 2026-114")
    page.screenshot(path=str(SHOTS / "accounts-audit.png"), full_page=True)
    page.get_by_label("Event").select_option("")
    page.get_by_role("button", name="Filter").click()
    assert SECRET not in page.content()

    with sqlite3.connect(site.db_path) as conn:
        row = conn.execute(
            f"SELECT * FROM {EscrowedCredential.__tablename__} WHERE account_id = ?",
            (site.account_id,),
        ).fetchone()
    row_bytes = b"|".join(v if isinstance(v, bytes) else str(v).encode() for v in row)
    assert SECRET.encode() not in row_bytes
    raw = _database_bytes(site.db_path)
    assert b"Records request 2026-114" in raw  # the reason is there, in the clear
    assert SECRET.encode() not in raw
    assert SECRET.encode("utf-16-le") not in raw


def test_teacher_registers_an_account_with_the_policy_checklist(
    page: Page,  # noqa: F811
    site: AccountSite,
) -> None:
    keyboard_sign_in(page, site, "tina")  # type: ignore[arg-type]
    page.goto(f"{site.url}/accounts/new")
    page.get_by_label("Platform").select_option("website")
    expect(page.get_by_text("state clearly on the website that it is not an open")).to_be_visible()
    page.get_by_label("Handle or site name").fill("North Art Club")
    page.get_by_label("Address (https://…)").fill("https://sites.example.org/north-art")
    page.get_by_label("Purpose statement").fill("Art club news and student exhibition dates.")
    page.get_by_label("Created with the e-mail address").fill("tina@gmail.com")
    page.get_by_role("button", name="Register the account").click()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()
    expect(page.get_by_text("not a personal one").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "accounts-register-errors.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1100


def test_account_pages_fit_a_phone(browser: object, site: AccountSite) -> None:  # noqa: F811
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    keyboard_sign_in(phone, site, "paula")  # type: ignore[arg-type]
    for path, shot in (
        ("/accounts", "accounts-list-phone.png"),
        (f"/accounts/{site.account_id}", "accounts-detail-phone.png"),
        ("/accounts/new", "accounts-new-phone.png"),
    ):
        phone.goto(f"{site.url}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        phone.screenshot(path=str(SHOTS / shot), full_page=True)
        assert width <= 390, f"{path} scrolls sideways on a phone"
    context.close()
