"""Properties of every rule of every built-in pack, and of answers with unknown facts.

- A situation built to satisfy exactly a rule's condition fires it, and every fact the rule
  reads can stop it from firing (a fact that never matters is a condition that misleads
  the pack's reader).
- With unknown facts, the verdict is never milder than the mildest answer over all
  completions of the unknowns, "allowed" comes only when every completion allows, and
  the bounds the engine reports contain every completion's verdict.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from lanyard.policy import Verdict, builtin_pack_ids, decide_flat, load_pack
from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS
from lanyard.policy.loader import CompiledRule, Pack

PACKS = builtin_pack_ids()
_SAMPLES = 20000


def _values(pack: Pack, field: str, action: str) -> tuple[Any, ...]:
    """The values worth trying for a field (as the engine asks about them)."""
    if field == "actor.approvals":
        return ((), *((form,) for form in pack.forms_for(action)))
    if field.startswith("counterparts."):
        domain = COUNTERPART_DOMAINS[field.removeprefix("counterparts.")]
    else:
        domain = FIELD_DOMAINS[field]
    if domain.kind == "enum":
        return domain.values
    if domain.kind == "bool":
        return (False, True)
    return pack.values_named(field)


def _named(node: Any, key: str, inside: bool = False) -> set[Any]:
    """The values a condition names for a field (counterpart fields inside quantifiers)."""
    found: set[Any] = set()
    if isinstance(node, Mapping):
        for k, v in node.items():
            if k in ("counterpart", "every_counterpart"):
                found |= _named(v, key, True)
            elif (inside and f"counterparts.{k}" == key) or (not inside and k == key):
                found |= _leaves(v)
            elif k == "group_size" and key == "counterparts.count":
                found |= {m for n in _leaves(v) for m in (n - 1, n, n + 1) if m >= 1}
            else:
                found |= _named(v, key, inside)
    elif isinstance(node, list):
        for item in node:
            found |= _named(item, key, inside)
    return found


def _leaves(spec: Any) -> set[Any]:
    if isinstance(spec, Mapping):
        return {x for v in spec.values() for x in _leaves(v)}
    if isinstance(spec, list):
        return {x for v in spec for x in _leaves(v)}
    return {spec}


def _rule_values(pack: Pack, rule: CompiledRule, field: str, action: str) -> tuple[Any, ...]:
    """The values that can make a difference to this rule: those it names, and one more."""
    every = _values(pack, field, action)
    named = _named(rule.rule.when, field) | _named(rule.rule.unless, field)
    if field == "actor.approvals":
        return ((), *((f,) for f in sorted(named)))
    if all(isinstance(v, int) and not isinstance(v, bool) for v in every) and named:
        named = {m for n in named for m in (n - 1, n, n + 1) if m >= 0}
        return tuple(sorted(named | set(every)))
    kept = [v for v in every if v in named]
    other = [v for v in every if v not in named][:1]
    return tuple(kept + other)


def _fields(rule: CompiledRule) -> list[str]:
    read = set(rule.condition.fields) | (set(rule.exception.fields) if rule.exception else set())
    out = set()
    for name in read:
        if name == "group_size":
            out.add("counterparts.count")
        elif name != "action":
            out.add(name)
    return sorted(out)


def _situation(action: str, assignment: Mapping[str, Any], district: str) -> dict[str, Any]:
    flat: dict[str, Any] = {"district": district, "action": action}
    counterpart: dict[str, Any] = {}
    for name, value in assignment.items():
        if name.startswith("counterparts."):
            counterpart[name.removeprefix("counterparts.")] = value
        else:
            flat[name] = value
    flat["counterparts"] = (counterpart,)
    if "count" in counterpart:
        flat["group_size"] = counterpart["count"]
    return flat


def _assignments(
    pack: Pack, rule: CompiledRule, fields: list[str], action: str, seed: int
) -> Iterator[dict[str, Any]]:
    domains = [_rule_values(pack, rule, f, action) for f in fields]
    size = 1
    for d in domains:
        size *= max(len(d), 1)
    if size <= _SAMPLES:
        for combo in itertools.product(*domains):
            yield dict(zip(fields, combo, strict=True))
        return
    rng = random.Random(seed)
    for _ in range(_SAMPLES):
        yield {f: rng.choice(d) for f, d in zip(fields, domains, strict=True)}


def _fires(rule: CompiledRule, flat: Mapping[str, Any]) -> bool:
    if rule.condition.predicate(flat) is not True:
        return False
    return rule.exception is None or rule.exception.predicate(flat) is False


def _actions(rule: CompiledRule) -> list[str]:
    pinned = rule.condition.actions
    return sorted(pinned) if pinned is not None else list(FIELD_DOMAINS["action"].values)


def _rules() -> list[tuple[str, str]]:
    return [(p, r.rule.id) for p in PACKS for r in load_pack(p).rules]


@pytest.mark.parametrize(("pack_id", "rule_id"), _rules())
def test_each_rule_fires_when_its_condition_holds_and_each_fact_it_reads_matters(
    pack_id: str, rule_id: str
) -> None:
    pack = load_pack(pack_id)
    rule = next(r for r in pack.rules if r.rule.id == rule_id)
    fields = _fields(rule)
    fired_somewhere = False
    matters: set[str] = set()
    for action in _actions(rule):
        for assignment in _assignments(pack, rule, fields, action, seed=len(rule_id)):
            flat = _situation(action, assignment, pack_id)
            if not _fires(rule, flat):
                continue
            if not fired_somewhere:
                decision = decide_flat(pack, flat)
                fired = [f.rule_id for f in decision.fired if not f.possible]
                assert rule_id in fired, f"{rule_id} holds for {assignment} but did not fire"
                fired_somewhere = True
            for field in set(fields) - matters:
                for value in _rule_values(pack, rule, field, action):
                    if value != assignment[field] and not _fires(
                        rule, _situation(action, {**assignment, field: value}, pack_id)
                    ):
                        matters.add(field)
                        break
        if fired_somewhere and matters == set(fields):
            break
    assert fired_somewhere, f"no situation satisfies {rule_id}'s condition"
    idle = sorted(set(fields) - matters)
    assert not idle, f"{rule_id} reads {idle} but no value of it stops the rule from firing"


# -- unknown facts ----------------------------------------------------------------------


def _completion_cases(pack_id: str, n: int) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """Random complete situations (one counterpart) over the fields the pack reads, with
    one to three of them left unknown."""
    pack = load_pack(pack_id)
    rng = random.Random(pack_id)
    for i in range(n):
        action = rng.choice(FIELD_DOMAINS["action"].values)
        rules = pack.rules_for(action)
        if not rules:
            continue
        fields = sorted({f for r in rules for f in _fields(r)})
        if not fields:
            continue
        assignment = {f: rng.choice(_values(pack, f, action) or (None,)) for f in fields}
        assignment = {k: v for k, v in assignment.items() if v is not None}
        hidden = rng.sample(sorted(assignment), k=min(len(assignment), 1 + i % 3))
        yield {"action": action, **assignment}, hidden


@pytest.mark.parametrize("pack_id", PACKS)
def test_an_answer_with_unknowns_is_never_milder_than_every_completion(pack_id: str) -> None:
    pack = load_pack(pack_id)
    for full, hidden in _completion_cases(pack_id, 400):
        action = full.pop("action")
        known = {k: v for k, v in full.items() if k not in hidden}
        decision = decide_flat(pack, _situation(action, known, pack_id))
        completions = [
            decide_flat(
                pack,
                _situation(action, {**known, **dict(zip(hidden, combo, strict=True))}, pack_id),
                explore=False,
            ).verdict
            for combo in itertools.product(*(_values(pack, f, action) for f in hidden))
        ]
        mildest = min(completions, key=lambda v: v.rank)
        strictest = max(completions, key=lambda v: v.rank)
        where = f"{pack_id} {action} known={known} unknown={hidden}"
        assert decision.verdict.rank >= mildest.rank, where
        if decision.verdict is Verdict.ALLOWED:
            assert strictest is Verdict.ALLOWED, where
        assert decision.least.rank <= mildest.rank, where
        assert decision.most.rank >= strictest.rank, where
        if decision.settled:
            assert set(completions) == {decision.verdict}, where
        else:
            assert decision.needs_facts, where
