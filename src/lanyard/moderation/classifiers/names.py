"""Student names from the directory, indexed once so that a comment is checked against
thousands of names in one pass over its words.

A full name ("Umber Stillwell") counts anywhere. A first name alone counts only as a
capitalized word (or in an all lower-case comment) and only when it is not also an ordinary
word ("Will", "Hope", "Grace"); the confidential-information recognizer then also wants a
class or school nearby before it treats it as a student.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
# First names that are also everyday words: never matched alone.
COMMON_WORDS = frozenset(
    """
    will grace hope faith joy may june april august summer autumn winter rose lily daisy
    iris ivy violet holly dawn sky skye river ocean storm rain bill mark art chase hunter
    page paige sage ray rich pat sandy rusty dusty woody buddy guy max jack frank earl
    king prince duke jewel amber ruby pearl crystal ginger honey candy cherry olive
    destiny harmony melody charity mercy patience trinity genesis journey legend miles
    reed wade drew cash cole rob bob sue kit lane dean gray grey brook brooks young
    so we me he she no an the and or but in on at to is it
    """.split()
)


@dataclass(frozen=True)
class NameHit:
    name: str  # the full name from the directory
    words: str  # the words as written in the comment
    start: int
    end: int
    full: bool


@dataclass(frozen=True, eq=False)
class StudentNames:
    """An index of students' names: full names and, separately, first names."""

    full: dict[tuple[str, ...], str] = field(default_factory=dict)
    first: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The first words of the full names of each length: a comment's word that begins none is
    # not looked up (most words of most comments).
    heads: dict[int, frozenset[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        heads: dict[int, set[str]] = {}
        for key in self.full:
            heads.setdefault(len(key), set()).add(key[0])
        object.__setattr__(self, "heads", {n: frozenset(h) for n, h in heads.items()})

    @classmethod
    def of(cls, names: Iterable[str]) -> StudentNames:
        full: dict[tuple[str, ...], str] = {}
        first: dict[str, list[str]] = {}
        for name in names:
            tokens = tuple(t.lower() for t in _TOKEN.findall(name))
            if not tokens:
                continue
            display = " ".join(name.split())
            full.setdefault(tokens, display)
            if len(tokens) >= 2 and tokens[0] not in COMMON_WORDS and len(tokens[0]) >= 3:
                first.setdefault(tokens[0], []).append(display)
        return cls(full, {k: tuple(v) for k, v in first.items()})

    @classmethod
    def from_people(cls, people: Iterable[object]) -> StudentNames:
        """From directory records (anything with ``given_name``, ``family_name`` and an
        optional ``preferred_given_name``, such as ``lanyard.directory.orm.Person``): both the
        legal and the preferred first name count."""
        names: list[str] = []
        for person in people:
            family = str(getattr(person, "family_name", "") or "")
            for given in (
                getattr(person, "preferred_given_name", None),
                getattr(person, "given_name", None),
            ):
                if given and family:
                    names.append(f"{given} {family}")
        return cls.of(names)

    @staticmethod
    @lru_cache(maxsize=32)
    def cached(names: tuple[str, ...]) -> StudentNames:
        return StudentNames.of(names)

    def __bool__(self) -> bool:
        return bool(self.full)

    def find(self, text: str) -> list[NameHit]:
        """Students named in ``text``: full names first, then first names alone."""
        if not self.full:
            return []
        tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        # A possessive ("Hopper's") names the student as much as the name does.
        lowered = [t.lower().removesuffix("'s") for t, _, _ in tokens]
        hits: list[NameHit] = []
        used: set[int] = set()
        for size in (3, 2, 1):
            heads = self.heads.get(size)
            if not heads:
                continue
            for i in range(len(tokens) - size + 1):
                if lowered[i] not in heads or any(j in used for j in range(i, i + size)):
                    continue
                key = tuple(lowered[i : i + size])
                name = self.full.get(key)
                if name is not None and (size > 1 or key[0] not in COMMON_WORDS):
                    hits.append(
                        NameHit(name, text[tokens[i][1] : tokens[i + size - 1][2]],
                                tokens[i][1], tokens[i + size - 1][2], True)
                    )  # fmt: skip
                    used.update(range(i, i + size))
        all_lower: bool | None = None
        for i, word in enumerate(lowered):
            if i in used or word not in self.first:
                continue
            written = tokens[i][0]
            if all_lower is None:
                all_lower = not any(ch.isupper() for ch in text)
            if written[0].isupper() or all_lower:
                names = self.first[word]
                hits.append(NameHit(names[0], written, tokens[i][1], tokens[i][2], False))
        return hits
