"""The pure part of records exports: redaction and the chain-segment check."""

from __future__ import annotations

import pytest

from lanyard.records.domain import (
    AMBIGUOUS,
    GENESIS,
    RecordsError,
    Redactor,
    Student,
    check_segment,
    entry_digest,
    parse_types,
    record_html,
)

KEY = b"district-key"


def redactor() -> Redactor:
    return Redactor(
        [
            Student("s1", "Maya", "Okafor", None, ("SIS-1", "maya@students.example.org")),
            Student("s2", "Liam", "Okafor", "Billy", ("SIS-2",)),
        ],
        KEY,
    )


def test_a_full_name_becomes_one_pseudonym_and_a_shared_family_name_is_masked() -> None:
    r = redactor()
    counts: dict[str, int] = {}
    maya, liam = r.pseudonym("s1"), r.pseudonym("s2")
    out = r.text("Maya Okafor and Billy Okafor; the Okafor family (SIS-2).", counts)
    assert out == f"{maya} and {liam}; the {AMBIGUOUS} family ({liam})."
    assert counts == {"name": 3, "id": 1}


def test_an_email_address_and_a_capitalised_name_are_replaced() -> None:
    r = redactor()
    counts: dict[str, int] = {}
    out = r.text("Write to maya@students.example.org. MAYA said so.", counts)
    assert "maya" not in out.lower()
    assert out.endswith(f"{r.pseudonym('s1')} said so.")


def test_a_possessive_name_is_replaced_and_keeps_its_s() -> None:
    r = redactor()
    counts: dict[str, int] = {}
    assert r.text("Spoke with maya okafor's mother.", counts) == (
        f"Spoke with {r.pseudonym('s1')}'s mother."
    )


def test_a_pseudonym_is_stable_and_depends_on_the_key() -> None:
    assert redactor().pseudonym("s1") == redactor().pseudonym("s1")
    assert Redactor([], b"other").pseudonym("s1") != redactor().pseudonym("s1")


def test_words_that_are_no_students_name_are_left_alone() -> None:
    counts: dict[str, int] = {}
    assert redactor().text("Mayan history with Mr. Okaforth", counts) == (
        "Mayan history with Mr. Okaforth"
    )
    assert counts == {}


def chain(n: int) -> list[dict[str, object]]:
    lines: list[dict[str, object]] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        entry: dict[str, object] = {
            "seq": seq,
            "at": "2026-03-01T00:00:00+00:00",
            "actor_id": "p1",
            "event": "x:y",
            "subject_type": "t",
            "subject_id": str(seq),
            "building_id": None,
            "before": None,
            "after": {"n": seq},
            "prev_hash": prev,
        }
        entry["hash"] = entry_digest(prev, entry)
        prev = str(entry["hash"])
        lines.append(entry)
    return lines


def test_a_whole_segment_matches_its_checkpoint() -> None:
    lines = chain(5)
    result = check_segment(
        lines,
        anchor_seq=0,
        anchor_hash=GENESIS,
        last_seq=5,
        checkpoint_seq=5,
        checkpoint_head=str(lines[-1]["hash"]),
    )
    assert result.problems == [] and result.recomputed == 5


def test_a_removed_last_entry_and_an_edited_one_are_named() -> None:
    lines = chain(5)
    head = str(lines[-1]["hash"])
    result = check_segment(
        lines[:4],
        anchor_seq=0,
        anchor_hash=GENESIS,
        last_seq=5,
        checkpoint_seq=5,
        checkpoint_head=head,
    )
    assert "audit chain: entry 5 is missing (the segment ends at entry 4)" in (result.problems)
    lines[1]["after"] = {"n": 99}
    result = check_segment(
        lines, anchor_seq=0, anchor_hash=GENESIS, last_seq=5, checkpoint_seq=5, checkpoint_head=head
    )
    assert result.problems == ["audit chain: entry 2 was changed after it was written"]


def test_types_and_pages() -> None:
    assert parse_types("audit,cases") == ("cases", "audit")
    with pytest.raises(RecordsError, match="unknown record type"):
        parse_types("cases,email")
    assert "&lt;script&gt;" in record_html("x", {"summary": "<script>"})
