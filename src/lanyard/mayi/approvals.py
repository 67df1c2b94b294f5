"""Approvals on file weighed against the question asked: an approval counts only within
the limits its approver ticked; the approver's own words become duties (pure: values in,
values out)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from lanyard.approvals import limits as approval_limits
from lanyard.approvals.limits import Limit
from lanyard.mayi.domain import HeldApproval
from lanyard.policy.decision import Decision, Dependence, Obligation, Outcome, Verdict
from lanyard.policy.situation import FlatSituation, Situation

CONDITIONS_WHEN = "conditions of your approval"
_FACT_OF_FIELD = {"group_size": "counterparts.count"}  # what to ask for a derived field


@dataclass(frozen=True)
class ApprovalCheck:
    """An approval's limits against the situation asked about: ``counts`` (within all of
    them), ``outside`` (outside at least one) or ``unknown`` (a fact a limit needs was not
    given, so it does not count yet)."""

    approval: HeldApproval
    status: Literal["counts", "outside", "unknown"]
    outside: tuple[Limit, ...] = ()
    unknown: tuple[tuple[Limit, tuple[str, ...]], ...] = ()  # the limit, the facts to ask
    unchecked: tuple[str, ...] = ()  # stored limit ids no longer in the vocabulary


def check_limits(approval: HeldApproval, situation: FlatSituation) -> ApprovalCheck:
    outside: list[Limit] = []
    unknown: list[tuple[Limit, tuple[str, ...]]] = []
    unchecked: list[str] = []
    for limit_id in approval.limits:
        limit = approval_limits.BY_ID.get(limit_id)
        if limit is None:
            unchecked.append(limit_id)
            continue
        truth, missing = limit.compiled.explain(situation)
        if truth is False:
            outside.append(limit)
        elif truth is None:
            # With no counterpart known at all, a limit on every counterpart misses the list
            # itself ("counterparts"), which no question asks: ask the limit's own fact.
            facts = tuple(
                dict.fromkeys(
                    limit.fact if f == "counterparts" else _FACT_OF_FIELD.get(f, f)
                    for f in sorted(missing)
                )
            )
            unknown.append((limit, facts or (limit.fact,)))
    status: Literal["counts", "outside", "unknown"] = (
        "outside" if outside else "unknown" if unknown else "counts"
    )
    return ApprovalCheck(approval, status, tuple(outside), tuple(unknown), tuple(unchecked))


@dataclass(frozen=True)
class ApprovalNote:
    """What the answer says of an approval on file that a rule would accept but that does
    not count for this question: ``outside`` its limits, ``unknown`` (the answer asks for
    the facts), or ``no_change`` (its limits are open, but it would not change the answer)."""

    form: str
    status: Literal["outside", "unknown", "no_change"]
    limits: tuple[str, ...]  # the plain words of all its limits
    outside: tuple[tuple[str, str], ...] = ()  # (limit words, why this is outside it)
    open_limits: tuple[str, ...] = ()  # the words of the limits not known to hold
    facts: tuple[str, ...] = ()  # the facts that would settle them


@dataclass(frozen=True)
class Weighed:
    decision: Decision
    checks: tuple[ApprovalCheck, ...]
    counted: tuple[str, ...]  # the forms whose approvals count for this question
    notes: tuple[ApprovalNote, ...]
    limits_of: dict[str, tuple[str, ...]]  # form counted -> the words of its limits


def _differs(a: Decision, b: Decision) -> bool:
    return (a.verdict, a.obligations, a.settled, a.approval) != (
        b.verdict,
        b.obligations,
        b.settled,
        b.approval,
    )


def _rank(v: Verdict) -> int:
    return v.rank


def with_forms(situation: Situation, forms: Sequence[str]) -> Situation:
    """The situation with exactly these approvals on file."""
    actor = situation.actor.model_copy(update={"approvals": tuple(forms)})
    return situation.model_copy(update={"actor": actor})


def complete(situation: Situation, fact: str, value: Any) -> Situation | None:
    """The situation with an unknown fact given (for a counterpart fact: for every
    counterpart it is unknown for); None where there is nothing to give it to."""
    data = situation.model_dump(exclude_none=True)
    head, _, name = fact.partition(".")
    if head == "counterparts":
        cps = data.get("counterparts")
        if not cps:
            return None
        for cp in cps:
            cp.setdefault(name, value)
    elif name:
        data.setdefault(head, {})[name] = value
    else:
        data[head] = value
    try:
        return Situation.model_validate(data)
    except ValueError:
        return None


def _depends_on_limits(
    situation: Situation,
    base: Decision,
    maybe: Decision,
    open_checks: Sequence[ApprovalCheck],
    checks: Sequence[ApprovalCheck],
    decide_situation: Callable[[Situation], Decision],
) -> Decision:
    """``base`` (the approvals whose limits are open left out) made to depend on the facts
    those limits need, each with what an answer within the limit and one outside it lead
    to. The verdict stays ``base``'s, the stricter, until the facts are given."""
    asked: dict[str, Limit] = {}
    for check in open_checks:
        for limit, facts in check.unknown:
            for fact in facts:
                asked.setdefault(fact, limit)
    deps: list[Dependence] = []
    bounds = [base.least, base.most, maybe.least, maybe.most]
    for fact, limit in asked.items():
        outcomes = []
        for value, shown, fallback in (
            (limit.within_example, limit.within, maybe),
            (limit.outside, limit.outside, base),
        ):
            completed = complete(situation, fact, value)
            if completed is None:
                outcomes.append(
                    Outcome(shown, fallback.verdict, False, fallback.least, fallback.most)
                )
                continue
            flat = completed.flatten()
            forms = {
                c.approval.form for c in checks if check_limits(c.approval, flat).status == "counts"
            }
            answer = decide_situation(with_forms(completed, sorted(forms)))
            bounds += [answer.least, answer.most]
            outcomes.append(
                Outcome(shown, answer.verdict, answer.settled, answer.least, answer.most)
            )
        deps.append(Dependence(fact, tuple(outcomes)))
    return replace(
        base,
        settled=False,
        needs_facts=tuple(sorted(set(base.needs_facts) | set(asked))),
        least=min(bounds, key=_rank),
        most=max(bounds, key=_rank),
        depends_on=tuple(deps) + tuple(d for d in base.depends_on if d.fact not in asked),
    )


def weigh_approvals(
    situation: Situation,
    held: Sequence[HeldApproval],
    decide_situation: Callable[[Situation], Decision],
) -> Weighed:
    """The decision with only the approvals on file that count for this question, and what
    the answer says of the others. An approval outside its limits does not count; one whose
    limits need a fact that was not given does not count yet, and if counting it would
    change the answer, the answer depends on that fact (and asks for it)."""
    flat = situation.flatten()
    checks = tuple(check_limits(a, flat) for a in held)

    def decide_for(forms: Sequence[str]) -> Decision:
        return decide_situation(with_forms(situation, forms))

    counted = tuple(sorted({c.approval.form for c in checks if c.status == "counts"}))
    base = decide_for(counted)
    limits_of = {
        form: tuple(
            dict.fromkeys(
                label
                for c in checks
                if c.approval.form == form and c.status == "counts"
                for label in approval_limits.labels(c.approval.limits)
            )
        )
        for form in counted
    }
    left_out = {c.approval.form for c in checks if c.status != "counts"} - set(counted)
    if not left_out:
        return Weighed(base, checks, counted, (), limits_of)
    everything = decide_for(tuple(sorted(set(counted) | left_out)))
    relevant = {f.satisfied_by for f in everything.fired if f.satisfied_by} & left_out
    open_forms = {c.approval.form for c in checks if c.status == "unknown"} & relevant
    open_checks = [c for c in checks if c.status == "unknown" and c.approval.form in open_forms]
    decision = base
    changes = False
    if open_forms:
        maybe = (
            everything
            if open_forms == relevant
            else decide_for(tuple(sorted(set(counted) | open_forms)))
        )
        changes = _differs(base, maybe)
        if changes:
            decision = _depends_on_limits(
                situation, base, maybe, open_checks, checks, decide_situation
            )
    notes: list[ApprovalNote] = []
    for form in sorted(relevant):
        mine = [c for c in checks if c.approval.form == form]
        words = tuple(
            dict.fromkeys(
                label for c in mine for label in approval_limits.labels(c.approval.limits)
            )
        )
        if form in open_forms:
            notes.append(
                ApprovalNote(
                    form,
                    "unknown" if changes else "no_change",
                    words,
                    open_limits=tuple(
                        dict.fromkeys(
                            limit.label
                            for c in open_checks
                            if c.approval.form == form
                            for limit, _ in c.unknown
                        )
                    ),
                    facts=tuple(
                        dict.fromkeys(
                            fact
                            for c in open_checks
                            if c.approval.form == form
                            for _, facts in c.unknown
                            for fact in facts
                        )
                    ),
                )
            )
        else:
            notes.append(
                ApprovalNote(
                    form,
                    "outside",
                    words,
                    outside=tuple(
                        dict.fromkeys(
                            (limit.label, limit.outside_words) for c in mine for limit in c.outside
                        )
                    ),
                )
            )
    return Weighed(decision, checks, counted, tuple(notes), limits_of)


def with_approval_conditions(decision: Decision, checks: Sequence[ApprovalCheck]) -> Decision:
    """The conditions the approver wrote, of each approval that counted and met a rule, as
    obligations in the approver's words (they cannot be checked). A settled "no" gets
    none: the approval does not change it."""
    if decision.verdict is Verdict.PROHIBITED and decision.settled:
        return decision
    used = {f.satisfied_by for f in decision.fired if f.satisfied_by}
    extra: list[Obligation] = []
    for check in checks:
        if check.status != "counts" or check.approval.form not in used:
            continue
        texts = list(check.unchecked and approval_limits.labels(check.unchecked))
        if check.approval.conditions:
            texts.append(check.approval.conditions)
        extra.extend(
            Obligation(do="verify", what=text, strength="must", when=CONDITIONS_WHEN)
            for text in texts
        )
    if not extra:
        return decision
    obligations = tuple(dict.fromkeys((*decision.obligations, *extra)))
    if decision.verdict is not Verdict.ALLOWED:
        return replace(decision, obligations=obligations)
    # A "yes" with duties to do is a yes with obligations.
    stricter = Verdict.ALLOWED_WITH_OBLIGATIONS
    return replace(
        decision,
        obligations=obligations,
        verdict=stricter,
        least=max(decision.least, stricter, key=_rank) if decision.settled else decision.least,
        most=max(decision.most, stricter, key=_rank),
    )
