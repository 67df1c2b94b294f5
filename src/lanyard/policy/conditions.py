"""The pack condition language, compiled once into fast three-valued predicates.

A condition is YAML data a district administrator can read::

    action: message                       # a field equals a value
    channel.medium: [text_message, social_dm]   # ... or is one of several
    channel.account: {not: district}      # operators: not, in, gte, gt, lte, lt,
                                          #            includes, excludes
    counterpart: {role: student, count: {gte: 2}}   # some counterpart matches all of
    every_counterpart: {role: student}    # every counterpart matches all of
    any: [{...}, {...}]                   # at least one holds
    all: [{...}, {...}]                   # all hold
    not: {...}                            # does not hold

The entries of one mapping must all hold. A field the situation leaves out is
unknown: predicates answer ``True``, ``False`` or ``None`` (unknown) in Kleene
logic, and :func:`unknown_fields` names the fields that kept an answer unknown.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from lanyard.policy.situation import COUNTERPART_FIELDS, SITUATION_FIELDS, FlatSituation

Truth = bool | None
Predicate = Callable[[FlatSituation], Truth]
CounterpartPredicate = Callable[[Mapping[str, Any]], Truth]

COMBINATORS = ("any", "all", "not", "counterpart", "every_counterpart")
OPERATORS = ("eq", "not", "in", "gte", "gt", "lte", "lt", "includes", "excludes")


class ConditionError(ValueError):
    """A condition that does not follow the language; ``where`` is the path inside it."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Domain:
    """What values a field takes: its kind and, for enumerations, the allowed values."""

    kind: Literal["enum", "bool", "int", "str", "list"]
    values: tuple[Any, ...] = ()

    def describe(self) -> str:
        if self.kind == "enum":
            return "one of " + ", ".join(str(v) for v in self.values)
        return {"bool": "true or false", "int": "a whole number", "str": "text"}.get(
            self.kind, "a list of text ids"
        )


def _domain(annotation: Any) -> Domain:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return _domain(inner[0])
    if origin is Literal:
        return Domain("enum", tuple(get_args(annotation)))
    if origin is tuple:
        return Domain("list")
    if annotation is bool:
        return Domain("bool")
    if annotation is int:
        return Domain("int")
    return Domain("str")


FIELD_DOMAINS: dict[str, Domain] = {path: _domain(a) for path, a in SITUATION_FIELDS.items()}
COUNTERPART_DOMAINS: dict[str, Domain] = {
    name: _domain(a) for name, a in COUNTERPART_FIELDS.items()
}


@dataclass(frozen=True)
class Compiled:
    """A compiled condition: the predicate, the fields it reads and its explanation walker."""

    predicate: Predicate
    fields: frozenset[str]
    explain: Callable[[FlatSituation], tuple[Truth, frozenset[str]]]
    # Values the rule requires of ``action``, when its top level pins them (for indexing).
    actions: frozenset[str] | None
    # The predicate without the pinned action test, for rules found through the action index.
    indexed: Predicate


def _check_value(where: str, field: str, domain: Domain, value: Any) -> None:
    if domain.kind == "enum" and value not in domain.values:
        raise ConditionError(where, f"{value!r} is not a value of {field} ({domain.describe()})")
    if domain.kind == "bool" and not isinstance(value, bool):
        raise ConditionError(where, f"{field} is {domain.describe()}, not {value!r}")
    if domain.kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConditionError(where, f"{field} is {domain.describe()}, not {value!r}")
    if domain.kind in ("str", "list") and not isinstance(value, str):
        raise ConditionError(where, f"{field} compares with text, not {value!r}")


_Test = Callable[[Any], bool]


@dataclass(frozen=True)
class FieldTest:
    """A compiled test of a known value; ``kind``/``arg`` let leaves inline the common ones."""

    test: _Test
    kind: Literal["eq", "ne", "in", "not_in", "other"] = "other"
    arg: Any = None

    def negated(self) -> FieldTest:
        test = self.test
        flipped = {"eq": "ne", "ne": "eq", "in": "not_in", "not_in": "in"}.get(self.kind, "other")
        return FieldTest(lambda v: not test(v), flipped, self.arg)  # type: ignore[arg-type]


def _field_test(where: str, field: str, domain: Domain, spec: Any) -> FieldTest:
    """Compile the right-hand side of ``field: spec`` into a test of a known value."""
    if isinstance(spec, Mapping):
        if len(spec) != 1:
            raise ConditionError(where, "an operator mapping holds exactly one operator")
        ((op, arg),) = spec.items()
        if op not in OPERATORS:
            raise ConditionError(where, f"unknown operator {op!r} (use {', '.join(OPERATORS)})")
        where = f"{where}.{op}"
        if op in ("includes", "excludes"):
            if domain.kind != "list":
                raise ConditionError(where, f"{op} applies to list fields, not {field}")
            _check_value(where, field, Domain("str"), arg)
            return FieldTest((lambda v: arg in v) if op == "includes" else (lambda v: arg not in v))
        if domain.kind == "list":
            raise ConditionError(where, f"{field} is a list: use includes or excludes")
        if op in ("gte", "gt", "lte", "lt"):
            if domain.kind != "int":
                raise ConditionError(
                    where, f"{op} compares numbers; {field} is {domain.describe()}"
                )
            _check_value(where, field, domain, arg)
            n = int(arg)
            return FieldTest(
                {
                    "gte": lambda v: v >= n,
                    "gt": lambda v: v > n,
                    "lte": lambda v: v <= n,
                    "lt": lambda v: v < n,
                }[op]
            )
        if op == "eq":
            return _field_test(where, field, domain, arg)
        if op == "in":
            if not isinstance(arg, Sequence) or isinstance(arg, str):
                raise ConditionError(where, "in takes a list of values")
            return _field_test(where, field, domain, list(arg))
        return _field_test(where, field, domain, arg).negated()  # op == "not"
    if domain.kind == "list":
        raise ConditionError(where, f"{field} is a list: use includes or excludes")
    if isinstance(spec, Sequence) and not isinstance(spec, str):
        if not spec:
            raise ConditionError(where, "an empty list matches nothing")
        for i, item in enumerate(spec):
            _check_value(f"{where}[{i}]", field, domain, item)
        allowed = frozenset(spec)
        return FieldTest(lambda v: v in allowed, "in", allowed)
    _check_value(where, field, domain, spec)
    expected = spec
    return FieldTest(lambda v: v == expected, "eq", expected)


def _kleene_all(parts: Sequence[Callable[[Any], Truth]]) -> Callable[[Any], Truth]:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts

        def both(s: Any) -> Truth:
            a = first(s)
            if a is False:
                return False
            b = second(s)
            if b is False:
                return False
            return None if a is None or b is None else True

        return both

    def all_of(s: Any) -> Truth:
        unknown = False
        for part in parts:
            r = part(s)
            if r is False:
                return False
            if r is None:
                unknown = True
        return None if unknown else True

    return all_of


def _kleene_any(parts: Sequence[Callable[[Any], Truth]]) -> Callable[[Any], Truth]:
    def any_of(s: Any) -> Truth:
        unknown = False
        for part in parts:
            r = part(s)
            if r is True:
                return True
            if r is None:
                unknown = True
        return None if unknown else False

    return any_of


def _kleene_not(part: Callable[[Any], Truth]) -> Callable[[Any], Truth]:
    def not_(s: Any) -> Truth:
        r = part(s)
        return None if r is None else not r

    return not_


def _leaf(key: str, ft: FieldTest) -> Callable[[Mapping[str, Any]], Truth]:
    arg, test = ft.arg, ft.test

    if ft.kind == "eq":

        def leaf(s: Mapping[str, Any]) -> Truth:
            v = s.get(key)
            return None if v is None else v == arg

    elif ft.kind == "ne":

        def leaf(s: Mapping[str, Any]) -> Truth:
            v = s.get(key)
            return None if v is None else v != arg

    elif ft.kind == "in":

        def leaf(s: Mapping[str, Any]) -> Truth:
            v = s.get(key)
            return None if v is None else v in arg

    elif ft.kind == "not_in":

        def leaf(s: Mapping[str, Any]) -> Truth:
            v = s.get(key)
            return None if v is None else v not in arg

    else:

        def leaf(s: Mapping[str, Any]) -> Truth:
            v = s.get(key)
            return None if v is None else test(v)

    return leaf


# -- explanation: the same walk, but returning the unknown fields that kept it open ----------

Explained = tuple[Truth, frozenset[str]]
Explainer = Callable[[Any], Explained]
_NONE: frozenset[str] = frozenset()


def _explain_leaf(key: str, label: str, test: _Test) -> Explainer:
    def explain(s: Mapping[str, Any]) -> tuple[Truth, frozenset[str]]:
        v = s.get(key)
        return (None, frozenset((label,))) if v is None else (test(v), _NONE)

    return explain


def _junction(results: Iterable[tuple[Truth, frozenset[str]]], decisive: bool) -> Explained:
    """Kleene and (``decisive`` False) or or (True) over explained results: the decisive
    value ends it; otherwise any unknown keeps it open, naming the missing fields."""
    unknown: set[str] = set()
    for r, missing in results:
        if r is decisive:
            return decisive, _NONE
        if r is None:
            unknown |= missing
    return (None, frozenset(unknown)) if unknown else (not decisive, _NONE)


def _explain_all(parts: Sequence[Explainer]) -> Explainer:
    return lambda s: _junction((part(s) for part in parts), False)


def _explain_any(parts: Sequence[Explainer]) -> Explainer:
    return lambda s: _junction((part(s) for part in parts), True)


def _explain_not(part: Explainer) -> Explainer:
    def explain(s: Any) -> tuple[Truth, frozenset[str]]:
        r, missing = part(s)
        return (None, missing) if r is None else (not r, _NONE)

    return explain


def _quantified(
    inner: Callable[[Any], Truth], inner_explain: Explainer, every: bool
) -> tuple[Predicate, Explainer]:
    def predicate(s: FlatSituation) -> Truth:
        cps = s.get("counterparts")
        if cps is None:
            return None
        return _over(cps, inner, every)

    def explain(s: FlatSituation) -> Explained:
        cps = s.get("counterparts")
        if cps is None:
            return None, frozenset(("counterparts",))
        return _junction((inner_explain(cp) for cp in cps), decisive=not every)

    return predicate, explain


def _over(cps: Sequence[Mapping[str, Any]], inner: Callable[[Any], Truth], every: bool) -> Truth:
    unknown = False
    for cp in cps:
        r = inner(cp)
        if every and r is False:
            return False
        if not every and r is True:
            return True
        if r is None:
            unknown = True
    if unknown:
        return None
    return every


def _compile_mapping(
    node: Any,
    where: str,
    domains: Mapping[str, Domain],
    label_prefix: str,
    fields: set[str],
    allow_quantifiers: bool,
) -> tuple[Callable[[Any], Truth], Explainer]:
    if not isinstance(node, Mapping) or not node:
        raise ConditionError(where, "a condition is a non-empty mapping of fields and combinators")
    preds: list[Callable[[Any], Truth]] = []
    explainers: list[Explainer] = []
    costs: list[int] = []
    for key, spec in node.items():
        costs.append(_COST.get(key, 0))
        here = f"{where}.{key}" if where else str(key)
        if key in ("any", "all"):
            if not isinstance(spec, Sequence) or isinstance(spec, str) or not spec:
                raise ConditionError(here, f"{key} takes a non-empty list of conditions")
            subs = [
                _compile_mapping(
                    item, f"{here}[{i}]", domains, label_prefix, fields, allow_quantifiers
                )
                for i, item in enumerate(spec)
            ]
            combine = _kleene_any if key == "any" else _kleene_all
            preds.append(combine([p for p, _ in subs]))
            explainers.append(
                (_explain_any if key == "any" else _explain_all)([e for _, e in subs])
            )
        elif key == "not":
            p, e = _compile_mapping(spec, here, domains, label_prefix, fields, allow_quantifiers)
            preds.append(_kleene_not(p))
            explainers.append(_explain_not(e))
        elif key in ("counterpart", "every_counterpart"):
            if not allow_quantifiers:
                raise ConditionError(here, f"{key} cannot be nested inside a counterpart test")
            p, e = _compile_mapping(spec, here, COUNTERPART_DOMAINS, "counterparts.", fields, False)
            qp, qe = _quantified(p, e, every=key == "every_counterpart")
            preds.append(qp)
            explainers.append(qe)
        else:
            if key not in domains:
                known = ", ".join(sorted(domains))
                raise ConditionError(here, f"unknown field {key!r} (fields: {known})")
            test = _field_test(here, key, domains[key], spec)
            label = label_prefix + key
            fields.add(label)
            preds.append(_leaf(key, test))
            explainers.append(_explain_leaf(key, label, test.test))
    # Cheap field tests first: a false one ends the conjunction (order does not change
    # the three-valued result).
    order = sorted(range(len(preds)), key=costs.__getitem__)
    return _kleene_all([preds[i] for i in order]), _explain_all([explainers[i] for i in order])


_COST = {"any": 1, "all": 1, "not": 2, "counterpart": 3, "every_counterpart": 3}


def compile_condition(node: Any) -> Compiled:
    """Validate and compile a condition; raises :class:`ConditionError` naming the path."""
    fields: set[str] = set()
    predicate, explain = _compile_mapping(node, "", FIELD_DOMAINS, "", fields, True)
    actions = _pinned_actions(node)
    indexed = predicate
    if actions is not None:
        # Rules are looked up by action, so the action test is already known to hold.
        rest = {k: v for k, v in node.items() if k != "action"}
        indexed = _compile_mapping(rest, "", FIELD_DOMAINS, "", set(), True)[0] if rest else _true
    return Compiled(
        predicate=predicate,
        fields=frozenset(fields),
        explain=explain,
        actions=actions,
        indexed=indexed,
    )


def _true(s: FlatSituation) -> Truth:
    return True


def _pinned_actions(node: Mapping[str, Any]) -> frozenset[str] | None:
    spec = node.get("action")
    if spec is None:
        return None
    if isinstance(spec, str):
        return frozenset((spec,))
    if isinstance(spec, Sequence):
        return frozenset(spec)
    if isinstance(spec, Mapping) and set(spec) <= {"eq", "in"}:
        value = next(iter(spec.values()))
        return frozenset((value,)) if isinstance(value, str) else frozenset(value)
    return None


def unknown_fields(compiled: Compiled, situation: FlatSituation) -> frozenset[str]:
    """The fields whose absence kept the condition from being decided."""
    truth, missing = compiled.explain(situation)
    return missing if truth is None else frozenset()
