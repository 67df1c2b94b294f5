"""PowerSchool: a Data Export Manager (or sqlReport) export of the students' custom
consent fields, keyed by ``Student_Number`` (``Students.Student_Number`` with table names
in the header). The fields are district-defined ("Permission to Publish" Yes/No, "Media
Opt Out", "No Photo"; formats.md 1.14), so each is read through the district's mapping:
``--map Permission_to_Publish=all:permission`` (Yes = a release, No = an opt-out) or
``--map Media_Opt_Out=photo`` (Yes = opted out). A blank cell records nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lanyard.connectors.consents.base import (
    ReadOptions,
    require_column,
    require_maps,
    table,
    yes_no_rows,
)
from lanyard.connectors.consents.registry import register
from lanyard.prepub.domain import ConsentRow

_KEY = re.compile(r"(?:students\.|\[students\])?student_number", re.IGNORECASE)
KEYS = ("Student_Number", "Students.Student_Number", "[Students]Student_Number")


class PowerSchoolConsents:
    format = "powerschool"
    title = "PowerSchool export: Student_Number and the district's consent fields (Yes/No)"

    def detect(self, columns: Sequence[str]) -> bool:
        # PowerSchool's own spelling, with its underscore (Infinite Campus says studentNumber)
        return any(_KEY.fullmatch(c) for c in columns)

    def read(self, source: str, text: str, options: ReadOptions) -> list[ConsentRow]:
        require_maps(source, options, "fields", "Permission_to_Publish=all:permission")
        data = table(text)
        key = require_column(source, data.columns, "Student_Number", *KEYS[1:])
        return yes_no_rows(
            source, data, key, options, by_identifier=True, label=f"PowerSchool {source}"
        )


register(PowerSchoolConsents())
