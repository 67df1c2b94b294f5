"""Threats aimed at people, and danger to the safety of the school community.

Patterns need an intent ("I'll", "gonna", "you're going to") or a threatening frame ("watch
your back", "I know where you live") and a person as target. Negated intent ("I would never
hurt anyone"), figures of speech ("you killed it") and sport ("we'll destroy them Friday")
are not threats.
"""

from __future__ import annotations

import re

from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.registry import register
from lanyard.moderation.classifiers.text import negated, quoted
from lanyard.moderation.domain import Signal

ID = "patterns-threat"
VERSION = "1.0"

_SUBJECT = r"(?:i|we|i'm|im|we're|i'll|ill|we'll|i'd|we'd|imma|ima|i am|we are)"
_INTENT = (
    r"(?:'ll|'m going to|'m gonna| will| shall| am going to| am gonna| are going to|'re going to"
    r"| are gonna|'re gonna| gonna| going to| want to| wanna| would love to|'d love to"
    r"| am about to|'m about to| plan to| need to| have to| should| could| might| can"
    r"|'d| would| intend to| promise to| swear i'll| swear i will| bout to| finna| ll)?"
)
_TARGET = (
    r"(?:you|u|ya|him|her|them|y'all|yall|everyone|everybody|anyone|anybody|every \w+"
    r"|all of (?:you|them)"
    r"|(?:that|this|the|your|my|his|her|our) (?:\w+ )?(?:teacher|principal|coach|superintendent"
    r"|bitch|kid|man|woman|guy|lady|family|boss|board|admin\w*|staff|student|officer|cop|son"
    r"|daughter|wife|husband|kids|children|lunch lady|bus driver|counselor|nurse)s?"
    r"|(?:mr|mrs|ms|miss|dr|coach)\.? \w+|teachers|students|kids|people|somebody|someone"
    r"|the school|this school|your school|the building|the board)"
)
_HARM = (
    r"(?:kill|murder|shoot|stab|hurt|harm|strangle|choke|slap|punch|smack|knock out"
    r"|beat (?:the (?:\w+ )?out of|up|down)|beat|break (?:your|his|her|their) \w+|snap"
    r"|slit|burn|bomb|blow up|torch|hang|lynch|rape|assault|attack|jump|put a bullet in"
    r"|put \w+ in the (?:ground|hospital)|run over|run \w+ over|gut|bury|poison"
    r"|come for|come after|hunt down|hunt|track down|make \w+ pay|make \w+ regret|make \w+ suffer"
    r"|teach \w+ a lesson|get even with|get back at|mess \w+ up|fuck \w+ up|f\w* \w+ up)"
)
_THREAT = re.compile(
    # I'll kill you / we're going to find that teacher / gonna shoot up the school
    rf"\b{_SUBJECT}{_INTENT}\s+(?:\w+\s+){{0,2}}?{_HARM}\s+(?:up\s+)?(?:\w+\s+){{0,1}}?{_TARGET}\b"
    rf"|\b(?:gonna|going to|will|'ll) shoot up (?:the|this|a|your) (?:school|building|place)\b"
    # I'll be waiting for you / that teacher in the parking lot / after school
    rf"|\b{_SUBJECT}{_INTENT}\s+(?:be )?(?:waiting|wait|watching|coming|looking) (?:for|out for"
    rf"|after) {_TARGET}"
    r"|\b(?:see|catch|meet|find) (?:you|u|him|her|them|that \w+) (?:after school|outside"
    r"|in the parking lot|in the lot|after (?:class|practice|the game)|alone|tonight)\b"
    r"|\bi know where (?:you|u|he|she|they|that \w+|your \w+) (?:live|lives|park|parks"
    r"|sleep|sleeps|go|goes|work|works)\b"
    r"|\bwatch (?:your|ur|his|her|their) back\b|\bsleep with one eye open\b"
    r"|\b(?:you|u|he|she|they)(?:'re|'s| are| is| r)? (?:so |gonna be |going to be )?dead\b"
    r"|\b(?:you|u|he|she|they)(?:'re|'s| are| is) (?:going to|gonna) (?:die|pay|regret|get it"
    r"|get hurt|bleed|disappear|suffer)\b"
    r"|\b(?:you|u|he|she|they)(?:'ll| will) (?:regret|pay for) (?:this|it|that)\b"
    r"|\byour days are numbered\b|\bcount(?:ing)? your days\b|\blast day on earth\b"
    r"|\b(?:someone|somebody|people) (?:should|needs? to|ought to|oughta|gotta) "
    r"(?:kill|shoot|stab|hurt|beat|hang|lynch|punch|slap|poison|run over|get rid of) "
    r"(?:him|her|them|you|that|this|the|these|those)\b"
    r"|\b(?:hope|wish|pray) (?:you|u|he|she|they|that \w+) (?:dies?|gets? (?:shot|hurt|killed"
    r"|raped|stabbed|hit by)|(?:burns?|rots?) in hell)\b"
    r"|\b(?:deserves?|deserve) to (?:die|be shot|be killed|be hanged|be beaten|get hurt)\b"
    r"|\bthere will be (?:blood|consequences)\b|\bbetter (?:watch out|be careful|lock your doors)\b"
)
_FIGURATIVE = re.compile(
    r"\b(?:kill|killed|killing|killin|slay|slayed|destroy|destroyed|crush|crushed|beat|smash)"
    r"\w* (?:it|this|that|the (?:game|test|exam|competition|audition|performance|show|season))\b"
    r"|\b(?:dying|died|dead) (?:of|from) (?:laughter|laughing|embarrassment|cuteness)\b"
    r"|\bkilling me\b|\bkill for (?:a|an|some)\b|\b(?:i'm|im) dead\b|\bshoot (?:hoops|a|an|some"
    r"|photos?|pictures?|video|me an? (?:email|message|text|note|dm))\b"
)
_SPORT = re.compile(
    r"\b(?:game|match|tournament|playoffs?|finals?|season|field|court|scrimmage|meet|varsity"
    r"|jv|team|opponents?|rivals?|score|homecoming|friday night|win|league)\b"
)
_SAFETY = re.compile(
    r"\b(?:bomb|bombs|explosives?|pipe bomb|gun|guns|rifle|pistol|ar-?15|knife|knives|weapon"
    r"|weapons|firearm)\b[^.!?]{0,60}\b(?:school|class|campus|building|bus|game|assembly"
    r"|tomorrow|monday|tuesday|wednesday|thursday|friday)\b"
    r"|\b(?:school|campus|class)\b[^.!?]{0,40}\b(?:bomb|shooting|shooter|gun|explosive)\b"
    r"|\b(?:bring|bringing|brought|have|has|got|carrying|carry)(?:ing)?"
    r" (?:a |my |his |her |their )?"
    r"(?:gun|guns|knife|weapon|bomb|piece|strap|glock)\b"
    r"|\bshoot(?:ing)? up\b|\bschool shoot\w*\b|\bbomb threat\b|\blockdown\b"
    r"|\b(?:kill|hurt|cut) (?:my ?self|myself)\b|\b(?:want|going|gonna) to die\b|\bsuicid\w*"
    r"|\bend (?:my|it all|my life)\b|\bself[- ]harm\w*|\bkys\b|\bkill yourself\b"
    r"|\b(?:doesn'?t|don'?t) want to live\b|\boverdos\w*"
    r"|\b(?:door|doors|gate|alarm|cameras?)\b[^.!?]{0,30}\b(?:unlocked|broken|disabled|propped"
    r"|code is|code to)\b|\b(?:alarm|door|gate|wifi|wi-fi|network) (?:code|password) is\b"
    r"|\b(?:walks?|rides?|goes|leaves?) home (?:alone|by (?:him|her)self)\b"
)
_SAFETY_HELP = re.compile(
    r"\b(?:988|hotline|lifeline|crisis line|reach out|get help|talk to someone|counselor"
    r"|drill|drills|prevention|awareness|safety plan|training|procedures?|protocol)\b"
)
_REPORTED = re.compile(
    r"\b(?:threaten\w*|said (?:he|she|they)(?:'d| would| will)|told (?:me|us|him|her)"
    r"|posted (?:that|about)|heard (?:that|about)|rumou?r|someone said)\b"
)


def _hits(pattern: re.Pattern[str], text: str) -> tuple[list[str], list[str]]:
    live: list[str] = []
    dead: list[str] = []
    for m in pattern.finditer(text):
        phrase = m.group(0)
        if negated(text, m.start() + 1, 6) or re.search(
            r"\b(?:not|never|n't|wouldn't|won't|don't)\b", phrase
        ):
            dead.append(phrase)
        elif quoted(text, m.start(), m.end()):
            dead.append(phrase)
        else:
            live.append(phrase)
    return live, dead


class ThreatRecognizer:
    id = ID
    version = VERSION
    categories = ("threat", "safety")

    def analyze(self, comment: Comment) -> list[Signal]:
        text = comment.norm
        signals: list[Signal] = []
        live, dead = _hits(_THREAT, text)
        live = [p for p in live if not _FIGURATIVE.search(p)]
        if live:
            reported = bool(_REPORTED.search(text))
            sport = bool(_SPORT.search(text)) and not re.search(
                r"\b(?:kill|murder|shoot|stab|gun|knife|parking lot|dead|die|bleed|hospital)\b",
                text,
            )
            if sport:
                signals.append(Signal("threat", 0.45, tuple(live[:3]), ID, VERSION))
            elif reported:
                # A threat reported by someone else: the danger is real, the poster isn't it.
                signals.append(Signal("safety", 0.9, tuple(live[:3]), ID, VERSION))
                signals.append(Signal("threat", 0.5, tuple(live[:3]), ID, VERSION))
            else:
                score = min(0.99, 0.9 + 0.04 * (len(live) - 1))
                signals.append(Signal("threat", score, tuple(live[:3]), ID, VERSION))
        elif dead:
            signals.append(Signal("threat", 0.15, tuple(dead[:3]), ID, VERSION))

        safe_live, safe_dead = _hits(_SAFETY, text)
        if safe_live:
            helping = bool(_SAFETY_HELP.search(text))
            score = 0.5 if helping else min(0.95, 0.8 + 0.05 * (len(safe_live) - 1))
            signals.append(Signal("safety", score, tuple(safe_live[:3]), ID, VERSION))
        elif safe_dead:
            signals.append(Signal("safety", 0.2, tuple(safe_dead[:3]), ID, VERSION))
        return signals


register(ID, ThreatRecognizer)
