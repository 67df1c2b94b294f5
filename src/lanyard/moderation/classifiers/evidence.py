"""The words a moderator is shown as the reason a learned model scored a comment.

The learned models read the comment's model text
(:func:`~lanyard.moderation.classifiers.text.model_text`): lower case, spelling tricks
undone, links and mentions replaced by the tokens ``httplink`` and ``atuser``. Their
strongest features are word grams of that text, and the words that weigh most are often
not what a person would call a reason: a placeholder no one wrote ("httplink" behind a
spam flag), or a pronoun ("you" as vulgar language). What is shown is therefore only a
gram that carries meaning (not a placeholder, not made only of pronouns, articles,
auxiliaries and other function words) and that can be found in the comment as written,
shown the way it was written ("Subscribe", "$hit"); any other gram is left out. The rules'
phrases are shown as written too (:func:`rendered`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache

from lanyard.moderation.classifiers.text import normalize, plain, words

# The tokens that stand for what the models do not read word by word.
PLACEHOLDERS = frozenset({"httplink", "atuser"})

# Words that carry no reason of their own: a gram made only of these is never shown.
FUNCTION_WORDS = frozenset(
    """
    i me my mine myself im i'm i'd i'll i've you your yours yourself yourselves you're you'd
    you'll you've u ur ya y'all he him his himself he's she her hers herself she's it its
    itself it's we us our ours ourselves we're we've they them their theirs themselves
    they're they've one ones someone somebody anyone anybody everyone everybody
    a an the this that these those there here there's that's what what's who who's whom
    whose which when where why how
    am is are was were be been being do does did done doing have has had having will would
    shall should can could may might must isn't aren't wasn't weren't don't doesn't didn't
    won't wouldn't can't couldn't shouldn't haven't hasn't hadn't ain't
    to of in on at by for with from about as into onto over under up down out off than then
    so if or and but nor not no yes just very really too also all any some such only own
    same other more most much many even still again ever now oh ok okay well like get got
    go going gonna
    """.split()
)

_WORD_CHAR = r"[^\W_]"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})


@lru_cache(maxsize=8192)
def meaningful(gram: str) -> bool:
    """Whether a model's gram may be shown: no placeholder, and one word that is not a
    function word or a number."""
    parts = gram.split()
    if not parts or any(p in PLACEHOLDERS for p in parts):
        return False
    return any(p not in FUNCTION_WORDS and not p.isdigit() for p in parts)


@lru_cache(maxsize=256)
def _written(text: str) -> tuple[str, str]:
    """The comment as a person reads it (entities undone), and the same lower-cased with one
    kind of apostrophe, character for character, to search in ("" where lower case changes
    the length)."""
    shown = html.unescape(text)
    lowered = shown.translate(_APOSTROPHES).lower()
    return shown, lowered if len(lowered) == len(shown) else ""


@lru_cache(maxsize=4096)
def _pattern(gram: str) -> re.Pattern[str]:
    between = r"[^\w']{1,3}"
    body = between.join(re.escape(w) for w in gram.split())
    return re.compile(rf"(?<!{_WORD_CHAR}){body}(?!{_WORD_CHAR})", re.IGNORECASE)


def _find(lowered: str, phrase: str) -> int:
    """Where ``phrase`` (lower case) stands in ``lowered`` as whole words, or -1."""
    at = lowered.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        if (at == 0 or not lowered[at - 1].isalnum()) and (
            end == len(lowered) or not lowered[end].isalnum()
        ):
            return at
        at = lowered.find(phrase, at + 1)
    return -1


@lru_cache(maxsize=1024)
def as_written(text: str, gram: str) -> str | None:
    """``gram`` (words of the model text) as it is written in ``text``, or None where the
    comment does not hold it word for word, even once each written word's spelling tricks
    are undone ("$hit", "IDIOOOT"). Remembered for the comments in flight: half the
    questions about a comment are asked twice (a learned model's gram, then the fused
    signal's evidence, and the same phrase in several categories)."""
    display, lowered = _written(text)
    if lowered:
        at = _find(lowered, gram)
        if at >= 0:
            return display[at : at + len(gram)]
    if " " in gram or not lowered:
        # Words apart by more than one space or a mark ("Mr. Fairbanks").
        found = _pattern(gram).search(display.translate(_APOSTROPHES))
        if found is not None:
            return display[found.start() : found.end()]
    wanted = gram.split()
    if _digit_unwritten(text, wanted):
        return None  # no written word reads as the word with that digit ("0 of 5 …")
    spans = _spans(text)
    readings = _readings(text)
    if not all(w in readings for w in wanted):
        return None  # a word of the gram is no written word's reading: no window holds it
    for i in range(len(spans) - len(wanted) + 1):
        window = spans[i : i + len(wanted)]
        if [w for w, _, _ in window] == wanted:
            return display[window[0][1] : window[-1][2]].strip(".,;:!?\"'()[]{}") or None
    return None


_DIGITS = frozenset("0123456789")


def _digit_unwritten(text: str, wanted: list[str]) -> bool:
    """Whether a word of the gram holds a digit the comment does not, in a comment of ASCII
    characters with no HTML entity: then no written word reads as that word, and the gram is
    not there. The normalizer turns digits into letters ("k1ll", "2day"), never anything
    into a digit; only an entity ("&#48;") or a character outside ASCII (a full-width "０")
    may become one. This rules out the off-topic note ("0 of 5 content words relate to the
    site's purpose", not a phrase of the comment) without reading every word of most
    comments (``test_evidence.py`` holds the normalizer to it)."""
    if "&" in text or not text.isascii():
        return False
    return any(ch in _DIGITS and ch not in text for word in wanted for ch in word)


@lru_cache(maxsize=64)
def _spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each written word of the comment with its spelling undone ("" where it does not read
    as one word), and where it stands."""
    display = _written(text)[0]
    return tuple(
        (_reading(token.group(0)), token.start(), token.end())
        for token in re.finditer(r"\S+", display)
    )


@lru_cache(maxsize=64)
def _readings(text: str) -> frozenset[str]:
    """The readings of the comment's written words (:func:`_spans`), to rule a gram out in
    one look."""
    return frozenset(read for read, _, _ in _spans(text))


@lru_cache(maxsize=32768)
def _reading(token: str) -> str:
    """A written word (no white space in it) with its spelling undone, "" where it does not
    read as one word. Remembered per word: most words recur from comment to comment, and a
    rule's phrase not written word for word is looked for word by word."""
    read = words(normalize(plain(token)))
    return read[0] if len(read) == 1 else ""


def clear_caches() -> None:
    """Forget every comment and word read (benchmarks start cold)."""
    for cached in (rendered, as_written, _written, _spans, _readings, _reading):
        cached.cache_clear()


def shown(text: str, grams: Iterable[str]) -> tuple[str, ...]:
    """The grams a moderator may be shown for ``text``, as written there, in order, once."""
    out: list[str] = []
    for gram in grams:
        if not meaningful(gram):
            continue
        found = as_written(text, gram)
        if found is not None and found not in out:
            out.append(found)
    return tuple(out)


def _phrase(item: str) -> bool:
    """Whether an evidence item is a phrase of the comment (not a note such as "bit.ly (link
    shortener …)", "cue: …" or "sentence model p=…")."""
    return "(" not in item and ":" not in item and "=" not in item


@lru_cache(maxsize=256)
def rendered(text: str, evidence: tuple[str, ...]) -> tuple[str, ...]:
    """A category's evidence as a moderator reads it: each phrase the way the comment
    writes it where it can be found there (the rules read the normalized text: "shit" for
    "$hit"), once, and no phrase that a longer one shown already holds ("check" beside
    "check out"). Notes are kept as they are. Remembered for the comments in flight: several
    categories of a comment often show the same evidence."""
    out: list[str] = []
    for item in evidence:
        if _phrase(item):
            # "mr fairbanks … stealing": each part of a phrase cut short, as written
            item = " … ".join(as_written(text, part) or part for part in item.split(" … "))
        if item not in out:
            out.append(item)
    phrases = [i for i in out if _phrase(i)]
    return tuple(
        item
        for item in out
        if not _phrase(item)
        or not any(
            len(other) > len(item) and _find(other.lower(), item.lower()) >= 0 for other in phrases
        )
    )
