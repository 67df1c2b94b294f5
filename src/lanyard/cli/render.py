"""Plain-text rendering of decisions for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Collection

from lanyard.policy import Decision, Pack, Verdict
from lanyard.policy.questions import (
    DONT_KNOW,
    deadline_phrase,
    describe_dependence,
    obligation_verb,
    open_fact,
    question_for,
)

HEADLINES = {
    Verdict.ALLOWED: "ALLOWED",
    Verdict.ALLOWED_WITH_OBLIGATIONS: "ALLOWED, WITH OBLIGATIONS",
    Verdict.NEEDS_APPROVAL: "NEEDS APPROVAL FIRST",
    Verdict.PROHIBITED: "PROHIBITED",
}


def _words(identifier: str | None) -> str:
    return (identifier or "").replace("_", " ").replace("-", " ")


def render_decision(
    decision: Decision, pack: Pack, title: str | None = None, declined: Collection[str] = ()
) -> str:
    """The decision as text. ``declined``: the facts the person answered "I don't know"
    (with the details and derived facts they stand for): the answer says it turns on
    them, never asks them again."""
    doc = pack.document
    lines: list[str] = []
    if title:
        lines.append(title)
    lines.append(f"{doc.district} - Policy {doc.policy.number}, {doc.policy.title}")
    if decision.settled:
        lines.append(f"  {HEADLINES[decision.verdict]}")
    else:
        lines.append(
            f"  IT DEPENDS (at strictest {HEADLINES[decision.most]},"
            f" at mildest {HEADLINES[decision.least]})"
        )
        # what the person could not say first: it is what the answer turns on
        first = next(
            (d for d in decision.depends_on if d.fact in declined), decision.deciding_question
        )
        if first is not None:
            text, answers = describe_dependence(first, declined)
            lines.append(f"  {text}")
            lines.extend(f"    - {a}" for a in answers)
    if decision.approval is not None:
        form = next((f for f in doc.forms if f.id == decision.approval.form), None)
        how = f" using the {form.title}" if form else ""
        written = "written " if decision.approval.written else ""
        who = " or ".join(f"the {_words(r)}" for r in decision.approval.any_of) or (
            f"the {_words(decision.approval.by)}"
        )
        lines.append(f"  Get {written}approval from {who}{how}.")
    for strength, heading in (("must", "You must:"), ("should", "The policy asks that you:")):
        chosen = [ob for ob in decision.obligations if ob.strength == strength]
        if not chosen:
            continue
        lines.append(
            f"  {heading}"
            if decision.settled
            else f"  If it applies, {heading[0].lower()}{heading[1:]}"
        )
        for ob in chosen:
            line = obligation_verb(ob.do, has_recipient=ob.to is not None)
            if ob.to:
                line += f" the {_words(ob.to)}"
            if ob.deadline:
                line += f" ({deadline_phrase(ob.deadline)})"
            if ob.what:
                line += f": {ob.what}"
            if ob.when:
                line += f" - {ob.when}" if ob.what else f": {ob.when}"
            lines.append("    - " + line)
    for fired in decision.fired:
        if fired.satisfied_by is None:
            continue
        if decision.verdict is Verdict.PROHIBITED:
            lines.append(
                f"  Your approval on file ({fired.satisfied_by}) does not change this:"
                " another clause prohibits it."
            )
        else:
            lines.append(f"  Approval on file: {fired.satisfied_by}.")
    notes = [f.note for f in decision.fired if f.note]
    if notes:
        lines.append("  In plain words:")
        for note in dict.fromkeys(notes):
            lines.append(
                textwrap.fill(note, width=88, initial_indent="    - ", subsequent_indent="      ")
            )
    said = [f for f in decision.needs_facts if f in declined]
    if said:
        lines.append(f'  You answered "{DONT_KNOW}" to:')
        lines.extend(f"    - {question_for(f).text} ({f})" for f in said)
    untold = [f for f in decision.needs_facts if f not in declined]
    if untold:
        lines.append(
            "  This answer could change. Lanyard was not told:"
            if not decision.settled
            else "  The answer stands; what you must do could depend on what Lanyard was not told:"
        )
        lines.extend(f"    - {open_fact(f)} ({f})" for f in untold)
    if decision.citations:
        possible = {f.rule_id for f in decision.fired if f.possible}
        lines.append(
            "  The policy says:" if not possible else "  The policy says (some only if they apply):"
        )
        for citation in decision.citations:
            lines.append(f"    {citation.clause}")
            quote = textwrap.fill(
                f"\u201c{citation.quote}\u201d",
                width=88,
                initial_indent="      ",
                subsequent_indent="       ",
            )
            lines.append(quote)
    else:
        lines.append(
            "  The policy does not address this: no clause of it speaks to this situation,"
            " so nothing in it prohibits it."
        )
    return "\n".join(lines)
