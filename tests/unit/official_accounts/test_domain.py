"""What the packs ask of an official account, read from the packs themselves, and the
checks on a draft (each problem under its field)."""

from __future__ import annotations

import datetime as dt

from lanyard.official_accounts.domain import (
    Draft,
    Facts,
    ManagerFact,
    adult_on,
    requirements,
    validate_account,
    validate_reason,
    validate_secret,
)
from lanyard.policy import load_pack


def _texts(pack_id: str, platform: str) -> list[str]:
    return [s.text for s in requirements(load_pack(pack_id).document, platform).statements]


def test_wilmette_social_account_must_say_district_account_not_an_open_forum() -> None:
    reqs = requirements(load_pack("wilmette-39").document, "facebook")
    texts = [s.text for s in reqs.statements]
    assert any("not an open or limited open forum" in t for t in texts)
    assert any("District account, not a personal employee account" in t for t in texts)
    assert "social-media-request" in reqs.approval_forms
    assert all(s.clause and s.quote for s in reqs.statements)


def test_wilmette_website_has_its_own_statement_and_form() -> None:
    reqs = requirements(load_pack("wilmette-39").document, "website")
    assert any("on the website that it is not an open" in s.text for s in reqs.statements)
    assert "website" in reqs.approval_forms
    assert "logo-use" not in reqs.approval_forms  # only for a site that shows the logo


def test_naperville_profile_statement_is_for_social_accounts_not_websites() -> None:
    assert not any("affiliation" in t for t in _texts("naperville-203", "website"))


def test_naperville_account_states_affiliation_and_role() -> None:
    assert any("affiliation" in t for t in _texts("naperville-203", "instagram"))


def test_wem_site_needs_logo_homepage_link_email_and_phone() -> None:
    texts = _texts("wem-2143", "facebook")
    assert any("official district logo" in t and "telephone" in t for t in texts)
    assert len(texts) == len(set(texts))  # the same duty from several rules is listed once


def _draft(**overrides: object) -> Draft:
    values: dict[str, object] = {
        "platform": "facebook",
        "handle": "@north",
        "url": "https://facebook.com/north",
        "purpose": "News and events for families of North.",
        "created_with_email": "office@district.org",
        "students_post": False,
        "statements_confirmed": frozenset(),
        "approval_on_file_id": "ap1",
        "building_id": None,
    }
    values.update(overrides)
    return Draft(**values)  # type: ignore[arg-type]


ADULT = ManagerFact("p1", "staff", adult=True)
STUDENT = ManagerFact("p2", "student", adult=False)


def _facts(*managers: ManagerFact) -> Facts:
    return Facts(
        district_domains=frozenset({"district.org"}),
        managers=managers or (ADULT,),
        eligible_approval_ids=frozenset({"ap1"}),
    )


def test_a_complete_draft_has_no_problems() -> None:
    reqs = requirements(load_pack("wilmette-39").document, "facebook")
    draft = _draft(statements_confirmed=frozenset(s.id for s in reqs.statements))
    assert not validate_account(draft, _facts(), reqs)


def test_personal_email_missing_statement_and_approval_are_each_named() -> None:
    reqs = requirements(load_pack("wilmette-39").document, "facebook")
    problems = validate_account(
        _draft(created_with_email="me@gmail.com", approval_on_file_id="other"), _facts(), reqs
    ).by_field
    assert "district e-mail address" in problems["created_with_email"]
    assert "not an open or limited open forum" in problems["statements"]
    assert "Section IV" in problems["statements"]
    assert "not a current social-media-request" in problems["approval_on_file_id"]


def test_students_posting_need_an_adult_employee_manager() -> None:
    reqs = requirements(load_pack("naperville-203").document, "instagram")
    confirmed = frozenset(s.id for s in reqs.statements)
    draft = _draft(students_post=True, statements_confirmed=confirmed)
    assert "adult employee" in validate_account(draft, _facts(STUDENT), reqs).by_field["managers"]
    assert "managers" not in validate_account(draft, _facts(STUDENT, ADULT), reqs).by_field


def test_adult_unless_a_birth_date_says_otherwise() -> None:
    today = dt.date(2026, 11, 23)
    assert adult_on(None, today)
    assert adult_on(dt.date(2008, 11, 23), today)
    assert not adult_on(dt.date(2008, 11, 24), today)


def test_reveal_needs_a_real_reason_and_escrow_a_confirmed_password() -> None:
    assert validate_reason("because") is not None
    assert validate_reason("Records request 2026-114 for page admins") is None
    assert "differ" in validate_secret("login", "a", "b")["confirm"]
    assert set(validate_secret("", "", "")) == {"login", "secret"}


def test_what_a_wem_site_must_include_is_checked_for() -> None:
    texts = _texts("wem-2143", "facebook")
    assert "the official district logo" in texts
    assert "a link to the District's homepage" in texts


def test_platforms_are_named_as_people_write_them() -> None:
    from lanyard.official_accounts.domain import platform_name

    assert [platform_name(p) for p in ("facebook", "youtube", "x", "instagram", "tiktok")] == [
        "Facebook",
        "YouTube",
        "X",
        "Instagram",
        "TikTok",
    ]
    assert platform_name("mastodon") == "Mastodon"  # one Lanyard does not list
