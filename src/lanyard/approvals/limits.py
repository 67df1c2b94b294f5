"""Checkable limits of an approval: a small fixed vocabulary an approver ticks when
approving ("groups only, not one student"), each a condition of the pack language that
"May I?" checks against the situation asked about. Pure: no database, no web.

A limit that holds lets the approval count; one that does not keeps the approval from
counting and the answer says which; one whose fact is unknown keeps it from counting yet,
and the answer asks for that fact. What an approver writes in words (the free-text
conditions) cannot be checked: it is shown as an obligation instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lanyard.approvals.domain import FieldProblem, FieldsInvalid
from lanyard.policy.conditions import Compiled, compile_condition


@dataclass(frozen=True)
class Limit:
    """One limit: its id (stored on the approval), the words the approver ticks, the
    condition it compiles to, and how the answer speaks of it."""

    id: str
    label: str  # reads after "the approval is for": "groups only, not one student"
    condition: Mapping[str, Any]
    fact: str  # the situation fact to ask about when the condition is unknown
    within: Any  # an answer to that question that keeps the approval within the limit
    outside: Any  # one that puts the question outside it
    outside_words: str  # "this is to one person"
    within_example: Any = None  # a value to try for ``within`` where it is not one itself
    compiled: Compiled = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", compile_condition(dict(self.condition)))
        if self.within_example is None:
            object.__setattr__(self, "within_example", self.within)


LIMITS: tuple[Limit, ...] = (
    Limit(
        id="group_only",
        label="groups only, not one student",
        condition={"group_size": {"gte": 2}},
        fact="counterparts.count",
        within=2,
        outside=1,
        outside_words="this is to one person",
    ),
    Limit(
        id="students_district_accounts",
        label="sending to students' district accounts only",
        condition={"every_counterpart": {"account": "district"}},
        fact="counterparts.account",
        within="district",
        outside="personal",
        outside_words="this goes to a personal address or account",
    ),
    Limit(
        id="district_business_only",
        label="district business only",
        condition={"purpose": "district_business"},
        fact="purpose",
        within="district_business",
        outside="personal",
        outside_words="this is personal",
    ),
    Limit(
        id="district_account_only",
        label="sending from district accounts only",
        condition={"channel.account": "district"},
        fact="channel.account",
        within="district",
        outside="personal",
        outside_words="this is from your own account",
    ),
    Limit(
        id="no_disappearing",
        label="messages that do not disappear",
        condition={"channel.disappearing": False},
        fact="channel.disappearing",
        within=False,
        outside=True,
        outside_words="these messages disappear",
    ),
)
BY_ID: dict[str, Limit] = {limit.id: limit for limit in LIMITS}


def clean_limits(ids: Iterable[str]) -> tuple[str, ...]:
    """The ticked limits in the vocabulary's order, each once; an id outside the vocabulary
    (a tampered or stale form) is refused."""
    chosen = {str(i).strip() for i in ids if str(i).strip()}
    unknown = sorted(chosen - BY_ID.keys())
    if unknown:
        raise FieldsInvalid(
            [FieldProblem("limits", f"{', '.join(unknown)} is not a limit Lanyard can check")]
        )
    return tuple(limit.id for limit in LIMITS if limit.id in chosen)


def labels(ids: Iterable[str]) -> tuple[str, ...]:
    """The plain words of stored limit ids (an id no longer in the vocabulary as it is)."""
    return tuple(BY_ID[i].label if i in BY_ID else i.replace("_", " ") for i in ids)
