"""Check the "May I?" question sets against the situation contract before measuring on them.

    .venv/bin/python benchmarks/check_questions.py [FILE ...]

Without arguments checks ``benchmarks/data/mayi/questions.yaml``,
``questions-2.yaml`` and ``questions-3.yaml`` to ``questions-12.yaml``. Each item's ``facts``
(and, with ``intended``, its facts and intended together) must build a valid
``lanyard.policy.situation.Situation``: every path a field of the contract, every
value one it accepts. ``not_stated`` and ``intended`` name paths absent from ``facts``;
with several counterparts every counterpart field is a list of the same length; no
question is repeated. Prints the
counts per action, language and style, and exits 1 naming file, item and field on the
first kind of error found in each item.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from lanyard.policy.situation import COUNTERPART_FIELDS, SITUATION_FIELDS, Situation

DATA = Path(__file__).parent / "data" / "mayi"
DEFAULT_FILES = (
    DATA / "questions.yaml",
    DATA / "questions-2.yaml",
    DATA / "questions-3.yaml",
    DATA / "questions-4.yaml",
    DATA / "questions-5.yaml",
    DATA / "questions-6.yaml",
    DATA / "questions-7.yaml",
    DATA / "questions-8.yaml",
    DATA / "questions-9.yaml",
    DATA / "questions-10.yaml",
    DATA / "questions-11.yaml",
    DATA / "questions-12.yaml",
)
KEYS = {"question", "facts", "not_stated", "intended", "lang", "style"}
LANGS = {"en", "es-en", "es"}
STYLES = {"formal", "casual", "typos", "shorthand", "story", "negation"}
TOP_LEVEL = set(SITUATION_FIELDS) - {"district", "group_size"}


def _path_error(path: str) -> str | None:
    if path.startswith("counterparts."):
        name = path.removeprefix("counterparts.")
        return None if name in COUNTERPART_FIELDS else f"unknown counterpart field {path!r}"
    return None if path in TOP_LEVEL else f"unknown field {path!r}"


def situation(flat: dict[str, Any]) -> Situation:
    """A situation from flat paths; list-valued counterpart fields give one counterpart each."""
    nested: dict[str, Any] = {"district": "check"}
    counterpart: dict[str, Any] = {}
    for path, value in flat.items():
        head, _, rest = path.partition(".")
        if head == "counterparts":
            counterpart[rest] = value
        elif rest:
            nested.setdefault(head, {})[rest] = value
        else:
            nested[head] = value
    if counterpart:
        lengths = {len(v) if isinstance(v, list) else 0 for v in counterpart.values()}
        if len(lengths) > 1:
            raise ValueError("with several counterparts, every counterpart field is a list")
        n = lengths.pop() or 1
        if n == 1 and any(isinstance(v, list) for v in counterpart.values()):
            raise ValueError("a counterpart list of one: write the value itself")
        nested["counterparts"] = [
            {k: (v[i] if isinstance(v, list) else v) for k, v in counterpart.items()}
            for i in range(n)
        ]
    return Situation.model_validate(nested)


def check_item(item: Any) -> list[str]:
    if not isinstance(item, dict):
        return ["not a mapping"]
    errors = [f"unknown key {k!r}" for k in item if k not in KEYS]
    question = item.get("question")
    if not isinstance(question, str) or not question.strip():
        errors.append("question missing or empty")
    facts = item.get("facts")
    if not isinstance(facts, dict) or "action" not in facts:
        return [*errors, "facts missing or without an action"]
    not_stated = item.get("not_stated", [])
    intended = item.get("intended", {})
    if not isinstance(not_stated, list) or not isinstance(intended, dict):
        return [*errors, "not_stated must be a list and intended a mapping"]
    for path in [*facts, *not_stated, *intended]:
        if (message := _path_error(str(path))) is not None:
            errors.append(message)
    errors += [f"not_stated {p!r} is in facts" for p in not_stated if p in facts]
    errors += [f"intended {p!r} is in facts" for p in intended if p in facts]
    if "lang" in item and item["lang"] not in LANGS:
        errors.append(f"lang {item['lang']!r} is not one of {sorted(LANGS)}")
    errors += [f"unknown style {s!r}" for s in item.get("style", []) if s not in STYLES]
    if errors:
        return errors
    for label, flat in (("facts", facts), ("facts + intended", {**facts, **intended})):
        try:
            situation(flat)
        except (ValidationError, ValueError) as exc:
            errors.append(f"{label}: {exc}")
    return errors


def check_file(path: Path, seen: dict[str, str]) -> tuple[list[Any], list[str]]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        return [], [f"{path.name}: not a list of questions"]
    errors = []
    for number, item in enumerate(items, start=1):
        where = f"{path.name} item {number}"
        errors += [f"{where}: {e}" for e in check_item(item)]
        question = item.get("question") if isinstance(item, dict) else None
        if isinstance(question, str):
            key = " ".join(question.lower().split())
            if key in seen:
                errors.append(f"{where}: question repeats {seen[key]}")
            seen[key] = where
    return items, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    args = parser.parse_args()
    seen: dict[str, str] = {}
    failed = False
    for path in args.files:
        items, errors = check_file(path, seen)
        for error in errors:
            print(error)
        failed = failed or bool(errors)
        dicts = [i for i in items if isinstance(i, dict) and isinstance(i.get("facts"), dict)]
        actions = Counter(str(i["facts"].get("action")) for i in dicts)
        langs = Counter(str(i.get("lang", "-")) for i in dicts)
        styles = Counter(s for i in dicts for s in i.get("style", []))
        intended = sum(len(i.get("intended", {})) for i in dicts)
        print(f"{path.name}: {len(items)} questions, {len(errors)} errors")
        print("  actions: " + ", ".join(f"{a} {n}" for a, n in sorted(actions.items())))
        print("  lang: " + ", ".join(f"{a} {n}" for a, n in sorted(langs.items())))
        if styles:
            print("  style: " + ", ".join(f"{a} {n}" for a, n in sorted(styles.items())))
        print(
            f"  facts {sum(len(i['facts']) for i in dicts)}, intended {intended}, "
            f"not_stated {sum(len(i.get('not_stated', [])) for i in dicts)}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
