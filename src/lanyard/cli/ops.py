"""Operations: ``lanyard db`` and ``lanyard audit``."""

from __future__ import annotations

import datetime as dt

import click
from pydantic import ValidationError

from lanyard.audit import service as audit
from lanyard.bootstrap import Services, services
from lanyard.config import Settings


class OperationFailed(click.ClickException):
    exit_code = 1


def load_services() -> Services:
    try:
        return services(Settings())
    except ValidationError as exc:
        err = exc.errors()[0]
        name = "LANYARD_" + str(err["loc"][0]).upper()
        raise click.UsageError(f"{name}: {err['msg']}") from None


@click.group()
def db() -> None:
    """The database (LANYARD_DATABASE_URL)."""


@db.command()
@click.option("--revision", default="head", show_default=True)
def upgrade(revision: str) -> None:
    """Create or migrate the database to the current schema."""
    from lanyard.db.migrate import upgrade as run_upgrade

    app = load_services()
    run_upgrade(app.settings.database_url, revision)
    click.echo(f"database is at {revision}: {_safe_url(app.settings.database_url)}")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@click.group("audit")
def audit_group() -> None:
    """The tamper-evident audit log."""


@audit_group.command("verify")
def audit_verify() -> None:
    """Walk the hash chain and name every edited or deleted entry."""
    app = load_services()
    with app.db.uow() as uow:
        count, problems = audit.verify(uow.session)
    if problems:
        for problem in problems:
            click.echo(str(problem))
        raise OperationFailed(f"the audit log is broken: {len(problems)} problem(s) in {count}")
    when = dt.datetime.now(dt.UTC)
    click.echo(f"audit log intact: {count} entries, chain verified at {when:%Y-%m-%d %H:%M} UTC")


@click.group("notify")
def notify_group() -> None:
    """Notifications: e-mail that could not be sent yet."""


@notify_group.command("send")
def notify_send() -> None:
    """Mail every pending notification that is due (retries with backoff)."""
    from lanyard.notify.service import send_pending

    app = load_services()
    counts = send_pending(app.db, app.notifier, now=dt.datetime.now(dt.UTC))
    click.echo(f"{counts['sent']} sent, {counts['retry']} to retry, {counts['failed']} failed")
