"""Personal addresses the district knows (a contacts import): a student's home e-mail, a
parent's second address, an employee's personal account. With them a message to such an
address is resolved to its person, as a personal account, instead of staying unknown.

The file is a CSV with a header row: ``address`` (an e-mail address, or
``<platform>:<user id>``) and ``person`` (the person's OneRoster sourcedId) are
required, ``source`` (where the district learned it) is optional. One transaction, one
audit entry; a bad line refuses the whole file, naming the line and the field.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from lanyard.audit.service import AuditEvent, record
from lanyard.connectors.messages.base import MessageLogError, normalize_address
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Person
from lanyard.messages.orm import KnownAddress


@dataclass(frozen=True)
class ContactsResult:
    added: int
    changed: int
    unchanged: int
    audit_seq: int | None


def import_known_addresses(
    *, uow: UnitOfWork, path: Path, now: dt.datetime, actor_id: str | None = None
) -> ContactsResult:
    """Add or update known personal addresses from a CSV (see the module); commits."""
    session = uow.session
    people = dict(
        session.execute(
            select(Person.sourced_id, Person.id).where(Person.sourced_id.is_not(None))
        ).all()
    )
    rows: dict[str, tuple[str, str | None]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [c.strip() for c in reader.fieldnames or []]
        reader.fieldnames = columns
        for name in ("address", "person"):
            if name not in columns:
                raise MessageLogError(path.name, 1, name, "no such column")
        for row in reader:
            line = reader.line_num
            raw = (row.get("address") or "").strip()
            if not raw:
                raise MessageLogError(path.name, line, "address", "is empty")
            if "@" not in raw and ":" not in raw:
                raise MessageLogError(
                    path.name, line, "address", "is neither an e-mail address nor platform:id"
                )
            address = normalize_address(raw) if "@" in raw else raw.lower()
            sourced_id = (row.get("person") or "").strip()
            person_id = people.get(sourced_id)
            if person_id is None:
                raise MessageLogError(
                    path.name, line, "person", "is not the sourcedId of anybody in the directory"
                )
            rows[address] = (person_id, (row.get("source") or "").strip() or None)
    existing = {k.address: k for k in session.scalars(select(KnownAddress))}
    added = changed = unchanged = 0
    for address, (person_id, source) in rows.items():
        known = existing.get(address)
        if known is None:
            session.add(KnownAddress(address=address, person_id=person_id, source=source))
            added += 1
        elif (known.person_id, known.source) != (person_id, source):
            known.person_id, known.source = person_id, source
            changed += 1
        else:
            unchanged += 1
    seq = None
    if added or changed:
        entry = record(
            session,
            event=AuditEvent.KNOWN_ADDRESSES_IMPORTED,
            subject_type="known_addresses",
            subject_id=None,
            now=now,
            actor_id=actor_id,
            after={"file": path.name, "added": added, "changed": changed},
        )
        seq = entry.seq
        uow.commit()
    return ContactsResult(added, changed, unchanged, seq)
