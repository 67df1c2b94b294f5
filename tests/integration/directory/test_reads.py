"""The read helpers other features use: search within buildings, roles, approvals and
disclosures on file."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile, Building, RelationshipDisclosure, RoleAssignment
from lanyard.directory.service import (
    approvals_on_file,
    disclosures_of,
    get_person,
    get_person_by_sourced_id,
    holders_of,
    roles_of,
    search_people,
)

from .helpers import FIXTURES, NOW, run_import


def test_search_is_case_insensitive_and_limited_to_the_buildings(database: Database) -> None:
    run_import(database, FIXTURES / "v1p1")
    with database.uow() as uow:
        s = uow.session
        high = s.scalar(select(Building.id).where(Building.sourced_id == "s-110"))
        middle = s.scalar(select(Building.id).where(Building.sourced_id == "s-120"))
        assert high is not None and middle is not None

        def sids(query: str, buildings: set[str] | None) -> list[str | None]:
            found = search_people(s, query=query, building_ids=buildings, limit=20)
            return [p.sourced_id for p in found]

        assert sids("HOPPER", None) == ["u-s-2001", "u-p-3001"]
        assert sids("hopper", {middle}) == []
        assert sids("turing", {middle}) == ["u-s-2002", "u-p-3002"]
        assert sids("lovelace", {middle}) == ["u-t-1815"]  # teaches in both schools
        assert sids("ada love", {high, middle}) == ["u-t-1815"]
        assert sids("", set()) == []
        assert sids("_", None) == [] and sids("%", None) == []  # no wildcards
        assert len(search_people(s, query="", building_ids=None, limit=3)) == 3


def test_roles_approvals_and_disclosures_on_file(database: Database) -> None:
    run_import(database, FIXTURES / "v1p1")
    with database.uow() as uow:
        s = uow.session
        teacher = get_person_by_sourced_id(s, "u-t-1815")
        principal = get_person_by_sourced_id(s, "u-a-1900")
        student = get_person_by_sourced_id(s, "u-s-2001")
        school = s.scalar(select(Building).where(Building.sourced_id == "s-110"))
        assert teacher and principal and student and school
        s.add_all(
            [
                RoleAssignment(person_id=principal.id, role="building_principal",
                               building_id=school.id),
                RoleAssignment(person_id=principal.id, role="supervisor"),
                ApprovalOnFile(person_id=teacher.id, form="social-media-request",
                               granted_at=NOW, expires_at=NOW + dt.timedelta(days=30)),
                ApprovalOnFile(person_id=teacher.id, form="expired-form", granted_at=NOW,
                               expires_at=NOW - dt.timedelta(days=1)),
                ApprovalOnFile(person_id=teacher.id, form="revoked-form", granted_at=NOW,
                               revoked=True),
                ApprovalOnFile(person_id=teacher.id, form="open-ended", granted_at=NOW),
                RelationshipDisclosure(employee_id=teacher.id, student_id=student.id,
                                       kind="religious", disclosed_at=NOW),
                RelationshipDisclosure(employee_id=teacher.id, student_id=student.id,
                                       kind="community", disclosed_at=NOW, withdrawn=True),
            ]
        )  # fmt: skip
        uow.commit()

        assert [(r.role, r.building_id) for r in roles_of(s, principal.id)] == [
            ("building_principal", school.id),
            ("supervisor", None),
        ]
        assert roles_of(s, teacher.id) == []
        assert [
            p.sourced_id for p in holders_of(s, "building_principal", building_id=school.id)
        ] == ["u-a-1900"]
        assert holders_of(s, "building_principal") == []  # building-scoped, not district-wide
        assert approvals_on_file(s, teacher.id, now=NOW) == ["open-ended", "social-media-request"]
        later = NOW + dt.timedelta(days=31)
        assert approvals_on_file(s, teacher.id, now=later) == ["open-ended"]
        assert [d.kind for d in disclosures_of(s, teacher.id)] == ["religious"]
        found = get_person(s, teacher.id)
        assert found is not None and found.sourced_id == "u-t-1815"
        assert get_person(s, "nobody") is None
