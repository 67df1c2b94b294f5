"""The record's facts go into a copy of the draft: what the person typed stays as typed."""

from __future__ import annotations

import copy
import datetime as dt

from lanyard.mayi.domain import RecordFacts, fill_from_record


def test_the_record_fills_a_copy_and_leaves_the_typed_draft_as_it_was() -> None:
    draft = {
        "action": "message",
        "actor": {"role": "teacher", "approvals": ["club_account"], "on_duty": False},
        "channel": {"medium": "text_message", "account": "personal"},
        "counterparts": [{"role": "student", "count": 1, "age_under_13": False}],
        "content": {"student_pii": False},
    }
    typed = copy.deepcopy(draft)
    record = RecordFacts(
        role="coach",
        approvals=(),
        approvals_known=True,
        relationship="coach_of",
        counterpart_birth_date=dt.date(2016, 3, 1),
    )

    filled, facts = fill_from_record(draft, record, dt.date(2026, 12, 7))

    assert draft == typed
    assert filled["actor"] == {
        "role": "coach",
        "approvals": [],
        "on_duty": False,
        "relationship": "coach_of",
    }
    assert filled["counterparts"][0]["age_under_13"] is True
    assert filled["channel"] == typed["channel"]
    assert filled["channel"] is not draft["channel"]
    assert {f.field for f in facts} == {
        "actor.role",
        "actor.approvals",
        "actor.relationship",
        "counterparts[0].age_under_13",
    }
