"""One merge of the question's facts, the person's answers and the record, used by the
command line, the API and the page alike."""

from __future__ import annotations

import datetime as dt
import json
import re

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


def test_a_yes_that_presupposes_a_fact_makes_it_known_and_it_is_not_asked() -> None:
    """Found in the benchmark's runs: "Has a pictured student's parent opted out?" answered
    "Yes" was followed by "Does it show students?"."""
    question = "Can we post photos of the new playground on the district Facebook page?"
    got = read(question, {"content.media_permission_denied": True}, district="chsd-230")
    assert got.facts["content.student_images"] is True
    assert got.words["content.student_images"] == YOUR_ANSWER
    # "I don't know" to it stands; a "No" presupposes nothing
    kept = {"content.media_permission_denied": True, "content.student_images": None}
    assert "content.student_images" not in read(question, kept, district="chsd-230").facts
    no = read(question, {"content.media_permission_denied": False}, district="chsd-230")
    assert "content.student_images" not in no.facts


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


def test_every_follow_up_answer_is_in_plain_words() -> None:
    from typing import get_args

    from lanyard.mayi.interpret import ASKABLE, fact_question, option_label
    from lanyard.policy import builtin_pack_ids, load_pack
    from lanyard.policy.situation import ActorRole, CounterpartRole

    identifier = re.compile(r"^[a-z0-9]+(?:[_.-][a-z0-9]+)+$|[a-z]+\.[a-z_]+")
    pack = load_pack(builtin_pack_ids()[0]).document
    samples = {
        "actor.role": get_args(ActorRole),
        "counterparts.role": get_args(CounterpartRole),
        "counterparts.count": (1, 2, 5),
        "counterparts.contact_attempts": (1, 3),
        "channel.platform": tuple(c.id for c in pack.channels),
        "actor.approvals": ((), tuple(f.id for f in pack.forms)),
    }
    for fact in ASKABLE:
        assert not identifier.search(fact_question(fact)), fact
        for value in samples.get(fact, ()):
            label = option_label(fact, value, pack)
            assert label and not identifier.search(label), (fact, value, label)
    assert "actor.approvals" not in ASKABLE  # approvals come from the record
    channel = pack.channels[0]
    assert option_label("channel.platform", channel.id, pack) == channel.name


def _lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines()]


def test_the_command_line_never_asks_again_what_was_answered_i_dont_know() -> None:
    """ "I don't know" is an answer: the decision says what it turns on, it does not print
    the question again with its choices, as if it were asking it."""
    result = CliRunner().invoke(
        interpret_command,
        ["--district", "chsd-230", "--facts", '{"actor.role": null}', QUESTION],
    )
    assert result.exit_code == 0, result.output
    lines = _lines(result.output)
    assert "What is your role?" not in lines
    assert "Next question: What is your role?" not in lines
    assert "You answered “I don't know” to “What is your role?”" in lines


def test_without_a_record_the_approvals_on_file_are_never_a_question() -> None:
    """The command line reads no record: whether an approval is on file is the record's to
    say, so the answer says it turns on it; it never puts "Is an approval on file?" to the
    person, in the next question or in what the answer depends on."""
    for pack_id in ("wilmette-39", "chsd-230", "naperville-203", "wem-2143", "press-5-125"):
        for facts in ("{}", '{"actor.role": "coach"}', '{"actor.role": "teacher"}'):
            args = ["--district", pack_id, "--facts", facts, QUESTION]
            result = CliRunner().invoke(interpret_command, args)
            assert result.exit_code == 0, result.output
            assert "Is an approval on file" not in result.output, (pack_id, facts)
            body = json.loads(CliRunner().invoke(interpret_command, [*args, "--json"]).output)
            assert body["next"] is None or body["next"]["field"] != "actor.approvals"
    result = CliRunner().invoke(
        interpret_command,
        ["--district", "wilmette-39", "--facts", '{"actor.role": "coach"}', QUESTION],
    )
    assert "Whether an approval is on file for you (no record was read)" in _lines(result.output)


def test_lanyard_ask_never_asks_whether_an_approval_is_on_file() -> None:
    """``lanyard ask`` reads no record either: it asked "Is an approval on file for this?"
    of a coach texting her team under wilmette-39. It asks only what a person can say."""
    from lanyard.cli.ask import ask as ask_command
    from lanyard.policy.conditions import FIELD_DOMAINS

    message = FIELD_DOMAINS["action"].values.index("message") + 1
    # the district, the act, the role, school business, then the second answer to every
    # follow-up (a student, from her own account, no other way offered, nothing vulgar ...)
    answers = ["wilmette-39", str(message), "coach", "1", *["2"] * 19, "n"]
    result = CliRunner().invoke(ask_command, input="\n".join(answers) + "\n")
    assert "Is an approval on file" not in result.output
    assert "Whether an approval is on file for you (no record was read)" in result.output
