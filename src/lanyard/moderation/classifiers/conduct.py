"""Advocating illegal activity, marketing, copyright infringement and defamation, by patterns.

These categories have no training data; the patterns are deliberately narrow (precision
over recall) and negation ("never buy weed") lowers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.registry import register
from lanyard.moderation.classifiers.text import negated
from lanyard.moderation.domain import Signal

ID = "patterns-conduct"
VERSION = "1.0"

_DRUG = (
    r"(?:weed|pot|marijuana|cocaine|coke|molly|mdma|ecstasy|xanax|xans|percs?|percocets?|oxy"
    r"|oxycontin|adderall|edibles|carts|thc|shrooms|lsd|acid|meth|heroin|fentanyl|pills|dope"
    r"|nicotine|vapes?|juul\w*|alcohol|beer|booze|liquor|vodka|drugs)"
)


@dataclass(frozen=True)
class _Rule:
    category: str
    score: float
    pattern: re.Pattern[str]


def _rule(category: str, score: float, pattern: str) -> _Rule:
    return _Rule(category, score, re.compile(pattern))


RULES: tuple[_Rule, ...] = (
    _rule(
        "illegal_activity",
        0.85,
        rf"\b(?:buy|buying|sell|selling|sells|score|scoring|plug for|got|has|have|hmu for|dm me for"
        rf"|who wants|get your|get some|smoke|smoking|vape|vaping|hit up)"
        rf" (?:some |the |my |cheap |good )?"
        rf"{_DRUG}\b(?! (?:free|awareness|prevention|education|abuse|policy|program))"
        rf"|\b{_DRUG} (?:for sale|available|plug|delivery|dealer|hmu)\b",
    ),
    _rule(
        "illegal_activity",
        0.85,
        r"\b(?:let'?s|lets|we should|y'?all should|you should|everyone should|go|gonna|we're gonna"
        r"|who wants to|time to) (?:go )?(?:egg|tp|toilet paper|vandali[sz]e|spray ?paint|tag"
        r"|break into|steal|rob|shoplift|trash|key|slash the tires of|slash|loot|burn down"
        r"|hack|pull the fire alarm|call in a bomb threat|set fire to|sneak \w+ into)\b",
    ),
    _rule(
        "illegal_activity",
        0.8,
        r"\bfake ids?\b|\bhack (?:into )?(?:the |my |your )?(?:grade\w*|gradebook|powerschool"
        r"|infinite campus|school (?:system|portal|network|computers?))|\bchange (?:your|our|my)"
        r" grades\b|\b(?:buy|get) (?:alcohol|beer|booze|liquor|vapes?) for (?:minors|kids|underage"
        r"|students)\b|\b(?:underage|teen) (?:drinking )?party\b|\bdon'?t pay (?:your )?taxes\b"
        r"|\bshoplift\w*\b|\bstreet rac\w+\b|\bdrunk driv\w+ is fine\b",
    ),
    _rule(
        "marketing",
        0.85,
        r"\b(?:buy now|order now|shop now|shop (?:our|my)|\d+% off|promo code|coupon code"
        r"|discount code|use (?:my |the )?code|free shipping|best prices?|lowest prices?"
        r"|limited time (?:offer|only)|call now|act now|for sale|on sale now"
        r"|dm (?:me )?for (?:prices"
        r"|info|details|orders)|visit our (?:store|shop|website|site|showroom)|our (?:products"
        r"|services|menu|prices|rates)|my (?:business|etsy|shop|store|company|small business)"
        r"|book (?:now|your (?:appointment|session|party))|now hiring|we'?re hiring"
        r"|(?:affordable|professional) (?:\w+ )?services|free (?:quote|estimate|consultation|trial)"
        r"|mlm|pyramid|side hustle|passive income|investment opportunity|sign up (?:today|now)"
        r"|get paid|make money|earn money|earn \$|\$\d+ (?:a|per) (?:day|hour|week))\b",
    ),
    _rule(
        "marketing",
        0.8,
        r"\b(?:vote|voting) (?:yes|no) on\b|\b(?:re-?elect|elect|vote for|support|donate to"
        r"|join) (?:\w+ ){0,3}(?:for (?:mayor|senate|senator|congress|governor|president"
        r"|state rep\w*|alderman|council|judge|sheriff)|campaign|party|pac|candidate\w*"
        r"|democrats?|republicans?|gop|dnc|rnc|maga|antifa|libertarians?|socialists?"
        r"|green party|tea party)\b|\bpaid for by\b|\bsign (?:the|our|this) petition\b"
        r"|\bdonate (?:now|today|to (?:our|my|the) campaign)\b|\b(?:trump|biden|harris)\s?20\d\d\b",
    ),
    _rule(
        "copyright",
        0.8,
        r"\bfull (?:movie|album|episode|season|film|game|book|textbook)s?\b(?: (?:free|online"
        r"|download|here|link|hd))|\bfree (?:download|movies?|pdf|ebook|e-book|streaming"
        r"|textbook)s?\b|\bdownload (?:the |this )?(?:full |whole )?(?:movie|album|song|film"
        r"|textbook|book|pdf|ebook|answer key|teacher'?s? edition)\b|\btorrents?\b|\bpirat\w+"
        r"|\b(?:123movies|putlocker|fmovies|soap2day|libgen|z-?library|thepiratebay|kickass"
        r"|megaupload)\b|\bcracked (?:version|software|apk|copy)\b|\b(?:answer key|test bank"
        r"|teacher'?s? edition) (?:pdf|download|free|leak\w*)\b|\bwatch (?:\w+ ){0,3}free online\b"
        r"|\bleaked (?:exam|test|album|movie)\b|\bno copyright infringement intended\b",
    ),
    _rule(
        "copyright",
        0.5,
        r"\ball rights reserved\b|©|\(c\) \d{4}|\bcopyright \d{4}\b|\btrademark\w*\b",
    ),
)

_WHO = (
    r"(?:(?:mr|mrs|ms|miss|dr|coach|principal|superintendent)\.? [a-z]+|(?:the|that|this|our"
    r"|your|my \w+'?s) (?:\w+ )?(?:teacher|principal|coach|superintendent|board member|nurse"
    r"|counselor|janitor|bus driver|secretary|librarian|administrator|staff member|lunch lady)"
    r"|he|she|they)"
)
_ALLEGATION = (
    r"(?:a |an )?(?:pedophile|paedophile|pedo|predator|child molester|molester|abuser|rapist"
    r"|thief|criminal|crook|drunk|alcoholic|drug addict|addict|junkie|felon|sex offender|fraud"
    r"|groomer|racist|on drugs|high at school|drunk at school|stealing|embezzl\w+|sleeping with"
    r"|having an affair|cheating on|abusing|molesting|grooming|touching (?:kids|students|girls"
    r"|boys)|stole|embezzled|molested|abused|groomed|raped|touched (?:a|the|my) \w+"
    r"|hit (?:a|the|my) (?:student|kid|child)|got (?:arrested|fired|caught) (?:for|with)"
    r"|has a (?:criminal )?record|has a dui|lied about|falsified|cooked the books|taking bribes"
    r"|took bribes)"
)
_DEFAME = re.compile(
    rf"\b{_WHO}(?:'s| is| was| has been| have been| are| were| has| had)? (?:totally |clearly "
    rf"|definitely |obviously |literally |secretly |always |still )?{_ALLEGATION}\b"
)
_HEARSAY = re.compile(
    r"\b(?:i heard|heard that|rumou?r|everyone knows|word is|apparently|supposedly|i bet)\b"
)


class ConductRecognizer:
    id = ID
    version = VERSION
    categories = ("illegal_activity", "marketing", "copyright", "defamation")

    def analyze(self, comment: Comment) -> list[Signal]:
        text = comment.norm
        best: dict[str, tuple[float, list[str]]] = {}
        for rule in RULES:
            for m in rule.pattern.finditer(text):
                lowered = negated(text, m.start() + 1, 5)
                score = 0.2 if lowered else rule.score
                old, evidence = best.get(rule.category, (0.0, []))
                evidence.append(m.group(0).strip())
                best[rule.category] = (max(old, score), evidence)
        for m in _DEFAME.finditer(text):
            named = not re.match(r"(?:he|she|they)\b", m.group(0))
            score = 0.75 if named else 0.55
            if _HEARSAY.search(text):
                score += 0.1
            if negated(text, m.start() + 1, 4) or re.search(r"\bnot\b", m.group(0)):
                score = 0.2
            old, evidence = best.get("defamation", (0.0, []))
            evidence.append(m.group(0))
            best["defamation"] = (max(old, score), evidence)
        return [
            Signal(category, score, tuple(evidence[:3]), ID, VERSION)
            for category, (score, evidence) in best.items()
        ]


register(ID, ConductRecognizer)
