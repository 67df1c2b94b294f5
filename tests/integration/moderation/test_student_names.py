"""The directory's students as the classifier's names: built once per district, rebuilt
when the directory changes."""

from __future__ import annotations

from lanyard.db.session import Database
from lanyard.directory.orm import Person
from lanyard.moderation.students import student_names
from tests.integration.moderation.seed import Moderation


def test_the_names_are_reused_until_a_student_leaves_the_directory(
    database: Database, mod: Moderation
) -> None:
    with database.uow() as uow:
        first = student_names(uow.session)
        again = student_names(uow.session)
    assert again is first
    assert [hit.name for hit in first.find("Sally South is failing math")] == ["Sally South"]
    with database.uow(write=True) as uow:
        sally = uow.session.get(Person, mod.district.south_student)
        assert sally is not None
        sally.active = False
        uow.commit()
    with database.uow() as uow:
        after = student_names(uow.session)
    assert after is not first
    assert after.find("Sally South is failing math") == []
    assert [hit.name for hit in after.find("Sam Student is failing math")] == ["Sam Student"]
