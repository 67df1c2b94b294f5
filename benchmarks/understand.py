"""How well the "May I?" reader reads facts out of questions it was not written against.

    .venv/bin/python benchmarks/understand.py [--set tuning|held-out|second] [--all]
    .venv/bin/python benchmarks/understand.py --file questions-6.yaml [--all]
    .venv/bin/python benchmarks/understand.py --questions PATH

Runs ``lanyard.mayi.understand.understand`` over the question sets of
``benchmarks/data/mayi/`` (see the README there) and compares the facts it reads with the
expected ones:

- precision: of the facts it read, how many have the expected value;
- recall: of the expected facts, how many it read with that value;
- invented: facts it read on a field the item leaves unknown (absent from the expected
  facts); "of which not_stated" counts those on a field the item lists as a likely guess;
- wrong: facts it read on an expected field with a different value.

It always prints precision and recall on the three sets: the tuning part of
``questions.yaml`` (the reader is tuned on it), its held-out part (a stable hash split, see
``mayi_facts.py``) and ``questions-2.yaml`` (evaluation only). With ``--set`` it adds the
per-field table for that set and, for the tuning set only, the items with the most errors
(``--all``: every item with an error); the questions of the held-out sets are never listed,
so nobody tunes on them by reading this output. ``--file`` scores one file written for
tuning alone (per-field table and its items with an error). ``--questions`` scores a set in
the same format kept outside the repository (a fresh set written after a round of changes,
to measure it on questions nobody tuned on) and prints its totals only: no per-field table
and no item, so that reading the output does not tune the reader on it.

Both sides get the contract's own derivations first, and platforms are compared lower case
without spaces, hyphens or underscores ("twitter" is "x"). A counterpart field the reader
gives more than once, or of several counterparts (``counterparts.<i>.<name>``), is compared
as the list of its values.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from mayi_facts import OWN, SETS, Score, load, load_file, load_own, score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=SETS, default=None, help="per-field table for a set")
    parser.add_argument("--all", action="store_true", help="list every tuning item with an error")
    parser.add_argument(
        "--file",
        choices=[own.name for own in OWN],
        default=None,
        help="per-field table and items with an error for one file written for tuning, alone",
    )
    parser.add_argument(
        "--questions",
        type=Path,
        default=None,
        help="totals only for a question set kept outside the repository",
    )
    args = parser.parse_args()
    if args.questions is not None:
        s = score(load_file(args.questions))
        t = s.total()
        print(
            f"{args.questions.name}: {s.questions} questions, {t['expected']} facts,"
            f" {t['read']} read, {t['right']} right: precision {s.precision():.3f},"
            f" recall {s.recall():.3f}, wrong {t['wrong']}, invented {t['invented']}"
        )
        return
    if args.file is not None:
        s = score(load_own(args.file))
        print(
            f"{args.file}: {s.questions} questions, precision {s.precision():.3f},"
            f" recall {s.recall():.3f}"
        )
        _table(args.file, s)
        _items(s, args.all)
        return

    print(
        f"{'set':<10} {'questions':>9} {'facts':>6} {'read':>5} {'right':>6} {'precision':>9}"
        f" {'recall':>6} {'wrong':>6} {'invented':>8}"
    )
    scores: dict[str, Score] = {}
    for name in SETS:
        s = scores[name] = score(load(name))
        t = s.total()
        print(
            f"{name:<10} {s.questions:>9} {t['expected']:>6} {t['read']:>5} {t['right']:>6}"
            f" {s.precision():>9.3f} {s.recall():>6.3f} {t['wrong']:>6} {t['invented']:>8}"
        )
    if args.set is None:
        return
    _table(args.set, scores[args.set])
    if args.set == "tuning":
        _items(scores[args.set], args.all)


def _table(name: str, s: Score) -> None:
    print()
    print(f"per field, {name}:")
    print(
        f"{'field':<34} {'expected':>8} {'read':>5} {'right':>5} {'precision':>9}"
        f" {'recall':>6} {'wrong':>5} {'invented':>8}  of which not_stated"
    )
    for field in sorted(s.counts, key=lambda f: (-s.counts[f]["expected"], f)):
        _row(field, s.counts[field])
    _row("overall", s.total())


def _items(s: Score, everything: bool) -> None:
    shown = s.errors if everything else s.errors[:10]
    print()
    print(
        f"{'items with an error' if everything else 'the 10 worst items'} ({len(s.errors)} of "
        f"{s.questions} have at least one error):"
    )
    for _, _, question, missed, wrong, invented in shown:
        print(f"- {question}")
        for label, facts in (("wrong", wrong), ("invented", invented), ("missed", missed)):
            if facts:
                print(f"    {label}: {'; '.join(facts)}")


def _row(name: str, c: Counter[str]) -> None:
    precision = f"{c['right'] / c['read']:.2f}" if c["read"] else "-"
    recall = f"{c['right'] / c['expected']:.2f}" if c["expected"] else "-"
    print(
        f"{name:<34} {c['expected']:>8} {c['read']:>5} {c['right']:>5} {precision:>9}"
        f" {recall:>6} {c['wrong']:>5} {c['invented']:>8}  {c['not_stated']:>5}"
    )


if __name__ == "__main__":
    main()
