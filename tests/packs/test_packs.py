"""Every built-in pack loads, quotes its source verbatim, and passes its own cases and the
public scenarios for its district."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from lanyard.policy import Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.scenarios import Scenario, failures, load_scenarios
from lanyard.policy.verify import verify_pack
from tests.conftest import shared_dir

PACKS = builtin_pack_ids()
SEED_PACKS = ["wilmette-39", "press-5-125", "wem-2143", "chsd-230", "naperville-203"]


def _cases() -> list[Scenario]:
    out: list[Scenario] = []
    for pack_id in PACKS:
        entry = resources.files("lanyard") / "packs" / pack_id / "cases.yaml"
        if entry.is_file():
            out.extend(load_scenarios(entry.read_text(encoding="utf-8")))
    return out


def _public() -> list[Scenario]:
    path = shared_dir() / "scenarios" / "public.yaml"
    return load_scenarios(path.read_text(encoding="utf-8")) if path.is_file() else []


def test_all_seed_districts_have_packs() -> None:
    assert set(SEED_PACKS) <= set(PACKS)


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_quote_is_verbatim_in_the_source(pack_id: str, seeds: Path) -> None:
    problems = verify_pack(load_pack(pack_id), seeds)
    assert not problems, "\n".join(map(str, problems))


def _check(scenario: Scenario) -> None:
    situation = Situation.model_validate(scenario.situation)
    decision = decide(load_pack(situation.district), situation)
    problems = failures(decision, scenario.expect)
    assert not problems, (
        f"{scenario.id} ({scenario.title}): "
        + "; ".join(problems)
        + (f"\n  decision: {decision.to_dict()}")
    )


@pytest.mark.parametrize("scenario", _cases(), ids=lambda s: s.id)
def test_pack_case(scenario: Scenario) -> None:
    _check(scenario)


@pytest.mark.parametrize("scenario", _public(), ids=lambda s: s.id)
def test_public_scenario(scenario: Scenario) -> None:
    _check(scenario)


@pytest.mark.parametrize("pack_id", PACKS)
def test_the_provision_inventory_accounts_for_every_sentence_and_rule(
    pack_id: str, seeds: Path
) -> None:
    from lanyard.policy.provisions import check_inventory, load_inventory

    inventory = load_inventory(pack_id)
    assert inventory is not None, f"{pack_id} has no provisions.yaml"
    pack = load_pack(pack_id)
    source = (seeds / pack.document.policy.source).read_text(encoding="utf-8")
    problems = check_inventory(pack, inventory, source).problems
    assert not problems, "\n".join(map(str, problems))
