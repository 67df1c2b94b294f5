"""Regenerate ``benchmarks/data/mayi/history-readings.jsonl``: what the May I? reader's rules
read of each batch of questions written for tuning, by the reader as it was just before the
batch was committed (``questions-3.yaml`` to ``questions-12.yaml``).

    .venv/bin/python benchmarks/history_readings.py      # needs the project's git history

Each batch was written for tuning and most were committed before the reader was run on them,
so the reader of the commit before a batch had never read its questions: its readings of
them are wrong about as often as readings of questions nobody tuned on, unlike the current
rules' readings of the same questions (the rules were since written against them). That is
what the learned checker (``lanyard.mayi.checker``) is trained and calibrated on
(``benchmarks/train_checker.py``). One line per question: the file, the batch's commit, the
question and the rules' facts ``[field, value, words]``; the expected facts are the file's
current ones, looked up by the question's text when the checker is trained.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

import yaml

from mayi_facts import OWN

ROOT = Path(__file__).parent.parent
OUT = Path(__file__).parent / "data" / "mayi" / "history-readings.jsonl"
# a commit that adds fewer questions than this to a file corrects it rather than adding a batch
BATCH = 5
_READ = """
import json, sys
import lanyard.mayi.understand as u
read = getattr(u, "understand_by_rules", None) or u.understand
json.dump([[[f.field, f.value, f.words] for f in read(q)] for q in json.load(sys.stdin)],
          sys.stdout)
"""


def _git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True).stdout


def _questions(commit: str, path: str) -> list[str]:
    try:
        text = _git("show", f"{commit}:{path}")
    except subprocess.CalledProcessError:
        return []
    return [str(i["question"]) for i in yaml.safe_load(text) or []]


def _read_at(commit: str, questions: list[str]) -> list[Any]:
    """The rules' readings of ``questions`` by the reader of ``commit``."""
    with tempfile.TemporaryDirectory() as tree:
        with tarfile.open(fileobj=BytesIO(_git("archive", commit, "src"))) as archive:
            archive.extractall(tree, filter="data")
        done = subprocess.run(
            [sys.executable, "-c", _READ],
            input=json.dumps(questions),
            env={"PYTHONPATH": str(Path(tree) / "src"), "PATH": "/usr/bin:/bin"},
            check=True,
            capture_output=True,
            text=True,
        )
    result: list[Any] = json.loads(done.stdout)
    return result


def main() -> None:
    lines: list[str] = []
    for own in OWN:
        path = str(own.relative_to(ROOT))
        commits = _git("log", "--format=%H", "--reverse", "--", path).decode().split()
        for commit in commits:
            before = set(_questions(f"{commit}^", path))
            new = [q for q in _questions(commit, path) if q not in before]
            if len(new) < BATCH:
                continue
            readings = _read_at(f"{commit}^", new)
            for question, facts in zip(new, readings, strict=True):
                row = {"file": own.name, "commit": commit[:10], "question": question}
                lines.append(json.dumps({**row, "facts": facts}, ensure_ascii=False))
            print(f"{own.name} {commit[:10]}: {len(new)} questions")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.name}: {len(lines)} questions")


if __name__ == "__main__":
    main()
