"""The decision: a verdict with its reasons, serializable to the public contract."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, NamedTuple


class Verdict(StrEnum):
    ALLOWED = "allowed"
    ALLOWED_WITH_OBLIGATIONS = "allowed_with_obligations"
    NEEDS_APPROVAL = "needs_approval"
    PROHIBITED = "prohibited"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {
    Verdict.ALLOWED: 0,
    Verdict.ALLOWED_WITH_OBLIGATIONS: 1,
    Verdict.NEEDS_APPROVAL: 2,
    Verdict.PROHIBITED: 3,
}


def strongest(verdicts: Iterable[Verdict]) -> Verdict:
    """The precedence of the contract: prohibited > needs_approval > with obligations > allowed."""
    return max(verdicts, key=_RANK.__getitem__, default=Verdict.ALLOWED)


@dataclass(frozen=True)
class Approval:
    by: str
    form: str | None = None
    written: bool = True
    any_of: tuple[str, ...] = ()  # where the text lets several roles approve; by is the first

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"by": self.by}
        if self.any_of:
            out["any_of"] = list(self.any_of)
        if self.form is not None:
            out["form"] = self.form
        out["written"] = self.written
        return out


@dataclass(frozen=True)
class Obligation:
    do: str
    to: str | None = None
    when: str | None = None
    strength: str = "must"  # must (binding) | should (the policy recommends or prefers)
    deadline: str | None = None  # immediately | same_day | next_school_day | ISO 8601 duration
    what: str | None = None  # for include / retain / verify: the thing itself

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"do": self.do}
        if self.to is not None:
            out["to"] = self.to
        if self.when is not None:
            out["when"] = self.when
        out["strength"] = self.strength
        if self.deadline is not None:
            out["deadline"] = self.deadline
        if self.what is not None:
            out["what"] = self.what
        return out


@dataclass(frozen=True)
class Citation:
    clause: str
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"clause": self.clause, "quote": self.quote}


class FiredRule(NamedTuple):
    """Which rule fired and what it contributed, for explanations beyond the contract."""

    rule_id: str
    verdict: Verdict
    satisfied_by: str | None = None  # the approval on file that met the rule
    note: str | None = None  # the pack's plain-words explanation
    possible: bool = False  # it did not fire, but an unknown fact could make it
    clause: str = ""  # where the policy says it


@dataclass(frozen=True)
class Outcome:
    """What one answer to an unknown fact would lead to."""

    value: Any
    verdict: Verdict
    settled: bool  # False: other unknown facts would still matter
    least: Verdict  # the bounds that answer leaves
    most: Verdict

    def to_dict(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        out = {"value": value, "verdict": str(self.verdict), "settled": self.settled}
        if not self.settled:
            out["possible"] = {"least": str(self.least), "most": str(self.most)}
        return out


@dataclass(frozen=True)
class Dependence:
    """An unknown fact the answer depends on, and the verdict each of its values gives."""

    fact: str
    outcomes: tuple[Outcome, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"fact": self.fact, "outcomes": [o.to_dict() for o in self.outcomes]}


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    approval: Approval | None = None
    obligations: tuple[Obligation, ...] = ()
    needs_facts: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    fired: tuple[FiredRule, ...] = field(default=(), compare=False)
    pack_id: str = ""
    pack_hash: str = ""
    # Whether no unknown fact could change the verdict; least and most bound the verdicts
    # the possible completions of the unknown facts could give.
    settled: bool = True
    least: Verdict = Verdict.ALLOWED
    most: Verdict = Verdict.ALLOWED
    # The unknown facts that matter, the one that splits the answers most first.
    depends_on: tuple[Dependence, ...] = ()

    @property
    def addressed(self) -> bool:
        """Whether any clause of the policy spoke to the situation."""
        return bool(self.citations)

    @property
    def deciding_question(self) -> Dependence | None:
        return self.depends_on[0] if self.depends_on else None

    def with_unknowns(
        self, *, needs_facts: tuple[str, ...], depends_on: tuple[Dependence, ...]
    ) -> Decision:
        settled = self.settled or not needs_facts
        return replace(
            self,
            needs_facts=needs_facts,
            depends_on=depends_on,
            settled=settled,
            least=self.least if not settled else self.verdict,
            most=self.most if not settled else self.verdict,
        )

    def to_dict(self) -> dict[str, Any]:
        """Exactly the decision format of the situation contract."""
        out: dict[str, Any] = {"verdict": str(self.verdict)}
        if self.approval is not None:
            out["approval"] = self.approval.to_dict()
        out["obligations"] = [o.to_dict() for o in self.obligations]
        out["needs_facts"] = list(self.needs_facts)
        out["citations"] = [c.to_dict() for c in self.citations]
        out["settled"] = self.settled
        if not self.settled:
            out["possible"] = {"least": str(self.least), "most": str(self.most)}
            out["depends_on"] = [d.to_dict() for d in self.depends_on]
        return out
