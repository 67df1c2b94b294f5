"""A changed answer's situation in words an employee reads, with the right article."""

from __future__ import annotations

from lanyard.acknowledgments.domain import plain


def test_an_administrator_and_an_employee_take_an() -> None:
    assert plain({"counterpart.role": "administrator"}) == "with an administrator"
    assert plain({"counterpart.role": "employee", "purpose": "personal"}) == (
        "with an employee; purpose: personal"
    )


def test_a_student_keeps_a() -> None:
    assert plain({"counterpart.role": "student", "counterpart.own_child": True}) == (
        "with a student; who is your own child"
    )
