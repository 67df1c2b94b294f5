"""Abuse, discrimination and spam written differently from the training data."""

from __future__ import annotations

import pytest

from lanyard.moderation import ModerationClassifier


@pytest.fixture(scope="module")
def classifier() -> ModerationClassifier:
    return ModerationClassifier()


@pytest.mark.parametrize(
    "text",
    [
        "Immigrants are taking over our schools and ruining them",
        "Muslims shouldn't be allowed to teach here",
        "Women are too emotional to be principals",
    ],
)
def test_implicit_derogation_of_a_group(classifier: ModerationClassifier, text: str) -> None:
    assert classifier.classify(text).category("discrimination").flagged


@pytest.mark.parametrize(
    "text",
    [
        "As a gay teacher I am proud of our GSA students",
        "Muslim students celebrated Eid with a potluck today",
        "Our Black Student Union hosted a wonderful heritage night",
        "Transgender students deserve to feel safe at school",
        "Women are too often left out of STEM, let's change that",
        "Immigrants are not criminals, they are our neighbors.",
    ],
)
def test_identity_terms_used_neutrally_are_kept(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).flagged


def test_counter_speech_quoting_an_insult_is_kept(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Calling someone a retard is never okay, please talk to your kids")
    assert not result.flagged


@pytest.mark.parametrize("text", ["You are an absolute idi0t", "what a m0r0n this principal is"])
def test_spelling_tricks_do_not_hide_an_insult(classifier: ModerationClassifier, text: str) -> None:
    assert classifier.classify(text).category("personal_attack").flagged


@pytest.mark.parametrize(
    "text",
    [
        "Win a free iPad, claim it at bit dot ly/3xYzAb",
        "free followers here: cheap-likes(.)xyz",
        "please check out my new cover video and subscribe!",
    ],
)
def test_obfuscated_links_and_self_promotion_are_spam(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).category("spam_or_commercial_link").flagged
