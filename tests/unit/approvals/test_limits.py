"""Which limits an approver is offered: those of the questions the form's approval answers,
read from each built-in pack's rules (messages, posts and accounts have recipients and an
account to send from; a game, software or the filter have neither)."""

from __future__ import annotations

import pytest

from lanyard.approvals.domain import FieldsInvalid
from lanyard.approvals.limits import LIMITS, clean_limits, for_form, form_actions
from lanyard.policy.loader import builtin_pack_ids, load_pack


@pytest.mark.parametrize(
    ("pack", "form"),
    [
        ("wilmette-39", "games"),
        ("wilmette-39", "software-install"),
        ("wilmette-39", "filter-disable"),
        ("wilmette-39", "commercial-use"),
        ("naperville-203", "outside-agency-permission"),  # media contact: no recipients
    ],
)
def test_a_request_unrelated_to_communicating_offers_no_limit(pack: str, form: str) -> None:
    assert for_form(load_pack(pack), form) == ()


@pytest.mark.parametrize(
    ("pack", "form", "action"),
    [
        ("wilmette-39", "personal-technology-for-district-business", "message"),
        ("wilmette-39", "social-media-request", "create_account"),
        ("chsd-230", "social-media-request", "create_account"),
        ("wem-2143", "spokesperson-authorization", "respond_to_contact"),
        # also lifted by the approval (actor.approvals: {includes: ...}), not only asked for
        ("wem-2143", "social-media-request", "post"),
    ],
)
def test_a_communication_request_offers_every_limit(pack: str, form: str, action: str) -> None:
    assert action in form_actions(load_pack(pack), form)
    assert for_form(load_pack(pack), form) == LIMITS


def test_nested_actions_are_read_where_the_rule_names_them() -> None:
    # chsd-230 asks for a logo approval under "any: [{action: use_logo}, {action: post, ...}]"
    assert form_actions(load_pack("chsd-230"), "logo-use") == {"use_logo", "post"}


def test_every_form_of_every_pack_is_read() -> None:
    for pack_id in builtin_pack_ids():
        pack = load_pack(pack_id)
        for form in pack.document.forms:
            assert for_form(pack, form.id) in (LIMITS, ())


def test_a_limit_not_offered_for_the_form_is_refused_by_name() -> None:
    games = for_form(load_pack("wilmette-39"), "games")
    with pytest.raises(FieldsInvalid) as error:
        clean_limits(["group_only"], games)
    assert "groups only, not one student: not a limit of this kind of request" in str(error.value)
    assert clean_limits([], games) == ()
