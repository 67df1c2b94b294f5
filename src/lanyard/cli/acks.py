"""``lanyard acks``: acknowledgment campaigns from the command line.

Output names campaigns, buildings and counts; the CSV export lists staff (never students).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from sqlalchemy import or_, select

from lanyard.cli.ops import OperationFailed, load_services


def _date(value: str, option: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option
        ) from None
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


@click.group("acks")
def acks_group() -> None:
    """Yearly policy acknowledgments: campaigns, reminders, completion, the annual review."""


@acks_group.command("open")
@click.option("--title", required=True, help="What employees see, e.g. 'Annual acknowledgment'.")
@click.option("--opens", "opens", default=None, help="Opening date, YYYY-MM-DD (default: now).")
@click.option("--due", "due", required=True, help="Due date, YYYY-MM-DD.")
@click.option("--pack", "pack_id", default=None, help="Built-in pack id (default: the setting).")
@click.option(
    "--pack-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A new version of the pack (pack.yaml); its provisions.yaml beside it is read too.",
)
@click.option(
    "--source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The policy's text as adopted, shown above its clauses.",
)
@click.option("--role", "roles", multiple=True, help="Staff role (teacher, coach, ...); repeat.")
@click.option("--building", "buildings", multiple=True, help="Building name or id; repeat.")
@click.option("--volunteers", is_flag=True, help="Volunteers acknowledge too.")
def open_command(
    title: str,
    opens: str | None,
    due: str,
    pack_id: str | None,
    pack_file: Path | None,
    source: Path | None,
    roles: tuple[str, ...],
    buildings: tuple[str, ...],
    volunteers: bool,
) -> None:
    """Open a campaign for the pack's version: everyone it covers must acknowledge it."""
    from lanyard.acknowledgments.domain import AckProblem
    from lanyard.acknowledgments.service import PackVersion, builtin_version, open_campaign
    from lanyard.directory.orm import Building
    from lanyard.policy.loader import PackError

    app = load_services()
    now = dt.datetime.now(dt.UTC)
    opens_at = _date(opens, "--opens") if opens else now
    due_at = _date(due, "--due") + dt.timedelta(days=1) - dt.timedelta(seconds=1)
    try:
        if pack_file is not None:
            inventory = pack_file.parent / "provisions.yaml"
            version = PackVersion(
                pack_text=pack_file.read_text(encoding="utf-8"),
                provisions_text=inventory.read_text(encoding="utf-8")
                if inventory.is_file()
                else None,
                file=str(pack_file),
            )
        else:
            version = builtin_version(pack_id or app.settings.pack)
        if source is not None:
            version = PackVersion(
                version.pack_text,
                version.provisions_text,
                source.read_text(encoding="utf-8"),
                version.file,
            )
        with app.db.uow(write=True) as uow:
            building_ids = []
            for name in buildings:
                found = uow.session.scalars(
                    select(Building.id).where(
                        or_(
                            Building.id == name,
                            Building.name == name,
                            Building.identifier == name,
                        )
                    )
                ).all()
                if len(found) != 1:
                    raise AckProblem("--building", f"no single building named {name!r}")
                building_ids.append(found[0])
            campaign = open_campaign(
                uow=uow,
                version=version,
                title=title,
                opens_at=opens_at,
                due_at=due_at,
                now=now,
                roles=roles,
                building_ids=building_ids,
                include_volunteers=volunteers,
            )
            click.echo(
                f"campaign {campaign.id} opened: {campaign.pack_id} version "
                f"{campaign.pack_version}, due {campaign.due_at:%Y-%m-%d}"
            )
            if campaign.changes:
                from lanyard.acknowledgments.domain import Changes

                summary = Changes.from_dict(campaign.changes).summary()
                click.echo(f"changes since the last campaign: {summary}")
    except (AckProblem, PackError) as exc:
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    _status(campaign.id)


@acks_group.command("list")
def list_command() -> None:
    """Every campaign, newest first."""
    from lanyard.acknowledgments import reads

    app = load_services()
    with app.db.uow() as uow:
        for c in reads.campaigns(uow.session):
            click.echo(
                f"{c.id}  {c.state:<6}  {c.pack_id} {c.pack_version}  due {c.due_at:%Y-%m-%d}  "
                f"{c.title}"
            )
        for r in reads.open_reviews(uow.session):
            click.echo(
                f"annual review {r.id} of {r.pack_id} {r.pack_version}: due {r.due_at:%Y-%m-%d}"
            )


def _status(campaign_id: str, csv_out: Path | None = None) -> None:
    from lanyard.acknowledgments import reads
    from lanyard.acknowledgments.domain import CompletionScope
    from lanyard.acknowledgments.orm import AckCampaign
    from lanyard.acknowledgments.service import export_completion

    app = load_services()
    now = dt.datetime.now(dt.UTC)
    district = CompletionScope(True, frozenset(), "the command line sees the district")
    with app.db.uow() as uow:
        campaign = uow.session.get(AckCampaign, campaign_id)
        if campaign is None:
            raise OperationFailed(f"no campaign {campaign_id!r}")
        report = reads.completion_of(uow.session, campaign, district, now)
    click.echo(
        f"{report.total.acknowledged} of {report.total.assigned} acknowledged "
        f"({report.total.percent}%), {report.total.overdue} overdue"
    )
    for heading, rows in (("by building", report.by_building), ("by role", report.by_role)):
        click.echo(heading + ":")
        for row in rows:
            click.echo(
                f"  {row.label:<32} {row.acknowledged:>6} / {row.assigned:<6} {row.percent:>3}%"
            )
    if csv_out is not None:
        with app.db.uow(write=True) as uow:
            text = export_completion(
                uow=uow, campaign_id=campaign_id, scope=district, actor_id=None, now=now
            )
        csv_out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {csv_out}")


@acks_group.command("status")
@click.argument("campaign_id")
@click.option(
    "--csv",
    "csv_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write who has and has not acknowledged, as CSV (audited).",
)
def status_command(campaign_id: str, csv_out: Path | None) -> None:
    """Completion by building and by role."""
    _status(campaign_id, csv_out)


@acks_group.command("close")
@click.argument("campaign_id")
def close_command(campaign_id: str) -> None:
    """Close a campaign: no more reminders or signatures."""
    from lanyard.acknowledgments.domain import AckProblem
    from lanyard.acknowledgments.service import CampaignNotFound, close_campaign

    app = load_services()
    try:
        with app.db.uow(write=True) as uow:
            close_campaign(uow=uow, campaign_id=campaign_id, now=dt.datetime.now(dt.UTC))
    except (AckProblem, CampaignNotFound) as exc:
        raise OperationFailed(f"refused: {exc}") from None
    click.echo(f"campaign {campaign_id} closed")


@acks_group.command("remind")
def remind_command() -> None:
    """Run one round of reminders and escalation now (the job does it every six hours)."""
    from lanyard.acknowledgments.jobs import remind

    app = load_services()
    with app.db.uow(write=True) as uow:
        counts = remind(uow=uow, now=dt.datetime.now(dt.UTC), deliver=app.deliver)
    click.echo(
        f"{counts['reminded']} reminded, {counts['escalated']} escalated, "
        f"{counts['assigned']} newly assigned"
    )


@acks_group.command("review")
@click.argument("review_id")
@click.option("--by", "by_email", required=True, help="E-mail of the person who reviewed.")
@click.option("--date", "reviewed_on", required=True, help="Review date, YYYY-MM-DD.")
@click.option(
    "--outcome", type=click.Choice(["no_change", "revise"]), required=True, help="The outcome."
)
@click.option("--notes", default="", help="What the review found (required for revise).")
def review_command(
    review_id: str, by_email: str, reviewed_on: str, outcome: str, notes: str
) -> None:
    """Record the superintendent's annual review of the policy."""
    from lanyard.acknowledgments.domain import AckProblem
    from lanyard.acknowledgments.service import record_review
    from lanyard.directory.orm import Person

    app = load_services()
    day = _date(reviewed_on, "--date").date()
    try:
        with app.db.uow(write=True) as uow:
            person = uow.session.scalars(
                select(Person.id).where(Person.email == by_email.strip().lower())
            ).first()
            if person is None:
                raise AckProblem("--by", f"nobody in the directory has the address {by_email!r}")
            record_review(
                uow=uow,
                review_id=review_id,
                actor_id=person,
                reviewed_on=day,
                outcome=outcome,
                notes=notes,
                now=dt.datetime.now(dt.UTC),
            )
    except AckProblem as exc:
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    click.echo(f"annual review {review_id} recorded: {outcome} on {day.isoformat()}")
