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
# Mild profanity ("damn", "what the hell") alone is not plainly the "vulgar language" a
# district deletes: the comment is sent to a person (review), never flagged on these words.
MILD_NOTE = "mild profanity (for a person to judge)"


def _words(terms: tuple[str, ...]) -> str:
    return rf"(?<![\w*#])(?:{alternation(terms)})(?![\w*#])"


_STRONG = re.compile(_words(lexicon.PROFANITY_STRONG))
_MILD = re.compile(_words(lexicon.PROFANITY_MILD))
_SLUR = re.compile(_words(lexicon.SLURS))
_INSULT = alternation(lexicon.INSULTS)
_INTENS = r"(?:(?:such|so|a|an|the|total|complete|real|absolute|fucking|fuckin|f\w*ing|freaking"
_INTENS += r"|damn|big|huge|little|stupid|dumb|lying|lazy|worthless|pathetic|ignorant|old|fat"
_INTENS += r"|corrupt|crooked|smug|arrogant|entitled|spineless|miserable|sorry|sad|nasty"
_INTENS += r"|incompetent|useless|disgusting|power[- ]tripping)\s+)*"
_PERSON = (
    r"(?:teachers?|principal|coach|superintendent|admins?|administrators?|board members?"
    r"|woman|man|guy|lady|person|people|mom|dad|mother|father|parents?|kids?|boy|girl|student"
    r"|staff|counselor|nurse|secretary|librarian|janitor|bus driver|(?:mr|mrs|ms|miss|dr)\.? \w+"
    r"|(?:board |school board |pta |pto )?(?:president|vice president|chair|trustee|member)"
    r"|(?:vice|assistant) principal|vp|ad|athletic director|dean|aide|para|monitor"
    r"|(?:lunch|hall|recess) (?:lady|monitor|aide)|driver|receptionist|coordinator|guy|dude"
    r"|(?:coach|principal|superintendent) \w+|band director|director|team|board|administration"
    r"|players?)(?: (?:who|that|on|at|in|from|of) [^.!?,]{1,40}?)?"
)
_ATTACK = screened(
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
_NAMED_ATTACK = screened(
    rf"(?-i:\b[A-Z][a-z]+ [A-Z][a-z'-]+) (?:is|was|'s) (?:{_INTENS}|the worst \w+(?: \w+)?"
    rf"[^.!?]{{0,30}}[.!?,]\s*)(?:{_INSULT})(?!\w)",
    re.IGNORECASE,
)
_LONE_INSULT = screened(rf"(?<!\w)(?:{_INSULT})(?!\w)")
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
    r"|spray[- ]painted|graffiti|scrawled|chanting|chanted|tell|told|post|posts|posted"
    r"|posting|writing|written|texted|texting|claiming|claims)\b"
)
_CONDEMN = re.compile(
    r"\b(?:not ok(?:ay)?|unacceptable|wrong|racist|racism|bigot\w*|hateful|hate speech"
    r"|offensive|disgusting|shameful|appalled|appalling|horrified|hurtful|harass\w*|bull(?:y|ied|ying)"
    r"|condemn\w*|stop|never|don'?t|shouldn'?t|no place|not welcome|reported|report"
    r"|slur|n-word|f-word|anti-?\w+|homophob\w*|transphob\w*|sexis[mt]|xenophob\w*"
    r"|have a talk with|talk to your (?:kids?|child|children|son|daughter))\b"
)
# Words reported as someone else's ("a parent called our teacher a stupid b*tch"): the
# reporting verb stands a few words before them.
_REPORTED = re.compile(
    r"\bcall(?:ed|ing|s)?\b(?:\s+[\w'*@$!-]+){0,5}\s*$"
    r"|\b(?:yell(?:ed|ing)?|shout(?:ed|ing)?|scream(?:ed|ing)?|wr(?:ote|ites|iting)|post(?:ed|ing)?"
    r"|text(?:ed|ing)?)(?: (?:at|to) (?:him|her|them|me|us|my \w+|our \w+))?(?: that)?\s*$"
)


def reported(text: str, start: int, end: int) -> bool:
    """Mentioned as someone else's words, in a comment that condemns them."""
    if not _REPORTED.search(text[:start]):
        return False
    return counter_speech(text, start, end) or bool(
        _MENTION_FRAME.search(_sentence_at(text, start)) and _CONDEMNED.search(text)
    )


_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")

# An identity word used as a modifier of a group, event or place ("our Muslim students'
# iftar night", "the gay-straight alliance", "Black History Month assembly"): naming a
# community, not a claim about it. The learned models read the identity word alone as a cue.
_IDENTITY = (
    r"(?:black|white|brown|asian|mexican|muslim|jewish|gay|lesbian|bi|bisexual|trans|transgender"
    r"|nonbinary|queer|lgbtq?\+?|disabled|autistic|immigrant|refugee|hispanic|latin[oax]|indian"
    r"|arab|chinese|korean|somali|african|native|indigenous|deaf|blind|christian|catholic|hindu"
    r"|sikh|buddhist|pride|special ed|(?:\w+ )?american)"
)
_COMMUNITY = (
    r"(?:students?|kids|children|families|family|parents?|dads?|moms?|mothers?|fathers?|alumni"
    r"|teachers?|staff|athletes|players|members|community|communities|neighbors|club|alliance"
    r"|union|association|council|group|society|committee|history|heritage|month|day|night|week"
    r"|assembly|celebration|festival|fair|holidays?|traditions?|culture|cultural|dinner|potluck"
    r"|prayer|program|center|liaison|interpreters?|speakers?|panel|dancers|display|authors?"
    r"|books?|literature|studies|art|music|food|new year|pride)"
)
_IDENTITY_MODIFIER = screened(
    rf"\b{_IDENTITY}(?:-\w+)?(?:'s)?(?: (?:and|&|or) [\w-]+)?(?: [\w'-]+)? {_COMMUNITY}\b"
    rf"|\b(?:as an?|i'?m an?|i am an?|we are an?|our) {_IDENTITY}\b"
)
_IDENTITY_WORD = screened(rf"\b{_IDENTITY}s?\b")
# What turns a mention of a group into a claim about it: exclusion, blame, stereotypes and the
# disclaimers that announce them ("I'm not racist but").
_DEROGATION_CUE = screened(
    r"\b(?:not (?:being )?(?:racist|homophobic|transphobic|sexist)|no offen[cs]e|no hate|just"
    r" saying|just asking|(?:those|these|you|them|that kind of) people|their kind|too many"
    r"|should(?:n'?t| not| never)?|(?:don'?t|do not|doesn'?t) belong|go back|back where|deport\w*"
    r"|ban|banned|fire[d]?|get rid|ruin\w*|destroy\w*|brainwash\w*|groom\w*|pervert\w*|agenda"
    r"|invad\w*|invasion|illegals?|mentally ill|tak(?:e|es|ing) over|control\w*|run(?:s|ning)? the"
    r"|(?:bring|drag)\w* \w+ down|the reason|problem\w*|crap|trash\w*|filth\w*|disgust\w*|sick"
    r"|lazy|dirty|criminals?|thugs?|terrorists?|animals?|vermin|cheat\w*|sharia|hire|certain"
    r"|real (?:men|women|americans?)|normal (?:kids|people|families)|biology|values|waste\w*"
    r"|wasting|forced?|shoved?|push\w*|leave|stay|n[o0] more|out of (?:our|my|this)"
    r"|(?:send|ship|kick|keep|get) (?:them|those|these|\w+) (?:back|out|away))\b"
)
# A comment that reports or condemns words in quotation marks ("my son was called 'go back to
# Mexico' at lunch. That's racist and wrong."): the words are mentioned, not used.
_QUOTE = re.compile(r"(?:^|[\s(])[\"'“‘]([^\"'“”‘’]{2,80})[\"'”’]")
_CONDEMNED = screened(
    r"\b(?:not ok(?:ay)?|never ok(?:ay)?|unacceptable|wrong|racist|racism|bigot\w*|hateful"
    r"|hate speech|offensive|disgusting|shameful|ashamed|appall\w*|horrif\w*|hurt\w*|bull(?:y|ied"
    r"|ying)|harass\w*|condemn\w*|no place|not welcome|reported|report (?:it|this|them)"
    r"|apologi[sz]e|slurs?|no excuse|not a joke|isn'?t a joke|should not happen|never happen"
    r"|deserve better|have a talk|talk to (?:your|them|him|her)|please remove|suspended"
    r"|consequences)\b"
)


# What a comment that names a community for its own sake says around it: thanks, praise,
# a welcome, a date, a place, a question of logistics.
_NEUTRAL_FRAME = screened(
    r"\b(?:thank\w*|thx|congrat\w*|proud|welcom\w*|happy|celebrat\w*|lov(?:e|ed|es|ely)|great"
    r"|amazing|beautiful|wonderful|inspir\w*|moving|fantastic|awesome|shout ?out|kudos|joined"
    r"|join|meets?|meeting|host\w*|sign ?ups?|register|registration|tonight|tomorrow|today"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(?::\d\d)? ?[ap]m|room"
    r" \d+|is there|are there|will there|can (?:the|we|you)|could (?:the|we|you)|where|when"
    r"|what time|excused|options?|interpret\w*|translat\w*|mubarak|eid|ramadan|diwali"
    r"|hanukkah|assembly|potluck|bake sale|fundrais\w*|volunteers?|panel|posters?|display)\b"
)
# A claim about a whole group ("Somali kids are …", "Muslim families don't …").
_GROUP_CLAIM = screened(
    rf"\b{_IDENTITY}s?(?:-\w+)?(?: [\w'-]+){{0,2}}? (?:are|r|'re|were|do|don'?t|can'?t|won'?t"
    rf"|never|always|all|just|only|get|got|need|want|think|act)\b(?! (?:welcome|invited"
    rf"|encouraged|excused|hosting|meeting))"
)


def identity_in_neutral_frame(text: str) -> bool:
    """Whether every identity word in the comment names a community (a modifier of a group,
    event or place) in a comment that thanks, praises, welcomes or asks about logistics, and
    nothing in it makes a claim about the group or blames, excludes or stereotypes."""
    words = list(_IDENTITY_WORD.finditer(text))
    if not words or _DEROGATION_CUE.search(text) or _GROUP_CLAIM.search(text):
        return False
    if not _NEUTRAL_FRAME.search(text):
        return False
    covered = [(m.start(), m.end()) for m in _IDENTITY_MODIFIER.finditer(text)]
    return all(any(a <= w.start() < b for a, b in covered) for w in words)


def quoted_to_condemn(text: str) -> bool:
    """Whether the comment quotes words and reports or condemns them."""
    for m in _QUOTE.finditer(text):
        sentence = _sentence_at(text, m.start(1))
        if _MENTION_FRAME.search(sentence) and _CONDEMNED.search(text):
            return True
    return False


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
            if (
                counter_speech(text, m.start(), m.end()) and quoted(text, m.start(), m.end())
            ) or reported(text, m.start(), m.end()):
                mentioned_profanity.append(m.group(0))
            else:
                strong.append(m.group(0))
        mild = [m.group(0) for m in _MILD.finditer(text)]
        if strong:
            score = min(0.99, 0.85 + 0.05 * (len(strong) - 1))
            signals.append(Signal("vulgar_language", score, tuple(strong[:5]), ID, VERSION))
        elif mild or mentioned_profanity:
            score = min(0.6, 0.3 + 0.15 * (len(mild) - 1)) if mild else 0.3
            evidence = tuple((mild + mentioned_profanity)[:5]) + ((MILD_NOTE,) if mild else ())
            signals.append(Signal("vulgar_language", score, evidence, ID, VERSION))

        attacks: list[str] = []
        negated_attacks: list[str] = []
        for m in _ATTACK.finditer(text):
            if m.group(0).startswith("such") and re.search(
                r"\b(?:i'?m|i am|im|i feel)\s*$", text[: m.start()]
            ):
                # "I'm such an idiot, I forgot picture day": about oneself, explained
                negated_attacks.append(m.group(0))
                continue
            if negated(text, m.start() + 1, 4) or re.search(r"\bnot\b", m.group(0)):
                negated_attacks.append(m.group(0))
            elif (
                counter_speech(text, m.start(), m.end()) and quoted(text, m.start(), m.end())
            ) or reported(text, m.start(), m.end()):
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
            lone = [m.group(0) for m in matches if not negated(text, m.start() + 1, 3)]
            negated_attacks.extend(m.group(0) for m in matches if negated(text, m.start() + 1, 3))
            mentioned_only = bool(matches) and all(
                counter_speech(text, m.start(), m.end()) for m in matches
            )
            if lone or negated_attacks:
                # A lone insult word is a weak cue, not an explanation: only a negated or
                # mentioned one scores under ``classifier._EXPLAINED_AWAY`` (which damps the
                # learned models and keeps the sentence stage from overruling).
                if negated_attacks or not lone:
                    score = 0.2
                else:
                    score = 0.35 if _targeted(text) else 0.3
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
        elif quoted_to_condemn(text):
            # No rule saw abuse outside the quotation: say the quoted words are condemned,
            # which damps the learned models and keeps the sentence stage from overruling.
            evidence = ("words quoted to report or condemn them",)
            for category in self.categories:
                if not any(s.category == category for s in signals):
                    signals.append(Signal(category, 0.1, evidence, ID, VERSION))
        elif identity_in_neutral_frame(text):
            evidence = ("identity word naming a community, not a claim about it",)
            signals.append(Signal("discrimination", 0.1, evidence, ID, VERSION))
        return signals


register(ID, AbuseRecognizer)
