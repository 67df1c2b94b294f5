"""Large patterns with a cheap screen in front, for speed alone: never a different match.

Python's regular-expression engine tries every alternative of a pattern at every position of
the text, so a pattern of sixty alternatives costs sixty scans of each comment, even though
almost every comment holds none of the words any alternative needs. :func:`screened` reads
the pattern once (on first use) and finds for each alternative a set of literal
strings one of which every match must contain ("see what happens", or one of "hospital",
"ambulance", "body bag"...). The screen is one small pattern of all those strings, built as a
trie so the engine follows one path per position. A text holding none of them cannot match
anywhere: the pattern is not run. Otherwise the pattern runs as written.

The screen only ever skips a search that would have found nothing, so every result is the
one the pattern alone gives (``tests/unit/moderation/test_screen.py`` checks the screens of
every screened pattern, ``test_pinned_decisions.py`` the decisions). Where a pattern has an
alternative that needs no fixed string, there is no screen and the pattern always runs.
Screens pay where most comments hold none of a pattern's strings; a pattern whose strings
are common words ("the", "is") is better left unscreened.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# The most strings a screen keeps for one part of a pattern ("(?:a|b) (?:c|d)" is four).
_MOST = 64
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


# Characters seldom written in a comment: a string of them alone ("=" in "x = loser") passes
# far less often than its length says, so it is weighed as if it were three letters longer.
_SELDOM = frozenset("=<>[]{}|\\^~")


def _cost(strings: frozenset[str]) -> float:
    """How often a set of strings is likely to pass the screen: short strings pass often,
    unless they are made of characters seldom written."""
    return sum(1.0 / (len(s) + 3 * (not _SELDOM.isdisjoint(s))) ** 3 for s in strings)


def _shortest(strings: set[str]) -> frozenset[str]:
    """The same test with fewer strings: one that begins or ends with another adds nothing
    ("the hospital" is found only where "hospital" is)."""
    kept: set[str] = set()
    sizes: set[int] = set()
    for text in sorted(strings, key=len):
        if not any(text[:n] in kept or text[-n:] in kept for n in sizes):
            kept.add(text)
            sizes.add(len(text))
    return frozenset(kept)


def _members(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters a set such as ``[-.]`` or ``[2-9]`` matches, when they are few and
    listed (a negated set, a category such as ``\\d``, or a long range: None)."""
    chars: set[str] = set()
    for member, value in items:
        if member is sre.LITERAL:
            chars.add(chr(value))
        elif member is sre.RANGE and value[1] - value[0] < 10:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return chars


def _fixed(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Every string a parsed sequence matches, when they are few and fixed (zero-width
    assertions such as ``\\b`` skipped); None otherwise."""
    out = {""}
    for op, av in items:
        if op is sre.LITERAL:
            out = {s + chr(av) for s in out}
        elif op is sre.AT:
            continue
        elif op is sre.IN:
            chars = _members(av)
            if chars is None:
                return None
            out = {s + ch for s in out for ch in chars}
        elif op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            inner = None if add_flags & re.IGNORECASE else _fixed(list(body))
            if inner is None:
                return None
            out = {s + t for s in out for t in inner}
        elif op is sre.BRANCH:
            options: set[str] = set()
            for branch in av[1]:
                inner = _fixed(list(branch))
                if inner is None:
                    return None
                options |= inner
            out = {s + t for s in out for t in options}
        elif op in _REPEATS:
            low, high, body = av
            inner = _fixed(list(body)) if high <= 1 else None
            if inner is None:
                return None
            options = inner | {""} if low == 0 else inner
            out = {s + t for s in out for t in options}
        else:
            return None
        if len(out) > _MOST:
            return None
    return out


def needed(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """A set of non-empty strings one of which every match of the parsed sequence contains,
    or None when there is none to be sure of."""
    found: list[frozenset[str]] = []
    run = {""}  # the strings the consecutive fixed elements just read can spell

    def close() -> None:
        nonlocal run
        if "" not in run:
            found.append(_shortest(run))
        run = {""}

    for op, av in items:
        if op is sre.AT:
            continue  # zero width: the letters either side are still adjacent
        fixed = _fixed([(op, av)])
        if fixed is not None:
            longer = {s + t for s in run for t in fixed}
            if len(longer) <= _MOST:
                run = longer
            else:
                close()
                run = fixed
            continue
        close()
        inner: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            if not add_flags & re.IGNORECASE:
                inner = needed(list(body))
        elif op is sre.BRANCH:
            parts = [needed(list(branch)) for branch in av[1]]
            if all(part is not None for part in parts):
                inner = _shortest(set().union(*(p for p in parts if p is not None)))
        elif op in _REPEATS:
            low, _high, body = av
            if low >= 1:
                inner = needed(list(body))
        if inner is not None:
            found.append(inner)
    close()
    return min(found, key=_cost) if found else None


def literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The strings one of which every match of the compiled pattern contains (in any case,
    where the pattern ignores case), or None."""
    return needed(list(sre_parse.parse(pattern.pattern, pattern.flags)))


def _trie(strings: frozenset[str]) -> dict[str, Any]:
    """The strings as a trie: a dict per position keyed by character, "" marking an end."""
    trie: dict[str, Any] = {}
    for text in strings:
        node = trie
        for ch in text:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def trie_pattern(strings: frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds any of the strings, written as a trie (one path per position)."""
    trie = _trie(strings)

    def write(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a string ends here: a longer one adds nothing to "contains any"
        options = [re.escape(ch) + write(node[ch]) for ch in sorted(node)]
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return re.compile(write(trie))


class Screened:
    """A compiled pattern and its screen, with the methods of the pattern the recognizers
    use; each gives exactly what the pattern gives.

    The screen is built on first use (reading a pattern takes a few milliseconds; a process
    that never classifies a comment never pays for it). A pattern that ignores case is
    screened only on ASCII text, lower-cased, with strings that are ASCII themselves (there,
    ignoring case is lower-casing both sides); other text goes straight to the pattern.

    A text that several screens are asked about (a comment's normal form is asked about by
    dozens) is read once for all of them (:class:`_AllScreens`)."""

    __slots__ = ("regex", "pattern", "flags", "_screen", "_strings", "_fold", "_built", "_bit")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self.flags = regex.flags
        self._fold = bool(regex.flags & re.IGNORECASE)
        self._screen: re.Pattern[str] | None = None
        self._strings: frozenset[str] = frozenset()
        self._built = False
        self._bit = len(_EVERY)
        _EVERY.append(self)

    @property
    def screen(self) -> re.Pattern[str] | None:
        """The trie of the strings one of which every match holds; None where there are none."""
        if not self._built:
            strings = literals(self.regex)
            if strings and self._fold:
                ascii_only = all(map(str.isascii, strings))
                strings = frozenset(s.lower() for s in strings) if ascii_only else None
            self._strings = strings or frozenset()
            self._screen = trie_pattern(strings) if strings else None
            self._built = True
        return self._screen

    def _absent(self, string: str) -> bool:
        screen = self._screen if self._built else self.screen
        if screen is None:
            return False
        if self._fold:
            if not string.isascii():
                return False
            string = _lower(string)
        # A text already scanned for all screens (a comment's normal form, asked about dozens
        # of times) is answered here, as :meth:`_AllScreens.holds` would answer it.
        scan = _ALL._scan
        if scan is not None and scan.size == len(_EVERY):
            bits = scan.found.get(string)
            if bits is not None:
                return not bits >> self._bit & 1
        found = _ALL.holds(string, self._bit)
        if found is not None:
            return not found
        return screen.search(string) is None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._absent(string):
            return None
        return self.regex.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._absent(string):
            return None
        return self.regex.match(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self._absent(string):
            return iter(())
        return self.regex.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        if self._absent(string):
            return []
        return self.regex.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        if self._absent(string):
            return string
        return self.regex.sub(repl, string, count)

    def __repr__(self) -> str:
        return f"screened({self.regex!r})"


# Every screened pattern of the process, in the order made (a pattern's place is its bit).
_EVERY: list[Screened] = []


# The last string lower-cased and its lower case, as one pair (replaced whole, so that two
# threads never leave one string's lower case beside another string).
_last_lowered: tuple[str, str] = ("", "")


def _lower(string: str) -> str:
    """``string.lower()``, remembered for the last string (screens that ignore case are asked
    about one comment after another)."""
    global _last_lowered
    last = _last_lowered
    if last[0] is string:
        return last[1]
    lowered = string.lower()
    _last_lowered = (string, lowered)
    return lowered


class _Scan:
    """The strings of every screen built so far, read in one pass over a text: a trie that
    finds, at each position where one of the strings starts, the longest one starting there
    (:func:`longest_trie`); every shorter one starting there begins it, so the screens held
    at that position are those of the longest string and of the strings that begin it,
    worked out once per string when the scan is made. The result is the set of screens one
    of whose strings the text holds, as bits: for each screen, exactly what its own trie
    says."""

    def __init__(self, screens: list[Screened]) -> None:
        self.size = len(screens)
        holders: dict[str, int] = {}
        for screen in screens:
            if screen.screen is not None:
                for text in screen._strings:
                    holders[text] = holders.get(text, 0) | (1 << screen._bit)
        # The screens held where a string is the longest found: its own and those of every
        # string that begins it.
        self.held: dict[str, int] = {}
        for text in holders:
            bits = 0
            for end in range(1, len(text) + 1):
                bits |= holders.get(text[:end], 0)
            self.held[text] = bits
        trie = longest_trie(frozenset(holders)) if holders else "(?!)"
        self.finder = re.compile(f"(?=({trie}))")
        self.found: dict[str, int] = {}  # bits by text, for the last few texts
        self.asked: dict[str, int] = {}  # how often each of the last few texts was asked about

    def bits(self, string: str) -> int:
        held = self.held
        bits = 0
        for longest in set(self.finder.findall(string)):
            bits |= held[longest]
        return bits


def longest_trie(strings: frozenset[str]) -> str:
    """A pattern that matches, where any of the strings starts, the longest of them starting
    there: a trie (one path per position) in which a string that ends where a longer one
    goes on is an optional tail, tried first."""
    trie = _trie(strings)

    def write(node: dict[str, Any]) -> str:
        options = [re.escape(ch) + write(node[ch]) for ch in sorted(node) if ch]
        if not options:
            return ""
        body = options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
        return f"(?:{body})?" if "" in node else body

    return write(trie)


class _AllScreens:
    """One scan of a text for all screens (:class:`_Scan`), once several screens have asked
    about it; until then each asks alone (a sentence or a fragment is often read by a few
    screens only, a comment's normal form by dozens)."""

    _MOST = 256  # texts remembered
    _ALONE = 3  # the questions about a text each screen answers alone

    def __init__(self) -> None:
        self._scan: _Scan | None = None

    def scan(self) -> _Scan:
        """The scan of every screen made so far (made again when a new one appears)."""
        scan = self._scan
        if scan is None or scan.size != len(_EVERY):
            scan = self._scan = _Scan(list(_EVERY))
        return scan

    def holds(self, string: str, bit: int) -> bool | None:
        """Whether the text holds one of the strings of screen ``bit``; None: ask the screen
        alone."""
        scan = self._scan
        if scan is None or scan.size != len(_EVERY):
            scan = self.scan()
        found = scan.found.get(string)
        if found is None:
            asked = scan.asked.get(string, 0)
            if asked < self._ALONE:
                if len(scan.asked) >= self._MOST:
                    scan.asked.clear()
                scan.asked[string] = asked + 1
                return None
            if len(scan.found) >= self._MOST:
                scan.found.clear()
            found = scan.found[string] = scan.bits(string)
        return bool(found >> bit & 1)


_ALL = _AllScreens()


def build_all() -> None:
    """Build every screen and the scan of all of them now, rather than on first use (a
    long-running process, or a benchmark that times classifying, pays it at start)."""
    _ALL.scan()


def screened(pattern: str, flags: int = 0) -> Screened:
    """``re.compile(pattern, flags)`` with a screen in front of it (see the module)."""
    return Screened(re.compile(pattern, flags))
