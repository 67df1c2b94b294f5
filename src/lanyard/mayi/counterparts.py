"""Whom a May I? question is with: the people it names, less those who are only its topic,
its background, the one who would act or the asker. Pure."""

from __future__ import annotations

import re

from lanyard.mayi.clauses import _QUESTION_LEAD
from lanyard.mayi.counterpart_context import _not_with
from lanyard.mayi.counterpart_cues import (
    _COUNTERPARTS,
    _COUNTLESS,
    _JOINED_AFTER,
    _JOINED_BY,
    _JOINED_IF,
    _LISTED,
    _PLURAL,
)
from lanyard.mayi.cues import Understood

Mention = tuple[int, str, int, str]

_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _counterparts(text: str, actor: str | None, action: str | None = None) -> list[Understood]:
    """The people the question is with. Students it is about are those people only in a post
    ("memes about my students"); elsewhere they are the topic ("a fake account posting
    about my students")."""
    mentions = _mentions(text, actor, action)
    if action == "media_contact" and any(r == "media" for _, r, _, _ in mentions):
        # "Channel 5 wants to film my robotics team": the media is whom it is with
        mentions = [x for x in mentions if x[1] == "media"]
    roles = {r for _, r, _, _ in mentions}
    if len(roles) > 1:
        # people in a story told before the question are not who it is about
        leads = list(_QUESTION_LEAD.finditer(text))
        if leads:
            asked = [x for x in mentions if x[0] >= leads[-1].start()]
            if len({r for _, r, _, _ in asked}) == 1:
                mentions = asked
                roles = {r for _, r, _, _ in mentions}
    if len(roles) > 1:
        return _several(text, mentions)
    if not roles:
        return []
    counts = {n for _, _, n, _ in mentions}
    leads = list(_QUESTION_LEAD.finditer(text))
    if len(counts) > 1 and leads:
        # "a kid kept snapping me … can I email my class?": the question's count
        asked_counts = {n for at, _, n, _ in mentions if at >= leads[-1].start()}
        if len(asked_counts) == 1:
            counts = asked_counts
            mentions = [x for x in mentions if x[2] in asked_counts]
    _, role, n, words = mentions[0]
    out = [Understood("counterparts.role", role, words)]
    if len(counts) == 1 and n:
        out.append(Understood("counterparts.count", n, words))
    return out


def _mentions(text: str, actor: str | None, action: str | None) -> list[Mention]:
    """Each noun of a person the question may be with, in order: (where, role, count, words),
    count 0 where the words do not say how many."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for pattern, role, count in _COUNTERPARTS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if any(s <= m.start() < e for s, e in taken):
                continue
            after = text[m.end() : m.end() + 20]
            before = text[max(0, m.start() - 24) : m.start()]
            if _not_with(text, m, role, count, before, after, actor, action):
                continue
            taken.append((m.start(), m.end()))
            noun = re.split(r" de ", m.group(0), maxsplit=1)[0]  # "compañeras de trabajo"
            n = count or (
                2 if _PLURAL.search(noun) and not noun.lower().endswith(("ss", "class")) else 1
            )
            if re.search(
                r"\b(?:one|1) of (?:my|our|the|his|her|their)? ?"
                r"(?:own |former |old |new |current )?"
                r"(?:\w+'s |\w+s'? )?$",  # "1 of my kids parents": the apostrophe left out
                text[: m.start()],
                re.IGNORECASE,
            ):
                n = 1
            if count == 0 and not m.group(0).lower().endswith("s") and _COUNTLESS.match(after):
                n = 0  # "parent calls": parents, how many not said
            if (
                count == 0
                and n == 2
                and re.search(r"\b(?:a|an|one|this|that|each|every|another)\s+$", before, re.I)
            ):
                n = 1  # "a students drawing": one student's, the apostrophe left out
            if n == 1 and re.match(
                r"^ and (?:the|my|our|a|an|his|her|their|one) (?!(?:same|other)\b)[\w-]+",
                after,
                re.I,
            ):
                n = 0  # "my principal and the AP": more than one, who the other is not said
            if (
                count == 0
                and not _PLURAL.search(m.group(0))
                and re.search(r"\b(?:each|every|cada)\s+$", before, re.I)
            ):
                n = 2  # "message each kid individually", "every parent": a group
            if (
                count == 0
                and n == 0
                and re.search(r"\b(?:a|an|one|this|that)\s+$", before, re.I)
                and re.match(r"^ (?:texts|calls|emails|e-mails|messages)\b", after, re.I)
            ):
                n = 1  # "when a parent texts my cell": one, and the verb
            mentions.append((m.start(), role, n, m.group(0)))
    mentions.sort()
    return mentions


def _several(text: str, mentions: list[Mention]) -> list[Understood]:
    """Several people named together as whom the question is with ("my players and their
    parents", "email a parent and cc the student", "text players if a parent is on the group
    text too"): each as its own counterpart, in the order named, ``counterparts.<i>.role``
    and ``counterparts.<i>.count`` (how many only where it is said of each). People named
    apart (a story, a topic, whose child) are no one: nothing is read."""
    leads = list(_QUESTION_LEAD.finditer(text))
    if leads and any(at >= leads[-1].start() for at, _, _, _ in mentions):
        mentions = [x for x in mentions if x[0] >= leads[-1].start()]
    if mentions:
        # one sentence names them ("… a student and her mom? The student is 17.")
        stop = _SENTENCE_END.search(text, mentions[0][0])
        mentions = [x for x in mentions if stop is None or x[0] < stop.start()]
    if len(mentions) < 2 or len({r for _, r, _, _ in mentions}) != len(mentions):
        return []
    commas = 0
    for (at, _, _, words), (then, _, _, _) in zip(mentions, mentions[1:], strict=False):
        between = text[at + len(words) : then]
        if _LISTED.search(between):
            commas += 1  # "my players, their parents and the assistant coaches"
        elif not _JOINED_BY.search(between) and not (
            _JOINED_IF.search(between) and _JOINED_AFTER.match(text[then:])
        ):
            return []
    if commas >= len(mentions) - 1:
        return []  # a list of people with no "and" is not said to be together
    counts = [
        # "a student and her mom": one, and another who is not a student
        1 if n == 0 and not _PLURAL.search(words) and i + 1 < len(mentions) else n
        for i, (_, _, n, words) in enumerate(mentions)
    ]
    out: list[Understood] = []
    for i, ((_, role, _, words), n) in enumerate(zip(mentions, counts, strict=True)):
        out.append(Understood(f"counterparts.{i}.role", role, words))
        if all(counts):
            out.append(Understood(f"counterparts.{i}.count", n, words))
    return out
