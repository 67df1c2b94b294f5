"""Undoing an import on SQLite and PostgreSQL: the people, buildings and parent links it
changed come back as they were; the guard against mass deactivation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lanyard.db.session import Database
from lanyard.directory.orm import ParentLink
from lanyard.directory.service import ImportRefused, import_oneroster, undo_import
from tests.integration.directory.helpers import (
    FIXTURES,
    NOW,
    copy_set,
    drop_rows,
    edit,
    run_import,
)
from tests.integration.directory.test_import import people_by_sid


def _links(database: Database) -> int:
    with database.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(ParentLink)) or 0)


def test_undo_restores_people_buildings_and_links(database: Database, tmp_path: Path) -> None:
    run_import(database, FIXTURES / "v1p1")
    links = _links(database)
    folder = copy_set(tmp_path)
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
    edit(folder, "users.csv", ",,,u-p-3001,09,", ",,,,09,")
    edit(folder, "users.csv", "+15555550123,,u-s-2001,", "+15555550123,,,")

    with database.uow() as uow, pytest.raises(ImportRefused, match="typing the number 3"):
        import_oneroster(uow=uow, path=folder, dry_run=False, now=NOW)
    assert all(p.active for p in people_by_sid(database).values())

    with database.uow() as uow:
        result = import_oneroster(
            uow=uow, path=folder, dry_run=False, now=NOW, confirmed_deactivations=3
        )
    assert result.import_id is not None
    gone = people_by_sid(database)
    assert not gone["u-x-1950"].active and gone["u-x-1950"].deactivated_at == NOW
    assert _links(database) < links

    later = NOW + dt.timedelta(days=6)
    with database.uow() as uow:
        undo_import(uow=uow, import_id=result.import_id, now=later)
    back = people_by_sid(database)
    assert all(p.active for p in back.values())
    assert back["u-x-1950"].deactivated_at is None
    assert _links(database) == links
    with database.uow() as uow, pytest.raises(ImportRefused, match="already undone"):
        undo_import(uow=uow, import_id=result.import_id, now=later)
