"""Notifications reach a real SMTP server (aiosmtpd) only after the transaction commits;
a failed send is retried and the notification is never lost."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from lanyard.db.session import Database
from lanyard.directory.orm import Person
from lanyard.notify.mailers import SmtpNotifier
from lanyard.notify.orm import Notification
from lanyard.notify.service import notify, send_pending

NOW = dt.datetime(2026, 11, 23, 21, 0, tzinfo=dt.UTC)


class Inbox:
    def __init__(self, refuse: str | None = None) -> None:
        self.messages: list[Any] = []
        self.refuse = refuse

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:  # noqa: N802
        if self.refuse and address.startswith(self.refuse):
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(envelope)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox(refuse="nobody")
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def person(database: Database, email: str) -> str:
    with database.uow() as uow:
        p = Person(kind="staff", given_name="Pat", family_name="Lee", email=email)
        uow.session.add(p)
        uow.commit()
        return p.id


def statuses(database: Database) -> list[tuple[str, int]]:
    with database.uow() as uow:
        return [
            (r.email_status, r.email_attempts)
            for r in uow.session.scalars(select(Notification).order_by(Notification.created_at))
        ]


def test_mail_goes_out_after_commit_and_not_on_rollback(
    database: Database, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    notifier = SmtpNotifier(f"smtp://127.0.0.1:{port}", "Lanyard <lanyard@example.org>")
    pid = person(database, "pat@example.org")

    def deliver(ids: list[str]) -> None:
        send_pending(database, notifier, now=NOW, ids=ids)

    with pytest.raises(RuntimeError), database.uow() as uow:
        notify(uow=uow, person_ids=[pid], subject="Lost", body="x", now=NOW, deliver=deliver)
        raise RuntimeError("the use case failed before commit")
    assert inbox.messages == [] and statuses(database) == []

    with database.uow() as uow:
        notify(
            uow=uow,
            person_ids=[pid],
            subject="Request approved",
            body="Your Social Media Request Form was approved.",
            link="/requests/1",
            now=NOW,
            deliver=deliver,
        )
        assert inbox.messages == [], "nothing is sent before the commit"
        uow.commit()
    assert len(inbox.messages) == 1
    assert inbox.messages[0].rcpt_tos == ["pat@example.org"]
    assert b"Subject: Request approved" in inbox.messages[0].content
    assert statuses(database) == [("sent", 1)]


def test_a_transient_failure_is_retried_and_nothing_is_lost(database: Database) -> None:
    port = free_port()  # nothing listens there yet
    notifier = SmtpNotifier(f"smtp://127.0.0.1:{port}", "lanyard@example.org", timeout=2)
    pid = person(database, "pat@example.org")
    with database.uow() as uow:
        notify(uow=uow, person_ids=[pid], subject="Report due", body="y", now=NOW)
        uow.commit()
    assert send_pending(database, notifier, now=NOW) == {"sent": 0, "retry": 1, "failed": 0}
    assert statuses(database) == [("pending", 1)]
    assert send_pending(database, notifier, now=NOW) == {"sent": 0, "retry": 0, "failed": 0}, (
        "not due again until its backoff passes"
    )
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        later = NOW + dt.timedelta(minutes=5)
        assert send_pending(database, notifier, now=later)["sent"] == 1
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    assert statuses(database) == [("sent", 2)]


def test_a_refused_recipient_fails_permanently(database: Database, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    notifier = SmtpNotifier(f"smtp://127.0.0.1:{port}", "lanyard@example.org")
    pid = person(database, "nobody@example.org")
    with database.uow() as uow:
        notify(uow=uow, person_ids=[pid], subject="x", body="y", now=NOW)
        uow.commit()
    assert send_pending(database, notifier, now=NOW)["failed"] == 1
    assert statuses(database) == [("failed", 1)]
    assert inbox.messages == []


def test_links_in_mail_are_absolute_with_the_public_url(
    database: Database, smtp: tuple[Inbox, int]
) -> None:
    """An e-mail's link opens from a mail client: the public URL setting is its base."""
    from lanyard.bootstrap import services
    from lanyard.config import Settings
    from tests.conftest import TEST_ENCRYPTION_KEYS, TEST_SECRET_KEY

    inbox, port = smtp
    settings = Settings(
        database_url=database.engine.url.render_as_string(hide_password=False),
        secret_key=TEST_SECRET_KEY,  # type: ignore[arg-type]
        encryption_keys=TEST_ENCRYPTION_KEYS,  # type: ignore[arg-type]
        mailer="smtp",
        smtp_url=f"smtp://127.0.0.1:{port}",
        public_url="https://lanyard.d230.example.org/",
    )
    app = services(settings)
    pid = person(database, "pat@example.org")
    with database.uow() as uow:
        notify(
            uow=uow,
            person_ids=[pid],
            subject="Request approved",
            body="Your request was approved.",
            link="/requests/1",
            now=NOW,
            deliver=app.deliver,
        )
        uow.commit()
    app.db.engine.dispose()
    assert len(inbox.messages) == 1
    text = inbox.messages[0].content.decode()
    assert "Open it in Lanyard: https://lanyard.d230.example.org/requests/1" in text


def test_a_public_url_that_is_not_http_stops_start_up() -> None:
    from pydantic import ValidationError

    from lanyard.config import Settings

    with pytest.raises(ValidationError, match="public_url"):
        Settings(public_url="lanyard.d230.org")
    with pytest.raises(ValidationError, match="time_zone"):
        Settings(time_zone="Central")
