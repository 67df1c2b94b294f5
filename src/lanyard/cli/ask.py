"""``lanyard ask``: the interactive "may I?" prompt."""

from __future__ import annotations

from typing import Any

import click

from lanyard.cli.render import render_decision
from lanyard.policy import Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.conditions import FIELD_DOMAINS
from lanyard.policy.decision import Dependence
from lanyard.policy.questions import RECORD_FACTS, question_for

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
    "receive": "deal with something I received (a threat, a breach, signs of abuse)",
}


def _choose(label: str, values: tuple[Any, ...], default: Any = None) -> Any:
    choice = click.prompt(
        label, type=click.Choice([str(v) for v in values]), default=default, show_choices=True
    )
    return choice


def _yes(label: str) -> bool:
    return bool(click.confirm(label, default=False))


def _set(data: dict[str, Any], fact: str, value: Any) -> None:
    """Put one answered fact into the situation being built."""
    if fact.startswith("counterparts."):
        name = fact.removeprefix("counterparts.")
        for cp in data.setdefault("counterparts", [{}]):
            cp[name] = value
    elif "." in fact:
        part, name = fact.split(".", 1)
        data.setdefault(part, {})[name] = list(value) if isinstance(value, tuple) else value
    else:
        data[fact] = value


def _follow_up(dependence: Dependence) -> tuple[bool, Any]:
    """Ask the deciding question; (False, None) when the person does not know."""
    question = question_for(dependence.fact)
    click.echo(f"\n{question.text}")
    options = [o.value for o in dependence.outcomes]
    for i, label in enumerate(question.options(options), 1):
        click.echo(f"  {i:>2}. {label}")
    click.echo(f"  {len(options) + 1:>2}. I don't know")
    index = click.prompt("Number", type=click.IntRange(1, len(options) + 1))
    if index == len(options) + 1:
        return False, None
    return True, options[index - 1]


@click.command()
def ask() -> None:
    """Ask "may I?" in plain words: what you want to do, then only the questions that
    decide the answer, one at a time ("I don't know" is an answer too)."""
    click.echo('Lanyard: ask "may I?" of your district\'s policy. Ctrl-C to stop.\n')
    packs = builtin_pack_ids()
    while True:
        district = _choose("District", tuple(packs), packs[0])
        pack = load_pack(district)
        click.echo("\nWhat do you want to do?")
        actions = FIELD_DOMAINS["action"].values
        for i, action in enumerate(actions, 1):
            click.echo(f"  {i:>2}. {_ACTION_WORDS.get(action, action)}")
        index = click.prompt("Number", type=click.IntRange(1, len(actions)))
        action = actions[index - 1]
        data: dict[str, Any] = {
            "district": district,
            "action": action,
            "actor": {"role": _choose("You are a", FIELD_DOMAINS["actor.role"].values, "teacher")},
        }
        declined: set[str] = set()
        while True:
            decision = decide(pack, Situation.model_validate(data))
            # the approvals on file are the record's to say, never asked of the person
            pending = [
                d
                for d in decision.depends_on
                if d.fact not in declined and d.fact not in RECORD_FACTS
            ]
            if decision.settled or not pending:
                break
            known, value = _follow_up(pending[0])
            if known:
                _set(data, pending[0].fact, value)
            else:
                declined.add(pending[0].fact)
        click.echo("")
        click.echo(render_decision(decision, pack, declined=declined))
        click.echo("")
        if not _yes("Ask another?"):
            return
