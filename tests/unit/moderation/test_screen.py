"""Screened patterns (``lanyard.moderation.classifiers.screen``) give exactly what the pattern
alone gives: the strings a screen looks for are in every match."""

from __future__ import annotations

import csv
import importlib
import re
from pathlib import Path

import pytest

from lanyard.moderation.classifiers.screen import Screened, literals, screened, trie_pattern
from lanyard.moderation.classifiers.text import normalize, plain

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "moderation"
MODULES = ("abuse", "conduct", "links", "pii", "text", "threat")


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\bsee what happens\b", {"see what happens"}),
        (r"\b(?:hospital|ambulance) now", {"hospital now", "ambulance now"}),
        (r"(?:go|went) (?:home|away)", {"go home", "go away", "went home", "went away"}),
        (r"x*\d+ (?:bomb|grenade)s?\b", {" bomb", " grenade"}),
        (r"(?:a|an)?(?:\w+ )?(?:knife|gun)", {"knife", "gun"}),
        (
            r"watch (?:your|ur) back|sleep with one eye open",
            {"watch your back", "watch ur back", "sleep with one eye open"},
        ),
        (r"\w+|kill", None),  # an alternative needs no fixed string
        (r"[a-z]+ing\b", {"ing"}),
        (r"(?!not )\bshoot", {"shoot"}),
    ],
)
def test_the_strings_every_match_holds(pattern: str, needed: set[str] | None) -> None:
    found = literals(re.compile(pattern))
    assert (set(found) if found is not None else None) == needed


def test_a_trie_finds_any_of_its_strings() -> None:
    trie = trie_pattern(frozenset({"hospital", "hose", "hos", "ambulance", "a.b"}))
    assert trie.search("the hose")
    assert trie.search("x a.b y")
    assert not trie.search("axb ambulanc")


def test_a_pattern_that_ignores_case_is_screened_on_ascii_text_only() -> None:
    spam = screened(r"\bclick here\b", re.IGNORECASE)
    assert spam.search("CLICK HERE now")
    assert spam.search("Click Here \u017f")  # non-ASCII text: not screened, the pattern runs
    assert spam.search("nothing to see") is None
    # "\u017f" (long s) matches "s" when case is ignored: a lower-cased screen would miss it
    long_s = screened(r"\bsee\b", re.IGNORECASE)
    assert long_s.search("\u017fee") is not None


def _texts() -> list[str]:
    out: list[str] = []
    for path in sorted(DATA.glob("team_labeled*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            out.extend(row["text"] for row in csv.DictReader(handle))
    return out


def _screened_patterns() -> list[tuple[str, Screened]]:
    found = []
    for name in MODULES:
        module = importlib.import_module(f"lanyard.moderation.classifiers.{name}")
        for attr, value in vars(module).items():
            if isinstance(value, Screened):
                found.append((f"{name}.{attr}", value))
    return found


def test_the_classifier_screens_its_largest_patterns() -> None:
    names = {name for name, _ in _screened_patterns()}
    assert {"threat._WARNING", "threat._MENACE", "threat._CODED", "abuse._IMPLICIT"} <= names
    assert all(pattern.screen is not None for _, pattern in _screened_patterns())


def test_no_screen_ever_hides_a_match_on_the_team_data() -> None:
    texts = _texts()[::2]
    readings = [t for text in texts for t in (normalize(text), plain(text))]
    for name, pattern in _screened_patterns():
        matched = 0
        for text in readings:
            for found in pattern.regex.finditer(text):
                matched += 1
                whole = found.group(0)
                assert not pattern._absent(text), (name, text)
                assert not pattern._absent(whole), (name, whole)
            screened_match, alone = pattern.search(text), pattern.regex.search(text)
            assert (screened_match and screened_match.span()) == (alone and alone.span())
        assert matched or name in _RARE, f"{name} matches nothing in the team data"


# Patterns the team data never triggers (they still pass the checks above where they do).
_RARE: set[str] = set()


def test_one_scan_for_all_screens_says_what_each_screen_says() -> None:
    """A text that many screens ask about is read once for all of them: for each screen and
    each text, the one scan and the screen's own trie agree."""
    from lanyard.moderation.classifiers import screen as module

    patterns = [pattern for _, pattern in _screened_patterns()]
    scan = module._ALL.scan()
    texts = _texts()[1::5]
    readings = [t for text in texts for t in (normalize(text), plain(text))]
    readings += ["", "wo", "shouldn't", "i know where you live", "\u017fee"]
    for text in readings:
        bits = scan.bits(text)
        for pattern in patterns:
            assert pattern.screen is not None
            own = pattern.screen.search(text) is not None
            assert bool(bits >> pattern._bit & 1) == own, (pattern.pattern[:60], text)


def test_screens_asked_many_times_about_a_text_answer_as_alone() -> None:
    from lanyard.moderation.classifiers import screen as module

    patterns = [pattern for _, pattern in _screened_patterns()]
    for text in (normalize(t) for t in _texts()[:100]):
        alone = [_absent_alone(pattern, text) for pattern in patterns]
        for _ in range(module._AllScreens._ALONE + 2):
            assert [pattern._absent(text) for pattern in patterns] == alone


def _absent_alone(pattern: Screened, text: str) -> bool:
    """What the screen alone says: whether the pattern cannot match the text."""
    if pattern.screen is None:
        return False
    if pattern.flags & re.IGNORECASE:
        return text.isascii() and pattern.screen.search(text.lower()) is None
    return pattern.screen.search(text) is None
