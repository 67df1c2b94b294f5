"""The pure pre-publication decisions: names (legal, preferred, possessive), consents per
use and year, the pack's clauses, recipients from pasted lists and saved messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from lanyard.moderation.classifiers.names import StudentNames
from lanyard.policy import load_pack
from lanyard.prepub.domain import (
    SCOPES,
    AddressBook,
    ConsentFileError,
    Directory,
    StudentConsent,
    Verdict,
    check_recipients,
    check_text,
    read_consents,
    recipients_from_eml,
    recipients_from_text,
    school_year_of,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "prepub"


@dataclass
class _Person:
    given_name: str
    family_name: str
    preferred_given_name: str | None = None


def _directory(consents: dict[str, StudentConsent]) -> Directory:
    people = {"s1": _Person("Jacob", "Marsh", "Jake"), "s2": _Person("Priya", "Natarajan")}
    ids = {}
    for sid, p in people.items():
        for given in (p.preferred_given_name, p.given_name):
            if given:
                ids[f"{given} {p.family_name}"] = sid
    return Directory(StudentNames.from_people(people.values()), ids, consents)


def test_a_preferred_name_and_a_possessive_find_the_opted_out_student() -> None:
    directory = _directory({"s1": StudentConsent({"newsletter": "opt_out"})})
    for text in ("Jake Marsh scored twice.", "Jake Marsh's goal won it.", "JAKE MARSH!"):
        result = check_text(text, use="newsletter", directory=directory)
        assert result.verdict is Verdict.UNSAFE, text
        assert result.findings[0].student_id == "s1"


def test_an_opt_out_for_one_use_leaves_another_to_the_consent_on_file() -> None:
    directory = _directory({"s2": StudentConsent({"social_media": "opt_out", "website": "opt_in"})})
    text = "Priya Natarajan read her poem at the assembly."
    assert check_text(text, use="social_media", directory=directory).verdict is Verdict.UNSAFE
    assert check_text(text, use="website", directory=directory).verdict is Verdict.SAFE
    # nothing on file for the yearbook: missing is not consent
    assert check_text(text, use="yearbook", directory=directory).verdict is Verdict.REVIEW


def test_a_draft_naming_nobody_is_safe() -> None:
    directory = _directory({})
    result = check_text("The fall concert is on Thursday at 7 pm in the gym.", use="website",
                        directory=directory)  # fmt: skip
    assert result.verdict is Verdict.SAFE and result.findings == ()


def test_the_clause_comes_from_the_pack() -> None:
    directory = _directory({"s1": StudentConsent({"name": "opt_out"})})
    result = check_text("Jake Marsh", use="website", directory=directory,
                        pack=load_pack("naperville-203"))  # fmt: skip
    citation = result.findings[0].citation
    assert citation is not None and citation.quote and citation.clause


def test_consents_file_rows_and_errors(tmp_path: Path) -> None:
    rows = read_consents(FIXTURES / "consents.csv")
    assert [(r.student, r.scope, r.decision, r.school_year) for r in rows][:2] == [
        ("u-s-2001", "social_media", "opt_out", 2027),
        ("u-s-2001", "website", "opt_in", 2027),
    ]
    assert rows[0].recorded_on == dt.date(2026, 8, 20)
    bad = tmp_path / "c.csv"
    bad.write_text("student_sourced_id,scope,decision,school_year\nu1,photos,opt_out,2027\n")
    with pytest.raises(ConsentFileError, match=r"c.csv, line 2, field 'scope'"):
        read_consents(bad)
    bad.write_text("student_sourced_id,scope,decision\nu1,photo,opt_out\n")
    with pytest.raises(ConsentFileError, match=r"line 1, field 'school_year': no such column"):
        read_consents(bad)


def test_a_consents_file_with_many_bad_rows_lists_each_and_caps_the_list(tmp_path: Path) -> None:
    lines = ["student_sourced_id,scope,decision,school_year,recorded_on"]
    lines += ["u1,photo,opt_out,2027,", "u2,pictures,maybe,2027,", "u3,photo,opt_in,27,2026-02-30"]
    lines += [f"u{n},website,opt_out,1999," for n in range(4, 154)]  # 150 bad years
    bad = tmp_path / "fall.csv"
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(ConsentFileError) as caught:
        read_consents(bad)
    error = caught.value
    assert len(error.refusals) == 2 + 2 + 150
    assert [str(r) for r in error.refusals[:4]] == [
        "fall.csv, line 3, field 'scope': 'pictures' is not one of " + ", ".join(SCOPES),
        "fall.csv, line 3, field 'decision': 'maybe' is not opt_out or opt_in",
        "fall.csv, line 4, field 'school_year': '27' is not an ending year like 2026",
        "fall.csv, line 4, field 'recorded_on': '2026-02-30' is not a date (2025-08-20)",
    ]
    assert (error.file, error.line, error.column) == ("fall.csv", 3, "scope")
    shown = str(error).splitlines()
    assert shown[0] == "154 problems in fall.csv:"
    assert len(shown) == 1 + 100 + 1 and shown[-1] == "  and 54 more"
    assert [r.student for r in error.rows] == ["u1"]


def test_school_year_turns_in_july() -> None:
    assert school_year_of(dt.date(2026, 6, 30)) == 2026
    assert school_year_of(dt.date(2026, 7, 1)) == 2027


BOOK = AddressBook(
    district_domains=frozenset({"example.org"}),
    family_of={
        "mom@example.net": "family:s1",
        "dad@example.com": "family:s1",
        "p2@example.net": "family:s2",
    },  # fmt: skip
    student_addresses=frozenset(),
    opted_out_families=frozenset(),
)


def test_two_parents_of_one_family_may_see_each_other() -> None:
    pasted = recipients_from_text(to="Mom <mom@example.net>; dad@example.com, t@example.org")
    assert check_recipients(pasted, book=BOOK).verdict is Verdict.SAFE
    pasted = recipients_from_text(to="mom@example.net", cc="p2@example.net")
    result = check_recipients(pasted, book=BOOK, pack=load_pack("naperville-203"))
    assert result.verdict is Verdict.UNSAFE
    assert result.findings[0].citation is not None
    assert result.findings[0].citation.rule == "group-email-bcc"


def test_a_saved_message_gives_its_headers_and_text_is_refused() -> None:
    message = recipients_from_eml((FIXTURES / "group_to_parents.eml").read_bytes())
    assert message.to == ("mary.hopper@example.net", "rramos.family@example.com",
                          "aturing@gmail.example.com")  # fmt: skip
    assert message.cc == ("cbabbage@example.org",) and message.sender == "alovelace@example.org"
    with pytest.raises(ValueError, match="no To, Cc or Bcc"):
        recipients_from_eml(b"hello, this is not a message")


def test_a_first_name_shared_by_students_is_sent_for_review_never_guessed() -> None:
    people = [_Person("Jacob", "Marsh", "Jake"), _Person("Jake", "Moreno"),
              _Person("Priya", "Natarajan")]  # fmt: skip
    ids = {"Jake Marsh": "s1", "Jacob Marsh": "s1", "Jake Moreno": "s3", "Priya Natarajan": "s2"}
    consents = {
        "s1": StudentConsent({"website": "opt_out"}),
        "s2": StudentConsent({"name": "opt_out"}),
    }
    directory = Directory(StudentNames.from_people(people), ids, consents)
    result = check_text("Jake M. from the 5th grade class won.", use="website", directory=directory)
    assert result.verdict is Verdict.REVIEW
    assert result.findings[0].candidates_opted_out == ("s1",)
    assert "any of 2 students" in result.findings[0].reason
    # one Priya in the directory, named with her class: she is the student
    result = check_text("Priya in 3rd grade won.", use="website", directory=directory)
    assert result.verdict is Verdict.UNSAFE and result.findings[0].student_id == "s2"
