"""Spam and commercial links: URL and domain analysis, plus self-promotion phrases."""

from __future__ import annotations

import re
from functools import cache

from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.registry import register
from lanyard.moderation.classifiers.screen import screened
from lanyard.moderation.domain import Signal

ID = "rules-links"
VERSION = "2.0"

_TLDS = (
    "com|net|org|info|biz|io|co|ly|me|tv|gl|us|uk|ca|xyz|top|club|online|site|shop|store|click"
    "|link|tk|ml|ga|cf|gq|ru|cn|app|gg|be|to|edu|gov|mil|live|win|bid|vip|money|loan|work"
    "|help|icu|gd|su|cc|gy|ee|pw|sbs|cfd"
)
SHORTENERS = frozenset(
    "bit.ly tinyurl.com goo.gl ow.ly is.gd buff.ly tiny.cc rebrand.ly cutt.ly shorturl.at "
    "rb.gy v.gd bl.ink soo.gd s.id t.ly short.io qr.ae adf.ly sh.st bc.vc ouo.io "
    "linktr.ee tinyurl.is goo.su shorturl.gg".split()
)
_URL = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"'()]+|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:{_TLDS})\b(?:/[^\s<>\"']*)?"
    r"|(?<![@\w.-])(?:"
    + "|".join(re.escape(s) for s in sorted(SHORTENERS, key=len, reverse=True))
    + r")/[^\s<>\"']+",
    re.IGNORECASE,
)
# A domain written out in a way the normalizer leaves ("coinx2 [.] io", "g1ftzone . net",
# "fastfollows d0t xyz", "playpay{.}click"): joined before links are read.
_WRITTEN_OUT = re.compile(
    r"\b([a-z0-9-]{3,})(?:\s*[\(\[\{]\s*(?:dot|d0t|\.)\s*[\)\]\}]\s*|\s+d[o0]t\s+|\s+\.\s*)"
    r"(com|net|org|io|xyz|co|ly|biz|info|ru|cn|tk|ml|ga|cf|gq|icu|sbs|cfd|pw|gd|su|cc|gy|ee"
    r"|club|live|click|shop|site|online|top|store|link|win|vip|help)\b",
    re.IGNORECASE,
)
_UNLEET = str.maketrans("013457$@", "oieastsa")
# Links a platform rewrites itself (every link in a post on X is a t.co link): not a choice
# of the commenter, so not a sign of spam.
_PLATFORM_WRAPPERS = frozenset(("t.co", "lnkd.in"))
_SOCIAL = frozenset(
    "youtube.com youtu.be facebook.com fb.com instagram.com twitter.com x.com tiktok.com "
    "twitch.tv soundcloud.com snapchat.com reddit.com".split()
)
_COMMERCIAL = (
    r"shop|store|buy|deal|sale|casino|bet|poker|slots|loan|cash|money|crypto|coin|bitcoin|forex"
    r"|pharm|pills|viagra|cialis|followers|likes|free|win|gift|promo|coupon|discount|cheap|earn"
    r"|profit|invest|trade|dating|replica|outlet|market|mall|essay|seo"
)
# Lures in a registered domain's name (not a subdomain's: "login.microsoftonline.com"):
# look-alike payment and login pages, prizes, dating and adult sites.
_LURE = screened(
    r"verify|login|signin|payments?|billing|prize|award|reward|lucky|spin|giveaway|claim"
    r"|bonus|singles|hookup|hotdate|spicy|nudes|xxx"
)
_COMMERCIAL_WORD = screened(_COMMERCIAL)
_COMMERCIAL_TOKEN = re.compile(rf"(?:{_COMMERCIAL})s?|prizes?|winners?|claim|rewards?|giveaway")
# What a district's name carries after its place name ("millbrookschools" -> "millbrook").
_DISTRICT_SUFFIX = re.compile(
    r"(?:public)?(?:schools?|district|usd\d*|cusd\d*|isd\d*|sd\d*|k12|ps|edu)$"
)
_SUSPECT_TLD = frozenset(
    "xyz top club online site shop store click link tk ml ga cf gq ru biz info win bid vip "
    "money loan work live help icu sbs cfd pw su".split()
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


# Investment, recovery and income scams told without a link: a contact on a messenger, a
# promised return, a "strategy" that paid off someone's house.
_SCAM_PHRASE = screened(
    r"\b(?:(?:on|via) telegram|telegram @\w+|guaranteed (?:\d+ ?% )?(?:weekly |daily |monthly )?"
    r"(?:returns?|profits?|income|payouts?)|\d+ ?% (?:weekly|daily|monthly) (?:returns?|profits?)"
    r"|earn \d+ ?% in|turned \$\d[\d,]* into \$\d|trading (?:bot|method|strategy|signals|program)"
    r"|(?:bitcoin|crypto|forex) (?:strategy|program|mentor|expert|signals)|recovery expert"
    r"|invest(?:ed)? with (?:mr|mrs|ms|dr)\.? \w+|\d+ ?% win rate"
    r"|see who viewed your profile|sugar (?:daddy|mommy)"
    r"|paid off (?:my|her|his) (?:house|mortgage) (?:with|thanks to)"
    r"|(?:with|thanks to) (?:mr|mrs|ms|dr)\.? \w+ \w+'?s? (?:bitcoin|crypto"
    r"|forex|trading|investment)|(?:make|made|makes|making|earn|earned|earns|earning) \$\d[\d,]*k?"
    r" ?(?:/|a |per )(?:day|week)\b)",
    re.IGNORECASE,
)
# Sign-up sheets, classroom projects, forms and newsletters that schools and parent groups
# use: a link to one is an errand, not a sale.
_SCHOOL_SERVICES = frozenset(
    "signupgenius.com donorschoose.org forms.gle docs.google.com drive.google.com "
    "sites.google.com classroom.google.com remind.com smore.com konstella.com "
    "ptboard.com membershiptoolkit.com schoolmessenger.com parentsquare.com "
    "shutterfly.com".split()
)


def _host(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower())
    return re.split(r"[/?#:]", url, maxsplit=1)[0].rstrip(".")


# The end of the evidence of a link to the district's own sites.
_OWN = ", the district's own)"


@cache
def own_names(own_sites: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The district's own web domains, and the names its short links and accounts carry,
    from its domains, page addresses and handles ("harrowcreekusd.org", "@HCUSD",
    "https://facebook.com/HarrowCreekUSD")."""
    domains: set[str] = set()
    names: set[str] = set()
    for site in own_sites:
        site = site.strip().lower()
        if not site:
            continue
        if "." in site and not site.startswith("@"):
            host = _host(site)
            path = re.sub(r"^(?:https?://)?[^/]+/?", "", site)
            if _base(host) in _SOCIAL or host in _SOCIAL:
                handle = path.split("/")[0].lstrip("@")
                if handle:
                    names.add(re.sub(r"[^a-z0-9]", "", handle))
                continue
            domains.add(host)
            names.add(re.sub(r"[^a-z0-9]", "", host.split(".")[0]))
        else:
            names.add(re.sub(r"[^a-z0-9]", "", site))
    stems = {_DISTRICT_SUFFIX.sub("", n) for n in names}
    return frozenset(domains), frozenset(n for n in names | stems if len(n) >= 4)


def _names_district(url: str, names: frozenset[str]) -> bool:
    """Whether the path of a link names the district, and nothing in it sells or promises."""
    path = re.sub(r"^(?:https?://)?[^/]+/?", "", url.lower())
    tokens = [t for t in re.split(r"[^a-z0-9]+", path) if t]
    if not tokens or any(_COMMERCIAL_TOKEN.fullmatch(t) for t in tokens):
        return False
    flat = "".join(tokens)
    return any(name in flat for name in names)


def _base(host: str) -> str:
    parts = host.split(".")
    return ".".join(parts[-2:]) if len(parts) >= 2 else host


class LinkRecognizer:
    id = ID
    version = VERSION
    categories = ("spam_or_commercial_link", "marketing")

    def __init__(self, trusted_domains: tuple[str, ...] = ()) -> None:
        self.trusted = tuple(d.lower().lstrip(".") for d in trusted_domains)

    def _link_score(
        self, url: str, host: str, own: tuple[frozenset[str], frozenset[str]]
    ) -> tuple[float, str]:
        base = _base(host)
        tld = host.rsplit(".", 1)[-1]
        domains, names = own
        if any(host == d or host.endswith("." + d) for d in self.trusted) or host.endswith(
            _TRUSTED_SUFFIX
        ):
            return 0.05, f"{host} (trusted)"
        if any(host == d or host.endswith("." + d) for d in domains):
            return 0.05, f"{host} (site{_OWN}"
        if host in _SCHOOL_SERVICES or base in _SCHOOL_SERVICES:
            return 0.2, f"{host} (a sign-up, form or classroom service)"
        if host in _PLATFORM_WRAPPERS:
            return 0.3, f"{host} (the platform's own link wrapper)"
        if host in SHORTENERS or base in SHORTENERS:
            if names and _names_district(url, names):
                # The district's own short links ("bit.ly/hcusd-kinder-reg"): a name
                # spammers could copy, so only when nothing in the link sells or promises.
                return 0.2, f"{host} (short link named after the district{_OWN}"
            return 0.9, f"{host} (link shortener hides the destination)"
        if (base in _SOCIAL or host in _SOCIAL) and names and _names_district(url, names):
            return 0.05, f"{host} (account{_OWN}"
        label = base.split(".")[0].translate(_UNLEET)
        if (
            _COMMERCIAL_WORD.search(host.split(".")[0] if "." in host else host)
            or _COMMERCIAL_WORD.search(label)
            or _LURE.search(label)
        ):
            return 0.85, f"{host} (commercial domain)"
        if tld in _SUSPECT_TLD:
            return 0.8, f"{host} (spam-prone domain ending .{tld})"
        if base in _SOCIAL:
            return 0.45, f"{host} (social media link)"
        return 0.5, f"{host} (outside link)"

    def analyze(self, comment: Comment) -> list[Signal]:
        text = comment.plain
        if (
            " ." in text
            or "dot" in text
            or "d0t" in text
            or "[" in text
            or "(" in text
            or ("{" in text)
        ):
            text = _WRITTEN_OUT.sub(r"\1.\2", text)
        scores: list[tuple[float, str]] = []
        own = own_names(comment.own_sites) if comment.own_sites else (frozenset(), frozenset())
        # A link with no "." has no host to score: a text without one is not searched.
        for m in _URL.finditer(text) if "." in text else ():
            host = _host(m.group(0))
            if "." not in host or re.fullmatch(r"[\d.]+", host):
                continue
            scores.append(self._link_score(m.group(0), host, own))
        phrases = [m.group(0) for m in _SPAM_PHRASE.finditer(text)]
        phrases += [m.group(0) for m in _SCAM_PHRASE.finditer(text)]
        if not scores and not phrases:
            return []
        best = max((s for s, _ in scores), default=0.0)
        evidence = [e for s, e in sorted(scores, reverse=True)[:3]] + phrases[:3]
        if scores and not phrases and all(e.endswith(_OWN) for _, e in scores):
            # Every link goes to the district's own sites: the rule explains the links away,
            # for marketing too ("free lunch applications at <district>/free-meals").
            return [
                Signal(category, best, tuple(evidence), ID, VERSION)
                for category in ("spam_or_commercial_link", "marketing")
            ]
        if scores and len(_URL.sub(" ", text).split()) < 3:
            best = min(0.9, best + 0.15)  # nothing but a link
        if phrases:
            best = max(0.75, best) if best < 0.3 and scores else max(best + 0.3, 0.75)
        elif len(scores) > 2:
            best = min(0.95, best + 0.1)
        return [Signal("spam_or_commercial_link", min(best, 0.97), tuple(evidence), ID, VERSION)]


register(ID, LinkRecognizer)
