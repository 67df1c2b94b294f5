"""One merge of the question's facts, the person's answers and the record, used by the
command line, the API and the page alike."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from lanyard.cli.interpret import interpret as interpret_command
from lanyard.mayi.domain import RecordFacts
from lanyard.mayi.interpret import YOUR_ANSWER, read

QUESTION = "Can I text my team about practice from my phone?"


def test_answers_override_the_words_and_none_means_i_dont_know() -> None:
    got = read(
        QUESTION,
        {"channel.device": "district", "counterparts.0.grade_band": "high", "purpose": None},
        district="chsd-230",
    )
    assert got.facts["channel.device"] == "district"
    assert got.words["channel.device"] == YOUR_ANSWER
    assert got.facts["counterparts.grade_band"] == "high"
    assert "purpose" not in got.facts and "purpose" in got.declined
    assert got.words["channel.medium"] == "text"  # the question's own words are kept
    assert got.situation()["counterparts"] == [
        {"role": "student", "count": 2, "grade_band": "high"}
    ]


def test_the_record_wins_for_role_and_is_never_asked() -> None:
    record = RecordFacts(role="coach", approvals=(), approvals_known=True)
    got = read(
        "I'm a teacher. " + QUESTION,
        {"actor.role": "teacher"},
        district="chsd-230",
        record=record,
        today=dt.date(2026, 12, 5),
    )
    assert got.situation()["actor"]["role"] == "coach"
    assert {"actor.role", "actor.approvals"} <= got.recorded


def test_the_command_line_applies_facts_through_the_same_merge() -> None:
    result = CliRunner().invoke(
        interpret_command,
        ["--district", "chsd-230", "--facts", '{"channel.device": "district"}', "--json", QUESTION],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["situation"]["channel"]["device"] == "district"
    expected = read(QUESTION, {"channel.device": "district"}, district="chsd-230").situation()
    assert body["situation"]["channel"] == expected["channel"]
    assert body["next"] is None or body["next"]["field"] != "channel.device"
