"""The learned second reader: it drops a fact the rules read when its value is unlikely for
the words, reads "they contacted you first" only when it is sure, from words of the
question, and every value it knows is one the situation contract accepts."""

from __future__ import annotations

import time

import pytest

from lanyard.mayi import learned
from lanyard.mayi.understand import situation_from, understand, understand_by_rules
from lanyard.policy import Situation


def test_every_value_it_knows_is_a_fact_the_contract_accepts() -> None:
    params = learned.params()
    assert params is not None
    assert set(params.fields) >= {"action", "counterparts.role", "counterparts.count"}
    for field, model in params.fields.items():
        # "the words leave it unknown" is a value of every field but the action (every
        # question it learned from names one)
        assert (None in model.classes) == (field != "action")
        for value in model.classes:
            if value is not None:
                Situation.model_validate(
                    situation_from("check", {"action": "message", field: value})
                )


@pytest.mark.parametrize(
    "question",
    [
        # (accepting a request is read by the rules since the tenth round: these ask otherwise)
        "Is it ok to say yes to a friend request from a coworker?",
        "A kid told me his brother hits him. Who do I tell?",
        "Should I approve follow requests from parents on my private Instagram?",
    ],
)
def test_contact_first_is_read_from_the_questions_own_words(question: str) -> None:
    by_rules = {u.field for u in understand_by_rules(question)}
    read = {u.field: u for u in understand(question)}
    assert "counterparts.initiated_contact" not in by_rules
    fact = read["counterparts.initiated_contact"]
    assert fact.value is True
    assert fact.words and fact.words.lower() in question.lower()
    assert fact.words.lower() not in {"me", "i", "do", "a"}


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
def test_a_reading_it_finds_unlikely_is_left_to_ask(question: str, field: str) -> None:
    assert field in {u.field for u in understand_by_rules(question)}
    assert field not in {u.field for u in understand(question)}


def test_it_keeps_what_plain_words_say() -> None:
    read = {
        u.field: u.value for u in understand("Can I text my team about practice from my phone?")
    }
    assert read["action"] == "message"
    assert read["channel.device"] == "personal"
    assert read["counterparts.role"] == "student"


def test_reading_a_question_stays_fast() -> None:
    understand("warm up: can I text a parent?")
    questions = [
        "Can I text my team about practice from my phone?",
        "A parent messaged me on class dojo asking why her daughter got a red mark. Can I answer?",
        "¿Puedo mandarle un mensaje a la mamá de un alumno por WhatsApp sobre la tarea?",
    ] * 10
    started = time.thread_time()
    for q in questions:
        understand(q)
    assert (time.thread_time() - started) / len(questions) < 0.02
