"""Filling a situation from the record (pure: values in, values out)."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordFacts:
    """What the directory knows about the asker and the counterpart."""

    role: str | None = None  # situation actor.role
    approvals: tuple[str, ...] = ()
    approvals_known: bool = False  # the asker is in the directory, so "none on file" is a fact
    relationship: str | None = None  # a disclosure on file with the counterpart
    counterpart_birth_date: dt.date | None = None


@dataclass(frozen=True)
class FactFromRecord:
    field: str
    value: Any
    source: str


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def fill_from_record(
    draft: dict[str, Any], record: RecordFacts, today: dt.date
) -> tuple[dict[str, Any], list[FactFromRecord]]:
    """The situation with the record's facts in place, and which facts came from it.

    The record wins over what the asker typed for approvals and role (they are what is on
    file), and adds a relationship only where one is disclosed; a relationship the asker
    claims without a disclosure stays as claimed.
    """
    situation = copy.deepcopy(draft)
    actor = situation.setdefault("actor", {})
    facts: list[FactFromRecord] = []
    if record.role is not None:
        actor["role"] = record.role
        facts.append(FactFromRecord("actor.role", record.role, "your role in the directory"))
    if record.approvals_known:
        actor["approvals"] = list(record.approvals)
        source = "approvals on file" if record.approvals else "no approval on file"
        facts.append(FactFromRecord("actor.approvals", list(record.approvals), source))
    if record.relationship is not None:
        actor["relationship"] = record.relationship
        facts.append(
            FactFromRecord(
                "actor.relationship", record.relationship, "your relationship disclosure on file"
            )
        )
    counterparts = situation.get("counterparts") or []
    if record.counterpart_birth_date is not None and counterparts:
        under_13 = age_on(record.counterpart_birth_date, today) < 13
        counterparts[0]["age_under_13"] = under_13
        facts.append(
            FactFromRecord(
                "counterparts[0].age_under_13", under_13, "the student's birth date on file"
            )
        )
    return situation, facts
