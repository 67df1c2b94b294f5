"""The team-written labeled examples: enough of each category, half hard negatives, a fixed
split."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from lanyard.moderation.train import team_split

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "moderation"
CATEGORIES = {
    "threat",
    "safety",
    "confidential_information",
    "illegal_activity",
    "marketing",
    "copyright",
    "defamation",
    "off_topic",
}


def rows() -> list[dict[str, str]]:
    with (DATA / "team_labeled.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_category_has_150_examples_about_half_hard_negatives() -> None:
    data = rows()
    assert set(data[0]) == {"text", "label", "category", "kind"}
    assert {r["category"] for r in data} == CATEGORIES
    counts = Counter((r["category"], r["label"]) for r in data)
    for category in CATEGORIES:
        positives, negatives = counts[(category, "1")], counts[(category, "0")]
        assert positives + negatives >= 150
        assert 0.4 <= negatives / (positives + negatives) <= 0.6
    assert len({r["text"] for r in data}) == len(data)


def test_the_split_is_fixed_by_the_text_and_holds_out_about_two_fifths() -> None:
    data = rows()
    held_out = [r for r in data if team_split(r["text"]) == "held-out"]
    assert 0.3 <= len(held_out) / len(data) <= 0.5
    assert team_split("Someone should shoot up this school") == team_split(
        "Someone should shoot up this school"
    )
    for category in CATEGORIES:
        assert any(r["category"] == category for r in held_out)
