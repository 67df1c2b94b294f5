"""Pure rules of reports and cases: deadlines, the ladder, the threshold, attachments."""

from __future__ import annotations

import datetime as dt

import pytest

from lanyard.cases import domain
from lanyard.policy import load_pack

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


def test_immediately_is_one_hour_and_unstated_is_three_days() -> None:
    wilmette = load_pack("wilmette-39").document
    press = load_pack("press-5-125").document
    breach = domain.report_type(wilmette, "security-breach")
    assert domain.ack_due(breach, NOW) == NOW + dt.timedelta(hours=1)
    repeated = domain.report_type(press, "repeated-student-contact")
    assert domain.ack_window(repeated) == dt.timedelta(hours=72)


def test_ladder_goes_from_supervisor_to_principal_to_superintendent() -> None:
    roles = ["supervisor", "building_principal", "superintendent", "district"]
    assert domain.escalation_ladder(roles, ["supervisor"]) == (
        "building_principal",
        "superintendent",
    )
    assert domain.escalation_ladder(roles, ["technology_administrator"]) == ("superintendent",)


def test_contact_threshold_is_reached_at_the_count() -> None:
    press = load_pack("press-5-125").document
    chosen = domain.contact_report_type(press)
    assert chosen is not None and chosen.id == "repeated-student-contact"
    assert not domain.threshold_reached(1, chosen.threshold)
    assert domain.threshold_reached(2, chosen.threshold)
    assert domain.contact_report_type(load_pack("wilmette-39").document) is None


def test_mandated_types_are_not_fileable_and_show_the_state_hotline() -> None:
    press = load_pack("press-5-125").document
    assert "suspected-abuse-or-neglect" not in {r.id for r in domain.fileable(press)}
    assert domain.mandated_duty(press).hotline.phone == "1-800-252-2873"
    assert "county" in domain.mandated_duty(load_pack("wem-2143").document).hotline.name


@pytest.mark.parametrize(
    ("name", "kind", "data", "message"),
    [
        ("a.exe", "application/x-msdownload", b"MZ", "cannot be attached"),
        ("a.pdf", "application/pdf", b"MZ", "not a PDF"),
        ("a.txt", "text/plain", b"", "empty"),
        ("a.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "larger than"),
    ],
)
def test_bad_attachments_are_refused_naming_the_file(
    name: str, kind: str, data: bytes, message: str
) -> None:
    with pytest.raises(domain.CaseProblem, match=f"^file: .*{message}"):
        domain.check_attachment(name, kind, data, limit=16)
