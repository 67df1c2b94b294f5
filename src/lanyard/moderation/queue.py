"""The queue and the archive, decided purely: severity, highlighted words, the archive's
canonical document and its SHA-256, the pack's guidance for threats and defamation.

No database, no clock: values in, values out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lanyard import words
from lanyard.cases.domain import (
    DEFAMATORY_COMMENT,
    THREATENING_COMMENT,
    defamation_report,
    threat_report,
)
from lanyard.moderation.domain import Action, ModerationResult
from lanyard.policy.pack import PackDocument


class Decision(StrEnum):
    """What a site manager does with a comment."""

    KEEP = "keep"
    HIDE = "hide"
    DELETE = "delete"
    ESCALATE = "escalate"


STATE_AFTER = {
    Decision.KEEP: "kept",
    Decision.HIDE: "hidden",
    Decision.DELETE: "deleted",
    Decision.ESCALATE: "escalated",
}
# Which decisions a comment in each state still allows (deleted is final).
ALLOWED: Mapping[str, frozenset[Decision]] = {
    "new": frozenset(Decision),
    "escalated": frozenset({Decision.KEEP, Decision.HIDE, Decision.DELETE, Decision.ESCALATE}),
    "kept": frozenset({Decision.HIDE, Decision.DELETE, Decision.ESCALATE}),
    "hidden": frozenset({Decision.DELETE, Decision.KEEP}),
    "deleted": frozenset(),
}
SEVERITY = {Action.KEEP: 0, Action.REVIEW: 1, Action.REMOVE: 2, Action.ESCALATE: 3}
SEVERITY_LABEL = {0: "keep", 1: "review", 2: "remove", 3: "escalate"}

CATEGORY_LABELS: Mapping[str, str] = {
    "vulgar_language": "Vulgar language",
    "personal_attack": "Personal attack",
    "discrimination": "Discrimination",
    "spam_or_commercial_link": "Spam or commercial link",
    "off_topic": "Off topic",
    "illegal_activity": "Illegal activity",
    "marketing": "Marketing",
    "copyright": "Copyright",
    "confidential_information": "Confidential information",
    "safety": "Safety",
    "threat": "Threat",
    "defamation": "Defamation",
}


# Above this score a flagged category is "very likely" (the classifier's scores run 0-1).
VERY_LIKELY = 0.9


def likelihood(score: float, flagged: bool) -> str:
    """How sure the classifier is that a comment falls in a category, in the words a
    moderator reads at a glance ("Off topic — likely"): a flagged category is "likely"
    ("very likely" from :data:`VERY_LIKELY`), one that only reached its review threshold
    "possible" (a person judges). The score itself is shown beside it, quietly."""
    if not flagged:
        return "possible"
    return "very likely" if score >= VERY_LIKELY else "likely"


def score_words(score: float, threshold: float | None) -> str:
    """The score for the tooltip: "Classifier score 0.54 of 1 (flagged from 0.75)"."""
    said = f"Classifier score {score:.2f} of 1"
    return said + (f" (flagged from {threshold:.2f})" if threshold is not None else "")


class ModerationProblem(ValueError):
    """A refused moderation input, naming the field; nothing was changed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def severity_of(result: ModerationResult) -> tuple[int, float]:
    """The queue's order: the suggested action's rank, then the highest score that counts."""
    ranked = [c.score for c in result.categories if c.score >= c.review_threshold]
    return SEVERITY[result.action], round(max(ranked, default=0.0), 4)


def check_decision(state: str, decision: Decision) -> None:
    if decision not in ALLOWED.get(state, frozenset()):
        raise ModerationProblem(
            "action", f"{words.a(state + ' comment')} cannot be {STATE_AFTER[decision]}"
        )


# -- highlighting ------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool


def highlight(text: str, evidence: Iterable[str]) -> list[Segment]:
    """``text`` cut into plain and marked pieces: each evidence phrase, case-insensitive,
    on word boundaries where it starts or ends with a word character."""
    phrases = sorted({e.strip() for e in evidence if e and e.strip()}, key=len, reverse=True)
    if not phrases or not text:
        return [Segment(text, False)] if text else []
    parts = []
    for phrase in phrases:
        pattern = re.escape(phrase)
        if phrase[0].isalnum():
            pattern = r"\b" + pattern
        if phrase[-1].isalnum():
            pattern += r"\b"
        parts.append(pattern)
    regex = re.compile("|".join(parts), re.IGNORECASE)
    out: list[Segment] = []
    at = 0
    for match in regex.finditer(text):
        if match.start() > at:
            out.append(Segment(text[at : match.start()], False))
        out.append(Segment(match.group(0), True))
        at = match.end()
    if at < len(text):
        out.append(Segment(text[at:], False))
    return out


def evidence_of(classification: Mapping[str, Any]) -> list[str]:
    """The words behind every category that asked for attention."""
    words: list[str] = []
    for category in classification.get("categories", []):
        if category.get("flagged") or category.get("review"):
            for item in category.get("evidence", []):
                word = str(item).split(" (", 1)[0]  # "bit.ly (link shortener ...)"
                if word and word not in words:
                    words.append(word)
    return words


# -- the archive's document and hash --------------------------------------------------------


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.astimezone(dt.UTC).isoformat()


def archive_document(
    *,
    comment_id: str,
    official_account_id: str,
    platform: str,
    platform_comment_id: str,
    text: str,
    author_display: str | None,
    author_platform_id: str | None,
    created_time: dt.datetime,
    received_at: dt.datetime,
    permalink: str | None,
    parent_id: str | None,
    object_id: str | None,
    payload: Mapping[str, Any],
) -> dict[str, Any]:
    """What the archive keeps of a comment: the original payload and what Lanyard read."""
    return {
        "comment_id": comment_id,
        "official_account_id": official_account_id,
        "platform": platform,
        "platform_comment_id": platform_comment_id,
        "text": text,
        "author": {"display": author_display, "platform_id": author_platform_id},
        "times": {"created": _iso(created_time), "received": _iso(received_at)},
        "permalink": permalink,
        "parent_id": parent_id,
        "object_id": object_id,
        "payload": dict(payload),
    }


def canonical_json(document: Mapping[str, Any]) -> bytes:
    """Sorted keys, no spaces, UTF-8: the bytes the SHA-256 is taken of."""
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def content_sha256(document: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(document)).hexdigest()


# -- what the pack says about threats and defamation -----------------------------------------


@dataclass(frozen=True)
class Guidance:
    """The pack's words on a kind of comment: whom to tell, quoted, and the report type
    Lanyard files (None when the pack has none)."""

    report_type: str | None
    clause: str | None
    quote: str | None
    outside_contacts: tuple[str, ...]
    advice: str
    routed_to: str = "district administration"


def threat_guidance(pack: PackDocument) -> Guidance:
    """For a threatening comment: the pack's threatening-post report (or its threat
    criterion), with the law-enforcement step the pack names. A pack without a report type
    for threats gets Lanyard's (``threatening-comment``: the building administration and the
    district's safety contact); either way a threat opens a case."""
    report = threat_report(pack)
    criterion = next((c for c in pack.deletion_criteria if c.category == "threat"), None)
    outside = tuple(role for role in (report.to if report else ()) if role == "law_enforcement")
    if outside:
        advice = (
            "If anyone is in immediate danger, call 911. The policy says to contact law "
            "enforcement immediately as well: call your local police. Lanyard cannot call "
            "them for you."
        )
    else:
        advice = (
            "If anyone is in immediate danger, call 911. "
            f"{pack.district}'s policy names no law-enforcement step for a threatening "
            "comment; the building administration decides whether to call the police."
        )
    source = report or criterion
    return Guidance(
        report_type=report.id if report else THREATENING_COMMENT,
        clause=source.clause if source else None,
        quote=source.quote if source else None,
        outside_contacts=outside,
        advice=advice,
        routed_to=(
            ", ".join(r.replace("_", " ") for r in report.to if r not in outside)
            if report
            else "the building administration and the district's safety contact (the Lanyard "
            "administrators when no safety contact is set)"
        ),
    )


# What a case about a self-harm signal adds to the pack's threat guidance. None of the five
# packs says anything about self-harm, so these are Lanyard's words, not a clause.
SELF_HARM_ADVICE = (
    "This comment reads as a self-harm signal (the writer's own, or someone else's reported "
    "by a friend or a parent). Ask the school counselor, psychologist or social worker to "
    "reach the person today, and follow the district's suicide-prevention procedure. "
    "Share the 988 Suicide & Crisis Lifeline: call or text 988, or chat at 988lifeline.org."
)


def is_self_harm(classification: Mapping[str, Any]) -> bool:
    """Whether a stored classification's threat comes from a self-harm signal (the grammar
    marks such evidence ``self-harm: …``)."""
    for category in classification.get("categories", []):
        if category.get("id") == "threat" and category.get("flagged"):
            return any(str(e).startswith("self-harm") for e in category.get("evidence", []))
    return False


def defamation_guidance(pack: PackDocument) -> Guidance:
    """The pack's defamatory-comment report (or Lanyard's, for district administration)."""
    report = defamation_report(pack)
    criterion = next((c for c in pack.deletion_criteria if c.category == "defamation"), None)
    source = report or criterion
    return Guidance(
        report_type=report.id if report else DEFAMATORY_COMMENT,
        clause=source.clause if source else None,
        quote=source.quote if source else None,
        outside_contacts=(),
        advice="Lanyard reports it to district administration before it can be removed, "
        "and archives it (the documentation the policy asks for) first.",
    )
