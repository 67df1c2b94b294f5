"""Comparing two districts: the same grid of situations asked of both packs."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS, Domain
from lanyard.policy.decision import Decision
from lanyard.policy.engine import decide_flat
from lanyard.policy.loader import Pack

# Representative values for the open-ended fields.
_INT_VALUES = {"count": (1, 15), "contact_attempts": (1, 3)}
_SKIP = {"district", "action", "actor.approvals", "channel.platform"}


@dataclass(frozen=True)
class Difference:
    action: str
    situation: Mapping[str, Any]  # the grid's fields, dotted (counterpart fields as counterpart.*)
    left: Decision
    right: Decision
    # The fields read by the rules that fired on either side: what the difference turns on.
    relevant: tuple[str, ...] = ()

    def essentials(self) -> dict[str, Any]:
        """The situation reduced to the fields the fired rules read."""
        keep = set(self.relevant)
        return {k: v for k, v in self.situation.items() if k in keep}


@dataclass(frozen=True)
class ActionComparison:
    action: str
    fields: tuple[str, ...]
    asked: int
    differences: tuple[Difference, ...]


def _values(domain: Domain, name: str) -> tuple[Any, ...]:
    if domain.kind == "enum":
        return domain.values
    if domain.kind == "bool":
        return (False, True)
    if domain.kind == "int":
        return _INT_VALUES.get(name, (1, 2))
    return ()


def _platforms(packs: tuple[Pack, ...], action: str) -> tuple[str, ...]:
    """Platforms the packs' rules name for this action, so the grid asks about them."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "channel.platform":
                    spec = value.get("not", value) if isinstance(value, Mapping) else value
                    spec = spec.get("in", spec) if isinstance(spec, Mapping) else spec
                    found.update([spec] if isinstance(spec, str) else list(spec))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for pack in packs:
        for rule in pack.rules_for(action):
            walk(rule.rule.when)
            walk(rule.rule.unless)
    return tuple(sorted(found))


def _grid_fields(packs: tuple[Pack, ...], action: str) -> list[tuple[str, tuple[Any, ...]]]:
    used: set[str] = set()
    for pack in packs:
        for rule in pack.rules_for(action):
            used |= rule.condition.fields
            if rule.exception is not None:
                used |= rule.exception.fields
    out: list[tuple[str, tuple[Any, ...]]] = []
    for name in sorted(used - _SKIP):
        if name.startswith("counterparts."):
            short = name.removeprefix("counterparts.")
            values = _values(COUNTERPART_DOMAINS[short], short)
            name = "counterpart." + short
        else:
            values = _values(FIELD_DOMAINS[name], name)
        if values:
            out.append((name, values))
    platforms = _platforms(packs, action)
    if platforms:
        out.append(("channel.platform", (*platforms, "other-platform")))
    return out


def _flat(action: str, district: str, assignment: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {"district": district, "action": action, "actor.approvals": ()}
    counterpart: dict[str, Any] = {}
    for name, value in assignment.items():
        if name.startswith("counterpart."):
            counterpart[name.removeprefix("counterpart.")] = value
        else:
            flat[name] = value
    flat["counterparts"] = (counterpart,) if counterpart else ()
    return flat


def grid(
    fields: list[tuple[str, tuple[Any, ...]]], limit: int, seed: int = 230
) -> Iterator[dict[str, Any]]:
    """Every combination of the fields' values, or a fixed-seed sample of ``limit`` of them."""
    names = [n for n, _ in fields]
    domains = [v for _, v in fields]
    total = 1
    for d in domains:
        total *= len(d)
    if total <= limit:
        for combo in itertools.product(*domains):
            yield dict(zip(names, combo, strict=True))
        return
    rng = random.Random(seed)
    seen: set[tuple[Any, ...]] = set()
    while len(seen) < limit:
        combo = tuple(rng.choice(d) for d in domains)
        if combo not in seen:
            seen.add(combo)
            yield dict(zip(names, combo, strict=True))


def compare(left: Pack, right: Pack, limit_per_action: int = 4096) -> list[ActionComparison]:
    """Ask both packs the same grid of situations, action by action; keep where they differ."""
    out: list[ActionComparison] = []
    for action in FIELD_DOMAINS["action"].values:
        fields = _grid_fields((left, right), action)
        differences: list[Difference] = []
        asked = 0
        for assignment in grid(fields, limit_per_action):
            asked += 1
            a = decide_flat(left, _flat(action, left.id, assignment))
            b = decide_flat(right, _flat(action, right.id, assignment))
            if a.verdict != b.verdict:
                relevant = _fired_fields(left, a) | _fired_fields(right, b)
                differences.append(
                    Difference(action, assignment, a, b, tuple(sorted(relevant - {"action"})))
                )
        out.append(ActionComparison(action, tuple(n for n, _ in fields), asked, tuple(differences)))
    return out


def _fired_fields(pack: Pack, decision: Decision) -> set[str]:
    by_id = pack.by_id
    out: set[str] = set()
    for fired in decision.fired:
        rule = by_id[fired.rule_id]
        fields = rule.condition.fields | (rule.exception.fields if rule.exception else set())
        out |= {"counterpart." + f[13:] if f.startswith("counterparts.") else f for f in fields}
    return out


@dataclass(frozen=True)
class DifferenceGroup:
    """Differences of one action that share both verdicts and both first cited clauses
    (how ``lanyard packs diff`` and the acknowledgment campaign's "what changed" show them)."""

    left_verdict: str
    left_clause: str
    right_verdict: str
    right_clause: str
    count: int
    example: Mapping[str, Any]  # the simplest member, reduced to what the rules read


def first_clause(decision: Decision) -> str:
    if not decision.citations:
        return "(policy silent)"
    return str(decision.citations[0].clause)


def group_differences(differences: tuple[Difference, ...]) -> list[DifferenceGroup]:
    """The differences grouped, the largest group first."""
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for d in differences:
        key = (
            str(d.left.verdict),
            first_clause(d.left),
            str(d.right.verdict),
            first_clause(d.right),
        )
        groups.setdefault(key, []).append(d.essentials())
    ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    return [
        DifferenceGroup(lv, lc, rv, rc, len(members), min(members, key=len))
        for (lv, lc, rv, rc), members in ranked
    ]


def describe(assignment: Mapping[str, Any]) -> str:
    """A situation's fields in short words: ``to.kind=student, personal``."""
    parts = []
    for name, value in assignment.items():
        short = name.split(".", 1)[-1] if not name.startswith("counterpart.") else "to." + name[12:]
        if isinstance(value, bool):
            parts.append(short if value else f"not {short}")
        else:
            parts.append(f"{short}={value}")
    return ", ".join(parts)
