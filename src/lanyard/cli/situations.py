"""Reading situations for ``lanyard check``: JSON with the JSON parser, YAML with the C
loader when PyYAML has it, JSON lines one at a time; and a fast path to the engine's flat
form for batches.

The policy's ``Situation`` model is the definition of a valid situation and of its flat
form. Validating a plain JSON object through it costs several times what deciding it
does, so :func:`fast_flatten` builds the flat form directly from the model's own field
table (field order, allowed values, bounds, the platform's normalisation and the
derivations of :mod:`lanyard.policy.situation`) for input whose every value is already
of the exact type; anything else - a coercion, a wrong value, an unknown field, a
contradiction - returns ``None`` and goes through the model, which also words the
error. A test holds the two to the same flat situation and the same decisions; a model
field or validator this module does not know about switches the fast path off. (The
keys come in the input's order rather than the model's: the engine reads the flat
situation as a mapping.)
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin

import yaml
from annotated_types import Ge
from pydantic import BaseModel

from lanyard.policy.loader import safe_load
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


class NotSituationText(ValueError):
    """The text is neither JSON nor YAML."""


def load_document(text: str) -> Any:
    """JSON through the JSON parser; anything else (or JSON it rejects) through YAML."""
    if text.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except ValueError:
            pass  # YAML's flow style looks like JSON; let YAML read it or say why not
    try:
        return safe_load(text)
    except yaml.YAMLError as exc:
        raise NotSituationText(str(exc)) from None


_BAD = object()
Check = Callable[[Any], Any]  # a value in, the model's value out (or _BAD)


def _check_for(model: type[BaseModel], name: str) -> Check | None:
    """How the model takes a non-null value of this field, or None if not known here."""
    info = model.model_fields[name]
    annotation = info.annotation
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return None
        annotation = args[0]
    bounds = list(info.metadata)
    if any(not isinstance(b, Ge) for b in bounds):
        return None
    validators = {
        v.info.fields if hasattr(v.info, "fields") else ()
        for v in model.__pydantic_decorators__.field_validators.values()
    }
    validated = {f for fields in validators for f in fields}
    if name in validated:
        if (model, name) == (Channel, "platform") and annotation is str:
            return lambda v: v.strip().lower() if type(v) is str else _BAD
        return None
    if get_origin(annotation) is Literal:
        allowed = frozenset(get_args(annotation))
        if not all(type(a) is str for a in allowed):
            return None
        return lambda v: v if type(v) is str and v in allowed else _BAD
    if annotation is bool:
        return lambda v: v if type(v) is bool else _BAD
    if annotation is int:
        low = max((b.ge for b in bounds), default=None)
        if low is None:
            return lambda v: v if type(v) is int else _BAD
        return lambda v: v if type(v) is int and v >= low else _BAD
    if annotation is str and not bounds:
        return lambda v: v if type(v) is str else _BAD
    if get_origin(annotation) is tuple and get_args(annotation) == (str, ...):
        return lambda v: (
            tuple(v) if type(v) in (list, tuple) and all(type(x) is str for x in v) else _BAD
        )
    return None


BOOL, ENUM, INT, OTHER = range(4)
Field = tuple[str, int, Any]  # flat key, kind, what the kind checks against


class Table:
    """One part's fields: for each, its flat key and how its value is checked (inline
    for booleans, enumerations and whole numbers; a function for the rest)."""

    def __init__(self, fields: dict[str, Field]) -> None:
        self.fields = fields
        self.keys = {name: key for name, (key, _, _) in fields.items()}
        self.names = frozenset(fields)
        self.all_bool = all(kind == BOOL for _, kind, _ in fields.values())


def _table(model: type[BaseModel], prefix: str) -> Table | None:
    fields: dict[str, Field] = {}
    for name, info in model.model_fields.items():
        check = _check_for(model, name)
        if check is None:
            return None
        annotation, bounds = info.annotation, list(info.metadata)
        inner = [a for a in get_args(annotation) if a is not type(None)]
        kind: int = OTHER
        arg: Any = check
        if name in _validated(model) or len(inner) != 1:
            pass
        elif inner[0] is bool and not bounds:
            kind, arg = BOOL, None
        elif get_origin(inner[0]) is Literal and not bounds:
            kind, arg = ENUM, frozenset(get_args(inner[0]))
        elif inner[0] is int:
            kind, arg = INT, max((b.ge for b in bounds), default=None)
        fields[name] = (prefix + name, kind, arg)
    return Table(fields)


def _validated(model: type[BaseModel]) -> set[str]:
    return {
        field
        for v in model.__pydantic_decorators__.field_validators.values()
        for field in v.info.fields
    }


_KNOWN_MODEL_VALIDATORS = {Counterpart: {"_ages_agree"}, Content: {"_umbrellas_agree"}}


def _build() -> dict[str, Any] | None:
    parts = (Actor, Channel, Content, Counterpart)
    for model in (*parts, Situation):
        if set(model.__pydantic_decorators__.model_validators) != _KNOWN_MODEL_VALIDATORS.get(
            model, set()
        ):
            return None
        if model.model_config.get("extra") != "forbid":
            return None
    if Situation.__pydantic_decorators__.field_validators or list(Situation.model_fields) != [
        "district",
        "action",
        "emergency",
        "actor",
        "purpose",
        "channel",
        "counterparts",
        "content",
    ]:
        return None
    prefixes = {Actor: "actor.", Channel: "channel.", Content: "content.", Counterpart: ""}
    tables = {model: _table(model, prefixes[model]) for model in parts}
    top = {name: _check_for(Situation, name) for name in ("action", "emergency", "purpose")}
    if any(t is None for t in tables.values()) or any(c is None for c in top.values()):
        return None
    return {
        "actor": tables[Actor],
        "channel": tables[Channel],
        "content": tables[Content],
        "counterpart": tables[Counterpart],
        **top,
    }


_FAST = _build()
_TOP = frozenset(Situation.model_fields)


_BOOL_OR_NONE = frozenset({bool, type(None)})


def _part(raw: Any, table: Table, out: dict[str, Any]) -> bool:
    """Check one part's fields into ``out`` under their flat keys; False if the model
    must look at it."""
    if type(raw) is not dict or not raw.keys() <= table.names:
        return False
    if table.all_bool:
        if not _BOOL_OR_NONE.issuperset(map(type, raw.values())):
            return False
        keys = table.keys
        out.update({keys[name]: value for name, value in raw.items() if value is not None})
        return True
    fields = table.fields
    for name, value in raw.items():
        if value is None:
            continue
        key, kind, arg = fields[name]
        if kind == BOOL:
            if type(value) is not bool:
                return False
        elif kind == ENUM:
            if type(value) is not str or value not in arg:
                return False
        elif kind == INT:
            if type(value) is not int or (arg is not None and value < arg):
                return False
        else:
            value = arg(value)
            if value is _BAD:
                return False
        out[key] = value
    return True


_UMBRELLA_KEYS = tuple(
    (f"content.{umbrella}", tuple(f"content.{d}" for d in details))
    for umbrella, details in UMBRELLAS.items()
)


def fast_flatten(raw: Any) -> FlatSituation | None:
    """The flat situation ``Situation.model_validate(raw).flatten()`` gives, when ``raw``
    is a situation whose values already have their exact types; otherwise ``None``."""
    fast = _FAST
    if fast is None or type(raw) is not dict or len(raw.keys() - _TOP):
        return None
    district, action = raw.get("district"), raw.get("action")
    if type(district) is not str or action is None or fast["action"](action) is _BAD:
        return None
    flat: dict[str, Any] = {"district": district, "action": action}
    for name in ("purpose", "emergency"):
        value = raw.get(name)
        if value is not None:
            if fast[name](value) is _BAD:
                return None
            flat[name] = value
    for part in ("actor", "channel", "content"):
        if part in raw and not _part(raw[part], fast[part], flat):
            return None
    for umbrella, details in _UMBRELLA_KEYS:  # as the model checks and flatten derives
        said = flat.get(umbrella)
        if True in [flat.get(d) for d in details]:
            if said is False:
                return None  # the model's own error says which
            flat[umbrella] = True
        elif said is False:
            for d in details:
                flat.setdefault(d, False)
    raw_cps = raw.get("counterparts")
    if raw_cps is not None:
        if type(raw_cps) not in (list, tuple):
            return None
        cps = []
        for raw_cp in raw_cps:
            cp: dict[str, Any] = {}
            if not _part(raw_cp, fast["counterpart"], cp):
                return None
            if cp.get("age_under_13") and cp.get("age_18_or_over"):
                return None
            cps.append(_derive_counterpart(cp))
        flat["counterparts"] = tuple(cps)
        counts = [cp.get("count") for cp in cps]
        if all(c is not None for c in counts):
            flat["group_size"] = sum(c for c in counts if c is not None)
    return flat
