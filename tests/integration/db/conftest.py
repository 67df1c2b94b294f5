"""What the tests of writers asking at once share: a PostgreSQL database of their own (the
``postgresql`` fixture, for what only PostgreSQL has: its advisory lock, its sessions), the
situation they ask about (:data:`ASK_DRAFT`) and the teacher who asks (:func:`add_teacher`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from lanyard.db.session import Database
from lanyard.directory.orm import Person
from tests.support.databases import MigratedTemplates, postgres_schema_url

# A teacher e-mailing a parent from the district's account: decided without a follow-up.
ASK_DRAFT: dict[str, Any] = {
    "district": "chsd-230",
    "action": "message",
    "purpose": "district_business",
    "channel": {"medium": "email", "account": "district"},
    "counterparts": [{"role": "parent"}],
}


@pytest.fixture
def postgresql(migrated_templates: MigratedTemplates) -> Iterator[Database]:
    with postgres_schema_url() as url:
        migrated_templates.fill(url)
        db = Database(url)
        yield db
        db.engine.dispose()


def add_teacher(database: Database) -> str:
    """A teacher added to the directory: her id."""
    with database.uow(write=True) as uow:
        person = Person(kind="staff", staff_role="teacher", given_name="Ada", family_name="Lee")
        uow.session.add(person)
        uow.commit()
        return person.id
