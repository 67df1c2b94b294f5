"""What an official account must be, in the district pack's words: pure values and checks.

- :func:`requirements` reads the pack for what creating a district account or website
  asks: the statements the site must carry (the ``disclaim``, ``document`` and ``include``
  duties of the ``create_account`` rules, each with its clause and quote) and the approval
  forms that authorize it.
- :func:`validate_account` checks a draft against them and the directory facts the
  service looked up, returning every problem, each naming its field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lanyard.policy.pack import PackDocument, Rule

PLATFORMS: dict[str, str] = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "x": "X",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "snapchat": "Snapchat",
    "linkedin": "LinkedIn",
    "threads": "Threads",
    "blog": "Blog",
    "website": "Website",
    "other": "Other",
}
WEBSITE_PLATFORMS = frozenset({"website", "blog"})


def platform_name(platform: str) -> str:
    """A platform as people write it, wherever Lanyard shows one ("facebook" -> "Facebook",
    "youtube" -> "YouTube", "x" -> "X"); one Lanyard does not list, capitalized."""
    return PLATFORMS.get(platform) or platform[:1].upper() + platform[1:]


REVEAL_REASON_MIN = 15
PURPOSE_MIN = 20
_URL = re.compile(r"^https://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)$")
_HANDLE = re.compile(r"^@?[\w.\-/ ]{1,255}$")


@dataclass(frozen=True)
class Statement:
    """One statement the pack requires on an official account or website."""

    id: str
    text: str
    clause: str
    quote: str


@dataclass(frozen=True)
class Requirements:
    statements: tuple[Statement, ...]
    approval_forms: tuple[str, ...]  # any one of them, on file for the owner


@dataclass(frozen=True)
class ManagerFact:
    person_id: str
    kind: str  # staff | student | parent | volunteer
    adult: bool
    active: bool = True

    @property
    def adult_employee(self) -> bool:
        return self.kind == "staff" and self.adult and self.active


@dataclass(frozen=True)
class Draft:
    platform: str
    handle: str
    url: str
    purpose: str
    created_with_email: str
    students_post: bool
    statements_confirmed: frozenset[str]
    approval_on_file_id: str | None
    building_id: str | None


@dataclass(frozen=True)
class Facts:
    """What the service looked up for a draft."""

    district_domains: frozenset[str]
    managers: tuple[ManagerFact, ...]
    unknown_managers: tuple[str, ...] = ()
    eligible_approval_ids: frozenset[str] = frozenset()
    building_known: bool = True


@dataclass
class Problems:
    """Field -> message; empty means valid."""

    by_field: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, message)

    def __bool__(self) -> bool:
        return bool(self.by_field)


class InvalidAccount(ValueError):
    """A draft that breaks the rules; ``problems`` names each field."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = dict(problems)


def medium_of(platform: str) -> str:
    return "website" if platform in WEBSITE_PLATFORMS else "social_post"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _applies(rule: Rule, medium: str, platform: str) -> bool:
    when = rule.when
    if "create_account" not in _as_list(when.get("action")):
        return False
    if rule.verdict == "prohibited":
        return False
    if when.get("channel.account") not in (None, "district"):
        return False
    # a rule about particular content (a logo on the site) is not about every account
    if any(k.startswith("content.") and k != "content.speaks_for_district" for k in when):
        return False
    mediums = _as_list(when.get("channel.medium"))
    if mediums and medium not in mediums:
        return False
    unless = rule.unless or {}
    if medium in _as_list(unless.get("channel.medium")):
        return False
    alternatives = [c for c in _as_list(when.get("any")) if isinstance(c, dict)]
    if alternatives:
        return any(
            medium in _as_list(c.get("channel.medium"))
            or platform in _as_list(c.get("channel.platform"))
            for c in alternatives
        )
    return True


def requirements(pack: PackDocument, platform: str) -> Requirements:
    """The statements and approval forms the pack asks of an official account."""
    medium = medium_of(platform)
    statements: list[Statement] = []
    seen: set[str] = set()
    forms: list[str] = []
    for rule in pack.rules:
        if not _applies(rule, medium, platform):
            continue
        if rule.approval is not None and rule.approval.form and rule.approval.form not in forms:
            forms.append(rule.approval.form)
        duties = list(rule.obligations)
        if rule.once_approved is not None:
            duties.extend(rule.once_approved.obligations)
        for i, duty in enumerate(duties):
            if duty.do not in {"disclaim", "document", "include"}:
                continue
            text = duty.what if duty.do == "include" and duty.what else duty.when
            if not text:
                continue
            key = text.strip().lower()
            if key in seen:
                continue
            seen.add(key)
            statements.append(Statement(f"{rule.id}.{i}", text, rule.clause, rule.quote))
    return Requirements(tuple(statements), tuple(forms))


def email_domain(address: str) -> str | None:
    match = _EMAIL.match(address.strip())
    return match.group(1).lower() if match else None


def adult_on(birth_date: dt.date | None, today: dt.date) -> bool:
    """Adult unless a birth date on file says under 18."""
    if birth_date is None:
        return True
    years = (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
    return years >= 18


def check_managers(managers: Sequence[ManagerFact], *, students_post: bool) -> str | None:
    if not managers:
        return "Name at least one manager."
    if students_post and not any(m.adult_employee for m in managers):
        return (
            "Students post on this account, so at least one manager must be an adult "
            "employee of the district."
        )
    return None


def validate_account(draft: Draft, facts: Facts, reqs: Requirements) -> Problems:
    """Every problem with a draft, each under its field name."""
    problems = Problems()
    if draft.platform not in PLATFORMS:
        problems.add("platform", f"Choose one of: {', '.join(PLATFORMS.values())}.")
    if not draft.handle.strip():
        problems.add("handle", "Enter the account's handle or the site's name.")
    elif not _HANDLE.match(draft.handle.strip()):
        problems.add("handle", "Use letters, digits, spaces and . _ - / only (255 at most).")
    if not _URL.match(draft.url.strip()) or len(draft.url) > 1024:
        problems.add("url", "Enter the full https:// address of the account or site.")
    if len(draft.purpose.strip()) < PURPOSE_MIN:
        problems.add(
            "purpose",
            f"Describe the account's purpose in at least {PURPOSE_MIN} characters; it is "
            "the site's purpose statement.",
        )
    domain = email_domain(draft.created_with_email)
    if domain is None:
        problems.add("created_with_email", "Enter the e-mail address the account was created with.")
    elif domain not in facts.district_domains:
        allowed = ", ".join(sorted(facts.district_domains)) or "none configured"
        problems.add(
            "created_with_email",
            f"Create the account with a district e-mail address ({allowed}), not a personal one.",
        )
    if facts.unknown_managers:
        problems.add(
            "managers",
            "Not in the directory: " + ", ".join(facts.unknown_managers) + ".",
        )
    else:
        message = check_managers(facts.managers, students_post=draft.students_post)
        if message:
            problems.add("managers", message)
    missing = [s for s in reqs.statements if s.id not in draft.statements_confirmed]
    if missing:
        problems.add(
            "statements",
            "The policy requires these on the account: "
            + "; ".join(f"{s.text} ({s.clause})" for s in missing)
            + ". Add them to the site, then confirm each.",
        )
    if reqs.approval_forms:
        if draft.approval_on_file_id is None:
            problems.add(
                "approval_on_file_id",
                "Choose the approval on file that authorizes this account ("
                + " or ".join(reqs.approval_forms)
                + ").",
            )
        elif draft.approval_on_file_id not in facts.eligible_approval_ids:
            problems.add(
                "approval_on_file_id",
                "That approval is not a current "
                + " or ".join(reqs.approval_forms)
                + " approval of the owner.",
            )
    if not facts.building_known:
        problems.add("building_id", "Choose a building from the list, or the whole district.")
    return problems


def validate_reason(reason: str) -> str | None:
    if len(reason.strip()) < REVEAL_REASON_MIN:
        return (
            f"State why you need the credential, in at least {REVEAL_REASON_MIN} characters "
            "(it goes into the audit log)."
        )
    if len(reason) > 1000:
        return "Keep the reason under 1000 characters."
    return None


def validate_secret(login: str, secret: str, confirm: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not login.strip():
        problems["login"] = "Enter the login (username or e-mail) of the account."
    elif len(login) > 320:
        problems["login"] = "The login is too long (320 characters at most)."
    if not secret:
        problems["secret"] = "Enter the password."
    elif len(secret) > 4096:
        problems["secret"] = "The password is too long (4096 characters at most)."
    elif secret != confirm:
        problems["confirm"] = "The two passwords differ; type it again."
    return problems


def unknown(items: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    have = {k.lower() for k in known}
    return tuple(i for i in items if i.lower() not in have)
