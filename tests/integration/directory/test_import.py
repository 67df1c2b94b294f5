"""The OneRoster import against real SQLite and PostgreSQL: idempotent, one transaction
with one audit entry, bulk deactivation, dry runs and refusals that write nothing."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from lanyard.audit.orm import AuditEntry
from lanyard.connectors.oneroster import RosterError
from lanyard.db.session import Database
from lanyard.directory.orm import Building, EmailDomain, ParentLink, Person
from lanyard.directory.service import district_domains, get_person_by_sourced_id, parents_of

from .helpers import FIXTURES, copy_set, drop_rows, edit, reject_person, run_import, snapshot


def people_by_sid(database: Database) -> dict[str, Person]:
    with database.uow() as uow:
        people = {p.sourced_id or "": p for p in uow.session.scalars(select(Person))}
        uow.session.expunge_all()  # detached, still readable after the unit of work
    return people


def audit_entries(database: Database) -> list[AuditEntry]:
    with database.uow() as uow:
        entries = list(uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        uow.session.expunge_all()
    return entries


def test_first_import_creates_the_directory_with_one_audit_entry(database: Database) -> None:
    result = run_import(database, FIXTURES / "v1p1")
    assert result.buildings.counts() == {"added": 3, "changed": 0, "deactivated": 0}
    assert result.people.counts() == {"added": 7, "changed": 0, "deactivated": 0}
    assert len(result.parent_links.added) == 2

    people = people_by_sid(database)
    teacher = people["u-t-1815"]
    assert (teacher.kind, teacher.staff_role, teacher.source_role) == (
        "staff",
        "teacher",
        "teacher",
    )
    assert [b.sourced_id for b in teacher.buildings] == ["s-120", "s-110"]  # by name
    student = people["u-s-2001"]
    assert student.birth_date == dt.date(2010, 12, 9)
    assert student.grades == "09"
    with database.uow() as uow:
        assert [p.sourced_id for p in parents_of(uow.session, student.id)] == ["u-p-3001"]
        primary = uow.session.get(Building, teacher.primary_building_id)
        assert primary is not None and primary.sourced_id == "s-110"

    entries = audit_entries(database)
    assert [e.event for e in entries] == ["directory:imported"]
    assert entries[0].after is not None
    assert entries[0].after["people"] == {"added": 7, "changed": 0, "deactivated": 0}
    assert entries[0].seq == result.audit_seq


def test_passwords_in_the_export_are_not_stored(database: Database) -> None:
    run_import(database, FIXTURES / "v1p1")
    dump = str(snapshot(database))
    assert "s3cret-do-not-keep" not in dump


def test_importing_the_same_files_again_changes_nothing(database: Database) -> None:
    run_import(database, FIXTURES / "v1p1")
    before = snapshot(database)
    result = run_import(database, FIXTURES / "v1p1")
    assert not result.changed
    assert result.people.counts() == {"added": 0, "changed": 0, "deactivated": 0}
    assert result.audit_seq is None
    assert snapshot(database) == before  # and no audit entry for "nothing"


def test_dry_run_reports_the_diff_and_writes_nothing(database: Database, tmp_path: Path) -> None:
    run_import(database, FIXTURES / "v1p1")
    before = snapshot(database)
    folder = copy_set(tmp_path)
    edit(folder, "users.csv", "kjohnson@example.org", "katherine.johnson@example.org")
    edit(
        folder, "users.csv", "u-p-3002,,,true,s-120,guardian,,,Ethel,Turing,,,,,,u-s-2002,,,\n", ""
    )
    edit(folder, "users.csv", ",,,u-p-3001,09,", ",,,,09,")  # the link, both ways, is gone
    edit(folder, "users.csv", "+15555550123,,u-s-2001,", "+15555550123,,,")
    result = run_import(database, folder, dry_run=True)
    assert result.dry_run
    assert result.people.changed == (("u-x-1950", ("email",)),)
    assert result.people.deactivated == ("u-p-3002",)
    # a deactivated guardian keeps the link on record; a link both rows dropped goes
    assert result.parent_links.removed == {("u-p-3001", "u-s-2001")}
    assert snapshot(database) == before

    applied = run_import(database, folder)
    assert applied.parent_links.removed == {("u-p-3001", "u-s-2001")}
    with database.uow() as uow:
        links = uow.session.execute(select(func.count()).select_from(ParentLink)).scalar()
    assert links == 1


def test_absent_people_and_buildings_are_deactivated_never_deleted(
    database: Database, tmp_path: Path
) -> None:
    run_import(database, FIXTURES / "v1p1")
    folder = copy_set(tmp_path)
    # Hopper Middle School closes: its people and classes leave the export.
    for name, ids in (
        ("orgs.csv", ("s-120",)),
        ("users.csv", ("u-x-1950", "u-s-2002", "u-p-3002")),
        ("courses.csv", ("c-sci7",)),
        ("classes.csv", ("k-sci7-1",)),
        ("enrollments.csv", ("e-3", "e-4", "e-5")),
        ("demographics.csv", ("u-s-2002",)),
    ):
        drop_rows(folder, name, ids)
    edit(folder, "users.csv", '"s-110,s-120",teacher', "s-110,teacher")
    result = run_import(database, folder)
    assert result.buildings.deactivated == ("s-120",)
    assert result.people.deactivated == ("u-p-3002", "u-s-2002", "u-x-1950")
    assert result.people.changed == (("u-t-1815", ("buildings",)),)

    people = people_by_sid(database)
    assert len(people) == 7  # nobody deleted
    assert not people["u-s-2002"].active and not people["u-x-1950"].active
    assert people["u-t-1815"].active
    assert [b.sourced_id for b in people["u-t-1815"].buildings] == ["s-110"]
    with database.uow() as uow:
        school = uow.session.scalar(select(Building).where(Building.sourced_id == "s-120"))
        assert school is not None and not school.active

    # The school reopens: the same people come back active.
    again = run_import(database, FIXTURES / "v1p1")
    assert again.buildings.changed == (("s-120", ("active",)),)
    assert ("u-s-2002", ("active",)) in again.people.changed
    assert people_by_sid(database)["u-s-2002"].active


def test_a_zip_imports_like_the_folder(database: Database, tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted((FIXTURES / "v1p1").iterdir()):
            zf.write(file, file.name)
    assert run_import(database, archive).people.counts()["added"] == 7
    assert not run_import(database, FIXTURES / "v1p1").changed


def test_a_1_2_export_imports_roles_from_roles_csv(database: Database) -> None:
    run_import(database, FIXTURES / "v1p2")
    people = people_by_sid(database)
    assert people["u-a-1900"].source_role == "principal"
    assert people["u-a-1900"].staff_role == "administrator"
    assert people["u-t-1815"].display_name == "Ada Lovelace"
    assert people["u-c-1960"].username is None
    assert not run_import(database, FIXTURES / "v1p2").changed


def test_a_refused_file_writes_nothing(database: Database, tmp_path: Path) -> None:
    run_import(database, FIXTURES / "v1p1")
    before = snapshot(database)
    folder = copy_set(tmp_path)
    edit(folder, "users.csv", "Ada,Lovelace", "Augusta,Lovelace")  # a valid change...
    edit(folder, "enrollments.csv", "s-120,u-s-2002,", "s-120,u-9,")  # ...and a bad row
    with pytest.raises(RosterError) as info:
        run_import(database, folder)
    assert str(info.value) == (
        "enrollments.csv, row 5, column userSourcedId: 'u-9' is not defined in users.csv"
    )
    assert snapshot(database) == before


def test_a_failure_half_way_through_the_writes_leaves_the_data_as_it_was(
    database: Database, tmp_path: Path
) -> None:
    run_import(database, FIXTURES / "v1p1")
    before = snapshot(database)
    folder = copy_set(tmp_path)
    # Buildings change (written first), then the people insert fails on the new row.
    edit(folder, "orgs.csv", "Lovelace High School", "Ada Lovelace High School")
    edit(folder, "orgs.csv", "d-100\n", "d-100\ns-130,,,Noether Elementary,school,,d-100\n")
    edit(folder, "users.csv", "Ada,Lovelace", "Augusta,Lovelace")
    with (folder / "users.csv").open("a", encoding="utf-8") as out:
        out.write("u-boom,,,true,s-130,teacher,enoether,,Emmy,Noether,,E2000,,,,,,,\n")
    reject_person(database, "u-boom")
    with pytest.raises(DBAPIError, match="rejected by test trigger"):
        run_import(database, folder)
    assert snapshot(database) == before


def test_a_coach_recorded_in_lanyard_stays_a_coach_after_reimport(database: Database) -> None:
    run_import(database, FIXTURES / "v1p1")
    with database.uow() as uow:
        teacher = get_person_by_sourced_id(uow.session, "u-t-1815")
        assert teacher is not None
        teacher.staff_role = "coach"
        uow.commit()
    assert not run_import(database, FIXTURES / "v1p1").changed
    assert people_by_sid(database)["u-t-1815"].staff_role == "coach"


def test_district_domains_from_settings_and_from_the_roster(database: Database) -> None:
    run_import(database, FIXTURES / "v1p1", domains=("Example.org", "district.example.edu"))
    with database.uow() as uow:
        domains = district_domains(uow.session)
    # example.org: the staff domain; students.example.org: most student addresses,
    # a subdomain of it; gmail.example.com (one student's personal address) is not.
    assert domains == {
        "example.org": "staff",
        "district.example.edu": "both",
        "students.example.org": "student",
    }
    result = run_import(database, FIXTURES / "v1p1", domains=("example.org",))
    assert not result.changed


def test_parent_links_listed_both_ways_are_stored_once(database: Database) -> None:
    run_import(database, FIXTURES / "v1p1")
    with database.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(ParentLink)) == 2
        assert uow.session.scalar(select(func.count()).select_from(EmailDomain)) == 2
