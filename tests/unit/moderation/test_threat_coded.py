"""Grammar 2.9: coded threats against a school and threats against a group escalate; the
same words in sport, games, figures of speech, idioms, past news, counter-speech, notices
and good news do not. Every text here was written for these tests (not taken from any data
set)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lanyard.moderation import Action, ModerationClassifier
from lanyard.moderation.classifiers import threat_coded
from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.threat_context import reported_quote

CODED = [
    # a stay-away warning with a part of the school or a day, and a secret or a dare
    "if ur smart ur skipping 2nd lunch thursday. not saying why",
    "dont be in the east hallway after school tomorrow. last warning",
    "stay far away from the cafeteria on friday if i were you",
    "wednesday is not the day to show up at school",
    "keep ur little sister home from the elementary monday. i mean it",
    # a fate foretold for a part of the school or a day
    "the gym is gonna be a crime scene friday",
    "2nd period getting aired out tomorrow",
    "first bell tuesday is the last bell for a lot of you",
    # a weapon in slang brought to a class or on a day
    "bringing the heater to 4th period monday",
    "got the glizzy in my bag for advisory tmrw 🤫",
    # a bare countdown, a day told as a dare, an hourglass for a school
    "4 days.",
    "stay home wednesday 🙂",
    "monday. you'll see",
    "⏳⏳⏳ riverside middle",
]

GROUP = [
    "every kid on the jv bus has it coming",
    "all of you in the chess club are finished. monday",
    "the whole 7th grade better hide next week",
    "the kids at the back table in study hall are my first targets",
    "every teacher in the science wing deserves what im bringing",
    "those theater kids should be very scared",
    "sikh families at the high school are not safe here anymore",
    "the robotics club's days are numbered",
]


@pytest.mark.parametrize("text", CODED + GROUP)
def test_coded_and_group_threats_escalate_on_the_rules_alone(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    threat = result.category("threat")
    assert threat.flagged, threat
    assert result.action is Action.ESCALATE
    assert threat.evidence  # the words that made it a threat are shown


LOOK_ALIKES = [
    # sport and games
    "we're gonna kill them friday, pack the student section",
    "the whole varsity squad is done for the season after that loss",
    "gonna light up the lobby in warzone tonight, who's on",
    "bringing my field hockey stick to tryouts thursday",
    # figures of speech and idioms
    "this test is killing me",
    "bombed the chem test lol",
    "shoot me a text when practice ends",
    "fire drill at 9:15 tomorrow, teachers check your rosters",
    "smoked that algebra exam!! 97",
    # past news and counter-speech
    "two years ago a student brought a gun to school and was arrested the same day",
    "someone wrote 'dont come to school friday' on a bathroom stall. we reported it to the office",
    # notices with an everyday reason
    "don't come to school monday, it's a teacher workday",
    "stay out of the north hallway tomorrow, the floors are being waxed",
    "b wing is getting sprayed for bugs thursday after school",
    # good news for the same groups
    "every junior is gonna get their yearbook friday",
    "the whole 6th period is getting pizza friday for the food drive",
    "the band room is done! new risers are in",
    "all you freshmen are gonna love homecoming week",
    "the other team better pray friday night, our defense is stacked",
    # countdowns to a break, a hazard, a day off
    "3 more days until winter break!!",
    "⏳ 2 days till graduation, class of 2027",
    "the freshmen are not safe crossing that intersection without a guard",
    "we have 2 days off next week for conferences",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_their_look_alikes_do_not_escalate(staged: ModerationClassifier, text: str) -> None:
    result = staged.classify(text)
    assert not result.category("threat").flagged, result.category("threat")
    assert result.action is not Action.ESCALATE


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_no_shape_of_grammar_2_9_is_read_in_a_look_alike(text: str) -> None:
    assert not threat_coded.possible(text) or threat_coded.benign(text)


def test_a_quoted_threat_reported_or_debunked_is_told_from_a_threat_around_a_quote() -> None:
    debunked = (
        "the rumor about 'something big happening at north high monday' was checked by"
        " police. there is no threat"
    )
    assert reported_quote(debunked) is not None
    condemned = "whoever typed 'the gsa has it coming' needs help. screenshots went to the sro"
    assert reported_quote(condemned) is not None
    # the poster's own threat around a quote is no report
    assert reported_quote("they said 'no threat'. i'll show them friday, bringing the gun") is None
    assert reported_quote("i heard the word 'rumor' today") is None  # nothing quoted is reported


def test_a_debunked_rumor_the_sentence_stage_reads_as_meant_asks_for_review_only(
    staged: ModerationClassifier,
) -> None:
    result = staged.classify(
        "the rumor about 'something big happening at north high monday' was checked by"
        " police. there is no threat, please stop spreading it"
    )
    assert result.action is not Action.ESCALATE
    assert not result.category("threat").flagged


def test_the_word_gates_in_front_of_the_shapes_hide_none_of_their_matches() -> None:
    """``possible`` searches the shapes only where one of a family's words is; on every team
    comment the shapes match, a word is there (the gates are for speed alone)."""
    data = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "moderation"
    matched = 0
    for path in sorted(data.glob("team_labeled*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                norm = Comment.of(row["text"]).norm
                if threat_coded.SHAPES.search(norm):
                    matched += 1
                    assert threat_coded.possible(norm), path.name
    assert matched >= 100
