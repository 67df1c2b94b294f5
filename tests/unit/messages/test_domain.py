"""Who is who, situations, findings, review patterns and solicitation: pure tests."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from lanyard.messages.domain import (
    Directory,
    Evaluator,
    HeldApproval,
    Known,
    ReviewSettings,
    ShapeIndex,
    VolumeCounter,
    grade_band,
    is_late,
    one_student,
    shape_of,
)
from lanyard.messages.solicitation import find_marks
from lanyard.policy import load_pack

TEACHER = Known("t1", "staff", "teacher", "b1")
VOLUNTEER = Known("v1", "volunteer", None, "b1")
STUDENT = Known("s1", "student", None, "b1", grades="10")
PARENT = Known("p1", "parent")
AT = dt.datetime(2025, 10, 2, 15, 0, tzinfo=dt.UTC)


def directory(**kwargs: object) -> Directory:
    return Directory(
        district_domains=["example.org", "students.example.org"],
        people={
            "teach@example.org": TEACHER,
            "vol@example.net": VOLUNTEER,
            "kid@students.example.org": STUDENT,
            "kid.home@example.net": STUDENT,
            "mom@example.net": PARENT,
            "canvas:7": STUDENT,
        },
        personal_keys={"kid.home@example.net"},
        **kwargs,  # type: ignore[arg-type]
    )


def test_resolves_district_and_personal_accounts_and_leaves_strangers_unknown() -> None:
    d = directory()
    assert (
        d.resolve("kid@students.example.org").role,
        d.resolve("kid@students.example.org").account,
    ) == ("student", "district")
    home = d.resolve("kid.home@example.net")
    assert (home.role, home.account, home.person) == ("student", "personal", STUDENT)
    assert d.resolve("mom@example.net").role == "parent"
    stranger = d.resolve("someone@example.com")
    assert (stranger.person, stranger.role, stranger.account) == (None, None, None)
    shared = d.resolve("office@example.org")  # a district mailbox nobody in the directory
    assert (shared.person, shared.role, shared.account) == (None, None, "district")
    assert d.resolve("canvas:7").account == "district"


def shape(d: Directory, sender: str, *to: str, medium: str = "email"):  # type: ignore[no-untyped-def]
    return shape_of(
        d,
        sender=d.resolve(sender),
        recipients=[d.resolve(k) for k in to],
        medium=medium,
        platform=None,
        account=None,
        sent_at=AT,
    )


def test_only_staff_and_volunteers_are_actors() -> None:
    d = directory()
    assert shape(d, "kid@students.example.org", "teach@example.org") is None
    assert shape(d, "someone@example.com", "kid@students.example.org") is None
    s = shape(d, "vol@example.net", "kid@students.example.org")
    assert s is not None and s.actor_role == "volunteer" and s.account == "personal"


def test_counterparts_are_grouped_with_student_facts() -> None:
    s = shape(
        directory(),
        "teach@example.org",
        "kid@students.example.org",
        "mom@example.net",
        "someone@example.com",
    )
    assert s is not None
    flat = s.situation("chsd-230")
    assert flat["group_size"] == 3
    roles = {(cp.get("role"), cp.get("account")) for cp in flat["counterparts"]}
    # the stranger is a counterpart of unknown role and account, never guessed
    assert roles == {(None, None), ("parent", "personal"), ("student", "district")}
    student = next(cp for cp in flat["counterparts"] if cp.get("role") == "student")
    assert student["grade_band"] == "high" and student["former_student"] is False


def test_writing_to_a_students_personal_address_is_a_finding_with_its_clause() -> None:
    evaluator = Evaluator(load_pack("chsd-230"))
    s = shape(directory(), "teach@example.org", "kid.home@example.net")
    assert s is not None
    (finding,) = evaluator.findings(s)
    assert finding.rule_id == "email-students-district-address"
    assert finding.verdict == "prohibited"
    assert "students' District issued email accounts" in finding.quote
    # the same shape is decided once
    evaluator.findings(s)
    assert evaluator.decided == 1


def test_district_email_to_a_students_district_address_is_no_finding() -> None:
    evaluator = Evaluator(load_pack("chsd-230"))
    s = shape(directory(), "teach@example.org", "kid@students.example.org")
    assert s is not None and evaluator.findings(s) == ()


def test_an_approval_on_file_counts_only_within_its_limits() -> None:
    held = {"t1": (HeldApproval("x", AT - dt.timedelta(days=1), None, ("group_only",)),)}
    d = directory(approvals=held)
    one = shape(d, "teach@example.org", "kid@students.example.org")
    two = shape(d, "teach@example.org", "kid@students.example.org", "mom@example.net")
    assert one is not None and one.approvals == ()
    assert two is not None and two.approvals == ("x",)


def test_late_night_is_read_in_the_districts_time_zone() -> None:
    review = ReviewSettings(timezone=ZoneInfo("America/Chicago"))
    # 04:40 UTC is 23:40 in Chicago (daylight time): late; 15:00 UTC is 10:00: not
    assert is_late(dt.datetime(2025, 10, 3, 4, 40, tzinfo=dt.UTC), review)
    assert not is_late(AT, review)
    d = directory()
    assert one_student([d.resolve("kid@students.example.org")]) is not None
    assert (
        one_student([d.resolve("kid@students.example.org"), d.resolve("mom@example.net")]) is None
    )


def test_daily_volume_is_reported_once_when_it_reaches_the_threshold() -> None:
    counter = VolumeCounter(ReviewSettings(timezone=dt.UTC, daily_volume=3))
    hits = [counter.add("t1", "s1", AT + dt.timedelta(minutes=i)) for i in range(5)]
    assert hits == [False, False, True, False, False]


def test_daily_volume_counts_each_pair_and_each_local_day_apart() -> None:
    counter = VolumeCounter(ReviewSettings(timezone=ZoneInfo("America/Chicago"), daily_volume=2))
    late = dt.datetime(2025, 10, 3, 4, 30, tzinfo=dt.UTC)  # 23:30 on the 2nd in Chicago
    assert counter.add("t1", "s1", late) is False
    assert counter.add("t1", "s2", late) is False  # another student
    assert counter.add("t2", "s1", late) is False  # another teacher
    assert counter.add("s1", "t1", late) is False  # not the same pair either way round
    assert counter.add("t1", "s1", late + dt.timedelta(hours=2)) is False  # the 3rd, local
    assert counter.add("t1", "s1", late - dt.timedelta(hours=20)) is True  # the 2nd again


@pytest.mark.parametrize(
    ("grades", "band"),
    [("KG", "elementary"), ("05", "elementary"), ("07", "middle"), ("09,10", "high"), (None, None)],
)
def test_grade_band(grades: str | None, band: str | None) -> None:
    assert grade_band(grades) == band


@pytest.mark.parametrize(
    ("body", "kinds"),
    [
        ("Easier if you just text me at (555) 014-2299", ["text_me", "phone_number"]),
        ("add me on snap, my snapchat is mslovelace", ["disappearing", "disappearing"]),
        ("DM me on insta if you need help", ["social_dm"]),
        ("write to me at ada.home@example.net", ["personal_email"]),
        ("my cell is 555.014.2299", ["text_me", "phone_number"]),
        ("Send it to alovelace@example.org please", []),
        ("The lab is in room 204 at 7:30; bring a calculator.", []),
        ("Read chapter 3 and text me your questions", ["text_me"]),
    ],
)
def test_solicitation_marks_the_words(body: str, kinds: list[str]) -> None:
    marks = find_marks(body, ["example.org"])
    assert [m.kind for m in marks] == kinds
    for m in marks:
        assert body[m.start : m.end] == m.words


def test_the_volume_counter_agrees_with_counting_in_a_dict_as_its_table_grows() -> None:
    rng = random.Random(5)
    review = ReviewSettings(timezone=ZoneInfo("America/Chicago"), daily_volume=4)
    counter = VolumeCounter(review, max_pairs=3000)
    counts: dict[tuple[str, str, dt.date], int] = {}
    for _ in range(40_000):
        employee, student = f"t{rng.randrange(40)}", f"s{rng.randrange(60)}"
        sent_at = AT + dt.timedelta(minutes=rng.randrange(3 * 24 * 60))
        key = (employee, student, sent_at.astimezone(review.timezone).date())
        if key not in counts and len(counts) >= 3000:
            expected = False
        else:
            counts[key] = counts.get(key, 0) + 1
            expected = counts[key] == 4
        assert counter.add(employee, student, sent_at) is expected
    assert counter.pairs == len(counts) == 3000
    assert counter.uncounted > 0


def test_the_volume_counter_stays_bounded_and_says_what_it_left_out() -> None:
    counter = VolumeCounter(ReviewSettings(timezone=dt.UTC, daily_volume=2), max_pairs=2)
    assert counter.add("t1", "s1", AT) is False
    assert counter.add("t1", "s2", AT) is False
    assert counter.add("t1", "s3", AT) is False  # a third pair: not counted
    assert counter.add("t1", "s1", AT) is True  # pairs already counted go on
    assert (counter.pairs, counter.uncounted) == (2, 1)


def test_the_shape_index_gives_the_shape_shape_of_gives() -> None:
    # a second teacher, with an approval on file, and a disclosed relationship
    other = Known("t2", "staff", "administrator", "b1")
    young = Known("s2", "student", None, "b1", grades="3", birth_date=dt.date(2016, 5, 1))
    d = Directory(
        district_domains=["example.org", "students.example.org"],
        people={
            "teach@example.org": TEACHER,
            "boss@example.org": other,
            "vol@example.net": VOLUNTEER,
            "kid@students.example.org": STUDENT,
            "kid.home@example.net": STUDENT,
            "small@students.example.org": young,
            "mom@example.net": PARENT,
        },
        personal_keys={"kid.home@example.net"},
        disclosures={("t2", "s1"): "familial"},
        approvals={"t2": (HeldApproval("x", AT - dt.timedelta(days=1)),)},
    )
    index = ShapeIndex(d)
    lists = [
        ["kid@students.example.org"],
        ["kid.home@example.net"],
        ["kid@students.example.org", "small@students.example.org", "mom@example.net"],
        ["small@students.example.org", "kid@students.example.org", "stranger@example.com"],
        ["office@example.org", "teach@example.org", "boss@example.org"],
        [],
    ]
    seen = set()
    for sender in ("teach@example.org", "boss@example.org", "vol@example.net", "mom@example.net"):
        for to in lists:
            for at in (AT, AT + dt.timedelta(days=400)):  # the young student's age changes
                kw = {
                    "sender": d.resolve(sender),
                    "recipients": [d.resolve(k) for k in to],
                    "medium": "email",
                    "platform": None,
                    "account": None,
                    "sent_at": at,
                }
                key = index.key(**kw)  # type: ignore[arg-type]
                expected = shape_of(d, **kw)  # type: ignore[arg-type]
                assert (index.shape(key) if key is not None else None) == expected
                parties, again = index.resolve_and_key(**{**kw, "recipients": to})  # type: ignore[arg-type]
                assert parties == kw["recipients"] and again == key
                seen.add(expected)
    assert len(seen) > 10  # the cases differ, so the index had something to tell apart
