"""Retention periods and legal-hold coverage, pure."""

from __future__ import annotations

import datetime as dt

import pytest

from lanyard.records.domain import RecordsError
from lanyard.records.schedule import (
    FOREVER,
    Held,
    Hold,
    Period,
    check_settable,
    covering,
    covering_entry,
    entry_values,
    parse_period,
    record_type,
)


def test_periods_parse_and_count_back_from_now() -> None:
    assert parse_period("7y") == Period(7, "years")
    assert parse_period("18 months") == Period(18, "months")
    assert parse_period("90d") == Period(90, "days")
    assert parse_period("indefinitely") is FOREVER
    assert str(Period(1, "years")) == "1 year" and str(FOREVER) == "indefinitely"
    leap = dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC)
    assert Period(1, "years").cutoff(leap) == dt.datetime(2027, 2, 28, 12, tzinfo=dt.UTC)
    assert Period(18, "months").cutoff(leap) == dt.datetime(2026, 8, 29, 12, tzinfo=dt.UTC)
    assert FOREVER.cutoff(leap) is None
    for bad in ("0y", "7 weeks", "", "-1y"):
        with pytest.raises(RecordsError, match="period"):
            parse_period(bad)


def test_audit_entries_are_kept_at_least_a_year() -> None:
    for short in (Period(11, "months"), Period(364, "days")):
        with pytest.raises(RecordsError, match="audit: keep them at least 365 days"):
            check_settable(record_type("audit"), short)
    check_settable(record_type("audit"), Period(7))
    check_settable(record_type("audit"), Period(12, "months"))
    check_settable(record_type("audit"), FOREVER)
    with pytest.raises(RecordsError, match="record type 'emails'"):
        record_type("emails")


def test_a_hold_covers_an_audit_entry_that_names_its_person_building_or_case() -> None:
    day = dt.date(2026, 3, 2)
    values = entry_values("t-ruiz", "c1", None, {"after": {"students": ["s-maya"]}}, None)
    assert {"t-ruiz", "c1", "s-maya", "after", "students"} <= values
    person = Hold("h1", "person", person_id="s-maya")
    case = Hold("h2", "case", case_id="c1")
    building = Hold("h3", "building", building_id="b-hs", building_people=frozenset({"t-ruiz"}))
    other = Hold("h4", "person", person_id="t-cole")
    later = Hold("h5", "period", starts_on=dt.date(2026, 4, 1))
    found = covering_entry(day, values, None, [person, case, building, other, later])
    assert [h.id for h in found] == ["h1", "h2", "h3"]
    assert [h.id for h in covering_entry(day, frozenset(), "b-hs", [building])] == ["h3"]
    assert covering_entry(day, frozenset({"x"}), None, [other, later]) == []


def test_a_hold_covers_by_person_building_case_and_overlapping_dates() -> None:
    rec = Held(
        first=dt.date(2019, 1, 10),
        last=dt.date(2019, 6, 1),
        people=frozenset({"t-ruiz", "s-maya"}),
        building_id=None,
        case_id="c1",
    )
    by_student = Hold("h1", "person", person_id="s-maya")
    other = Hold("h2", "person", person_id="t-cole")
    building = Hold("h3", "building", building_id="b1", building_people=frozenset({"t-ruiz"}))
    case = Hold("h4", "case", case_id="c1")
    later = Hold("h5", "period", starts_on=dt.date(2019, 7, 1))
    overlapping = Hold("h6", "period", starts_on=dt.date(2019, 5, 1), ends_on=dt.date(2019, 5, 2))
    found = covering(rec, [by_student, other, building, case, later, overlapping])
    assert [h.id for h in found] == ["h1", "h3", "h4", "h6"]


def test_a_dated_hold_keeps_its_last_evening_in_a_district_behind_utc() -> None:
    # Held through March 31 by a Chicago district: a message sent at 20:00 CDT on March 31
    # is on April 1 in UTC, the day the record carries; the hold must still cover it.
    march = Hold("h1", "period", starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 31))
    evening = Held(first=dt.date(2026, 4, 1), last=dt.date(2026, 4, 1))
    assert [h.id for h in covering(evening, [march])] == ["h1"]
    assert [h.id for h in covering_entry(dt.date(2026, 4, 1), frozenset(), None, [march])] == ["h1"]
    # and, east of UTC, a first morning that is still the day before in UTC
    first_morning = Held(first=dt.date(2026, 2, 28), last=dt.date(2026, 2, 28))
    assert [h.id for h in covering(first_morning, [march])] == ["h1"]
    # two days past either end is no day of the hold in any zone
    later = Held(first=dt.date(2026, 4, 2), last=dt.date(2026, 4, 9))
    earlier = Held(first=dt.date(2026, 2, 1), last=dt.date(2026, 2, 27))
    assert covering(later, [march]) == []
    assert covering(earlier, [march]) == []
    assert covering_entry(dt.date(2026, 4, 2), frozenset(), None, [march]) == []
