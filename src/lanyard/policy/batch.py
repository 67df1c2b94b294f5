"""Batch mode: many situations decided as :func:`~lanyard.policy.engine.decide_flat`
decides each, with what they share worked out once.

Two things make a batch cheap:

* Each rule is compiled into one Python function giving its three-valued outcome
  (whether it applies, whether its exception lifts it): field tests as statements, a
  false one ending it, instead of a call per node of the condition. An action's rules
  are compiled once it has had ``warm_up`` situations (compiling costs about 60 ms for
  all the built-in packs); before that the engine decides as it is.
* A decision is a function of those outcomes, the approvals on file and the unknown
  fields that kept rules open; situations that agree on them get the same decision
  object, worked out once. Exploring an unknown fact tries each of its answers; what an
  answer leads to is likewise a function of the outcomes of the situation with that
  answer, so an answer already tried for another situation is not worked out again.

Nothing is approximated: whatever is not remembered goes through the engine's own
functions, and a test holds the batch to :func:`decide_flat` decision by decision and
byte by byte.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from typing import Any

from lanyard.policy.conditions import (
    COUNTERPART_DOMAINS,
    FIELD_DOMAINS,
    Domain,
    _field_test,
    unknown_fields,
)
from lanyard.policy.decision import Decision
from lanyard.policy.engine import (
    Row,
    Tried,
    _candidates,
    _core,
    _Evaluation,
    _signature,
    _values,
    _with,
    assemble,
    decide_flat,
    tried,
)
from lanyard.policy.loader import CompiledRule, Pack
from lanyard.policy.situation import FlatSituation

# What a situation makes of one rule, as a number: 0 where it cannot apply or its
# exception lifts it, otherwise 3 * applies + lifted (each 1 for unknown, 2 for true).
Outcomes = tuple[int, ...]
OutcomeFunction = Callable[[FlatSituation], Outcomes]
RuleFunction = Callable[[FlatSituation], int]
_OPEN = frozenset((3, 4, 5, 7))  # the outcomes with something unknown


class _Source:
    """Python source for Kleene predicates over a situation: 0 false, 1 unknown, 2 true;
    a conjunction is the least of its parts, a disjunction the greatest, and both stop at
    the first part that decides them."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {}
        self.helpers: list[str] = []
        self.temporaries = 0

    def constant(self, value: Any) -> str:
        name = f"c{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def temporary(self) -> str:
        self.temporaries += 1
        return f"x{self.temporaries}"

    def both(self, first: str, second: str) -> str:
        a, b = self.temporary(), self.temporary()
        return f"(0 if not ({a} := {first}) else ({b} := {second}) and ({a} if {a} < {b} else {b}))"

    def either(self, first: str, second: str) -> str:
        a, b = self.temporary(), self.temporary()
        return (
            f"(2 if ({a} := {first}) == 2 else 2 if ({b} := {second}) == 2"
            f" else ({a} if {a} > {b} else {b}))"
        )

    def join(self, parts: list[str], conjunction: bool) -> str:
        out = parts[0]
        for part in parts[1:]:
            out = self.both(out, part) if conjunction else self.either(out, part)
        return out

    def parts(
        self, node: Mapping[str, Any], domains: Mapping[str, Domain]
    ) -> tuple[list[tuple[str, str]], list[str]]:
        """A mapping's field tests (as value and test) and its other entries."""
        tests: list[tuple[str, str]] = []
        others: list[str] = []
        for key, spec in node.items():
            if key in ("any", "all"):
                subs = [self.condition(item, domains) for item in spec]
                others.append(self.join(subs, key == "all"))
            elif key == "not":
                others.append(f"(2 - {self.condition(spec, domains)})")
            elif key in ("counterpart", "every_counterpart"):
                others.append(self.quantified(spec, every=key == "every_counterpart"))
            else:
                tests.append((key, self.holds(key, spec, domains)))
        return tests, others

    def condition(self, node: Mapping[str, Any], domains: Mapping[str, Domain]) -> str:
        tests, others = self.parts(node, domains)
        leaves = []
        for key, holds in tests:
            value = self.temporary()
            leaves.append(
                f"(1 if ({value} := g({key!r})) is None else 2 if {holds.format(v=value)} else 0)"
            )
        return self.join(leaves + others, True)  # field tests first, as the engine does

    def holds(self, key: str, spec: Any, domains: Mapping[str, Domain]) -> str:
        """The test of a known value, with {v} for it."""
        test = _field_test("", key, domains[key], spec)
        if test.kind in ("eq", "ne", "in", "not_in"):
            op = {"eq": "==", "ne": "!=", "in": "in", "not_in": "not in"}[test.kind]
            return f"{{v}} {op} {self.constant(test.arg)}"
        return f"{self.constant(test.test)}({{v}})"

    def quantified(self, spec: Mapping[str, Any], every: bool) -> str:
        """Some counterpart (the greatest over them, none: false) or every counterpart
        (the least, none: true); unknown when who they are is."""
        body = self.condition(spec, COUNTERPART_DOMAINS)
        name = f"q{len(self.helpers)}"
        if every:
            loop = "        if not x:\n            return 0\n"
            loop += "        if x == 1:\n            r = 1\n"
        else:
            loop = "        if x == 2:\n            return 2\n        if x:\n            r = 1\n"
        self.helpers.append(
            f"def {name}(cps):\n    r = {2 if every else 0}\n    for cp in cps:\n"
            f"        g = cp.get\n        x = {body}\n{loop}    return r\n"
        )
        cps = self.temporary()
        return f"(1 if ({cps} := g('counterparts')) is None else {name}({cps}))"

    def rule(self, name: str, compiled: CompiledRule) -> str:
        """A function giving the rule's outcome: the field tests of its condition one
        statement each (a false one ends it), the rest as an expression."""
        tests, others = self.parts(compiled.rule.when, FIELD_DOMAINS)
        lines = [f"def {name}(s):", "    g = s.get", "    u = 2"]
        for key, holds in tests:
            lines += [
                f"    v = g({key!r})",
                "    if v is None:",
                "        u = 1",
                f"    elif not ({holds.format(v='v')}):",
                "        return 0",
            ]
        for other in others:
            lines += ["    x = " + other, "    if not x:", "        return 0", "    if x == 1:"]
            lines += ["        u = 1"]
        unless = compiled.rule.unless
        if unless is None:
            lines.append("    return 3 * u")
        else:
            lines.append(f"    x = {self.condition(unless, FIELD_DOMAINS)}")
            lines.append("    return 0 if x == 2 else 3 * u + x")
        return "\n".join(lines) + "\n"


def rule_functions(rules: Sequence[CompiledRule]) -> list[RuleFunction]:
    """A function per rule giving its outcome for a situation, as the engine's compiled
    predicates do (an exception is read only where the rule can apply)."""
    source = _Source()
    texts = [source.rule(f"r{i}", compiled) for i, compiled in enumerate(rules)]
    namespace = dict(source.namespace)
    text = "\n".join(source.helpers + texts)
    exec(compile(text, "<pack rules>", "exec"), namespace)  # noqa: S102 - our own source
    return [namespace[f"r{i}"] for i in range(len(rules))]


def _outcome_function(functions: Sequence[RuleFunction]) -> OutcomeFunction:
    namespace: dict[str, Any] = {f"r{i}": f for i, f in enumerate(functions)}
    calls = "".join(f"r{i}(s), " for i in range(len(functions)))
    exec(f"def outcomes(s):\n    return ({calls})\n", namespace)  # noqa: S102 - our own source
    function: OutcomeFunction = namespace["outcomes"]
    return function


class _PackState:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.rules: dict[int, RuleFunction] = {}  # by the rule's order in the pack
        self.actions: dict[str, tuple[OutcomeFunction, list[RuleFunction]]] = {}
        self.seen: dict[str, int] = {}  # situations decided by the engine, by action
        # (action, changed fact) -> the places of the rules that fact can touch
        self.touching: dict[tuple[str, str], tuple[int, ...]] = {}
        # (action, outcomes, approvals, open fields) -> [decision before exploring, its
        # JSON or None, its evaluation, its signature or None]
        self.core: dict[tuple[Any, ...], list[Any]] = {}
        # (action, outcomes, approvals) of a situation with an answer tried -> (a number
        # for it, what it leads to)
        self.answers: dict[tuple[Any, ...], tuple[int, Tried]] = {}
        # (core key, the answers tried and their numbers) -> [explored decision, its JSON]
        self.explored: dict[tuple[Any, ...], list[Any]] = {}
        self.texts: dict[Decision, str] = {}  # the JSON of each decision written

    def action(self, action: str) -> tuple[OutcomeFunction, list[RuleFunction]]:
        try:
            return self.actions[action]
        except KeyError:
            rules = self.pack.rules_for(action)
            new = [r for r in rules if r.order not in self.rules]
            if new:
                self.rules.update(zip([r.order for r in new], rule_functions(new), strict=True))
            functions = [self.rules[r.order] for r in rules]
            found = self.actions[action] = (_outcome_function(functions), functions)
            return found

    def text(self, decision: Decision) -> str | None:
        """The JSON of a decision already written for another situation (None if not)."""
        try:
            return self.texts.get(decision)
        except TypeError:  # a value in it that cannot be hashed: written each time
            return None

    def touched(self, action: str, changed: str) -> tuple[int, ...]:
        try:
            return self.touching[action, changed]
        except KeyError:
            rules = self.pack.rules_for(action)
            found = tuple(i for i, r in enumerate(rules) if changed in r.touches)
            self.touching[action, changed] = found
            return found


class BatchDecider:
    """Decides flat situations exactly as :func:`decide_flat` does, remembering what they
    share (at most ``limit`` results of each kind per pack, then it starts over). The
    first ``warm_up`` situations of each action go through the engine as they are: the
    action's rules are compiled only for more."""

    def __init__(self, *, explore: bool = True, limit: int = 200_000, warm_up: int = 50) -> None:
        self.explore = explore
        self.limit = limit
        self.warm_up = warm_up
        self._packs: dict[int, _PackState] = {}

    def decide(self, pack: Pack, situation: FlatSituation) -> Decision:
        decision: Decision = self._entry(pack, situation)[0]
        return decision

    def dumps(self, pack: Pack, situation: FlatSituation) -> str:
        """The decision as one line of compact JSON (written once per distinct decision)."""
        entry = self._entry(pack, situation)
        text: str | None = entry[1]
        if text is None:
            text = entry[1] = json.dumps(entry[0].to_dict(), separators=(",", ":"))
            texts = self._state(pack).texts
            if len(texts) >= self.limit:
                texts.clear()
            with suppress(TypeError):  # see _PackState.text
                texts[entry[0]] = text
        return text

    def _state(self, pack: Pack) -> _PackState:
        state = self._packs.get(id(pack))
        if state is None or state.pack is not pack:
            state = self._packs[id(pack)] = _PackState(pack)
        return state

    def _entry(self, pack: Pack, situation: FlatSituation) -> list[Any]:
        """[decision, its JSON or None]"""
        state = self._state(pack)
        action = situation["action"]
        functions = state.actions.get(action)
        if functions is None:
            # Compiling an action's rules pays only over many situations: until then, the
            # engine as it is.
            seen = state.seen[action] = state.seen.get(action, 0) + 1
            if seen <= self.warm_up:
                decision = decide_flat(pack, situation, explore=self.explore)
                return [decision, state.text(decision)]
            functions = state.action(action)
        outcomes = functions[0](situation)
        key = (
            action,
            outcomes,
            situation.get("actor.approvals"),
            None if _OPEN.isdisjoint(outcomes) else _open(pack, action, outcomes, situation),
        )
        core = state.core.get(key)
        if core is None:
            if len(state.core) >= self.limit:
                state.core.clear()
                state.explored.clear()
            decision, ev = _core(pack, situation, _rows(outcomes, key[3]), _NOTHING)
            core = state.core[key] = [decision, state.text(decision), ev, None]
        if self.explore and core[2].missing:
            return self._explored(state, key, core, situation)
        return core

    def _explored(
        self, state: _PackState, key: tuple[Any, ...], core: list[Any], situation: FlatSituation
    ) -> list[Any]:
        pack = state.pack
        ev: _Evaluation = core[2]
        action, outcomes = key[0], key[1]
        functions = state.action(action)[1]
        answers: list[tuple[str, tuple[Any, ...], list[Tried]]] = []
        numbers: list[tuple[str, tuple[Any, ...], tuple[int, ...]]] = []
        known = state.answers
        for fact in _candidates(sorted(ev.missing)):
            if fact.startswith("counterparts."):
                # Given to every counterpart, replacing what some of them gave: every rule
                # that reads the counterparts is worked out again.
                touched = state.touched(action, "counterparts")
            else:
                # A value for a fact not known before leaves every decided rule as it was
                # (a rule's outcome is monotone in Kleene's logic: see test_batch), so
                # only the open rules the fact touches are worked out again.
                touched = tuple(i for i in state.touched(action, fact) if outcomes[i] in _OPEN)
            values = _values(pack, fact, situation)
            results: list[Tried] = []
            ids: list[int] = []
            for value in values:
                after = _with(situation, fact, value)
                # The rules the fact cannot touch keep their outcomes (as the engine has it).
                changed = list(outcomes)
                for i in touched:
                    changed[i] = functions[i](after)
                answer_key = (action, tuple(changed), after.get("actor.approvals"))
                found = known.get(answer_key)
                if found is None:
                    if len(known) >= self.limit:
                        known.clear()
                        state.explored.clear()  # its keys hold the numbers
                    # What an answer leads to does not name the facts still missing:
                    # a stand-in spares working them out (see _unnamed_rows).
                    core_after = _core(pack, after, _unnamed_rows(answer_key[1]), _NOTHING)
                    found = known[answer_key] = (len(known), tried(*core_after))
                ids.append(found[0])
                results.append(found[1])
            answers.append((fact, values, results))
            numbers.append((fact, values, tuple(ids)))
        explored_key = (key, tuple(numbers))
        entry = state.explored.get(explored_key)
        if entry is None:
            if len(state.explored) >= self.limit:
                state.explored.clear()
            if core[3] is None:
                core[3] = _signature(core[0], ev)
            decision = assemble(core[0], core[3], answers)
            entry = state.explored[explored_key] = [decision, state.text(decision)]
        return entry


# No fact: every rule's result is read from the rows given.
_NOTHING = "(nothing)"


def _rows(outcomes: Outcomes, open_fields: Any) -> list[Row]:
    """The engine's rows for the outcomes (with the unknown fields that kept them open,
    where known; the engine works out the others it needs)."""
    why = dict(open_fields or ())
    rows: list[Row] = []
    for i, outcome in enumerate(outcomes):
        if not outcome:
            rows.append(_SKIPPED)
        else:
            applies, lifted = divmod(outcome, 3)
            rows.append(
                (_TRUTH[applies], _TRUTH[lifted], why.get(i), why.get(~i) if lifted else None)
            )
    return rows


def _unnamed_rows(outcomes: Outcomes) -> list[Row]:
    """The engine's rows for the outcomes, with a stand-in for the unknown fields that
    kept each rule open. :func:`tried` reads nothing of a decision that depends on which
    fields those are (not ``needs_facts``), and where a rule is open some field is
    unknown, so whether any is missing stays as it was."""
    rows: list[Row] = []
    for outcome in outcomes:
        if not outcome:
            rows.append(_SKIPPED)
        else:
            applies, lifted = divmod(outcome, 3)
            rows.append(
                (
                    _TRUTH[applies],
                    _TRUTH[lifted],
                    _STAND_IN if applies == 1 else None,
                    _STAND_IN if lifted == 1 else None,
                )
            )
    return rows


_STAND_IN = frozenset(("(not worked out)",))
_TRUTH = (False, None, True)
_SKIPPED: Row = (False, False, None, None)


def _open(pack: Pack, action: str, outcomes: Outcomes, situation: FlatSituation) -> Any:
    """The unknown fields that kept open the rules the engine reads them for (those that
    could apply and are not lifted): the rest of what a decision before exploring depends
    on."""
    out = []
    for i, compiled in enumerate(pack.rules_for(action)):
        applies, lifted = divmod(outcomes[i], 3)
        if applies == 1 and not compiled.inert:
            out.append((i, unknown_fields(compiled.condition, situation)))
        if lifted == 1 and compiled.exception is not None:
            out.append((~i, unknown_fields(compiled.exception, situation)))
    return tuple(out)
