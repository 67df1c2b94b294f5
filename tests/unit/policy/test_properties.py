"""Properties that hold for every pack and every schema-valid situation."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lanyard.policy import Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.loader import parse_pack
from tests.unit.policy.strategies import situations

PACKS = builtin_pack_ids()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(situations(PACKS))
def test_any_valid_situation_gets_a_decision(raw: dict[str, Any]) -> None:
    situation = Situation.model_validate(raw)
    decision = decide(load_pack(situation.district), situation)
    out = decision.to_dict()
    assert out["verdict"] in ("allowed", "allowed_with_obligations", "needs_approval", "prohibited")
    assert ("approval" in out) == (out["verdict"] == "needs_approval")
    if out["verdict"] != "allowed":
        assert out["citations"], "a verdict other than allowed always cites the policy"


@SETTINGS
@given(situations(PACKS))
def test_decisions_are_deterministic(raw: dict[str, Any]) -> None:
    situation = Situation.model_validate(raw)
    pack = load_pack(situation.district)
    again = Situation.model_validate(yaml.safe_load(yaml.safe_dump(raw)))
    assert decide(pack, situation).to_dict() == decide(pack, again).to_dict()


# Conditions a pack author might add, drawn from the language's own vocabulary.
LEAVES: list[dict[str, Any]] = [
    {"channel.medium": "text_message"},
    {"channel.account": "personal"},
    {"channel.device": {"not": "district"}},
    {"purpose": "personal"},
    {"actor.on_duty": True},
    {"actor.role": ["volunteer", "coach"]},
    {"counterpart": {"role": "student"}},
    {"counterpart": {"count": {"gte": 2}}},
    {"content.student_images": True},
    {"not": {"actor.relationship": "none"}},
]
conditions = st.lists(st.sampled_from(LEAVES), min_size=1, max_size=3).map(
    lambda leaves: {k: v for leaf in leaves for k, v in leaf.items()}
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(PACKS),
    conditions,
    st.sampled_from([None, "message", "post"]),
    st.lists(situations(["placeholder"]), min_size=1, max_size=10),
)
def test_adding_a_prohibiting_rule_never_softens_a_verdict(
    pack_id: str, when: dict[str, Any], action: str | None, raws: list[dict[str, Any]]
) -> None:
    base = load_pack(pack_id)
    document = base.document.model_dump(mode="json", exclude_none=True)
    if action:
        when = {"action": action, **when}
    document["rules"].append(
        {
            "id": "added-prohibition",
            "clause": "Added",
            "quote": "Added for the test.",
            "when": when,
            "verdict": "prohibited",
        }
    )
    stricter = parse_pack(yaml.safe_dump(document), "stricter.yaml")
    for raw in raws:
        situation = Situation.model_validate({**raw, "district": pack_id})
        before = decide(base, situation).verdict
        after = decide(stricter, situation).verdict
        assert after.rank >= before.rank
        if before.rank == 3:
            assert after.rank == 3
