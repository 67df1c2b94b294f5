"""Regenerate ``src/lanyard/mayi/reader_params.npz``: the May I? reader's second reader
(``lanyard.mayi.learned``), one logistic regression per field over the words of the
questions written for tuning (the tuning part of ``questions.yaml`` and ``questions-3.yaml``
to ``questions-7.yaml``; never the held-out part or ``questions-2.yaml``).

    .venv/bin/python benchmarks/train_reader.py [--calibrate] [--veto] [--every-file]

Labels are the items' expected facts after the contract's derivations (``mayi_facts.derive``);
a field the item leaves out is the label "unknown"; a field with several counterparts is not
used. Features seen in fewer than two questions are dropped; each field's weights are
stored as 8-bit integers with one scale (on the tuning questions that moves no probability by
more than 0.015).

The thresholds (``VETO_BELOW``, ``PROPOSE_AT`` in ``lanyard.mayi.learned``) were set on
questions neither the models nor the rules had seen; their comments there give the figures.
``--calibrate`` trains each model once per file with that file left out and prints, for each
field, how many of the values it would propose where the rules read nothing are right, by
threshold. ``--veto`` does the same for the veto: for each field and bar, how many of the
rules' readings of each file a model trained without that file keeps, right + wrong (or not
stated). ``--every-file`` trains on every file written for tuning, questions-8.yaml to
questions-11.yaml too (not the packaged parameters).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from lanyard.mayi.learned import PARAMS, features
from lanyard.mayi.understand import understand_by_rules
from mayi_facts import FIRST, OWN, derive, held_out, reader_facts

OUT = Path(__file__).parent.parent / "src" / "lanyard" / "mayi" / PARAMS
FIELDS = (
    "action",
    "purpose",
    "counterparts.role",
    "counterparts.count",
    "channel.medium",
    "actor.role",
    "channel.device",
    "channel.account",
    "actor.on_duty",
    "counterparts.initiated_contact",
)
C = 4.0


# The files written for tuning that the packaged parameters are trained on. questions-8.yaml
# is left out: trained on it too, the reader read 4 right facts fewer on the held-out part
# (precision 0.957 -> 0.956, recall 0.604 -> 0.592) and one fewer on the second set (0.970 /
# 0.575 -> 0.970 / 0.574), so the eighth round kept the seventh round's parameters; the
# ninth to thirteenth rounds' questions-9.yaml to questions-12.yaml are left out for the
# same reason (not retrained). The twelfth round retrained on every file (``--every-file``),
# after the disagreements between the files were settled, with veto bars chosen by ``--veto``:
# held-out and second-set recall fell, so it kept these (docs/mayi-reader.md). The fourteenth
# round tried it again (every file, less the checker's calibration split; the bars of
# ``VETO_BELOW``): held-out 0.961 / 0.662 -> 0.956 / 0.659, second 0.971 / 0.667 -> 0.972 /
# 0.653, so these stay and the learned checker (``train_checker.py``) is what learns from
# the later files.
LEFT_OUT = (
    "questions-8.yaml",
    "questions-9.yaml",
    "questions-10.yaml",
    "questions-11.yaml",
    "questions-12.yaml",
)
TRAIN_ON = tuple(own for own in OWN if own.name not in LEFT_OUT)
BARS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3)


def tuning(files: tuple[Path, ...] = TRAIN_ON) -> list[tuple[str, dict[str, Any]]]:
    """(group, item): the tuning part of the first set, then each file trained on."""
    items = [("questions.yaml", i) for i in yaml.safe_load(FIRST.read_text(encoding="utf-8"))]
    out = [(g, i) for g, i in items if not held_out(i["question"])]
    for own in files:
        out += [(own.name, i) for i in yaml.safe_load(own.read_text(encoding="utf-8"))]
    return out


def label(expected: dict[str, Any], field: str) -> str | None:
    value = expected.get(field)
    return None if isinstance(value, list) else json.dumps(value)


def fit(x: Any, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000).fit(x, y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calibrate", action="store_true", help="print held-out proposals")
    parser.add_argument("--veto", action="store_true", help="print the veto bars' effect")
    parser.add_argument(
        "--every-file", action="store_true", help="train on every file written for tuning"
    )
    args = parser.parse_args()
    items = tuning(OWN if args.every_file else TRAIN_ON)
    questions = [i["question"] for _, i in items]
    expected = [derive(i["facts"]) for _, i in items]
    feats = [features(q) for q in questions]
    seen = Counter(name for f in feats for name in f)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{n: 1.0 for n in f if seen[n] >= 2} for f in feats])
    names = vectorizer.get_feature_names_out()
    vocab = [str(n) for n in names]
    arrays: dict[str, np.ndarray] = {}
    for n, field in enumerate(FIELDS):
        y = np.array([label(e, field) for e in expected], dtype=object)
        ok = np.array([v is not None for v in y])
        model = fit(x[ok], y[ok].astype(str))
        coef, intercept = model.coef_, model.intercept_
        if len(model.classes_) == 2:  # one row for two classes: spell out both
            coef = np.vstack([-coef[0], coef[0]]) / 2
            intercept = np.array([-intercept[0], intercept[0]]) / 2
        scale = float(np.abs(coef).max()) / 127
        arrays[f"weights{n}"] = np.round(coef.T / scale).astype(np.int8)
        arrays[f"intercept{n}"] = intercept.astype(np.float64)
        arrays[f"scale{n}"] = np.array(scale)
        arrays[f"classes{n}"] = np.array(json.dumps([json.loads(c) for c in model.classes_]))
        print(f"{field}: {len(model.classes_)} values")
    arrays["vocab"] = np.array(vocab)
    arrays["fields"] = np.array(list(FIELDS))
    with OUT.open("wb") as out:
        np.savez_compressed(out, **arrays)
    print(f"wrote {OUT.name}: {len(vocab):,} features, {OUT.stat().st_size:,} bytes")
    if args.calibrate:
        _calibrate(items, x, expected)
    if args.veto:
        _veto(items, x, expected)


def _calibrate(items: list[tuple[str, dict[str, Any]]], x: Any, expected: list[Any]) -> None:
    """Proposals where the rules read nothing, each file's questions by a model trained
    without that file."""
    groups = np.array([g for g, _ in items])
    rules = [reader_facts(i["question"]) for _, i in items]
    for field in FIELDS:
        y = np.array([label(e, field) for e in expected], dtype=object)
        ok = np.array([v is not None for v in y])
        tally: Counter[tuple[float, bool]] = Counter()
        for group in sorted(set(groups)):
            train, test = ok & (groups != group), ok & (groups == group)
            model = fit(x[train], y[train].astype(str))
            for n, p in zip(np.where(test)[0], model.predict_proba(x[test]), strict=True):
                best = int(np.argmax(p))
                value = model.classes_[best]
                if field in rules[n] or value == "null":
                    continue
                for at in (0.97, 0.98, 0.99, 0.995):
                    if p[best] >= at:
                        tally[(at, value == y[n])] += 1
        print(
            field,
            " ".join(
                f"{at}: {tally[(at, True)]}/{tally[(at, True)] + tally[(at, False)]}"
                for at in (0.97, 0.98, 0.99, 0.995)
            ),
        )


def _veto(items: list[tuple[str, dict[str, Any]]], x: Any, expected: list[Any]) -> None:
    """For each field and veto bar, the rules' readings of each file's questions that a model
    trained without that file keeps: right and wrong (or not stated) ones."""
    groups = np.array([g for g, _ in items])
    rules = [{u.field: u.value for u in understand_by_rules(i["question"])} for _, i in items]
    for field in FIELDS:
        y = np.array([label(e, field) for e in expected], dtype=object)
        ok = np.array([v is not None for v in y])
        tally: Counter[tuple[float, bool]] = Counter()
        for group in sorted(set(groups)):
            train, test = ok & (groups != group), groups == group
            model = fit(x[train], y[train].astype(str))
            classes = [json.loads(c) for c in model.classes_]
            for n, p in zip(np.where(test)[0], model.predict_proba(x[test]), strict=True):
                if field not in rules[n] or isinstance(expected[n].get(field), list):
                    continue
                value = rules[n][field]
                at = next(
                    (i for i, c in enumerate(classes) if c == value and type(c) is type(value)),
                    None,
                )
                chance = 1.0 if at is None else float(p[at])
                right = field in expected[n] and _same(expected[n][field], value)
                for bar in BARS:
                    if chance >= bar:
                        tally[(bar, right)] += 1
        print(
            field,
            " ".join(f"{bar}: {tally[(bar, True)]}+{tally[(bar, False)]}" for bar in BARS),
        )


def _same(a: Any, b: Any) -> bool:
    return bool(a == b and type(a) is type(b))


if __name__ == "__main__":
    main()
