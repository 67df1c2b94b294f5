"""Vulgar language, personal attacks and discrimination, by curated lexicons and patterns.

Each pattern is checked for negation ("you are not stupid") and for being mentioned rather
than used (a slur quoted to condemn it: counter-speech), which lowers its score.
"""

from __future__ import annotations

import re

from lanyard.moderation.classifiers import lexicon
from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.registry import register
from lanyard.moderation.classifiers.screen import screened
from lanyard.moderation.classifiers.text import alternation, negated, quoted
from lanyard.moderation.domain import Signal

ID = "lexicon-abuse"
VERSION = "2.0"


def _words(terms: tuple[str, ...]) -> str:
    return rf"(?<![\w*#])(?:{alternation(terms)})(?![\w*#])"


_STRONG = re.compile(_words(lexicon.PROFANITY_STRONG))
_MILD = re.compile(_words(lexicon.PROFANITY_MILD))
_SLUR = re.compile(_words(lexicon.SLURS))
_INSULT = alternation(lexicon.INSULTS)
_INTENS = r"(?:(?:such|so|a|an|the|total|complete|real|absolute|fucking|fuckin|f\w*ing|freaking"
_INTENS += r"|damn|big|huge|little|stupid|dumb|lying|lazy|worthless|pathetic|ignorant|old|fat)\s+)*"
_PERSON = (
    r"(?:teachers?|principal|coach|superintendent|admins?|administrators?|board members?"
    r"|woman|man|guy|lady|person|people|mom|dad|mother|father|parents?|kids?|boy|girl|student"
    r"|staff|counselor|nurse|secretary|librarian|janitor|bus driver|(?:mr|mrs|ms|miss|dr)\.? \w+"
    r"|(?:coach|principal|superintendent) \w+|band director|director|team|board|administration"
    r"|players?)(?: (?:who|that|on|at|in|from|of) [^.!?,]{1,40}?)?"
)
_ATTACK = re.compile(
    rf"\b(?:you|u|ya)(?:'re| are| r|re)?\s+{_INTENS}(?:{_INSULT})(?!\w)"
    rf"|\byou'?re? (?:just |really |truly )?{_INTENS}(?:{_INSULT})(?!\w)"
    rf"|\b(?:ur|your) (?:an? )?{_INTENS}(?:{_INSULT})(?!\w)"
    rf"|\b(?:he|she|they|this {_PERSON}|that {_PERSON}|the {_PERSON}|our {_PERSON}"
    rf"|your {_PERSON}|{_PERSON})(?:'s| is| are| was| were|'re)\s+(?:just |really |truly )?"
    rf"{_INTENS}(?:{_INSULT})(?!\w)"
    rf"|\b(?:what|such) an? {_INTENS}(?:{_INSULT})"
    rf"(?=\s*(?:$|[.!?,;]|(?:(?:this|that|the|our|your) )?(?:{_PERSON})\b))"
    rf"|\b(?:{_INSULT}) (?:{_PERSON})(?!\w)"
    r"|\bshut (?:the \w+ )?up\b|\b(?:fuck|screw|f) (?:you|u|off|him|her|them)\b"
    r"|\bgo to hell\b|\bkys\b|\bget a (?:life|brain)\b|\bnobody likes you\b"
    r"|\bno one likes you\b|\bshould be ashamed of (?:yourself|himself|herself)\b"
)
# Attacks on competence and worth without an insult word: "couldn't teach a dog to sit", "how
# is he still employed", "should be stocking shelves, not teaching", "doesn't require a brain".
_BELITTLE = screened(
    r"\b(?:couldn'?t|could not|can'?t|cannot) (?:teach|coach|lead|run|manage|organize|find|spell"
    r"|read|count|direct|plan|referee) (?:[\w']+ ){0,5}?(?:to save (?:his|her|their|your) life"
    r"|out of a paper bag|if (?:his|her|their|your) life depended on it|a dog to sit|a fish to"
    r" swim|water downhill|(?:his|her|their|your) way out of)"
    r"|\bhow (?:is|are|was) [\w.' ]{1,40}? still (?:employed|teaching|coaching|working here"
    r"|allowed to teach|on the board|in charge|getting paid)\b"
    r"|\bshould (?:be|go back to) (?:stocking shelves|flipping burgers|bagging groceries|sweeping"
    r" floors|working (?:at|in) (?:a|the) (?:drive[- ]thru|fast food))\b"
    r"|\b(?:shouldn'?t|should not|should never) be (?:anywhere )?(?:near|around|allowed near)"
    r" (?:an? |the )?(?:instrument|a classroom|a whistle|a podium|a microphone|a team)\b"
    r"|\b(?:doesn'?t|don'?t|didn'?t) (?:require|need) (?:a|any) (?:brain|brains|brain cells|iq)\b"
    r"|\b(?:doesn'?t |don'?t |didn'?t )?check(?:s|ed)? for a pulse\b|\bdon'?t have any crayons\b"
    r"|\b(?:he|she|mrs?\.? \w+|ms\.? \w+|coach \w+|teacher|principal|coach|director|counselor)"
    r" is the reason (?:my|our|the) (?:kid|son|daughter|child|kids|students) (?:hates?|quit|cries"
    r"|dreads?)\b"
    r"|\bshould never (?:open (?:his|her|their|your) mouth|sing|speak|show (?:his|her|their|your)"
    r" face) (?:again|in public)\b"
    r"|\b(?:talentless|spineless|gutless|incompetent|useless|worthless|clueless|brainless"
    r"|pathetic) (?:hack|weasel|clown|fool|fraud|joke|coward|excuse for a \w+)s?\b"
    rf"|\w ?= ?(?:{_INSULT})(?!\w)"
    r"|\b(?:a|an) (?:embarrassment|disgrace) to (?:this|the|our) (?:town|school|district"
    r"|profession|team|community)\b"
)
# A named person ("Brad Okonkwo is a washed up loser"): capitalized first and last name.
_NAMED_ATTACK = re.compile(
    rf"(?-i:\b[A-Z][a-z]+ [A-Z][a-z'-]+) (?:is|was|'s) (?:{_INTENS}|the worst \w+(?: \w+)?"
    rf"[^.!?]{{0,30}}[.!?,]\s*)(?:{_INSULT})(?!\w)",
    re.IGNORECASE,
)
_LONE_INSULT = re.compile(rf"(?<!\w)(?:{_INSULT})(?!\w)")
_VOCATIVE = re.compile(_words(lexicon.VOCATIVE_INSULTS))

_GROUP = alternation(lexicon.GROUPS)
_HATE = screened(
    rf"\b(?:all |those |these |most |the |these damn |dirty |fucking )?(?:{_GROUP})"
    rf"(?: are| r|'re| is) (?:all |just |nothing but |such |so |a bunch of |bunch of )?"
    rf"(?:{alternation(lexicon.DEHUMANIZING)})\b"
    rf"|\b(?:all |those |these |the )?(?:{_GROUP}) (?:{alternation(lexicon.EXCLUSION)})"
    rf"|\b(?:i hate|we hate|hate all|kill all|death to|deport all|ban all|get rid of all"
    rf"|gas the|hang the|lynch the|no) (?:the |all |those |these )?(?:{_GROUP})\b"
    rf"|\bgo back to (?:your|ur) (?:own )?(?:country|africa|mexico|china|india)\b"
    rf"|\bgo back (?:to )?where (?:you|they|ya) (?:came|come) from\b"
)
_IMPLICIT = screened("|".join(lexicon.IMPLICIT_DEROGATION))
# Frames that mention hateful words to report or condemn them (counter-speech).
_MENTION_FRAME = screened(
    r"\b(?:called|call|calls|calling|named|yelled|shouted|wrote|writes|said|says|saying|say"
    r"|used|uses|using|use|heard|hear|the word|the slur|slurs?|word|words|term|terms"
    r"|spray[- ]painted|graffiti|scrawled|chanting|chanted|tell|told)\b"
)
_CONDEMN = re.compile(
    r"\b(?:not ok(?:ay)?|unacceptable|wrong|racist|racism|bigot\w*|hateful|hate speech"
    r"|offensive|disgusting|shameful|appalled|appalling|horrified|hurtful|harass\w*|bull(?:y|ied|ying)"
    r"|condemn\w*|stop|never|don'?t|shouldn'?t|no place|not welcome|reported|report"
    r"|slur|n-word|f-word|anti-?\w+|homophob\w*|transphob\w*|sexis[mt]|xenophob\w*)\b"
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def _sentence_at(text: str, pos: int) -> str:
    for match in _SENTENCE.finditer(text):
        if match.start() <= pos < match.end():
            return match.group(0)
    return text


def counter_speech(text: str, start: int, end: int) -> bool:
    """The words are mentioned (quoted, reported, condemned) rather than used."""
    if quoted(text, start, end):
        return True
    sentence = _sentence_at(text, start)
    return bool(_MENTION_FRAME.search(sentence) and _CONDEMN.search(text))


def _targeted(text: str) -> bool:
    return bool(re.search(r"\b(?:you|u|ur|your|you're|he|she|him|her)\b", text))


class AbuseRecognizer:
    id = ID
    version = VERSION
    categories = ("vulgar_language", "personal_attack", "discrimination")

    def analyze(self, comment: Comment) -> list[Signal]:
        text = comment.norm
        signals: list[Signal] = []

        strong: list[str] = []
        mentioned_profanity: list[str] = []
        for m in _STRONG.finditer(text):
            if counter_speech(text, m.start(), m.end()) and quoted(text, m.start(), m.end()):
                mentioned_profanity.append(m.group(0))
            else:
                strong.append(m.group(0))
        mild = [m.group(0) for m in _MILD.finditer(text)]
        if strong:
            score = min(0.99, 0.85 + 0.05 * (len(strong) - 1))
            signals.append(Signal("vulgar_language", score, tuple(strong[:5]), ID, VERSION))
        elif mild or mentioned_profanity:
            score = min(0.6, 0.3 + 0.15 * (len(mild) - 1)) if mild else 0.3
            evidence = tuple((mild + mentioned_profanity)[:5])
            signals.append(Signal("vulgar_language", score, evidence, ID, VERSION))

        attacks: list[str] = []
        negated_attacks: list[str] = []
        for m in _ATTACK.finditer(text):
            if m.group(0).startswith("such") and re.search(
                r"\b(?:i'?m|i am|im|i feel)\s*$", text[: m.start()]
            ):
                continue  # "I'm such an idiot, I forgot picture day": about oneself
            if negated(text, m.start() + 1, 4) or re.search(r"\bnot\b", m.group(0)):
                negated_attacks.append(m.group(0))
            elif counter_speech(text, m.start(), m.end()) and quoted(text, m.start(), m.end()):
                negated_attacks.append(m.group(0))
            else:
                attacks.append(m.group(0))
        for m in _BELITTLE.finditer(text):
            if not negated(text, m.start() + 1, 4) and not counter_speech(text, m.start(), m.end()):
                attacks.append(m.group(0))
        for m in _NAMED_ATTACK.finditer(comment.plain):
            if not negated(comment.plain.lower(), m.start() + 1, 4):
                attacks.append(m.group(0).lower())
        for m in _VOCATIVE.finditer(text):
            if not counter_speech(text, m.start(), m.end()) and not negated(text, m.start() + 1, 3):
                attacks.append(m.group(0))
        if attacks:
            score = min(0.99, 0.85 + 0.05 * (len(attacks) - 1))
            signals.append(Signal("personal_attack", score, tuple(attacks[:5]), ID, VERSION))
        else:
            matches = list(_LONE_INSULT.finditer(text))
            lone = [m.group(0) for m in matches]
            mentioned_only = bool(matches) and all(
                counter_speech(text, m.start(), m.end()) for m in matches
            )
            if lone or negated_attacks:
                score = 0.35 if lone and _targeted(text) and not negated_attacks else 0.2
                if mentioned_only:
                    score = 0.1  # "calling someone a … is never okay": mentioned, not used
                evidence = tuple((lone + negated_attacks)[:5])
                signals.append(Signal("personal_attack", score, evidence, ID, VERSION))

        used: list[str] = []
        mentioned: list[str] = []
        for m in _SLUR.finditer(text):
            (mentioned if counter_speech(text, m.start(), m.end()) else used).append(m.group(0))
        slurs = list(used)
        for m in _IMPLICIT.finditer(text):
            if counter_speech(text, m.start(), m.end()):
                mentioned.append(m.group(0))
            else:
                used.append(m.group(0))
        for m in _HATE.finditer(text):
            if negated(text, m.start() + 1, 5) or re.search(
                r"\b(?:are|r|'re|is) not\b|\bnot (?:all|just)\b", m.group(0)
            ):
                mentioned.append(m.group(0))
            elif counter_speech(text, m.start(), m.end()):
                mentioned.append(m.group(0))
            else:
                used.append(m.group(0))
        if used:
            score = min(0.99, 0.85 + 0.05 * (len(used) - 1))
            signals.append(Signal("discrimination", score, tuple(used[:5]), ID, VERSION))
            if slurs and not strong:
                signals.append(Signal("vulgar_language", 0.7, tuple(slurs[:5]), ID, VERSION))
        elif mentioned:
            # Mentioned to report or condemn it: say so, which also damps the learned models.
            evidence = tuple(f"{w} (mentioned, not used)" for w in mentioned[:5])
            signals.append(Signal("discrimination", 0.25, evidence, ID, VERSION))
            for category in ("vulgar_language", "personal_attack"):
                if not any(s.category == category for s in signals):
                    signals.append(Signal(category, 0.1, evidence, ID, VERSION))
        return signals


register(ID, AbuseRecognizer)
