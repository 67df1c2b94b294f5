"""Shared by the "May I?" benchmarks: the question sets, a stable split of the first set into
a tuning part and a held-out part, and the comparison of the facts the reader reads with the
facts a careful reader takes from the words.

The split: a question is held out when the first eight hex digits of the SHA-256 of its text
(UTF-8, as written in the file) taken modulo 10 are below 4, about 40 % of the set. It
depends on the question alone, so adding or reordering questions moves no other question
between the parts. The reader is tuned on the tuning part only; the held-out part and the
whole second set (``questions-2.yaml``, evaluation only) measure it on questions it was
not written against. ``questions-3.yaml`` to ``questions-12.yaml`` were written by the
reader's authors to broaden what it is tuned on (texting shorthand, Spanish, roles, every
action; the second to find the rules that read a wrong fact): they belong to the tuning set
and measure nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lanyard.mayi.understand import account_medium, understand
from lanyard.policy.situation import UMBRELLAS

DATA = Path(__file__).parent / "data" / "mayi"
FIRST = DATA / "questions.yaml"
SECOND = DATA / "questions-2.yaml"
# written by the reader's authors, for tuning only
OWN = (
    DATA / "questions-3.yaml",
    DATA / "questions-4.yaml",
    DATA / "questions-5.yaml",
    DATA / "questions-6.yaml",
    DATA / "questions-7.yaml",
    DATA / "questions-8.yaml",
    DATA / "questions-9.yaml",
    DATA / "questions-10.yaml",
    DATA / "questions-11.yaml",
    DATA / "questions-12.yaml",
)
PLATFORM_ALIASES = {"twitter": "x", "messenger": "facebook", "facebookmessenger": "facebook"}
SETS = ("tuning", "held-out", "second")


def held_out(question: str) -> bool:
    digest = hashlib.sha256(question.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 10 < 4


def load(name: str) -> list[dict[str, Any]]:
    """One of SETS: the tuning part of the first set with the whole of ``questions-3.yaml``
    to ``questions-12.yaml`` (written for tuning), the held-out part of the first set, or the
    whole second."""
    if name == "second":
        return list(yaml.safe_load(SECOND.read_text(encoding="utf-8")))
    items = yaml.safe_load(FIRST.read_text(encoding="utf-8"))
    if name not in ("tuning", "held-out"):
        raise ValueError(f"no question set {name!r} (one of {', '.join(SETS)})")
    part = [i for i in items if held_out(i["question"]) == (name == "held-out")]
    if name == "tuning":
        for own in OWN:
            part += yaml.safe_load(own.read_text(encoding="utf-8"))
    return part


def load_file(path: Path) -> list[dict[str, Any]]:
    """A question set in the same format kept outside the repository (``--questions PATH``):
    written after a round of changes to measure it on questions nobody tuned on. Only its
    aggregate figures are printed, never its items."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise ValueError(f"{path}: not a list of questions")
    return items


def load_own(name: str) -> list[dict[str, Any]]:
    """One file written for tuning (``questions-7.yaml``), alone; the held-out sets are not
    loaded this way, so that their questions are never listed."""
    for own in OWN:
        if own.name == name:
            return list(yaml.safe_load(own.read_text(encoding="utf-8")))
    names = ", ".join(own.name for own in OWN)
    raise ValueError(f"{name!r} is not a file written for tuning (one of {names})")


def platform(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    key = "".join(ch for ch in value.lower() if ch not in " -_")
    return PLATFORM_ALIASES.get(key, key)


def derive(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The contract's own derivations, applied to both sides before comparing: a content
    detail that is true makes its umbrella true; 18 or over means not under 13; a new
    account on a social network ("create a social media account or website") carries
    social posts."""
    out = dict(facts)
    for umbrella, details in UMBRELLAS.items():
        if any(out.get(f"content.{d}") is True for d in details):
            out[f"content.{umbrella}"] = True
    if out.get("counterparts.age_18_or_over") is True:
        out.setdefault("counterparts.age_under_13", False)
    elif out.get("counterparts.age_under_13") is True:
        out.setdefault("counterparts.age_18_or_over", False)
    if "channel.platform" in out:
        out["channel.platform"] = platform(out["channel.platform"])
    if out.get("action") == "create_account" and "channel.medium" not in out:
        medium = account_medium(out.get("channel.platform"))
        if medium is not None:
            out["channel.medium"] = medium[0]
    return out


def reader_facts(question: str) -> dict[str, Any]:
    """The reader's facts as flat paths; a field read more than once becomes a list, and so
    does a field of several counterparts (``counterparts.<i>.<name>``), in their order."""
    values: dict[str, list[Any]] = defaultdict(list)
    for fact in sorted(understand(question), key=lambda u: _INDEX.sub(_order, u.field)):
        values[_INDEX.sub("counterparts.", fact.field)].append(fact.value)
    return derive({f: v[0] if len(v) == 1 else v for f, v in values.items()})


_INDEX = re.compile(r"^counterparts\.(\d+)\.")


def _order(m: re.Match[str]) -> str:
    return f"counterparts.{int(m.group(1)):04d}."


def same(expected: Any, got: Any) -> bool:
    if isinstance(expected, list) or isinstance(got, list):
        exp = expected if isinstance(expected, list) else [expected]
        have = got if isinstance(got, list) else [got]
        return sorted(map(repr, exp)) == sorted(map(repr, have))
    return bool(expected == got and type(expected) is type(got))


@dataclass
class Score:
    """Per-field counts (expected, read, right, wrong, invented, not_stated) and the items
    with an error: (bad facts, all errors, question, missed, wrong, invented)."""

    counts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[tuple[int, int, str, list[str], list[str], list[str]]] = field(
        default_factory=list
    )
    questions: int = 0

    def total(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for c in self.counts.values():
            out.update(c)
        return out

    def precision(self) -> float:
        t = self.total()
        return t["right"] / t["read"] if t["read"] else 1.0

    def recall(self) -> float:
        t = self.total()
        return t["right"] / t["expected"] if t["expected"] else 1.0


def score(items: Iterable[Mapping[str, Any]]) -> Score:
    out = Score()
    for item in items:
        out.questions += 1
        expected = derive(item["facts"])
        not_stated = set(item.get("not_stated", []))
        got = reader_facts(item["question"])
        missed, wrong, invented = [], [], []
        for name, value in expected.items():
            out.counts[name]["expected"] += 1
            if name not in got:
                missed.append(f"{name}={value!r}")
        for name, value in got.items():
            c = out.counts[name]
            c["read"] += 1
            if name not in expected:
                c["invented"] += 1
                c["not_stated"] += name in not_stated
                mark = " (not stated)" if name in not_stated else ""
                invented.append(f"{name}={value!r}{mark}")
            elif same(expected[name], value):
                c["right"] += 1
            else:
                c["wrong"] += 1
                wrong.append(f"{name}={value!r} (expected {expected[name]!r})")
        n = len(missed) + len(wrong) + len(invented)
        if n:
            out.errors.append(
                (len(wrong) + len(invented), n, str(item["question"]), missed, wrong, invented)
            )
    out.errors.sort(key=lambda e: (-e[0], -e[1]))
    return out
