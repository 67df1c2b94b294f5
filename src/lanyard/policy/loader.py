"""Loading packs: YAML in, a validated and compiled :class:`Pack` out, or an error naming
the file, the rule and the field."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from lanyard.policy.conditions import FIELD_DOMAINS, Compiled, ConditionError, compile_condition
from lanyard.policy.decision import Approval, Citation, Decision, FiredRule, Obligation, Verdict
from lanyard.policy.pack import ObligationSpec, PackDocument, Rule

# libyaml's parser where PyYAML was built with it (the same safe constructor, many times
# faster than the pure-Python parser): loading the packs is most of a command's start-up.
SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """``yaml.safe_load`` through :data:`SafeLoader`."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


class PackError(ValueError):
    """A pack that cannot be used; the message names the file, the rule and the field."""

    def __init__(self, file: str, message: str, rule: str | None = None, field: str | None = None):
        where = file
        if rule:
            where += f", rule {rule}"
        if field:
            where += f", field {field}"
        super().__init__(f"{where}: {message}")
        self.file, self.rule, self.field = file, rule, field


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its conditions compiled and its outcome precomputed for the engine."""

    rule: Rule
    condition: Compiled
    exception: Compiled | None
    order: int
    verdict: Verdict = field(init=False)
    rank: int = field(init=False)
    approval: Approval | None = field(init=False)
    form: str | None = field(init=False)
    once_verdict: Verdict = field(init=False)
    obligations: tuple[Obligation, ...] = field(init=False)
    once_obligations: tuple[Obligation, ...] = field(init=False)
    citation: Citation = field(init=False)
    # Whether an undecided condition of this rule can never matter (allowed, no duties).
    inert: bool = field(init=False)
    as_fired: FiredRule = field(init=False)
    # The facts whose answer can change whether the rule applies or is lifted (any fact
    # about the counterparts stands as "counterparts"), for exploring unknown facts.
    touches: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        rule = self.rule
        put = object.__setattr__
        reads = self.condition.fields | (self.exception.fields if self.exception else set())
        if any(f.startswith("counterparts.") or f == "group_size" for f in reads):
            reads |= {"counterparts"}
        put(self, "touches", frozenset(reads))
        put(self, "verdict", rule.verdict)
        put(self, "rank", rule.verdict.rank)
        a = rule.approval
        put(self, "approval", Approval(a.by, a.form, a.written, a.any_of) if a else None)
        put(self, "form", a.form if a else None)
        once = rule.once_approved
        put(self, "once_verdict", Verdict(once.verdict) if once else Verdict.ALLOWED)
        put(self, "obligations", _obligations(rule.obligations))
        put(self, "once_obligations", _obligations(once.obligations) if once else ())
        put(self, "citation", Citation(rule.clause, rule.quote))
        put(self, "inert", rule.verdict is Verdict.ALLOWED and not rule.obligations)
        put(self, "as_fired", FiredRule(rule.id, rule.verdict, None, rule.note, clause=rule.clause))


def _obligations(specs: tuple[ObligationSpec, ...]) -> tuple[Obligation, ...]:
    return tuple(
        Obligation(
            do=s.do, to=s.to, when=s.when, strength=s.strength, deadline=s.deadline, what=s.what
        )
        for s in specs
    )


@dataclass(frozen=True)
class Pack:
    document: PackDocument
    rules: tuple[CompiledRule, ...]
    content_hash: str
    path: str
    # The rules that can fire for each action (rules that pin no action are in every entry).
    by_action: Mapping[str, tuple[CompiledRule, ...]] = field(compare=False, repr=False)
    # The answer where no clause speaks: allowed, nothing cited, nothing missing.
    silent: Decision = field(compare=False, repr=False, init=False)
    # Values the rules name for open-ended fields (platforms, counts), for asking about them.
    _named: Mapping[str, tuple[Any, ...]] = field(compare=False, repr=False, init=False)
    # Each rule by its id (made once: every answer's duties look its fired rules up here).
    by_id: Mapping[str, CompiledRule] = field(compare=False, repr=False, init=False)

    def __post_init__(self) -> None:
        silent = Decision(Verdict.ALLOWED, pack_id=self.id, pack_hash=self.content_hash)
        object.__setattr__(self, "silent", silent)
        object.__setattr__(self, "by_id", {r.rule.id: r for r in self.rules})
        object.__setattr__(self, "_named", _named_values(self.rules))

    def forms_for(self, action: str) -> tuple[str, ...]:
        """The forms whose approval could change an answer about this action."""
        return tuple(dict.fromkeys(r.form for r in self.rules_for(action) if r.form is not None))

    def channel_medium(self, channel_id: str) -> str | None:
        """The medium of one of the pack's named channels or platforms, if it names one."""
        return next((c.medium for c in self.document.channels if c.id == channel_id), None)

    def values_named(self, fact: str) -> tuple[Any, ...]:
        """Values worth asking about for an open-ended field: those the rules name (and the
        ones beside a threshold), plus one they do not name."""
        return self._named.get(fact, ())

    @property
    def id(self) -> str:
        return self.document.id

    def rules_for(self, action: str) -> tuple[CompiledRule, ...]:
        return self.by_action.get(action, ())

    @property
    def fields(self) -> frozenset[str]:
        """Every situation field some rule of this pack reads."""
        return frozenset().union(
            *(
                r.condition.fields | (r.exception.fields if r.exception else set())
                for r in self.rules
            )
        )


def _named_values(rules: tuple[CompiledRule, ...]) -> dict[str, tuple[Any, ...]]:
    platforms: set[str] = set()
    forms: set[str] = set()
    # The numbers worth trying: one on each side of every threshold the rules set, so that
    # each range of values the rules tell apart has one (and only one) to stand for it.
    numbers: dict[str, set[int]] = {"count": set(), "contact_attempts": set()}

    def walk(node: Any, inside: bool) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "channel.platform":
                    platforms.update(_leaves(value, str))
                elif key == "actor.approvals":
                    forms.update(_leaves(value, str))
                elif key in ("count", "contact_attempts") and inside:
                    numbers[key].update(_either_side(value))
                elif key == "group_size":
                    numbers["count"].update(_either_side(value))
                else:
                    walk(value, inside or key in ("counterpart", "every_counterpart"))
        elif isinstance(node, list):
            for item in node:
                walk(item, inside)

    for r in rules:
        walk(r.rule.when, False)
        walk(r.rule.unless, False)
    out: dict[str, tuple[Any, ...]] = {
        "channel.platform": (*sorted(platforms), "other"),
        "actor.approvals": tuple(sorted(forms)),
    }
    for name, floor in (("count", 1), ("contact_attempts", 0)):
        near = {floor} | {m for m in numbers[name] if m >= floor}
        out[f"counterparts.{name}"] = tuple(sorted(near))
    return out


# Where each comparison with n changes its answer: "count: 2" tells 1, 2 and 3 apart;
# "gte: 2" only 1 from 2 (3 answers as 2 does, and asking both would offer two choices
# that lead to the same place: "One person", "A group", "A group").
_SIDES: dict[str, tuple[int, ...]] = {"eq": (-1, 0, 1), "not": (-1, 0, 1), "in": (-1, 0, 1)}
_SIDES |= {"gte": (-1, 0), "lt": (-1, 0), "gt": (0, 1), "lte": (0, 1)}


def _either_side(spec: Any, sides: tuple[int, ...] = (-1, 0, 1)) -> list[int]:
    """The numbers on each side of the thresholds a number's condition sets."""
    if isinstance(spec, Mapping):
        return [m for op, value in spec.items() for m in _either_side(value, _SIDES.get(op, sides))]
    if isinstance(spec, list):
        return [m for item in spec for m in _either_side(item, sides)]
    if isinstance(spec, int) and not isinstance(spec, bool):
        return [spec + d for d in sides]
    return []


def _leaves(spec: Any, kind: type) -> list[Any]:
    if isinstance(spec, Mapping):
        return [v for value in spec.values() for v in _leaves(value, kind)]
    if isinstance(spec, list):
        return [v for item in spec for v in _leaves(item, kind)]
    return [spec] if isinstance(spec, kind) and not isinstance(spec, bool) else []


def _index(rules: tuple[CompiledRule, ...]) -> dict[str, tuple[CompiledRule, ...]]:
    return {
        action: tuple(
            r for r in rules if r.condition.actions is None or action in r.condition.actions
        )
        for action in FIELD_DOMAINS["action"].values
    }


def _rule_id_at(raw: Any, loc: tuple[int | str, ...]) -> tuple[str | None, str]:
    """Turn a pydantic error location into (rule id, field path inside it)."""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rules = raw.get("rules") if isinstance(raw, dict) else None
        rule_id = None
        if isinstance(rules, list) and loc[1] < len(rules) and isinstance(rules[loc[1]], dict):
            rule_id = str(rules[loc[1]].get("id", f"#{loc[1] + 1}"))
        return rule_id or f"#{loc[1] + 1}", ".".join(str(p) for p in loc[2:]) or "(rule)"
    return None, ".".join(str(p) for p in loc) or "(pack)"


def parse_pack(text: str | bytes, file: str) -> Pack:
    """Validate and compile one pack from its YAML text."""
    try:
        raw = safe_load(text)
    except yaml.YAMLError as exc:
        raise PackError(file, f"not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise PackError(file, "a pack is a YAML mapping")
    try:
        document = PackDocument.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        rule_id, path = _rule_id_at(raw, tuple(err["loc"]))
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key (not part of the pack format)"
        elif err["type"] == "literal_error":
            message = err["msg"]
        more = len(exc.errors()) - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise PackError(file, message, rule_id, path) from None
    compiled = []
    for order, rule in enumerate(document.rules):
        try:
            when = compile_condition(rule.when)
        except ConditionError as exc:
            path = "when" + (f".{exc.where}" if exc.where else "")
            raise PackError(file, exc.message, rule.id, path) from None
        try:
            unless = compile_condition(rule.unless) if rule.unless is not None else None
        except ConditionError as exc:
            path = "unless" + (f".{exc.where}" if exc.where else "")
            raise PackError(file, exc.message, rule.id, path) from None
        compiled.append(CompiledRule(rule, when, unless, order))
    digest = hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()
    rules = tuple(compiled)
    return Pack(document, rules, digest, file, _index(rules))


def load_pack_file(path: Path) -> Pack:
    return parse_pack(path.read_bytes(), str(path))


def builtin_pack_ids() -> list[str]:
    root = resources.files("lanyard") / "packs"
    return sorted(
        entry.name for entry in root.iterdir() if entry.is_dir() and (entry / "pack.yaml").is_file()
    )


_CACHE: dict[str, Pack] = {}


def load_pack(pack_id: str) -> Pack:
    """A built-in pack by id (loaded and compiled once per process)."""
    if pack_id not in _CACHE:
        entry = resources.files("lanyard") / "packs" / pack_id / "pack.yaml"
        if not entry.is_file():
            known = ", ".join(builtin_pack_ids())
            raise KeyError(f"no policy pack {pack_id!r} (packs: {known})")
        _CACHE[pack_id] = parse_pack(entry.read_bytes(), f"packs/{pack_id}/pack.yaml")
    return _CACHE[pack_id]


def policy_name(pack_id: str) -> str:
    """The policy as the district names it ("Policy 5:125"); the pack's id when no pack of
    that id is installed (a campaign of a pack since removed)."""
    try:
        return f"Policy {load_pack(pack_id).document.policy.number}"
    except KeyError:
        return pack_id


def policy_title(pack_id: str) -> str:
    """The policy's number and title ("Policy 5:125, Personal Technology and Social Media;
    Usage and Conduct"), for a page's heading or lede; never the pack's id unless no such
    pack is installed."""
    try:
        policy = load_pack(pack_id).document.policy
    except KeyError:
        return pack_id
    return f"Policy {policy.number}, {policy.title}"


def load_all_packs() -> dict[str, Pack]:
    return {pack_id: load_pack(pack_id) for pack_id in builtin_pack_ids()}
