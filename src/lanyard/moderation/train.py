"""Regenerate the learned parameters (``params.json``) from the shared moderation data.

    python -m lanyard.moderation.train [--data DIR] [--out FILE]

The data stay in ``$LANYARD_SHARED_DIR/data/moderation``; only the learned weights are
written. Shipped weights are learned from the permissively licensed sets (Davidson: MIT;
Jigsaw sample: labels CC0; YouTube Spam Collection: CC BY 4.0); OLID (no license stated) is
used only to measure generalization in ``benchmarks/moderation.py``. Every fifth comment, by a
stable hash of its text, is held out as dev data and never trained on.

scikit-learn is needed here only (a development dependency).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lanyard.moderation.classifiers.text import features

csv.field_size_limit(10_000_000)


def default_data_dir() -> Path:
    shared = os.environ.get("LANYARD_SHARED_DIR")
    if shared:
        return Path(shared) / "data" / "moderation"
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "moderation"


def is_dev(text: str) -> bool:
    """Held out from training: a stable fifth of the comments, chosen by their text."""
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 5 == 0


def team_split(text: str) -> str:
    """The team-written set's split, fixed by a hash of the text: two fifths ``held-out``
    (never used for tuning), the rest ``tuning``."""
    digest = hashlib.sha256(("team:" + text).encode("utf-8")).digest()[0] % 5
    return "held-out" if digest < 2 else "tuning"


@dataclass(frozen=True)
class Row:
    dataset: str
    text: str
    labels: dict[str, int]


def read_rows(data_dir: Path, dataset: str) -> Iterator[Row]:
    path = data_dir / dataset / "normalized.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            labels = {k: int(v) for k, v in record.items() if k != "text" and v in ("0", "1")}
            yield Row(dataset, record["text"], labels)


TRAIN_SETS = ("davidson-hate-offensive", "jigsaw-toxic-comment-sample", "youtube-spam-collection")


def targets(row: Row) -> dict[str, int]:
    """The three learned labels for a row of any training set."""
    if row.dataset == "davidson-hate-offensive":
        return {"toxicity": row.labels["label"], "hate": row.labels["hate"], "spam": 0}
    if row.dataset == "jigsaw-toxic-comment-sample":
        return {
            "toxicity": row.labels["label"],
            "hate": row.labels["identity_hate"],
            "spam": 0,
        }
    return {"toxicity": 0, "hate": 0, "spam": row.labels["label"]}


def train(data_dir: Path, keep: int = 4000, c: float = 0.5) -> dict[str, Any]:
    import numpy as np
    from sklearn.feature_extraction.text import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        CountVectorizer,
    )
    from sklearn.linear_model import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        LogisticRegression,
    )

    rows = [r for ds in TRAIN_SETS for r in read_rows(data_dir, ds) if not is_dev(r.text)]
    texts = [r.text for r in rows]
    vectorizer = CountVectorizer(analyzer=features, binary=True, min_df=3)
    x = vectorizer.fit_transform(texts)
    vocab = vectorizer.get_feature_names_out()
    models: dict[str, Any] = {}
    version = date.today().isoformat()
    for name in ("toxicity", "hate", "spam"):
        y = np.array([targets(r)[name] for r in rows])
        # Balance classes within each dataset so no one source sets the prior.
        weights = np.ones(len(rows))
        for ds in TRAIN_SETS:
            idx = np.array([i for i, r in enumerate(rows) if r.dataset == ds])
            for cls in (0, 1):
                members = idx[y[idx] == cls]
                if len(members):
                    weights[members] = len(idx) / (2.0 * len(members))
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(x, y, sample_weight=weights)
        coef = model.coef_[0]
        order = np.argsort(-np.abs(coef))[:keep]
        kept = {str(vocab[i]): round(float(coef[i]), 4) for i in order if abs(coef[i]) >= 0.02}
        models[name] = {
            "version": version,
            "bias": round(float(model.intercept_[0]), 4),
            "weights": dict(sorted(kept.items())),
            "trained_on": list(TRAIN_SETS),
            "examples": int(len(rows)),
            "positives": int(y.sum()),
            "c": c,
        }
    return {"format": 1, "models": models}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("params.json"))
    parser.add_argument("--keep", type=int, default=4000, help="features kept per model")
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 regularization")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no moderation data at {args.data} (set LANYARD_SHARED_DIR or --data)")
    params = train(args.data, keep=args.keep, c=args.c)
    args.out.write_text(json.dumps(params, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    sizes = {name: len(m["weights"]) for name, m in params["models"].items()}
    sys.stderr.write(f"wrote {args.out} ({sizes})\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
