"""The engine's mechanics: precedence, exceptions, approvals on file, missing facts."""

from __future__ import annotations

from typing import Any

import pytest

from lanyard.policy import Situation, Verdict, decide, strongest
from lanyard.policy.loader import Pack, parse_pack
from tests.unit.policy.sample_pack import SAMPLE_PACK


@pytest.fixture(scope="module")
def pack() -> Pack:
    return parse_pack(SAMPLE_PACK, "sample/pack.yaml")


def ask(pack: Pack, **fields: Any) -> dict[str, Any]:
    return decide(pack, Situation.model_validate({"district": "sample", **fields})).to_dict()


TEXT_STUDENT = {
    "action": "message",
    "channel": {"medium": "text_message", "account": "personal"},
    "counterparts": [{"role": "student", "count": 1}],
}


def test_precedence_order() -> None:
    assert strongest([Verdict.ALLOWED, Verdict.PROHIBITED, Verdict.NEEDS_APPROVAL]) is (
        Verdict.PROHIBITED
    )
    assert strongest([Verdict.ALLOWED_WITH_OBLIGATIONS, Verdict.NEEDS_APPROVAL]) is (
        Verdict.NEEDS_APPROVAL
    )
    assert strongest([]) is Verdict.ALLOWED


def test_prohibits_personal_text_to_student(pack: Pack) -> None:
    decision = ask(pack, actor={"relationship": "none"}, **TEXT_STUDENT)
    assert decision["verdict"] == "prohibited"
    assert decision["obligations"] == [
        {"do": "redirect", "when": "use district e-mail", "strength": "must"}
    ]
    assert decision["citations"][0]["clause"] == "Item 1"
    assert decision["needs_facts"] == []


def test_relationship_lifts_the_ban_and_brings_its_own_duty(pack: Pack) -> None:
    decision = ask(pack, actor={"relationship": "religious"}, **TEXT_STUDENT)
    assert decision["verdict"] == "allowed_with_obligations"
    assert decision["obligations"] == [
        {"do": "notify", "to": "building_principal", "strength": "must"}
    ]


def test_unknown_exception_keeps_the_rule_and_asks_for_the_fact(pack: Pack) -> None:
    decision = ask(pack, **TEXT_STUDENT)
    assert decision["verdict"] == "prohibited"
    assert "actor.relationship" in decision["needs_facts"]


def test_allowed_answer_cites_its_permission(pack: Pack) -> None:
    decision = ask(
        pack,
        action="message",
        actor={"relationship": "none"},
        channel={"medium": "email", "account": "district"},
        counterparts=[{"role": "student"}],
    )
    assert decision["verdict"] == "allowed"
    assert decision["settled"] is True
    assert decision["citations"] == [
        {"clause": "Item 1", "quote": "Employees must use their District issued e-mail accounts."}
    ]


def test_no_yes_while_an_unknown_fact_could_add_a_duty(pack: Pack) -> None:
    decision = ask(
        pack,
        action="message",
        channel={"medium": "email", "account": "district"},
        counterparts=[{"role": "student"}],
    )
    assert decision["verdict"] == "allowed_with_obligations"
    assert decision["settled"] is False
    assert decision["possible"] == {"least": "allowed", "most": "allowed_with_obligations"}
    assert decision["needs_facts"] == ["actor.relationship"]
    (question,) = decision["depends_on"]
    assert question["fact"] == "actor.relationship"
    led_to = {o["value"]: o["verdict"] for o in question["outcomes"]}
    assert led_to["none"] == "allowed"
    assert led_to["familial"] == "allowed_with_obligations"
    assert "Item 3" in [c["clause"] for c in decision["citations"]]


def test_a_text_with_everything_unknown_is_not_a_yes(pack: Pack) -> None:
    decision = ask(pack, action="message")
    assert decision["verdict"] == "prohibited"
    assert decision["settled"] is False
    assert decision["depends_on"][0]["fact"] in decision["needs_facts"]
    assert decision["citations"][0]["clause"] == "Item 1"


def test_unaddressed_act_is_allowed_without_citation(pack: Pack) -> None:
    decision = ask(pack, action="play_games")
    assert decision == {
        "verdict": "allowed",
        "obligations": [],
        "needs_facts": [],
        "citations": [],
        "settled": True,
    }


def test_needs_approval_names_approver_and_form(pack: Pack) -> None:
    decision = ask(
        pack, action="create_account", actor={"approvals": []}, channel={"account": "district"}
    )
    assert decision["verdict"] == "needs_approval"
    assert decision["approval"] == {
        "by": "building_principal",
        "form": "social-media-request",
        "written": True,
    }


def test_approval_on_file_turns_the_answer_and_still_cites(pack: Pack) -> None:
    decision = ask(
        pack,
        action="create_account",
        actor={"approvals": ["social-media-request"]},
        channel={"account": "district"},
    )
    assert decision["verdict"] == "allowed_with_obligations"
    assert "approval" not in decision
    assert decision["obligations"] == [
        {"do": "notify", "to": "building_principal", "when": "the web address", "strength": "must"}
    ]
    assert decision["citations"][0]["clause"] == "Item 2"


def test_unknown_approvals_ask_for_them(pack: Pack) -> None:
    decision = ask(pack, action="create_account", channel={"account": "district"})
    assert decision["verdict"] == "needs_approval"
    assert decision["needs_facts"] == ["actor.approvals"]


def test_missing_fact_is_reported_not_guessed(pack: Pack) -> None:
    decision = ask(
        pack,
        action="respond_to_contact",
        counterparts=[{"role": "student", "initiated_contact": True}],
    )
    assert decision["verdict"] == "allowed_with_obligations"
    assert decision["needs_facts"] == ["counterparts.contact_attempts"]
    led_to = {o["value"]: o["verdict"] for o in decision["depends_on"][0]["outcomes"]}
    assert led_to[1] == "allowed" and led_to[2] == "allowed_with_obligations"


def test_a_fact_that_cannot_change_the_answer_is_not_asked(pack: Pack) -> None:
    decision = ask(
        pack,
        action="message",
        actor={"relationship": "none"},
        channel={"medium": "text_message"},
        counterparts=[{"role": "student"}, {"role": "parent"}],
    )
    assert decision["verdict"] == "prohibited"
    assert decision["needs_facts"] == []
    assert decision["settled"] is True


def test_repeated_contact_must_be_reported(pack: Pack) -> None:
    decision = ask(
        pack,
        action="respond_to_contact",
        counterparts=[{"role": "student", "initiated_contact": True, "contact_attempts": 3}],
    )
    assert decision["verdict"] == "allowed_with_obligations"
    assert decision["obligations"] == [
        {"do": "report", "to": "supervisor", "when": "repeated_contact", "strength": "must"}
    ]


def test_situation_for_another_district_is_refused(pack: Pack) -> None:
    with pytest.raises(ValueError, match="the pack is 'sample'"):
        decide(pack, Situation.model_validate({"district": "other", "action": "post"}))
