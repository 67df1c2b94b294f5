"""Misspelt cue words are read as the words they stand for, and the facts quote the
question as typed."""

from __future__ import annotations

import pytest

from lanyard.mayi.spelling import correct, known_words, original_words
from lanyard.mayi.understand import understand_by_rules


@pytest.mark.parametrize(
    ("typed", "right"),
    [
        ("cn i frend a parnt on fb", "cn i friend a parent on fb"),
        ("is it ok to emial my class", "is it ok to email my class"),
        ("can i send a scrennshot to a mom", "can i send a screenshot to a mom"),
        ("i recieved a weird email", "i received a weird email"),
        ("can i snap a stuent", "can i snap a student"),
    ],
)
def test_one_slip_from_a_cue_word_is_put_right(typed: str, right: str) -> None:
    assert correct(typed).text == right


@pytest.mark.parametrize(
    "text",
    [
        "state testing starts monday",  # "testing" is no "texting"
        "I reported it to the office",  # "reported" is no "reporter"
        "can I sell spelling workbooks",  # "spelling" is no "selling"
        "a former player wrote to me",  # another form of "players", not a slip
        "the counselors want a page",
        "my fellow teachers",
    ],
)
def test_real_words_and_other_forms_are_left_alone(text: str) -> None:
    assert correct(text).text == text


def test_the_words_shown_are_the_ones_typed() -> None:
    fixed = correct("cn i frend a parnt on fb")
    assert original_words(fixed, "friend a parent") == "frend a parnt"
    assert original_words(fixed, "parent") == "parnt"
    assert original_words(fixed, "fb") == "fb"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "cn i frend a parnt on fb",
            {"action": "friend_or_follow", "counterparts.role": "parent"},
        ),
        ("is it ok to emial my kids' parents", {"channel.medium": "email"}),
        ("can i snap a stuent", {"counterparts.role": "student", "counterparts.count": 1}),
    ],
)
def test_misspelt_questions_are_read(question: str, expected: dict[str, object]) -> None:
    read = understand_by_rules(question)
    facts = {u.field: u.value for u in read}
    for field, value in expected.items():
        assert facts.get(field) == value, (field, facts)
    for fact in read:
        assert fact.words.lower() in question.lower(), fact


def test_a_quoted_screenshot_is_not_the_channel() -> None:
    facts = {u.field for u in understand_by_rules("can i send a scrennshot of a students text")}
    assert "channel.medium" not in facts


def test_a_typo_the_learned_reader_has_seen_is_still_put_right() -> None:
    # the questions it is trained on are typed as teachers type: its vocabulary holds typos
    known = known_words(["parnt", "emial", "allowd", "messaged", "fellow", "tests"])
    assert correct("cn i frend a parnt", known).text == "cn i friend a parent"
    assert correct("is it ok to emial them", known).text == "is it ok to email them"
    assert {"messaged", "fellow", "tests"} <= known
