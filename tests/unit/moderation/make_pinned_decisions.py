"""Writes ``data/pinned_decisions.json``: the classifier's decisions (action, flagged
categories, every category's score) on the comments of ``pinned.py``, as the code gives them
now. Run it only when a change of decisions is intended:

    PYTHONPATH=src python tests/unit/moderation/make_pinned_decisions.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from pinned import DATA, EXPECTED, comments, decision, key

    from lanyard.moderation import ModerationClassifier
    from lanyard.moderation.classifiers.names import StudentNames

    classifier = ModerationClassifier()
    names = StudentNames.of((DATA / "directory_names.txt").read_text(encoding="utf-8").splitlines())
    out = {key(source, text): decision(classifier, names, text) for source, text in comments()}
    lines = [
        f"{json.dumps(k)}: {json.dumps(v, sort_keys=True, separators=(',', ':'))}"
        for k, v in sorted(out.items())
    ]
    EXPECTED.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {len(out)} decisions to {EXPECTED}")


if __name__ == "__main__":
    main()
