"""Weighing approvals on file against their limits, purely (the engine and a pack, no
database)."""

from __future__ import annotations

from typing import Any

import pytest

from lanyard.approvals.limits import LIMITS, Limit, labels
from lanyard.mayi.approvals import (
    CONDITIONS_WHEN,
    check_limits,
    complete,
    weigh_approvals,
    with_approval_conditions,
)
from lanyard.mayi.domain import HeldApproval
from lanyard.policy import Decision, Situation, decide, load_pack
from lanyard.policy.questions import QUESTIONS

FORM = "personal-technology-for-district-business"
TEAM_TEXT: dict[str, Any] = {
    "district": "wilmette-39",
    "actor": {"role": "coach", "on_duty": True, "relationship": "none"},
    "action": "message",
    "purpose": "district_business",
    "channel": {
        "medium": "text_message",
        "account": "personal",
        "device": "personal",
        "network": "other",
        "district_alternative": False,
        "disappearing": False,
    },
    "counterparts": [
        {
            "role": "student",
            "count": 20,
            "account": "district",
            "initiated_contact": False,
            "contact_inappropriate": False,
        }
    ],
    "content": {
        "inappropriate": False,
        "copyrighted_material": False,
        "coworker_images": False,
        "student_images": False,
    },
}


def _situation(**counterpart: Any) -> Situation:
    data: dict[str, Any] = {**TEAM_TEXT, "counterparts": [{**TEAM_TEXT["counterparts"][0]}]}
    for name, value in counterpart.items():
        if value is None:
            data["counterparts"][0].pop(name)
        else:
            data["counterparts"][0][name] = value
    return Situation.model_validate(data)


def _decide(situation: Situation) -> Decision:
    return decide(load_pack("wilmette-39"), situation)


def _bare(limit: Limit) -> Situation:
    """The team text with the limit's fact left out."""
    data = Situation.model_validate(TEAM_TEXT).model_dump(exclude_none=True)
    head, _, name = limit.fact.partition(".")
    if head == "counterparts":
        for cp in data["counterparts"]:
            cp.pop(name, None)
    elif name:
        data[head].pop(name, None)
    else:
        data.pop(head, None)
    return Situation.model_validate(data)


@pytest.mark.parametrize("limit", LIMITS, ids=lambda limit: limit.id)
def test_each_limit_asks_for_its_fact_and_its_answers_fall_inside_and_outside(
    limit: Limit,
) -> None:
    bare = _bare(limit)
    truth, missing = limit.compiled.explain(bare.flatten())
    assert truth is None and missing
    check = check_limits(HeldApproval(FORM, (limit.id,)), bare.flatten())
    assert check.status == "unknown"
    assert check.unknown[0][1] == (limit.fact,)  # the question the answer asks
    within = complete(bare, limit.fact, limit.within_example)
    outside = complete(bare, limit.fact, limit.outside)
    assert within is not None and outside is not None
    assert limit.compiled.predicate(within.flatten()) is True
    assert limit.compiled.predicate(outside.flatten()) is False
    assert limit.label == labels([limit.id])[0]


@pytest.mark.parametrize("limit", LIMITS, ids=lambda limit: limit.id)
def test_with_nobody_known_each_limit_asks_a_question_in_words(limit: Limit) -> None:
    """A question that names nobody ("can I snap my volleyball girls…", the reader not placing
    "girls") leaves the counterparts unknown: the approval's limit asks its own fact, whose
    question is in plain words, never the contract's "Counterparts?"."""
    nobody = Situation.model_validate(
        {"district": "wilmette-39", "action": "message", "channel": {"medium": "text_message"}}
    )
    check = check_limits(HeldApproval(FORM, (limit.id,)), nobody.flatten())
    assert check.status == "unknown"
    (asked,) = check.unknown[0][1]
    assert asked == limit.fact
    assert asked in QUESTIONS


def test_a_limit_no_longer_in_the_vocabulary_is_a_duty_not_a_silent_pass() -> None:
    check = check_limits(HeldApproval(FORM, ("weekends_only",)), _situation().flatten())
    assert check.status == "counts" and check.unchecked == ("weekends_only",)
    weighed = weigh_approvals(_situation(), [check.approval], _decide)
    decision = with_approval_conditions(weighed.decision, weighed.checks)
    assert [(o.do, o.what, o.when) for o in decision.obligations] == [
        ("verify", "weekends only", CONDITIONS_WHEN)
    ]
    assert decision.verdict == "allowed_with_obligations"  # a yes with a duty is not a bare yes


def test_another_approval_of_the_same_form_within_its_limits_counts() -> None:
    held = [HeldApproval(FORM, ("group_only",)), HeldApproval(FORM, ("district_account_only",))]
    one = _situation(count=1)
    weighed = weigh_approvals(one, held, _decide)
    assert weighed.counted == ()
    assert [n.status for n in weighed.notes] == ["outside"]
    assert weighed.notes[0].outside == (
        ("groups only, not one student", "this is to one person"),
        ("sending from district accounts only", "this is from your own account"),
    )
    team = weigh_approvals(_situation(), [*held, HeldApproval(FORM)], _decide)
    assert team.counted == (FORM,) and team.notes == ()
    assert team.decision.verdict == "allowed"


def test_an_unknown_group_size_asks_how_many_with_what_each_answer_leads_to() -> None:
    weighed = weigh_approvals(
        _situation(count=None), [HeldApproval(FORM, ("group_only",))], _decide
    )
    decision = weighed.decision
    assert not decision.settled
    assert decision.deciding_question is not None
    assert decision.deciding_question.fact == "counterparts.count"
    leads = {o.value: o.verdict for o in decision.deciding_question.outcomes}
    assert leads == {2: "allowed", 1: "prohibited"}
    assert decision.most == "prohibited" and decision.least == "allowed"
    assert [n.status for n in weighed.notes] == ["unknown"]


def test_conditions_are_no_duty_of_a_no() -> None:
    held = [HeldApproval(FORM, (), "Team announcements only.")]
    weighed = weigh_approvals(_situation(count=1), held, _decide)
    assert weighed.decision.verdict == "prohibited"
    decision = with_approval_conditions(weighed.decision, weighed.checks)
    assert all(o.when != CONDITIONS_WHEN for o in decision.obligations)
