"""Text normalization shared by the rules and the learned models (training uses it too)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_RT = re.compile(r"^\s*(?:rt\s+)?@\w+:?\s*", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|ly|co|io)\b\S*")
_REPEAT = re.compile(r"(\w)\1{2,}")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_LEET = str.maketrans({"@": "a", "$": "s", "0": "o", "1": "i", "3": "e", "4": "a", "5": "s"})
_LEET_WORD = re.compile(r"\b[a-z@$]*[013458@$][a-z@$013458]*[a-z]\b|\b[a-z]+[@$][a-z]+\b")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"'})

_NEGATORS = frozenset(
    "not never no nobody nothing neither nor without n't cannot cant dont don't wont won't "
    "wouldn't wouldnt shouldn't shouldnt didn't didnt isn't isnt aren't arent ain't "
    "couldn't couldnt stop against".split()
)
_CLAUSE_BREAK = re.compile(r"[.!?;\n]|\bbut\b|\bhowever\b|\balthough\b")


def normalize(text: str) -> str:
    """Lower-case, unescape HTML, undo common obfuscation, collapse repeats and spaces."""
    text = html.unescape(text).translate(_APOSTROPHES).lower()
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), text)
    text = _REPEAT.sub(r"\1\1", text)
    return _SPACES.sub(" ", text).strip()


def model_text(text: str) -> str:
    """The text the learned models see: no retweet header, mentions and links as tokens."""
    text = html.unescape(text)
    text = _RT.sub("", text)
    text = _URL.sub(" httplink ", text)
    text = _MENTION.sub(" atuser ", text)
    return normalize(text)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def features(text: str) -> list[str]:
    """Unigrams and bigrams of the model text (the learned models' vocabulary)."""
    tokens = words(model_text(text))
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def clause_before(text: str, start: int, max_words: int = 6) -> list[str]:
    """The last few words before ``start`` in the same clause (normalized text)."""
    prefix = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(prefix))
    if breaks:
        prefix = prefix[breaks[-1].end() :]
    return words(prefix)[-max_words:]


def negated(text: str, start: int, max_words: int = 6) -> bool:
    """Whether a negator stands shortly before ``start`` in the same clause."""
    return any(
        word in _NEGATORS or word.endswith("n't") for word in clause_before(text, start, max_words)
    )


def quoted(text: str, start: int, end: int) -> bool:
    """Whether the span sits inside quotation marks (mentioned, not used)."""
    before = text[:start]
    after = text[end:]
    for mark in ('"', "'"):
        if before.count(mark) % 2 == 1 and mark in after:
            if mark == "'" and not re.search(r"(?:^|\s)'\S*$", before):
                continue
            return True
    return False


def alternation(terms: Iterable[str]) -> str:
    """A regex alternation, longest first, of terms that may already hold regex syntax."""
    return "|".join(sorted(set(terms), key=len, reverse=True))
