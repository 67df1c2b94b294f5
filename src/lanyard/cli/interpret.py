"""``lanyard interpret``: a question in words to facts, the next question and the answer."""

from __future__ import annotations

import json

import click
from pydantic import ValidationError

from lanyard.cli.render import render_decision
from lanyard.config import Settings
from lanyard.mayi.interpret import (
    CONFIRM_QUESTION,
    YOUR_ANSWER,
    Confirmation,
    FactProblem,
    answer_options,
    answered_dont_know,
    confirm_options,
    fact_label,
    fact_question,
    next_question,
    read,
    to_json,
)
from lanyard.mayi.proposals import ModelServer, propose
from lanyard.mayi.understand import understand
from lanyard.policy import Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.questions import question_for


@click.command()
@click.argument("question")
@click.option("--district", default=None, help="The pack id (default: the first pack).")
@click.option(
    "--facts",
    "facts_json",
    default=None,
    help='Answered facts as a JSON object of dotted paths, e.g. {"channel.account": '
    '"personal", "counterparts.0.role": "student"}; null means "I don\'t know".',
)
@click.option("--json", "as_json", is_flag=True, help="The result as JSON.")
def interpret(question: str, district: str | None, facts_json: str | None, as_json: bool) -> None:
    """Read QUESTION (in plain words) into the facts of a situation, offline; print what was
    understood, the next question that could change the answer, and the answer."""
    pack_id = district or builtin_pack_ids()[0]
    if pack_id not in builtin_pack_ids():
        raise click.BadParameter(f"no pack {pack_id!r}", param_hint="--district")
    try:
        answered = json.loads(facts_json) if facts_json else {}
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not JSON: {exc.msg}", param_hint="--facts") from None
    if not isinstance(answered, dict):
        raise click.BadParameter("a JSON object of fact paths", param_hint="--facts")
    try:
        model = ModelServer.from_settings(Settings())
        proposed = propose(question, understand(question), model) if model else ()
        interpretation = read(question, answered, district=pack_id, proposed=proposed)
        situation = Situation.model_validate(interpretation.situation())
    except (FactProblem, ValidationError) as exc:
        raise click.ClickException(str(exc).splitlines()[0]) from None
    pack = load_pack(pack_id)
    decision = decide(pack, situation)
    following = next_question(decision, interpretation)
    if as_json:
        click.echo(
            json.dumps(to_json(interpretation, situation, decision, following, pack.document))
        )
        return
    click.echo("Understood:")
    for path, value in interpretation.facts.items():
        words = interpretation.words.get(path, "")
        source = "your answer" if words == YOUR_ANSWER else f'from "{words}"'
        if interpretation.proposed_by(path):
            source = f'proposed by the district\'s model from "{words}", please check'
        click.echo(f"  {fact_question(path)} {fact_label(path, value, pack.document)}  ({source})")
    if isinstance(following, Confirmation):
        click.echo(f"Next question: {CONFIRM_QUESTION}")
        for label, _ in confirm_options(following):
            click.echo(f"  - {label}")
        click.echo("  - I don't know")
    elif following is not None:
        click.echo(f"Next question: {question_for(following.fact).text}")
        for _, label in answer_options(following, pack.document):
            click.echo(f"  - {label}")
        click.echo("  - I don't know")
    click.echo(
        render_decision(decision, pack, declined=answered_dont_know(interpretation.declined))
    )
