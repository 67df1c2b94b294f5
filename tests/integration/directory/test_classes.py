"""OneRoster classes and enrollments are stored by the directory import (in its one
transaction): who teaches whom, from when to when; a re-import changes only what changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from lanyard.db.session import Database
from lanyard.directory.orm import Enrollment, Person, SchoolClass

from .helpers import FIXTURES, copy_set, drop_rows, edit, run_import


def enrolled(database: Database) -> set[tuple[str, str, str, bool, str | None, str | None]]:
    with database.uow() as uow:
        rows = uow.session.execute(
            select(
                SchoolClass.sourced_id,
                Person.sourced_id,
                Enrollment.role,
                Enrollment.primary,
                Enrollment.begin_date,
                Enrollment.end_date,
            )
            .join(SchoolClass, SchoolClass.id == Enrollment.class_id)
            .join(Person, Person.id == Enrollment.person_id)
        ).all()
    return {
        (c, p, role, primary, begin and begin.isoformat(), end and end.isoformat())
        for c, p, role, primary, begin, end in rows
    }


def classes(database: Database) -> dict[str, tuple[str, str, bool]]:
    with database.uow() as uow:
        return {
            c.sourced_id: (c.title, c.class_type, c.active)
            for c in uow.session.scalars(select(SchoolClass))
        }


def test_the_import_stores_classes_and_who_is_enrolled_in_them(database: Database) -> None:
    result = run_import(database, FIXTURES / "v1p1")
    assert result.classes.counts() == {"added": 2, "changed": 0, "deactivated": 0}
    assert len(result.enrollments_added) == 5
    assert classes(database) == {
        "k-alg1-3": ("Algebra I - Period 3", "scheduled", True),
        "k-sci7-1": ("Science 7 - Period 1", "scheduled", True),
    }
    assert enrolled(database) == {
        ("k-alg1-3", "u-t-1815", "teacher", True, "2025-08-18", "2026-01-16"),
        ("k-alg1-3", "u-s-2001", "student", False, "2025-08-18", "2026-01-16"),
        ("k-sci7-1", "u-t-1815", "teacher", True, None, None),
        ("k-sci7-1", "u-s-2002", "student", False, None, None),
        ("k-sci7-1", "u-x-1950", "aide", False, None, None),
    }
    again = run_import(database, FIXTURES / "v1p1")
    assert not again.changed


def test_a_reimport_changes_only_what_changed(database: Database, tmp_path: Path) -> None:
    run_import(database, FIXTURES / "v1p1")
    folder = copy_set(tmp_path)
    edit(folder, "classes.csv", "Algebra I - Period 3", "Algebra I - Period 4")
    edit(
        folder,
        "enrollments.csv",
        "u-s-2001,student,false,2025-08-18,2026-01-16",
        "u-s-2001,student,false,2025-08-18,2025-12-19",
    )
    drop_rows(folder, "enrollments.csv", ("e-5",))
    result = run_import(database, folder)
    assert result.classes.changed == (("k-alg1-3", ("title",)),)
    assert {e[:3] for e in result.enrollments_removed} == {
        ("k-alg1-3", "u-s-2001", "student"),
        ("k-sci7-1", "u-x-1950", "aide"),
    }
    assert {e[:3] for e in result.enrollments_added} == {("k-alg1-3", "u-s-2001", "student")}
    assert classes(database)["k-alg1-3"][0] == "Algebra I - Period 4"
    stored = enrolled(database)
    assert ("k-alg1-3", "u-s-2001", "student", False, "2025-08-18", "2025-12-19") in stored
    assert not any(e[1] == "u-x-1950" for e in stored)

    drop_rows(folder, "classes.csv", ("k-sci7-1",))
    drop_rows(folder, "enrollments.csv", ("e-3", "e-4"))
    result = run_import(database, folder)
    assert result.classes.deactivated == ("k-sci7-1",)
    assert classes(database)["k-sci7-1"][2] is False  # kept, inactive: never deleted
    assert not any(e[0] == "k-sci7-1" for e in enrolled(database))
