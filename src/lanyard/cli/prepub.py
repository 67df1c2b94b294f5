"""``lanyard consents`` and ``lanyard prepub``: media releases and opt-outs, and the
pre-publication check of a draft post's text or a group e-mail's recipients."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TextIO

import click

from lanyard.cli.ops import OperationFailed, load_services
from lanyard.prepub.domain import DESTINATIONS, CheckResult, ConsentFileError


@click.group("consents")
def consents_group() -> None:
    """Media releases and directory-information opt-outs (docs/prepub.md)."""


@consents_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def consents_import(path: Path) -> None:
    """Import a consents.csv: all or nothing, every change audited."""
    from lanyard.prepub.service import import_consents

    app = load_services()
    try:
        with app.db.uow(write=True) as uow:
            result = import_consents(uow=uow, path=path, now=dt.datetime.now(dt.UTC))
    except ConsentFileError as exc:
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    click.echo(
        f"{result.rows} rows in {path.name}: {result.added} added, {result.changed} changed, "
        f"{result.unchanged} unchanged"
    )


@click.group("prepub")
def prepub_group() -> None:
    """Check a draft post or a group e-mail before it goes out."""


def _print(result: CheckResult, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.to_dict(), default=str))
    else:
        click.echo(f"verdict: {result.verdict}")
        for f in result.findings:
            cited = f' [{f.citation.clause}: "{f.citation.quote}"]' if f.citation else ""
            click.echo(f"  {f.verdict:<7} {f.reason}{cited}")
        if result.fix:
            click.echo(f"fix: {result.fix}")
    if str(result.verdict) != "safe":
        sys.exit(3)


def _when(on: dt.datetime | None) -> dt.datetime:
    now = dt.datetime.now(dt.UTC)
    return now if on is None else dt.datetime.combine(on.date(), now.timetz())


def _pack(pack_id: str | None, default: str):  # type: ignore[no-untyped-def]
    from lanyard.policy import load_pack

    try:
        return load_pack(pack_id or default)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--pack") from None


@prepub_group.command("check")
@click.option(
    "--text",
    "text_file",
    type=click.File("r", encoding="utf-8"),
    required=True,
    help="The draft's text: a file, or - for standard input.",
)
@click.option(
    "--to",
    "destination",
    type=click.Choice(sorted(DESTINATIONS)),
    required=True,
    help="Where the post will go: website, social (media) or newsletter.",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="STUDENT_ID",
    help="A student tagged in the post (sourcedId or SIS number); repeatable.",
)
@click.option("--pack", "pack_id", default=None, help="Policy pack (default: the setting).")
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Check against the consents of the school year of this day (default today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def check_command(
    text_file: TextIO, destination: str, tags: tuple[str, ...],
    pack_id: str | None, on: dt.datetime | None, as_json: bool,
) -> None:  # fmt: skip
    """Check a draft post's text; exit status 3 when it is not safe."""
    from lanyard.prepub.service import run_text_check

    text = text_file.read()
    app = load_services()
    pack = _pack(pack_id, app.settings.pack)
    try:
        with app.db.uow(write=True) as uow:
            result = run_text_check(
                uow=uow, text=text, use=DESTINATIONS[destination], tags=tags, pack=pack,
                now=_when(on),
            )  # fmt: skip
    except LookupError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--tag") from None
    _print(result, as_json)


@prepub_group.command("bcc")
@click.option(
    "--eml",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A saved message (.eml).",
)
@click.option("--to", "to", default="", help="Pasted To addresses.")
@click.option("--cc", "cc", default="", help="Pasted Cc addresses.")
@click.option("--bcc", "bcc", default="", help="Pasted Bcc addresses.")
@click.option("--pack", "pack_id", default=None, help="Policy pack (default: the setting).")
@click.option(
    "--on",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Check against the consents of the school year of this day (default today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def bcc_command(
    eml: Path | None,
    to: str,
    cc: str,
    bcc: str,
    pack_id: str | None,
    on: dt.datetime | None,
    as_json: bool,
) -> None:
    """Check a group e-mail's recipients; exit status 3 when it is not safe."""
    from lanyard.prepub.domain import recipients_from_eml, recipients_from_text
    from lanyard.prepub.service import run_recipients_check

    if eml is not None:
        try:
            recipients = recipients_from_eml(eml.read_bytes())
        except ValueError as exc:
            raise click.BadParameter(f"{eml.name}: {exc}", param_hint="--eml") from None
    elif to or cc or bcc:
        recipients = recipients_from_text(to, cc, bcc)
    else:
        raise click.UsageError("give --eml FILE or --to/--cc/--bcc addresses")
    app = load_services()
    pack = _pack(pack_id, app.settings.pack)
    with app.db.uow(write=True) as uow:
        result = run_recipients_check(
            uow=uow, recipients=recipients, district_domains=app.settings.district_domains,
            pack=pack, now=_when(on),
        )  # fmt: skip
    _print(result, as_json)
