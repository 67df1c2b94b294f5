"""The decision engine: a pure function from (pack, situation) to a decision."""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from lanyard.policy.conditions import unknown_fields
from lanyard.policy.decision import Decision, Obligation, Verdict
from lanyard.policy.loader import CompiledRule, Pack
from lanyard.policy.situation import FlatSituation, Situation

_NEEDS_APPROVAL = Verdict.NEEDS_APPROVAL


def decide_flat(pack: Pack, situation: FlatSituation) -> Decision:
    """Decide a flattened situation (see :meth:`Situation.flatten`)."""
    approvals = situation.get("actor.approvals")
    fired: list[tuple[int, int, CompiledRule, Verdict, str | None]] = []
    missing: set[str] = set()
    undecided: list[CompiledRule] = []
    for compiled in pack.rules_for(situation["action"]):
        truth = compiled.condition.indexed(situation)
        if not truth:
            if truth is None and not compiled.inert:
                undecided.append(compiled)
            continue
        if compiled.exception is not None:
            lifted = compiled.exception.predicate(situation)
            if lifted:
                continue
            if lifted is None:
                missing |= unknown_fields(compiled.exception, situation)
        verdict, rank, satisfied_by = compiled.verdict, compiled.rank, None
        if verdict is _NEEDS_APPROVAL:
            if approvals is None:
                missing.add("actor.approvals")
            elif compiled.form is not None and compiled.form in approvals:
                satisfied_by = compiled.form
                verdict = compiled.once_verdict
                rank = verdict.rank
        fired.append((-rank, compiled.order, compiled, verdict, satisfied_by))

    if not fired:
        if not undecided and not missing:
            return pack.silent
        for compiled in undecided:
            missing |= unknown_fields(compiled.condition, situation)
        return Decision(
            verdict=Verdict.ALLOWED,
            needs_facts=tuple(sorted(missing)),
            pack_id=pack.id,
            pack_hash=pack.content_hash,
        )
    if len(fired) > 1:
        fired.sort(key=_strength)  # stable: rules of equal strength keep the pack's order
    top_rank, verdict = -fired[0][0], fired[0][3]
    approval = None
    obligations: list[Obligation] = []
    for _, _, compiled, rule_verdict, satisfied_by in fired:
        if approval is None and rule_verdict is _NEEDS_APPROVAL:
            approval = compiled.approval
        obligations.extend(compiled.obligations)
        if satisfied_by is not None:
            obligations.extend(compiled.once_obligations)
    # An undecided rule matters when it could make the verdict stronger or add a duty.
    if undecided:
        owed = set(obligations)
        for compiled in undecided:
            if compiled.rank > top_rank or not owed.issuperset(compiled.obligations):
                missing |= unknown_fields(compiled.condition, situation)
    return Decision(
        verdict=verdict,
        approval=approval if verdict is _NEEDS_APPROVAL else None,
        obligations=tuple(dict.fromkeys(obligations)),
        needs_facts=tuple(sorted(missing)) if missing else (),
        citations=tuple(dict.fromkeys(f[2].citation for f in fired)),
        fired=tuple(
            f[2].as_fired
            if f[4] is None
            else f[2].as_fired._replace(verdict=f[3], satisfied_by=f[4])
            for f in fired
        ),
        pack_id=pack.id,
        pack_hash=pack.content_hash,
    )


_strength = itemgetter(0)


def decide(pack: Pack, situation: Situation) -> Decision:
    """The pack's decision on one situation."""
    if situation.district != pack.id:
        raise ValueError(f"the situation is for {situation.district!r}, the pack is {pack.id!r}")
    return decide_flat(pack, situation.flatten())


def decide_many(pack: Pack, situations: Sequence[FlatSituation]) -> list[Decision]:
    """Batch mode: many flattened situations against one pack."""
    return [decide_flat(pack, s) for s in situations]
