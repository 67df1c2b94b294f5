"""Decisions per second on one core, per pack, and the load time of all packs.

    .venv/bin/python benchmarks/engine.py [--n 50000] [--repeat 3]

Situations are generated with a fixed seed over every field of the contract.
"complete" situations give every fact; "10% unknown" leaves each fact out with
probability 0.1, so the engine bounds the answer over the unknowns and tries each
unknown fact that could matter to keep only those that change the answer and to rank the
deciding question (the slower path); "10% unknown, no questions" skips that exploration
(``explore=False``: needs_facts then lists every fact that kept a rule open), as a bulk
scan that shows no questions may. "end to end" adds validating the raw situation.

Then the same through the command line, as a user runs it: `lanyard check --json FILE`
(and `--jsonl`) in a subprocess over a generated file of --cli-n situations from every
pack, start-up, reading, validating, deciding and writing included (best of --repeat;
the start-up alone is shown too). The last row draws the file's situations from 1,000
distinct ones, as a batch whose situations repeat.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from importlib import resources
from pathlib import Path
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
    parser.add_argument(
        "--cli-n", type=int, default=50_000, help="situations in the file given to the CLI"
    )
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
    if args.cli_n:
        stages(list(packs), args.cli_n, args.repeat)
        cli_figures(list(packs), args.cli_n, args.repeat)


def stages(pack_ids: list[str], n: int, repeat: int) -> None:
    """Where the time of `lanyard check --json` goes past start-up, per situation, in
    this process (CPU time; best of --repeat): the same steps the command takes."""
    import gc

    from lanyard.cli.check import parse_situations
    from lanyard.policy import load_pack

    try:
        from lanyard.policy.batch import BatchDecider
    except ImportError:  # an older version, measured for comparison
        print("(no batch mode in this version: the per-step figures are skipped)")
        return

    print(f"lanyard check --json, per situation past start-up (µs of CPU, {n:,} situations):")
    print(f"{'situations':<30} {'read, validate, flatten':>24} {'decide':>7} {'write again':>12}")
    for label, known in (("complete", 1.0), ("10% unknown", 0.9)):
        rng = random.Random(f"lanyard-cli-{known}")
        text = json.dumps([generate(rng, pack_ids[i % len(pack_ids)], known) for i in range(n)])
        best = [float("inf")] * 3
        gc.disable()
        try:
            for _ in range(repeat):
                clock = [time.process_time()]
                flats = parse_situations(text, "batch.json")[0]
                clock.append(time.process_time())
                decider = BatchDecider()
                packs = [load_pack(f["district"]) for f in flats]
                for pack, flat in zip(packs, flats, strict=True):
                    decider.decide(pack, flat)
                clock.append(time.process_time())
                ",\n".join([decider.dumps(p, f) for p, f in zip(packs, flats, strict=True)])
                clock.append(time.process_time())
                best = [min(b, clock[i + 1] - clock[i]) for i, b in enumerate(best)]
        finally:
            gc.enable()
        us = [b / n * 1e6 for b in best]
        print(f"{label:<30} {us[0]:>24.1f} {us[1]:>7.1f} {us[2]:>12.1f}")


LANYARD = str(Path(sys.executable).with_name("lanyard"))


def cli_figures(pack_ids: list[str], n: int, repeat: int) -> None:
    """Decisions per second through `lanyard check` in a subprocess (on the same core)."""
    with tempfile.TemporaryDirectory(prefix="lanyard-check-") as tmp:
        folder = Path(tmp)
        one = folder / "one.json"
        one.write_text(json.dumps(generate(random.Random(1), pack_ids[0], 1.0)))
        startup = min(_timed(partial(_check, "--json", str(one))) for _ in range(repeat))
        startup_cpu = min(_cpu(partial(_check, "--json", str(one))) for _ in range(repeat))
        print(
            f"lanyard check, end to end: a subprocess over a file of {n:,} situations from"
            f" all packs (start-up alone {startup * 1000:.0f} ms, {startup_cpu * 1000:.0f} ms of"
            " CPU, included below); per second of wall-clock time and per second of the"
            " subprocess's CPU time (less sensitive to other work on the machine)"
        )
        print(
            f"{'situations':<30} {'--json/s':>10} {'--jsonl/s':>10} {'--json/CPU s':>13}"
            f" {'--jsonl/CPU s':>14}"
        )
        for label, known, flags, distinct in (
            ("complete", 1.0, (), n),
            ("10% unknown", 0.9, (), n),
            ("10% unknown, --no-questions", 0.9, ("--no-questions",), n),
            ("10% unknown, 1,000 distinct", 0.9, (), 1000),
        ):
            rng = random.Random(f"lanyard-cli-{known}")
            raws = [generate(rng, pack_ids[i % len(pack_ids)], known) for i in range(distinct)]
            if distinct < n:  # a batch whose situations repeat, in no particular order
                raws = [rng.choice(raws) for _ in range(n)]
            batch, lines = folder / "batch.json", folder / "batch.jsonl"
            batch.write_text(json.dumps(raws))
            lines.write_text("".join(json.dumps(r) + "\n" for r in raws))
            as_json = min(
                _timed(partial(_check, "--json", *flags, str(batch))) for _ in range(repeat)
            )
            as_lines = min(
                _timed(partial(_check, "--jsonl", *flags, str(lines))) for _ in range(repeat)
            )
            cpu_json = min(
                _cpu(partial(_check, "--json", *flags, str(batch))) for _ in range(repeat)
            )
            cpu_lines = min(
                _cpu(partial(_check, "--jsonl", *flags, str(lines))) for _ in range(repeat)
            )
            print(
                f"{label:<30} {n / as_json:>10,.0f} {n / as_lines:>10,.0f}"
                f" {n / cpu_json:>13,.0f} {n / cpu_lines:>14,.0f}"
            )


def _check(*args: str) -> None:
    subprocess.run([LANYARD, "check", *args], check=True, stdout=subprocess.DEVNULL)


def _row(name: str, rules: int, rates: list[float]) -> None:
    print(
        f"{name:<16} {rules:>5} {rates[0]:>12,.0f} {rates[1]:>14,.0f} {rates[2]:>15,.0f}"
        f" {rates[3]:>13,.0f}"
    )


def _end_to_end(pack: Any, raws: list[dict[str, Any]]) -> None:
    for raw in raws:
        decide(pack, Situation.model_validate(raw))


def _cpu(fn: Any) -> float:
    """The CPU time (user and system) of the subprocesses ``fn`` runs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    fn()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
