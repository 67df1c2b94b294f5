"""``lanyard import oneroster`` and ``lanyard demo seed``.

Output names people by sourcedId and field names only: no student names or data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from lanyard.auth.roles import role_label, role_table
from lanyard.bootstrap import Services
from lanyard.cli.ops import OperationFailed, load_services
from lanyard.connectors.oneroster import PackageError, RosterError
from lanyard.directory.domain import EntityDiff, LinkDiff
from lanyard.directory.service import ImportRefused, ImportResult, import_oneroster, undo_import

SHOWN = 5


def _entity_lines(label: str, diff: EntityDiff) -> list[str]:
    counts = diff.counts()
    lines = [
        f"{label}: {counts['added']} added, {counts['changed']} changed, "
        f"{counts['deactivated']} deactivated"
    ]
    for sid in diff.added[:SHOWN]:
        lines.append(f"  + {sid}")
    if len(diff.added) > SHOWN:
        lines.append(f"  + ... {len(diff.added) - SHOWN} more added")
    for sid, fields in diff.changed[:SHOWN]:
        lines.append(f"  ~ {sid}: {', '.join(fields)}")
    if len(diff.changed) > SHOWN:
        lines.append(f"  ~ ... {len(diff.changed) - SHOWN} more changed")
    for sid in diff.deactivated[:SHOWN]:
        lines.append(f"  - {sid}")
    if len(diff.deactivated) > SHOWN:
        lines.append(f"  - ... {len(diff.deactivated) - SHOWN} more deactivated")
    return lines


def _link_lines(diff: LinkDiff) -> list[str]:
    lines = [f"parent links: {len(diff.added)} added, {len(diff.removed)} removed"]
    for parent, student in sorted(diff.added)[:SHOWN]:
        lines.append(f"  + {parent} -> {student}")
    for parent, student in sorted(diff.removed)[:SHOWN]:
        lines.append(f"  - {parent} -> {student}")
    return lines


def render_import(result: ImportResult) -> str:
    lines = _entity_lines("buildings", result.buildings)
    lines += _entity_lines("people", result.people)
    lines += _link_lines(result.parent_links)
    if result.domains_added:
        lines.append(f"district e-mail domains added: {', '.join(result.domains_added)}")
    if result.dry_run:
        lines.append(f"dry run (OneRoster {result.version}): nothing was written")
    elif result.changed:
        lines.append(f"imported (OneRoster {result.version}); audit entry {result.audit_seq}")
    else:
        lines.append(f"nothing to change (OneRoster {result.version})")
    return "\n".join(lines)


@click.group("import")
def import_group() -> None:
    """Import the directory from the district's systems."""


@import_group.command("oneroster")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--confirm-deactivations",
    type=int,
    default=None,
    help="The number of people the import deactivates, when more than the threshold.",
)
def import_oneroster_command(path: Path, dry_run: bool, confirm_deactivations: int | None) -> None:
    """Import a OneRoster 1.1 / 1.2 CSV bulk export (a folder or a .zip)."""
    app = load_services()
    try:
        with app.db.uow(write=True) as uow:
            result = import_oneroster(
                uow=uow,
                path=path,
                dry_run=dry_run,
                now=dt.datetime.now(dt.UTC),
                district_domains=app.settings.district_domains,
                limits=app.settings.import_limits(),
                deactivation_threshold=app.settings.import_deactivation_threshold,
                confirmed_deactivations=confirm_deactivations,
            )
    except ImportRefused as exc:
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    except RosterError as exc:
        for problem in exc.problems[1:]:
            click.echo(f"  {problem}", err=True)
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    except PackageError as exc:
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    except SQLAlchemyError as exc:
        # Only the first line of the database's message: the rest can quote row values.
        reason = str(getattr(exc, "orig", None) or type(exc).__name__).splitlines()[0]
        raise OperationFailed(f"the import failed and was rolled back: {reason}") from None
    click.echo(render_import(result))


@import_group.command("undo")
@click.argument("import_id")
def import_undo_command(import_id: str) -> None:
    """Undo an import (within 7 days): restore the people and links it changed."""

    app = load_services()
    try:
        with app.db.uow(write=True) as uow:
            run = undo_import(uow=uow, import_id=import_id, now=dt.datetime.now(dt.UTC))
    except ImportRefused as exc:
        raise OperationFailed(str(exc)) from None
    c = run.changes
    click.echo(
        f"import {run.id} undone: {len(c.get('people_deactivated', []))} people reactivated, "
        f"{len(c.get('people_added', []))} deactivated, "
        f"{len(c.get('links_removed', []))} parent links restored"
    )


@click.group("demo")
def demo_group() -> None:
    """The synthetic demo district."""


@demo_group.command("seed")
@click.option(
    "--pack", "pack_id", default=None, help="Pack whose roles to assign (default: the setting)."
)
def demo_seed(pack_id: str | None) -> None:
    """Generate, import and staff the demo district and its work to do (safe to run again)."""
    from lanyard.db.migrate import upgrade
    from lanyard.directory.demo import seed_demo
    from lanyard.messages.service import review_settings

    app = load_services()
    upgrade(app.settings.database_url)
    try:
        outcome = seed_demo(
            db=app.db,
            pack_id=pack_id or app.settings.pack,
            now=dt.datetime.now(dt.UTC),
            district_domains=app.settings.district_domains,
            review=review_settings(app.settings),
            safety_contact=app.settings.safety_contact,
        )
    except (KeyError, ValueError) as exc:
        raise OperationFailed(str(exc)) from None
    click.echo(render_import(outcome.imported))
    click.echo(
        f"pack {outcome.pack_id}: {len(outcome.roles)} roles assigned "
        f"({outcome.assignments_added} new assignments)"
    )
    table = role_table(outcome.pack_id)
    for role, holders in outcome.roles.items():
        click.echo(f"  {role_label(table, role)}: {', '.join(holders)}")
    w = outcome.work
    click.echo(
        f"demo work added: {w.requests} request(s) awaiting a decision, "
        f"{w.accounts} official account(s), {w.comments} comment(s) "
        f"({w.escalated} threat(s) escalated), {w.messages} message(s) "
        f"({w.findings} finding(s)), {w.consents} consent(s)"
    )
    _echo_sign_ins(app, pack_id or app.settings.pack)


def _echo_sign_ins(app: Services, pack_id: str) -> None:
    from lanyard.directory.demo import DEMO_PASSWORD, demo_sign_ins

    with app.db.uow() as uow:
        rows = demo_sign_ins(uow.session, pack_id)
    if not rows:
        click.echo("no demo sign-ins: run `lanyard demo seed` first")
        return
    table = [("username", "name", "signs in as")] + [(r.username, r.name, r.label) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(2)]
    click.echo(f"Demo sign-ins (every password: {DEMO_PASSWORD})")
    for n, (username, name, role) in enumerate(table):
        click.echo(f"  {username:<{widths[0]}}  {name:<{widths[1]}}  {role}")
        if n == 0:
            click.echo(f"  {'-' * widths[0]}  {'-' * widths[1]}  {'-' * len('signs in as')}")


@demo_group.command("sign-ins")
@click.option(
    "--pack", "pack_id", default=None, help="Pack whose role names to show (default: the setting)."
)
def demo_sign_ins_command(pack_id: str | None) -> None:
    """Print the demo sign-ins as a table (the same people the sign-in page lists)."""
    app = load_services()
    _echo_sign_ins(app, pack_id or app.settings.pack)


def register_directory_commands(group: click.Group) -> None:
    group.add_command(import_group)
    group.add_command(demo_group)
