"""The provision inventory is checked against the policy text and the pack: every
normative sentence is in some provision, every quote is verbatim, every rule carries one."""

from __future__ import annotations

import pytest

from lanyard.policy.loader import PackError, parse_pack
from lanyard.policy.provisions import (
    check_inventory,
    normative_sentences,
    parse_inventory,
    sentences,
    tally,
)
from tests.unit.policy.sample_pack import SAMPLE_PACK

SOURCE = """Sample Policy

Item 1. Employees may not communicate with students via text messaging. Employees must use
their District issued e-mail accounts.

Item 2. To use a social media site, employees obtain prior written approval from the principal.

Item 3. Employees with a family relationship shall notify their Building Principal of the
relationship.

Item 7. If a student keeps writing, the employee must share the information with his supervisor.

- A. The District will review this policy every year.

The District values communication.
"""

INVENTORY = """
pack: sample
provisions:
  - id: item-1-text
    kind: prohibition
    clause: Item 1
    quote: Employees may not communicate with students via text messaging.
    carried_by: [{rule: no-texting-students}]
  - id: item-1-email
    kind: duty
    clause: Item 1
    quote: Employees must use their District issued e-mail accounts.
    carried_by: [{rule: district-email-ok}]
  - id: item-2-approval
    kind: approval
    clause: Item 2
    quote: obtain prior written approval
    carried_by: [{rule: social-media-request}, {form: social-media-request}]
  - id: item-3-notice
    kind: duty
    clause: Item 3
    quote: shall notify their Building Principal of the relationship.
    carried_by: [{rule: relationship-notice}]
  - id: item-7-report
    kind: report
    clause: Item 7
    quote: the employee must share the information with his supervisor.
    carried_by: [{rule: repeated-contact}]
  - id: review
    kind: statement
    clause: Item A
    quote: The District will review this policy every year.
    carried_by: [{not_a_decision: "the board's own calendar; no employee acts on it"}]
"""


def _pack():  # type: ignore[no-untyped-def]
    return parse_pack(SAMPLE_PACK, "packs/sample/pack.yaml")


def test_sentences_join_lines_and_drop_list_marks() -> None:
    found = list(sentences(SOURCE))
    assert "Employees must use their District issued e-mail accounts." in found
    assert "The District will review this policy every year." in found
    assert "The District values communication." not in normative_sentences(SOURCE)


def test_a_complete_inventory_has_no_problems() -> None:
    coverage = check_inventory(_pack(), parse_inventory(INVENTORY, "p.yaml"), SOURCE)
    assert coverage.problems == ()
    assert coverage.normative == 6
    assert tally(coverage.inventory) == {"rule": 5, "not_a_decision": 1}


def test_a_normative_sentence_left_out_is_named() -> None:
    without = INVENTORY.split("  - id: review")[0]
    coverage = check_inventory(_pack(), parse_inventory(without, "p.yaml"), SOURCE)
    assert coverage.uncovered == ("The District will review this policy every year.",)
    assert any("in no provision" in str(p) for p in coverage.problems)


def test_a_quote_not_in_the_policy_is_named() -> None:
    edited = INVENTORY.replace("every year.", "every other year.")
    coverage = check_inventory(_pack(), parse_inventory(edited, "p.yaml"), SOURCE)
    messages = [str(p) for p in coverage.problems]
    assert any(m.startswith("provision review: not found verbatim") for m in messages)


def test_an_unknown_rule_and_an_uncarried_rule_are_named() -> None:
    edited = INVENTORY.replace("{rule: repeated-contact}", "{rule: repeated-contacts}")
    messages = [
        str(p) for p in check_inventory(_pack(), parse_inventory(edited, "p"), SOURCE).problems
    ]
    assert any(
        "provision item-7-report" in m and "rule the pack does not have" in m for m in messages
    )
    assert any(m.startswith("rule repeated-contact: carries no provision") for m in messages)


def test_a_carrier_names_exactly_one_place() -> None:
    edited = INVENTORY.replace(
        "[{rule: no-texting-students}]", "[{rule: no-texting-students, form: social-media-request}]"
    )
    with pytest.raises(PackError) as info:
        parse_inventory(edited, "packs/sample/provisions.yaml")
    assert str(info.value).startswith(
        "packs/sample/provisions.yaml: provision item-1-text, field carried_by.0"
    )
    assert "exactly one" in str(info.value)
