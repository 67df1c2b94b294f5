"""OneRoster extension columns: ``metadata.*`` columns a district's exporter adds to
``users.csv`` (or ``demographics.csv``), e.g. ``metadata.district.mediaOptOut``.

OneRoster has no consent field (formats.md 1.14), so each column is read only through the
district's mapping (``--map metadata.district.mediaOptOut=photo``), never by its name.
Rows are keyed by ``sourcedId``; in ``users.csv`` only students' rows are read. Values are
``TRUE``/``FALSE`` (or Yes/No, 1/0); a blank cell records nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from lanyard.connectors.consents.base import (
    ReadOptions,
    find_column,
    require_column,
    require_maps,
    table,
    yes_no_rows,
)
from lanyard.connectors.consents.registry import register
from lanyard.prepub.domain import ConsentFileError, ConsentRow

STUDENT_ROLES = frozenset({"student"})


class OneRosterConsents:
    format = "oneroster"
    title = "OneRoster users.csv or demographics.csv with metadata.* consent columns"

    def detect(self, columns: Sequence[str]) -> bool:
        return bool(find_column(columns, "sourcedId")) and any(
            c.lower().startswith("metadata.") for c in columns
        )

    def read(self, source: str, text: str, options: ReadOptions) -> list[ConsentRow]:
        require_maps(source, options, "metadata.* columns",
                     "metadata.district.mediaOptOut=photo")  # fmt: skip
        for mapping in options.maps:
            if not mapping.key.lower().startswith("metadata."):
                raise ConsentFileError(
                    source, 1, mapping.key,
                    "OneRoster files carry consents only in metadata.* extension columns",
                )  # fmt: skip
        data = table(text)
        key = require_column(source, data.columns, "sourcedId")
        role = find_column(data.columns, "role")
        skip = frozenset(
            line for line, row in data.rows
            if role is not None and row.get(role, "").lower() not in STUDENT_ROLES
        )  # fmt: skip
        return yes_no_rows(
            source,
            data,
            key,
            options,
            by_identifier=False,
            label=f"OneRoster {source}",
            skip=skip,
        )


register(OneRosterConsents())
