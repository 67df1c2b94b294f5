"""Pre-publication decisions, pure: no database, web or job frameworks.

* :func:`read_consents` reads the documented ``consents.csv`` (all or nothing; an error
  names the file, line and field);
* :func:`check_text` finds students' names, names of students opted out for the use,
  student record information and other personal data in a draft post's text;
* :func:`check_recipients` finds a group e-mail's visible external addresses of more than
  one family, students' personal addresses and addresses of opted-out families.

Each finding carries a verdict (safe, unsafe, review), the reason in plain words and, where
the pack has one, the clause and its quote. Missing consent data is never read as consent:
a student named with nothing on file for the school year is "review".
"""

from __future__ import annotations

import csv
import datetime as dt
import email
import email.policy
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses
from enum import StrEnum
from pathlib import Path
from typing import Any

from lanyard.auth.permissions import (
    MODERATE,
    READ_DIRECTORY,
    RECORD_CONSENTS,
    Permission,
    Principal,
)
from lanyard.moderation.classifiers import pii
from lanyard.moderation.classifiers.names import StudentNames
from lanyard.policy.loader import Pack


def can_check_publication(principal: Principal) -> Permission:
    """Staff with read_directory or moderate district-wide (every student), or who record
    consents for buildings (a principal or the building office: the school's own posts,
    newsletters and class pages, checked against their buildings' students only)."""
    if principal.kind == "staff":
        for capability in (READ_DIRECTORY, MODERATE):
            grant = principal.district_grant(capability)
            if grant is not None:
                return Permission(True, f"as {grant.role} you may check posts before publishing")
        if principal.building_grants(RECORD_CONSENTS):
            return Permission(True, "you may check posts against your buildings' students")
    return Permission(
        False, "the pre-publication check reads students' consents: it is for staff whose "
        "role reads the directory or moderates district-wide, or records consents for a "
        "building"
    )  # fmt: skip


def check_scope(principal: Principal) -> frozenset[str] | None:
    """The buildings whose students a check reads: None (every student) for a district-wide
    reader of the directory or moderator, else the buildings the principal records
    consents for."""
    if any(principal.district_grant(c) is not None for c in (READ_DIRECTORY, MODERATE)):
        return None
    return frozenset(principal.building_grants(RECORD_CONSENTS))


# Where a post goes, and the consent uses it needs.
USES = ("website", "social_media", "newsletter", "yearbook", "news_media", "video")
DESTINATIONS = {"website": "website", "social": "social_media", "newsletter": "newsletter"}
# Consent scopes that cover every use (a name or directory-information opt-out).
ALL_USES = ("name", "directory_all", "all")
# Scopes about images only: recorded, but a text check does not read them.
IMAGE_SCOPES = ("photo",)
# Releases to others than the public (Skyward's "Allow Publication ... for Military, Higher
# Ed"): recorded, read by no check of a post.
RELEASE_SCOPES = ("military", "higher_ed")
SCOPES = (*USES, *ALL_USES, *IMAGE_SCOPES, *RELEASE_SCOPES)
DECISIONS = ("opt_out", "opt_in")
# How many refusals a page or command lists before "and N more".
REFUSALS_SHOWN = 100


@dataclass(frozen=True)
class Refusal:
    """One refused row (or the header): the file, the line, the field and why."""

    file: str
    line: int
    column: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, field {self.column!r}: {self.problem}"


class ConsentFileError(ValueError):
    """A refused consents file: every refusal found in it (``refusals``, in line order),
    each naming the file, the line and the field. ``file``, ``line``, ``column`` and
    ``problem`` are the first one's. ``rows`` are the rows that were read without a
    refusal, so that a later step (the directory look-up) can add its own refusals to the
    same answer; nothing is written from them."""

    def __init__(self, file: str, line: int, column: str, problem: str) -> None:
        self._set((Refusal(file, line, column, problem),), ())

    @classmethod
    def of(cls, refusals: Sequence[Refusal], rows: Sequence[ConsentRow] = ()) -> ConsentFileError:
        """The error for several refusals (at least one), sorted by line."""
        if not refusals:
            raise ValueError("a refusal needs at least one problem")
        error = cls.__new__(cls)
        error._set(tuple(sorted(refusals, key=lambda r: r.line)), tuple(rows))
        return error

    def _set(self, refusals: tuple[Refusal, ...], rows: tuple[ConsentRow, ...]) -> None:
        first = refusals[0]
        self.refusals, self.rows = refusals, rows
        self.file, self.line, self.column, self.problem = (
            first.file, first.line, first.column, first.problem
        )  # fmt: skip
        ValueError.__init__(self, self.describe())

    def describe(self, limit: int = REFUSALS_SHOWN) -> str:
        """The first refusal alone, or one line for each of the first ``limit`` and "and N
        more"."""
        if len(self.refusals) == 1:
            return str(self.refusals[0])
        lines = [f"{len(self.refusals)} problems in {self.file}:"]
        lines += [f"  {r}" for r in self.refusals[:limit]]
        if len(self.refusals) > limit:
            lines.append(f"  and {len(self.refusals) - limit} more")
        return "\n".join(lines)


class Refusals:
    """Collects a file's refusals row by row; :meth:`check` raises them all at once."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Refusal] = []

    def add(self, line: int, column: str, problem: str) -> None:
        self.items.append(Refusal(self.file, line, column, problem))

    def take(self, error: ConsentFileError) -> None:
        self.items.extend(error.refusals)

    def check(self, rows: Sequence[ConsentRow] = ()) -> None:
        if self.items:
            raise ConsentFileError.of(self.items, rows)


@dataclass(frozen=True)
class ConsentRow:
    line: int
    student: str  # a sourcedId or, with the student_identifier column, the SIS number
    by_identifier: bool
    scope: str
    decision: str
    school_year: int
    recorded_on: dt.date | None
    source: str | None


def school_year_of(day: dt.date) -> int:
    """The ending year of the school year a day falls in (July starts the next one)."""
    return day.year + 1 if day.month >= 7 else day.year


def read_consents(path: Path) -> list[ConsentRow]:
    """Every row of a ``consents.csv``; any bad row refuses the whole file."""
    return read_consents_text(path.name, path.read_text(encoding="utf-8-sig"))


def read_consents_text(name: str, text: str) -> list[ConsentRow]:
    """Every row of a ``consents.csv`` read as ``text``; any bad row refuses the whole file,
    with every bad field of every row (:class:`ConsentFileError`)."""
    with io.StringIO(text.lstrip("\ufeff"), newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in reader.fieldnames or []]
        reader.fieldnames = columns
        if "student_sourced_id" in columns:
            key, by_identifier = "student_sourced_id", False
        elif "student_identifier" in columns:
            key, by_identifier = "student_identifier", True
        else:
            raise ConsentFileError(name, 1, "student_sourced_id", "no such column")
        for column in ("scope", "decision", "school_year"):
            if column not in columns:
                raise ConsentFileError(name, 1, column, "no such column")
        rows: list[ConsentRow] = []
        refusals = Refusals(name)
        for row in reader:
            line = reader.line_num
            before = len(refusals.items)
            student = (row.get(key) or "").strip()
            if not student:
                refusals.add(line, key, "is empty")
            scope = (row.get("scope") or "").strip().lower()
            if scope not in SCOPES:
                refusals.add(line, "scope", f"{scope!r} is not one of {', '.join(SCOPES)}")
            decision = (row.get("decision") or "").strip().lower()
            if decision not in DECISIONS:
                refusals.add(line, "decision", f"{decision!r} is not opt_out or opt_in")
            year_text = (row.get("school_year") or "").strip()
            if not re.fullmatch(r"\d{4}", year_text) or not 2000 <= int(year_text) <= 2100:
                refusals.add(line, "school_year", f"{year_text!r} is not an ending year like 2026")
            recorded_text = (row.get("recorded_on") or "").strip()
            recorded: dt.date | None = None
            if recorded_text:
                try:
                    recorded = dt.date.fromisoformat(recorded_text)
                except ValueError:
                    refusals.add(
                        line, "recorded_on", f"{recorded_text!r} is not a date (2025-08-20)"
                    )
            if len(refusals.items) > before:
                continue
            source = (row.get("source") or "").strip()[:255] or None
            rows.append(
                ConsentRow(line, student, by_identifier, scope, decision, int(year_text),
                           recorded, source)
            )  # fmt: skip
    refusals.check(rows)
    return rows


@dataclass(frozen=True)
class StudentConsent:
    """What is on file for one student and one school year: scope -> decision."""

    decisions: Mapping[str, str] = field(default_factory=dict)

    def opted_out(self, use: str, *, photo: bool = False) -> bool:
        """Opted out of ``use`` (or of every use); with ``photo``, of photos too."""
        scopes = (use, *ALL_USES, *(IMAGE_SCOPES if photo else ()))
        return any(self.decisions.get(s) == "opt_out" for s in scopes)

    def on_file(self, use: str) -> bool:
        return any(s in self.decisions for s in (use, *ALL_USES))


class Verdict(StrEnum):
    SAFE = "safe"
    REVIEW = "review"
    UNSAFE = "unsafe"


_RANK = {Verdict.SAFE: 0, Verdict.REVIEW: 1, Verdict.UNSAFE: 2}


@dataclass(frozen=True)
class Citation:
    rule: str
    clause: str
    quote: str


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    kind: (
        str  # student_name | opted_out | no_consent_on_file | student_record | personal_data | ...
    )
    reason: str
    student_id: str | None = None
    citation: Citation | None = None
    # A first name shared by several students: those of them opted out for the use.
    candidates_opted_out: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["verdict"] = str(self.verdict)
        return out


@dataclass(frozen=True)
class CheckResult:
    verdict: Verdict
    findings: tuple[Finding, ...]
    fix: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": str(self.verdict),
            "findings": [f.to_dict() for f in self.findings],
            "fix": self.fix,
        }


def worst_verdict(findings: Iterable[Finding]) -> Verdict:
    return max((f.verdict for f in findings), key=_RANK.__getitem__, default=Verdict.SAFE)


# --- the pack's clauses ----------------------------------------------------------------


def _keys(condition: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(condition, dict):
        for key, value in condition.items():
            found.add(str(key))
            found |= _keys(value)
    elif isinstance(condition, list | tuple):
        for item in condition:
            found |= _keys(item)
    return found


def _actions(condition: Any) -> set[str]:
    value = condition.get("action") if isinstance(condition, dict) else None
    if isinstance(value, str):
        return {value}
    return {str(v) for v in value} if isinstance(value, list | tuple) else set()


def citation_for(pack: Pack | None, facts: tuple[str, ...], action: str | None) -> Citation | None:
    """The pack's first rule (in pack order) whose condition reads one of ``facts``,
    preferring the first fact and rules about ``action``."""
    if pack is None:
        return None
    rules = pack.document.rules
    for fact in facts:
        candidates = [r for r in rules if fact in _keys(r.when) | _keys(r.unless or {})]
        if action is not None:
            about = [r for r in candidates if action in _actions(r.when)]
            candidates = about or candidates
        if candidates:
            rule = candidates[0]
            return Citation(rule.id, rule.clause, rule.quote)
    return None


def bcc_citation(pack: Pack | None) -> Citation | None:
    """The pack's rule that obliges BCC for group e-mail, if it has one."""
    if pack is None:
        return None
    for rule in pack.document.rules:
        if any(o.do == "use_bcc" for o in rule.obligations):
            return Citation(rule.id, rule.clause, rule.quote)
    return None


def uses_of(use: str | tuple[str, ...]) -> tuple[str, ...]:
    """One use, or the uses a destination needs (a YouTube account: social media and
    video), checked against USES."""
    uses = (use,) if isinstance(use, str) else tuple(use)
    if not uses or any(u not in USES for u in uses):
        raise ValueError(f"use must be one of {', '.join(USES)}")
    return uses


def consent_finding(
    student: str,
    label: str,
    use: str | tuple[str, ...],
    consent: StudentConsent | None,
    pack: Pack | None,
    *,
    photo: bool = False,
) -> Finding:
    """A named or tagged student against the consents on file for ``use``: opted out is
    unsafe, nothing on file is review (missing is not consent), a release is safe. With
    ``photo``, a photo opt-out counts too. With several uses, the worst of them decides
    (opted out of video is unsafe on a YouTube account whatever social media says)."""
    if not isinstance(use, str):
        found = [consent_finding(student, label, u, consent, pack, photo=photo) for u in use]
        worst = max(found, key=lambda f: _RANK[f.verdict])
        if worst.verdict is Verdict.SAFE and len(found) > 1:
            what = " and ".join(u.replace("_", " ") for u in use)
            return Finding(Verdict.SAFE, worst.kind, f"{label}: release on file for {what}",
                           student, worst.citation)  # fmt: skip
        return worst
    consent = consent or StudentConsent()
    what = use.replace("_", " ")
    if consent.opted_out(use, photo=photo):
        scope = "photos or " if photo and consent.decisions.get("photo") == "opt_out" else ""
        return Finding(Verdict.UNSAFE, "opted_out",
                       f"{label}: the family opted out of {scope}{what} this school year",
                       student, citation_for(pack, _OPT_OUT_FACTS, "post"))  # fmt: skip
    if not consent.on_file(use):
        return Finding(Verdict.REVIEW, "no_consent_on_file",
                       f"{label}: no media release or opt-out on file for {what} this "
                       "school year (missing, not consent)", student,
                       citation_for(pack, _OPT_OUT_FACTS, "post"))  # fmt: skip
    return Finding(Verdict.SAFE, "student_name", f"{label}: release on file for {what}",
                   student, citation_for(pack, _NAME_FACTS, "post"))  # fmt: skip


# --- the text of a draft post ----------------------------------------------------------

_NAME_FACTS = ("content.student_pii", "content.student_directory_info")
_OPT_OUT_FACTS = ("content.media_permission_denied", "content.parental_permission", *_NAME_FACTS)
_RECORD_FACTS = ("content.student_records", "content.confidential_information")
_PERSONAL_FACTS = ("content.student_pii", "content.confidential_information")
_INITIAL = re.compile(r"\s+([A-Z])\.")
_CLASS_OR_SCHOOL = re.compile(
    r"\b(?:class|grade|grader|school|homeroom|room \d+|period|team|kindergarten|freshman"
    r"|sophomore|junior|senior|\d(?:st|nd|rd|th)|mr|mrs|ms|miss|coach|teacher)\b"
)


@dataclass(frozen=True)
class Directory:
    """The students the check knows: names (legal and preferred) and, by full name as the
    index returns it, the student's Lanyard id; their consents for the school year."""

    names: StudentNames
    ids_by_name: Mapping[str, str]
    consents: Mapping[str, StudentConsent]


def check_text(
    text: str,
    *,
    use: str | tuple[str, ...],
    directory: Directory,
    tagged: Iterable[str] = (),
    pack: Pack | None = None,
) -> CheckResult:
    """Check a draft post's text (and its tagged students) for ``use`` (one of USES, or
    the uses a destination needs: see :func:`uses_of`)."""
    uses = uses_of(use)
    findings: list[Finding] = []
    lowered = text.lower()
    in_school = bool(_CLASS_OR_SCHOOL.search(lowered))
    named: dict[str, str] = {}  # student id -> words as written
    for hit in directory.names.find(text):
        if hit.full:
            student = directory.ids_by_name.get(hit.name)
            if student is not None:
                named.setdefault(student, hit.words)
            continue
        # A first name alone may be any of the students who share it: narrowed by a family
        # initial written after it ("Jake M."), never guessed.
        word = hit.words.lower().removesuffix("'s")
        candidates = [
            (n, directory.ids_by_name[n])
            for n in directory.names.first.get(word, ())
            if n in directory.ids_by_name
        ]
        initial = _INITIAL.match(text, hit.end)
        if initial:
            letter = initial.group(1).lower()
            candidates = [(n, i) for n, i in candidates if n.split()[-1][:1].lower() == letter]
        ids = list(dict.fromkeys(i for _, i in candidates))
        if not ids:
            continue
        written = hit.words + (initial.group(0) if initial else "")
        if len(ids) == 1 and (in_school or initial):
            named.setdefault(ids[0], written)
            continue
        opted = [
            i for i in ids
            if any(directory.consents.get(i, StudentConsent()).opted_out(u) for u in uses)
        ]  # fmt: skip
        what = f"'{written.strip()}' may be any of {len(ids)} students in the directory"
        if opted:
            said = " or ".join(u.replace("_", " ") for u in uses)
            what += f", {len(opted)} of them opted out of {said}"
        elif not in_school and not initial:
            what += " (no class or school named with it)"
        findings.append(
            Finding(Verdict.REVIEW, "first_name", f"{what}: check who is meant",
                    ids[0] if len(ids) == 1 else None,
                    citation_for(pack, _OPT_OUT_FACTS if opted else _NAME_FACTS, "post"),
                    tuple(opted))
        )  # fmt: skip
    for student in tagged:
        named.setdefault(student, "tagged")
    for student, words in named.items():
        label = "a tagged student" if words == "tagged" else f"'{words}'"
        findings.append(
            consent_finding(student, label, uses if len(uses) > 1 else uses[0],
                            directory.consents.get(student), pack)
        )  # fmt: skip
    details = [m.group(0) for m in pii._MEDICAL.finditer(lowered)]
    details += [m.group(0) for m in pii._RECORD.finditer(lowered)]
    if details:
        verdict = Verdict.UNSAFE if named else Verdict.REVIEW
        who = "about a named student" if named else "(no student named: check who it is about)"
        findings.append(
            Finding(verdict, "student_record",
                    f"student record information '{details[0]}' {who}", None,
                    citation_for(pack, _RECORD_FACTS, None))
        )  # fmt: skip
    personal: list[str] = []
    for m in pii._PHONE.finditer(text):
        before = lowered[max(0, m.start() - 40) : m.start()]
        if not pii._ORG_PHONE.search(before):
            personal.append(f"phone number {m.group(0).strip()}")
    for m in pii._EMAIL.finditer(text):
        if not pii._ROLE_MAILBOX.match(m.group(0)):
            personal.append(f"e-mail address {m.group(0)}")
    personal += [m.group(0) for m in pii._STUDENT_ID.finditer(lowered)]
    personal += [f"address {m.group(0)}" for m in pii._ADDRESS.finditer(lowered)]
    personal += [f"identification number {m.group(0)}" for m in pii._SSN.finditer(text)]
    for what in personal:
        findings.append(
            Finding(Verdict.UNSAFE if named else Verdict.REVIEW, "personal_data",
                    f"personal data: {what}", None, citation_for(pack, _PERSONAL_FACTS, None))
        )  # fmt: skip
    overall = worst_verdict(findings)
    fix = None
    if overall is not Verdict.SAFE:
        fix = (
            "Remove the names of students opted out or without a release on file, and any "
            "record or personal details, then check again."
        )
    return CheckResult(overall, tuple(findings), fix)


# --- a group e-mail's recipients --------------------------------------------------------


@dataclass(frozen=True)
class AddressBook:
    """What the directory knows about addresses: whose family each parent's or student's
    address belongs to (a family is keyed by its students' ids), which are students'
    personal addresses, and which families opted out (directory information)."""

    district_domains: frozenset[str]
    family_of: Mapping[str, str]  # address -> family key
    student_addresses: frozenset[str]
    opted_out_families: frozenset[str]


@dataclass(frozen=True)
class Recipients:
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    sender: str | None = None


def _clean(pairs: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.strip().lower() for _, a in pairs if "@" in a))


def recipients_from_eml(data: bytes) -> Recipients:
    """To, Cc, Bcc and From of a saved message (RFC 5322, as an .eml file)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not any(
        message.get(h) for h in ("To", "Cc", "Bcc")
    ):
        raise ValueError("not an e-mail message with recipients (no To, Cc or Bcc header)")

    def header(name: str) -> tuple[str, ...]:
        return _clean(getaddresses([str(v) for v in message.get_all(name, [])]))

    sender = header("From")
    return Recipients(header("To"), header("Cc"), header("Bcc"), sender[0] if sender else None)


def recipients_from_text(to: str = "", cc: str = "", bcc: str = "") -> Recipients:
    """Recipients pasted as an address list ("A <a@x>, b@y; c@z")."""

    def split(value: str) -> tuple[str, ...]:
        return _clean(getaddresses([value.replace(";", ",").replace("\n", ",")]))

    return Recipients(split(to), split(cc), split(bcc))


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1]


def check_recipients(
    recipients: Recipients, *, book: AddressBook, pack: Pack | None = None
) -> CheckResult:
    """Visible addresses (To and Cc) of more than one family, students' personal
    addresses, addresses of opted-out families; the pack's BCC rule."""
    rule = bcc_citation(pack)
    findings: list[Finding] = []
    visible = [*recipients.to, *recipients.cc]
    external = [a for a in visible if _domain(a) not in book.district_domains]
    families = {book.family_of.get(a, f"address:{a}") for a in external}
    everyone = [*visible, *recipients.bcc]
    if len(families) > 1:
        findings.append(
            Finding(Verdict.UNSAFE, "visible_addresses",
                    f"{len(external)} external addresses of {len(families)} families are "
                    "visible to every recipient (To/Cc)", None, rule)
        )  # fmt: skip
    for address in dict.fromkeys(everyone):
        if address in book.student_addresses and _domain(address) not in book.district_domains:
            findings.append(
                Finding(Verdict.UNSAFE, "student_personal_address",
                        "a student's personal address is among the recipients: write to "
                        "students at their district address", None, None)
            )  # fmt: skip
    for address in dict.fromkeys(visible):
        if book.family_of.get(address) in book.opted_out_families and len(families) > 1:
            findings.append(
                Finding(Verdict.UNSAFE, "opted_out_family_visible",
                        "an address of a family that opted out of directory information is "
                        "visible to the other recipients", None, rule)
            )  # fmt: skip
    overall = worst_verdict(findings)
    fix = None
    if any(f.kind in ("visible_addresses", "opted_out_family_visible") for f in findings):
        own = recipients.sender or "your own address"
        fix = f"Put {own} in To and the {len(external)} external recipients in BCC" + (
            f" ({rule.clause})." if rule else "."
        )
    if any(f.kind == "student_personal_address" for f in findings):
        fix = (fix + " " if fix else "") + "Remove students' personal addresses."
    return CheckResult(overall, tuple(findings), fix)
