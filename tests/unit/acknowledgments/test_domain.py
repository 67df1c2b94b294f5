"""Acknowledgment decisions, pure: who must acknowledge, whether a signature matches the
directory, what changed between two lists of clauses, completion figures, who may see
completion."""

from __future__ import annotations

import pytest

from lanyard.acknowledgments import domain
from lanyard.acknowledgments.domain import Audience, Clause, Member
from lanyard.auth.permissions import Principal, RoleGrant
from lanyard.jobs.runner import discover

NORTH, SOUTH = "north", "south"


@pytest.mark.parametrize(
    ("member", "audience", "expected"),
    [
        (Member("staff", "teacher", frozenset({NORTH})), Audience(), True),
        (Member("staff", None, frozenset({NORTH})), Audience(roles=frozenset({"staff"})), True),
        (
            Member("staff", "coach", frozenset({NORTH})),
            Audience(roles=frozenset({"teacher"})),
            False,
        ),
        (
            Member("staff", "teacher", frozenset({SOUTH})),
            Audience(building_ids=frozenset({NORTH})),
            False,
        ),
        (
            Member("staff", "teacher", frozenset({NORTH, SOUTH})),
            Audience(building_ids=frozenset({SOUTH})),
            True,
        ),
        (Member("staff", "teacher", frozenset({NORTH}), active=False), Audience(), False),
        (Member("volunteer", None, frozenset({NORTH})), Audience(), False),
        (Member("volunteer", None, frozenset({NORTH})), Audience(include_volunteers=True), True),
        (
            Member("volunteer", None, frozenset({NORTH})),
            Audience(roles=frozenset({"teacher"}), include_volunteers=True),
            True,
        ),
        (Member("student", None, frozenset({NORTH})), Audience(include_volunteers=True), False),
        (Member("parent", None, frozenset({NORTH})), Audience(), False),
    ],
)
def test_who_must_acknowledge(member: Member, audience: Audience, expected: bool) -> None:
    assert domain.must_acknowledge(member, audience) is expected


def test_an_unknown_staff_role_is_refused_naming_the_field() -> None:
    with pytest.raises(domain.AckProblem, match="roles: unknown staff role 'janitor'"):
        Audience(roles=frozenset({"janitor"}))


@pytest.mark.parametrize(
    ("typed", "confirmed", "problem"),
    [
        ("Tina Teach", True, None),
        ("  tina   TEACH. ", True, None),
        ("Tee Teach", True, None),  # the preferred first name
        ("Tina", True, "full name"),
        ("Tina Teacher", True, "full name"),
        ("", True, "type your full name"),
        ("Tina Teach", False, "tick the box"),
    ],
)
def test_a_signature_is_the_directory_name_and_a_ticked_box(
    typed: str, confirmed: bool, problem: str | None
) -> None:
    found = domain.signature_problem(
        typed, given="Tina", family="Teach", preferred="Tee", confirmed=confirmed
    )
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found.message


def test_clause_changes_match_by_key() -> None:
    old = [
        Clause("a", "I.1", "Keep it."),
        Clause("b", "I.2", "Old words."),
        Clause("c", "I.3", "Gone."),
    ]
    new = [
        Clause("a", "I.1", "Keep   it."),
        Clause("b", "I.2", "New words."),
        Clause("d", "II", "New."),
    ]
    added, removed, reworded = domain.clause_changes(old, new)
    assert [c.key for c in added] == ["d"]
    assert [c.key for c in removed] == ["c"]
    assert [(b.text, a.text) for b, a in reworded] == [("Old words.", "New words.")]


def test_changes_round_trip_through_json() -> None:
    changes = domain.Changes(
        "1",
        "2",
        added=(Clause("d", "II", "New."),),
        reworded=((Clause("b", "I", "x"), Clause("b", "I", "y")),),
        answers=(
            domain.AnswerChange(
                "message", "purpose=personal", 4, "allowed", "", "prohibited", "III"
            ),
        ),
    )
    assert domain.Changes.from_dict(changes.to_dict()) == changes
    assert changes.summary() == "1 clause added, 0 removed, 1 reworded, 1 kind of answer changed"
    assert changes.answers[0].words == (
        "To message (purpose=personal): was allowed, now prohibited under III."
    )


def test_a_situation_in_plain_words() -> None:
    assert (
        domain.plain(
            {
                "purpose": "personal",
                "counterpart.role": "student",
                "counterpart.own_child": False,
                "channel.disappearing": True,
            }
        )
        == "with a student; purpose: personal; who is not your own child; disappearing"
    )
    change = domain.AnswerChange("message", "", 3, "prohibited", "III", "allowed", domain.SILENT)
    assert (
        change.words == "To message: was prohibited, now allowed (the new version says "
        "nothing about it)."
    )


def test_completion_adds_up_by_building_and_by_role() -> None:
    report = domain.completion(
        [
            ("North", "Teachers", 10, 7, 0),
            ("North", "Coaches", 2, 2, 0),
            ("South", "Teachers", 5, 1, 0),
        ]
    )
    assert [(r.label, r.assigned, r.acknowledged, r.percent) for r in report.by_building] == [
        ("North", 12, 9, 75),
        ("South", 5, 1, 20),
    ]
    assert [(r.label, r.assigned, r.acknowledged) for r in report.by_role] == [
        ("Coaches", 2, 2),
        ("Teachers", 15, 8),
    ]
    assert (report.total.assigned, report.total.acknowledged, report.total.percent) == (17, 10, 59)


def _principal(*grants: RoleGrant, buildings: frozenset[str] = frozenset()) -> Principal:
    from lanyard.auth.roles import role_table

    # Permissions follow the pack's roles: the default pack's role table.
    table = role_table("wilmette-39")
    return Principal("p", "staff", "teacher", "P", frozenset(grants), buildings, table)


def test_completion_is_seen_by_the_district_or_a_principals_buildings_only() -> None:
    assert domain.completion_scope(_principal(RoleGrant("lanyard_admin"))).district
    scope = domain.completion_scope(_principal(RoleGrant("building_principal", NORTH)))
    assert not scope.district and scope.building_ids == {NORTH}
    assert not domain.can_see_completion(_principal()).allowed
    assert not domain.can_manage_campaigns(_principal(RoleGrant("building_principal", NORTH)))
    assert domain.can_record_review(_principal(RoleGrant("superintendent")))
    assert not domain.can_record_review(_principal(RoleGrant("building_principal", NORTH)))


def test_the_reminder_job_is_registered_like_the_others() -> None:
    assert "acknowledgments.remind" in discover()
