"""Past incidents told as news and angry complaints with a civic consequence: a person reviews
them, nobody is paged; the same words that point ahead or at a person still escalate.

Written for these tests, not taken from any data set the classifier was tuned or measured on.
"""

from __future__ import annotations

import pytest

from lanyard.moderation import Action, ModerationClassifier
from lanyard.moderation.classifiers.threat_context import (
    civic_consequence,
    past_incident,
    quotes_a_threat,
)


@pytest.fixture(scope="module", params=["rules", "with the sentence stage"])
def classifier(request: pytest.FixtureRequest) -> ModerationClassifier:
    return ModerationClassifier(embedding_threat=request.param != "rules")


PAST_NEWS = (
    "five years ago someone threatened to blow up the high school and the police caught him "
    "within an hour",
    "last spring a student at the middle school was found with a knife in her locker. nobody "
    "was hurt",
    "My heart goes out to the teacher who was stabbed in Denver. No one should go to work and "
    "get hurt.",
    "In 1999 my mom hid in a closet at Columbine. She still can't watch the news about school "
    "shootings.",
)
COMPLAINTS = (
    "if the board closes the pool there will be consequences at the polls in november",
    "his days as principal are numbered if parents keep complaining to the board",
    "the teachers who let this happen should all be fired, every last one of them",
    "Mr. Hale is a menace behind the wheel of that bus. Someone is going to die on Route 9.",
)


@pytest.mark.parametrize("text", PAST_NEWS + COMPLAINTS)
def test_past_news_and_civic_complaints_ask_for_review_not_escalation(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    threat = result.category("threat")
    assert result.action is not Action.ESCALATE
    assert not threat.flagged


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (PAST_NEWS[0], "a past incident (five years ago): for a person to judge"),
        (COMPLAINTS[0], "a complaint's consequence (at the polls): for a person to judge"),
    ],
)
def test_the_moderator_reads_why_it_was_not_escalated(text: str, why: str) -> None:
    threat = ModerationClassifier(embedding_threat=True).classify(text).category("threat")
    assert threat.score >= threat.review_threshold
    assert why in threat.evidence


STILL_THREATS = (
    # the past, then a threat ahead
    "last year somebody stabbed a teacher at marston. coach pike is next",
    "i followed the vice principal all the way home last night",
    # a complaint's words with harm the speaker will do
    "if the board votes yes there will be consequences at the polls. i'll make them bleed",
    "hope the man who attacked the bus driver last spring rots. someone should stab him",
    "the teachers who let this happen should all be shot, every last one of them",
)


@pytest.mark.parametrize("text", STILL_THREATS)
def test_the_same_words_pointing_ahead_still_escalate(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, text
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two years ago a man was arrested for threatening a coach", "two years ago"),
        ("a man was arrested last year. he'll be out soon", None),  # a future word
        ("this is my last week on earth", None),  # "my last week" is still to come
        ('last year someone wrote "you\'re next" on the gym wall', "last year"),  # quoted
        ("somebody threatened the principal last year?", None),  # a question
    ],
)
def test_what_counts_as_a_past_incident(text: str, expected: str | None) -> None:
    assert past_incident(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("you will all be voted out in november", "be voted out"),
        ("there will be consequences at the ballot box", "at the ballot box"),
        ("there will be consequences at the ballot box and i'll bring my gun", None),
        ("i hope someone runs the board president over, we'll vote them out anyway", None),
    ],
)
def test_what_counts_as_a_civic_consequence(text: str, expected: str | None) -> None:
    assert civic_consequence(text) == expected


def test_a_threat_quoted_to_warn_parents_is_not_escalated() -> None:
    # The cue "your kids" used to send it to the sentence stage at the cue's low bar, and the
    # stage read the quote as meant (p = 0.97).
    classifier = ModerationClassifier(embedding_threat=True)
    text = (
        'teach your kids that "you\'re next" is a threat, not a joke. the school will call the '
        "police"
    )
    result = classifier.classify(text)
    assert not result.category("threat").flagged
    assert result.action is not Action.ESCALATE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('teach your kids that "im gonna kill you" is not a joke', True),
        ('my brother is picking up his "package" at 3rd period', False),  # scare quotes
        ("no quotation at all, you'll regret it", False),
    ],
)
def test_which_quotes_hold_a_threat(text: str, expected: bool) -> None:
    assert quotes_a_threat(text) is expected
