"""Audit entries of anonymous actions, held until their day has ended (issue 10).

An anonymous request's submission written to the log at once would sit beside the
submitter's own entries (a sign-in two seconds before it) and carry the second it was
made. Instead :func:`hold` keeps the entry with its day only, and :func:`release_due`
(hourly, once the day is over) appends every held entry of an ended day in a random
order, each stamped with the start of its day (00:00 UTC).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.audit.orm import HeldAuditEntry
from lanyard.audit.service import AuditEvent, record


def day_start(moment: dt.datetime) -> dt.datetime:
    """The start (00:00 UTC) of the day ``moment`` falls in: the only time kept."""
    day = moment.astimezone(dt.UTC).date()
    return dt.datetime.combine(day, dt.time(), dt.UTC)


def hold(
    session: Session,
    *,
    event: AuditEvent,
    subject_type: str,
    subject_id: str | None,
    now: dt.datetime,
    building_id: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Keep an entry (no actor: the action is anonymous) for the day's batch."""
    session.add(
        HeldAuditEntry(
            day=now.astimezone(dt.UTC).date(),
            event=str(event),
            subject_type=subject_type,
            subject_id=subject_id,
            building_id=building_id,
            before=_plain(before),
            after=_plain(after),
        )
    )
    session.flush()


def _plain(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {k: v.isoformat() if isinstance(v, dt.datetime) else v for k, v in value.items()}


def release_due(session: Session, *, now: dt.datetime) -> list[tuple[str, str | None]]:
    """Append the held entries of every day before today's (UTC) to the log, shuffled,
    and delete them; the caller commits. Returns (event, subject id) of each released."""
    today = now.astimezone(dt.UTC).date()
    rows = list(session.scalars(select(HeldAuditEntry).where(HeldAuditEntry.day < today)))
    if not rows:
        return []
    shuffled = sorted(rows, key=lambda row: (row.day, secrets.randbits(64)))
    released = []
    for row in shuffled:
        record(
            session,
            event=AuditEvent(row.event),
            subject_type=row.subject_type,
            subject_id=row.subject_id,
            now=dt.datetime.combine(row.day, dt.time(), dt.UTC),
            building_id=row.building_id,
            before=row.before,
            after={**(row.after or {}), "held_until_the_day_ended": True},
        )
        released.append((row.event, row.subject_id))
        session.delete(row)
    session.flush()
    return released
