"""Checking a pack's quotes against the source document, word for word."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lanyard.policy.loader import Pack

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u00ad": "",
    }
)
_SPACE = re.compile(r"\s+")
# Emphasis marks and inline tags in the text renderings of the policies (**bold**, *em*,
# <u>underline</u>) are presentation, not words: they are ignored on both sides.
_MARKUP = re.compile(r"</?[a-zA-Z][^>]{0,40}>|\*+")


def normalize(text: str) -> str:
    """Whitespace collapsed; typographic quotes, apostrophes and dashes made plain;
    emphasis marks and inline tags dropped."""
    return _SPACE.sub(" ", _MARKUP.sub("", text.translate(_TYPOGRAPHIC))).strip()


@dataclass(frozen=True)
class QuoteProblem:
    where: str  # e.g. "rule no-text-students" or "form social-media-request"
    quote: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}: {self.quote!r}"


def quotes(pack: Pack) -> Iterator[tuple[str, str]]:
    """Every (place, quote) in the pack."""
    doc = pack.document
    for rule in doc.rules:
        yield f"rule {rule.id}", rule.quote
    for channel in doc.channels:
        yield f"channel {channel.id}", channel.quote
    for form in doc.forms:
        yield f"form {form.id}", form.quote
    for report in doc.reports:
        yield f"report {report.id}", report.quote
    for criterion in doc.deletion_criteria:
        yield f"deletion criterion {criterion.category}", criterion.quote
    for note in doc.notes:
        yield f"note {note.topic!r}", note.quote


def verify_pack(pack: Pack, sources: Path) -> list[QuoteProblem]:
    """Problems with the pack's quotes; an empty list means every quote is verbatim."""
    source = sources / pack.document.policy.source
    if not source.is_file():
        return [QuoteProblem("policy.source", str(source), "source document not found")]
    text = normalize(source.read_text(encoding="utf-8", errors="replace"))
    return [
        QuoteProblem(where, quote, "not found verbatim in " + pack.document.policy.source)
        for where, quote in quotes(pack)
        if normalize(quote) not in text
    ]
