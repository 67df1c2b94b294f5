"""Self-harm signals reach a person: said outright, as a plan, a goodbye, things given away,
hopelessness, indirectly, in texting shorthand, with typos, in Spanish-English or told by a
friend, they escalate; the same words in hyperbole, jokes, lyrics, life events, recovery,
advice, news and memorials do not. Every text here was written for these tests (not taken
from any data set)."""

from __future__ import annotations

import pytest

from lanyard.moderation import Action, ModerationClassifier

SIGNALS = [
    # intent and ideation
    "i'm about to end it all, i've had enough",
    "i can't stop dreaming about dying lately",
    "i wish i could stop existing for a while. forever maybe",
    "death sounds like a relief at this point",
    "i'd rather be dead than go on like this",
    "sometimes i want to step in front of a truck on the way to school",
    # a plan or a method
    "i've been hiding my grandma's pills in my sock drawer",
    "i know how i'm going to do it",
    "how many of these pills would it take",
    # goodbyes
    "this will be the last time anyone hears from me",
    "if you're reading this i didn't make it",
    "it was nice knowing all of you",
    # things given away
    "my switch goes to whoever wants it. i won't need it where i'm going",
    "made a list of who gets my art stuff",
    # hopelessness and indirect phrasing
    "the world would be easier without me",
    "nobody would notice if i vanished",
    "i can't see a future with me in it",
    "im done w life",
    "i'm done.",
    "i just can't go on anymore.",
    "you won't have to deal with me much longer. i won't be a problem for you much longer",
    "don't worry about me after tonight, it's fine",
    # shorthand, typos, Spanish-English
    "idw live anymore tbh",
    "thinkin bout sucide every day",
    "ya no quiero vivir, sorry",
    "me voy a matar esta noche",
    # a past named beside it, a crisis line named beside it: still the writer's own signal
    "i used to love this school. last year everything changed and now i just want to die",
    "if nothing changes i'm going to hurt myself. i called the crisis line and hung up",
    # a friend's, told by someone else
    "my brother keeps saying he wants to die and he gave away his bike",
]

LOOK_ALIKES = [
    # hyperbole and laughter
    "this group project is killing me",
    "i'm dead 😂😂",
    "kill me now, another monday",
    "can't do this anymore, the wifi in the library is so slow",
    "i'm so done with this homework",
    # life events, alarms
    pytest.param(
        "we're moving to denver in june so i won't be around for the fall carnival",
        marks=pytest.mark.xfail(
            strict=True,
            reason="known weakness: the threat grammar's veiled shapes read \"won't be around "
            'for" as a fate foretold, whoever says it (the self-harm grammar sets it aside)',
        ),
    ),
    "i don't want to wake up at 5:30 for zero hour anymore",
    "giving away my old cleats since my son graduated, dm me",
    "this is my last post as booster club president, thank you all",
    # recovery, advice, news, memorials, lyrics
    "two years ago i wanted to die. therapy helped and i'm still here",
    "if a classmate says they want to hurt themselves, tell a trusted adult or call 988",
    "the suicide prevention assembly is thursday in the gym",
    "rest in peace coach, we miss you every day",
    "the choir's closing song 'goodbye forever, my friends' made everyone cry",
    # Spanish-English figures
    "me muero de risa with this video",
]


@pytest.mark.parametrize("text", SIGNALS)
def test_a_self_harm_signal_escalates(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert result.action is Action.ESCALATE
    assert any(e.startswith("self-harm") for e in result.category("threat").evidence)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_a_look_alike_does_not_escalate(staged: ModerationClassifier, text: str) -> None:
    result = staged.classify(text)
    assert result.action is not Action.ESCALATE
    assert not result.category("threat").flagged


def test_the_grammar_says_why_it_set_the_words_aside(classifier: ModerationClassifier) -> None:
    result = classifier.classify(
        "we're moving to denver in june so i won't be around for the carnival"
    )
    assert any(e.endswith("(life event)") for e in result.category("safety").evidence)
    result = classifier.classify("if a classmate says they want to hurt themselves, tell an adult")
    assert any(e.endswith("(advice)") for e in result.category("safety").evidence)


def test_a_friend_in_danger_escalates_even_with_a_crisis_line_named(
    classifier: ModerationClassifier,
) -> None:
    result = classifier.classify(
        "my daughter told me she wants to kill herself. is 988 open at night?"
    )
    assert result.action is Action.ESCALATE
