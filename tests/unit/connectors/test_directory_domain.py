"""The directory's pure rules: role mapping, diffing, district domains."""

from __future__ import annotations

import pytest

from lanyard.directory.domain import (
    PersonRecord,
    derive_domains,
    diff_entities,
    diff_links,
    is_district_address,
    map_role,
    merge_domains,
    merge_staff_role,
    primary_of,
)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("teacher", ("staff", "teacher")),
        ("principal", ("staff", "administrator")),
        ("siteAdministrator", ("staff", "administrator")),
        ("districtAdministrator", ("staff", "administrator")),
        ("administrator", ("staff", "administrator")),
        ("aide", ("staff", "staff")),
        ("counselor", ("staff", "staff")),
        ("proctor", ("staff", "staff")),
        ("systemAdministrator", ("staff", "staff")),
        ("student", ("student", None)),
        ("parent", ("parent", None)),
        ("guardian", ("parent", None)),
        ("relative", ("parent", None)),
        ("ext:nurse", ("staff", "staff")),
    ],
)
def test_role_mapping_follows_the_vocabulary_table(role: str, expected: tuple[str, str]) -> None:
    assert map_role(role) == expected


def test_the_strongest_role_decides() -> None:
    assert primary_of(["counselor", "teacher"]) == "teacher"
    assert primary_of(["teacher", "principal"]) == "principal"
    assert primary_of(["parent", "aide"]) == "aide"


def test_a_coach_stays_a_coach_while_the_sis_says_teacher() -> None:
    assert merge_staff_role("coach", "teacher") == "coach"
    assert merge_staff_role("coach", "administrator") == "administrator"
    assert merge_staff_role("teacher", "teacher") == "teacher"


def test_diff_names_added_changed_fields_and_deactivates_absent_rows() -> None:
    old = {
        "a": {"name": "A", "active": True},
        "b": {"name": "B", "active": True},
        "c": {"name": "C", "active": False},
    }
    new = {"a": {"name": "A2", "active": True}, "d": {"name": "D", "active": True}}
    diff = diff_entities(old, new)
    assert diff.added == ("d",)
    assert diff.changed == (("a", ("name",)),)
    assert diff.deactivated == ("b",)  # c is already inactive
    assert diff_entities(new, new).empty


def test_links_outside_the_scope_are_kept() -> None:
    diff = diff_links(
        {("p1", "s1"), ("p2", "s2")}, {("p3", "s1")}, scope=lambda link: link[0] != "p2"
    )
    assert diff.added == {("p3", "s1")}
    assert diff.removed == {("p1", "s1")}


def person(kind: str, email: str | None) -> PersonRecord:
    return PersonRecord(
        sourced_id=email or "x", kind=kind, source_role=kind, staff_role=None, given_name="G",
        family_name="F", preferred_given_name=None, email=email, username=None,
        identifier=None, grades=None, enabled=True, primary_org=None, orgs=(),
    )  # fmt: skip


def test_district_domains_come_from_staff_and_related_student_domains() -> None:
    people = [
        person("staff", "a@district.example.org"),
        person("staff", "b@district.example.org"),
        person("staff", "c@gmail.example.com"),
        person("student", "s1@students.district.example.org"),
        person("student", "s2@students.district.example.org"),
        person("parent", "p@district.example.org"),
    ]
    assert derive_domains(people) == {
        "district.example.org": "staff",
        "students.district.example.org": "student",
    }


def test_a_personal_provider_never_becomes_a_student_domain() -> None:
    people = [person("staff", "a@district.example.org"), person("student", "s@gmail.example.com")]
    assert derive_domains(people) == {"district.example.org": "staff"}


def test_only_listed_domains_are_district_accounts() -> None:
    assert is_district_address("S@Students.District.example.org", ["students.district.example.org"])
    assert not is_district_address("s@gmail.example.com", ["students.district.example.org"])
    assert not is_district_address(None, ["district.example.org"])


def test_configured_domains_are_added_once() -> None:
    added = merge_domains(["District.example.org"], {"district.example.org": "staff"}, [])
    assert added == {"district.example.org": "staff"}
    assert merge_domains(["district.example.org"], {}, ["district.example.org"]) == {}
