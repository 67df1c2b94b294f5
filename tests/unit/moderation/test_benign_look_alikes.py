"""Benign comments that share words with abuse, discrimination or spam are kept: identity
words naming a community, counter-speech that reports or condemns abuse, and links to the
district's own sites. Their violating neighbours are still flagged."""

from __future__ import annotations

import pytest

from lanyard.moderation import ModerationClassifier

OWN_SITES = ("millbrookschools.org", "@MillbrookSchools")


@pytest.mark.parametrize(
    "text",
    [
        "Ramadan Mubarak to our Muslim families!",
        "Is there a Muslim prayer space at the middle school?",
        "Gay-straight alliance posters are up for the winter social",
        "Black History Month read-aloud week starts Monday in every classroom",
    ],
)
def test_identity_word_naming_a_community_is_kept(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert not result.flagged, (text, result.flagged)


@pytest.mark.parametrize(
    "text",
    [
        "Muslims don't belong in our schools",
        "No offense, but the Muslim students shouldn't get a prayer room",
        "gay teachers are grooming our children and this district lets them",
    ],
)
def test_identity_word_in_a_claim_is_still_discrimination(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).category("discrimination").flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "My son heard kids say 'go back to Mexico' at lunch. That's racist and wrong.",
        "Posting that Muslims are terrorists on a school page is hate speech. Please remove it.",
        "A parent called our music teacher a stupid b*tch at pickup. Staff deserve better.",
    ],
)
def test_counter_speech_reporting_abuse_is_kept(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert not result.flagged, (text, result.flagged)


def test_abuse_aimed_at_someone_is_still_flagged(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Mrs. Brill you are a horrible, stupid b*tch")
    assert result.flagged


@pytest.mark.parametrize(
    "text",
    [
        "Forms are here: bit.ly/millbrook-forms",
        "Kindergarten roundup registration: bit.ly/MillbrookKinder",
        "Board packet: millbrookschools.org/board/packets",
        "Free lunch applications are online at millbrookschools.org/free-meals",
        "Watch it live on youtube.com/@MillbrookSchools",
    ],
)
def test_links_to_the_districts_own_sites_are_kept(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text, own_sites=OWN_SITES)
    assert not result.flagged, (text, result.flagged)


def test_a_short_link_is_spam_when_the_districts_sites_are_unknown(
    classifier: ModerationClassifier,
) -> None:
    result = classifier.classify("Forms are here: bit.ly/millbrook-forms")
    assert result.category("spam_or_commercial_link").flagged


@pytest.mark.parametrize(
    "text",
    [
        "Millbrook Schools fundraiser, donate at millbrookschools-donate.xyz",
        "click here to win an iPad bit.ly/ipadwin-millbrook",
        "free tablets for Millbrook families: bit.ly/millbrook-free-tablets",
        "make money fast from home bit.ly/2kQmZr",
    ],
)
def test_look_alikes_of_the_districts_links_are_still_spam(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text, own_sites=OWN_SITES)
    assert result.category("spam_or_commercial_link").flagged, text
