"""The ``lanyard`` command line."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from lanyard.cli.check import check


class LazyGroup(click.Group):
    """A group whose commands are imported when they are used or listed, so a command such
    as ``lanyard check`` starts without loading the web, database and job stacks."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attr = self.lazy[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)


# command name -> "module:attribute"
LAZY_COMMANDS = {
    "acks": "lanyard.cli.acks:acks_group",
    "ask": "lanyard.cli.ask:ask",
    "audit": "lanyard.cli.ops:audit_group",
    "consents": "lanyard.cli.prepub:consents_group",
    "db": "lanyard.cli.ops:db",
    "demo": "lanyard.cli.directory:demo_group",
    "escrow": "lanyard.cli.escrow:escrow_group",
    "import": "lanyard.cli.directory:import_group",
    "interpret": "lanyard.cli.interpret:interpret",
    "jobs": "lanyard.cli.jobs:jobs_group",
    "messages": "lanyard.cli.messages:messages_group",
    "moderate": "lanyard.cli.moderate:moderate",
    "notify": "lanyard.cli.ops:notify_group",
    "packs": "lanyard.cli.packs:packs",
    "prepub": "lanyard.cli.prepub:prepub_group",
    "records": "lanyard.cli.records:records_group",
    "reference": "lanyard.cli.reference:reference",
    "serve": "lanyard.cli.serve:serve",
    "worker": "lanyard.cli.jobs:worker",
}


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS)
@click.version_option(package_name="lanyard")
def cli() -> None:
    """Lanyard: may I? answered with your district's own policy words."""


cli.add_command(check)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="lanyard")
    except SystemExit as exc:
        sys.exit(exc.code)
    sys.exit(0)
