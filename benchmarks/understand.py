"""How well the "May I?" reader reads facts out of questions it was not written against.

    .venv/bin/python benchmarks/understand.py [--all]

Runs ``lanyard.mayi.understand.understand`` on the 150 hand-written questions of
``benchmarks/data/mayi/questions.yaml`` (see the README beside it: written without
reading the reader) and compares the facts it reads with the expected ones, per field
and overall:

- precision: of the facts it read, how many have the expected value;
- recall: of the expected facts, how many it read with that value;
- invented: facts it read on a field the item leaves unknown (absent from the expected
  facts); "of which not_stated" counts those on a field the item lists as a likely guess;
- wrong: facts it read on an expected field with a different value.

Both sides get the contract's own derivations first (a content detail that is true makes
its umbrella true; an age of 18 or over means not under 13), and platforms are compared
lower case without spaces, hyphens or underscores ("twitter" is "x"). A counterpart field
the reader gives more than once is compared as the list of its values. Lists the 10 items
with the most errors (``--all``: every item with an error).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from lanyard.mayi.understand import understand
from lanyard.policy.situation import UMBRELLAS

DATA = Path(__file__).parent / "data" / "mayi" / "questions.yaml"
PLATFORM_ALIASES = {"twitter": "x", "messenger": "facebook", "facebookmessenger": "facebook"}


def _platform(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    key = "".join(ch for ch in value.lower() if ch not in " -_")
    return PLATFORM_ALIASES.get(key, key)


def _derive(facts: dict[str, Any]) -> dict[str, Any]:
    out = dict(facts)
    for umbrella, details in UMBRELLAS.items():
        if any(out.get(f"content.{d}") is True for d in details):
            out[f"content.{umbrella}"] = True
    if out.get("counterparts.age_18_or_over") is True:
        out.setdefault("counterparts.age_under_13", False)
    elif out.get("counterparts.age_under_13") is True:
        out.setdefault("counterparts.age_18_or_over", False)
    if "channel.platform" in out:
        out["channel.platform"] = _platform(out["channel.platform"])
    return out


def read(question: str) -> dict[str, Any]:
    """The reader's facts as flat paths; a field read more than once becomes a list."""
    values: dict[str, list[Any]] = defaultdict(list)
    for fact in understand(question):
        values[fact.field].append(fact.value)
    return _derive({f: v[0] if len(v) == 1 else v for f, v in values.items()})


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, list) or isinstance(got, list):
        exp = expected if isinstance(expected, list) else [expected]
        have = got if isinstance(got, list) else [got]
        return sorted(map(repr, exp)) == sorted(map(repr, have))
    return bool(expected == got and type(expected) is type(got))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--all", action="store_true", help="list every item with an error")
    args = parser.parse_args()
    items = yaml.safe_load(DATA.read_text(encoding="utf-8"))

    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors = []
    for item in items:
        expected = _derive(item["facts"])
        not_stated = set(item.get("not_stated", []))
        got = read(item["question"])
        missed, wrong, invented = [], [], []
        for field, value in expected.items():
            counts[field]["expected"] += 1
            if field not in got:
                missed.append(f"{field}={value!r}")
        for field, value in got.items():
            c = counts[field]
            c["read"] += 1
            if field not in expected:
                c["invented"] += 1
                c["not_stated"] += field in not_stated
                mark = " (not stated)" if field in not_stated else ""
                invented.append(f"{field}={value!r}{mark}")
            elif _same(expected[field], value):
                c["right"] += 1
            else:
                c["wrong"] += 1
                wrong.append(f"{field}={value!r} (expected {expected[field]!r})")
        n = len(missed) + len(wrong) + len(invented)
        if n:
            errors.append(
                (len(wrong) + len(invented), n, item["question"], missed, wrong, invented)
            )

    print(f"{len(items)} questions, {sum(c['expected'] for c in counts.values())} expected facts")
    header = ("field", "expected", "read", "right", "precision", "recall", "wrong", "invented")
    print(
        f"{header[0]:<34} {header[1]:>8} {header[2]:>5} {header[3]:>5} {header[4]:>9}"
        f" {header[5]:>6} {header[6]:>5} {header[7]:>8}  of which not_stated"
    )
    total: Counter[str] = Counter()
    for field in sorted(counts, key=lambda f: (-counts[f]["expected"], f)):
        _row(field, counts[field])
        total.update(counts[field])
    _row("overall", total)

    errors.sort(key=lambda e: (-e[0], -e[1]))
    shown = errors if args.all else errors[:10]
    print()
    print(
        f"{'items with an error' if args.all else 'the 10 worst items'} ({len(errors)} of "
        f"{len(items)} have at least one error):"
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
