"""The learned checker (``lanyard.mayi.checker``): a fact the word models find unlikely is
dropped only when the checker, which judges the kind of fact and the words around its cue
rather than the cue itself, finds it likely wrong; so a right reading of a word no tuning
question uses is kept, and a wrong reading the veto caught is still dropped."""

from __future__ import annotations

import pytest

from lanyard.mayi import checker, learned
from lanyard.mayi.understand import understand, understand_by_rules


def _word_model_chance(question: str, field: str, value: object) -> float:
    params = learned.params()
    assert params is not None
    model = params.fields[field]
    at = model.index(value)
    assert at is not None
    return float(model.probabilities(params.words(question))[at])


@pytest.mark.parametrize(
    "question",
    ["Is it ok to SMS a student's mom tonight?", "can i sms my players about practice?"],
)
def test_keeps_a_text_message_read_from_a_word_no_tuning_question_uses(question: str) -> None:
    params = learned.params()
    assert params is not None
    assert "w:sms" not in params.vocabulary  # never seen by the word models
    by_rules = {u.field: u.value for u in understand_by_rules(question)}
    assert by_rules["channel.medium"] == "text_message"
    # the word models alone would have dropped it: they prefer "unknown" for a word they lack
    assert _word_model_chance(question, "channel.medium", "text_message") < 0.1
    read = {u.field: u for u in understand(question)}
    assert read["channel.medium"].value == "text_message"
    assert read["channel.medium"].words.lower() == "sms"


@pytest.mark.parametrize(
    ("question", "field"),
    [
        # the rules read a post; what is asked is selling to co-workers
        (
            "Is it ok to post my candle party on my FB and invite the teachers at my school?",
            "action",
        ),
        # a weekend job says nothing about when the asker would post
        ("i cut hair on weekends. can i put my prices in the staff group chat?", "actor.on_duty"),
    ],
)
def test_still_drops_a_wrong_reading_the_veto_caught(question: str, field: str) -> None:
    assert field in {u.field for u in understand_by_rules(question)}
    assert field not in {u.field for u in understand(question)}


def test_checks_only_fields_the_word_models_know_with_a_bar_between_0_and_1() -> None:
    found = checker.checker()
    params = learned.params()
    assert found is not None and params is not None
    assert set(found.below) <= set(params.fields)
    assert 0.0 < found.bar < 1.0
    assert all(0.0 < bar < 1.0 for bar in found.below.values())


def test_a_value_the_word_models_find_likely_is_never_dropped() -> None:
    question = "Can I text my team about practice from my phone?"
    read = {u.field: u.value for u in understand(question)}
    assert read == {u.field: u.value for u in understand_by_rules(question)}
    assert read["channel.medium"] == "text_message"
