"""A small district written straight into a migrated database for web tests.

Two buildings; a teacher, a principal and a student in North; a teacher and a student in
South; a district Lanyard administrator. Local accounts share one password.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from lanyard.auth.orm import Account
from lanyard.auth.passwords import hash_password
from lanyard.db.session import Database
from lanyard.directory.orm import (
    ApprovalOnFile,
    Building,
    Person,
    PersonBuilding,
    RelationshipDisclosure,
    RoleAssignment,
)

PASSWORD = "correct horse battery staple"
DOMAIN = "example.org"


@cache
def password_hash() -> str:
    return hash_password(PASSWORD)


@dataclass(frozen=True)
class District:
    north: str
    south: str
    teacher: str  # Tina Teach, North
    principal: str  # Paula Prince, building principal of North
    admin: str  # Ada Admin, lanyard_admin
    student: str  # Sam Student, North
    south_teacher: str  # Steve South
    south_student: str  # Sally South


def _person(
    session: object,
    *,
    given: str,
    family: str,
    kind: str,
    building: str,
    staff_role: str | None = None,
    username: str | None = None,
) -> Person:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    email = f"{given}.{family}@{DOMAIN}".lower()
    person = Person(
        kind=kind,
        staff_role=staff_role,
        given_name=given,
        family_name=family,
        email=email,
        primary_building_id=building,
    )
    session.add(person)
    session.flush()
    session.add(PersonBuilding(person_id=person.id, building_id=building))
    if username:
        session.add(Account(person_id=person.id, username=username, password_hash=password_hash()))
    return person


def seed_district(db: Database) -> District:
    now = dt.datetime.now(dt.UTC)
    with db.uow() as uow:
        s = uow.session
        north = Building(name="North Elementary", identifier="N")
        south = Building(name="South Middle", identifier="S")
        s.add_all([north, south])
        s.flush()
        teacher = _person(
            s,
            given="Tina",
            family="Teach",
            kind="staff",
            staff_role="teacher",
            building=north.id,
            username="tina",
        )
        principal = _person(
            s,
            given="Paula",
            family="Prince",
            kind="staff",
            staff_role="administrator",
            building=north.id,
            username="paula",
        )
        admin = _person(
            s,
            given="Ada",
            family="Admin",
            kind="staff",
            staff_role="staff",
            building=north.id,
            username="ada",
        )
        student = _person(s, given="Sam", family="Student", kind="student", building=north.id)
        south_teacher = _person(
            s,
            given="Steve",
            family="South",
            kind="staff",
            staff_role="teacher",
            building=south.id,
            username="steve",
        )
        south_student = _person(s, given="Sally", family="South", kind="student", building=south.id)
        s.add_all(
            [
                RoleAssignment(
                    person_id=principal.id, role="building_principal", building_id=north.id
                ),
                RoleAssignment(person_id=admin.id, role="lanyard_admin"),
                ApprovalOnFile(
                    person_id=teacher.id,
                    form="social-media-request",
                    granted_by_id=principal.id,
                    granted_at=now - dt.timedelta(days=300),
                    expires_at=now + dt.timedelta(days=10),
                    conditions="Class account only",
                ),
                RelationshipDisclosure(
                    employee_id=teacher.id,
                    student_id=student.id,
                    kind="familial",
                    description="Sam is my nephew",
                    disclosed_at=now - dt.timedelta(days=30),
                ),
            ]
        )
        uow.commit()
        return District(
            north=north.id,
            south=south.id,
            teacher=teacher.id,
            principal=principal.id,
            admin=admin.id,
            student=student.id,
            south_teacher=south_teacher.id,
            south_student=south_student.id,
        )


# -- reports and cases (issue 4) ------------------------------------------------------------


@dataclass(frozen=True)
class CaseHandlers:
    supervisor: str  # Sue Super, supervisor for North (sign-in "sue")
    superintendent: str  # Sid Chief, superintendent_or_designee district-wide ("sid")
    tech: str  # Tess Tech, technology_administrator district-wide ("tess")


def seed_case_handlers(db: Database, district: District) -> CaseHandlers:
    """People who handle reports: a supervisor for North, a superintendent and a technology
    administrator for the district (Paula stays North's building principal)."""
    with db.uow() as uow:
        s = uow.session
        sue = _person(
            s,
            given="Sue",
            family="Super",
            kind="staff",
            staff_role="administrator",
            building=district.north,
            username="sue",
        )
        sid = _person(
            s,
            given="Sid",
            family="Chief",
            kind="staff",
            staff_role="administrator",
            building=district.north,
            username="sid",
        )
        tess = _person(
            s,
            given="Tess",
            family="Tech",
            kind="staff",
            staff_role="staff",
            building=district.north,
            username="tess",
        )
        s.add_all(
            [
                RoleAssignment(person_id=sue.id, role="supervisor", building_id=district.north),
                RoleAssignment(person_id=sid.id, role="superintendent_or_designee"),
                RoleAssignment(person_id=tess.id, role="technology_administrator"),
            ]
        )
        uow.commit()
        return CaseHandlers(supervisor=sue.id, superintendent=sid.id, tech=tess.id)
