"""Hypothesis strategies for schema-valid situations."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS, Domain
from lanyard.policy.situation import UMBRELLAS

PLATFORMS = ["snapchat", "instagram", "facebook", "x", "remind", "canvas", "district-email"]
FORMS = ["social-media-request", "official-account", "personal-technology-for-district-business"]


def _value(domain: Domain, name: str) -> st.SearchStrategy[Any]:
    if domain.kind == "enum":
        return st.sampled_from(domain.values)
    if domain.kind == "bool":
        return st.booleans()
    if domain.kind == "int":
        return st.integers(min_value=1 if name == "count" else 0, max_value=40)
    if domain.kind == "list":
        return st.lists(st.sampled_from(FORMS), max_size=2, unique=True)
    return st.sampled_from(PLATFORMS)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _part(prefix: str) -> st.SearchStrategy[dict[str, Any]]:
    names = [n for n in FIELD_DOMAINS if n.startswith(prefix + ".")]
    return st.fixed_dictionaries(
        {},
        optional={n.split(".", 1)[1]: _value(FIELD_DOMAINS[n], n.split(".", 1)[1]) for n in names},
    )


def _consistent_ages(cp: dict[str, Any]) -> dict[str, Any]:
    if cp.get("age_under_13") and cp.get("age_18_or_over"):
        cp["age_18_or_over"] = False
    return cp


def _consistent_content(content: dict[str, Any]) -> dict[str, Any]:
    for umbrella, details in UMBRELLAS.items():
        if any(content.get(d) for d in details):
            content[umbrella] = True
    return content


counterpart = st.fixed_dictionaries(
    {}, optional={n: _value(d, n) for n, d in COUNTERPART_DOMAINS.items()}
).map(_consistent_ages)


def situations(districts: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "district": st.sampled_from(districts),
            "action": st.sampled_from(FIELD_DOMAINS["action"].values),
        },
        optional={
            "purpose": st.sampled_from(FIELD_DOMAINS["purpose"].values),
            "actor": _part("actor"),
            "channel": _part("channel"),
            "counterparts": st.lists(counterpart, max_size=3),
            "content": _part("content").map(_consistent_content),
            "emergency": st.booleans(),
        },
    )
