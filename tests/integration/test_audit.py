"""The audit log is append-only and its hash chain names an edited or deleted entry."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from lanyard.audit import service as audit
from lanyard.audit.keys import SESSION_INFO_KEY, new_mac_key
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.cli.main import cli
from lanyard.crypto.keyring import parse_keys
from lanyard.db.session import Database

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def write_entries(database: Database, n: int) -> None:
    with database.uow() as uow:
        for i in range(n):
            audit.record(
                uow.session,
                event=AuditEvent.APPROVAL_RECORDED,
                subject_type="approval",
                subject_id=f"a{i}",
                actor_id="p1",
                now=NOW + dt.timedelta(minutes=i),
                before=None,
                after={"form": "social-media-request", "n": i},
            )
        uow.commit()


def test_chain_verifies(database: Database) -> None:
    write_entries(database, 5)
    with database.uow() as uow:
        count, problems = audit.verify(uow.session)
    assert (count, problems) == (5, [])


def test_database_refuses_to_edit_an_entry(database: Database) -> None:
    write_entries(database, 2)
    with database.engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
        conn.execute(text("UPDATE audit_entries SET subject_id = 'x' WHERE seq = 1"))


def _drop_guards(database: Database) -> None:
    """What someone with the database owner's rights could do."""
    with database.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP TRIGGER audit_entries_append_only ON audit_entries"))
        else:
            conn.execute(text("DROP TRIGGER audit_entries_no_update"))
            conn.execute(text("DROP TRIGGER audit_entries_no_delete"))


def test_edited_entry_is_named(database: Database) -> None:
    write_entries(database, 4)
    _drop_guards(database)
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET actor_id = 'someone-else' WHERE seq = 3"))
    with database.uow() as uow:
        _, problems = audit.verify(uow.session)
    assert [str(p) for p in problems] == ["entry 3: was edited after it was written"]


def test_deleted_entry_is_named(database: Database) -> None:
    write_entries(database, 4)
    _drop_guards(database)
    with database.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq = 2"))
    with database.uow() as uow:
        _, problems = audit.verify(uow.session)
    assert [str(p) for p in problems] == ["entry 3: entry 2 before it was deleted"]


def test_audit_verify_command_exits_1_and_names_the_entry(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_entries(database, 3)
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    ok = CliRunner().invoke(cli, ["audit", "verify"])
    assert ok.exit_code == 0 and "audit log intact: 3 entries" in ok.output
    _drop_guards(database)
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET event = 'person:viewed' WHERE seq = 1"))
    broken = CliRunner().invoke(cli, ["audit", "verify"])
    assert broken.exit_code == 1
    assert "entry 1: was edited after it was written" in broken.output


def test_entries_of_any_content_verify_with_their_mac_whether_or_not_sent_with_the_commit(
    database: Database,
) -> None:
    """The text an entry's JSON is stored as is the text its hash covers: what verifying
    reads back and hashes again agrees, for content that is not plain JSON (a time, a
    number as a key, a tuple or an enum inside plain JSON, accents, nesting) and for
    entries sent with the commit."""
    keys = parse_keys(new_mac_key("k1"))
    contents: list[Any] = [
        None,
        {"z": 1, "a": [1.5, None, True], "nested": {"b": "ü", "a": "naïve — “quoted”"}},
        {10: "ten", 9: "nine"},  # keys that are numbers: sorted as the text they become
        {"at": NOW, "count": 3, "empty": {}, "list": []},
        # plain JSON but for a tuple and a string enum deep inside: read back as JSON reads it
        {"ok": {"list": [1, {"pair": ("a", 2)}]}, "event": AuditEvent.DECISION_ASKED},
    ]
    for with_commit in (False, True):
        for n, after in enumerate(contents):
            with database.uow(write=True) as uow:
                uow.session.info[SESSION_INFO_KEY] = keys
                entry = audit.record(
                    uow.session,
                    event=AuditEvent.DECISION_ASKED,
                    subject_type="decision",
                    subject_id=None if n % 2 else f"s{n}",
                    actor_id=None if n == 1 else "p1",
                    now=NOW + dt.timedelta(seconds=n),
                    before=contents[-1 - n],
                    after=after,
                    with_commit=with_commit,
                )
                uow.commit()
            assert entry.after == (
                None if after is None else json.loads(json.dumps(after, default=str))
            )
    with database.uow() as uow:
        uow.session.info[SESSION_INFO_KEY] = keys
        count, problems = audit.verify(uow.session)
        macs = uow.session.scalars(select(AuditEntry.mac)).all()
    assert (count, problems) == (10, [])
    assert all(macs)


def test_an_entry_held_for_the_commit_is_not_written_without_it(database: Database) -> None:
    with database.uow(append_only=True) as uow:
        audit.record(
            uow.session,
            event=AuditEvent.DECISION_ASKED,
            subject_type="decision",
            subject_id=None,
            now=NOW,
            after={"n": 1},
            with_commit=True,
        )  # and no commit: the request failed after it
    write_entries(database, 2)
    with database.uow() as uow:
        count, problems = audit.verify(uow.session)
    assert (count, problems) == (2, [])
