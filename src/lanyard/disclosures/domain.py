"""Who hears of a relationship disclosure, decided from the pack's own data (pure).

A pack says it in one of two ways, and this module reads both:

- a form with id ``relationship-disclosure``: its approver must agree, and its follow-up
  roles are told;
- rules that mention the relationship (``actor.relationship`` in ``when``): their
  ``notify``/``report`` obligations name the roles to tell (chsd-230: "shall notify their
  Building Principal"); their notes carry the policy's advice (wilmette-39: "if in doubt,
  speak with the Superintendent or Building Principal").

A kind the pack never names in a rule (naperville-203 knows only family ties) is
*not recognized*: it may be recorded, but it lifts no rule, and the page says so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lanyard.policy.pack import PackDocument, Rule

KINDS: Mapping[str, str] = {
    "familial": "Family (a relative)",
    "religious": "House of worship",
    "community": "Community organization (team, club, scouting, neighborhood)",
}
DISCLOSURE_FORM = "relationship-disclosure"
TELLING = frozenset({"notify", "report"})
MAX_DESCRIPTION = 1000


@dataclass(frozen=True)
class Cited:
    clause: str
    quote: str


@dataclass(frozen=True)
class Routing:
    kind: str
    recognized: bool
    notify: tuple[str, ...]
    agree: tuple[str, ...]
    citations: tuple[Cited, ...]
    advice: tuple[str, ...]
    lifts: int  # how many of the pack's prohibitions the relationship lifts

    @property
    def told_roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.notify + self.agree))


class DisclosureInvalid(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


def _relationships(condition: Any) -> Iterator[str]:
    """Every relationship kind a condition names under ``actor.relationship``."""
    if isinstance(condition, Mapping):
        for key, value in condition.items():
            if key == "actor.relationship":
                if isinstance(value, str):
                    yield value
                elif isinstance(value, list | tuple):
                    yield from (v for v in value if isinstance(v, str))
            else:
                yield from _relationships(value)
    elif isinstance(condition, list | tuple):
        for item in condition:
            yield from _relationships(item)


def _names(rule: Rule, part: str) -> set[str]:
    return set(_relationships(getattr(rule, part)))


def routing(pack: PackDocument, kind: str) -> Routing:
    if kind not in KINDS:
        raise DisclosureInvalid("kind", "choose family, house of worship or community")
    exception_rules = [r for r in pack.rules if kind in _names(r, "when")]
    lifted = [r for r in pack.rules if kind in _names(r, "unless")]
    notify: list[str] = []
    for rule in exception_rules:
        notify.extend(o.to for o in rule.obligations if o.do in TELLING and o.to)
    agree: list[str] = []
    for form in pack.forms:
        if form.id == DISCLOSURE_FORM:
            agree.append(form.approver)
            notify.extend(f.to for f in form.follow_up if f.do in TELLING)
    cited = exception_rules or lifted
    citations = tuple(dict.fromkeys(Cited(r.clause, r.quote) for r in cited))[:3]
    advice = tuple(dict.fromkeys(r.note for r in exception_rules if r.note))
    return Routing(
        kind=kind,
        recognized=bool(exception_rules or lifted),
        notify=tuple(dict.fromkeys(notify)),
        agree=tuple(dict.fromkeys(agree)),
        citations=citations,
        advice=advice,
        lifts=len(lifted),
    )


def clean_description(text: str | None) -> str | None:
    value = (text or "").strip()
    if len(value) > MAX_DESCRIPTION:
        raise DisclosureInvalid(
            "description", f"is too long (at most {MAX_DESCRIPTION} characters)"
        )
    return value or None
