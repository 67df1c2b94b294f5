"""The two sentence encoders compared on every comment ``benchmarks/moderation.py`` reads:
the float32 numpy forward pass (``lanyard.moderation.classifiers.minilm``) and the int8 one
on ONNX Runtime (``minilm_onnx``, what the classifier uses where it is installed).

    python benchmarks/moderation_encoders.py

For each set (the shared sets' rows the benchmark reads, every row of each team-written set,
both splits, and of the fresh sets) the whole classifier decides every comment with each
encoder; the report counts the comments whose action or flagged categories differ, per
category: flags gained and lost, on comments labeled with that category (a catch gained or
lost) and on the others (a false flag gained or lost). Aggregate counts only, as the fresh
sets allow. Then the cosine between the two encoders' vectors of every comment the sentence
stages read, and each encoder's CPU time on them, on one thread.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from lanyard.moderation import ModerationClassifier, ModerationResult
from lanyard.moderation.classifiers import embedding_threat, minilm, minilm_onnx
from lanyard.moderation.classifiers.names import StudentNames
from lanyard.moderation.train import default_data_dir, is_dev, read_rows
from moderation import (
    FRESH_SETS,
    SITE_PURPOSE,
    TASKS,
    TEAM_DIR,
    classify_all,
    read_fresh,
    read_team,
)

TEAM_SETS = ("team_labeled.csv", "team_labeled_3.csv", "team_labeled_4.csv") + tuple(
    f"team_labeled_{n}.csv" for n in (6, 7, 8)
)


@dataclass(frozen=True)
class Item:
    text: str
    purpose: str | None
    labels: frozenset[str]  # the categories the comment violates (as the set labels it)


@dataclass(frozen=True)
class Set:
    name: str
    items: list[Item]
    names: StudentNames | tuple[str, ...]


SHARED_LABELS: dict[str, dict[str, str]] = {
    "jigsaw-toxic-comment-sample": {
        "obscene": "vulgar_language",
        "insult": "personal_attack",
        "identity_hate": "discrimination",
        "threat": "threat",
    },
    "davidson-hate-offensive": {"hate": "discrimination"},
    "olid": {"target_individual": "personal_attack", "target_group": "discrimination"},
    "youtube-spam-collection": {"label": "spam_or_commercial_link"},
}


def sets() -> list[Set]:
    data = default_data_dir()
    out: list[Set] = []
    for dataset, all_rows in sorted({(t.dataset, t.all_rows) for t in TASKS}):
        labels = SHARED_LABELS[dataset]
        rows = [
            r for r in read_rows(data, dataset) if all_rows or dataset == "olid" or is_dev(r.text)
        ]
        items = [
            Item(r.text, None, frozenset(c for k, c in labels.items() if r.labels.get(k) == 1))
            for r in rows
        ]
        out.append(Set(f"{dataset}{' (all)' if all_rows else ''}", items, ()))
    names = StudentNames.of(
        (TEAM_DIR / "directory_names.txt").read_text(encoding="utf-8").splitlines()
    )
    for name in TEAM_SETS:
        if (TEAM_DIR / name).is_file():
            items = [
                Item(
                    r.text,
                    SITE_PURPOSE if r.category == "off_topic" else None,
                    frozenset([r.category] if r.label else []),
                )
                for r in read_team(TEAM_DIR / name)
            ]
            out.append(Set(name, items, names))
    for fresh in FRESH_SETS:
        rows = read_fresh(TEAM_DIR / fresh.comments)
        fresh_names = StudentNames.of(
            (TEAM_DIR / fresh.directory).read_text(encoding="utf-8").splitlines()
        )
        items = [
            Item(r.text, fresh.site_purpose, frozenset([r.category] if r.label else []))
            for r in rows
        ]
        out.append(Set(fresh.comments, items, fresh_names))
    return out


def decide(
    classifier: ModerationClassifier, chosen: minilm.Encoder, every: list[Set]
) -> tuple[list[list[ModerationResult]], list[str]]:
    embedding_threat.use_encoder(chosen)
    encoded: dict[str, None] = {}
    results = []
    for s in every:
        results.append(classify_all(classifier, [(i.text, i.purpose) for i in s.items], s.names))
        encoded.update(dict.fromkeys(embedding_threat.cached()))
        embedding_threat.clear_vectors()
    return results, list(encoded)


# A caught safety danger may be flagged as a threat, marketing as spam (as the benchmark counts)
ALSO: dict[str, tuple[str, ...]] = {
    "safety": ("threat",),
    "marketing": ("spam_or_commercial_link",),
    "spam_or_commercial_link": ("marketing",),
}


def labeled(item: Item, category: str) -> bool:
    return category in item.labels or any(category in ALSO.get(label, ()) for label in item.labels)


def cpu(encode: Callable[[list[str]], object], texts: list[str]) -> float:
    start = time.process_time()
    for i in range(0, len(texts), 8):  # a few at a time, as a page of comments gives them
        encode(texts[i : i + 8])
    return time.process_time() - start


def main() -> int:
    threadpool_limits(1)
    if not minilm_onnx.available():
        raise SystemExit(f"needs onnxruntime and onnx, and {embedding_threat.MISSING}")
    numpy_encoder, onnx_encoder = minilm.MiniLM(), minilm_onnx.OnnxMiniLM()
    classifier = ModerationClassifier(embedding_threat=True)
    every = sets()
    before, encoded = decide(classifier, numpy_encoder, every)
    after, _ = decide(classifier, onnx_encoder, every)
    embedding_threat.use_encoder(None)

    print(
        f"decisions: {numpy_encoder.id} -> {onnx_encoder.id} "
        "(comments whose action or flags differ; per category, flags gained/lost on comments "
        "labeled with it = catches, on the others = false flags)"
    )
    total = [0, 0]
    overall: Counter[str] = Counter()
    for s, old, new in zip(every, before, after, strict=True):
        moved = 0
        per: Counter[str] = Counter()
        for item, a, b in zip(s.items, old, new, strict=True):
            if a.action != b.action or a.flagged != b.flagged:
                moved += 1
                per[f"action {a.action.value} -> {b.action.value}"] += a.action != b.action
            for category in set(a.flagged) ^ set(b.flagged):
                gained = category in b.flagged
                kind = "catch" if labeled(item, category) else "false flag"
                per[f"{category}: {kind} {'gained' if gained else 'lost'}"] += 1
        total[0] += moved
        total[1] += len(s.items)
        overall.update(per)
        detail = ", ".join(f"{k} {v}" for k, v in sorted(per.items()) if v)
        print(f"  {s.name:<38} {moved:>3} of {len(s.items):>5}  {detail}")
    print(f"  all sets: {total[0]} of {total[1]} comments decided differently")
    for key, n in sorted(overall.items()):
        if n:
            print(f"    {key}: {n}")

    a, b = numpy_encoder.embed(encoded), onnx_encoder.embed(encoded)
    cosine = (a * b).sum(axis=1)
    q = np.quantile(cosine, [0.001, 0.01, 0.5])
    print(
        f"\nvectors of the {len(encoded)} comments the sentence stages read: cosine "
        f"{onnx_encoder.id} vs {numpy_encoder.id} min {cosine.min():.4f}, 0.1 % {q[0]:.4f}, "
        f"1 % {q[1]:.4f}, median {q[2]:.4f}, mean {cosine.mean():.4f}"
    )
    tokens = sum(len(ids) for ids in numpy_encoder.token_ids(encoded))
    for enc in (numpy_encoder, onnx_encoder):
        seconds = cpu(enc.embed, encoded)
        print(
            f"  {enc.id}: {seconds / len(encoded) * 1e3:.2f} ms of CPU per comment "
            f"({len(encoded)} comments, {tokens / len(encoded):.0f} word pieces on average)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
