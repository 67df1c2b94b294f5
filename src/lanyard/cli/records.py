"""``lanyard records``: exports for a FOIA request or litigation, and their check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from lanyard.cli.ops import OperationFailed, load_services


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from None


def _midnight(day: dt.date, zone: str) -> dt.datetime:
    """The start of a day as the district lives it (its LANYARD_TIME_ZONE), in UTC."""
    return dt.datetime.combine(day, dt.time(), ZoneInfo(zone)).astimezone(dt.UTC)


@click.group("records")
def records_group() -> None:
    """Records exports (FOIA, litigation) and their verification."""


@records_group.command("export")
@click.option(
    "--people",
    default="",
    help="Comma-separated people (id, e-mail or directory id); default: everyone.",
)
@click.option(
    "--since",
    required=True,
    help="First day, YYYY-MM-DD, from its midnight in the district's time zone "
    "(LANYARD_TIME_ZONE).",
)
@click.option(
    "--until",
    required=True,
    help="Last day included, YYYY-MM-DD, to the midnight after it in the district's time zone.",
)
@click.option(
    "--types",
    default="all",
    show_default=True,
    help="Comma-separated: requests, disclosures, cases, moderation, acknowledgments, audit.",
)
@click.option(
    "--redact-students",
    is_flag=True,
    help="Replace students' names and identifiers by stable pseudonyms (FOIA, FERPA).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The zip to write (an existing file is not overwritten).",
)
def records_export(
    people: str, since: str, until: str, types: str, redact_students: bool, out: Path
) -> None:
    """Build a records package: manifest, each record as JSON and HTML, SHA-256 of every
    file, the audit-chain segment of the period with a signed checkpoint."""
    from lanyard.audit.keys import AuditKeyError, signing_key_from_settings
    from lanyard.records.domain import RecordsError, parse_types
    from lanyard.records.service import ExportRequest, export

    first = _date(since, "--since")
    last = _date(until, "--until")
    try:
        kinds = parse_types(types)
    except RecordsError as exc:
        raise click.BadParameter(str(exc)) from None
    app = load_services()
    try:
        key = signing_key_from_settings(app.settings)
    except AuditKeyError as exc:
        raise OperationFailed(str(exc)) from None
    if key is None:
        raise OperationFailed(
            "LANYARD_AUDIT_SIGNING_KEY_FILE is not set: an export is signed with the audit "
            "signing key (`lanyard audit new-signing-key --out FILE`)"
        )
    secret = app.settings.secret_key
    # the days as the district lives them, as on the web page: an export from Dec 1 in
    # Chicago begins at 06:00 UTC, not at 18:00 on Nov 30 there
    request = ExportRequest(
        since=_midnight(first, app.settings.time_zone),
        until=_midnight(last + dt.timedelta(days=1), app.settings.time_zone),
        types=kinds,
        people=tuple(p.strip() for p in people.split(",") if p.strip()),
        redact_students=redact_students,
    )
    try:
        result = export(
            db=app.db,
            request=request,
            out=out,
            signing_key=key,
            redaction_key=secret.get_secret_value().encode() if secret else None,
            now=dt.datetime.now(dt.UTC),
        )
    except RecordsError as exc:
        raise OperationFailed(str(exc)) from None
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    click.echo(f"exported {counts} to {out}")
    click.echo(
        f"{result.files} files; audit entries {result.audit_first}-{result.audit_last} with a "
        f"signed checkpoint; manifest SHA-256 {result.manifest_sha256}"
    )
    if redact_students:
        click.echo(f"student information redacted: {result.redactions} replacement(s)")


@records_group.command("verify")
@click.argument("package", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--public-key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The district's audit public key (`lanyard audit public-key`); without it the "
    "key inside the package is used.",
)
def records_verify(package: Path, public_key: Path | None) -> None:
    """Recompute every file's SHA-256 and check the audit-chain segment against its
    signed checkpoint; exit 1 naming what is wrong."""
    from lanyard.audit.keys import AuditKeyError, load_public_key
    from lanyard.records.package import verify_package

    try:
        key = load_public_key(public_key) if public_key is not None else None
    except AuditKeyError as exc:
        raise OperationFailed(str(exc)) from None
    check = verify_package(package, public_key=key)
    for note in check.notes:
        click.echo(f"note: {note}")
    if check.problems:
        for problem in check.problems:
            click.echo(problem)
        raise OperationFailed(f"the package is not intact: {len(check.problems)} problem(s)")
    click.echo(f"package intact: {check.files} files match the manifest")


def _day_or_none(value: str | None, option: str) -> dt.date | None:
    return None if value is None else _date(value, option)


@records_group.group("hold")
def hold_group() -> None:
    """Legal holds: records that must not be disposed of."""


@hold_group.command("place")
@click.option("--person", default=None, help="Person (id, e-mail or directory id).")
@click.option("--building", default=None, help="Building (id, directory id or number).")
@click.option("--case", "case", default=None, help="Case id.")
@click.option("--since", default=None, help="Records from this day, YYYY-MM-DD.")
@click.option("--until", default=None, help="Records up to this day, YYYY-MM-DD.")
@click.option("--reason", required=True, help="Why (e.g. the litigation or request).")
def hold_place(
    person: str | None,
    building: str | None,
    case: str | None,
    since: str | None,
    until: str | None,
    reason: str,
) -> None:
    """Place a legal hold by person, building, case or date range."""
    from lanyard.records.domain import RecordsError, hold_scope
    from lanyard.records.holds import describe, place_hold

    try:
        scope = hold_scope(
            person=person,
            building=building,
            case=case,
            starts_on=_day_or_none(since, "--since"),
            ends_on=_day_or_none(until, "--until"),
            reason=reason,
        )
        app = load_services()
        with app.db.uow(write=True) as uow:
            hold = place_hold(uow=uow, scope=scope, reason=reason, now=dt.datetime.now(dt.UTC))
            click.echo(f"legal hold placed: {describe(hold)}")
    except RecordsError as exc:
        raise OperationFailed(str(exc)) from None


@hold_group.command("lift")
@click.argument("hold_id")
@click.option("--reason", required=True, help="Why the hold ends.")
def hold_lift(hold_id: str, reason: str) -> None:
    """Lift a legal hold (it stays listed with --all)."""
    from lanyard.records.domain import RecordsError
    from lanyard.records.holds import describe, lift_hold

    app = load_services()
    try:
        with app.db.uow(write=True) as uow:
            hold = lift_hold(uow=uow, hold_id=hold_id, reason=reason, now=dt.datetime.now(dt.UTC))
            click.echo(f"legal hold lifted: {describe(hold)}")
    except RecordsError as exc:
        raise OperationFailed(str(exc)) from None


@hold_group.command("list")
@click.option("--all", "include_lifted", is_flag=True, help="Lifted holds too.")
def hold_list(include_lifted: bool) -> None:
    """The legal holds in force (with --all, lifted ones too)."""
    from lanyard.records.holds import describe, list_holds

    app = load_services()
    with app.db.uow() as uow:
        holds = list_holds(uow=uow, include_lifted=include_lifted)
        for hold in holds:
            click.echo(describe(hold))
    if not holds:
        click.echo("no legal holds" + ("" if include_lifted else " in force"))


@records_group.group("retention")
def retention_group() -> None:
    """Retention schedules: how long each record type is kept."""


@retention_group.command("show")
def retention_show() -> None:
    """Each record type's period, what starts it, and whether the district set it."""
    from lanyard.records.retention import schedule

    app = load_services()
    with app.db.uow() as uow:
        for line in schedule(uow.session):
            state = (
                f"set by the district {line.set_at:%Y-%m-%d}"
                if line.confirmed and line.set_at
                else "default, not applied until the district sets it"
                if line.kind.disposable
                else "fixed"
            )
            click.echo(f"{line.kind.name:<15} {line.period!s:<14}{state}")
            click.echo(f"{'':<16}{line.kind.label}; counted from {line.kind.counted_from}")
            if line.kind.kept_while:
                click.echo(f"{'':<16}always kept: {line.kind.kept_while}")
            click.echo(f"{'':<16}basis: {line.basis}")


@retention_group.command("set")
@click.argument("record_type")
@click.argument("period")
@click.option(
    "--basis",
    required=True,
    help="The schedule item or decision the period follows (e.g. the Local Records "
    "Commission application and item).",
)
def retention_set(record_type: str, period: str, basis: str) -> None:
    """Set RECORD_TYPE's period (7y, 18m, 90d or indefinitely), as confirmed by the
    district's records officer; from then on the disposition job applies it."""
    from lanyard.records.domain import RecordsError
    from lanyard.records.retention import set_period
    from lanyard.records.schedule import parse_period

    try:
        parsed = parse_period(period)
        app = load_services()
        with app.db.uow(write=True) as uow:
            line = set_period(
                uow=uow, name=record_type, period=parsed, basis=basis, now=dt.datetime.now(dt.UTC)
            )
    except RecordsError as exc:
        raise OperationFailed(str(exc)) from None
    click.echo(f"{line.kind.name}: kept {line.period} (basis: {line.basis})")


@records_group.command("dispose")
@click.option("--dry-run", is_flag=True, help="Count what would go; remove nothing.")
def records_dispose(dry_run: bool) -> None:
    """Remove the records past their district-set period that no legal hold covers, and
    write a certificate of destruction to the audit log."""
    from lanyard.audit.keys import AuditKeyError, signing_key_from_settings
    from lanyard.records.retention import dispose

    app = load_services()
    try:
        key = signing_key_from_settings(app.settings)
    except AuditKeyError as exc:
        raise OperationFailed(str(exc)) from None
    with app.db.uow(write=not dry_run) as uow:
        outcome = dispose(uow=uow, now=dt.datetime.now(dt.UTC), dry_run=dry_run, signing_key=key)
    verb = "would dispose of" if dry_run else "disposed of"
    for kind, t in outcome.types.items():
        if t.not_applied:
            click.echo(f"{kind:<15} not disposed of: {t.not_applied}")
            continue
        held = f"; {t.held} kept under a legal hold" if t.held else ""
        before = t.cutoff.date().isoformat() if t.cutoff else "-"
        click.echo(f"{kind:<15} {verb} {t.disposed} (kept {t.period}, before {before}){held}")
        if kind == "audit" and t.disposed and "through_seq" in t.extra:
            click.echo(
                f"{'':<16}entries {t.extra['first_seq']}-{t.extra['through_seq']}"
                + (" would go" if dry_run else ", with a checkpoint signed at the cut")
            )
        stopped = t.extra.get("stopped")
        if stopped:
            holds = ", ".join(stopped.get("legal_holds", []))
            click.echo(
                f"{'':<16}stopped before entry {stopped['at_entry']}: {stopped['because']}"
                + (f" ({holds})" if holds else "")
            )
    if dry_run:
        click.echo("dry run: nothing removed, no certificate written")
    else:
        click.echo(
            f"certificate of destruction: audit entry {outcome.certificate_seq} (run {outcome.run})"
        )
