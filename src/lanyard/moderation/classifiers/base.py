"""What a recognizer is: a Protocol and the comment it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from lanyard.moderation.classifiers.text import normalize
from lanyard.moderation.domain import Signal


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment with what the recognizers may need to know about its page."""

    text: str
    site_purpose: str | None = None
    student_names: tuple[str, ...] = ()
    norm: str = field(default="", compare=False)

    @classmethod
    def of(
        cls, text: str, *, site_purpose: str | None = None, student_names: tuple[str, ...] = ()
    ) -> Comment:
        return cls(text, site_purpose, student_names, normalize(text))


class Recognizer(Protocol):
    """Reads a comment and returns signals (category, score, evidence) for what it knows."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def categories(self) -> tuple[str, ...]: ...

    def analyze(self, comment: Comment) -> list[Signal]: ...
