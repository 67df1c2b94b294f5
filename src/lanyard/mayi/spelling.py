"""Misspelt cue words, put right before the May I? reader's rules read a question.

A teacher typing between classes writes "frend a parnt", "emial", "scrennshot": the rules of
:mod:`lanyard.mayi.understand` look for whole words and would read nothing (or, with
"scrennshot", read the student's text as the channel). Here a word the reader does not know
is replaced by the cue word it is one slip away from (a letter left out, added, changed or
two swapped), when both start with the same letter, the word has five letters or more and
is not the cue word with its end cut or added to ("player", "counselors" are other forms).
Known words (those of the learned reader's vocabulary and the cue words themselves) are
never changed, so "tests" stays "tests" and "fellow" stays "fellow". The facts read keep the
asker's own words: :func:`original_words` maps what the rules quote back to the question as
typed.

Pure: no I/O beyond the vocabulary passed in.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

# The words the rules read facts from that are long enough to be misspelt recognisably.
# Left out: words one slip away from common words of other meanings ("filter"/"filler",
# "class"/"glass", "follow"/"hollow", "group", "post").
CUE_WORDS = frozenset(
    (
        "texting texted message messages messaging messaged email emails emailed friend "
        "friends friended student students parent parents facebook instagram snapchat "
        "whatsapp discord principal teacher teachers classroom screenshot received receive "
        "personal district school phone coworker coworkers colleague colleagues password "
        "account picture pictures photos allowed website tiktok twitter youtube counselor "
        "superintendent reporter interview install download software mascot selling "
        "business daughter players family families private request field homework "
        "assignment assignments practice schedule tournament permission conference attendance"
    ).split()
)
# Words of their own one slip from a cue word: never put "right" ("state testing" is no text,
# "I reported it" no reporter, "spelling test" no sale).
REAL_WORDS = frozenset(
    (
        "testing tested massage massages massaged fiend fiends patent patents principle "
        "principles teaches receives receiver reported spelling prayers payers phony discard "
        "instill busyness texter filed"
    ).split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# "there" or "thier" before what someone has ("there kids", "thier parents"): "their".
_THEIR = frozenset({"there", "thier", "ther"})
_THEIRS = re.compile(
    r" (?:own )?(?:kids?|child|children|sons?|daughters?|students?|parents?|moms?|dads?|"
    r"famil(?:y|ies)|grades?|homework|work|phones?|numbers?|names?|pictures?|photos?|"
    r"accounts?|e-?mails?|teachers?|coach|class|team)\b",
    re.IGNORECASE,
)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_slip(word: str) -> set[str]:
    """Every string one slip away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    return out


@lru_cache(maxsize=1)
def _slips() -> dict[str, str]:
    """Each misspelling one slip from exactly one cue word, with that word."""
    seen: dict[str, set[str]] = {}
    for cue in CUE_WORDS:
        for slip in _one_slip(cue):
            if (
                slip != cue
                and slip[:1] == cue[:1]
                and len(slip) >= 5
                and not slip.startswith(cue)
                and not cue.startswith(slip)  # "player", "counselors": another form, no slip
            ):
                seen.setdefault(slip, set()).add(cue)
    return {slip: next(iter(cues)) for slip, cues in seen.items() if len(cues) == 1}


def known_words(words: Collection[str]) -> frozenset[str]:
    """The words of a vocabulary to leave as they are: all but the slips of a cue word. The
    questions the learned reader is trained on are typed as teachers type, so its vocabulary
    holds "parnt", "emial" and "allowd" too; those are still put right."""
    slips = _slips()
    return frozenset(w for w in words if w in CUE_WORDS or w not in slips)


@dataclass(frozen=True)
class Corrected:
    """The question with its misspelt cue words put right, and where each change is:
    (start in the corrected text, end there, start in the original, end there)."""

    text: str
    original: str
    changes: tuple[tuple[int, int, int, int], ...]


def correct(text: str, known: Collection[str] = frozenset()) -> Corrected:
    """``text`` with each word one slip from a cue word replaced by it, unless it is a
    ``known`` word."""
    slips = _slips()
    pieces: list[str] = []
    changes: list[tuple[int, int, int, int]] = []
    at = 0
    shift = 0
    for m in _WORD.finditer(text):
        word = m.group(0)
        lower = word.lower()
        right = slips.get(lower)
        if (
            lower in _THEIR
            and _THEIRS.match(text, m.end())
            and not re.search(
                r"\b(?:over|out|in|up|down|from|right|back|is|are|was|were) $",
                text[: m.start()],
                re.I,
            )
        ):
            right = "their"  # "about there kids grades": whose, typed as it sounds
        elif right is None or lower in known or lower in REAL_WORDS:
            continue
        pieces.append(text[at : m.start()])
        start = m.start() + shift
        pieces.append(right)
        changes.append((start, start + len(right), m.start(), m.end()))
        shift += len(right) - len(word)
        at = m.end()
    if not changes:
        return Corrected(text, text, ())
    pieces.append(text[at:])
    return Corrected("".join(pieces), text, tuple(changes))


def original_words(corrected: Corrected, words: str) -> str:
    """The stretch of the question as typed that ``words`` (quoted from the corrected text)
    stands for."""
    if not corrected.changes or not words:
        return words
    start = corrected.text.find(words)
    if start < 0:
        return words
    end = start + len(words)
    return corrected.original[_back(corrected, start, True) : _back(corrected, end, False)]


def _back(corrected: Corrected, at: int, is_start: bool) -> int:
    shift = 0
    for c_start, c_end, o_start, o_end in corrected.changes:
        if at < c_start or (at == c_start and is_start):
            break
        if at <= c_end:
            return o_start if is_start else o_end
        shift = o_end - c_end
    return at + shift
