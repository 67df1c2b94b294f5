"""A case's e-mails word its deadline in the district's time zone, as the case page does,
delivered through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from lanyard.bootstrap import Services, services
from lanyard.cases import service
from lanyard.cases.jobs import escalate_overdue
from lanyard.config import Settings
from lanyard.db.session import Database
from tests.conftest import TEST_ENCRYPTION_KEYS, TEST_SECRET_KEY
from tests.support.district import CaseHandlers, District, seed_case_handlers, seed_district
from tests.support.servers import free_port

# 15:00 UTC on a November Monday is 09:00 in Chicago (CST, six hours behind UTC).
NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def bodies(self, to: str) -> list[str]:
        return [m.get_body(("plain",)).get_content() for m in self.messages if to in m["To"]]


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    box, port = Inbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


def _app(database: Database, port: int, zone: str) -> Services:
    return services(
        Settings(
            database_url=database.engine.url.render_as_string(hide_password=False),
            secret_key=TEST_SECRET_KEY,  # type: ignore[arg-type]
            encryption_keys=TEST_ENCRYPTION_KEYS,  # type: ignore[arg-type]
            mailer="smtp",
            smtp_url=f"smtp://127.0.0.1:{port}",
            time_zone=zone,
        )
    )


def _email(database: Database, person_id: str) -> str:
    from lanyard.directory.orm import Person

    with database.uow() as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None and person.email
        return person.email


@pytest.fixture
def people(database: Database) -> tuple[District, CaseHandlers]:
    district = seed_district(database)
    return district, seed_case_handlers(database, district)


def test_case_mail_gives_the_deadline_in_the_district_time_zone(
    database: Database, people: tuple[District, CaseHandlers], inbox: tuple[Inbox, int]
) -> None:
    district, handlers = people
    box, port = inbox
    app = _app(database, port, "America/Chicago")
    with app.db.uow(write=True) as uow:
        case = service.report(
            uow=uow,
            reporter_id=district.teacher,
            pack_id="wilmette-39",
            report_type="security-breach",
            student_id=None,
            details="Someone logged in as me.",
            now=NOW,
            deliver=app.deliver,
        )
    assert case.ack_due_at == NOW + dt.timedelta(hours=1)  # 16:00 UTC
    (opened,) = box.bodies(_email(database, handlers.tech))  # routed to technology
    # The case page shows "November 23, 2026 at 10:00 CST" for the same deadline.
    assert "Please acknowledge it by November 23, 2026 at 10:00 CST." in opened
    assert "16:00" not in opened and "UTC" not in opened

    # Not acknowledged: escalated an hour later, with the next deadline in local time too.
    with app.db.uow(write=True) as uow:
        assert escalate_overdue(uow=uow, now=NOW + dt.timedelta(hours=1), deliver=app.deliver)
    (escalated,) = box.bodies(_email(database, handlers.superintendent))
    assert "Please acknowledge it by November 23, 2026 at 11:00 CST." in escalated
    app.db.engine.dispose()


def test_summer_deadlines_are_in_daylight_time_and_utc_stays_utc(
    database: Database, people: tuple[District, CaseHandlers], inbox: tuple[Inbox, int]
) -> None:
    district, handlers = people
    box, port = inbox
    summer = dt.datetime(2026, 7, 6, 15, 0, tzinfo=dt.UTC)  # 10:00 CDT, five hours behind
    for zone, expected in (("America/Chicago", "11:00 CDT"), ("UTC", "16:00 UTC")):
        app = _app(database, port, zone)
        with app.db.uow(write=True) as uow:
            service.report(
                uow=uow,
                reporter_id=district.teacher,
                pack_id="wilmette-39",
                report_type="security-breach",
                student_id=None,
                details=f"Someone logged in as me ({zone}).",
                now=summer,
                deliver=app.deliver,
            )
        app.db.engine.dispose()
        assert (
            f"Please acknowledge it by July 6, 2026 at {expected}."
            in box.bodies(_email(database, handlers.tech))[-1]
        )
