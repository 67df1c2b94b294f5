"""A question in words, the facts answered so far, and what follows: the situation, what
was understood (with its words), the next question that could change the answer, and the
decision for what is known. Shared by `lanyard interpret`, the API and the page (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lanyard.mayi.understand import Understood, situation_from, understand
from lanyard.policy import Decision, Situation
from lanyard.policy.decision import Dependence
from lanyard.policy.questions import question_for

_INDEXED = re.compile(r"^counterparts\.\d+\.")


class FactProblem(ValueError):
    """An answered fact that is not a fact of the contract, named."""


@dataclass(frozen=True)
class Interpretation:
    facts: dict[str, Any]  # flat fact paths -> values (the question's, then the answers)
    understood: tuple[Understood, ...]  # what the question itself said
    declined: frozenset[str]  # facts answered "I don't know"

    def situation(self, district: str) -> dict[str, Any]:
        return situation_from(district, self.facts)


def read(question: str, answered: Mapping[str, Any] | None = None) -> Interpretation:
    """The question's facts with the answers applied over them; ``None`` means "I don't
    know" (the fact stays unknown and is not asked again)."""
    understood = understand(question)
    facts: dict[str, Any] = {u.field: u.value for u in understood}
    declined: set[str] = set()
    for raw_path, value in (answered or {}).items():
        path = _INDEXED.sub("counterparts.", raw_path)
        if not re.fullmatch(r"[a-z_]+(\.[a-z_0-9]+)?", path):
            raise FactProblem(f"{raw_path!r} is not a fact path (e.g. channel.account)")
        if value is None:
            facts.pop(path, None)
            declined.add(path)
        else:
            facts[path] = value
    return Interpretation(facts, understood, frozenset(declined))


def next_question(
    decision: Decision, declined: frozenset[str], known: frozenset[str] = frozenset()
) -> Dependence | None:
    """The first question that could still change the answer and has not been declined."""
    return next(
        (d for d in decision.depends_on if d.fact not in declined and d.fact not in known),
        None,
    )


def to_json(
    interpretation: Interpretation,
    situation: Situation,
    decision: Decision,
    following: Dependence | None,
) -> dict[str, Any]:
    """The shape `lanyard interpret --json` and `POST /api/may-i/interpret` return."""
    nxt = None
    if following is not None:
        q = question_for(following.fact)
        nxt = {
            "field": following.fact,
            "question": q.text,
            "options": [
                {"value": o.value, "label": q.answer(o.value), "verdict": str(o.verdict)}
                for o in following.outcomes
            ],
        }
    return {
        "situation": situation.model_dump(mode="json", exclude_none=True),
        "understood": [
            {"field": u.field, "value": u.value, "words": u.words}
            for u in interpretation.understood
        ],
        "next": nxt,
        "decision": decision.to_dict(),
    }
