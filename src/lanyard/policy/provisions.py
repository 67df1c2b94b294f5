"""The provision inventory: every actionable sentence of a district's policy, and where
Lanyard carries it.

``packs/<id>/provisions.yaml`` lists the policy's provisions (prohibitions, conditional
permissions, duties, approvals, reports, deadlines, consequences, moderation criteria,
records and acknowledgment duties), each with its clause, its words verbatim and what
carries it: a rule, a form, a report type, a deletion criterion, a channel, a feature of
Lanyard, or "not a decision" with the reason. :func:`check_inventory` refuses an
inventory that quotes words the policy does not contain, points at something the pack
does not have, leaves a rule of the pack unaccounted for, or misses a sentence of the
policy that carries a normative word (must, shall, may not, should, will, required,
prohibited, permission, approval).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lanyard.policy.loader import Pack, PackError, safe_load
from lanyard.policy.pack import Quoted
from lanyard.policy.verify import QuoteProblem, normalize

_STRICT = ConfigDict(extra="forbid", frozen=True)

ProvisionKind = Literal[
    "prohibition",
    "conditional_permission",
    "permission",
    "duty",
    "approval",
    "report",
    "deadline",
    "consequence",
    "moderation_criterion",
    "records_duty",
    "acknowledgment_duty",
    "statement",
]
Feature = Literal[
    "requests",
    "disclosures",
    "reports",
    "mandated_reporter",
    "official_accounts",
    "moderation",
    "directory",
    "audit",
    "prepublish",
    "comm_audit",
    "acknowledgments",
    "records",
]
# Features of the product that are not built yet: the coverage table says so.
NOT_BUILT: frozenset[str] = frozenset({"prepublish", "comm_audit", "records"})

CARRIER_KINDS = ("rule", "form", "report", "deletion_criterion", "channel", "feature")


class CarriedBy(BaseModel):
    """Exactly one place that carries a provision."""

    model_config = _STRICT

    rule: str | None = None
    form: str | None = None
    report: str | None = None
    deletion_criterion: str | None = None
    channel: str | None = None
    feature: Feature | None = None
    not_a_decision: str | None = Field(
        default=None, min_length=3, description="Why no answer of Lanyard depends on it."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> CarriedBy:
        named = [k for k, v in self.model_dump().items() if v is not None]
        if len(named) != 1:
            raise ValueError(
                "name exactly one of rule, form, report, deletion_criterion, channel, "
                f"feature, not_a_decision (got {', '.join(named) or 'none'})"
            )
        return self

    @property
    def kind(self) -> str:
        return next(k for k, v in self.model_dump().items() if v is not None)

    @property
    def target(self) -> str:
        return str(getattr(self, self.kind))


class Provision(Quoted):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: ProvisionKind
    carried_by: tuple[CarriedBy, ...] = Field(min_length=1)
    note: str | None = Field(default=None, description="The reading, where it is a judgment call.")


class Inventory(BaseModel):
    model_config = _STRICT

    pack: str
    provisions: tuple[Provision, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Inventory:
        seen: set[str] = set()
        for p in self.provisions:
            if p.id in seen:
                raise ValueError(f"provision {p.id}: the id is used twice")
            seen.add(p.id)
        return self


def parse_inventory(text: str | bytes, file: str) -> Inventory:
    try:
        raw = safe_load(text)
    except yaml.YAMLError as exc:
        raise PackError(file, f"not valid YAML: {exc}") from None
    try:
        return Inventory.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc) or "(inventory)"
        if len(loc) >= 2 and loc[0] == "provisions" and isinstance(loc[1], int):
            items = raw.get("provisions") if isinstance(raw, dict) else None
            if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
                where = f"provision {items[loc[1]].get('id', loc[1] + 1)}, field " + (
                    ".".join(str(p) for p in loc[2:]) or "(provision)"
                )
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key (not part of the inventory format)"
        raise PackError(file, f"{where}: {message}") from None


def load_inventory(pack_id: str) -> Inventory | None:
    """A built-in pack's inventory, or None where the pack has none yet."""
    entry = resources.files("lanyard") / "packs" / pack_id / "provisions.yaml"
    if not entry.is_file():
        return None
    return parse_inventory(entry.read_bytes(), f"packs/{pack_id}/provisions.yaml")


# -- the normative sentences of a policy ---------------------------------------------------

NORMATIVE = re.compile(
    r"\b(must|shall|may not|should|will|required|prohibited|permission|approval)\b", re.I
)
# A sentence ends at . ! ? or : followed by space and a capital, a quote or a list mark;
# list items ("- A. ", "1. ", "a) ") and blank lines also start a new sentence.
_BREAK = re.compile(
    r"(?<=[.!?;:])\s+(?=[\"'(\[]?[A-Z0-9•\-])|\n\s*\n|\n(?=\s*(?:[-•*]|\(?\w{1,3}[.)])\s)"
)
_LIST_MARK = re.compile(r"^\s*(?:[-•*]\s+)?(?:\(?[A-Za-z0-9]{1,3}[.)]\s+)?")


def sentences(text: str) -> Iterator[str]:
    """The policy's sentences, normalized (see :func:`normalize`), list marks dropped.

    A line break inside a paragraph does not end a sentence; blank lines do, except where
    the text plainly continues (the next part starts in lower case)."""
    parts = [p for p in _BREAK.split(text) if p and p.strip()]
    merged: list[str] = []
    for part in parts:
        clean = normalize(part)
        if not clean:
            continue
        if merged and clean[0].islower() and not merged[-1].endswith((".", "!", "?")):
            merged[-1] = f"{merged[-1]} {clean}"
        else:
            merged.append(clean)
    for sentence in merged:
        stripped = _LIST_MARK.sub("", sentence).strip()
        if stripped:
            yield stripped


def normative_sentences(text: str) -> list[str]:
    return [s for s in sentences(text) if NORMATIVE.search(s)]


# -- checking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """The inventory read against the pack and the policy text."""

    inventory: Inventory
    problems: tuple[QuoteProblem, ...]
    uncovered: tuple[str, ...]  # normative sentences no provision quotes
    normative: int  # how many normative sentences the policy has


def _carrier_exists(pack: Pack, carrier: CarriedBy) -> bool:
    doc = pack.document
    kind, target = carrier.kind, carrier.target
    if kind == "rule":
        return any(r.id == target for r in doc.rules)
    if kind == "form":
        return any(f.id == target for f in doc.forms)
    if kind == "report":
        return any(r.id == target for r in doc.reports)
    if kind == "deletion_criterion":
        return any(c.category == target for c in doc.deletion_criteria)
    if kind == "channel":
        return any(c.id == target for c in doc.channels)
    return True


def check_inventory(pack: Pack, inventory: Inventory, source_text: str) -> Coverage:
    """Problems with the inventory, and the normative sentences it leaves out."""
    problems: list[QuoteProblem] = []
    text = normalize(source_text)
    source = pack.document.policy.source
    if inventory.pack != pack.id:
        problems.append(
            QuoteProblem("provisions.pack", inventory.pack, f"the inventory is not for {pack.id}")
        )
    quoted: list[str] = []
    carried_rules: set[str] = set()
    for p in inventory.provisions:
        quote = normalize(p.quote)
        quoted.append(quote)
        if quote not in text:
            problems.append(
                QuoteProblem(f"provision {p.id}", p.quote, "not found verbatim in " + source)
            )
        for carrier in p.carried_by:
            if carrier.kind == "rule":
                carried_rules.add(carrier.target)
            if not _carrier_exists(pack, carrier):
                problems.append(
                    QuoteProblem(
                        f"provision {p.id}",
                        carrier.target,
                        f"carried_by names a {carrier.kind.replace('_', ' ')} "
                        "the pack does not have",
                    )
                )
    for rule in pack.document.rules:
        if rule.id not in carried_rules:
            problems.append(
                QuoteProblem(f"rule {rule.id}", rule.quote, "carries no provision of the inventory")
            )
    normative = normative_sentences(source_text)
    uncovered = tuple(s for s in normative if not any(q in s or s in q for q in quoted if q))
    for sentence in uncovered:
        problems.append(
            QuoteProblem(
                "provisions", sentence, "a normative sentence of the policy is in no provision"
            )
        )
    return Coverage(inventory, tuple(problems), uncovered, len(normative))


def tally(inventory: Inventory) -> Counter[str]:
    """How many provisions are encoded (a rule), carried by a feature or another part of
    the pack, or not a decision. A provision counts once, by its strongest carrier."""
    order = ("rule", "form", "report", "deletion_criterion", "channel", "feature", "not_a_decision")
    counts: Counter[str] = Counter()
    for p in inventory.provisions:
        kinds = {c.kind for c in p.carried_by}
        counts[next(k for k in order if k in kinds)] += 1
    return counts
