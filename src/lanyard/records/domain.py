"""Records export decisions, pure: the student redactor, a record's HTML page, the
package manifest and the check of an audit-chain segment against its signed checkpoint.

Values in, values out; no database, web or job framework (an import-linter contract
keeps it so). The export service (``service.py``) feeds rows in and writes the zip;
``package.py`` reads a zip back and calls :func:`check_segment` here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PACKAGE_FORMAT = "lanyard-records-export/v1"
GENESIS = "0" * 64

# What a records export can hold, in the order the package lists them.
RECORD_TYPES = ("requests", "disclosures", "cases", "moderation", "acknowledgments", "audit")
# as the export form names them
RECORD_TYPE_LABELS = {
    "requests": "Requests and approvals",
    "disclosures": "Relationship disclosures",
    "cases": "Reports (cases)",
    "moderation": "Moderated comments",
    "acknowledgments": "Policy acknowledgments",
    "audit": "Audit log",
}


class RecordsError(ValueError):
    """A request for an export that cannot be honoured (named option and value)."""


def parse_types(text: str | None) -> tuple[str, ...]:
    """``--types`` as given (comma-separated; empty or ``all``: every type)."""
    if not text or text.strip() == "all":
        return RECORD_TYPES
    wanted = [t.strip() for t in text.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in RECORD_TYPES]
    if unknown:
        raise RecordsError(
            f"--types: unknown record type(s) {', '.join(unknown)}; "
            f"choose from {', '.join(RECORD_TYPES)}"
        )
    return tuple(t for t in RECORD_TYPES if t in wanted)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(value: Any) -> bytes:
    return (json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


# -- redaction --------------------------------------------------------------------------


@dataclass(frozen=True)
class Student:
    """What identifies a student in free text or a field: names and identifiers."""

    id: str
    given_name: str
    family_name: str
    preferred_given_name: str | None = None
    identifiers: tuple[str, ...] = ()  # sourced id, SIS number, e-mail, username


_TOKEN = re.compile(r"[\w@.+'-]+")
_TRIM = ".'-"
AMBIGUOUS = "[student]"


def _core(match: re.Match[str]) -> tuple[str, int]:
    """A token without surrounding punctuation or a possessive ``'s``, and where it starts."""
    token = match.group()
    word = token.strip(_TRIM)
    if word.lower().endswith("'s"):
        word = word[:-2]
    lead = token.find(word) if word else 0
    return word, match.start() + lead


class Redactor:
    """Replaces students' names and identifiers by stable pseudonyms.

    A pseudonym is ``Student-`` and 8 hex of HMAC-SHA256(key, student id): the same
    student gets the same pseudonym in every export made with the district's key, and it
    cannot be reversed without the key. A full name, an identifier, or a name that belongs
    to exactly one student becomes that student's pseudonym; a name shared by several
    students becomes ``[student]``. Matching is by whole word, case-insensitive.
    """

    def __init__(self, students: Iterable[Student], key: bytes) -> None:
        self._key = key
        self._exact: dict[str, str] = {}  # identifier -> pseudonym
        self._full: dict[tuple[str, str], str] = {}  # (given, family) -> pseudonym
        single: dict[str, set[str]] = {}
        for s in students:
            alias = self.pseudonym(s.id)
            self._exact[s.id.lower()] = alias
            for ident in s.identifiers:
                if ident:
                    self._exact[ident.lower()] = alias
            family = s.family_name.lower()
            for given in {s.given_name, s.preferred_given_name or s.given_name}:
                if given and family:
                    self._full[(given.lower(), family)] = alias
                if given:
                    single.setdefault(given.lower(), set()).add(alias)
            if family:
                single.setdefault(family, set()).add(alias)
        self._single = {
            name: next(iter(aliases)) if len(aliases) == 1 else AMBIGUOUS
            for name, aliases in single.items()
        }

    def pseudonym(self, student_id: str) -> str:
        digest = hmac.new(self._key, student_id.encode(), hashlib.sha256).hexdigest()
        return f"Student-{digest[:8]}"

    def text(self, value: str, counts: dict[str, int]) -> str:
        """``value`` with every student name and identifier replaced; ``counts`` gains
        the number of replacements by kind (``id``, ``name``)."""
        matches = list(_TOKEN.finditer(value))
        if not matches:
            return value
        out: list[str] = []
        pos = 0
        i = 0
        while i < len(matches):
            m = matches[i]
            word, start = _core(m)
            end = start + len(word)
            lower = word.lower()
            replacement: str | None = None
            kind = "name"
            consumed_to = end
            if lower in self._exact:
                replacement, kind = self._exact[lower], "id"
            elif i + 1 < len(matches):
                second, second_start = _core(matches[i + 1])
                gap = value[end:second_start]
                if second and gap.strip() == "" and (lower, second.lower()) in self._full:
                    replacement = self._full[(lower, second.lower())]
                    consumed_to = second_start + len(second)
                    i += 1
            if replacement is None and lower in self._single:
                replacement = self._single[lower]
            if replacement is not None:
                out.append(value[pos:start])
                out.append(replacement)
                pos = consumed_to
                counts[kind] = counts.get(kind, 0) + 1
            i += 1
        out.append(value[pos:])
        return "".join(out)

    def value(self, value: Any, counts: dict[str, int]) -> Any:
        """A JSON value with every string in it redacted."""
        if isinstance(value, str):
            return self.text(value, counts)
        if isinstance(value, list):
            return [self.value(v, counts) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v, counts) for k, v in value.items()}
        return value


# -- a record as a readable page -----------------------------------------------------------


_PAGE_STYLE = (
    "body{font-family:sans-serif;margin:2em}th{text-align:left;vertical-align:top;"
    "padding-right:1em}td,th{border-bottom:1px solid #ccc;padding:.3em}"
    "pre{margin:0;white-space:pre-wrap}section{margin-bottom:2em}"
)


def page_start(title: str) -> str:
    """The head of a self-contained HTML page (its sections follow, then :func:`page_end`)."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_PAGE_STYLE}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>\n"
    )


def page_end() -> str:
    return "</body></html>\n"


def record_section(title: str, record: Mapping[str, Any]) -> str:
    """One record as a section: its fields in a table, nested values as indented JSON.
    Every value is escaped."""
    rows = []
    for name, value in record.items():
        if isinstance(value, dict | list):
            shown = f"<pre>{html.escape(json.dumps(value, indent=2, ensure_ascii=False))}</pre>"
        else:
            shown = html.escape("" if value is None else str(value))
        rows.append(f"<tr><th>{html.escape(str(name))}</th><td>{shown}</td></tr>")
    return (
        f'<section id="{html.escape(title)}"><h2>{html.escape(title)}</h2>'
        f"<table>{''.join(rows)}</table></section>\n"
    )


def record_html(title: str, record: Mapping[str, Any]) -> str:
    """A self-contained HTML page of one record."""
    return page_start(title) + record_section(title, record) + page_end()


def json_line(record: Mapping[str, Any]) -> bytes:
    """One record as a line of a JSON Lines file (keys sorted)."""
    return (json.dumps(record, sort_keys=True, ensure_ascii=False, default=str) + "\n").encode()


# -- the audit-chain segment ---------------------------------------------------------------


def entry_digest(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """The chain hash of an exported audit entry (the same body the log hashes)."""
    body = json.dumps(
        {
            "prev": prev_hash,
            "seq": entry["seq"],
            "at": entry["at"],
            "actor": entry["actor_id"],
            "event": entry["event"],
            "subject": [entry["subject_type"], entry["subject_id"]],
            "building": entry["building_id"],
            "before": entry["before"],
            "after": entry["after"],
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass(frozen=True)
class SegmentResult:
    problems: list[str]
    recomputed: int  # entries whose content hash was recomputed
    withheld: int  # entries present by their hashes only (outside the request, redacted)


def check_segment(
    lines: Iterable[Mapping[str, Any]],
    *,
    anchor_seq: int,
    anchor_hash: str,
    last_seq: int,
    checkpoint_seq: int,
    checkpoint_head: str,
) -> SegmentResult:
    """Walk an exported chain segment: entries ``anchor_seq + 1 .. last_seq`` in order,
    each linked to the one before it (the first to ``anchor_hash``), each full entry's hash
    recomputed from its content, and the last hash equal to the signed checkpoint's head.
    A withheld line (``"withheld": reason``) carries only ``seq``, ``prev_hash`` and
    ``hash``: it proves the entry is there, not what it says."""
    problems: list[str] = []
    expected, prev = anchor_seq + 1, anchor_hash
    recomputed = withheld = 0
    last_hash: str | None = None
    for line in lines:
        seq = int(line["seq"])
        if seq != expected:
            gone = (
                f"entry {expected} is missing"
                if seq == expected + 1
                else f"entries {expected}-{seq - 1} are missing"
                if seq > expected
                else f"entry {seq} is out of order"
            )
            problems.append(f"audit chain: {gone} (before entry {seq})")
        elif line["prev_hash"] != prev:
            problems.append(f"audit chain: entry {seq} does not follow the entry before it")
        if line.get("withheld"):
            withheld += 1
        else:
            recomputed += 1
            if entry_digest(line["prev_hash"], line) != line["hash"]:
                problems.append(f"audit chain: entry {seq} was changed after it was written")
        prev, expected, last_hash = line["hash"], seq + 1, line["hash"]
    if expected - 1 != last_seq:
        span = (
            f"entry {last_seq} is"
            if expected == last_seq
            else (f"entries {expected}-{last_seq} are")
        )
        problems.append(f"audit chain: {span} missing (the segment ends at entry {expected - 1})")
    if checkpoint_seq != last_seq:
        problems.append(
            f"audit chain: the checkpoint covers entries 1-{checkpoint_seq}, the segment "
            f"ends at entry {last_seq}"
        )
    elif (last_hash if last_hash is not None else anchor_hash) != checkpoint_head:
        problems.append(
            f"audit chain: the hash of entry {last_seq} differs from the signed checkpoint: "
            "an entry was changed or removed"
        )
    return SegmentResult(problems, recomputed, withheld)


# -- legal holds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HoldScope:
    """What a hold covers: exactly one of person, building or case, or only a period."""

    scope: str
    person: str | None = None
    building: str | None = None
    case: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


def hold_scope(
    *,
    person: str | None,
    building: str | None,
    case: str | None,
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    reason: str,
) -> HoldScope:
    """Validate a hold to place; errors name the option at fault."""
    if not reason.strip():
        raise RecordsError("--reason: a hold needs a reason")
    chosen = [(n, v) for n, v in (("person", person), ("building", building), ("case", case)) if v]
    if len(chosen) > 1:
        raise RecordsError(
            "choose one of --person, --building, --case (a date range may narrow it)"
        )
    if starts_on and ends_on and ends_on < starts_on:
        raise RecordsError("--until: the range ends before it starts")
    if not chosen and not (starts_on or ends_on):
        raise RecordsError("a hold needs --person, --building, --case or a date range")
    scope = chosen[0][0] if chosen else "period"
    return HoldScope(scope, person, building, case, starts_on, ends_on)
