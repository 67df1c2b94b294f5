"""The "May I?" follow-up loop, simulated: how many questions until the answer is settled,
whether it ends on the verdict the asker's full situation gets, and how long each
interpretation takes.

    .venv/bin/python benchmarks/interpret.py [--set held-out|second|tuning] [--district ID]
    .venv/bin/python benchmarks/interpret.py --questions PATH [--district ID]

For each question of the set and each district pack (all built-in packs unless
``--district``), it does what ``lanyard interpret`` does: read the question
(``lanyard.mayi.interpret.read``), decide, and take the next question that could change the
answer. A simulated asker answers each follow-up from the item's expected facts (plus its
``intended`` facts where the item has them — the second set, and a ``--questions`` file
kept outside the repository — which are what the asker means but did not say), and
"I don't know" (null) for a fact neither gives (to "Is any of this so?", which asks several
usual facts at once: the one that is so, "None of these" when the item gives each, else
"I don't know"); a question the reader could not place
(no action) costs one follow-up, the asker choosing the action. The loop stops when no
unknown fact can change the answer (``next`` is null), or after 15 follow-ups. It does not
correct a fact the reader got wrong: a wrong fact counts against the result, as it would
for an asker who did not notice it.

Prints the average number of follow-ups, the share of runs ending on the intended verdict
(the verdict the pack gives the item's full situation: expected and intended facts with
several counterparts where the item names several) and the latency of one interpretation
(read, decide, next question) at p50 and p95, wall clock and CPU time.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lanyard.mayi.interpret import USUAL, FactProblem, asked_facts, next_question, read
from lanyard.policy import Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.decision import Dependence
from mayi_facts import SETS, load, load_file

LIMIT = 15


def full_situation(district: str, facts: dict[str, Any]) -> Situation:
    """The item's situation, with one counterpart per list position."""
    draft: dict[str, Any] = {"district": district}
    counterparts: list[dict[str, Any]] = []
    for path, value in facts.items():
        head, _, name = path.partition(".")
        if head == "counterparts":
            values = value if isinstance(value, list) else [value]
            while len(counterparts) < len(values):
                counterparts.append({})
            for cp, v in zip(counterparts, values, strict=False):
                cp[name] = v
        elif name:
            draft.setdefault(head, {})[name] = value
        else:
            draft[head] = value
    if counterparts:
        draft["counterparts"] = counterparts
    return Situation.model_validate(draft)


def _answers(truth: dict[str, Any], following: Dependence) -> dict[str, Any]:
    """The asker's answer to a follow-up, as facts: the fact's value, null where the item
    does not give it. To "Is any of this so?" (several facts): the one that is so, "None of
    these" when the item says each is not, else "I don't know" (null for each)."""
    facts = asked_facts(following)
    if len(facts) == 1:
        return {facts[0]: _answer(truth, facts[0])}
    values = {f: _answer(truth, f) for f in facts}
    so = next((f for f in facts if values[f] is not None and values[f] != USUAL.get(f)), None)
    if so is not None:
        return {so: values[so]}
    if all(values[f] is not None for f in facts):
        return values
    return dict.fromkeys(facts)


def _answer(truth: dict[str, Any], fact: str) -> Any:
    value = truth.get(fact)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def run(
    question: str, truth: dict[str, Any], pack_id: str, times: list[tuple[float, float]]
) -> tuple[int, Any]:
    """Follow-ups asked and the final decision (None when the facts never validated)."""
    pack = load_pack(pack_id)
    answered: dict[str, Any] = {}
    asked = 0
    decision = None
    while asked <= LIMIT:
        started = (time.perf_counter(), time.thread_time())
        try:
            interpretation = read(question, answered, district=pack_id)
            situation = Situation.model_validate(interpretation.situation())
        except (FactProblem, ValidationError):
            times.append(_elapsed(started))
            if "action" not in answered and "action" in truth:
                answered["action"] = truth["action"]
                asked += 1
                continue
            return asked, None
        decision = decide(pack, situation)
        following = next_question(decision, interpretation)
        times.append(_elapsed(started))
        if following is None:
            return asked, decision
        answered.update(_answers(truth, following))
        asked += 1
    return asked, decision


def _elapsed(started: tuple[float, float]) -> tuple[float, float]:
    """Wall-clock and CPU time (this thread's) since ``started``: on a loaded machine the
    wall clock includes waiting for a core, the CPU time does not."""
    return time.perf_counter() - started[0], time.thread_time() - started[1]


def _p95(values: list[float]) -> float:
    return values[min(len(values) - 1, int(len(values) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=SETS, default="held-out")
    parser.add_argument("--district", default=None)
    parser.add_argument(
        "--questions", type=Path, default=None, help="a question set kept outside the repository"
    )
    args = parser.parse_args()
    packs = [args.district] if args.district else list(builtin_pack_ids())
    items = load(args.set) if args.questions is None else load_file(args.questions)
    name = args.set if args.questions is None else args.questions.name
    times: list[tuple[float, float]] = []
    asked_counts: list[int] = []
    outcome: Counter[str] = Counter()
    for item in items:
        truth = {**item["facts"], **item.get("intended", {})}
        for pack_id in packs:
            intended = decide(load_pack(pack_id), full_situation(pack_id, truth))
            asked, decision = run(item["question"], truth, pack_id, times)
            asked_counts.append(asked)
            if decision is None:
                outcome["invalid"] += 1
            elif decision.verdict == intended.verdict:
                outcome["intended"] += 1
            else:
                outcome["other"] += 1
    runs = len(asked_counts)
    ms = sorted(wall * 1000 for wall, _ in times)
    cpu = sorted(used * 1000 for _, used in times)
    print(f"set {name}: {len(items)} questions x {len(packs)} packs = {runs} runs")
    print(
        f"follow-ups until settled: mean {statistics.mean(asked_counts):.2f},"
        f" max {max(asked_counts)}, runs with more than 3: "
        f"{sum(a > 3 for a in asked_counts)}"
    )
    print(
        f"intended verdict reached: {outcome['intended'] / runs:.1%}"
        f" ({outcome['intended']} of {runs}; other verdict {outcome['other']},"
        f" facts that did not fit together {outcome['invalid']})"
    )
    print(
        f"interpretation latency: p50 {statistics.median(ms):.2f} ms, p95 {_p95(ms):.2f} ms"
        f" over {len(ms)} interpretations (CPU time: p50 {statistics.median(cpu):.2f} ms,"
        f" p95 {_p95(cpu):.2f} ms)"
    )


if __name__ == "__main__":
    main()
