"""The pure parts of requests: the state machine, field checks against a pack form, the
approval's term, and who hears of a relationship disclosure in each district's pack."""

from __future__ import annotations

import datetime as dt

import pytest

from lanyard.approvals.domain import (
    Action,
    FieldsInvalid,
    State,
    TransitionRefused,
    allowed_actions,
    approval_expiry,
    clean_values,
    next_state,
    reminder_due,
)
from lanyard.auth.permissions import Principal, RoleGrant, can_decide_request
from lanyard.disclosures.domain import DisclosureInvalid, routing
from lanyard.policy import load_pack
from lanyard.policy.pack import Form, FormField

FORM = Form(
    id="sample",
    title="Sample",
    approver="building_principal",
    clause="Item 2",
    quote="obtain approval",
    fields=(
        FormField(id="activity", label="Activity"),
        FormField(id="site", label="Site", type="url", required=False),
        FormField(id="grade", label="Grade", type="choice", choices=("9", "10")),
        FormField(id="when", label="When", type="date", required=False),
        FormField(id="ok", label="OK?", type="yes_no", required=False),
    ),
)
NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("state", "action", "after"),
    [
        (State.DRAFT, Action.SUBMIT, State.SUBMITTED),
        (State.SUBMITTED, Action.APPROVE, State.APPROVED),
        (State.SUBMITTED, Action.DENY, State.DENIED),
        (State.SUBMITTED, Action.RETURN, State.RETURNED),
        (State.RETURNED, Action.RESUBMIT, State.SUBMITTED),
        (State.APPROVED, Action.EXPIRE, State.EXPIRED),
        (State.APPROVED, Action.WITHDRAW, State.WITHDRAWN),
    ],
)
def test_the_workflow_moves_through_its_states(state: State, action: Action, after: State) -> None:
    assert next_state(state, action) is after


@pytest.mark.parametrize(
    ("state", "action", "reason"),
    [
        (State.APPROVED, Action.APPROVE, "already approved"),
        (State.WITHDRAWN, Action.APPROVE, "withdrawn"),
        (State.EXPIRED, Action.WITHDRAW, "expired"),
        (State.DENIED, Action.RESUBMIT, "denied"),
        (State.DRAFT, Action.APPROVE, "has not been submitted"),
    ],
)
def test_refused_transitions_say_why(state: State, action: Action, reason: str) -> None:
    with pytest.raises(TransitionRefused, match=reason):
        next_state(state, action)


def test_closed_states_allow_nothing() -> None:
    for state in (State.DENIED, State.WITHDRAWN, State.EXPIRED):
        assert allowed_actions(state) == frozenset()


def test_values_are_checked_against_the_form() -> None:
    with pytest.raises(FieldsInvalid) as caught:
        clean_values(
            FORM,
            {"grade": "12", "site": "javascript:alert(1)", "when": "2026-02-30", "x": "1"},
            complete=True,
        )
    assert caught.value.by_field() == {
        "x": "is not a field of this form",
        "activity": "is required",
        "site": "give a web address starting with https://",
        "grade": "choose one of: 9, 10",
        "when": "is not a real date",
    }


def test_a_draft_may_be_incomplete_and_values_are_tidied() -> None:
    assert clean_values(
        FORM, {"activity": "  Chess  ", "ok": "Yes", "site": ""}, complete=False
    ) == {
        "activity": "Chess",
        "ok": "yes",
    }


def test_a_yearly_approval_holds_one_year_and_an_earlier_end_may_be_set() -> None:
    assert approval_expiry(FORM, NOW, None) == NOW.replace(year=2027)
    leap = dt.datetime(2028, 2, 29, 9, 0, tzinfo=dt.UTC)
    assert approval_expiry(FORM, leap, None) == dt.datetime(2029, 2, 28, 9, 0, tzinfo=dt.UTC)
    end = approval_expiry(FORM, NOW, dt.date(2027, 6, 1))
    assert end == dt.datetime(2027, 6, 1, 23, 59, 59, tzinfo=dt.UTC)
    with pytest.raises(FieldsInvalid, match="valid_until"):
        approval_expiry(FORM, NOW, dt.date(2028, 1, 1))
    with pytest.raises(FieldsInvalid, match="later day"):
        approval_expiry(FORM, NOW, dt.date(2026, 11, 1))
    never = FORM.model_copy(update={"expires": "never"})
    assert approval_expiry(never, NOW, None) is None


def test_reminder_is_due_within_thirty_days_of_expiry() -> None:
    assert reminder_due(NOW + dt.timedelta(days=29), NOW)
    assert not reminder_due(NOW + dt.timedelta(days=31), NOW)
    assert not reminder_due(NOW - dt.timedelta(days=1), NOW)
    assert not reminder_due(None, NOW)


def test_only_a_holder_for_the_building_or_the_district_decides() -> None:
    north = Principal("p", "staff", roles=frozenset({RoleGrant("building_principal", "N")}))
    district = Principal("d", "staff", roles=frozenset({RoleGrant("building_principal", None)}))
    args = {"approver_role": "building_principal", "requester_id": "t"}
    assert can_decide_request(north, building_id="N", **args)
    assert not can_decide_request(north, building_id="S", **args)
    assert can_decide_request(district, building_id="S", **args)
    assert not can_decide_request(
        north, building_id="N", approver_role="building_principal", requester_id="p"
    )


@pytest.mark.parametrize(
    ("pack", "kind", "recognized", "told"),
    [
        ("chsd-230", "religious", True, ("building_principal",)),
        ("naperville-203", "familial", True, ()),
        ("naperville-203", "religious", False, ()),
        ("wilmette-39", "community", True, ()),
        ("press-5-125", "familial", True, ()),
        ("wem-2143", "familial", False, ()),
    ],
)
def test_each_pack_decides_who_hears_of_a_relationship(
    pack: str, kind: str, recognized: bool, told: tuple[str, ...]
) -> None:
    route = routing(load_pack(pack).document, kind)
    assert route.recognized is recognized
    assert route.told_roles == told


def test_wilmette_advises_speaking_with_the_superintendent_or_principal_if_in_doubt() -> None:
    route = routing(load_pack("wilmette-39").document, "familial")
    assert any("Superintendent or Building Principal" in a for a in route.advice)


def test_unknown_relationship_kind_is_refused() -> None:
    with pytest.raises(DisclosureInvalid, match="kind"):
        routing(load_pack("chsd-230").document, "friend")
