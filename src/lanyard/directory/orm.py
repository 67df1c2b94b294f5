"""Directory tables."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lanyard.db.base import Base, new_id


class Building(Base):
    __tablename__ = "buildings"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    sourced_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    identifier: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32), default="school")  # school | district | ...
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (Index("ix_people_name", "family_name", "given_name"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    sourced_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # staff | student | parent | volunteer
    source_role: Mapped[str | None] = mapped_column(String(64))  # the SIS's role word
    staff_role: Mapped[str | None] = mapped_column(String(32))  # situation actor.role
    given_name: Mapped[str] = mapped_column(String(255))
    family_name: Mapped[str] = mapped_column(String(255))
    preferred_given_name: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    username: Mapped[str | None] = mapped_column(String(255))
    identifier: Mapped[str | None] = mapped_column(String(64))
    grades: Mapped[str | None] = mapped_column(String(64))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    deactivated_at: Mapped[dt.datetime | None]  # when an import last deactivated them
    primary_building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"))

    buildings: Mapped[list[Building]] = relationship(
        secondary="person_buildings", lazy="selectin", order_by="Building.name"
    )

    @property
    def display_name(self) -> str:
        return f"{self.preferred_given_name or self.given_name} {self.family_name}"


class PersonBuilding(Base):
    __tablename__ = "person_buildings"

    person_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    building_id: Mapped[str] = mapped_column(
        ForeignKey("buildings.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ParentLink(Base):
    __tablename__ = "parent_links"

    parent_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EmailDomain(Base):
    __tablename__ = "email_domains"

    domain: Mapped[str] = mapped_column(String(255), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="staff")  # staff | student | both


class RoleAssignment(Base):
    """A pack role a person holds: district-wide (no building) or for one building."""

    __tablename__ = "role_assignments"
    __table_args__ = (UniqueConstraint("person_id", "role", "building_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(64))
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"))


class ApprovalOnFile(Base):
    """An approval an employee holds (a form id of the pack), with its term."""

    __tablename__ = "approvals_on_file"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    form: Mapped[str] = mapped_column(String(64))
    granted_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    granted_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime | None]
    conditions: Mapped[str | None] = mapped_column(Text)
    # Checkable limits (ids of lanyard.approvals.limits.LIMITS): "May I?" counts the
    # approval only for a situation within all of them.
    limits: Mapped[list[str]] = mapped_column(JSON, default=list)
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class RelationshipDisclosure(Base):
    """A legitimate outside relationship an employee disclosed with a student."""

    __tablename__ = "relationship_disclosures"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    employee_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # familial | religious | community
    description: Mapped[str | None] = mapped_column(Text)
    disclosed_at: Mapped[dt.datetime]
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)


class DirectoryImport(Base):
    """What one import changed, by row id, so that it can be undone within its window."""

    __tablename__ = "directory_imports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    at: Mapped[dt.datetime]
    actor_id: Mapped[str | None] = mapped_column(String(32))
    # {"people_added": [...], "people_deactivated": [...], "buildings_added": [...],
    #  "buildings_deactivated": [...], "links_added": [[p, s]], "links_removed": [[p, s]]}
    changes: Mapped[dict[str, list[object]]] = mapped_column(JSON, default=dict)
    undone_at: Mapped[dt.datetime | None]
    undone_by_id: Mapped[str | None] = mapped_column(String(32))


class SchoolClass(Base):
    """A OneRoster class (a section of a course in a building): its enrollments say who
    teaches whom."""

    __tablename__ = "classes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    sourced_id: Mapped[str] = mapped_column(String(255), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    class_type: Mapped[str] = mapped_column(String(32))  # homeroom | scheduled
    building_id: Mapped[str | None] = mapped_column(ForeignKey("buildings.id"), index=True)
    course_sourced_id: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Enrollment(Base):
    """A person in a class with the OneRoster role (teacher, student, aide ...) and dates."""

    __tablename__ = "enrollments"

    class_id: Mapped[str] = mapped_column(
        ForeignKey("classes.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    primary: Mapped[bool] = mapped_column(Boolean, default=False)
    begin_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
