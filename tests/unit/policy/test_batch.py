"""Batch mode decides exactly as the engine does, situation by situation and byte by
byte: the rules compiled to Python functions, the decisions and answers remembered
across situations, and ``lanyard check`` (a batch, JSON lines, --no-questions) through
them."""

from __future__ import annotations

import json
import random
from functools import cache
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lanyard.cli.main import cli
from lanyard.policy import Situation, decide_flat, load_pack
from lanyard.policy.batch import _OPEN, BatchDecider, rule_functions
from lanyard.policy.conditions import FIELD_DOMAINS
from lanyard.policy.loader import CompiledRule
from lanyard.policy.situation import FlatSituation
from tests.unit.cli.test_check_batch import situation
from tests.unit.policy.strategies import _value, situations
from tests.unit.policy.test_explore_reuse import PACKS
from tests.unit.policy.test_explore_reuse import _known_situations as _read_known


@cache
def _known() -> tuple[dict[str, Any], ...]:
    """The public scenarios' and the packs' test cases' situations (read once)."""
    return tuple(_read_known())


def _reference(flat: FlatSituation, explore: bool) -> str:
    decision = decide_flat(load_pack(flat["district"]), flat, explore=explore)
    return json.dumps(decision.to_dict(), separators=(",", ":"))


def _flats(raws: list[dict[str, Any]]) -> list[FlatSituation]:
    return [Situation.model_validate(raw).flatten() for raw in raws]


def _assert_same(deciders: list[BatchDecider], flats: list[FlatSituation], passes: int = 1) -> None:
    for flat in flats:
        pack = load_pack(flat["district"])
        for explore in (True, False):
            expected = decide_flat(pack, flat, explore=explore)
            text = json.dumps(expected.to_dict(), separators=(",", ":"))
            for decider in deciders:
                if decider.explore != explore:
                    continue
                for _ in range(passes):
                    got = decider.decide(pack, flat)
                    assert got == expected, flat
                    assert got.fired == expected.fired, flat  # not compared by ==
                    assert decider.dumps(pack, flat) == text, flat


def _generated(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [situation(rng, known) for known in (1.0, 0.9, 0.6) for _ in range(n)]


def test_public_scenarios_pack_cases_and_generated_situations_decide_as_the_engine() -> None:
    flats = _flats(list(_known()) + _generated(100, 39))
    assert len(flats) > 400
    # Situations after the first read what the others left (the same decision, an answer
    # already tried); a decider that may remember only a few starts over again and again.
    deciders = [
        BatchDecider(warm_up=0),
        BatchDecider(explore=False, warm_up=0),
        BatchDecider(limit=7, warm_up=3),
    ]
    _assert_same(deciders, flats, passes=2)


_SHARED = [
    BatchDecider(warm_up=0),
    BatchDecider(explore=False, warm_up=0),
    BatchDecider(limit=30, warm_up=2),
]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations(PACKS))
def test_random_situations_decide_as_the_engine(raw: dict[str, Any]) -> None:
    _assert_same(_SHARED, _flats([raw]))


def test_lanyard_check_writes_exactly_what_the_engine_decides() -> None:
    raws = list(_known()) + _generated(40, 203)
    flats = _flats(raws)
    runner = CliRunner()
    for flags, explore in (((), True), (("--no-questions",), False)):
        expected = "[\n" + ",\n".join(_reference(f, explore) for f in flats) + "\n]\n"
        result = runner.invoke(cli, ["check", "--json", *flags, "-"], input=json.dumps(raws))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == expected
        # Each line twice (the second read as the first was answered), the last without
        # its line break.
        lines = "".join(json.dumps(r) + "\n" for r in raws) * 2
        result = runner.invoke(cli, ["check", "--jsonl", *flags, "-"], input=lines[:-1])
        assert result.exit_code == 0, result.stderr
        assert result.stdout == "".join(_reference(f, explore) + "\n" for f in flats) * 2


# -- what exploring in batch mode relies on, and the same with random unknown facts -------


def _fill(flat: FlatSituation, name: str, value: Any) -> FlatSituation:
    """The situation with one more fact known (a list of forms as the model gives it)."""
    return {**flat, name: tuple(value) if isinstance(value, list) else value}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations(PACKS), st.data())
def test_a_decided_rule_stays_decided_when_an_unknown_fact_becomes_known(
    raw: dict[str, Any], data: st.DataObject
) -> None:
    """Exploring gives one unknown fact a value at a time and works out again only the
    rules still open that it touches: a rule that applies or not, or whose exception lifts
    it or not, must come out the same for every value of every fact it did not know (the
    engine's predicates and the compiled functions alike)."""
    flat = Situation.model_validate(raw).flatten()
    pack = load_pack(flat["district"])
    rules = pack.rules_for(flat["action"])
    functions = _functions(pack.id, flat["action"])
    unknown = sorted(f for f in FIELD_DOMAINS if f not in flat and not f.startswith("counterparts"))
    if not unknown or not rules:
        return
    for _ in range(3):
        name = data.draw(st.sampled_from(unknown))
        after = _fill(flat, name, data.draw(_value(FIELD_DOMAINS[name], name.split(".")[-1])))
        for compiled, function in zip(rules, functions, strict=True):
            outcome = function(flat)
            if outcome in _OPEN:
                continue
            assert function(after) == outcome, (compiled.rule.id, name, after)
            before, now = _applies_and_lifted(compiled, flat), _applies_and_lifted(compiled, after)
            if before[0] is False or before[1] is True:  # cannot apply, or lifted
                assert now[0] is False or now[1] is True, (compiled.rule.id, name, after)
            else:
                assert before == now == (True, False), (compiled.rule.id, name, after)


def _applies_and_lifted(compiled: CompiledRule, flat: FlatSituation) -> tuple[Any, Any]:
    """The engine's three-valued outcome of a rule."""
    applies = compiled.condition.indexed(flat)
    if applies is False or compiled.exception is None:
        return applies, False
    return applies, compiled.exception.predicate(flat)


@cache
def _functions(pack_id: str, action: str) -> list[Any]:
    return rule_functions(load_pack(pack_id).rules_for(action))


def _forget(raw: dict[str, Any], rng: random.Random, share: float) -> dict[str, Any]:
    """The situation with each fact left out with probability ``share``."""
    out: dict[str, Any] = {"district": raw["district"], "action": raw["action"]}
    for key, value in raw.items():
        if key in out or rng.random() < share:
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if rng.random() >= share}
        elif key == "counterparts":
            value = [{k: v for k, v in cp.items() if rng.random() >= share} for cp in value]
            if value and rng.random() < 0.5:
                # one more like another, knowing less: an answer about the counterparts
                # then replaces a value that one of them gave
                twin = rng.choice(value)
                value.append({k: v for k, v in twin.items() if rng.random() >= 0.5})
        out[key] = value
    return out


_VARIED = [BatchDecider(warm_up=0), BatchDecider(limit=50, warm_up=1)]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    situations(PACKS),
    st.lists(
        st.tuples(st.integers(0, 2**32 - 1), st.sampled_from((0.05, 0.1, 0.3))),
        min_size=1,
        max_size=8,
    ),
)
def test_situations_with_random_unknown_facts_decide_as_the_engine(
    raw: dict[str, Any], forgotten: list[tuple[int, float]]
) -> None:
    """Each situation of every pack with random facts left out, several from one
    situation, so that the answers tried and the decisions remembered for one are read
    for the others: byte for byte the engine's, explored or not."""
    raws = [raw] + [_forget(raw, random.Random(seed), share) for seed, share in forgotten]
    _assert_same([*_VARIED, BatchDecider(explore=False, warm_up=0)], _flats(raws))


def test_an_answer_about_the_counterparts_replaces_what_one_of_them_gave() -> None:
    """Trying a role gives it to every counterpart, the media contact's included, so a
    rule decided by that contact's role must be worked out again (it is not monotone)."""
    raw = {
        "district": "wilmette-39",
        "action": "respond_to_contact",
        "content": {"learned_through_employment": False},
        "counterparts": [{"role": "media"}, {"count": 15, "initiated_contact": False}],
    }
    decision = decide_flat(load_pack(raw["district"]), _flats([raw])[0])
    assert "counterparts.role" in decision.needs_facts
    _assert_same([BatchDecider(warm_up=0)], _flats([raw]))
