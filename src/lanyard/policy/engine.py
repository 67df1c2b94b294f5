"""The decision engine: a pure function from (pack, situation) to a decision.

Never a confident wrong answer. Conditions are three-valued: a rule whose ``when`` is
unknown does not fire, and a rule whose ``unless`` is unknown is not lifted. Over the
possible completions of the unknown facts the engine bounds the answer: ``least`` (what
the rules that fire whatever the unknowns are give) and ``most`` (what every rule that
could fire gives). The decision is *settled* when the two meet. An unsettled answer is
never "allowed": where nothing that is known forbids or conditions the act but an unknown
fact could, the verdict is the strictest one possible, citing the clauses that could
apply, and the decision names the facts it depends on, led by the question that splits
the possible answers most, with what each answer would lead to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS, unknown_fields
from lanyard.policy.decision import Citation, Decision, Dependence, Obligation, Outcome, Verdict
from lanyard.policy.loader import CompiledRule, Pack
from lanyard.policy.situation import FlatSituation, Situation

_NEEDS_APPROVAL = Verdict.NEEDS_APPROVAL
_ALLOWED = Verdict.ALLOWED
_BY_RANK = sorted(Verdict, key=lambda v: v.rank)


@dataclass
class _Evaluation:
    """One pass over the pack's rules for a situation."""

    fired: list[tuple[int, int, CompiledRule, Verdict, str | None]]
    missing: set[str]  # fields whose absence kept some rule open
    possible: list[tuple[CompiledRule, Verdict]]  # rules that could fire but did not
    liftable: list[CompiledRule]  # rules that fired but whose exception could still lift them
    least: int  # rank of the mildest answer any completion of the unknowns could give
    most: int  # rank of the strictest


# What a situation makes of one rule: whether it applies, whether its exception lifts it,
# and the unknown fields that kept each open (None where not asked for).
Row = tuple[bool | None, bool | None, frozenset[str] | None, frozenset[str] | None]
_Row = Row


def _rows(pack: Pack, situation: FlatSituation) -> list[_Row]:
    """Each rule for the situation's action, as :func:`_evaluate` reads it."""
    rows: list[_Row] = []
    for compiled in pack.rules_for(situation["action"]):
        truth = compiled.condition.indexed(situation)
        lifted: bool | None = False
        why = why_not = None
        if truth is not False and compiled.exception is not None:
            lifted = compiled.exception.predicate(situation)
            if lifted is None:
                why_not = unknown_fields(compiled.exception, situation)
        if truth is None and not compiled.inert:
            why = unknown_fields(compiled.condition, situation)
        rows.append((truth, lifted, why, why_not))
    return rows


def _evaluate(
    pack: Pack,
    situation: FlatSituation,
    rows: Sequence[_Row] | None = None,
    changed: str = "",
) -> _Evaluation:
    """One pass over the rules. With ``rows`` (those of a situation that differs from this
    one only in the fact ``changed``), the rules that fact cannot touch are read from
    them instead of being evaluated again."""
    approvals = situation.get("actor.approvals")
    fired: list[tuple[int, int, CompiledRule, Verdict, str | None]] = []
    missing: set[str] = set()
    possible: list[tuple[CompiledRule, Verdict]] = []
    liftable: list[CompiledRule] = []
    least = most = 0
    for i, compiled in enumerate(pack.rules_for(situation["action"])):
        why = why_not = None
        if rows is not None and changed not in compiled.touches:
            truth, lifted, why, why_not = rows[i]
            if truth is False or lifted:
                continue
        else:
            truth = compiled.condition.indexed(situation)
            if truth is False:
                continue
            lifted = False
            if compiled.exception is not None:
                lifted = compiled.exception.predicate(situation)
                if lifted:
                    continue
        # What the rule gives if it applies, at most and at least (an approval on file that
        # is unknown could be there or not).
        verdict, satisfied_by = compiled.verdict, None
        mildest = verdict
        if verdict is _NEEDS_APPROVAL:
            if approvals is None:
                mildest = compiled.once_verdict
            elif compiled.form is not None and compiled.form in approvals:
                satisfied_by = compiled.form
                verdict = mildest = compiled.once_verdict
        if truth is None:
            if not compiled.inert:
                missing |= why or unknown_fields(compiled.condition, situation)
                if lifted is None:
                    missing |= why_not or unknown_fields(compiled.exception, situation)  # type: ignore[arg-type]
                possible.append((compiled, verdict))
                most = max(most, verdict.rank)
            continue
        if lifted is None:
            missing |= why_not or unknown_fields(compiled.exception, situation)  # type: ignore[arg-type]
            liftable.append(compiled)
        if verdict is _NEEDS_APPROVAL and approvals is None:
            missing.add("actor.approvals")
        if lifted is False:
            least = max(least, mildest.rank)
        most = max(most, verdict.rank)
        fired.append((-verdict.rank, compiled.order, compiled, verdict, satisfied_by))
    return _Evaluation(fired, missing, possible, liftable, least, most)


def _core(
    pack: Pack, situation: FlatSituation, rows: Sequence[_Row] | None = None, changed: str = ""
) -> tuple[Decision, _Evaluation]:
    """The decision without exploring the unknown facts (needs_facts not yet pruned);
    ``rows`` and ``changed`` as for :func:`_evaluate`."""
    ev = _evaluate(pack, situation, rows, changed)
    fired = ev.fired
    if len(fired) > 1:
        fired.sort(key=_strength)  # stable: rules of equal strength keep the pack's order
    base = fired[0][3] if fired else _ALLOWED
    settled = ev.least == ev.most
    verdict = base
    cited = [f[2] for f in fired]
    if base is _ALLOWED and ev.most > 0:
        # Nothing known forbids or conditions it, but an unknown fact could: not a "yes".
        verdict = _BY_RANK[ev.most]
        cited += [rule for rule, v in ev.possible if v.rank == ev.most]
    if not cited and not ev.missing:
        return pack.silent, ev
    approval = None
    if verdict is _NEEDS_APPROVAL:
        approval = next(
            (f[2].approval for f in fired if f[3] is _NEEDS_APPROVAL),
            next((r.approval for r, v in ev.possible if v is _NEEDS_APPROVAL), None),
        )
    obligations: list[Obligation] = []
    for _, _, compiled, _, satisfied_by in fired:
        obligations.extend(compiled.obligations)
        if satisfied_by is not None:
            obligations.extend(compiled.once_obligations)
    for compiled in cited[len(fired) :]:
        obligations.extend(compiled.obligations)  # what the clauses that could apply ask
    decision = Decision(
        verdict=verdict,
        approval=approval,
        obligations=tuple(dict.fromkeys(obligations)),
        needs_facts=tuple(sorted(ev.missing)),
        citations=tuple(dict.fromkeys(_citations(cited))),
        fired=tuple(
            f[2].as_fired
            if f[4] is None
            else f[2].as_fired._replace(verdict=f[3], satisfied_by=f[4])
            for f in fired
        )
        + tuple(r.as_fired._replace(possible=True) for r in cited[len(fired) :]),
        pack_id=pack.id,
        pack_hash=pack.content_hash,
        settled=settled,
        least=_BY_RANK[ev.least],
        most=_BY_RANK[ev.most],
    )
    return decision, ev


def _citations(rules: Iterable[CompiledRule]) -> Iterable[Citation]:
    return (r.citation for r in rules)


_strength = itemgetter(0)


# -- the unknown facts: which of them matter, and what each answer would lead to ----------


def _signature(d: Decision, ev: _Evaluation) -> tuple[Any, ...]:
    """What an answer to a fact could change: the verdict, its bounds, the duties, and the
    rules still open that could make it stricter or add a duty."""
    owed = set(d.obligations)
    open_rules = frozenset(
        r.rule.id for r, v in ev.possible if v.rank > ev.least or not owed.issuperset(r.obligations)
    )
    liftable = frozenset(r.rule.id for r in ev.liftable if r.rank > ev.least or r.obligations)
    return (d.verdict, d.least, d.most, d.approval, frozenset(owed), liftable, open_rules)


def _with(situation: FlatSituation, fact: str, value: Any) -> FlatSituation:
    out = dict(situation)
    if fact.startswith("counterparts."):
        name = fact.removeprefix("counterparts.")
        cps: tuple[Mapping[str, Any], ...] = situation.get("counterparts") or ({},)
        out["counterparts"] = tuple({**cp, name: value} for cp in cps)
        counts = [cp.get("count") for cp in out["counterparts"]]
        if all(c is not None for c in counts):
            out["group_size"] = sum(c for c in counts if c is not None)
        else:
            out.pop("group_size", None)
    else:
        out[fact] = value
    return out


def _candidates(missing: Iterable[str]) -> list[str]:
    """The facts to ask about: a derived field is asked through the field it comes from,
    and an unknown list of counterparts through who they are."""
    out: dict[str, None] = {}
    for fact in missing:
        if fact == "group_size":
            out["counterparts.count"] = None
        elif fact == "counterparts":
            out["counterparts.role"] = None
        else:
            out[fact] = None
    return list(out)


def _values(pack: Pack, fact: str, situation: FlatSituation) -> tuple[Any, ...]:
    if fact == "actor.approvals":
        forms = pack.forms_for(situation["action"])
        return ((), *((form,) for form in forms))
    if fact.startswith("counterparts."):
        domain = COUNTERPART_DOMAINS.get(fact.removeprefix("counterparts."))
    else:
        domain = FIELD_DOMAINS.get(fact)
    if domain is None:
        return ()
    if domain.kind == "enum":
        return domain.values
    if domain.kind == "bool":
        return (True, False)
    if fact == "channel.platform" and "channel.medium" in situation:
        # Only the platforms that could carry the medium already given (no Facebook for
        # an e-mail), as far as the pack's channels say.
        family = _FAMILY.get(situation["channel.medium"])
        return tuple(
            v
            for v in pack.values_named(fact)
            if _FAMILY.get(pack.channel_medium(v) or _KNOWN_MEDIUM.get(v, ""), family) == family
        )
    if domain.kind == "int" or domain.kind == "str":
        return pack.values_named(fact)
    return ()


# Platforms whose kind is common knowledge, where the pack does not name their medium.
_KNOWN_MEDIUM = dict.fromkeys(
    ("facebook", "instagram", "x", "twitter", "snapchat", "tiktok", "threads", "linkedin")
    + ("youtube", "discord"),
    "social_post",
)
_FAMILY = {
    "social_post": "social",
    "social_dm": "social",
    "comment_reply": "social",
    "text_message": "messaging",
    "instant_message": "messaging",
    "email": "email",
    "lms_message": "lms",
    "notification_app": "notification",
    "phone": "phone",
    "website": "website",
}


# What one answer to an unknown fact leads to: the verdict, whether it is settled, its
# bounds, and what else it could change (see :func:`_signature`).
Tried = tuple[Verdict, bool, Verdict, Verdict, tuple[Any, ...]]


def tried(decision: Decision, ev: _Evaluation) -> Tried:
    """What :func:`_assemble` reads of the decision an answer leads to (before exploring)."""
    return (
        decision.verdict,
        decision.settled,
        decision.least,
        decision.most,
        _signature(decision, ev),
    )


def _explore(pack: Pack, situation: FlatSituation, decision: Decision, ev: _Evaluation) -> Decision:
    rows = _rows(pack, situation)
    answers: list[tuple[str, tuple[Any, ...], list[Tried]]] = []
    for fact in _candidates(sorted(ev.missing)):
        changed = "counterparts" if fact.startswith("counterparts.") else fact
        values = _values(pack, fact, situation)
        results = [
            tried(*_core(pack, _with(situation, fact, value), rows, changed)) for value in values
        ]
        answers.append((fact, values, results))
    return assemble(decision, _signature(decision, ev), answers)


def assemble(
    decision: Decision,
    here: tuple[Any, ...],
    answers: Iterable[tuple[str, tuple[Any, ...], Sequence[Tried]]],
) -> Decision:
    """The explored decision from what each answer to each open fact leads to: only the
    facts whose answer changes something, the deciding question first."""
    dependences: list[tuple[tuple[float, ...], Dependence]] = []
    needed: set[str] = set()
    for fact, values, results in answers:
        outcomes: list[Outcome] = []
        changes = False
        still_open = 0
        for value, (verdict, settled, least, most, signature) in zip(values, results, strict=True):
            changes = changes or signature != here
            still_open += len(signature[-1])
            outcomes.append(Outcome(value, verdict, settled, least, most))
        if not changes:
            continue
        needed.add(fact)
        n = len(outcomes)
        # A proviso only forbids ("is any of it inappropriate?"): one answer settles on the
        # strictest verdict and the others change nothing. Such questions come last.
        forbids = [o.settled and o.verdict is decision.most for o in outcomes]
        proviso = any(forbids) and all(
            f or (o.least, o.most) == (decision.least, decision.most)
            for f, o in zip(forbids, outcomes, strict=True)
        )
        score = (
            # what the message carries is asked after how, to whom and why; provisos last
            float(proviso) + float(fact.startswith("content.")),
            # leaves the narrowest range of possible answers, on average over its answers
            round(sum(o.most.rank - o.least.rank for o in outcomes) / n, 1),
            -len({(o.least, o.most) for o in outcomes}),  # splits the possible answers most
            still_open / n,  # leaves the fewest rules open
            _priority(fact),  # then the easiest to answer
        )
        dependences.append((score, Dependence(fact, tuple(outcomes))))
    dependences.sort(key=itemgetter(0))
    return decision.with_unknowns(
        needs_facts=tuple(sorted(needed)), depends_on=tuple(d for _, d in dependences)
    )


def _priority(fact: str) -> int:
    if fact in _PRIORITY:
        return _PRIORITY[fact]
    return len(_PRIORITY) + (1 if fact.startswith("content.") else 0)


# Questions a teacher answers at once come first when two split the answers equally.
_PRIORITY = {
    name: i
    for i, name in enumerate(
        (
            "counterparts.role",
            "channel.device",
            "channel.account",
            "purpose",
            "channel.medium",
            "counterparts.account",
            "counterparts.count",
            "actor.role",
            "actor.on_duty",
            "actor.relationship",
            "counterparts.own_child",
            "channel.platform",
            "channel.network",
            "channel.district_alternative",
            "channel.disappearing",
            "actor.approvals",
            "emergency",
        )
    )
}


def decide_flat(pack: Pack, situation: FlatSituation, *, explore: bool = True) -> Decision:
    """Decide a flattened situation (see :meth:`Situation.flatten`).

    With ``explore`` (the default) the unknown facts are tried one by one: ``needs_facts``
    keeps only those that can change the verdict or the duties, and ``depends_on`` says
    what each answer would lead to. Without it, ``needs_facts`` lists every fact that kept
    a rule open (faster, for bulk scans that do not show the questions)."""
    decision, ev = _core(pack, situation)
    if explore and ev.missing:
        return _explore(pack, situation, decision, ev)
    return decision


def decide(pack: Pack, situation: Situation) -> Decision:
    """The pack's decision on one situation."""
    if situation.district != pack.id:
        raise ValueError(f"the situation is for {situation.district!r}, the pack is {pack.id!r}")
    return decide_flat(pack, situation.flatten())


def decide_many(
    pack: Pack, situations: Sequence[FlatSituation], *, explore: bool = True
) -> list[Decision]:
    """Batch mode: many flattened situations against one pack."""
    return [decide_flat(pack, s, explore=explore) for s in situations]


def outcome_map(decision: Decision) -> Mapping[str, Mapping[Any, Verdict]]:
    """For each fact the decision depends on, the verdict each answer leads to."""
    return {d.fact: {o.value: o.verdict for o in d.outcomes} for d in decision.depends_on}
