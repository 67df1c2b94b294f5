"""``lanyard interpret``: a question in words to facts, the next question and the answer."""

from __future__ import annotations

import json

import click
from pydantic import ValidationError

from lanyard.cli.render import render_decision
from lanyard.mayi.interpret import FactProblem, next_question, read, to_json
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
        interpretation = read(question, answered)
        situation = Situation.model_validate(interpretation.situation(pack_id))
    except (FactProblem, ValidationError) as exc:
        raise click.ClickException(str(exc).splitlines()[0]) from None
    pack = load_pack(pack_id)
    decision = decide(pack, situation)
    following = next_question(decision, interpretation.declined)
    if as_json:
        click.echo(json.dumps(to_json(interpretation, situation, decision, following)))
        return
    click.echo("Understood:")
    for u in interpretation.understood:
        click.echo(
            f"  {question_for(u.field).text if u.field != 'action' else 'To do'}"
            f" {question_for(u.field).answer(u.value) if u.field != 'action' else u.value}"
            f'  (from "{u.words}")'
        )
    if following is not None:
        click.echo(f"Next question: {question_for(following.fact).text}")
    click.echo(render_decision(decision, pack))
