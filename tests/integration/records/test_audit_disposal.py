"""Disposing of the audit log's oldest entries: the database lets entries go only up to a
recorded cut, the disposition verifies the log, signs a checkpoint at the cut and writes a
certificate naming it, and ``lanyard audit verify`` (and an export made afterwards)
accept the missing prefix only when the three agree."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from lanyard.audit import service as audit
from lanyard.audit.service import AuditEvent
from lanyard.db.session import Database

NOW = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


def write_entries(db: Database, n: int, *, at: dt.datetime = NOW) -> None:
    with db.uow(write=True) as uow:
        for i in range(n):
            audit.record(
                uow.session,
                event=AuditEvent.APPROVAL_RECORDED,
                subject_type="approval",
                subject_id=f"a{i}",
                actor_id="t-cole",
                now=at + dt.timedelta(minutes=i),
                after={"n": i},
            )
        uow.commit()


def _disposal_row(through: int) -> str:
    return (
        "INSERT INTO audit_disposals (through_seq, head, first_seq, removed, certificate_seq, "
        "at, checkpoint_at, mac_from, key_id, signature) VALUES "
        f"({through}, '{'0' * 64}', 1, {through}, 99, '2026-12-05 09:00:00', "
        "'2026-12-05 09:00:00', NULL, 'k', 's')"
    )


def test_the_database_lets_entries_go_only_up_to_a_recorded_cut(database: Database) -> None:
    write_entries(database, 6)
    with database.engine.connect() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("DELETE FROM audit_entries WHERE seq = 1"))
    with database.engine.begin() as conn:
        conn.execute(text(_disposal_row(3)))
        conn.execute(text("DELETE FROM audit_entries WHERE seq <= 3"))
    for statement in (
        "DELETE FROM audit_entries WHERE seq = 4",  # beyond the cut
        "DELETE FROM audit_entries",
        "UPDATE audit_entries SET actor_id = 'x' WHERE seq = 5",
        "UPDATE audit_disposals SET through_seq = 6",  # widening the cut
        "DELETE FROM audit_disposals",
        _disposal_row(2),  # a cut behind the last one
    ):
        with database.engine.connect() as conn, pytest.raises(Exception, match="audit"):
            conn.execute(text(statement))
    with database.engine.connect() as conn:
        left = conn.execute(text("SELECT seq FROM audit_entries ORDER BY seq")).scalars().all()
        cuts = conn.execute(text("SELECT through_seq FROM audit_disposals")).scalars().all()
    assert (left, cuts) == ([4, 5, 6], [3])
