"""Retention schedules and legal-hold coverage, pure: what each record type is, how long
the district keeps it, from which date the period runs, and whether a hold covers a
record. Values in, values out (an import-linter contract keeps it so); the disposition
use case (``retention.py``) feeds rows in.

The defaults follow the Illinois Local Records Act (50 ILCS 205): a school district may
destroy a record only under a retention schedule approved by the Local Records
Commission, so each default below is a *proposal to confirm*: the district's records
officer checks it against the district's approved application for authority to dispose
and sets it (``lanyard records retention set``). Until a type's period is set by the
district, nothing of that type is disposed of.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lanyard.records.domain import RecordsError

STATE_LAW = "Illinois Local Records Act (50 ILCS 205)"
CONFIRM = (
    "default to confirm with the district's records officer against its schedule approved "
    "by the Local Records Commission"
)


@dataclass(frozen=True)
class Period:
    """A retention period: ``amount`` years, months or days; ``None`` keeps forever."""

    amount: int | None
    unit: str = "years"  # years | months | days

    @property
    def forever(self) -> bool:
        return self.amount is None

    def __str__(self) -> str:
        if self.amount is None:
            return "indefinitely"
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit}"

    @property
    def days(self) -> int:
        """The period's length in days (a year counted as 365, a month as a twelfth)."""
        if self.amount is None:
            return 0
        if self.unit == "years":
            return self.amount * 365
        return self.amount * 365 // 12 if self.unit == "months" else self.amount

    def cutoff(self, now: dt.datetime) -> dt.datetime | None:
        """Records whose period started before this moment are past it (None: never)."""
        if self.amount is None:
            return None
        if self.unit == "days":
            return now - dt.timedelta(days=self.amount)
        months = self.amount * (12 if self.unit == "years" else 1)
        year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
        day = min(now.day, calendar.monthrange(year, month + 1)[1])
        return now.replace(year=year, month=month + 1, day=day)


FOREVER = Period(None)
_PERIOD = re.compile(r"^\s*(\d+)\s*(y|years?|m|months?|d|days?)\s*$", re.IGNORECASE)
_UNITS = {"y": "years", "m": "months", "d": "days"}


def parse_period(text: str) -> Period:
    """``7y``, ``18 months``, ``90d`` or ``indefinitely`` (also ``permanent``)."""
    if text.strip().lower() in {"indefinitely", "permanent", "forever"}:
        return FOREVER
    match = _PERIOD.match(text)
    if match is None or int(match.group(1)) < 1:
        raise RecordsError(
            f"period {text!r}: give a number of years, months or days (7y, 18m, 90d) "
            "or 'indefinitely'"
        )
    return Period(int(match.group(1)), _UNITS[match.group(2)[0].lower()])


@dataclass(frozen=True)
class RecordType:
    """A record type of the schedule, with its default period and what starts it."""

    name: str
    label: str
    counted_from: str  # in words: the date the period runs from
    default: Period
    kept_while: str  # in words: what is never disposed of whatever its age
    disposable: bool = True
    minimum_days: int = 0  # a shorter period is refused (it would break a feature)
    minimum_why: str = ""  # why, in words


SCHEDULE: tuple[RecordType, ...] = (
    RecordType(
        "requests",
        "Requests not approved (denied, withdrawn, expired)",
        "the last change of the request",
        Period(5),
        "drafts, submitted and returned requests (still open)",
    ),
    RecordType(
        "approvals",
        "Approved requests and approvals on file (also those entered without a request)",
        "the end of the approval (its expiry)",
        Period(5),
        "approvals without an end date (still in force, or revoked on a day not recorded); "
        "an approval an official account was registered under",
    ),
    RecordType(
        "disclosures",
        "Relationship disclosures",
        "the disclosure",
        Period(5),
        "disclosures not withdrawn (still in force)",
    ),
    RecordType(
        "cases",
        "Reports and cases (with notes, attachments and subjects)",
        "the closing of the case",
        Period(7),
        "open cases; a case named by any legal hold, lifted or not",
    ),
    RecordType(
        "moderation",
        "Moderation archive (with the comment and its platform actions)",
        "the comment's newest archive entry",
        Period(5),
        "",
    ),
    RecordType(
        "messages",
        "Communication-audit findings and message metadata (and each import's summary once "
        "none of its messages is left)",
        "the finding (or, without one, the message)",
        Period(1),
        "open findings and their messages",
    ),
    RecordType(
        "acknowledgments",
        "Policy acknowledgments",
        "the signature",
        Period(5),
        "",
    ),
    RecordType(
        "ack_campaigns",
        "Acknowledgment campaigns with their assignments (who was asked, reminded, escalated)",
        "the closing of the campaign",
        Period(5),
        "open campaigns; a campaign while any acknowledgment signed for it is kept",
    ),
    RecordType(
        "directory_imports",
        "Directory imports (what each import changed, kept to undo it)",
        "the import",
        Period(1),
        "",
        minimum_days=7,  # an import can be undone for 7 days (lanyard import undo)
        minimum_why="an import can be undone for that long",
    ),
    RecordType(
        "audit",
        "Audit log entries (the oldest, up to one cut: a checkpoint signed at the cut and a "
        "certificate in the log name it)",
        "the entry",
        FOREVER,
        "every entry from the first one a legal hold covers, or a moderation archive entry "
        "refers to; certificates of destruction are carried into the certificate of the cut",
        minimum_days=365,
        minimum_why="the log must reach back a full year of checkpoints and certificates",
    ),
)
BY_NAME = {t.name: t for t in SCHEDULE}


def record_type(name: str) -> RecordType:
    found = BY_NAME.get(name)
    if found is None:
        raise RecordsError(
            f"record type {name!r}: choose from {', '.join(t.name for t in SCHEDULE)}"
        )
    return found


def check_settable(kind: RecordType, period: Period) -> None:
    if not kind.disposable and not period.forever:
        raise RecordsError(f"{kind.name}: kept indefinitely ({kind.kept_while})")
    if period.amount is not None and period.days < kind.minimum_days:
        raise RecordsError(
            f"{kind.name}: keep them at least {kind.minimum_days} days ({kind.minimum_why})"
        )


# -- legal holds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hold:
    """A hold in force, as the coverage check needs it."""

    id: str
    scope: str  # person | building | case | period
    person_id: str | None = None
    building_id: str | None = None
    case_id: str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    building_people: frozenset[str] = frozenset()  # people of the building (building hold)


@dataclass(frozen=True)
class Held:
    """What a hold check needs to know of one record."""

    first: dt.date  # the record's first day (made, disclosed, archived, signed, sent)
    last: dt.date  # its last day (closed, decided, expired); a hold overlapping covers it
    people: frozenset[str] = frozenset()
    building_id: str | None = None
    case_id: str | None = None


# A hold's days are the district's (its officer typed them) and a record's are UTC days:
# a district day overlaps the UTC day before or after it, so a dated hold reaches one UTC
# day past each end of its range. It may keep a record of the day beside it; it never lets
# one of its own days go.
_ZONE_MARGIN = dt.timedelta(days=1)


def _outside(hold: Hold, first: dt.date, last: dt.date) -> bool:
    """Whether a record living from ``first`` to ``last`` (UTC days) is outside the
    hold's date range, whatever the district's time zone."""
    if hold.starts_on and last < hold.starts_on - _ZONE_MARGIN:
        return True
    return bool(hold.ends_on and first > hold.ends_on + _ZONE_MARGIN)


def covering(record: Held, holds: Iterable[Hold]) -> list[Hold]:
    """The holds that cover ``record`` (a dated hold covers a record whose life, first to
    last day, overlaps its range). A building hold covers a record of that building
    and any record of a person of that building (the safer reading when a record has no
    building of its own)."""
    found = []
    for hold in holds:
        if _outside(hold, record.first, record.last):
            continue
        if (
            hold.scope == "period"
            or (hold.scope == "person" and hold.person_id in record.people)
            or (
                hold.scope == "case" and hold.case_id is not None and hold.case_id == record.case_id
            )
            or (
                hold.scope == "building"
                and (
                    (record.building_id is not None and record.building_id == hold.building_id)
                    or bool(record.people & hold.building_people)
                )
            )
        ):
            found.append(hold)
    return found


def entry_values(*parts: object) -> frozenset[str]:
    """Every string in an audit entry's fields and its before/after (nested), so that a
    hold check sees each id the entry names, wherever it names it."""
    found: set[str] = set()
    stack: list[object] = list(parts)
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if value:
                found.add(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return frozenset(found)


def covering_entry(
    day: dt.date, values: frozenset[str], building_id: str | None, holds: Iterable[Hold]
) -> list[Hold]:
    """The holds that cover an audit entry of ``day`` naming ``values`` (see
    :func:`entry_values`): a person, building or case hold when the entry names its
    person, its building (or a person of it) or its case anywhere; a period hold when
    the day is in its range. Errs towards keeping: any id that matches counts."""
    found = []
    for hold in holds:
        if _outside(hold, day, day):
            continue
        if (
            hold.scope == "period"
            or (hold.scope == "person" and hold.person_id in values)
            or (hold.scope == "case" and hold.case_id in values)
            or (
                hold.scope == "building"
                and (
                    building_id == hold.building_id
                    or hold.building_id in values
                    or bool(values & hold.building_people)
                )
            )
        ):
            found.append(hold)
    return found
