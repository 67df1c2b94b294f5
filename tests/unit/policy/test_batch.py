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

from lanyard.cli.main import cli
from lanyard.policy import Situation, decide_flat, load_pack
from lanyard.policy.batch import BatchDecider
from lanyard.policy.situation import FlatSituation
from tests.unit.cli.test_check_batch import situation
from tests.unit.policy.strategies import situations
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
