"""``lanyard ask``: the interactive "may I?" prompt."""

from __future__ import annotations

from typing import Any

import click

from lanyard.cli.render import render_decision
from lanyard.policy import Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS

_ACTION_WORDS = {
    "message": "send a message (e-mail, text, DM, call)",
    "respond_to_contact": "reply to someone who contacted me first",
    "friend_or_follow": "friend or follow someone on social media",
    "post": "post on a website or social media",
    "create_account": "create a social media account or website",
    "use_logo": "use the district logo",
    "personal_use": "use technology for personal things",
    "share_credentials": "share a password or account",
    "install_software": "install or download software",
    "play_games": "play games on district technology",
    "commercial_use": "use district resources commercially",
    "disable_filter": "have the web filter disabled for research",
    "media_contact": "talk with news media",
}


def _choose(label: str, values: tuple[Any, ...], default: Any = None) -> Any:
    choice = click.prompt(
        label, type=click.Choice([str(v) for v in values]), default=default, show_choices=True
    )
    return choice


def _yes(label: str) -> bool:
    return bool(click.confirm(label, default=False))


@click.command()
def ask() -> None:
    """Ask "may I?" in plain words, one question at a time."""
    click.echo('Lanyard: ask "may I?" of your district\'s policy. Ctrl-C to stop.\n')
    packs = builtin_pack_ids()
    while True:
        district = _choose("District", tuple(packs), packs[0])
        click.echo("\nWhat do you want to do?")
        actions = FIELD_DOMAINS["action"].values
        for i, action in enumerate(actions, 1):
            click.echo(f"  {i:>2}. {_ACTION_WORDS.get(action, action)}")
        index = click.prompt("Number", type=click.IntRange(1, len(actions)))
        action = actions[index - 1]
        data: dict[str, Any] = {
            "district": district,
            "action": action,
            "actor": {
                "role": _choose("You are a", FIELD_DOMAINS["actor.role"].values, "teacher"),
                "on_duty": _yes("On duty at the time?"),
                "approvals": [],
                "relationship": _choose(
                    "Relationship with them outside school",
                    FIELD_DOMAINS["actor.relationship"].values,
                    "none",
                ),
            },
            "purpose": _choose("Purpose", FIELD_DOMAINS["purpose"].values, "district_business"),
        }
        if action not in ("media_contact", "disable_filter", "play_games", "install_software"):
            data["channel"] = {
                "medium": _choose("How", FIELD_DOMAINS["channel.medium"].values, "email"),
                "account": _choose("Whose account", ("district", "personal"), "district"),
                "device": _choose("Whose device", ("district", "personal"), "district"),
                "network": _choose("Network", ("district", "other"), "district"),
            }
        role = _choose("With or about whom", COUNTERPART_DOMAINS["role"].values, "student")
        count = click.prompt("How many people", type=click.IntRange(1), default=1)
        data["counterparts"] = [{"role": role, "count": count}]
        if role == "student":
            data["counterparts"][0]["age_under_13"] = _yes("Any of them under 13?")
        if action == "post":
            data["content"] = {
                "student_images": _yes("Does it show students?"),
                "student_pii": _yes("Does it name students or show their work or records?"),
                "district_logo": _yes("Does it carry the district logo?"),
            }
        situation = Situation.model_validate(data)
        click.echo("")
        click.echo(render_decision(decide(load_pack(district), situation), load_pack(district)))
        click.echo("")
        if not _yes("Ask another?"):
            return
