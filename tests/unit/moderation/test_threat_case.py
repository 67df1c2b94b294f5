"""Every pack has a report type a threat opens a case of, and guidance that starts with 911."""

from __future__ import annotations

import pytest

from lanyard.cases import domain
from lanyard.moderation.queue import threat_guidance
from lanyard.policy import load_pack
from lanyard.policy.loader import builtin_pack_ids

PACKS = sorted(builtin_pack_ids())


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_pack_resolves_a_report_type_for_a_threat(pack_id: str) -> None:
    pack = load_pack(pack_id).document
    guidance = threat_guidance(pack)
    assert guidance.report_type is not None
    report = domain.report_type(pack, guidance.report_type)
    assert domain.routed_roles(report), "a threat case goes to someone in the district"
    assert domain.ack_window(report) == domain.IMMEDIATELY
    assert guidance.advice.startswith("If anyone is in immediate danger, call 911.")


def test_a_pack_with_its_own_threat_report_keeps_it_and_names_the_police() -> None:
    pack = load_pack("naperville-203").document
    guidance = threat_guidance(pack)
    assert guidance.report_type == "threatening-post"
    assert not domain.is_builtin(pack, domain.report_type(pack, "threatening-post"))
    assert guidance.outside_contacts == ("law_enforcement",)
    assert "call your local police" in guidance.advice
    # Lanyard's own type is not offered where the pack has one
    with pytest.raises(domain.CaseProblem):
        domain.report_type(pack, domain.THREATENING_COMMENT)


@pytest.mark.parametrize("pack_id", ["chsd-230", "press-5-125", "wem-2143", "wilmette-39"])
def test_without_one_lanyard_routes_to_the_building_administration_and_safety_contact(
    pack_id: str,
) -> None:
    pack = load_pack(pack_id).document
    report = domain.report_type(pack, domain.THREATENING_COMMENT)
    assert domain.is_builtin(pack, report)
    assert set(report.to) <= {"building_principal", "building_administration"}
    assert set(report.to) <= {r.id for r in pack.roles}
    assert "safety contact" in threat_guidance(pack).routed_to
    assert report not in domain.fileable(pack)  # never filed from the reports page


def test_the_builtin_report_quotes_the_packs_threat_criterion_verbatim() -> None:
    pack = load_pack("wilmette-39").document
    report = domain.builtin_threat_report(pack)
    criterion = next(c for c in pack.deletion_criteria if c.category == "threat")
    assert (report.clause, report.quote) == (criterion.clause, criterion.quote)
    # a pack without a threat criterion says the words are Lanyard's
    assert domain.builtin_threat_report(load_pack("chsd-230").document).clause.startswith("Lanyard")
