"""``lanyard messages``: import message logs, print findings, purge expired metadata.

Output names people by Lanyard id and addresses only where the directory does not know
them; message bodies are never printed."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlalchemy.exc import SQLAlchemyError

from lanyard.cli.ops import OperationFailed, load_services
from lanyard.connectors.messages import MessageLogError, registered
from lanyard.messages.domain import FindingKind
from lanyard.messages.service import review_settings

if TYPE_CHECKING:
    from lanyard.bootstrap import Services
    from lanyard.messages.service import ImportSummary
    from lanyard.policy.loader import Pack

FORMATS = ("gmail", "m365", "canvas", "csv")


class _Progress:
    """A count of messages read on a terminal's standard error (nothing when piped)."""

    def __init__(self) -> None:
        self.read = 0
        self.on = sys.stderr.isatty()

    def __call__(self, n: int) -> None:
        self.read += n
        if self.on:
            click.echo(f"\r{self.read:,} log records read", nl=False, err=True)

    def done(self) -> None:
        if self.on and self.read:
            click.echo("", err=True)


@click.group("messages")
def messages_group() -> None:
    """Communication audit: message logs checked against the district's policy."""


@messages_group.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    required=True,
    help="gmail (BigQuery rows or Reports API activities), m365 (message trace CSV), "
    "canvas (conversations JSON, or a folder of Canvas Data 2 tables), csv (the generic "
    "message CSV).",
)
@click.option("--dry-run", is_flag=True, help="Read and evaluate; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option(
    "--users",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Canvas: the provisioning report's users.csv (canvas_user_id -> SIS id).",
)
@click.option("--pack", "pack_id", default=None, help="Policy pack (default: the setting).")
@click.option(
    "--workers/--in-process",
    "workers",
    default=None,
    help="Split the file into chunks for Celery workers (`lanyard worker`), or do it all in "
    "this process (default: the messages_workers setting, off on the embedded install).",
)
def import_command(
    path: Path,
    fmt: str,
    dry_run: bool,
    as_json: bool,
    users: Path | None,
    pack_id: str | None,
    workers: bool | None,
) -> None:
    """Import one message-log file: streamed, idempotent by message id, all or nothing."""
    from lanyard.connectors.messages.canvas import read_canvas_users
    from lanyard.messages.distributed import ChunkFailed
    from lanyard.messages.service import import_messages
    from lanyard.policy import load_pack

    assert set(FORMATS) <= set(registered())
    app = load_services()
    distributed = app.settings.messages_workers if workers is None else workers
    if distributed and (dry_run or users is not None):
        raise click.UsageError("--workers takes neither --dry-run nor --users: use --in-process")
    progress = _Progress()
    try:
        platform_ids = read_canvas_users(users) if users is not None else None
        if distributed:
            summary = _import_with_workers(
                app, path, fmt, load_pack(pack_id or app.settings.pack), progress
            )
        else:
            summary = import_messages(
                db=app.db,
                path=path,
                format=fmt,
                pack=load_pack(pack_id or app.settings.pack),
                review=review_settings(app.settings),
                now=dt.datetime.now(dt.UTC),
                dry_run=dry_run,
                district_domains=app.settings.district_domains,
                platform_ids=platform_ids,
                progress=progress,
            )
    except MessageLogError as exc:
        progress.done()
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    except (SQLAlchemyError, ChunkFailed) as exc:
        progress.done()
        reason = str(getattr(exc, "orig", None) or exc or type(exc).__name__).splitlines()[0]
        raise OperationFailed(f"the import failed and was rolled back: {reason}") from None
    progress.done()
    if as_json:
        click.echo(json.dumps(summary.to_dict(), sort_keys=False))
        return
    lines = [
        f"{summary.messages} messages in {path.name}: {summary.new} new, "
        f"{summary.duplicates} already imported",
        f"findings: {summary.findings} (rules that fired)",
    ]
    for rule, n in sorted(summary.by_rule.items()):
        lines.append(f"  {rule}: {n}")
    lines.append(f"for review (no clause names them): {summary.for_review}")
    lines.append(f"solicitation in message bodies: {summary.solicitations}")
    if summary.volume_uncounted:
        lines.append(
            f"daily volume NOT checked for {summary.volume_uncounted} one-to-one messages "
            "(too many employee-student pairs in one file: split it by day)"
        )
    if dry_run:
        lines.append("dry run: nothing was written")
    else:
        lines.append(f"imported; audit entry {summary.audit_seq}")
    click.echo("\n".join(lines))


def _import_with_workers(
    app: Services, path: Path, fmt: str, pack: Pack, progress: _Progress
) -> ImportSummary:
    from lanyard.jobs.dispatch import send_to_workers
    from lanyard.messages.distributed import TASK, import_distributed

    settings = app.settings
    return import_distributed(
        db=app.db,
        path=path,
        format=fmt,
        pack=pack,
        now=dt.datetime.now(dt.UTC),
        send=lambda task_id: send_to_workers(TASK, [task_id]),
        chunk_size=settings.messages_chunk_size,
        stall_seconds=settings.messages_chunk_stall_seconds,
        progress=progress,
    )


def _since(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter("use a date (2025-10-01) or an ISO 8601 time") from None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


@messages_group.command("findings")
@click.option("--since", default=None, help="Only messages sent since this date or time (UTC).")
@click.option(
    "--kind",
    "kinds",
    type=click.Choice((FindingKind.VIOLATION, FindingKind.REVIEW, FindingKind.SOLICITATION)),
    multiple=True,
    help="violation (a rule fired), review (a pattern for a person to look at) or "
    "solicitation; default all three.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
def findings_command(since: str | None, kinds: tuple[str, ...], as_json: bool) -> None:
    """Print findings (this read is recorded in the audit log)."""
    from lanyard.messages.findings import read_findings

    app = load_services()
    chosen = kinds or (FindingKind.VIOLATION, FindingKind.REVIEW, FindingKind.SOLICITATION)
    with app.db.uow(write=True) as uow:
        views = read_findings(
            uow=uow, now=dt.datetime.now(dt.UTC), actor_id=None, since=_since(since), kinds=chosen
        )
    for view in views:
        if as_json:
            click.echo(json.dumps(view.to_dict()))
        else:
            where = f" ({view.clause})" if view.clause else ""
            click.echo(
                f"{view.sent_at:%Y-%m-%d %H:%M}Z  {view.kind:<12} {view.verdict:<14} "
                f"{view.rule}{where}  employee {view.employee_id}  message {view.message_id}"
            )
    if not as_json:
        click.echo(f"{len(views)} findings", err=True)


@messages_group.command("purge")
def purge_command() -> None:
    """Delete message metadata older than LANYARD_MESSAGES_RETENTION_DAYS (messages with a
    finding are kept)."""
    from lanyard.messages.findings import purge_expired

    app = load_services()
    with app.db.uow(write=True) as uow:
        count = purge_expired(
            uow=uow,
            now=dt.datetime.now(dt.UTC),
            retention_days=app.settings.messages_retention_days,
        )
    click.echo(f"{count} messages past the retention period deleted")


@messages_group.command("contacts")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def contacts_command(path: Path) -> None:
    """Import personal addresses the district knows (CSV: address, person = sourcedId,
    source), so messages to them resolve to their person."""
    from lanyard.messages.contacts import import_known_addresses

    app = load_services()
    try:
        with app.db.uow(write=True) as uow:
            result = import_known_addresses(uow=uow, path=path, now=dt.datetime.now(dt.UTC))
    except MessageLogError as exc:
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    click.echo(
        f"known addresses: {result.added} added, {result.changed} changed, "
        f"{result.unchanged} unchanged"
    )
