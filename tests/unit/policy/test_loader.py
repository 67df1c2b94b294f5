"""A malformed pack is refused with the file, the rule and the field named."""

from __future__ import annotations

import pytest

from lanyard.policy.loader import PackError, parse_pack
from tests.unit.policy.sample_pack import SAMPLE_PACK


def load_broken(old: str, new: str) -> PackError:
    assert old in SAMPLE_PACK
    with pytest.raises(PackError) as info:
        parse_pack(SAMPLE_PACK.replace(old, new, 1), "packs/sample/pack.yaml")
    return info.value


def test_the_sample_pack_loads() -> None:
    pack = parse_pack(SAMPLE_PACK, "x")
    assert [r.rule.id for r in pack.rules][0] == "no-texting-students"
    assert len(pack.content_hash) == 64


def test_bad_condition_field_names_file_rule_and_field() -> None:
    err = load_broken("channel.medium: text_message", "channel.medum: text_message")
    assert str(err).startswith(
        "packs/sample/pack.yaml, rule no-texting-students, field when.channel.medum: "
        "unknown field 'channel.medum'"
    )


def test_bad_verdict_names_the_rule() -> None:
    err = load_broken("verdict: prohibited", "verdict: forbidden")
    assert err.rule == "no-texting-students" and err.field == "verdict"
    assert "'prohibited'" in str(err)


def test_unknown_key_is_rejected() -> None:
    err = load_broken("    verdict: prohibited", "    verdit: prohibited\n    verdict: prohibited")
    assert err.rule == "no-texting-students" and err.field == "verdit"
    assert "unknown key" in str(err)


def test_approver_must_be_a_declared_role() -> None:
    err = load_broken("approval: {by: building_principal", "approval: {by: principal")
    assert "approval.by 'principal' is not a role of the pack" in str(err)


def test_unless_errors_are_named_too() -> None:
    err = load_broken(
        "unless: {actor.relationship: [familial", "unless: {actor.relation: [familial"
    )
    assert err.field == "unless.actor.relation"


def test_yaml_syntax_error_names_the_file() -> None:
    with pytest.raises(PackError, match="^broken.yaml: not valid YAML"):
        parse_pack("id: [unclosed", "broken.yaml")


def test_duplicate_rule_ids_are_refused() -> None:
    err = load_broken("id: district-email-ok", "id: no-texting-students")
    assert "used twice" in str(err)
