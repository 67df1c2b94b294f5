"""Infinite Campus: an Ad Hoc (or Data Extract Utility) export of the students who carry
the district's consent flag or program ("No Media"; formats.md 1.14), one row per student
and flag: ``studentNumber``, the flag's name (``flagName``, or ``programName`` for a
program), optional ``startDate`` and ``endDate``.

Which flags are consents is the district's: ``--map "No Media=photo"`` (the flag means
opted out) or ``--map "Media Release=all:permission"`` (the flag means a release). Rows
with another flag are not read. A flag that ended before the school year began is not
read; one still running (or ended during the year) is. The export lists only the students
who carry a flag: a student without one gets nothing on file, which the check reports as
missing, never as consent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from lanyard.connectors.consents.base import (
    ColumnMap,
    ReadOptions,
    find_column,
    require_column,
    require_maps,
    sis_date,
    table,
)
from lanyard.connectors.consents.registry import register
from lanyard.prepub.domain import ConsentFileError, ConsentRow, Refusals

KEYS = ("studentNumber", "student.studentNumber")
FLAGS = ("flagName", "flag.name", "programName", "programParticipation.name", "program.name")


class InfiniteCampusConsents:
    format = "infinite-campus"
    title = "Infinite Campus flag export: studentNumber, flagName, startDate, endDate"

    def detect(self, columns: Sequence[str]) -> bool:
        return bool(find_column(columns, *KEYS) and find_column(columns, *FLAGS))

    def read(self, source: str, text: str, options: ReadOptions) -> list[ConsentRow]:
        require_maps(source, options, "flags", "No Media=photo")
        data = table(text)
        key = require_column(source, data.columns, "studentNumber", *KEYS[1:])
        flag = require_column(source, data.columns, "flagName", *FLAGS[1:])
        start = find_column(
            data.columns, "startDate", "flag.startDate", "programParticipation.startDate"
        )
        end = find_column(data.columns, "endDate", "flag.endDate", "programParticipation.endDate")
        year_begins = dt.date(options.school_year - 1, 7, 1)
        by_flag: dict[str, list[ColumnMap]] = {}
        for mapping in options.maps:
            by_flag.setdefault(mapping.key.strip().casefold(), []).append(mapping)
        out: list[ConsentRow] = []
        refusals = Refusals(source)
        for line, row in data.rows:
            name = row.get(flag, "")
            if not name:
                refusals.add(line, flag, "is empty")
                continue
            maps = by_flag.get(name.casefold())
            if not maps:
                continue
            student = row.get(key, "")
            before = len(refusals.items)
            if not student:
                refusals.add(line, key, "is empty")
            began = ended = None
            try:
                began = sis_date(source, line, start, row.get(start, "")) if start else None
            except ConsentFileError as exc:
                refusals.take(exc)
            try:
                ended = sis_date(source, line, end, row.get(end, "")) if end else None
            except ConsentFileError as exc:
                refusals.take(exc)
            if len(refusals.items) > before or (ended is not None and ended < year_begins):
                continue
            for mapping in maps:
                out.append(
                    ConsentRow(
                        line,
                        student,
                        True,
                        mapping.scope,
                        mapping.when_yes,
                        options.school_year,
                        began,
                        f"Infinite Campus flag {name}"[:255],
                    )  # fmt: skip
                )
        refusals.check(out)
        return out


register(InfiniteCampusConsents())
