"""The ``lanyard`` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click
import yaml
from pydantic import ValidationError

from lanyard.cli.ask import ask
from lanyard.cli.directory import register_directory_commands
from lanyard.cli.escrow import escrow_group
from lanyard.cli.jobs import jobs_group, worker
from lanyard.cli.moderate import moderate
from lanyard.cli.ops import audit_group, db, notify_group
from lanyard.cli.packs import packs
from lanyard.cli.reference import reference
from lanyard.cli.render import render_decision
from lanyard.cli.serve import serve
from lanyard.policy import Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS


class InputError(click.ClickException):
    """Invalid input: exit status 1 (usage errors keep click's status 2)."""

    exit_code = 1


def _allowed_values(loc: Sequence[Any]) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    if names and names[0] == "counterparts" and len(names) == 2:
        domain = COUNTERPART_DOMAINS.get(names[1])
    else:
        domain = FIELD_DOMAINS.get(".".join(names))
    return f" Allowed: {domain.describe()}." if domain else ""


def _field_name(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(situation)"


def situation_error(exc: ValidationError, label: str) -> str:
    lines = [f"{label} is not a valid situation:"]
    for err in exc.errors():
        loc = err["loc"]
        field = _field_name(loc)
        if err["type"] == "extra_forbidden":
            parent = [p for p in loc[:-1] if not isinstance(p, int)]
            if parent == ["counterparts"]:
                known = ", ".join(COUNTERPART_DOMAINS)
            else:
                prefix = ".".join(str(p) for p in parent)
                known = ", ".join(
                    f for f in FIELD_DOMAINS if not prefix or f.startswith(prefix + ".")
                )
                if not prefix:
                    known = "district, action, actor, purpose, channel, counterparts, content"
            lines.append(f"  {field}: unknown field. Fields here: {known}.")
        elif err["type"] == "missing":
            lines.append(f"  {field}: required.{_allowed_values(loc)}")
        else:
            value = err.get("input")
            lines.append(f"  {field}: {value!r} is not valid.{_allowed_values(loc)}")
    return "\n".join(lines)


def parse_situations(text: str, label: str) -> tuple[list[Situation], bool]:
    """Situations from YAML or JSON text; the flag says whether the input was a list."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{label}: not valid YAML or JSON: {exc}") from None
    many = isinstance(data, list)
    items = data if many else [data]
    situations = []
    known = builtin_pack_ids()
    for i, item in enumerate(items):
        where = f"{label}, situation {i + 1}" if many else label
        if not isinstance(item, dict):
            raise InputError(f"{where}: a situation is a mapping of fields")
        try:
            situation = Situation.model_validate(item)
        except ValidationError as exc:
            raise InputError(situation_error(exc, where)) from None
        if situation.district not in known:
            raise InputError(
                f"{where}: district: no policy pack {situation.district!r}."
                f" Allowed: one of {', '.join(known)}."
            )
        situations.append(situation)
    return situations, many


@click.group()
@click.version_option(package_name="lanyard")
def cli() -> None:
    """Lanyard: may I? answered with your district's own policy words."""


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--json", "as_json", is_flag=True, help="Print exactly the decision format.")
def check(file: Any, as_json: bool) -> None:
    """Decide the situation(s) in FILE (YAML or JSON; - for standard input)."""
    situations, many = parse_situations(file.read(), file.name)
    decisions = [decide(load_pack(s.district), s) for s in situations]
    if as_json:
        payload: Any = [d.to_dict() for d in decisions] if many else decisions[0].to_dict()
        click.echo(json.dumps(payload, indent=2))
        return
    blocks = []
    for i, (situation, decision) in enumerate(zip(situations, decisions, strict=True)):
        title = f"[{i + 1}] {situation.action}" if many else None
        blocks.append(render_decision(decision, load_pack(situation.district), title))
    click.echo("\n\n".join(blocks))


cli.add_command(packs)
cli.add_command(reference)


cli.add_command(ask)
cli.add_command(db)
cli.add_command(audit_group)
cli.add_command(notify_group)
cli.add_command(jobs_group)
cli.add_command(worker)
cli.add_command(escrow_group)
cli.add_command(serve)
register_directory_commands(cli)
cli.add_command(moderate)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="lanyard")
    except SystemExit as exc:
        sys.exit(exc.code)
    sys.exit(0)
