"""Scenario files (the public examples and each pack's cases.yaml) and their scoring rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from lanyard.policy.decision import Decision
from lanyard.policy.verify import normalize


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    situation: Mapping[str, Any]
    expect: Mapping[str, Any]


def load_scenarios(text: str) -> list[Scenario]:
    items = yaml.safe_load(text) or []
    return [
        Scenario(str(i["id"]), str(i.get("title", "")), i["situation"], i["expect"]) for i in items
    ]


def failures(decision: Decision, expect: Mapping[str, Any]) -> list[str]:
    """Why a decision does not meet a scenario's expectation (empty when it passes).

    The rule is the one stated in the public scenario file: the verdict matches; with
    needs_approval the approver matches; every expected obligation kind appears; and at
    least one expected phrase appears in some citation's clause or quote.

    Packs' own cases may say more: ``needs_facts`` (each listed fact is asked for),
    ``approval_any_of`` (each listed role may approve), ``not_cite`` (no citation contains
    any of these phrases: a clause whose scope the case is outside of).
    """
    problems: list[str] = []
    if str(decision.verdict) != expect["verdict"]:
        problems.append(f"verdict {decision.verdict} != expected {expect['verdict']}")
    if expect["verdict"] == "needs_approval" and "approval_by" in expect:
        got = decision.approval.by if decision.approval else None
        if got != expect["approval_by"]:
            problems.append(f"approval by {got} != expected {expect['approval_by']}")
    kinds = {o.do for o in decision.obligations}
    for kind in expect.get("obligations") or ():
        if kind not in kinds:
            problems.append(f"obligation {kind!r} missing (got {sorted(kinds)})")
    phrases = expect.get("cite") or ()
    if phrases:
        cited = " | ".join(normalize(c.clause + " " + c.quote).lower() for c in decision.citations)
        if not any(normalize(p).lower() in cited for p in phrases):
            problems.append(f"no citation contains any of {list(phrases)}")
    for fact in expect.get("needs_facts") or ():
        if fact not in decision.needs_facts:
            problems.append(f"needs_facts lacks {fact} (got {list(decision.needs_facts)})")
    for role in expect.get("approval_any_of") or ():
        if decision.approval is None or role not in (decision.approval.any_of or ()):
            roles = list(decision.approval.any_of) if decision.approval else None
            problems.append(f"approval.any_of lacks {role} (got {roles})")
    for phrase in expect.get("not_cite") or ():
        wanted = normalize(phrase).lower()
        for c in decision.citations:
            if wanted in normalize(c.clause + " " + c.quote).lower():
                problems.append(f"cites {c.clause!r}, which the case is outside of")
    return problems
