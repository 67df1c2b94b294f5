"""A page's session and the signed-in person read together (one round trip on PostgreSQL):
the same principal as reading them one after the other, nothing for someone no longer
active, and no rows for a session without a person or a session that does not exist."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from lanyard.auth.service import PRINCIPAL_ROWS_OF_SESSION, principal_for, principal_of_rows
from lanyard.auth.sessions import DatabaseSessionStore, StoredSession, hash_session_id
from lanyard.db.session import Database
from lanyard.directory.orm import Person
from tests.support.district import seed_district

NOW = dt.datetime(2026, 12, 8, 8, 0, tzinfo=dt.UTC)


def _session(store: DatabaseSessionStore, name: str, person_id: str | None) -> str:
    id_hash = hash_session_id(name)
    store.save(
        StoredSession(
            id_hash=id_hash,
            person_id=person_id,
            created_at=NOW,
            last_seen_at=NOW,
            expires_at=NOW + dt.timedelta(hours=8),
            data={"csrf": "token"},
        )
    )
    return id_hash


def test_the_session_and_its_principal_in_one_read(database: Database) -> None:
    district = seed_district(database)
    store = DatabaseSessionStore(database)
    teacher = _session(store, "teacher-session", district.principal)
    anonymous = _session(store, "anonymous-session", None)

    stored, rows = store.load_with(teacher, PRINCIPAL_ROWS_OF_SESSION)
    assert stored is not None and stored.person_id == district.principal
    assert stored.data == {"csrf": "token"}
    with database.read() as connection:
        one_by_one = principal_for(connection, district.principal)
    assert one_by_one is not None
    assert principal_of_rows(district.principal, rows) == one_by_one

    stored, rows = store.load_with(anonymous, PRINCIPAL_ROWS_OF_SESSION)
    assert stored is not None and stored.person_id is None and rows == []

    assert store.load_with(hash_session_id("never-made"), PRINCIPAL_ROWS_OF_SESSION) == (None, [])

    # deactivated since the session began: the session is read, the principal is not made
    with database.uow(write=True) as uow:
        uow.session.execute(
            update(Person).where(Person.id == district.principal).values(active=False)
        )
        uow.commit()
    stored, rows = store.load_with(teacher, PRINCIPAL_ROWS_OF_SESSION)
    assert stored is not None
    assert principal_of_rows(district.principal, rows) is None
