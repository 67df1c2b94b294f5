"""Planted messages of each kind through every pack: the rule each district's text
draws fires, and district mail to a student's district address fires nothing anywhere.
Where a pack's rule needs a fact no log shows (Wilmette's and WEM's bans are about
district business, and the purpose of a message is not in a log), nothing fires: the
engine never guesses."""

from __future__ import annotations

import datetime as dt

import pytest

from lanyard.messages.domain import Directory, Evaluator, Known, shape_of
from lanyard.policy import builtin_pack_ids, load_pack

TEACHER = Known("t1", "staff", "teacher", "b1")
VOLUNTEER = Known("v1", "volunteer", None, "b1")
STUDENT = Known("s1", "student", None, "b1", grades="10")
OTHER = Known("s2", "student", None, "b1", grades="10")
AT = dt.datetime(2025, 10, 2, 15, 0, tzinfo=dt.UTC)
DIRECTORY = Directory(
    district_domains=["example.org", "students.example.org"],
    people={
        "t@example.org": TEACHER,
        "v@example.net": VOLUNTEER,
        "s@students.example.org": STUDENT,
        "s.home@example.net": STUDENT,
        "s2@students.example.org": OTHER,
    },
    personal_keys={"s.home@example.net"},
)
PLANTED = {
    "email to a student's personal address": (
        "t@example.org",
        ["s.home@example.net"],
        "email",
        None,
        None,
    ),
    "text message to a student": (
        "t@example.org",
        ["s@students.example.org"],
        "text_message",
        None,
        "personal",
    ),
    "Snapchat to a student": (
        "t@example.org",
        ["s@students.example.org"],
        "social_dm",
        "snapchat",
        "personal",
    ),
    "volunteer to one student": ("v@example.net", ["s@students.example.org"], "email", None, None),
    "volunteer to two students": (
        "v@example.net",
        ["s@students.example.org", "s2@students.example.org"],
        "email",
        None,
        None,
    ),
    "district mail to a student's district address": (
        "t@example.org",
        ["s@students.example.org"],
        "email",
        None,
        None,
    ),
}
EXPECTED = {
    ("chsd-230", "email to a student's personal address"): {"email-students-district-address"},
    ("chsd-230", "text message to a student"): {"no-text-social-private-email-students"},
    ("chsd-230", "Snapchat to a student"): {"no-text-social-private-email-students"},
    ("naperville-203", "text message to a student"): {
        "students-no-personal-accounts",
        "students-no-other-platform",
    },
    ("naperville-203", "Snapchat to a student"): {
        "students-no-personal-accounts",
        "students-no-other-platform",
        "students-no-personal-social-media",
        "students-only-district-social-media",
    },
    ("naperville-203", "volunteer to one student"): {"volunteers-no-direct-student-contact"},
    ("naperville-203", "volunteer to two students"): {"volunteers-no-direct-student-contact"},
    ("press-5-125", "text message to a student"): {
        "personal-or-social-channel-with-students-and-parents"
    },
    ("press-5-125", "Snapchat to a student"): {
        "personal-or-social-channel-with-students-and-parents"
    },
}


@pytest.mark.parametrize("pack_id", builtin_pack_ids())
@pytest.mark.parametrize("case", list(PLANTED))
def test_planted_message(pack_id: str, case: str) -> None:
    sender, to, medium, platform, account = PLANTED[case]
    shape = shape_of(
        DIRECTORY,
        sender=DIRECTORY.resolve(sender),
        recipients=[DIRECTORY.resolve(k) for k in to],
        medium=medium,
        platform=platform,
        account=account,
        sent_at=AT,
    )
    assert shape is not None
    found = Evaluator(load_pack(pack_id)).findings(shape)
    assert {f.rule_id for f in found} == EXPECTED.get((pack_id, case), set())
    for f in found:
        assert f.clause and f.quote and f.verdict == "prohibited"
