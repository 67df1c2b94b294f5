"""The district's own model server may propose facts for questions the offline reader
cannot place: off by default, only for a reading left largely unknown, every proposal
checked against the contract and the question's words, labelled, and never in the way
when the server is slow or failing."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from lanyard.cli.interpret import interpret as interpret_command
from lanyard.config import Settings
from lanyard.mayi.interpret import read, to_json
from lanyard.mayi.proposals import PROPOSED_BY, ModelServer, propose
from lanyard.mayi.understand import understand
from lanyard.policy import Situation, decide, load_pack
from tests.support.model_server import ModelServerStub, model_server

UNPLACED = "Am I good to do the Dojo thing with the kiddos this week?"


@pytest.fixture(scope="module", name="served")
def _served() -> Iterator[tuple[ModelServerStub, str]]:
    yield from model_server()


@pytest.fixture(name="stub")
def _stub(served: tuple[ModelServerStub, str]) -> ModelServerStub:
    served[0].reset()
    return served[0]


@pytest.fixture(name="server")
def _server(served: tuple[ModelServerStub, str]) -> ModelServer:
    return ModelServer(url=served[1], model="district-llm", timeout_seconds=1.0)


def _reply(*facts: dict[str, object]) -> str:
    return json.dumps({"facts": list(facts)})


def test_off_by_default() -> None:
    assert Settings().mayi_model_url is None
    assert ModelServer.from_settings(Settings()) is None
    assert propose(UNPLACED, understand(UNPLACED), None) == ()


def test_a_question_the_reader_cannot_place_gets_labelled_valid_proposals(
    stub: ModelServerStub, server: ModelServer
) -> None:
    stub.reply = _reply(
        {"field": "action", "value": "message", "words": "the Dojo thing"},
        {"field": "counterparts.role", "value": "student", "words": "the kiddos"},
        # not a value the contract accepts
        {"field": "channel.medium", "value": "carrier pigeon", "words": "Dojo"},
        # words the question does not contain: made up
        {"field": "channel.device", "value": "personal", "words": "my own phone"},
        # approvals come from the record, never from words
        {"field": "actor.approvals", "value": ["games"], "words": "this week"},
        # not a fact of the contract
        {"field": "actor.mood", "value": "tired", "words": "good"},
    )
    proposed = propose(UNPLACED, understand(UNPLACED), server)

    assert [(p.field, p.value, p.words, p.source) for p in proposed] == [
        ("action", "message", "the Dojo thing", PROPOSED_BY),
        ("counterparts.role", "student", "the kiddos", PROPOSED_BY),
    ]
    body = stub.requests[0]["body"]
    assert body["model"] == "district-llm"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert body["messages"][1]["content"] == UNPLACED

    # shown like any understood fact, labelled; the engine decides on them
    interpretation = read(UNPLACED, district="wilmette-39", proposed=proposed)
    assert interpretation.proposed_by("action") == PROPOSED_BY
    situation = Situation.model_validate(interpretation.situation())
    decision = decide(load_pack("wilmette-39"), situation)
    shown = to_json(interpretation, situation, decision, None)["understood"]
    assert {"field": "action", "value": "message", "words": "the Dojo thing"} | {
        "proposed_by": PROPOSED_BY
    } in shown

    # a correction by the person wins, and is no longer the model's
    corrected = read(UNPLACED, {"action": "post"}, district="wilmette-39", proposed=proposed)
    assert corrected.facts["action"] == "post"
    assert corrected.proposed_by("action") is None


def test_the_reading_of_the_question_wins_and_a_placed_question_is_not_sent(
    stub: ModelServerStub, server: ModelServer
) -> None:
    placed = "Can I text my team about practice from my phone?"
    assert propose(placed, understand(placed), server) == ()
    assert stub.requests == []

    partly = "Is the thing with my phone ok?"  # only the device is read
    stub.reply = _reply(
        {"field": "channel.device", "value": "district", "words": "my phone"},
        {"field": "action", "value": "personal_use", "words": "the thing with my phone"},
    )
    proposed = propose(partly, understand(partly), server)
    assert [(p.field, p.value) for p in proposed] == [("action", "personal_use")]
    assert read(partly, proposed=proposed).facts["channel.device"] == "personal"


@pytest.mark.parametrize("failure", ["slow", "error", "not json", "wrong shape"])
def test_a_failing_server_leaves_the_offline_reading(
    stub: ModelServerStub,
    server: ModelServer,
    failure: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    if failure == "slow":
        stub.delay = 2.0
    elif failure == "error":
        stub.status = 500
    elif failure == "not json":
        stub.reply = "Sure! The teacher wants to message students."
    else:
        stub.reply = json.dumps({"facts": {"action": "message"}})
    with caplog.at_level(logging.WARNING, logger="lanyard.mayi.proposals"):
        assert propose(UNPLACED, understand(UNPLACED), server) == ()
    assert "Dojo" not in caplog.text and "kiddos" not in caplog.text
    if failure in ("slow", "error", "not json"):
        assert "district model server: no proposal" in caplog.text


def test_the_command_line_shows_proposals_labelled(
    stub: ModelServerStub,
    served: tuple[ModelServerStub, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stub.reply = _reply({"field": "action", "value": "message", "words": "the Dojo thing"})
    runner = CliRunner()
    # off: the offline reading alone cannot place what the person wants to do
    off = runner.invoke(interpret_command, ["--district", "wilmette-39", "--json", UNPLACED])
    assert off.exit_code == 1 and "validation error" in off.output
    assert stub.requests == []

    monkeypatch.setenv("LANYARD_MAYI_MODEL_URL", served[1])
    on = runner.invoke(interpret_command, ["--district", "wilmette-39", "--json", UNPLACED])
    assert on.exit_code == 0, on.output
    assert json.loads(on.output)["understood"] == [
        {
            "field": "action",
            "value": "message",
            "words": "the Dojo thing",
            "proposed_by": PROPOSED_BY,
        }
    ]
    text = runner.invoke(interpret_command, ["--district", "wilmette-39", UNPLACED])
    assert "proposed by the district's model" in text.output
