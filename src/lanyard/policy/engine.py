"""The decision engine: a pure function from (pack, situation) to a decision."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lanyard.policy.conditions import unknown_fields
from lanyard.policy.decision import (
    Approval,
    Citation,
    Decision,
    FiredRule,
    Obligation,
    Verdict,
)
from lanyard.policy.loader import CompiledRule, Pack
from lanyard.policy.pack import ObligationSpec
from lanyard.policy.situation import FlatSituation, Situation


def _obligations(specs: Iterable[ObligationSpec]) -> list[Obligation]:
    return [Obligation(do=s.do, to=s.to, when=s.when) for s in specs]


def decide_flat(pack: Pack, situation: FlatSituation) -> Decision:
    """Decide a flattened situation (see :meth:`Situation.flatten`)."""
    approvals = situation.get("actor.approvals")
    fired: list[tuple[int, int, CompiledRule, Verdict, str | None]] = []
    missing: set[str] = set()
    undecided: list[CompiledRule] = []
    for compiled in pack.rules_for(situation["action"]):
        rule = compiled.rule
        truth = compiled.condition.predicate(situation)
        if truth is None:
            if rule.verdict is not Verdict.ALLOWED or rule.obligations:
                undecided.append(compiled)
            continue
        if not truth:
            continue
        if compiled.exception is not None:
            lifted = compiled.exception.predicate(situation)
            if lifted:
                continue
            if lifted is None:
                missing |= unknown_fields(compiled.exception, situation)
        verdict = rule.verdict
        satisfied_by = None
        if verdict is Verdict.NEEDS_APPROVAL:
            form = rule.approval.form if rule.approval else None
            if approvals is None:
                missing.add("actor.approvals")
            elif form is not None and form in approvals:
                satisfied_by = form
                once = rule.once_approved
                verdict = Verdict(once.verdict) if once else Verdict.ALLOWED
        fired.append((-verdict.rank, compiled.order, compiled, verdict, satisfied_by))

    if not fired:
        missing.update(*(unknown_fields(r.condition, situation) for r in undecided))
        return Decision(
            verdict=Verdict.ALLOWED,
            needs_facts=tuple(sorted(missing)),
            pack_id=pack.id,
            pack_hash=pack.content_hash,
        )
    fired.sort(key=lambda f: (f[0], f[1]))
    verdict = fired[0][3]
    approval = None
    obligations: list[Obligation] = []
    citations: list[Citation] = []
    for _, _, compiled, rule_verdict, satisfied_by in fired:
        rule = compiled.rule
        if approval is None and rule_verdict is Verdict.NEEDS_APPROVAL and rule.approval:
            approval = Approval(rule.approval.by, rule.approval.form, rule.approval.written)
        obligations.extend(_obligations(rule.obligations))
        if satisfied_by is not None and rule.once_approved is not None:
            obligations.extend(_obligations(rule.once_approved.obligations))
        citations.append(Citation(rule.clause, rule.quote))
    # An undecided rule matters when it could make the verdict stronger or add a duty.
    owed = set(obligations)
    for compiled in undecided:
        rule = compiled.rule
        if rule.verdict.rank > verdict.rank or not owed.issuperset(_obligations(rule.obligations)):
            missing |= unknown_fields(compiled.condition, situation)
    return Decision(
        verdict=verdict,
        approval=approval if verdict is Verdict.NEEDS_APPROVAL else None,
        obligations=tuple(dict.fromkeys(obligations)),
        needs_facts=tuple(sorted(missing)),
        citations=tuple(dict.fromkeys(citations)),
        fired=tuple(FiredRule(f[2].rule.id, f[3], f[4], f[2].rule.note) for f in fired),
        pack_id=pack.id,
        pack_hash=pack.content_hash,
    )


def decide(pack: Pack, situation: Situation) -> Decision:
    """The pack's decision on one situation."""
    if situation.district != pack.id:
        raise ValueError(f"the situation is for {situation.district!r}, the pack is {pack.id!r}")
    return decide_flat(pack, situation.flatten())


def decide_many(pack: Pack, situations: Sequence[FlatSituation]) -> list[Decision]:
    """Batch mode: many flattened situations against one pack."""
    return [decide_flat(pack, s) for s in situations]
