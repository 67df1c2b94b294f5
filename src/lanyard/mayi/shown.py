"""What the answer's template (``mayi/_answer.html``) picks out of an answer, worked out
in Python once per answer: the template used to pick each with a chain of Jinja filters
(``selectattr``, ``map``, ``unique``, ``list``), a fifth of its rendering time on every ask.
Each value is what that chain gave, in the same order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lanyard.mayi.service import Answer
from lanyard.policy import questions
from lanyard.policy.loader import Pack


def unique(values: Iterable[Any]) -> list[Any]:
    """Jinja's ``unique`` filter: the first of each value, strings compared ignoring case."""
    seen: set[Any] = set()
    out = []
    for value in values:
        key = value.lower() if isinstance(value, str) else value
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


@dataclass(frozen=True)
class Shown:
    open_forms: list[str]  # approvals on file whose limits the answer asks about
    form_def: Any  # the pack's form for the approval the answer asks for, if any
    owed: questions.Duties
    sure_by_strength: dict[str, list[Any]]  # owed.sure by "must" and "should"
    satisfied_by: list[str]  # the approvals on file that met a fired rule
    possible_clauses: set[str]  # the clauses of rules that only might apply
    sure_clauses: set[str]  # the clauses of rules that apply
    notes: list[str]  # the fired rules' plain-words notes


def shown(answer: Answer, pack: Pack) -> Shown:
    decision = answer.decision
    approval = decision.approval
    form_def = None
    if approval is not None and approval.form:
        form_def = next((f for f in pack.document.forms if f.id == approval.form), None)
    owed = questions.duties(decision, pack)
    fired = decision.fired
    return Shown(
        open_forms=[n.form for n in answer.approval_notes if n.status == "unknown"],
        form_def=form_def,
        owed=owed,
        sure_by_strength={
            strength: [o for o in owed.sure if o.strength == strength]
            for strength in ("must", "should")
        },
        satisfied_by=unique(f.satisfied_by for f in fired if f.satisfied_by),
        possible_clauses={f.clause for f in fired if f.possible},
        sure_clauses={f.clause for f in fired if not f.possible},
        notes=unique(f.note for f in fired if f.note),
    )


def shown_for(pack: Pack) -> Callable[[Answer], Shown]:
    """:func:`shown` for the templates' context (the pack given)."""
    return lambda answer: shown(answer, pack)
