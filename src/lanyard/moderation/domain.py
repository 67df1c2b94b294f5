"""Comment moderation, decided purely: category ids, results with their reasons, the action.

Nothing here reads files, the clock or the network. A classifier produces one
:class:`CategoryResult` per category; :func:`decide_action` combines them with the pack's
deletion criteria into one :class:`ModerationResult`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

CATEGORY_IDS: tuple[str, ...] = (
    "vulgar_language",
    "personal_attack",
    "discrimination",
    "spam_or_commercial_link",
    "off_topic",
    "illegal_activity",
    "marketing",
    "copyright",
    "confidential_information",
    "safety",
    "threat",
    "defamation",
)


class Action(StrEnum):
    KEEP = "keep"
    REVIEW = "review"
    REMOVE = "remove"
    ESCALATE = "escalate"


_RANK = {Action.KEEP: 0, Action.REVIEW: 1, Action.REMOVE: 2, Action.ESCALATE: 3}

# What a flagged category calls for when no pack says otherwise. Threats and danger to
# people go to an administrator; defamation is documented and reported before removal
# (Naperville 203, site manager duty 5); the rest are removed.
DEFAULT_ACTIONS: Mapping[str, Action] = {
    **dict.fromkeys(CATEGORY_IDS, Action.REMOVE),
    "threat": Action.ESCALATE,
    "safety": Action.ESCALATE,
    "defamation": Action.REVIEW,
}


# Categories that escalate whatever a pack's criterion says (removal alone hides a threat
# from the people who must respond to it).
ALWAYS_ESCALATE = frozenset({"threat"})


@dataclass(frozen=True, slots=True)
class Threshold:
    """Scores at or above ``flag`` flag the category; at or above ``review`` ask a person."""

    flag: float
    review: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.review <= self.flag <= 1.0:
            raise ValueError(f"threshold needs 0 <= review <= flag <= 1, got {self}")


@dataclass(frozen=True, slots=True)
class Signal:
    """One recognizer's opinion about one category of one comment."""

    category: str
    score: float
    evidence: tuple[str, ...]
    model_id: str
    model_version: str


@dataclass(frozen=True, slots=True)
class Criterion:
    """A pack's deletion criterion, as the classifier needs it."""

    category: str
    action: Action
    clause: str | None


@dataclass(frozen=True, slots=True)
class CategoryResult:
    id: str
    score: float
    threshold: float
    review_threshold: float
    flagged: bool
    evidence: tuple[str, ...]
    model_id: str
    model_version: str
    clause: str | None

    @property
    def label(self) -> str:
        return self.id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.id,
            "score": round(self.score, 4),
            "threshold": self.threshold,
            "flagged": self.flagged,
            "evidence": list(self.evidence),
            "model": {"id": self.model_id, "version": self.model_version},
            "clause": self.clause,
        }


@dataclass(frozen=True, slots=True)
class ModerationResult:
    action: Action
    categories: tuple[CategoryResult, ...]
    reasons: tuple[str, ...] = field(default=())

    def category(self, category_id: str) -> CategoryResult:
        for result in self.categories:
            if result.id == category_id:
                return result
        raise KeyError(category_id)

    @property
    def flagged(self) -> tuple[str, ...]:
        return tuple(result.id for result in self.categories if result.flagged)

    def to_json(self) -> dict[str, Any]:
        return {
            "action": self.action.value,
            "categories": [result.to_json() for result in self.categories],
        }


def strongest(signals: Iterable[Signal], category: str, model_id: str, version: str) -> Signal:
    """The highest-scoring signal for a category (ties keep the first), or a zero signal."""
    best: Signal | None = None
    for signal in signals:
        if signal.category == category and (best is None or signal.score > best.score):
            best = signal
    return best or Signal(category, 0.0, (), model_id, version)


def category_action(
    category: str, criteria: Mapping[str, Criterion] | None
) -> tuple[Action, str | None]:
    """What a flagged category calls for and the clause that says so.

    Without a pack the defaults apply. With a pack, its criterion decides; a category the
    pack does not list can still be flagged, but then a person reviews it (at most review).
    A threat always goes to a person who can act on it (escalate outranks remove), even
    where the pack only says to delete it.
    """
    if criteria is None:
        return DEFAULT_ACTIONS[category], None
    criterion = criteria.get(category)
    if criterion is None:
        return Action.REVIEW, None
    if category in ALWAYS_ESCALATE:
        return Action.ESCALATE, criterion.clause
    return criterion.action, criterion.clause


@lru_cache(maxsize=4096)
def _unsignalled(
    category: str, threshold: Threshold, clause: str | None, model_id: str, model_version: str
) -> CategoryResult:
    """The result of a category no signal spoke for: a frozen value, the same for every
    comment it is the result for, so made once per category, thresholds, clause and model."""
    return _result(Signal(category, 0.0, (), model_id, model_version), threshold, clause)


def _result(best: Signal, threshold: Threshold, clause: str | None) -> CategoryResult:
    return CategoryResult(
        id=best.category,
        score=best.score,
        threshold=threshold.flag,
        review_threshold=threshold.review,
        flagged=best.score >= threshold.flag,
        evidence=best.evidence,
        model_id=best.model_id,
        model_version=best.model_version,
        clause=clause,
    )


def decide_action(
    signals: Iterable[Signal],
    thresholds: Mapping[str, Threshold],
    criteria: Mapping[str, Criterion] | None = None,
    model_id: str = "lanyard-moderation",
    model_version: str = "0",
) -> ModerationResult:
    """Combine signals into one result per category (all twelve, in order) and one action.

    The most severe action wins: escalate > remove > review > keep. A flagged category takes
    its criterion's action; a category whose score reaches its review threshold asks for review.
    """
    # The strongest signal of each category, as :func:`strongest` picks it, in one pass.
    strongest_of: dict[str, Signal] = {}
    for signal in signals:
        found = strongest_of.get(signal.category)
        if found is None or signal.score > found.score:
            strongest_of[signal.category] = signal
    results: list[CategoryResult] = []
    action = Action.KEEP
    reasons: list[str] = []
    for category in CATEGORY_IDS:
        threshold = thresholds[category]
        wanted, clause = category_action(category, criteria)
        best = strongest_of.get(category)
        result = (
            _unsignalled(category, threshold, clause, model_id, model_version)
            if best is None
            else _result(best, threshold, clause)
        )
        if result.flagged:
            this = wanted
        elif result.score >= threshold.review:
            this = Action.REVIEW
        else:
            this = Action.KEEP
        if this is not Action.KEEP:
            reasons.append(f"{category}:{this.value}")
        if _RANK[this] > _RANK[action]:
            action = this
        results.append(result)
    return ModerationResult(action=action, categories=tuple(results), reasons=tuple(reasons))
