"""Skyward: a report of Family Access "Allow Publication of Student's Name for", one
Yes/No column per audience — ``Military``, ``Higher Ed``, ``Public``, ``Library``
(formats.md 1.14) — keyed by ``Student ID`` (the SIS number).

The labels are Skyward's own, so without ``--map`` they are read as: ``Public`` -> the
student's name in any publication (``name``), ``Military`` -> ``military``, ``Higher Ed`` ->
``higher_ed``, each a permission (Yes = a release, No = an opt-out). ``Library`` is not
read by default (what it covers is the district's; map it to say). ``--map`` replaces
these defaults. A blank cell records nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lanyard.connectors.consents.base import (
    ColumnMap,
    ReadOptions,
    find_column,
    require_column,
    table,
    yes_no_rows,
)
from lanyard.connectors.consents.registry import register
from lanyard.prepub.domain import ConsentRow

KEYS = ("Student ID", "Student Number", "Other ID")
AUDIENCES = ("Military", "Higher Ed", "Public", "Library")
DEFAULT = (
    ColumnMap("Public", "name", "opt_in"),
    ColumnMap("Military", "military", "opt_in"),
    ColumnMap("Higher Ed", "higher_ed", "opt_in"),
)


class SkywardConsents:
    format = "skyward"
    title = "Skyward: Student ID and Allow Publication for Military, Higher Ed, Public, Library"

    def detect(self, columns: Sequence[str]) -> bool:
        return find_column(columns, *KEYS) is not None and any(
            find_column(columns, a) for a in AUDIENCES
        )

    def read(self, source: str, text: str, options: ReadOptions) -> list[ConsentRow]:
        data = table(text)
        key = require_column(source, data.columns, "Student ID", *KEYS[1:])
        if not options.maps:
            maps = tuple(m for m in DEFAULT if find_column(data.columns, m.key))
            options = replace(options, maps=maps or DEFAULT)
        return yes_no_rows(
            source,
            data,
            key,
            options,
            by_identifier=True,
            label=f"Skyward {source} Allow Publication",
        )


register(SkywardConsents())
