"""The learned checker of the May I? reader: how likely a fact the rules read is wrong.

The rules of :mod:`lanyard.mayi.understand` read each fact from a cue. The checker is one
logistic regression over what a fact is and where it was read, not over the words
themselves, so that it judges a cue it has never seen ("SMS", "subscribe to") by what kind of
fact it gives and how the question around it reads:

- the field, and the field with its value;
- the chance the field's word model (``lanyard.mayi.learned``) gives the value, and whether
  that model prefers "the words leave it unknown" or has never seen the value;
- whether the cue's words are words the word models know at all;
- the three words either side of the cue ("instead of", "her", "my"), never the cue's own;
- whether the cue is in the sentence that asks or in a story before it; how long the question
  is and in how many sentences; whether it is in Spanish.

It is trained by ``benchmarks/train_checker.py`` on the readings of past versions of the
rules of questions they had not yet read (``benchmarks/data/mayi/history-readings.jsonl``),
with each question's word-model chances from models that never saw it; its bar was chosen on
a split of the tuning questions that the checker is not trained on. A fact is dropped when
its field's word model gives its value little chance (as the word models' own veto did) and
the checker's chance that it is wrong is at least the bar: it stays unknown and is asked as a
follow-up (a question costs less than a wrong answer).

Pure and offline: the parameters are a small JSON file, loaded once.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from lanyard.mayi.learned import Params, Words, normal

PARAMS = "checker_params.json"
_TOKEN = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SPANISH = re.compile(
    r"\b(?:puedo|mis|los|las|estudiantes|mandar|escuela|padres|papas|mi|del|para|con|por|es)\b"
)


def features(
    question: str, field: str, value: Any, words: str, chances: Any, without: Any = None
) -> dict[str, float]:
    """The checker's features of one fact. ``chances`` is the field's word model's
    probability of each of its values (a mapping from the JSON of a value, ``"null"`` for
    unknown), or None where the field has no word model; ``without`` the same with the cue's
    own words left out of the question (how much the model's chance owes to the cue: nothing,
    for a cue it has never seen)."""
    out = {"bias": 1.0, "f:" + field: 1.0, "fv:" + field + "=" + json.dumps(value): 1.0}
    if chances is None:
        out["no_model"] = 1.0
    else:
        chance = chances.get(json.dumps(value))
        if chance is None:
            out["unseen_value"] = 1.0
        else:
            logit = math.log(max(chance, 1e-4) / max(1.0 - chance, 1e-4)) / 4
            best = max(chances.values())
            out["logit"] = logit
            out["logit:" + field] = logit
            out["likeliest"] = float(chance >= best - 1e-9)
            out["below_0.1:" + field] = float(chance < 0.1)
            out["unknown_likeliest"] = float(chances.get("null", 0.0) >= best - 1e-9)
            alone = None if without is None else without.get(json.dumps(value))
            if alone is not None:
                rest = math.log(max(alone, 1e-4) / max(1.0 - alone, 1e-4)) / 4
                out["logit_without_cue"] = rest
                out["cue_weight"] = logit - rest
                out["cue_weight:" + field] = logit - rest
    text = normal(question)
    cue = normal(words)
    at = text.find(cue) if cue else -1
    if at < 0:
        out["cue_not_found"] = 1.0
    else:
        sentences = [s for s in _SENTENCE.split(text) if s.strip()]
        last = text.rfind(sentences[-1]) if sentences else 0
        before = _TOKEN.findall(text[:at])[-3:]
        after = _TOKEN.findall(text[at + len(cue) :])[:3]
        for n, token in enumerate(reversed(before)):
            out["left:" + token] = 1.0
            if n == 0:
                out["just_left:" + token] = 1.0
        for n, token in enumerate(after):
            out["right:" + token] = 1.0
            if n == 0:
                out["just_right:" + token] = 1.0
        out["sentences:" + str(min(len(sentences), 4))] = 1.0
        out["before_asking"] = float(at < last)
        out["before_asking:" + field.split(".")[0]] = float(at < last)
    out["length:" + str(min(len(_TOKEN.findall(text)) // 10, 5))] = 1.0
    out["spanish"] = float(len(_SPANISH.findall(text)) >= 2)
    return out


def cue_features(params: Params, words: str) -> dict[str, float]:
    """Whether the cue's own words are words the word models know."""
    tokens = _TOKEN.findall(normal(words))
    known = sum(("w:" + t) in params.vocabulary for t in tokens)
    return {"cue_unknown": float(bool(tokens) and known == 0)}


def cue_tokens(cue: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(normal(cue)))


def chances_of(
    params: Params, words: Words, field: str, leave_out: frozenset[str] = frozenset()
) -> dict[str, float] | None:
    """The field's word model's chance of each value (by its JSON), the features of the words
    in ``leave_out`` left out."""
    model = params.fields.get(field)
    if model is None:
        return None
    if leave_out:
        keep = [
            i
            for i, token in enumerate(words.tokens)
            if not leave_out.intersection(token.split(" "))
        ]
        words = Words(
            words.rows[keep],
            tuple(words.tokens[i] for i in keep),
            tuple(words.pieces[i] for i in keep),
        )
    chances = model.probabilities(words)
    return {json.dumps(c): float(p) for c, p in zip(model.classes, chances, strict=True)}


@dataclass(frozen=True)
class Checker:
    weights: dict[str, float]
    intercept: float
    # the fields checked, each with the word model's bar: a fact is dropped only where its
    # field's word model gives its value less than this and the checker's chance that it is
    # wrong is at least ``bar``
    below: dict[str, float]
    bar: float
    version: str

    def wrong_chance(self, feats: dict[str, float]) -> float:
        score = self.intercept + sum(self.weights.get(n, 0.0) * v for n, v in feats.items())
        return float(1.0 / (1.0 + np.exp(-score)))


@lru_cache(maxsize=1)
def checker() -> Checker | None:
    """The packaged checker, or None when it is not there (while training)."""
    ref = resources.files("lanyard.mayi").joinpath(PARAMS)
    if not ref.is_file():
        return None
    data = json.loads(ref.read_text(encoding="utf-8"))
    return Checker(
        {str(k): float(v) for k, v in data["weights"].items()},
        float(data["intercept"]),
        {str(k): float(v) for k, v in data["below"].items()},
        float(data["bar"]),
        str(data["version"]),
    )


def wrong_chance(
    found: Checker, params: Params, words: Words, question: str, field: str, value: Any, cue: str
) -> float:
    """The checker's chance that the rules' reading ``field = value`` from ``cue`` is wrong."""
    feats = features(
        question,
        field,
        value,
        cue,
        chances_of(params, words, field),
        chances_of(params, words, field, cue_tokens(cue)),
    )
    feats.update(cue_features(params, cue))
    return found.wrong_chance(feats)


def vetoes(
    found: Checker, params: Params, words: Words, question: str, field: str, value: Any, cue: str
) -> bool:
    """Whether the rules' reading ``field = value`` from ``cue`` is dropped: its field is
    checked, its word model finds the value unlikely, and the checker finds it likely wrong."""
    model = params.fields.get(field)
    if field not in found.below or model is None:
        return False
    at = model.index(value)
    if at is None or model.probabilities(words)[at] >= found.below[field]:
        return False  # a value the word model never saw, or one it finds likely enough
    return wrong_chance(found, params, words, question, field, value, cue) >= found.bar
