"""The consent-reader protocol and what the readers share.

A reader turns one exported file into :class:`~lanyard.prepub.domain.ConsentRow` values,
all or nothing: a bad row refuses the file with :class:`~lanyard.prepub.domain.ConsentFileError`,
which lists every bad row, each naming the file, the line and the column (a reader reads
on past a bad row to find the others, and collects them with
:class:`~lanyard.prepub.domain.Refusals`). Which of a district's columns or flags are
consents, and whether "Yes" means a release or an opt-out, is the district's: it comes
from a mapping (``--map``), never from a guessed name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from lanyard.prepub.domain import SCOPES, ConsentFileError, ConsentRow, Refusals

YES = frozenset({"yes", "y", "true", "t", "1", "x"})
NO = frozenset({"no", "n", "false", "f", "0"})


@dataclass(frozen=True)
class ColumnMap:
    """One district mapping: a column (or an Infinite Campus flag) to a consent scope.
    ``when_yes`` is the decision a "Yes" (a set flag) records: ``opt_out`` for an
    opt-out column ("Media Opt Out", "No Media"), ``opt_in`` for a permission column
    ("Permission to Publish"); "No" records the other one."""

    key: str
    scope: str
    when_yes: str = "opt_out"

    @property
    def when_no(self) -> str:
        return "opt_in" if self.when_yes == "opt_out" else "opt_out"


def parse_map(text: str) -> ColumnMap:
    """``COLUMN=SCOPE`` (Yes = opted out) or ``COLUMN=SCOPE:permission`` (Yes = release)."""
    key, sep, rest = text.partition("=")
    scope, _, meaning = rest.partition(":")
    key, scope, meaning = key.strip(), scope.strip().lower(), meaning.strip().lower()
    if not sep or not key or not scope:
        raise ValueError(f"{text!r} is not COLUMN=SCOPE or COLUMN=SCOPE:permission")
    if scope not in SCOPES:
        raise ValueError(f"{scope!r} is not one of {', '.join(SCOPES)}")
    if meaning not in ("", "permission", "opt_out"):
        raise ValueError(f"{meaning!r}: after the scope, only ':permission' (Yes = release)")
    return ColumnMap(key, scope, "opt_in" if meaning == "permission" else "opt_out")


def parse_maps(text: str) -> tuple[ColumnMap, ...]:
    """A mapping file (or the web page's mapping box): one ``--map`` value a line, blank
    lines and lines starting with ``#`` skipped. ``ValueError`` names the line."""
    maps: list[ColumnMap] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            maps.append(parse_map(line))
        except ValueError as exc:
            raise ValueError(f"line {number}: {exc}") from None
    return tuple(maps)


def map_text(maps: Sequence[ColumnMap]) -> str:
    """The mapping as one canonical line per column (what a dry run's fingerprint holds)."""
    return "\n".join(f"{m.key}={m.scope}:{m.when_yes}" for m in maps)


@dataclass(frozen=True)
class ReadOptions:
    school_year: int
    maps: tuple[ColumnMap, ...] = ()


class ConsentReader(Protocol):
    """Reads one kind of consent export. ``detect`` says whether a header row is this
    format's; ``read`` reads the whole file or refuses it."""

    format: str
    title: str

    def detect(self, columns: Sequence[str]) -> bool: ...

    def read(self, source: str, text: str, options: ReadOptions) -> list[ConsentRow]: ...


# ---------------------------------------------------------------- helpers for readers


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]  # (line, column -> stripped value)


def header(text: str) -> list[str]:
    first = next(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")), [])
    return [c.strip() for c in first]


def table(text: str) -> Table:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    columns = tuple(c.strip() for c in reader.fieldnames or [])
    reader.fieldnames = list(columns)
    rows = tuple(
        (reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None})
        for row in reader
    )
    return Table(columns, rows)


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def find_column(columns: Sequence[str], *names: str) -> str | None:
    """The first of ``columns`` equal to one of ``names``, ignoring case, spaces and
    punctuation ("Student_Number", "student number", "Students.Student_Number" for
    "students.student_number")."""
    wanted = {_fold(n) for n in names}
    for column in columns:
        if _fold(column) in wanted:
            return column
    return None


def require_column(source: str, columns: Sequence[str], field: str, *names: str) -> str:
    found = find_column(columns, field, *names)
    if found is None:
        shown = ", ".join(repr(c) for c in columns) or "none"
        raise ConsentFileError(source, 1, field, f"no such column (columns: {shown})")
    return found


def require_maps(source: str, options: ReadOptions, what: str, example: str) -> None:
    if not options.maps:
        raise ConsentFileError(
            source, 1, "(mapping)",
            f"which {what} are consents is the district's: give one --map per {what[:-1]} "
            f"(on the web, one line of the column mapping), e.g. --map {example!r}",
        )  # fmt: skip


def yes_no(source: str, line: int, column: str, value: str) -> bool | None:
    """True for Yes, False for No, None for blank (nothing on file); else refused."""
    folded = value.strip().lower()
    if not folded:
        return None
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise ConsentFileError(source, line, column, f"{value!r} is not Yes or No")


def sis_date(source: str, line: int, column: str, value: str) -> dt.date | None:
    """A date as SIS exports write it: 2026-08-20, 08/20/2026 or 8/20/2026; blank is None."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    if match:
        try:
            return dt.date(int(match[3]), int(match[1]), int(match[2]))
        except ValueError:
            pass
    raise ConsentFileError(
        source, line, column, f"{value!r} is not a date (2026-08-20 or 08/20/2026)"
    )


def yes_no_rows(
    source: str,
    data: Table,
    key: str,
    options: ReadOptions,
    *,
    by_identifier: bool,
    label: str,
    skip: frozenset[int] = frozenset(),
) -> list[ConsentRow]:
    """The consents of a table with one Yes/No column per mapping (OneRoster extension
    columns, PowerSchool and Skyward exports); every bad cell refuses the file."""
    columns = {m.key: require_column(source, data.columns, m.key) for m in options.maps}
    refusals = Refusals(source)
    out: list[ConsentRow] = []
    for line, row in data.rows:
        if line in skip:
            continue
        student = row.get(key, "")
        answers: list[tuple[ColumnMap, bool]] = []
        bad = False
        for mapping in options.maps:
            column = columns[mapping.key]
            try:
                answer = yes_no(source, line, column, row.get(column, ""))
            except ConsentFileError as exc:
                refusals.take(exc)
                bad = True
                continue
            if answer is not None:
                answers.append((mapping, answer))
        if not answers and not bad:
            continue
        if not student:
            refusals.add(line, key, "is empty")
            continue
        if bad:
            continue
        for mapping, answer in answers:
            out.append(ConsentRow(
                line, student, by_identifier, mapping.scope,
                mapping.when_yes if answer else mapping.when_no, options.school_year,
                None, f"{label} {columns[mapping.key]}: {'Yes' if answer else 'No'}"[:255],
            ))  # fmt: skip
    refusals.check(out)
    return out
