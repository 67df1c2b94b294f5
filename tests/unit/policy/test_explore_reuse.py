"""Exploring the unknown facts re-evaluates only the rules an answer can touch; the
decisions are the same as evaluating every rule again, and the same in every process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from typing import Any

from hypothesis import HealthCheck, given, settings

from lanyard.policy import Situation, builtin_pack_ids, load_pack
from lanyard.policy.engine import _candidates, _core, _rows, _values, _with
from lanyard.policy.scenarios import load_scenarios
from lanyard.policy.situation import FlatSituation
from tests.conftest import shared_dir
from tests.unit.policy.strategies import situations

PACKS = builtin_pack_ids()


def _known_situations() -> list[dict[str, Any]]:
    texts = [
        (resources.files("lanyard") / "packs" / p / "cases.yaml").read_text(encoding="utf-8")
        for p in PACKS
        if (resources.files("lanyard") / "packs" / p / "cases.yaml").is_file()
    ]
    public = shared_dir() / "scenarios" / "public.yaml"
    if public.is_file():
        texts.append(public.read_text(encoding="utf-8"))
    return [dict(s.situation) for text in texts for s in load_scenarios(text)]


def _summary(pack: Any, flat: FlatSituation, reuse: tuple[Any, str] | None) -> Any:
    decision, ev = _core(pack, flat, *(reuse or ()))
    return (
        decision.to_dict(),
        decision.fired,
        [f[2].rule.id for f in ev.fired],
        sorted(ev.missing),
        [(r.rule.id, v) for r, v in ev.possible],
        [r.rule.id for r in ev.liftable],
        ev.least,
        ev.most,
    )


def _assert_reuse_matches(raw: dict[str, Any]) -> int:
    """Every answer to every open fact, evaluated with the rows of the situation reused
    and afresh; returns how many answers were compared."""
    flat = Situation.model_validate(raw).flatten()
    pack = load_pack(flat["district"])
    _, ev = _core(pack, flat)
    rows = _rows(pack, flat)
    compared = 0
    for fact in _candidates(sorted(ev.missing)):
        changed = "counterparts" if fact.startswith("counterparts.") else fact
        for value in _values(pack, fact, flat):
            after = _with(flat, fact, value)
            assert _summary(pack, after, (rows, changed)) == _summary(pack, after, None), (
                raw,
                fact,
                value,
            )
            compared += 1
    return compared


def test_public_scenarios_and_pack_cases_explore_as_before() -> None:
    known = _known_situations()
    assert len(known) > 100
    assert sum(_assert_reuse_matches(raw) for raw in known) > 100


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situations(PACKS))
def test_random_situations_with_unknowns_explore_as_before(raw: dict[str, Any]) -> None:
    _assert_reuse_matches(raw)


_DECIDE_ALL = """
import json, sys
from lanyard.policy import Situation, decide, load_pack
for raw in json.loads(sys.stdin.read()):
    s = Situation.model_validate(raw)
    print(json.dumps(decide(load_pack(s.district), s).to_dict()))
"""


def test_the_deciding_question_does_not_depend_on_the_process() -> None:
    """Questions that split the answers equally come in one order, whatever the string
    hashing of the process (it used to follow the order of a set)."""
    batch = json.dumps(_known_situations())
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _DECIDE_ALL],
            input=batch,
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
