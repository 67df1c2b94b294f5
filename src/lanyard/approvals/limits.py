"""Checkable limits of an approval: a small fixed vocabulary an approver ticks when
approving ("groups only, not one student"), each a condition of the pack language that
"May I?" checks against the situation asked about. Pure: no database, no web.

A limit that holds lets the approval count; one that does not keeps the approval from
counting and the answer says which; one whose fact is unknown keeps it from counting yet,
and the answer asks for that fact. What an approver writes in words (the free-text
conditions) cannot be checked: it is shown as an obligation instead.

The limits speak of facts only questions about communicating have (a group of students,
the account a message goes to): :func:`for_form` offers them to a form's approver only
where the pack's rules read that form's approval for such a question (a game or software
approval gets none; a limit there could never be checked against a question it covers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lanyard.approvals.domain import FieldProblem, FieldsInvalid
from lanyard.policy.conditions import FIELD_DOMAINS, Compiled, compile_condition
from lanyard.policy.loader import Pack, load_pack

# The actions whose questions carry the facts every limit reads: who it reaches and how
# many (the recipients of a message, the audience of a post or a new account), and what it
# is sent from and for. Installing software, games, the filter, a logo or a commercial use
# have none of them.
COMMUNICATING = frozenset(
    {"message", "respond_to_contact", "friend_or_follow", "post", "create_account"}
)


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


def _names_approval(node: Any, form_id: str) -> bool:
    """Whether a rule's condition reads the approval of ``form_id`` (``actor.approvals:
    {includes: form}``), at any depth."""
    if isinstance(node, Mapping):
        return any(
            (key == "actor.approvals" and _names_approval_value(value, form_id))
            or _names_approval(value, form_id)
            for key, value in node.items()
        )
    if isinstance(node, list | tuple):
        return any(_names_approval(item, form_id) for item in node)
    return False


def _names_approval_value(value: Any, form_id: str) -> bool:
    if isinstance(value, str):
        return value == form_id
    if isinstance(value, Mapping):
        return any(_names_approval_value(v, form_id) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_names_approval_value(v, form_id) for v in value)
    return False


def _actions_of(node: Any) -> frozenset[str] | None:
    """The actions a condition can hold for (None: any action). The entries of a mapping
    and ``all`` narrow, ``any`` widens; ``not`` and the counterpart tests leave it open."""
    if isinstance(node, list | tuple):  # ``all: [...]``
        return _narrow(_actions_of(item) for item in node)
    if not isinstance(node, Mapping):
        return None
    parts: list[frozenset[str] | None] = []
    for key, value in node.items():
        if key == "action":
            parts.append(_action_values(value))
        elif key == "all":
            parts.append(_actions_of(value))
        elif key == "any" and isinstance(value, list | tuple):
            found = [_actions_of(item) for item in value]
            known = [f for f in found if f is not None]
            parts.append(frozenset().union(*known) if len(known) == len(found) else None)
    return _narrow(parts)


def _narrow(parts: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    result: frozenset[str] | None = None
    for part in parts:
        if part is not None:
            result = part if result is None else result & part
    return result


def _action_values(spec: Any) -> frozenset[str] | None:
    if isinstance(spec, str):
        return frozenset((spec,))
    if isinstance(spec, list | tuple):
        return frozenset(str(v) for v in spec)
    if isinstance(spec, Mapping) and set(spec) <= {"eq", "in"} and spec:
        return _action_values(next(iter(spec.values())))
    return None  # "not", or an operator that leaves other actions open


def form_actions(pack: Pack, form_id: str) -> frozenset[str]:
    """The actions about which an approval of ``form_id`` can change an answer: those of
    the rules that ask for it (``approval: {form: …}``) or are lifted by it (a condition on
    ``actor.approvals``). A rule whose condition leaves the action open counts for every
    action."""
    every = frozenset(FIELD_DOMAINS["action"].values)
    found: set[str] = set()
    for compiled in pack.rules:
        rule = compiled.rule
        if (
            compiled.form == form_id
            or _names_approval(rule.when, form_id)
            or _names_approval(rule.unless, form_id)
        ):
            actions = _actions_of(rule.when)
            found |= every if actions is None else actions
    return frozenset(found)


def for_form(pack: Pack, form_id: str) -> tuple[Limit, ...]:
    """The limits an approver of ``form_id`` may tick: all of them where its approval
    answers questions about communicating (messages, posts, accounts), none otherwise (a
    game, software, the filter, a logo on a product)."""
    return LIMITS if form_actions(pack, form_id) & COMMUNICATING else ()


@lru_cache(maxsize=256)
def for_request(pack_id: str, form_id: str) -> tuple[Limit, ...]:
    """:func:`for_form` for a request of a built-in pack (computed once per form)."""
    return for_form(load_pack(pack_id), form_id)


def clean_limits(ids: Iterable[str], offered: Iterable[Limit] = LIMITS) -> tuple[str, ...]:
    """The ticked limits in the vocabulary's order, each once; an id outside the vocabulary
    (a tampered or stale form), or one not ``offered`` for the request's form, is refused."""
    chosen = {str(i).strip() for i in ids if str(i).strip()}
    unknown = sorted(chosen - BY_ID.keys())
    if unknown:
        raise FieldsInvalid(
            [FieldProblem("limits", f"{', '.join(unknown)} is not a limit Lanyard can check")]
        )
    allowed = {limit.id for limit in offered}
    elsewhere = [BY_ID[i].label for i in sorted(chosen - allowed)]
    if elsewhere:
        raise FieldsInvalid(
            [
                FieldProblem(
                    "limits",
                    f"{'; '.join(elsewhere)}: not a limit of this kind of request "
                    "(its approval answers no question that has that fact)",
                )
            ]
        )
    return tuple(limit.id for limit in LIMITS if limit.id in chosen)


def labels(ids: Iterable[str]) -> tuple[str, ...]:
    """The plain words of stored limit ids (an id no longer in the vocabulary as it is)."""
    return tuple(BY_ID[i].label if i in BY_ID else i.replace("_", " ") for i in ids)
