"""Decisions per second on one core, per pack, and the load time of all packs.

    .venv/bin/python benchmarks/engine.py [--n 50000] [--repeat 3]

Situations are generated with a fixed seed over every field of the contract.
"complete" situations give every fact; "10% unknown" leaves each fact out with
probability 0.1, so the engine bounds the answer over the unknowns and tries each
unknown fact that could matter to keep only those that change the answer and to rank the
deciding question (the slower path); "10% unknown, no questions" skips that exploration
(``explore=False``: needs_facts then lists every fact that kept a rule open), as a bulk
scan that shows no questions may. "end to end" adds validating the raw situation.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from functools import partial
from importlib import resources
from typing import Any

from lanyard.policy import Situation, builtin_pack_ids, decide_many
from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS, Domain
from lanyard.policy.engine import decide
from lanyard.policy.loader import parse_pack
from lanyard.policy.situation import UMBRELLAS

PLATFORMS = ["snapchat", "instagram", "facebook", "x", "remind", "canvas", "district-email"]
FORMS = ["social-media-request", "official-account", "personal-technology-for-district-business"]


def _value(rng: random.Random, domain: Domain, name: str) -> Any:
    if domain.kind == "enum":
        return rng.choice(domain.values)
    if domain.kind == "bool":
        return rng.random() < 0.3
    if domain.kind == "int":
        return rng.choice([1, 1, 2, 3, 15, 30])
    if domain.kind == "list":
        return rng.sample(FORMS, rng.choice([0, 0, 0, 1]))
    return rng.choice(PLATFORMS)


def generate(rng: random.Random, district: str, known: float = 0.9) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "district": district,
        "action": rng.choice(FIELD_DOMAINS["action"].values),
    }
    raw["purpose"] = rng.choice(FIELD_DOMAINS["purpose"].values)
    for part in ("actor", "channel", "content"):
        raw[part] = {
            name.split(".", 1)[1]: _value(rng, domain, name)
            for name, domain in FIELD_DOMAINS.items()
            if name.startswith(part + ".") and rng.random() < known
        }
    raw["counterparts"] = [
        {n: _value(rng, d, n) for n, d in COUNTERPART_DOMAINS.items() if rng.random() < known}
        for _ in range(rng.choice([1, 1, 1, 2]))
    ]
    for cp in raw["counterparts"]:
        if cp.get("age_under_13") and cp.get("age_18_or_over"):
            cp["age_18_or_over"] = False
    for umbrella, details in UMBRELLAS.items():
        if any(raw["content"].get(d) for d in details):
            raw["content"][umbrella] = True
    if rng.random() < known:
        raw["emergency"] = rng.random() < 0.05
    return raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=50_000, help="situations per pack")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    ids = builtin_pack_ids()
    texts = {i: (resources.files("lanyard") / "packs" / i / "pack.yaml").read_bytes() for i in ids}
    best_load = min(
        _timed(lambda: [parse_pack(texts[i], i) for i in ids]) for _ in range(args.repeat)
    )
    packs = {i: parse_pack(texts[i], i) for i in ids}
    rules = sum(len(p.rules) for p in packs.values())
    print(
        f"load: {len(ids)} packs, {rules} rules, parsed, validated and compiled in "
        f"{best_load * 1000:.1f} ms"
    )

    header = ("pack", "rules", "complete/s", "10% unknown/s", "no questions/s", "end to end/s")
    print(
        f"{header[0]:<16} {header[1]:>5} {header[2]:>12} {header[3]:>14} {header[4]:>15}"
        f" {header[5]:>13}"
    )
    totals = [0.0, 0.0, 0.0, 0.0]
    for pack_id, pack in packs.items():
        rates = []
        for i, (known, explore) in enumerate(((1.0, True), (0.9, True), (0.9, False))):
            rng = random.Random(f"lanyard-{pack_id}-{known}")
            raws = [generate(rng, pack_id, known) for _ in range(args.n)]
            flats = [Situation.model_validate(r).flatten() for r in raws]
            run = partial(decide_many, pack, flats, explore=explore)
            seconds = min(_timed(run) for _ in range(args.repeat))
            totals[i] += seconds
            rates.append(args.n / seconds)
        sample = raws[: max(1, args.n // 5)]
        e2e = min(_timed(partial(_end_to_end, pack, sample)) for _ in range(args.repeat))
        totals[3] += e2e * args.n / len(sample)
        rates.append(len(sample) / e2e)
        _row(pack_id, len(pack.rules), rates)
    n_all = args.n * len(packs)
    overall = [n_all / t for t in totals]
    _row("all packs", rules, overall)


def _row(name: str, rules: int, rates: list[float]) -> None:
    print(
        f"{name:<16} {rules:>5} {rates[0]:>12,.0f} {rates[1]:>14,.0f} {rates[2]:>15,.0f}"
        f" {rates[3]:>13,.0f}"
    )


def _end_to_end(pack: Any, raws: list[dict[str, Any]]) -> None:
    for raw in raws:
        decide(pack, Situation.model_validate(raw))


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
