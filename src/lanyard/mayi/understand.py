"""Reading a question in a teacher's own words into the facts of a situation, offline.

"Can I text my team about practice from my phone?" becomes: send a message (text), to
students (a group), about school business, from your own device — each fact with the
words it was taken from, so the page can show "text → a text message" and let the
teacher correct it. Nothing is guessed: a fact the words do not state stays unknown, and
the answer then asks for it. Pure: text in, facts out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Understood:
    """One fact read from the question: the situation field, its value, and the words."""

    field: str  # a situation field path; counterpart facts as counterparts.<name>
    value: Any
    words: str  # the words of the question it was taken from


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    facts: tuple[tuple[str, Any], ...]


def _cue(pattern: str, *facts: tuple[str, Any]) -> _Cue:
    return _Cue(re.compile(pattern, re.IGNORECASE), facts)


# What the person wants to do, strongest reading first: the first action that matches wins.
_ACTIONS: tuple[_Cue, ...] = (
    _cue(
        r"\b(?:i (?:got|received|was sent|saw)|someone sent me|(?:a )?student sent me|"
        r"came across|was forwarded)\b",
        ("action", "receive"),
    ),
    _cue(
        r"\b(?:reply|respond|answer|write back|text back|message back)\b",
        ("action", "respond_to_contact"),
    ),
    _cue(
        r"\b(?:start|create|set up|open|make|launch)\b[\w\s']{0,25}?\b(?:account|page|site|"
        r"website|blog|channel|group|instagram|facebook|twitter|tiktok|youtube)\b",
        ("action", "create_account"),
    ),
    _cue(
        r"\b(?:friend|follow|connect with|friend request|add \w+ on)\b",
        ("action", "friend_or_follow"),
    ),
    _cue(
        r"\b(?:post|posting|upload|tweet|publish|share (?:a |the )?(?:photo"
        r"|picture|video|pic)s?)\b",
        ("action", "post"),
    ),
    _cue(
        r"\b(?:share|give|lend)\b[\w\s]{0,20}\b(?:password|login|log-in|credentials)\b",
        ("action", "share_credentials"),
    ),
    _cue(r"\b(?:install|download)\b", ("action", "install_software")),
    _cue(r"\b(?:play|playing)\b[\w\s]{0,15}\bgames?\b", ("action", "play_games")),
    _cue(
        r"\b(?:sell|selling|my business|side business|advertise|commercial)\b",
        ("action", "commercial_use"),
    ),
    _cue(
        r"\b(?:unblock|web filter|the filter|blocked (?:site|website))\b",
        ("action", "disable_filter"),
    ),
    _cue(
        r"\b(?:reporter|journalist|newspaper|news crew|tv station|interview|the press|the media)\b",
        ("action", "media_contact"),
    ),
    _cue(r"\b(?:use|logo|mascot)\b[\w\s']{0,20}\b(?:logo|mascot)\b", ("action", "use_logo")),
    _cue(
        r"\b(?:check|browse|use|scroll|be on)\b[\w\s]{0,20}\b(?:in class|during class|at work|"
        r"during the day|for personal|personal use)\b",
        ("action", "personal_use"),
    ),
    _cue(
        r"\b(?:text|txt|texting|message|messaging|email|e-mail|emailing|dm|direct message|call|"
        r"phone|write to|contact|reach out|snap|group chat)\b",
        ("action", "message"),
    ),
)

_FACTS: tuple[_Cue, ...] = (
    # how
    _cue(r"\b(?:text|txt|texting|texts|sms|imessage)\b", ("channel.medium", "text_message")),
    _cue(r"\b(?:e-?mail(?:ing|s)?|gmail)\b", ("channel.medium", "email")),
    _cue(r"\b(?:dm|dms|direct message)\b", ("channel.medium", "social_dm")),
    _cue(r"\b(?:call|phone call|ring)\b(?! of)", ("channel.medium", "phone")),
    _cue(
        r"\b(?:group chat|whatsapp|signal|messenger|chat app)\b",
        ("channel.medium", "instant_message"),
    ),
    _cue(r"\bremind\b", ("channel.medium", "notification_app"), ("channel.platform", "remind")),
    _cue(r"\bcanvas\b", ("channel.medium", "lms_message"), ("channel.platform", "canvas")),
    _cue(r"\b(?:google classroom|schoology|seesaw)\b", ("channel.medium", "lms_message")),
    _cue(r"\bsnap(?:chat)?\b", ("channel.platform", "snapchat"), ("channel.disappearing", True)),
    _cue(r"\binstagram\b|\binsta\b", ("channel.platform", "instagram")),
    _cue(r"\bfacebook\b", ("channel.platform", "facebook")),
    _cue(r"\btiktok\b", ("channel.platform", "tiktok")),
    _cue(r"\btwitter\b|\bon x\b", ("channel.platform", "x")),
    _cue(r"\bdiscord\b", ("channel.platform", "discord")),
    _cue(r"\b(?:disappear(?:ing)?|vanish(?:ing)?|self-destruct)", ("channel.disappearing", True)),
    # whose device and account
    _cue(
        r"\bmy (?:own |personal |private )?(?:phone|cell|cellphone|iphone"
        r"|android|laptop|ipad|tablet|computer)\b",
        ("channel.device", "personal"),
    ),
    _cue(
        r"\b(?:school|district|work|classroom)(?:-issued| issued)? (?:phone"
        r"|laptop|ipad|tablet|computer|chromebook|device)\b",
        ("channel.device", "district"),
    ),
    _cue(
        r"\bmy (?:own |personal |private )(?:e-?mail|account|instagram|facebook"
        r"|twitter|tiktok|page)\b"
        r"|\b(?:personal|private) (?:e-?mail|account|instagram|facebook|page)\b"
        r"|\bgmail\b|\bmy (?:instagram|facebook|tiktok|twitter)\b",
        ("channel.account", "personal"),
    ),
    _cue(
        r"\b(?:school|district|work) (?:e-?mail|account|page|instagram|facebook)\b",
        ("channel.account", "district"),
    ),
    # who
    _cue(
        r"\b(?:a|one|this|that|the) (?:student|kid|pupil|player|athlete)\b",
        ("counterparts.role", "student"),
        ("counterparts.count", 1),
    ),
    _cue(
        r"\b(?:students|kids|pupils|players|athletes|my (?:class|team)"
        r"|the (?:class|team)|team members)\b",
        ("counterparts.role", "student"),
        ("counterparts.count", 2),
    ),
    _cue(
        r"\b(?:a|one|this|that|the) (?:parent|mom|dad|mother|father|guardian)\b",
        ("counterparts.role", "parent"),
        ("counterparts.count", 1),
    ),
    _cue(
        r"\b(?:parents|families|guardians)\b",
        ("counterparts.role", "parent"),
        ("counterparts.count", 2),
    ),
    _cue(
        r"\b(?:colleague|co-?worker|fellow teacher|another teacher)s?\b",
        ("counterparts.role", "employee"),
    ),
    _cue(
        r"\bmy (?:own )?(?:son|daughter|child|kid)\b",
        ("counterparts.role", "student"),
        ("counterparts.own_child", True),
    ),
    _cue(
        r"\bformer student|\bgraduated\b|\balumn(?:us|a|i)\b", ("counterparts.former_student", True)
    ),
    _cue(
        r"\b(?:wrote|texted|messaged|emailed|contacted|reached out to|dm'?d) me(?: first)?\b",
        ("counterparts.initiated_contact", True),
    ),
    _cue(
        r"\bmy (?:niece|nephew|cousin|grand(?:son|daughter)|godchild|stepson|stepdaughter)\b",
        ("actor.relationship", "familial"),
    ),
    _cue(
        r"\b(?:church|youth group|temple|mosque|synagogue|parish)\b",
        ("actor.relationship", "religious"),
    ),
    _cue(
        r"\b(?:scouts|club team|travel team|neighbou?r(?:'s)?)\b",
        ("actor.relationship", "community"),
    ),
    # why
    _cue(
        r"\b(?:about|for|regarding|re:?) (?:the |a |an |our |their |his |her "
        r"|my )?(?:practice|homework|"
        r"assignment|class|game|schedule|grades?|test|quiz|field trip|rehearsal"
        r"|project|school|team|"
        r"lesson|tryouts|meet|match|tournament|bus)\b",
        ("purpose", "district_business"),
    ),
    _cue(
        r"\b(?:birthday|just to chat|hang out|personal reasons?|my family|vacation|party)\b",
        ("purpose", "personal"),
    ),
    # when
    _cue(
        r"\b(?:during class|in class|at school|during the school day|while teaching|on duty)\b",
        ("actor.on_duty", True),
    ),
    _cue(
        r"\b(?:at lunch|during lunch|my plan(?:ning)? period|on (?:my )?break)\b",
        ("actor.duty_free", True),
    ),
    _cue(
        r"\b(?:after school hours|in the evening|at night|on the weekend"
        r"|over the weekend|at home|on vacation)\b",
        ("actor.on_duty", False),
    ),
    # what it carries
    _cue(
        r"\b(?:photo|picture|pic|video|image)s?\b[\w\s']{0,25}\b(?:students?"
        r"|kids|class|team|players)\b"
        r"|\b(?:students?|kids|class|team|players)'?s?\b[\w\s']{0,10}\b(?:photo"
        r"|picture|pic|video|image)s?\b",
        ("content.student_images", True),
    ),
    _cue(
        r"\b(?:photo|picture|pic|video|image)s?\b[\w\s']{0,25}\b(?:colleague"
        r"|co-?worker|another teacher)s?\b",
        ("content.coworker_images", True),
    ),
    _cue(
        r"\b(?:grades?|report cards?|iep|504|discipline|detention|suspension"
        r"|attendance|health|diagnosis)\b",
        ("content.student_records", True),
    ),
    _cue(
        r"\b(?:student names|names of (?:the )?students|honou?r roll)\b",
        ("content.student_pii", True),
    ),
    _cue(r"\b(?:logo|mascot)\b", ("content.district_logo", True)),
    _cue(
        r"\b(?:song|music|movie clip|film clip|copyrighted)\b",
        ("content.copyrighted_material", True),
    ),
    _cue(r"\b(?:threat|threatening|threatened)\b", ("content.threatening", True)),
    _cue(r"\b(?:abuse|abused|neglect|bruises)\b", ("content.suspected_abuse", True)),
    _cue(
        r"\b(?:hacked|breach|phishing|someone got into|leaked password)\b",
        ("content.security_breach", True),
    ),
    _cue(r"\b(?:emergency|in danger|911)\b", ("emergency", True)),
)

# A medium the words imply when the action is known and no medium was named.
_POST_MEDIUM = ("channel.medium", "social_post")


def understand(question: str) -> tuple[Understood, ...]:
    """The facts the question states, each with the words it was read from. A later cue
    never overrides an earlier one for the same field (the first reading stands)."""
    text = " ".join(question.split())
    found: dict[str, Understood] = {}
    for cue in _ACTIONS:
        match = cue.pattern.search(text)
        if match:
            field, value = cue.facts[0]
            found[field] = Understood(field, value, match.group(0))
            break
    for cue in _FACTS:
        match = cue.pattern.search(text)
        if not match:
            continue
        for field, value in cue.facts:
            found.setdefault(field, Understood(field, value, match.group(0)))
    action = found.get("action")
    if (
        action is not None
        and action.value in ("post", "create_account")
        and "channel.platform" in found
        and "channel.medium" not in found
    ):
        platform = found["channel.platform"]
        found["channel.medium"] = Understood(*_POST_MEDIUM, platform.words)
    return tuple(found.values())


def situation_from(district: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    """A situation draft from flat facts (``counterparts.<name>`` on one counterpart)."""
    draft: dict[str, Any] = {"district": district}
    counterpart: dict[str, Any] = {}
    for field, value in facts.items():
        head, _, name = field.partition(".")
        if head == "counterparts":
            counterpart[name] = value
        elif name:
            draft.setdefault(head, {})[name] = value
        else:
            draft[head] = value
    if counterpart:
        draft["counterparts"] = [counterpart]
    return draft


def parse_value(field: str, raw: str) -> Any:
    """A fact's value as the page sends it back ("true", "2", "personal")."""
    if raw in ("true", "false"):
        return raw == "true"
    if field in ("counterparts.count", "counterparts.contact_attempts") and raw.isdigit():
        return int(raw)
    return raw


def encode_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
