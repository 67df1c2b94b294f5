"""Abuse, discrimination and spam written differently from the training data."""

from __future__ import annotations

import pytest

from lanyard.moderation import ModerationClassifier


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


@pytest.mark.parametrize(
    "text",
    [
        "deaf kids shouldn't be in the regular band, they slow everyone down",
        "I'm not racist but I don't want those families at our school",
        "our new principal isn't even American, why did they pick her",
        "poor families don't care about education, so why fund their schools",
        "the Jewish students in the choir should not be on the trip",
    ],
)
def test_stereotypes_and_exclusion_without_a_slur(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).category("discrimination").flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "gay kids shouldn't be bullied for who they are",
        "Muslim students should not be forced to eat during Ramadan at lunch",
        pytest.param(
            "our Black families deserve a seat at the table on the equity committee",
            marks=pytest.mark.xfail(
                reason="known weakness: the retrained discrimination model flags an identity"
                " word with a favourable predicate on its own",
                strict=True,
            ),
        ),
        "calling girls bad at math is a stereotype we need to stop",
    ],
)
def test_defending_a_group_is_not_discrimination(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("discrimination").flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Haldane couldn't run a bake sale out of a paper bag",
        "how is Coach Pruitt still employed after that season",
        "the drama teacher should be flipping burgers, not directing kids",
        "Dana Whitcomb is a spineless weasel and everyone knows it",
        "that new counselor is a talentless hack",
    ],
)
def test_attacks_on_competence_without_swear_words(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).category("personal_attack").flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm such an idiot, I left my kid's lunch on the counter again",
        "the new bus schedule is the reason my kid is late every day",
        "Ms. Ortiz is not a talentless hack, she turned the band around",
        "Coach Pruitt made some bad calls this season, I hope the boosters ask why",
    ],
)
def test_fair_criticism_and_self_talk_are_not_attacks(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("personal_attack").flagged, text


# Contempt for a role with the invective officials are called (issue 9: OLID's missed insults),
# written for this test; the look-alikes use the same words about things.
@pytest.mark.parametrize(
    "text",
    [
        "the board president is a smug little grifter",
        "our athletic director is a spineless fraud",
        "@trustee_hale you are a crook and a liar",
    ],
)
def test_invective_about_a_role_is_a_personal_attack(text: str) -> None:
    assert ModerationClassifier().classify(text).category("personal_attack").flagged


@pytest.mark.parametrize(
    "text",
    [
        "I'm such an idiot, I left my kid's lunch on the counter again",
        "the refund scam going around is a fraud, don't click the link",
        "the fraud alert from my bank about the lunch account was a false alarm",
    ],
)
def test_invective_about_oneself_or_things_is_not_an_attack(text: str) -> None:
    assert not ModerationClassifier().classify(text).category("personal_attack").flagged
