"""Moderation classifier: precision, recall and F1 per category on held-out dev data, and
comments per second on one core.

    .venv/bin/python benchmarks/moderation.py [--data DIR] [--limit N]

Dev data are the fifth of each training set never trained on (``lanyard.moderation.train.
is_dev``) plus all of OLID, which is never trained on (a cross-dataset check).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lanyard.moderation import ModerationClassifier, ModerationResult
from lanyard.moderation.train import Row, default_data_dir, is_dev, read_rows

ABUSE = ("vulgar_language", "personal_attack", "discrimination", "threat")


@dataclass(frozen=True)
class Task:
    name: str
    dataset: str
    gold: Callable[[Row], bool]
    predicted: Callable[[ModerationResult], bool]
    held_out: str
    all_rows: bool = False


def flagged(category: str) -> Callable[[ModerationResult], bool]:
    return lambda r: r.category(category).flagged


def any_abuse(r: ModerationResult) -> bool:
    return any(r.category(c).flagged for c in ABUSE)


def label(name: str) -> Callable[[Row], bool]:
    return lambda row: row.labels[name] == 1


DEV = "dev fifth"
CROSS = "never trained on"
TASKS = (
    Task(
        "vulgar_language",
        "jigsaw-toxic-comment-sample",
        label("obscene"),
        flagged("vulgar_language"),
        DEV,
    ),
    Task(
        "personal_attack",
        "jigsaw-toxic-comment-sample",
        label("insult"),
        flagged("personal_attack"),
        DEV,
    ),
    Task("personal_attack", "olid", label("target_individual"), flagged("personal_attack"), CROSS),
    Task(
        "discrimination", "davidson-hate-offensive", label("hate"), flagged("discrimination"), DEV
    ),
    Task(
        "discrimination",
        "jigsaw-toxic-comment-sample",
        label("identity_hate"),
        flagged("discrimination"),
        DEV,
    ),
    Task("discrimination", "olid", label("target_group"), flagged("discrimination"), CROSS),
    Task(
        "threat",
        "jigsaw-toxic-comment-sample",
        label("threat"),
        flagged("threat"),
        "all 2,000 (rules only)",
        all_rows=True,
    ),
    Task(
        "spam_or_commercial_link",
        "youtube-spam-collection",
        label("label"),
        lambda r: r.category("spam_or_commercial_link").flagged or r.category("marketing").flagged,
        DEV,
    ),
    Task("any abuse (4 categories)", "davidson-hate-offensive", label("label"), any_abuse, DEV),
    Task("any abuse (4 categories)", "jigsaw-toxic-comment-sample", label("label"), any_abuse, DEV),
    Task("any abuse (4 categories)", "olid", label("label"), any_abuse, CROSS),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--limit", type=int, default=0, help="at most N rows per dataset")
    args = parser.parse_args()
    classifier = ModerationClassifier()

    results: dict[str, list[tuple[Row, ModerationResult]]] = {}
    texts: list[str] = []
    for dataset, all_rows in sorted({(t.dataset, t.all_rows) for t in TASKS}):
        rows = [
            r
            for r in read_rows(args.data, dataset)
            if all_rows or dataset == "olid" or is_dev(r.text)
        ]
        if args.limit:
            rows = rows[: args.limit]
        results[f"{dataset}/{all_rows}"] = [(r, classifier.classify(r.text)) for r in rows]
        if not all_rows:
            texts.extend(r.text for r in rows)

    print(
        f"{'category':<26} {'dataset':<29} {'held out':<23} {'n':>6} {'pos':>5} "
        f"{'P':>5} {'R':>5} {'F1':>5}"
    )
    for task in TASKS:
        tp = fp = fn = 0
        pairs = results[f"{task.dataset}/{task.all_rows}"]
        for row, result in pairs:
            gold, pred = task.gold(row), task.predicted(result)
            tp += gold and pred
            fp += pred and not gold
            fn += gold and not pred
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{task.name:<26} {task.dataset:<29} {task.held_out:<23} {len(pairs):>6} "
            f"{tp + fn:>5} {p:>5.2f} {r:>5.2f} {f1:>5.2f}"
        )

    # Throughput: one process, one thread, the full classifier (all recognizers, fusion,
    # decision), over the dev texts in a fixed order.
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sample = texts[:5000]
    classifier.classify("warm up")
    start = time.perf_counter()
    for text in sample:
        classifier.classify(text, site_purpose="Lincoln School news, events and sports")
    elapsed = time.perf_counter() - start
    chars = sum(len(t) for t in sample) / max(1, len(sample))
    print(
        f"\nthroughput: {len(sample) / elapsed:,.0f} comments/s on one core "
        f"({len(sample)} comments, mean {chars:.0f} characters)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
