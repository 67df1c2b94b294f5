"""Reading JSON situations with msgspec: decoded and validated in C into Structs that
mirror the policy's ``Situation`` model, then turned into the engine's flat form by
generated code.

The pydantic model stays the definition of a valid situation. The Structs are built from
its field table (names, allowed values, bounds, defaults), and the flat form follows
``Situation.flatten`` and the model's validators (the platform's normalisation, the
umbrellas that must agree with their details, the two ages that cannot both hold). What
msgspec refuses - a value the model would coerce ("true", 1, "15", 15.0), a wrong value,
an unknown field, anything that is not plain JSON - and what the model's validators
refuse is handed back as not read, to go through the model as before: it accepts the
same inputs and words the same errors. A model field, type or validator this module does
not know switches it off. A test holds the two paths to the same flat situations and the
same decisions byte for byte.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import msgspec
from annotated_types import Ge
from pydantic import BaseModel

from lanyard.cli import situations
from lanyard.policy.situation import (
    UMBRELLAS,
    Actor,
    Channel,
    Content,
    Counterpart,
    FlatSituation,
    Situation,
    _derive_counterpart,
)

Flatten = Callable[[Any], FlatSituation | None]


def _annotation(model: type[BaseModel], name: str) -> Any:
    """The msgspec type of one model field, or None where this module does not know it."""
    info = model.model_fields[name]
    annotation: Any = info.annotation
    optional = False
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return None
        annotation, optional = args[0], True
    bounds = list(info.metadata)
    if any(not isinstance(b, Ge) for b in bounds):
        return None
    if get_origin(annotation) is Literal:
        if bounds or not all(type(a) is str for a in get_args(annotation)):
            return None
    elif annotation is int:
        if bounds:
            low = max(b.ge for b in bounds)
            annotation = Annotated[int, msgspec.Meta(ge=low)]
    elif annotation in (bool, str) or (
        get_origin(annotation) is tuple and get_args(annotation) == (str, ...)
    ):
        if bounds:
            return None
    else:
        return None
    return annotation | None if optional else annotation


def _struct(model: type[BaseModel]) -> type[msgspec.Struct] | None:
    fields: list[tuple[str, Any, Any]] = []
    for name, info in model.model_fields.items():
        annotation = _annotation(model, name)
        if annotation is None or info.default is not None:
            return None
        fields.append((name, annotation, None))
    return msgspec.defstruct(
        model.__name__, fields, kw_only=True, forbid_unknown_fields=True, frozen=True
    )


# The fields the model normalises, and how (as situations.fast_flatten knows them).
_NORMALISED: dict[tuple[type[BaseModel], str], str] = {(Channel, "platform"): "{v}.strip().lower()"}


def _validated(model: type[BaseModel]) -> set[str]:
    return {
        field
        for v in model.__pydantic_decorators__.field_validators.values()
        for field in v.info.fields
    }


def _part_lines(model: type[BaseModel], source: str, target: str, prefix: str) -> list[str]:
    """Statements copying a part's known values into ``target`` under their flat keys."""
    lines = [f"p = {source}"]
    for name in model.model_fields:
        value = _NORMALISED.get((model, name), "{v}").format(v="v")
        lines += [
            f"v = p.{name}",
            "if v is not None:",
            f"    {target}[{prefix + name!r}] = {value}",
        ]
    return lines


def _flatten_source() -> str | None:
    """``flatten(s)``: ``Situation.flatten`` of the Struct ``s``, or None where one of the
    model's validators would refuse it."""
    for model in (Actor, Channel, Content, Counterpart):
        if any((model, name) not in _NORMALISED for name in _validated(model)):
            return None
    body = ["flat = {'district': s.district, 'action': s.action}"]
    for name in ("purpose", "emergency"):  # the order Situation.flatten writes them
        body += [f"v = s.{name}", "if v is not None:", f"    flat[{name!r}] = v"]
    for part, model in (("actor", Actor), ("channel", Channel), ("content", Content)):
        body += _part_lines(model, f"s.{part}", "flat", f"{part}.")
    for umbrella, details in UMBRELLAS.items():  # Content._umbrellas_agree, _derive_content
        said = " or ".join(f"p.{d} is True" for d in details)
        body += [f"if {said}:", f"    if p.{umbrella} is False:", "        return None"]
        body += [f"    flat['content.{umbrella}'] = True", f"elif p.{umbrella} is False:"]
        body += [f"    flat.setdefault('content.{d}', False)" for d in details]
    body += [
        "cps = s.counterparts",
        "if cps is not None:",
        "    out = []",
        "    total = 0",
        "    for c in cps:",
        "        if c.age_under_13 and c.age_18_or_over:",  # Counterpart._ages_agree
        "            return None",
        "        cp = {}",
        *("        " + line for line in _part_lines(Counterpart, "c", "cp", "")),
        "        out.append(derive(cp))",
        "        if total is not None:",
        "            total = None if c.count is None else total + c.count",
        "    flat['counterparts'] = tuple(out)",
        "    if total is not None:",
        "        flat['group_size'] = total",
        "return flat",
    ]
    return "def flatten(s):\n" + "".join(f"    {line}\n" for line in body)


def _build() -> tuple[msgspec.json.Decoder[Any], msgspec.json.Decoder[Any], Flatten] | None:
    """The decoders of a document (one situation or a list) and of one situation, and the
    flattening; None if the model holds something not known here."""
    if situations._FAST is None:  # the model has changed in a way the fast path does not know
        return None
    parts = {model: _struct(model) for model in (Actor, Channel, Content, Counterpart)}
    top = {name: _annotation(Situation, name) for name in ("district", "action", "emergency")}
    top["purpose"] = _annotation(Situation, "purpose")
    if any(s is None for s in parts.values()) or any(a is None for a in top.values()):
        return None
    source = _flatten_source()
    if source is None:
        return None
    actor, channel, content, counterpart = parts.values()
    assert actor and channel and content and counterpart  # for the type checker
    generic: Any = tuple  # types built at run time (as the type checker cannot follow)
    struct = msgspec.defstruct(
        "Situation",
        [
            ("district", top["district"]),
            ("action", top["action"]),
            ("emergency", top["emergency"], None),
            ("actor", actor, actor()),
            ("purpose", top["purpose"], None),
            ("channel", channel, channel()),
            ("counterparts", generic[counterpart, ...] | None, None),
            ("content", content, content()),
        ],
        kw_only=True,
        forbid_unknown_fields=True,
        frozen=True,
    )
    namespace: dict[str, Any] = {"derive": _derive_counterpart}
    exec(compile(source, "<situation flatten>", "exec"), namespace)  # noqa: S102 - our own
    generic = list
    document = msgspec.json.Decoder(struct | generic[struct])
    return document, msgspec.json.Decoder(struct), namespace["flatten"]


_BUILT = _build()
_RAW_LIST = msgspec.json.Decoder(list[msgspec.Raw])


def read_one(text: str | bytes) -> FlatSituation | None:
    """The flat situation of one JSON situation (a line of JSON lines), or None where it
    must go through the model (not plain JSON, not valid, or a value to coerce)."""
    if _BUILT is None:
        return None
    try:
        struct = _BUILT[1].decode(text)
    except msgspec.DecodeError:
        return None
    flat: FlatSituation | None = _BUILT[2](struct)
    return flat


def read_list(data: str | bytes) -> tuple[list[Any], Flatten] | None:
    """The Structs of a JSON list of situations msgspec reads whole (from the bytes or the
    text), with the function that gives each one's flat situation (or None where the
    model must read it); None if it is not such a list."""
    if _BUILT is None:
        return None
    document, _, flatten = _BUILT
    try:
        decoded: Any = document.decode(data)
    except msgspec.DecodeError:
        return None
    return (decoded, flatten) if type(decoded) is list else None


def read_document(text: str) -> tuple[list[FlatSituation | None], bool] | None:
    """The flat situations of a JSON document holding one situation or a list, each None
    where that situation must go through the model, and whether it was a list; None if
    the document is not one msgspec reads (not JSON, or one situation it refuses)."""
    if _BUILT is None:
        return None
    document, one, flatten = _BUILT
    try:
        data = document.decode(text)
    except msgspec.DecodeError:
        pass
    else:
        if type(data) is list:
            return [flatten(s) for s in data], True
        return [flatten(data)], False
    try:  # a list with some situation msgspec refuses: read the others one by one
        raws = _RAW_LIST.decode(text)
    except msgspec.DecodeError:
        return None
    flats: list[FlatSituation | None] = []
    for raw in raws:
        try:
            flats.append(flatten(one.decode(raw)))
        except msgspec.DecodeError:
            flats.append(None)
    return flats, True
