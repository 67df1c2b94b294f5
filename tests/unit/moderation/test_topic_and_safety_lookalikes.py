"""Ordinary comments on a district page that read like something else: a concert, a
lockdown asked about, a rule about weapons. A site manager sees them kept, and sees the
neighborhood talk and a lockdown under way still flagged.

Written for this test (not from any data set the classifier was trained or measured on).
"""

from __future__ import annotations

import pytest

from lanyard.moderation import ModerationClassifier

PURPOSE = "Birchwood School District news, schools, events and sports"


@pytest.mark.parametrize(
    "text",
    [
        # school things that also happen elsewhere: a band, a concert, tickets, a trip
        "The jazz band is going to blow the roof off the spring concert, tickets at the door",
        "dead tired after the band trip, fourteen hours on a coach but worth every minute",
        # a word that only looks like another subject ("coming" is no utility company)
        "big things coming for the robotics kids this spring, stay tuned for the reveal",
        "Can't stop humming that song from the winter choir rehearsal all week long honestly",
    ],
)
def test_school_life_is_not_off_topic(classifier: ModerationClassifier, text: str) -> None:
    assert not classifier.classify(text, site_purpose=PURPOSE).category("off_topic").flagged


@pytest.mark.parametrize(
    "text",
    [
        "Anyone know a good mechanic downtown? My transmission keeps slipping and the dealer"
        " wants a fortune",
        "Gas prices are out of control again, five dollars a gallon at the station on Main",
        "Who's going to the rally for the senate candidate downtown this weekend, need a ride",
    ],
)
def test_neighborhood_talk_is_still_off_topic(classifier: ModerationClassifier, text: str) -> None:
    assert classifier.classify(text, site_purpose=PURPOSE).category("off_topic").flagged


@pytest.mark.parametrize(
    "text",
    [
        "Is it true there was a lockdown at the middle school today?",
        "The principal's letter about the lockdown was confusing",
        "Reminder: weapons of any kind are prohibited on campus and at games",
        "the deputy will talk about gun safety with the 5th graders tomorrow",
        "is it safe to let my 4th grader walk home alone? what does the district recommend",
    ],
)
def test_questions_news_and_rules_are_not_reported_dangers(
    classifier: ModerationClassifier, text: str
) -> None:
    safety = classifier.classify(text).category("safety")
    assert not safety.flagged


@pytest.mark.parametrize(
    "text",
    [
        "we are in lockdown right now, someone is in the building",
        "did anyone see the kid with a gun at school today?",
        "the side door code is 4417, it never changes",
    ],
)
def test_dangers_are_still_flagged(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert result.category("safety").flagged or result.category("threat").flagged
