"""What a recognizer is: a Protocol and the comment it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from lanyard.moderation.classifiers.names import StudentNames
from lanyard.moderation.classifiers.text import normalize, plain
from lanyard.moderation.domain import Signal


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment with what the recognizers may need to know about its page.

    ``norm`` is the normalized text every pattern recognizer reads (spelling tricks undone,
    :func:`~lanyard.moderation.classifiers.text.normalize`); ``plain`` keeps case and digits
    but undoes look-alike letters and written-out domains (for links, numbers, names).
    ``own_sites`` are the district's own web domains and official accounts (domains, page
    addresses or handles): links to them are not spam.
    """

    text: str
    site_purpose: str | None = None
    student_names: StudentNames = field(default_factory=StudentNames)
    own_sites: tuple[str, ...] = ()
    norm: str = field(default="", compare=False)
    plain: str = field(default="", compare=False)

    @classmethod
    def of(
        cls,
        text: str,
        *,
        site_purpose: str | None = None,
        student_names: StudentNames | tuple[str, ...] = (),
        own_sites: tuple[str, ...] = (),
    ) -> Comment:
        names = (
            student_names
            if isinstance(student_names, StudentNames)
            else StudentNames.cached(tuple(student_names))
        )
        return cls(text, site_purpose, names, own_sites, normalize(text), plain(text))


class Recognizer(Protocol):
    """Reads a comment and returns signals (category, score, evidence) for what it knows."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def categories(self) -> tuple[str, ...]: ...

    def analyze(self, comment: Comment) -> list[Signal]: ...
