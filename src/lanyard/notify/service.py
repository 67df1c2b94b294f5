"""Telling people things: rows written in the caller's transaction, e-mails after commit.

Call :func:`notify` inside a use case; it adds the rows and registers an after-commit
hook that mails them. A send that fails with a transient error stays ``pending`` and is
retried by :func:`send_pending` (``lanyard notify send``, or the job runner) with backoff;
nothing is lost because the row exists before any mail is attempted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session

from lanyard.db.base import new_id
from lanyard.db.session import Database, UnitOfWork
from lanyard.directory.orm import Person
from lanyard.notify.base import Email, Notifier, PermanentError, TransientError
from lanyard.notify.orm import Notification

MAX_ATTEMPTS = 8


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=min(2**attempts, 240))


def notify(
    *,
    uow: UnitOfWork,
    person_ids: Iterable[str],
    subject: str,
    body: str,
    now: dt.datetime,
    link: str | None = None,
    kind: str = "general",
    deliver: Callable[[list[str]], None] | None = None,
) -> list[str]:
    """Record one notification per person; ``deliver`` (the app's mailer hook, given the
    new ids) runs only after the transaction commits."""
    rows = [
        {
            "id": new_id(),
            "person_id": person_id,
            "created_at": now,
            "subject": subject,
            "body": body,
            "link": link,
            "kind": kind,
            "email_status": "pending",
            "email_attempts": 0,
            "email_next_attempt_at": now,
        }
        for person_id in dict.fromkeys(person_ids)
    ]
    # One bulk insert (a reminder round tells tens of thousands of people at once).
    for start in range(0, len(rows), 5000):
        uow.session.execute(insert(Notification), rows[start : start + 5000])
    ids = [str(row["id"]) for row in rows]
    if deliver is not None and ids:
        uow.after_commit(lambda: deliver(ids))
    return ids


def send_pending(
    db: Database,
    notifier: Notifier,
    *,
    now: dt.datetime,
    ids: Iterable[str] | None = None,
    limit: int = 200,
    base_url: str | None = None,
) -> dict[str, int]:
    """Mail pending notifications that are due (or exactly ``ids``). Each is claimed with a
    conditional update, so two runners never send the same one. ``base_url`` (the public
    URL setting) makes the link in each e-mail absolute."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    with db.uow() as uow:
        stmt = select(Notification.id).where(Notification.email_status == "pending")
        if ids is not None:
            stmt = stmt.where(Notification.id.in_(list(ids)))
        else:
            stmt = stmt.where(
                or_(
                    Notification.email_next_attempt_at.is_(None),
                    Notification.email_next_attempt_at <= now,
                )
            )
        due = list(uow.session.scalars(stmt.order_by(Notification.created_at).limit(limit)))
    for notification_id in due:
        outcome = _send_one(db, notifier, notification_id, now, base_url)
        if outcome:
            counts[outcome] += 1
    return counts


def _send_one(
    db: Database,
    notifier: Notifier,
    notification_id: str,
    now: dt.datetime,
    base_url: str | None = None,
) -> str:
    with db.uow(write=True) as uow:
        claimed = uow.session.execute(
            update(Notification)
            .where(Notification.id == notification_id, Notification.email_status == "pending")
            .values(email_status="sending", email_attempts=Notification.email_attempts + 1)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return ""
        row = uow.session.get(Notification, notification_id)
        assert row is not None
        address = uow.session.scalar(select(Person.email).where(Person.id == row.person_id))
        email = Email(to=address or "", subject=row.subject, body=_body(row, base_url))
        attempts = row.email_attempts
        uow.commit()
    status = "sent"
    error: str | None = None
    next_at: dt.datetime | None = None
    sent_at: dt.datetime | None = now
    try:
        if not email.to:
            raise PermanentError("no e-mail address on file")
        notifier.send(email)
    except PermanentError as exc:
        status, error, sent_at = "failed", str(exc)[:500], None
    except TransientError as exc:
        status, error, sent_at = "pending", str(exc)[:500], None
        next_at = now + backoff(attempts)
        if attempts >= MAX_ATTEMPTS:
            status = "failed"
    with db.uow(write=True) as uow:
        uow.session.execute(
            update(Notification)
            .where(Notification.id == notification_id)
            .values(
                email_status=status,
                email_error=error,
                email_next_attempt_at=next_at,
                email_sent_at=sent_at,
            )
        )
        uow.commit()
    return {"sent": "sent", "pending": "retry", "failed": "failed"}[status]


def _body(row: Notification, base_url: str | None = None) -> str:
    if not row.link:
        return row.body
    link = row.link
    if base_url and link.startswith("/"):
        link = base_url.rstrip("/") + link
    return row.body + f"\n\nOpen it in Lanyard: {link}"


def unread(session: Session, person_id: str, limit: int = 20) -> list[Notification]:
    return list(
        session.scalars(
            select(Notification)
            .where(Notification.person_id == person_id, Notification.read_at.is_(None))
            .order_by(Notification.created_at.desc())
            .limit(limit)
        )
    )


def mark_read_about(session: Session, *, person_id: str, link: str, now: dt.datetime) -> None:
    """The person has opened the page ``link`` leads to (a case, a request): their
    notifications about it are read. Part of the caller's transaction (no commit)."""
    session.execute(
        update(Notification)
        .where(
            Notification.person_id == person_id,
            Notification.link == link,
            Notification.read_at.is_(None),
        )
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )


def mark_read(*, uow: UnitOfWork, person_id: str, notification_id: str, now: dt.datetime) -> bool:
    result = uow.session.execute(
        update(Notification)
        .where(
            Notification.id == notification_id,
            Notification.person_id == person_id,
            Notification.read_at.is_(None),
        )
        .values(read_at=now)
    )
    uow.commit()
    return bool(result.rowcount)  # type: ignore[attr-defined]
