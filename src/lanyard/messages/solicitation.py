"""Solicitation in message bodies: an employee asking a student to move to a personal or
disappearing channel — a personal phone number or address, "text me", "add me on Snap",
"DM me" — with the words marked. Pure.

Each pattern names the channel it asks for, so the finding can cite what the district's
pack says about that channel (:func:`solicited_situation`). Patterns are deliberately
specific: a solicitation is shown for review with its words, never counted as a breach by
itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Mark:
    """Words of the body that solicit, as a [start, end) span, and what they ask for."""

    start: int
    end: int
    kind: str  # phone_number | personal_email | text_me | social_dm | disappearing | call_me
    words: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "words": self.words}


_SNAP = r"(?:snap(?:chat)?|sc)"
_SOCIAL = r"(?:insta(?:gram)?|ig|tiktok|tik\s*tok|facebook|fb|messenger|discord|twitter|x|kik)"
_APPS = r"(?:whats\s*app|signal|telegram|wickr|telegram)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "disappearing",
        re.compile(
            rf"\b(?:add|follow|snap|message|msg|hit)\s+me\s+(?:up\s+)?(?:on|at|@)\s+{_SNAP}\b"
            rf"|\bmy\s+{_SNAP}\s+(?:is|name|handle|username)\b"
            rf"|\b{_SNAP}\s+me\b",
            re.IGNORECASE,
        ),
    ),
    (
        "social_dm",
        re.compile(
            rf"\b(?:dm|pm|direct\s+message|message|msg|add|follow|hit)\s+me\s+(?:up\s+)?"
            rf"(?:on|at|@)\s+(?:{_SOCIAL}|{_APPS})\b"
            rf"|\b(?:dm|pm)\s+me\b"
            rf"|\bslide\s+(?:in)?to\s+my\s+dms?\b"
            rf"|\bmy\s+(?:{_SOCIAL})\s+(?:is|handle|username)\b"
            rf"|\b{_APPS}\s+me\b",
            re.IGNORECASE,
        ),
    ),
    (
        "text_me",
        re.compile(
            r"\b(?:text|txt)\s+me\b|\bsend\s+me\s+a\s+text\b|\bmy\s+(?:cell|personal\s+phone|"
            r"personal\s+number|cell\s+phone|number)\s+(?:is|:)",
            re.IGNORECASE,
        ),
    ),
    ("call_me", re.compile(r"\bcall\s+me\s+(?:at|on)\b", re.IGNORECASE)),
    (
        "phone_number",
        re.compile(r"(?<![\w.])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"),
    ),
    ("personal_email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
)


def find_marks(body: str, district_domains: Iterable[str] = ()) -> tuple[Mark, ...]:
    """The soliciting words of ``body``, in order. An e-mail address on a district domain
    is not a personal address; overlapping marks keep the first found."""
    domains = {d.lower() for d in district_domains}
    marks: list[Mark] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(body):
            if kind == "personal_email":
                domain = m.group(0).rsplit("@", 1)[1].lower()
                if any(domain == d or domain.endswith("." + d) for d in domains):
                    continue
            if any(m.start() < other.end and other.start < m.end() for other in marks):
                continue
            marks.append(Mark(m.start(), m.end(), kind, m.group(0)))
    return tuple(sorted(marks, key=lambda mark: mark.start))


# The channel each kind of solicitation asks for, as situation facts.
SOLICITED_CHANNEL: dict[str, dict[str, Any]] = {
    "text_me": {"channel.medium": "text_message", "channel.account": "personal"},
    "phone_number": {"channel.medium": "text_message", "channel.account": "personal"},
    "call_me": {"channel.medium": "phone", "channel.account": "personal"},
    "personal_email": {"channel.medium": "email", "channel.account": "personal"},
    "social_dm": {"channel.medium": "social_dm", "channel.account": "personal"},
    "disappearing": {
        "channel.medium": "social_dm",
        "channel.account": "personal",
        "channel.platform": "snapchat",
        "channel.disappearing": True,
    },
}


def solicited_situation(situation: dict[str, Any], kind: str) -> dict[str, Any]:
    """The message's situation moved to the channel the words ask for (to cite what the
    pack says of it)."""
    out = {k: v for k, v in situation.items() if not k.startswith("channel.")}
    out.update(SOLICITED_CHANNEL[kind])
    return out
