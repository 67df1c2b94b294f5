"""The comments whose decisions ``test_pinned_decisions.py`` pins, and how they are read.

About 360 comments of the team's own training and tuning data (never the held-out splits,
never the fresh evaluation sets, which are read only as aggregate figures), picked by a hash
of the text, and a few written here for what the team data has little of (HTML entities,
accents, emoji, capitals, links, leetspeak). Each is classified the way the benchmark's
throughput run classifies: with the team's invented student directory and a site purpose.

``python tests/unit/moderation/make_pinned_decisions.py`` writes the expectation from the
code as it is: only when a change of decisions is intended, and said so in the commit.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

from lanyard.moderation.train import team_split

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "moderation"
EXPECTED = Path(__file__).with_name("data") / "pinned_decisions.json"
SITE_PURPOSE = "Lincoln School news, events and sports"

EXTRA = [
    "I&#8217;m going to bring a gun to Lakeview on Monday &amp; shoot everyone",
    "Ms. Núñez is the best teacher at Lincoln!!! 🍎🍎",
    "FREE MONEY!!! CLICK HERE bit dot ly/free-cash NOW",
    "check out www.example.com for CHEAP vapes, DM me",
    "u r such a l0ser lmao k1ll yourself",
    "Congratulations to Umber Stillwell on the science fair 🏆",
    "Umber Stillwell in the back is failing this class lol",
    "s h o o t up the skool tmrw",
    "We're going to destroy them on Friday night 🏈🔥",
    "Call the office at (555) 010-0199 with questions",
    "RT @someone: this test is killing me",
    "My son has an IEP and the teacher ignores it",
    "the m*rder of that teacher was on the news last year",
    "",
]


def comments() -> list[tuple[str, str]]:
    """(where from, text) for every pinned comment, in a fixed order."""
    out: list[tuple[str, str]] = []
    for name, keep in (
        ("team_labeled.csv", lambda text: team_split(text) == "tuning"),
        ("team_labeled_2.csv", lambda text: True),
        ("team_labeled_4.csv", lambda text: True),
    ):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row["text"]
                picked = hashlib.sha256(("pin:" + text).encode("utf-8")).digest()[0] % 6 == 0
                if keep(text) and picked:
                    out.append((name, text))
    out.extend(("written here", text) for text in EXTRA)
    return out


def decision(classifier: Any, names: Any, text: str) -> dict[str, Any]:
    result = classifier.classify(text, site_purpose=SITE_PURPOSE, student_names=names)
    return {
        "action": result.action.value,
        "flagged": list(result.flagged),
        # every category's score; those not listed are 0.0
        "scores": {c.id: round(c.score, 4) for c in result.categories if c.score},
    }


def key(source: str, text: str) -> str:
    return f"{source}:{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"
