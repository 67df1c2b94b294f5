"""Lanyard's own ``consents.csv`` (formats.md 1.14, docs/prepub.md): one row per student,
scope, decision and school year. It carries its own years and decisions: no mapping."""

from __future__ import annotations

from collections.abc import Sequence

from lanyard.connectors.consents.base import ReadOptions, find_column
from lanyard.connectors.consents.registry import register
from lanyard.prepub.domain import ConsentRow, read_consents_text


class LanyardConsents:
    format = "lanyard"
    title = "consents.csv (student_sourced_id or student_identifier, scope, decision, school_year)"

    def detect(self, columns: Sequence[str]) -> bool:
        return bool(find_column(columns, "scope") and find_column(columns, "decision"))

    def read(self, source: str, text: str, options: ReadOptions) -> list[ConsentRow]:
        return read_consents_text(source, text)


register(LanyardConsents())
