"""Spam and commercial links: URL and domain analysis, plus self-promotion phrases."""

from __future__ import annotations

import re

from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.registry import register
from lanyard.moderation.classifiers.screen import screened
from lanyard.moderation.domain import Signal

ID = "rules-links"
VERSION = "2.0"

_TLDS = (
    "com|net|org|info|biz|io|co|ly|me|tv|gl|us|uk|ca|xyz|top|club|online|site|shop|store|click"
    "|link|tk|ml|ga|cf|gq|ru|cn|app|gg|be|to|edu|gov|mil|live|win|bid|vip|money|loan|work"
)
_URL = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"'()]+|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:{_TLDS})\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
SHORTENERS = frozenset(
    "bit.ly tinyurl.com goo.gl ow.ly is.gd buff.ly tiny.cc rebrand.ly cutt.ly shorturl.at "
    "rb.gy v.gd bl.ink soo.gd s.id t.ly short.io qr.ae adf.ly sh.st bc.vc ouo.io "
    "linktr.ee tinyurl.is".split()
)
# Links a platform rewrites itself (every link in a post on X is a t.co link): not a choice
# of the commenter, so not a sign of spam.
_PLATFORM_WRAPPERS = frozenset(("t.co", "lnkd.in"))
_SOCIAL = frozenset(
    "youtube.com youtu.be facebook.com fb.com instagram.com twitter.com x.com tiktok.com "
    "twitch.tv soundcloud.com snapchat.com reddit.com".split()
)
_COMMERCIAL_WORD = screened(
    r"shop|store|buy|deal|sale|casino|bet|poker|slots|loan|cash|money|crypto|coin|bitcoin|forex"
    r"|pharm|pills|viagra|cialis|followers|likes|free|win|gift|promo|coupon|discount|cheap|earn"
    r"|profit|invest|trade|dating|replica|outlet|market|mall|essay|seo"
)
_SUSPECT_TLD = frozenset(
    "xyz top club online site shop store click link tk ml ga cf gq ru biz info win bid vip "
    "money loan work".split()
)
_TRUSTED_SUFFIX = (".edu", ".gov", ".mil", ".k12.il.us", ".us")
_SPAM_PHRASE = screened(
    r"\b(?:check (?:out )?(?:my|our|this|out my|out our) (?:channel|page|video|vids?|music|store"
    r"|shop|website|site|profile|link|insta|playlist|song|mixtape)|subscribe to (?:my|our|me)"
    r"|(?:please|pls|plz) subscribe|sub(?:scribe)? (?:4|for) sub|follow me (?:on|at|@)"
    r"|follow (?:my|our) (?:page|account|insta)|click (?:here|the link|this link|my link)"
    r"|link in (?:my )?bio|visit (?:my|our) (?:channel|page|site|website|store|shop)"
    r"|make (?:\$|money|cash)\S* (?:from home|online|fast|daily|per)|earn (?:\$|money|cash)"
    r"|(?:\$\d+|\d+ dollars) (?:a|per) (?:day|hour|week)|work from home|giveaway|free (?:iphone"
    r"|gift card|followers|robux|v-?bucks)|whats ?app (?:me|\+?\d)|dm me for|text me at"
    r"|i (?:make|sell|do) (?:beats|music|videos)|my (?:new )?(?:channel|mixtape|youtube))\b"
    r"|\bcheck (?:out )?(?:my|our|this|the|out|it)(?: \w+){0,5} (?:channel|chanel|videos?|vids?"
    r"|vidios|cover|song|music|rap|mixtape|page|gameplay|remix|track|sound|album|beats)\b"
    r"|\bsub(?:scribe|scrib|s)? (?:me|back|to me|4 sub|for sub)\b|\bsubscribe\b(?=.{0,40}\b(?:me"
    r"|my|back|please|pls|plz|if you|if u)\b)|\b(?:like|thumbs up) (?:and|&) (?:share|subscribe)"
    r"|\bgive (?:it|this|me) a (?:like|thumbs up)\b|\blike this comment\b|\bshare this"
    r" (?:video|post|page)\b|\bsearch (?:up|for) \w+|\bopen google and type\b|\bdelete (?:the )?"
    r"spaces\b|\bremove (?:the )?spaces\b|\bi'?m an? (?:\d+ year old )?(?:singer|rapper|producer"
    r"|youtuber|artist)\b|\bgofundme\b|\bcheck (?:out )?my (?:profile|page|insta|ig|tiktok)\b",
    re.IGNORECASE,
)


def _host(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower())
    return re.split(r"[/?#:]", url, maxsplit=1)[0].rstrip(".")


def _base(host: str) -> str:
    parts = host.split(".")
    return ".".join(parts[-2:]) if len(parts) >= 2 else host


class LinkRecognizer:
    id = ID
    version = VERSION
    categories = ("spam_or_commercial_link",)

    def __init__(self, trusted_domains: tuple[str, ...] = ()) -> None:
        self.trusted = tuple(d.lower().lstrip(".") for d in trusted_domains)

    def _link_score(self, host: str) -> tuple[float, str]:
        base = _base(host)
        tld = host.rsplit(".", 1)[-1]
        if any(host == d or host.endswith("." + d) for d in self.trusted) or host.endswith(
            _TRUSTED_SUFFIX
        ):
            return 0.05, f"{host} (trusted)"
        if host in _PLATFORM_WRAPPERS:
            return 0.3, f"{host} (the platform's own link wrapper)"
        if host in SHORTENERS or base in SHORTENERS:
            return 0.9, f"{host} (link shortener hides the destination)"
        if _COMMERCIAL_WORD.search(host.split(".")[0] if "." in host else host) or (
            _COMMERCIAL_WORD.search(base.split(".")[0])
        ):
            return 0.85, f"{host} (commercial domain)"
        if tld in _SUSPECT_TLD:
            return 0.8, f"{host} (spam-prone domain ending .{tld})"
        if base in _SOCIAL:
            return 0.45, f"{host} (social media link)"
        return 0.5, f"{host} (outside link)"

    def analyze(self, comment: Comment) -> list[Signal]:
        text = comment.plain
        scores: list[tuple[float, str]] = []
        for m in _URL.finditer(text):
            host = _host(m.group(0))
            if "." not in host or re.fullmatch(r"[\d.]+", host):
                continue
            scores.append(self._link_score(host))
        phrases = [m.group(0) for m in _SPAM_PHRASE.finditer(text)]
        if not scores and not phrases:
            return []
        best = max((s for s, _ in scores), default=0.0)
        if scores and len(_URL.sub(" ", text).split()) < 3:
            best = min(0.9, best + 0.15)  # nothing but a link
        evidence = [e for s, e in sorted(scores, reverse=True)[:3]] + phrases[:3]
        if phrases:
            best = max(0.75, best) if best < 0.3 and scores else max(best + 0.3, 0.75)
        elif len(scores) > 2:
            best = min(0.95, best + 0.1)
        return [Signal("spam_or_commercial_link", min(best, 0.97), tuple(evidence), ID, VERSION)]


register(ID, LinkRecognizer)
