"""Shared helpers for the directory integration tests."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from lanyard.db.session import Database
from lanyard.directory.service import ImportResult, import_oneroster

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "oneroster"
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
TABLES = (
    "buildings",
    "people",
    "person_buildings",
    "parent_links",
    "email_domains",
    "role_assignments",
    "classes",
    "enrollments",
    "audit_entries",
)


def copy_set(tmp_path: Path, version: str = "v1p1", name: str | None = None) -> Path:
    folder = tmp_path / (name or version)
    shutil.copytree(FIXTURES / version, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {name}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def drop_rows(folder: Path, name: str, sourced_ids: tuple[str, ...]) -> None:
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if line.split(",", 1)[0] not in sourced_ids]
    assert len(kept) == len(lines) - len(sourced_ids)
    path.write_text("".join(kept), encoding="utf-8")


def run_import(
    database: Database,
    path: Path,
    *,
    dry_run: bool = False,
    domains: tuple[str, ...] = (),
    threshold: float = 1.0,
) -> ImportResult:
    """Import ``path``; the fixture district is seven people, so these tests lift the
    mass-deactivation guard (tested in tests/web/test_import_safety.py) by default."""
    with database.uow() as uow:
        return import_oneroster(
            uow=uow,
            path=path,
            dry_run=dry_run,
            now=NOW,
            district_domains=domains,
            deactivation_threshold=threshold,
        )


def snapshot(
    database: Database, tables: tuple[str, ...] = TABLES
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of ``tables`` (by default the directory and audit tables), comparable
    between two moments."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with database.engine.connect() as conn:
        for table in tables:
            rows = conn.execute(text(f"SELECT * FROM {table}")).all()
            out[table] = sorted(tuple(map(str, r)) for r in rows)
    return out


def scalar_rows(database: Database, stmt: Any) -> list[Any]:
    with database.uow() as uow:
        return list(uow.session.scalars(stmt))


def reject_person(database: Database, sourced_id: str) -> None:
    """A real database trigger that refuses one person row, as a constraint would."""
    with database.engine.begin() as conn:
        if database.engine.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER reject_person BEFORE INSERT ON people "
                    f"WHEN NEW.sourced_id = '{sourced_id}' "
                    "BEGIN SELECT RAISE(ABORT, 'rejected by test trigger'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION reject_person() RETURNS trigger AS $$ BEGIN "
                    f"IF NEW.sourced_id = '{sourced_id}' THEN "
                    "RAISE EXCEPTION 'rejected by test trigger'; END IF; RETURN NEW; END $$ "
                    "LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER reject_person BEFORE INSERT ON people "
                    "FOR EACH ROW EXECUTE FUNCTION reject_person()"
                )
            )


__all__ = ["select"]
