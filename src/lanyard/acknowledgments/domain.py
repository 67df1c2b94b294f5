"""Yearly acknowledgments of the policy, decided purely: who must acknowledge, whether a
typed signature matches the directory, what changed between two versions of a pack (in
plain words), when a reminder or an escalation is due, and the completion figures.
Values in, values out; the clock is passed in.

Who must acknowledge (a campaign's audience):

- staff whose staff role is one of the campaign's ``roles`` (every staff role when none
  is named) and, when ``include_volunteers``, volunteers;
- in one of the campaign's ``building_ids`` (every building when none is named);
- active people only; students and parents never.

Reminders go out every :data:`REMIND_EVERY` from the opening date to whoever has not
signed; a person still unsigned after the due date is escalated once to the building
principal of their building.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from lanyard import words
from lanyard.auth.permissions import (
    IMPORT_DIRECTORY,
    MANAGE_ROLES,
    CapabilityGrant,
    Permission,
    Principal,
    directory_scope,
    human,
)
from lanyard.policy.compare import compare, group_differences
from lanyard.policy.loader import Pack

REMIND_EVERY = dt.timedelta(days=7)
SILENT = "(policy silent)"  # what the packs-diff code cites where no clause speaks
STAFF_ROLES: tuple[str, ...] = ("teacher", "coach", "administrator", "staff")
REVIEWER_ROLES: tuple[str, ...] = ("superintendent", "superintendent_or_designee")
ESCALATION_ROLE = "building_principal"
# Verdict words an employee reads in "what changed".
VERDICT_WORDS: Mapping[str, str] = {
    "allowed": "allowed",
    "allowed_with_obligations": "allowed with duties",
    "needs_approval": "allowed only with approval",
    "prohibited": "prohibited",
}


class AckProblem(ValueError):
    """Bad input for an acknowledgment use case, naming the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class CampaignState(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ReviewOutcome(StrEnum):
    NO_CHANGE = "no_change"
    REVISE = "revise"


REVIEW_OUTCOME_WORDS: Mapping[str, str] = {
    ReviewOutcome.NO_CHANGE: "Reviewed; no change needed",
    ReviewOutcome.REVISE: "Reviewed; revision recommended",
}


# -- audience ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Audience:
    roles: frozenset[str] = frozenset()
    building_ids: frozenset[str] = frozenset()
    include_volunteers: bool = False

    def __post_init__(self) -> None:
        unknown = sorted(self.roles - set(STAFF_ROLES))
        if unknown:
            raise AckProblem(
                "roles", f"unknown staff role {unknown[0]!r} (roles: {', '.join(STAFF_ROLES)})"
            )


@dataclass(frozen=True)
class Member:
    """A person as the audience rule sees them."""

    kind: str
    staff_role: str | None
    building_ids: frozenset[str]
    active: bool = True


def must_acknowledge(member: Member, audience: Audience) -> bool:
    if not member.active:
        return False
    if member.kind == "staff":
        if audience.roles and (member.staff_role or "staff") not in audience.roles:
            return False
    elif not (member.kind == "volunteer" and audience.include_volunteers):
        return False
    return not audience.building_ids or bool(member.building_ids & audience.building_ids)


def check_dates(opens_at: dt.datetime, due_at: dt.datetime) -> None:
    if due_at <= opens_at:
        raise AckProblem("due_at", "the due date must come after the opening date")


def is_open(opens_at: dt.datetime, state: str, now: dt.datetime) -> bool:
    return state == CampaignState.OPEN and opens_at <= now


# -- signing ----------------------------------------------------------------------------------


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[.,]", " ", text)
    return " ".join(text.split())


def signature_problem(
    typed: str, *, given: str, family: str, preferred: str | None, confirmed: bool
) -> AckProblem | None:
    """Why the typed signature is refused, or None: the full name on file (legal or
    preferred first name and family name, case and spacing aside) and the box ticked."""
    if not typed.strip():
        return AckProblem("signature", "type your full name to sign")
    accepted = {_fold(f"{given} {family}")}
    if preferred:
        accepted.add(_fold(f"{preferred} {family}"))
    if _fold(typed) not in accepted:
        return AckProblem(
            "signature", "the typed name must be your full name as the district's directory has it"
        )
    if not confirmed:
        return AckProblem("confirm", "tick the box to confirm you have read the policy")
    return None


# -- the policy text and what changed -------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One clause of the policy as the employee reads it; ``key`` is stable between
    versions (the provision's id in the pack's inventory, else the clause reference)."""

    key: str
    clause: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "clause": self.clause, "text": self.text}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Clause:
        return cls(str(raw["key"]), str(raw["clause"]), str(raw["text"]))


def clauses_of(pack: Pack, provisions: Iterable[tuple[str, str, str]] = ()) -> list[Clause]:
    """The policy's clauses: the provision inventory ``(id, clause, quote)`` when there is
    one, else each clause the pack's rules quote (once, in pack order)."""
    out = [Clause(pid, clause, quote) for pid, clause, quote in provisions]
    if out:
        return out
    seen: dict[str, Clause] = {}
    for rule in pack.document.rules:
        key = rule.clause
        if key in seen:
            if rule.quote not in seen[key].text:
                seen[key] = Clause(key, key, f"{seen[key].text} … {rule.quote}")
            continue
        seen[key] = Clause(key, key, rule.quote)
    return list(seen.values())


@dataclass(frozen=True)
class AnswerChange:
    """A kind of situation whose answer changes: in plain words, with the clause cited."""

    action: str
    example: str
    situations: int
    before: str
    before_clause: str
    after: str
    after_clause: str

    @property
    def words(self) -> str:
        what = self.action.replace("_", " ")
        when = f" ({self.example})" if self.example else ""
        if self.after_clause == SILENT:
            why = " (the new version says nothing about it)"
        elif self.after_clause:
            why = f" under {self.after_clause}"
        else:
            why = ""
        return f"To {what}{when}: was {self.before}, now {self.after}{why}."

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "example": self.example,
            "situations": self.situations,
            "before": self.before,
            "before_clause": self.before_clause,
            "after": self.after,
            "after_clause": self.after_clause,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> AnswerChange:
        return cls(
            str(raw["action"]),
            str(raw["example"]),
            int(raw["situations"]),
            str(raw["before"]),
            str(raw["before_clause"]),
            str(raw["after"]),
            str(raw["after_clause"]),
        )


@dataclass(frozen=True)
class Changes:
    """What changed from one version of the policy to the next."""

    from_version: str
    to_version: str
    added: tuple[Clause, ...] = ()
    removed: tuple[Clause, ...] = ()
    reworded: tuple[tuple[Clause, Clause], ...] = ()  # (before, after)
    answers: tuple[AnswerChange, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.reworded or self.answers)

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} clause{'s' if len(self.added) != 1 else ''} added",
            f"{len(self.removed)} removed",
            f"{len(self.reworded)} reworded",
            f"{len(self.answers)} kind{'s' if len(self.answers) != 1 else ''} of answer changed",
        ]
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from_version": self.from_version,
            "to_version": self.to_version,
            "added": [c.to_dict() for c in self.added],
            "removed": [c.to_dict() for c in self.removed],
            "reworded": [[a.to_dict(), b.to_dict()] for a, b in self.reworded],
            "answers": [a.to_dict() for a in self.answers],
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Changes:
        return cls(
            str(raw["from_version"]),
            str(raw["to_version"]),
            tuple(Clause.from_dict(c) for c in raw["added"]),
            tuple(Clause.from_dict(c) for c in raw["removed"]),
            tuple((Clause.from_dict(a), Clause.from_dict(b)) for a, b in raw["reworded"]),
            tuple(AnswerChange.from_dict(a) for a in raw["answers"]),
        )


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def clause_changes(
    old: Sequence[Clause], new: Sequence[Clause]
) -> tuple[tuple[Clause, ...], tuple[Clause, ...], tuple[tuple[Clause, Clause], ...]]:
    """(added, removed, reworded) between two lists of clauses, matched by key."""
    before = {c.key: c for c in old}
    after = {c.key: c for c in new}
    added = tuple(c for c in new if c.key not in before)
    removed = tuple(c for c in old if c.key not in after)
    reworded = tuple(
        (before[c.key], c)
        for c in new
        if c.key in before
        and not (_same_words(before[c.key].text, c.text) and before[c.key].clause == c.clause)
    )
    return added, removed, reworded


def plain(situation: Mapping[str, Any]) -> str:
    """A situation from the packs-diff grid in words an employee reads:
    ``{"counterpart.role": "student", "purpose": "personal", "channel.account": "personal"}``
    -> ``with a student; purpose: personal; account: personal``."""
    parts: list[str] = []
    for name, value in situation.items():
        field = name.split(".", 1)[-1].replace("_", " ")
        if name == "counterpart.role":
            parts.insert(0, f"with {words.a(str(value).replace('_', ' '))}")
        elif name.startswith("counterpart.") and isinstance(value, bool):
            said = field.replace("own ", "your own ")
            parts.append(f"who is {'' if value else 'not '}{said}")
        elif name.startswith("counterpart."):
            parts.append(f"their {field}: {str(value).replace('_', ' ')}")
        elif isinstance(value, bool):
            parts.append(field if value else f"not {field}")
        else:
            parts.append(f"{field}: {str(value).replace('_', ' ')}")
    return "; ".join(parts)


def answer_changes(old: Pack, new: Pack, *, grid_size: int = 512) -> tuple[AnswerChange, ...]:
    """The answers that change, grouped as ``lanyard packs diff`` groups them: by the
    verdict and first clause cited on each side, with the simplest situation as example."""
    out: list[AnswerChange] = []
    for comparison in compare(old, new, grid_size):
        for group in group_differences(comparison.differences):
            out.append(
                AnswerChange(
                    action=comparison.action,
                    example=plain(group.example),
                    situations=group.count,
                    before=VERDICT_WORDS.get(group.left_verdict, group.left_verdict),
                    before_clause=group.left_clause,
                    after=VERDICT_WORDS.get(group.right_verdict, group.right_verdict),
                    after_clause=group.right_clause,
                )
            )
    return tuple(out)


def changes_between(
    old_pack: Pack,
    old_clauses: Sequence[Clause],
    new_pack: Pack,
    new_clauses: Sequence[Clause],
    *,
    grid_size: int = 512,
) -> Changes:
    added, removed, reworded = clause_changes(old_clauses, new_clauses)
    return Changes(
        from_version=old_pack.document.version,
        to_version=new_pack.document.version,
        added=added,
        removed=removed,
        reworded=reworded,
        answers=answer_changes(old_pack, new_pack, grid_size=grid_size),
    )


# -- completion -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompletionRow:
    label: str
    assigned: int
    acknowledged: int
    overdue: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.acknowledged / self.assigned) if self.assigned else 0

    @property
    def outstanding(self) -> int:
        return self.assigned - self.acknowledged


@dataclass(frozen=True)
class Completion:
    by_building: tuple[CompletionRow, ...]
    by_role: tuple[CompletionRow, ...]
    total: CompletionRow = field(default_factory=lambda: CompletionRow("All", 0, 0))


ROLE_WORDS: Mapping[str, str] = {
    "teacher": "Teachers",
    "coach": "Coaches",
    "administrator": "Administrators",
    "staff": "Other staff",
    "volunteer": "Volunteers",
}


def role_label(kind: str, staff_role: str | None) -> str:
    if kind == "volunteer":
        return ROLE_WORDS["volunteer"]
    return ROLE_WORDS.get(staff_role or "staff", (staff_role or "staff").capitalize())


def completion(rows: Iterable[tuple[str, str, int, int, int]]) -> Completion:
    """Completion figures from ``(building label, role label, assigned, acknowledged,
    overdue)`` counts (one row per building and role)."""
    buildings: dict[str, list[int]] = {}
    roles: dict[str, list[int]] = {}
    total = [0, 0, 0]
    for building, role, assigned, acknowledged, overdue in rows:
        for table, key in ((buildings, building), (roles, role)):
            counts = table.setdefault(key, [0, 0, 0])
            counts[0] += assigned
            counts[1] += acknowledged
            counts[2] += overdue
        total[0] += assigned
        total[1] += acknowledged
        total[2] += overdue

    def rows_of(table: dict[str, list[int]]) -> tuple[CompletionRow, ...]:
        return tuple(CompletionRow(k, *v) for k, v in sorted(table.items()))

    return Completion(rows_of(buildings), rows_of(roles), CompletionRow("All", *total))


# -- permissions ------------------------------------------------------------------------------


def _administrator_grant(principal: Principal) -> CapabilityGrant | None:
    """The district's administrators, as the pack names them: a role that may grant roles or
    import the directory district-wide (Lanyard administrator, superintendent's designee,
    director of technology)."""
    return principal.district_grant(MANAGE_ROLES) or principal.district_grant(IMPORT_DIRECTORY)


def can_acknowledge(principal: Principal) -> Permission:
    """The acknowledgments page: staff and volunteers (who are asked to sign)."""
    if principal.kind in {"staff", "volunteer"}:
        return Permission(True, "staff and volunteers acknowledge the policy")
    return Permission(False, "policy acknowledgments are for staff and volunteers")


def can_manage_campaigns(principal: Principal) -> Permission:
    """Open and close campaigns: the district's administrators."""
    grant = _administrator_grant(principal)
    if grant is not None:
        return Permission(
            True, f"as {principal.role_name(grant.role)} you run acknowledgment campaigns"
        )
    return Permission(
        False,
        "only a Lanyard administrator, the superintendent's designee or the director of "
        "technology runs acknowledgment campaigns",
    )


@dataclass(frozen=True)
class CompletionScope:
    district: bool
    building_ids: frozenset[str]
    reason: str

    @property
    def empty(self) -> bool:
        return not self.district and not self.building_ids


def completion_scope(principal: Principal) -> CompletionScope:
    """Whose completion a principal sees: the district (administrators, superintendent) or
    their buildings (building principal, building administration)."""
    if _administrator_grant(principal) is not None:
        return CompletionScope(True, frozenset(), "as an administrator you see the district")
    scope = directory_scope(principal)
    if scope.district:
        return CompletionScope(True, frozenset(), scope.reason)
    if scope.building_ids:
        return CompletionScope(False, scope.building_ids, scope.reason)
    return CompletionScope(
        False, frozenset(), "only administrators and building principals see completion"
    )


def can_see_completion(principal: Principal) -> Permission:
    scope = completion_scope(principal)
    return Permission(not scope.empty, scope.reason)


def can_record_review(principal: Principal) -> Permission:
    held = sorted(principal.role_names & {*REVIEWER_ROLES, "lanyard_admin"})
    if held:
        return Permission(True, f"as {human(held[0])} you record the annual review")
    return Permission(False, "only the superintendent (or designee) records the annual review")
