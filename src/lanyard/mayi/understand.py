"""Reading a question in a teacher's own words into the facts of a situation, offline.

"Can I text my team about practice from my phone?" becomes: send a message (text), to
students (a group), about school business, from your own device — each fact with the
words it was taken from, so the page can show "text → a text message" and let the
teacher correct it. Nothing is guessed: a fact the words do not state stays unknown, and
the answer then asks for it. Where two readings of the same fact disagree ("calling my
cell … use school email"), neither is kept: a missing fact is asked for, a wrong one is
not. A cue that is negated ("not from my phone", "no kids in it", "sin nombres") is not
read as said; where the fact has two values it is read as the other one. English and the
Spanish that districts see mixed into it ("puedo textear a mis estudiantes?") are read
alike. Pure: text in, facts out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from lanyard.mayi import checker, learned, spelling
from lanyard.mayi.actor import _ASKED_FOR_THEM, _actor_role
from lanyard.mayi.clauses import (
    _DECLINED,
    _HYPOTHETICAL,
    _OUT_OF_USE,
    _SOMEONE_ELSES,
    _action,
    _asking_sentence,
    _in_choice,
    _last_question_sentence,
    _masked,
    _negated,
    _normal,
    _not_the_askers,
)
from lanyard.mayi.counterparts import _counterparts
from lanyard.mayi.cues import _BOOLEAN_NEGATABLE, _OTHER, Understood
from lanyard.mayi.fact_cues import _FACTS
from lanyard.mayi.implications import _imply, account_medium

__all__ = [
    "Understood",
    "account_medium",
    "encode_value",
    "parse_value",
    "situation_from",
    "understand",
    "understand_by_rules",
]


def understand(question: str) -> tuple[Understood, ...]:
    """The facts the question states, each with the words it was read from: the rules'
    reading (:func:`understand_by_rules`) checked by the learned second reader, which
    drops a fact it finds unlikely and may add one it is sure of
    (``lanyard.mayi.learned``)."""
    found = {u.field: u for u in understand_by_rules(question)}
    return tuple(_second_reading(question, found).values())


def understand_by_rules(question: str) -> tuple[Understood, ...]:
    """The facts the rules read, each with the words it was read from. Two cues that
    read different values for one field cancel out (the fact stays unknown)."""
    corrected = spelling.correct(_normal(question), _known_words())
    found = _read_rules(corrected.text)
    if not corrected.changes:
        return found
    # the facts keep the asker's own words ("frend a parnt", not "friend a parent")
    return tuple(replace(u, words=spelling.original_words(corrected, u.words)) for u in found)


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Words the reader has seen in the questions it was trained on, less the slips of a cue
    word among them: never "corrected"."""
    params = learned.params()
    if params is None:
        return frozenset()
    return spelling.known_words([n[2:] for n in params.vocabulary if n.startswith("w:")])


def _read_rules(text: str) -> tuple[Understood, ...]:
    found: dict[str, Understood] = {}
    action = _action(text)
    if action is not None:
        found[action.field] = action
    candidates: dict[str, list[tuple[int, Understood]]] = {}
    chosen: dict[str, list[tuple[int, Understood]]] = {}  # the sides of "… or …"
    theirs: set[Understood] = set()  # the counterpart's own account ("a student's school email")
    masked = _masked(text)
    for cue in _FACTS:
        # how it is sent and whose device or account: not from someone else's words
        where = masked if cue.facts[0][0].startswith("channel.") else text
        for match in cue.pattern.finditer(where):
            if cue.facts[0][0] in ("channel.device", "channel.account") and _DECLINED.search(
                text[max(0, match.start() - 45) : match.start()]
            ):
                continue
            if cue.facts[0][0].startswith("channel.") and _OUT_OF_USE.match(text[match.end() :]):
                continue  # "my cell died", "if the school email is down": not what is used
            if _not_the_askers(cue.facts[0][0], text, match):
                if cue.facts[0][0] == "channel.account" and _SOMEONE_ELSES.search(
                    text[max(0, match.start() - 30) : match.start()]
                ):
                    theirs.add(Understood("counterparts.account", cue.facts[0][1], match.group(0)))
                continue
            in_choice = _in_choice(cue.facts[0][0], text, match)
            negated = _negated(text, match.start())
            if cue.facts[0][0] == "emergency" and _HYPOTHETICAL.search(
                re.split(r"[.!?]", text[: match.start()])[-1]
            ):
                continue  # "if there's a lockdown, should I …": not an emergency now
            for field, value in cue.facts:
                if value is None:  # the platform is the word itself
                    value = match.group(0).lower()
                if negated and cue.negatable:
                    if (field, value) in _OTHER:
                        value = _OTHER[(field, value)]
                    elif field in _BOOLEAN_NEGATABLE and value is True:
                        value = False
                    else:
                        continue
                elif negated:
                    continue
                (chosen if in_choice else candidates).setdefault(field, []).append(
                    (match.start(), Understood(field, value, match.group(0)))
                )
    for field, sides in chosen.items():
        # a choice is asked, not said: its field is known only where every reading agrees
        readings = candidates.get(field, []) + sides
        if len(readings) > 1 and len({repr(r.value) for _, r in readings}) == 1:
            candidates[field] = readings
        else:
            candidates.pop(field, None)
    asked = _last_question_sentence(text)
    media = candidates.get("channel.medium", [])
    start, end = _asking_sentence(text)
    background_app = (
        any(r.value == "notification_app" for _, r in media)
        and all(not start <= at < end for at, r in media if r.value == "notification_app")
        and any(start <= at < end for at, r in media if r.value != "notification_app")
    )
    if background_app:
        # "Our district rolled out ParentSquare but … Is texting them allowed?": the app of
        # another sentence is not the channel asked about
        candidates["channel.medium"] = [(at, r) for at, r in media if start <= at < end]
        platforms = candidates.get("channel.platform", [])
        if platforms and all(not start <= at < end for at, _ in platforms):
            candidates.pop("channel.platform")
    if any(r.value == "notification_app" for _, r in media) and not (
        background_app
        or (
            asked is not None
            and all(at < asked for at, r in media if r.value == "notification_app")
            and any(at >= asked for at, r in media if r.value != "notification_app")
        )
    ):
        # "text families through Remind": the app is how it is sent (but not "We use
        # ParentSquare. Can I also text them?": the question's own channel is asked)
        candidates["channel.medium"] = [(at, r) for at, r in media if r.value != "text_message"]
    if (
        asked is not None
        and any(at >= asked for at, _ in candidates.get("channel.medium", []))
        and all(at < asked for at, _ in candidates.get("channel.platform", []))
    ):
        # "a mom messaged me on fb … can I email her?": the story's network is not the channel
        candidates.pop("channel.platform", None)
        if all(at < asked for at, _ in candidates.get("channel.disappearing", [])):
            candidates.pop("channel.disappearing", None)
    if (
        asked is not None
        and _PAST_STORY.search(text[:asked])
        and any(
            at >= asked
            for field in ("channel.medium", "channel.platform")
            for at, _ in candidates.get(field, [])
        )
    ):
        # "Last spring I posted pics of my class on my personal Instagram … Can I email
        # parents a newsletter instead?": the old story's account, device and pictures are
        # not those of what is asked
        for told in ("channel.account", "channel.device", "content.student_images"):
            if all(at < asked for at, _ in candidates.get(told, [])):
                candidates.pop(told, None)
    speaks = candidates.get("content.speaks_for_district", [])
    if any(r.value is True for _, r in speaks):
        # "… the board's decision. I won't say where I work": it still refers to the district
        candidates["content.speaks_for_district"] = [(at, r) for at, r in speaks if r.value]
    for field, readings in candidates.items():
        if (
            field == "content.student_records"
            and asked is not None
            and not re.search(
                r"\b(?:it|them|that|this|those|these|do so)\b|^\W*(?:can|may|could|should) i\W*$",
                text[asked:],
                re.IGNORECASE,
            )
        ):
            # "My grades are due Friday. Can I text a parent …?": a record named in the story
            # before the question is not what the message carries (unless the question
            # points back to it: "… her kid's grades. Can I reply with them?")
            readings = [(at, r) for at, r in readings if at >= asked]
        if len({repr(r.value) for _, r in readings}) > 1 and asked is not None:
            # readings that disagree: a sentence that asks, after a story, says what is asked
            readings = [(at, r) for at, r in readings if at >= asked]
        if readings and len({repr(r.value) for _, r in readings}) == 1:
            found[field] = readings[0][1]
    actor = _actor_role(text)
    if actor is not None:
        found[actor.field] = actor
    said = found.get("action")
    people = _counterparts(text, actor.value if actor else None, said.value if said else None)
    for fact in people:
        found[fact.field] = fact
    _imply(found, text)
    if any(f.startswith("counterparts.0.") for f in found):
        # with several people, a counterpart fact said once is not known to be each one's
        for name in [f for f in found if _ONE_COUNTERPART.match(f)]:
            del found[name]
    if len({u.value for u in theirs}) == 1 and "counterparts.role" in found:
        found["counterparts.account"] = next(iter(theirs))
    action = found.get("action")
    medium = found.get("channel.medium")
    if (
        action is not None
        and medium is not None
        and medium.value in ("email", "text_message", "phone")
        and action.value
        in ("create_account", "post", "friend_or_follow", "use_logo", "share_credentials")
    ):
        del found["channel.medium"]
    return tuple(found.values())


# A story told of another time than the question's ("last year", "at my old school").
_PAST_STORY = re.compile(
    r"\b(?:last (?:year|spring|fall|summer|winter|week|month|semester|time)|used to|"
    r"when i (?:was|worked|taught)|at my (?:old|last|previous|other) (?:school|district|job)|"
    r"years? ago|in the past|el año pasado)\b",
    re.IGNORECASE,
)
_ONE_COUNTERPART = re.compile(r"^counterparts\.[a-z_]+$")
# "counterparts.1.role": a field of one of several counterparts
_INDEX = re.compile(r"^counterparts\.\d+\.")
_NUMBERS = ("counterparts.count", "counterparts.contact_attempts")

_ONE_MENTION = (
    ("counterparts.role", "counterparts.count"),
    ("counterparts.count", "counterparts.role"),
)


def _second_reading(question: str, found: dict[str, Understood]) -> dict[str, Understood]:
    """The learned second reader (``lanyard.mayi.learned``): a fact whose value it finds
    unlikely is dropped (left unknown, to be asked) unless the learned checker
    (``lanyard.mayi.checker``) finds it likely right, and a field it may propose is read
    where the rules read nothing and it is confident, with the question's own words."""
    params = learned.params()
    if params is None:
        return found
    words = params.words(question)
    judge = checker.checker()
    kept: dict[str, Understood] = {}
    for name, fact in found.items():
        if judge is not None:
            if not checker.vetoes(judge, params, words, question, name, fact.value, fact.words):
                kept[name] = fact
            continue
        model = params.fields.get(name)
        at = model.index(fact.value) if model is not None else None
        if (
            model is None
            or at is None
            or model.probabilities(words)[at] >= params.veto_below.get(name, 0.0)
        ):
            kept[name] = fact
    for one, other in _ONE_MENTION:
        if one in found and one not in kept and other in kept:
            if kept[other].words == found[one].words:
                # "impersonating our principal": who it is and how many were read from one
                # mention; the mention found unlikely, neither is kept
                del kept[other]
    several = any(f.startswith("counterparts.0.") for f in kept)
    for name, needed in params.propose_at.items():
        model = params.fields.get(name)
        if name in kept or model is None or (several and name.startswith("counterparts.")):
            continue
        if name == "counterparts.initiated_contact" and _ASKED_FOR_THEM.search(question):
            continue
        chances = model.probabilities(words)
        best = int(chances.argmax())
        value = model.classes[best]
        if value is None or chances[best] < needed:
            continue
        said = learned.words_in(question, model.evidence(words, value))
        if said:
            kept[name] = Understood(name, value, said)
    return kept


def situation_from(district: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """A situation draft from flat facts. ``counterparts.<i>.<name>`` is the i-th of several
    counterparts (in the order the question names them); ``counterparts.<name>`` is said of
    the one counterpart, or of each where several are named and that one's own fact does not
    say otherwise (an answer to "Is the student 18 or older?" is for each, as the engine
    asks it)."""
    draft: dict[str, Any] = {"district": district}
    each: dict[str, Any] = {}
    several: dict[int, dict[str, Any]] = {}
    for field, value in facts.items():
        head, _, name = field.partition(".")
        if head == "counterparts":
            at, _, own = name.partition(".")
            if own and at.isdigit():
                several.setdefault(int(at), {})[own] = value
            else:
                each[name] = value
        elif name:
            draft.setdefault(head, {})[name] = value
        else:
            draft[head] = value
    if several:
        # in their order; one named only by its own facts ("counterparts.1.role" answered of
        # a question that named one) comes after the one the question named
        first = [] if 0 in several or not each else [dict(each)]
        draft["counterparts"] = first + [{**each, **several[i]} for i in sorted(several)]
    elif each:
        draft["counterparts"] = [each]
    return draft


def parse_value(field: str, raw: str) -> Any:
    """A fact's value as the page sends it back ("true", "2", "personal")."""
    if raw in ("true", "false"):
        return raw == "true"
    if (
        _INDEX.sub("counterparts.", field)
        in ("counterparts.count", "counterparts.contact_attempts")
        and raw.isdigit()
    ):
        return int(raw)
    return raw


def encode_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
