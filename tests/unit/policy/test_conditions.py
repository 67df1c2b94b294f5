"""The condition language: three-valued, validated, and explicit about missing facts."""

from __future__ import annotations

from typing import Any

import pytest

from lanyard.policy.conditions import ConditionError, compile_condition, unknown_fields


def truth(condition: dict[str, Any], situation: dict[str, Any]) -> bool | None:
    return compile_condition(condition).predicate(situation)


def test_equality_and_membership() -> None:
    cond = {"action": "message", "channel.medium": ["text_message", "social_dm"]}
    assert truth(cond, {"action": "message", "channel.medium": "social_dm"}) is True
    assert truth(cond, {"action": "message", "channel.medium": "email"}) is False


def test_missing_field_is_unknown_not_false() -> None:
    cond = {"action": "message", "channel.account": "personal"}
    assert truth(cond, {"action": "message"}) is None
    assert unknown_fields(compile_condition(cond), {"action": "message"}) == {"channel.account"}


def test_a_false_part_decides_even_when_another_is_unknown() -> None:
    cond = {"action": "post", "channel.account": "personal"}
    assert truth(cond, {"action": "message"}) is False
    assert unknown_fields(compile_condition(cond), {"action": "message"}) == frozenset()


def test_any_is_true_when_one_branch_holds_despite_unknowns() -> None:
    cond = {"any": [{"channel.device": "personal"}, {"channel.account": "personal"}]}
    assert truth(cond, {"channel.account": "personal"}) is True
    assert truth(cond, {"channel.account": "district"}) is None


def test_not_keeps_unknown_unknown() -> None:
    cond = {"not": {"actor.relationship": ["familial", "religious"]}}
    assert truth(cond, {}) is None
    assert truth(cond, {"actor.relationship": "none"}) is True


def test_operators() -> None:
    assert truth({"channel.account": {"not": "district"}}, {"channel.account": "personal"})
    assert truth({"actor.approvals": {"includes": "website"}}, {"actor.approvals": ("website",)})
    assert truth({"actor.approvals": {"excludes": "website"}}, {"actor.approvals": ()})
    assert not truth({"purpose": {"in": ["personal"]}}, {"purpose": "district_business"})


def test_some_counterpart_and_every_counterpart() -> None:
    some = {"counterpart": {"role": "student", "count": {"gte": 2}}}
    every = {"every_counterpart": {"role": "student"}}
    group = {"counterparts": ({"role": "parent", "count": 1}, {"role": "student", "count": 15})}
    assert truth(some, group) is True
    assert truth(every, group) is False
    assert truth(some, {"counterparts": ({"role": "student", "count": 1},)}) is False
    assert truth(some, {}) is None
    assert truth(some, {"counterparts": ({"role": "student"},)}) is None
    assert unknown_fields(compile_condition(some), {"counterparts": ({"role": "student"},)}) == {
        "counterparts.count"
    }


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"channel.medum": "email"}, "unknown field 'channel.medum'"),
        ({"channel.medium": "fax"}, "'fax' is not a value of channel.medium"),
        ({"actor.on_duty": "yes"}, "true or false"),
        ({"counterpart": {"count": {"gte": "two"}}}, "a whole number"),
        ({"channel.medium": {"between": 1}}, "unknown operator 'between'"),
        ({"actor.approvals": "website"}, "use includes or excludes"),
        ({"any": []}, "non-empty list"),
        ({"counterpart": {"counterpart": {"role": "student"}}}, "cannot be nested"),
    ],
)
def test_invalid_conditions_name_the_problem(condition: dict[str, Any], message: str) -> None:
    with pytest.raises(ConditionError, match=message.replace("(", r"\(")):
        compile_condition(condition)


def test_error_path_points_inside_the_condition() -> None:
    with pytest.raises(ConditionError) as info:
        compile_condition({"any": [{"action": "message"}, {"channel.medium": "fax"}]})
    assert info.value.where == "any[1].channel.medium"
