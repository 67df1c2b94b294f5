"""The "May I?" evaluation questions fit the situation contract, so a measurement on them
compares the reader with situations the engine can decide."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any, get_args

import yaml

from lanyard.policy.situation import Action

BENCHMARKS = Path(__file__).resolve().parents[3] / "benchmarks"
DATA = BENCHMARKS / "data" / "mayi"


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_questions", BENCHMARKS / "check_questions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_question_sets_build_valid_situations() -> None:
    check = _checker()
    seen: dict[str, str] = {}
    for name in (
        "questions.yaml",
        "questions-2.yaml",
        "questions-3.yaml",
        "questions-4.yaml",
        "questions-5.yaml",
        "questions-6.yaml",
        "questions-7.yaml",
        "questions-8.yaml",
    ):
        items, errors = check.check_file(DATA / name, seen)
        assert errors == []
        assert items


def test_second_set_covers_every_action_and_spanish_english_mixes() -> None:
    items: list[dict[str, Any]] = yaml.safe_load(
        (DATA / "questions-2.yaml").read_text(encoding="utf-8")
    )
    assert len(items) >= 170
    actions = Counter(item["facts"]["action"] for item in items)
    assert all(actions[a] >= 8 for a in get_args(Action))
    assert sum(item["lang"] != "en" for item in items) >= 45
    assert all("intended" in item for item in items)


def test_the_check_names_an_invalid_value_and_an_overlap() -> None:
    check = _checker()
    errors = check.check_item(
        {
            "question": "can i sms my team",
            "facts": {"action": "message", "channel.medium": "sms"},
            "not_stated": [],
            "intended": {},
        }
    )
    assert len(errors) == 2  # facts, and facts with intended
    assert "channel.medium" in errors[0]
    errors = check.check_item(
        {
            "question": "can i text my team",
            "facts": {"action": "message", "channel.medium": "text_message"},
            "not_stated": ["channel.medium"],
            "intended": {"counterparts.grade": "high"},
        }
    )
    assert "not_stated 'channel.medium' is in facts" in errors
    assert "unknown counterpart field 'counterparts.grade'" in errors
