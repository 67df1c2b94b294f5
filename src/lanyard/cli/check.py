"""``lanyard check``: decide situations from a file, one or a batch, or a stream of JSON
lines."""

from __future__ import annotations

import gc
import io
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import IO, Any, TextIO

import click
from pydantic import ValidationError

from lanyard.cli.situation_structs import read_document, read_list, read_one
from lanyard.cli.situations import NotSituationText, fast_flatten, load_document
from lanyard.policy import Pack, Situation, builtin_pack_ids, load_pack
from lanyard.policy.batch import BatchDecider
from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS
from lanyard.policy.situation import FlatSituation


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


_KNOWN: frozenset[str] = frozenset(builtin_pack_ids())


def flat_situation(item: Any, where: str) -> FlatSituation:
    """The engine's flat form of one raw situation; :class:`InputError` naming the field
    when it is not a valid situation for a built-in pack."""
    flat = fast_flatten(item)
    if flat is None:
        if not isinstance(item, dict):
            raise InputError(f"{where}: a situation is a mapping of fields")
        try:
            flat = Situation.model_validate(item).flatten()
        except ValidationError as exc:
            raise InputError(situation_error(exc, where)) from None
    if flat["district"] not in _KNOWN:
        raise InputError(
            f"{where}: district: no policy pack {flat['district']!r}."
            f" Allowed: one of {', '.join(sorted(_KNOWN))}."
        )
    return flat


def parse_situations(text: str, label: str) -> tuple[list[FlatSituation], bool]:
    """Situations from YAML or JSON text; the flag says whether the input was a list.

    Plain JSON is read by msgspec; a situation it does not take (and any other text) is
    read as before and goes through the model, which words the error."""
    fast = read_document(text) if text.lstrip()[:1] in ("{", "[") else None
    if fast is not None:
        flats, many = fast
        known = [f for f in flats if f is not None and f["district"] in _KNOWN]
        if len(known) == len(flats):
            return known, many
    items = _items(text, label)
    many = isinstance(items, list)
    if not many:
        items = [items]
    out: list[FlatSituation] = []
    for i, item in enumerate(items):
        flat = fast[0][i] if fast is not None else None
        if flat is None or flat["district"] not in _KNOWN:
            flat = _flat(item, partial(_where, label, i if many else None))
        out.append(flat)
    return out, many


def _items(text: str, label: str) -> Any:
    try:
        return load_document(text)
    except NotSituationText as exc:
        raise InputError(f"{label}: not valid YAML or JSON: {exc}") from None


def _where(label: str, index: int | None) -> str:
    return label if index is None else f"{label}, situation {index + 1}"


def _flat(item: Any, where: Callable[[], str]) -> FlatSituation:
    """:func:`flat_situation`, naming where the situation is only when it is not valid."""
    flat = fast_flatten(item)
    if flat is not None and flat["district"] in _KNOWN:
        return flat
    return flat_situation(item, where())


def _pack(flat: FlatSituation) -> Pack:
    return load_pack(flat["district"])


@contextmanager
def _batch() -> Iterator[None]:
    """No cyclic garbage collection while a batch runs: decisions and situations are
    acyclic, and the collector's passes over them cost more than deciding."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _read(file: TextIO) -> str | bytes:
    """The whole input: its bytes where the stream has them (msgspec reads UTF-8 itself,
    without a decoded copy of a large file), otherwise its text."""
    buffer = getattr(file, "buffer", None)
    data: str | bytes = buffer.read() if buffer is not None else file.read()
    return data


def _text(data: str | bytes, file: TextIO) -> str:
    """The text the stream would have given (its encoding, errors and newlines)."""
    if isinstance(data, str):
        return data
    return io.TextIOWrapper(io.BytesIO(data), encoding=file.encoding, errors=file.errors).read()


def _starts_list(data: str | bytes) -> bool:
    head = data[:4096].lstrip() or data.lstrip()
    return head[:1] in ("[", b"[")


def _json_batch(data: str | bytes, decider: BatchDecider) -> list[str] | None:
    """The decisions' JSON of a JSON list of situations that msgspec reads whole, each
    decided as it is read (nothing written until all are); None where some situation
    must go through the model (it is then read again as :func:`parse_situations` does)."""
    read = read_list(data) if _starts_list(data) else None
    if read is None:
        return None
    structs, flatten = read
    packs: dict[str, Pack] = {}
    out: list[str] = []
    for struct in structs:
        flat = flatten(struct)
        if flat is None:
            return None
        district = flat["district"]
        pack = packs.get(district)
        if pack is None:
            if district not in _KNOWN:
                return None
            pack = packs[district] = load_pack(district)
        out.append(decider.dumps(pack, flat))
    return out


def _check_lines(file: IO[str], out: IO[str], decider: BatchDecider) -> int:
    """One decision per line of JSON in, one per line out; a line that is not a valid
    situation gives {"line": n, "error": ...} in its place (and exit status 1). A line
    seen before is answered as it was (its text is the key: nothing is read again)."""
    failed = 0
    answered: dict[str, str] = {}
    for number, line in enumerate(file, 1):
        text = answered.get(line)
        if text is not None:
            out.write(text)
            continue
        if not line.strip():
            continue
        try:
            flat = read_one(line)
            if flat is None or flat["district"] not in _KNOWN:
                try:
                    item = json.loads(line)
                except ValueError as exc:
                    raise InputError(f"{file.name}, line {number}: not valid JSON: {exc}") from None
                flat = _flat(item, lambda: f"{file.name}, line {number}")  # noqa: B023 - at once
            text = decider.dumps(_pack(flat), flat)
            if len(answered) >= 100_000:
                answered.clear()
            answered[line] = text + "\n"
        except InputError as exc:
            failed += 1
            click.echo(exc.format_message(), err=True)
            text = json.dumps({"line": number, "error": exc.format_message()})
        out.write(text + "\n")
    return failed


def _write_list(texts: list[str]) -> None:
    out = sys.stdout
    out.write("[\n")
    out.write(",\n".join(texts))
    out.write("\n]\n" if texts else "]\n")
    out.flush()


@click.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--json", "as_json", is_flag=True, help="Print exactly the decision format.")
@click.option(
    "--jsonl",
    is_flag=True,
    help="FILE holds one JSON situation per line; print one decision per line, as each is"
    ' read (a line that is not a valid situation gives {"line": N, "error": ...} and exit'
    " status 1).",
)
@click.option(
    "--no-questions",
    is_flag=True,
    help="Do not try each unknown fact to find the deciding questions: faster, for bulk"
    " scans. needs_facts then lists every fact that kept a rule open (not only those that"
    " can change the answer), and depends_on is empty.",
)
def check(file: Any, as_json: bool, jsonl: bool, no_questions: bool) -> None:
    """Decide the situation(s) in FILE (YAML or JSON; - for standard input)."""
    decider = BatchDecider(explore=not no_questions)
    with _batch():
        if jsonl:
            failed = _check_lines(file, sys.stdout, decider)
            sys.stdout.flush()
            if failed:
                raise SystemExit(1)
            return
        data = _read(file)
        texts = _json_batch(data, decider) if as_json else None
        if texts is not None:
            _write_list(texts)
            return
        flats, many = parse_situations(_text(data, file), file.name)
        if as_json and many:
            _write_list([decider.dumps(_pack(f), f) for f in flats])
            return
        decisions = [decider.decide(_pack(f), f) for f in flats]
    if as_json:
        click.echo(json.dumps(decisions[0].to_dict(), indent=2))
        return
    from lanyard.cli.render import render_decision

    blocks = []
    for i, (flat, decision) in enumerate(zip(flats, decisions, strict=True)):
        title = f"[{i + 1}] {flat['action']}" if many else None
        blocks.append(render_decision(decision, load_pack(flat["district"]), title))
    click.echo("\n\n".join(blocks))
