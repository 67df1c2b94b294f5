"""Plain-text rendering of decisions for the terminal."""

from __future__ import annotations

import textwrap

from lanyard.policy import Decision, Pack, Verdict

HEADLINES = {
    Verdict.ALLOWED: "ALLOWED",
    Verdict.ALLOWED_WITH_OBLIGATIONS: "ALLOWED, WITH OBLIGATIONS",
    Verdict.NEEDS_APPROVAL: "NEEDS APPROVAL FIRST",
    Verdict.PROHIBITED: "PROHIBITED",
}


def _words(identifier: str | None) -> str:
    return (identifier or "").replace("_", " ").replace("-", " ")


def render_decision(decision: Decision, pack: Pack, title: str | None = None) -> str:
    doc = pack.document
    lines: list[str] = []
    if title:
        lines.append(title)
    lines.append(f"{doc.district} - Policy {doc.policy.number}, {doc.policy.title}")
    lines.append(f"  {HEADLINES[decision.verdict]}")
    if decision.approval is not None:
        form = next((f for f in doc.forms if f.id == decision.approval.form), None)
        how = f" using the {form.title}" if form else ""
        written = "written " if decision.approval.written else ""
        lines.append(f"  Get {written}approval from the {_words(decision.approval.by)}{how}.")
    if decision.obligations:
        lines.append("  You must:")
        for ob in decision.obligations:
            parts = [_words(ob.do)]
            if ob.to:
                parts.append(f"to the {_words(ob.to)}")
            if ob.when:
                parts.append(f"({ob.when})")
            lines.append("    - " + " ".join(parts))
    satisfied = [f for f in decision.fired if f.satisfied_by]
    for fired in satisfied:
        lines.append(f"  Approval on file: {fired.satisfied_by}.")
    notes = [f.note for f in decision.fired if f.note]
    if notes:
        lines.append("  In plain words:")
        for note in dict.fromkeys(notes):
            lines.append(
                textwrap.fill(note, width=88, initial_indent="    - ", subsequent_indent="      ")
            )
    if decision.needs_facts:
        lines.append(
            "  This answer could change. Lanyard was not told: " + ", ".join(decision.needs_facts)
        )
    if decision.citations:
        lines.append("  The policy says:")
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
