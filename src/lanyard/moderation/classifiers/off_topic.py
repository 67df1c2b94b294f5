"""Off topic: how much a comment's content words share with the site's stated purpose.

Without a site purpose nothing is judged. Short comments and common reactions ("Great job!",
"Thank you") are on topic anywhere; school-life words count as related on a school site.

Some subjects are off topic on a school page however short the comment: a private sale (a
couch, a car, a garage sale), a lost or found pet, national or state politics, a crypto or
stock tip, a chain post. They are recognized by their shape, whatever the length, unless the
comment is about the school's own life (the PTO's bake sale, the boosters' raffle, the school
board, the class pet).
"""

from __future__ import annotations

import re

from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.registry import register
from lanyard.moderation.classifiers.text import words
from lanyard.moderation.domain import Signal

ID = "similarity-site-purpose"
VERSION = "2.2"

_STOP = frozenset(
    "a an the and or but if of to in on at for from by with about as is are was were be been "
    "being am do does did have has had i me my we our you your he she it its they them their "
    "this that these those what which who whom when where why how all any both each more most "
    "other some such no nor not only own same so than too very can will just should now also "
    "would could there here then out up down over under again once get got im it's i'm dont "
    "don't can't isn't please thanks thank yes ok okay oh lol like really much many one".split()
)
_SCHOOL = frozenset(
    "school schools district class classes student students teacher teachers staff principal "
    "learn learning kids kid children child parent parents family families grade grades year "
    "today tomorrow week day event events game team season congrats congratulations proud job "
    "great awesome amazing love thank community board meeting calendar schedule bus lunch "
    "program programs practice club clubs concert play art music sports field trip graduation "
    "homework teaching education classroom project help question questions information info "
    "time date welcome celebrate celebration win won hard work volunteer pta photo photos "
    "picture pictures tonight night weekend friday saturday monday go cheer fans coach players "
    "player win wins lose loss score points band choir orchestra auditorium cafeteria hallway "
    "hall gym lab library office campus semester test exam essay math science history lockdown "
    "drill assembly senior seniors freshman freshmen homecoming prom dance yearbook musical "
    "rehearsal mascot recess son daughter superintendent counselor nurse dismissal pickup "
    "mr mrs ms coach tryouts varsity stadium locker classmate classmates wing teacher's "
    "kindergarten middle elementary high drop dropoff carpool crosswalk crossing conference "
    "conferences supplies uniform uniforms backpack recess substitute".split()
)
_REACTION = re.compile(
    r"^(?:great|good|nice|awesome|amazing|wonderful|beautiful|fantastic|congrats|congratulations"
    r"|thank|thanks|love|go|well done|so proud|proud|yay|wow|bravo|cool|agreed|same|yes|this)\b"
)


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content(text: str) -> set[str]:
    return {
        stem(w.removesuffix("'s").removesuffix("'"))
        for w in words(text)
        if w not in _STOP and len(w) > 2 and not w.isdigit()
    }


_SCHOOL_STEMS = frozenset(stem(w) for w in _SCHOOL)

# Subjects of neighborhood and personal talk that a school page is not for. Each one found
# in a comment that shares little with the site's purpose adds to the score.
_ELSEWHERE = frozenset(
    """
    car cars mechanic transmission dealer dealership oil dog dogs cat cats vet
    veterinarian pet pets puppy kitten greyhound roofer plumber plumbing furnace basement
    sump lawn yard garden hostas tomatoes zucchini deer moles coyote traffic pothole
    potholes highway detour detours driveway tow towed neighbor neighbors assessor taxes tax
    property president congress senator politicians politics inflation economy groceries
    grocery restaurant brewery wings thai curry sushi casino slots
    lottery bears cubs packers sox bulls blackhawks nfl nba mlb netflix
    documentaries documentary vacation italy rome florence airport luggage flight
    wedding marriage married divorce lawyer mother-in-law dermatologist insurance comed outage
    bill meter meters recycling leaf sunset couch sofa sectional garage piano firewood
    tailor suit carrier coverage apartment apartments condos realtor bible psalm jesus lord amen
    repent sins blessings horoscope fireworks marathon remodeling kitchen anniversary
    engaged hail scooters brewery weather milwaukee chicago
    touring comcast dmv license renewal gas gallon prices sidewalks scooters lanes election
    ballot governor senate candidate sheriff mayor costco mall hardware fence lake trail
    roundabouts fantasy cable salvation church fellowship
    stocks marvel recipe recipes chili crockpot casserole
    cancun landlord tenant tenants mattress treadmill kayak hoa
    democrats republicans
    """.split()
)
# (Whole words, not stems: "tired" is no tire, "coming" no ComEd. School things that also
# happen elsewhere — a band, a concert, tickets, a trip, the theater, a wing, water, the
# power going out — are not listed: a school page talks about them.)


def elsewhere_words(text: str) -> set[str]:
    found = set()
    for w in words(text):
        w = w.removesuffix("'s").removesuffix("'")
        if w in _ELSEWHERE:
            found.add(w)
        elif w.endswith("s") and w[:-1] in _ELSEWHERE:
            found.add(w[:-1])
    return found


_CHAIN = re.compile(
    r"\b(?:share this|copy and paste|type amen|ignore if you|only \d+ ?(?:%|percent) (?:of people)?"
    r"|can solve this|repent|be saved|the lord|jesus loves|read psalm|forward this|like and share"
    r"|i do not give facebook)\b"
)


_PET = (
    r"(?:dog|dogs|cat|cats|puppy|kitten|kitty|beagle|retriever|poodle|chihuahua|pitbull"
    r"|pit bull|tabby|parakeet|parrot|ferret)"
)
# Subjects a school page is not for, by their shape; each found names what the comment is about.
_SHAPES = (
    (
        "a private sale",
        re.compile(
            r"\b(?:for sale|selling (?:my|a|an|our|some|this|these|his|her)\b|(?:garage|yard|estate"
            r"|moving) sale|obo|or best offer|pick ?up only|asking \$\d|free if (?:you|u) (?:haul"
            r"|pick|come)|free to a good home|barely used|gently used|pet free home"
            r"|smoke free home)\b"
        ),
    ),
    (
        "a lost or found pet",
        re.compile(
            r"\b(?:lost|missing|found(?! out)|loose|escaped|stray|anyone seen)\b"
            rf"(?:\W+\w+){{0,5}}?\W+{_PET}\b"
            rf"|\b{_PET}\b(?:\W+\w+){{0,6}}?\W+(?:got out|ran off|went missing|is missing"
            r"|escaped|wandering|answers to)\b"
        ),
    ),
    (
        "national or state politics",
        re.compile(
            r"\b(?:congress|(?:state|u\.?s\.?) senators?|senator [a-z]+|democrats|republicans|maga"
            r"|wake up (?:people|america|sheeple)|sheeple|impeach\w*|the border|illegals"
            r"|socialis[mt]s?|communis[mt]s?|tax plan|politicians|both parties)\b"
        ),
    ),
    (
        "a money tip",
        re.compile(
            r"\b(?:bitcoin|btc|crypto\w*|ethereum|dogecoin|altcoins?|nfts?|forex|hodl"
            r"|buy(?:ing)? the dip|not financial advice|stock market|day trading|gold and silver"
            r"|passive income)\b"
        ),
    ),
)
# The school's own life, which the shapes above must not read as elsewhere: its parent groups'
# sales, its board and levies, its lost and found, its class pets, mascots and therapy dogs.
_SCHOOL_LIFE = re.compile(
    r"\b(?:pta|pto|booster\w*|bake sale|fundrais\w*|proceeds|raffle|school board|board meeting"
    r"|board member|levy|referendum|bond issue|student council|class president|class of \d+"
    r"|field trip|lost and found|class pet|classroom pet|therapy dog|reading dog|mascot"
    r"|book fair|school store|spirit wear|yearbooks?|mock election|civics|government class"
    r"|social studies|history class|student government|board election)\b"
)
# A team named for an animal ("we lost to the cats", "beat the dogs") is no lost pet.
_MASCOT = re.compile(rf"\b(?:to|vs\.?|versus|against|beat|beating|play|playing|go) the {_PET}\b")
# A warning about such a post ("a crypto scam in the comments, report them") is not one.
_WARNING = re.compile(
    r"\b(?:scams?|scammers?|fraud|report (?:it|them|those|this)|beware|fell for)\b"
)


def shapes(text: str) -> list[str]:
    """The subjects elsewhere that ``text`` is shaped like (none when it is the school's life)."""
    if _SCHOOL_LIFE.search(text) or _WARNING.search(text) or _MASCOT.search(text):
        return []
    return [name for name, shape in _SHAPES if shape.search(text)]


class OffTopicRecognizer:
    id = ID
    version = VERSION
    categories = ("off_topic",)

    def __init__(self) -> None:
        self._purpose_cache: dict[str, frozenset[str]] = {}

    def _purpose(self, purpose: str) -> frozenset[str]:
        if purpose not in self._purpose_cache:
            self._purpose_cache[purpose] = frozenset(content(purpose.lower())) | _SCHOOL_STEMS
        return self._purpose_cache[purpose]

    def analyze(self, comment: Comment) -> list[Signal]:
        if not comment.site_purpose:
            return []
        text = comment.norm
        if _CHAIN.search(text):
            return [Signal("off_topic", 0.85, ("chain post or preaching",), ID, VERSION)]
        mine = content(text)
        if _REACTION.match(text) or not mine:
            return []
        related = self._purpose(comment.site_purpose)
        shared = mine & related
        share = len(shared) / len(mine)
        subjects = shapes(text)
        if subjects and share < 0.3:
            why = (
                "about " + " and ".join(subjects),
                f"{len(shared)} of {len(mine)} content words relate to the site's purpose",
            )
            return [Signal("off_topic", 0.8, why, ID, VERSION)]
        if len(mine) < 5:
            return []
        # The school's own life (a mock election, the class pet) brings no subject elsewhere.
        elsewhere = set() if _SCHOOL_LIFE.search(text) else elsewhere_words(text)
        if share >= 0.3 or (share >= 0.15 and len(elsewhere) < 2):
            return []
        # Longer comments with nothing in common are more clearly off topic; subjects that
        # belong elsewhere (cars, pets, traffic, taxes) make it clearer still.
        score = 0.5 if share > 0 else 0.6
        score += 0.12 * min(3, len(elsewhere)) + min(0.15, 0.02 * max(0, len(mine) - 6))
        evidence = [f"{len(shared)} of {len(mine)} content words relate to the site's purpose"]
        if elsewhere:
            evidence.append("about " + ", ".join(sorted(elsewhere)[:4]))
        return [Signal("off_topic", round(min(score, 0.95), 3), tuple(evidence), ID, VERSION)]


register(ID, OffTopicRecognizer)
