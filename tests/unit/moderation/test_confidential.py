"""Confidential student information: a directory name with a record detail, phone numbers
and home addresses."""

from __future__ import annotations

import pytest

from lanyard.moderation import Action, ModerationClassifier
from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.names import StudentNames

DIRECTORY = StudentNames.of(["Umber Stillwell", "Avery Quinlan", "Will Harper"])


def test_the_issue_comment_naming_a_failing_student_is_flagged(
    classifier: ModerationClassifier,
) -> None:
    result = classifier.classify(
        "Umber Stillwell in the back is failing this class lol", student_names=DIRECTORY
    )
    category = result.category("confidential_information")
    assert category.flagged
    assert any("Umber Stillwell" in e and "failing" in e for e in category.evidence)
    assert result.action is Action.REMOVE


@pytest.mark.parametrize(
    "text",
    [
        "Avery Quinlan has been absent all week, is she ok?",
        "avery quinlan got suspended again",
        "Umber in Mr. Dale's 3rd period has an IEP",
        "Everyone knows Avery Quinlan has a seizure disorder",
    ],
)
def test_student_with_grades_discipline_health_or_attendance(
    classifier: ModerationClassifier, text: str
) -> None:
    assert (
        classifier.classify(text, student_names=DIRECTORY)
        .category("confidential_information")
        .flagged
    )


@pytest.mark.parametrize(
    "text",
    [
        "Congrats to Umber Stillwell on making honor roll",
        "Will is failing to see the point of this new schedule",
        "Our class is failing to raise enough for the trip",
    ],
)
def test_names_alone_and_ordinary_words_are_not_flagged(
    classifier: ModerationClassifier, text: str
) -> None:
    assert (
        not classifier.classify(text, student_names=DIRECTORY)
        .category("confidential_information")
        .flagged
    )


def test_a_plain_tuple_of_names_works_too(classifier: ModerationClassifier) -> None:
    result = classifier.classify(
        "Umber Stillwell in the back is failing this class lol",
        student_names=("Umber Stillwell",),
    )
    assert result.category("confidential_information").flagged


@pytest.mark.parametrize(
    "text",
    [
        "call me at 847-555-0199",
        "Her address is 1423 Maple Ave, go egg the house",
        "He lives on Elm Street, everyone go there",
    ],
)
def test_phone_numbers_and_home_addresses(classifier: ModerationClassifier, text: str) -> None:
    assert classifier.classify(text).category("confidential_information").flagged


def test_the_school_office_number_is_not_personal(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Call the front office at 847-555-0100 with questions")
    assert not result.category("confidential_information").flagged


def test_directory_records_give_legal_and_preferred_names(
    classifier: ModerationClassifier,
) -> None:
    from types import SimpleNamespace

    people = [
        SimpleNamespace(given_name="Alexandra", preferred_given_name="Sasha", family_name="Brun"),
        SimpleNamespace(given_name="Umber", preferred_given_name=None, family_name="Stillwell"),
    ]
    names = StudentNames.from_people(people)
    for text in ("Sasha Brun got suspended lol", "Alexandra Brun got suspended lol"):
        assert (
            classifier.classify(text, student_names=names)
            .category("confidential_information")
            .flagged
        )


def test_a_possessive_full_name_is_the_student() -> None:
    (hit,) = DIRECTORY.find("Umber Stillwell's report card came home")
    assert hit.full and hit.name == "Umber Stillwell"


def test_a_handle_and_an_address_are_read_as_written(classifier: ModerationClassifier) -> None:
    """The "@" of a handle or an e-mail address is not leetspeak for "a": the recognizers read
    "@user", not "auser", and a personal address is still found as contact details."""
    text = "@USER her email is jane.doe@gmail.com, write to her"
    assert Comment.of(text).norm == "@user her email is jane.doe@gmail.com, write to her"
    result = classifier.classify(text)
    found = result.category("confidential_information")
    assert found.flagged
    assert "e-mail address jane.doe@gmail.com" in found.evidence
