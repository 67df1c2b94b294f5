"""Questions that name several people as whom one act is with ("my players and their
parents"): each is read as its own counterpart, in the order named, and the situation, the
follow-ups and the page keep them apart. The questions are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from lanyard.mayi.interpret import (
    FactProblem,
    askable,
    fact_name,
    fact_question,
    next_question,
    option_label,
    read,
)
from lanyard.mayi.understand import parse_value, situation_from, understand
from lanyard.policy import Situation, decide, load_pack


def counterparts(question: str) -> dict[str, Any]:
    return {u.field: u.value for u in understand(question) if u.field.startswith("counterparts.")}


def several(*people: tuple[str, int | None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, (role, count) in enumerate(people):
        out[f"counterparts.{i}.role"] = role
        if count is not None:
            out[f"counterparts.{i}.count"] = count
    return out


@pytest.mark.parametrize(
    ("question", "people"),
    [
        ("can I add a parent and their kid to a group text", [("parent", 1), ("student", 1)]),
        ("text my players and their parents", [("student", 2), ("parent", 2)]),
        (
            "Can I email my students and their parents about the field trip?",
            [("student", 2), ("parent", 2)],
        ),
        ("Is it ok to text a student and cc her dad?", [("student", 1), ("parent", 1)]),
        ("can i call a parent and the student together", [("parent", 1), ("student", 1)]),
        ("Can I start a GroupMe with my team and the parents?", [("student", 2), ("parent", 2)]),
        (
            "Can I text my coworker and my principal about the schedule?",
            [("employee", 1), ("administrator", 1)],
        ),
        (
            "Can I tell the nurse and the student's mom about the injury?",
            [("employee", 1), ("parent", 1)],
        ),
        (
            "is it ok to add my runners to a group chat w/ their parents",
            [("student", 2), ("parent", 2)],
        ),
        (
            "Can I text the volleyball girls if their moms are on the group text too?",
            [("student", 2), ("parent", 2)],
        ),
        (
            "Puedo mandar un mensaje a mis estudiantes y sus papás por WhatsApp?",
            [("student", 2), ("parent", 2)],
        ),
        ("Can I email my homeroom and their families?", [("student", 2), ("parent", 2)]),
        (
            "Can I text my players, their parents and the assistant coaches about the bus?",
            [("student", 2), ("parent", 2), ("employee", 2)],
        ),
        # the question's sentence names them; a later one says more about one of them
        ("Can I text a student and her mom? The student is 17.", [("student", 1), ("parent", 1)]),
    ],
)
def test_each_person_named_together_is_a_counterpart_in_the_order_named(
    question: str, people: list[tuple[str, int]]
) -> None:
    assert counterparts(question) == several(*people)


@pytest.mark.parametrize(
    ("question", "read_as"),
    [
        # one person, the other only whose child or whose record it is
        ("Can I text my students' parents?", {"counterparts.role": "parent"}),
        ("Can I text parents about their kids' grades?", {"counterparts.role": "parent"}),
        ("Can I text a parent when their kid is late?", {"counterparts.role": "parent"}),
        # a story before the question: only the question's people
        (
            "Last year a parent sent my texts to the principal. Can I text parents now?",
            {"counterparts.role": "parent"},
        ),
        # named apart, not joined: no one is guessed
        ("Can I send pics of the kids from the field trip to the parents?", {}),
        ("Can I text the kids on my bus route's parents?", {}),
        ("Can I text my players, their parents, the assistant coaches?", {}),
    ],
)
def test_people_named_apart_are_not_read_as_several(question: str, read_as: dict[str, Any]) -> None:
    got = counterparts(question)
    assert not any(f.startswith("counterparts.0.") for f in got), got
    assert {f: v for f, v in got.items() if f == "counterparts.role"} == read_as


def test_how_many_is_read_only_where_it_is_said_of_each() -> None:
    # "the parent group chat": parents, how many not said; so no count for either
    assert counterparts("Can I text my players and the parent group chat?") == several(
        ("student", None), ("parent", None)
    )


def test_a_fact_said_once_is_not_given_to_each_of_several() -> None:
    got = counterparts("Can I text a former student and her mom?")
    assert got == several(("student", 1), ("parent", 1))  # not "former" for the mom too


def test_the_situation_has_one_counterpart_per_person() -> None:
    draft = situation_from(
        "chsd-230",
        {
            "action": "message",
            **several(("student", 2), ("parent", 2)),
            "counterparts.grade_band": "high",  # said of each (an answer to a follow-up)
            "counterparts.1.grade_band": "middle",  # the second's own
        },
    )
    assert draft["counterparts"] == [
        {"role": "student", "count": 2, "grade_band": "high"},
        {"role": "parent", "count": 2, "grade_band": "middle"},
    ]
    assert Situation.model_validate(draft).flatten()["group_size"] == 4
    one = situation_from("chsd-230", {"action": "message", "counterparts.role": "student"})
    assert one["counterparts"] == [{"role": "student"}]


def test_reading_keeps_each_counterpart_and_takes_a_correction_of_one() -> None:
    question = "Can I text my players and their parents about practice?"
    got = read(question, district="chsd-230")
    assert got.situation()["counterparts"] == [
        {"role": "student", "count": 2},
        {"role": "parent", "count": 2},
    ]
    assert got.words["counterparts.1.role"] == "parents"
    fixed = read(question, {"counterparts.1.role": "employee"}, district="chsd-230")
    assert fixed.situation()["counterparts"][1] == {"role": "employee", "count": 2}
    assert fixed.words["counterparts.1.role"] == "your answer"
    unsure = read(question, {"counterparts.1.count": None}, district="chsd-230")
    assert unsure.situation()["counterparts"][1] == {"role": "parent"}
    assert {"counterparts.1.count", "counterparts.count"} <= unsure.declined


def test_an_answer_may_name_a_second_counterpart_and_index_0_is_the_one_named() -> None:
    question = "Can I text my players about practice?"
    alone = read(question, {"counterparts.0.grade_band": "high"}, district="chsd-230")
    assert alone.situation()["counterparts"] == [
        {"role": "student", "count": 2, "grade_band": "high"}
    ]
    added = read(question, {"counterparts.1.role": "parent"}, district="chsd-230")
    assert added.situation()["counterparts"] == [
        {"role": "student", "count": 2},
        {"role": "parent"},
    ]
    with pytest.raises(FactProblem):
        read(question, {"counterparts.10.role": "parent"}, district="chsd-230")


def test_the_decision_and_its_follow_up_use_every_counterpart() -> None:
    pack = load_pack("chsd-230")
    question = "Can I text my players and their parents about practice from my phone?"
    got = read(question, district="chsd-230")
    situation = Situation.model_validate(got.situation())
    assert [cp.role for cp in situation.counterparts or ()] == ["student", "parent"]
    decision = decide(pack, situation)
    following = next_question(decision, got)
    # who it is with and how many are known: never asked again
    assert following is None or following.fact not in ("counterparts.role", "counterparts.count")


def test_the_page_names_which_counterpart_a_fact_is_of() -> None:
    assert fact_question("counterparts.0.role") == "Who is it with? (the first you named)"
    assert fact_question("counterparts.1.count") == "One person or a group? (the second you named)"
    assert fact_question("counterparts.role") == "Who is it with?"
    assert option_label("counterparts.1.role", "parent") == "A parent or guardian"
    assert fact_name("counterparts.1.role") == "counterparts.role"
    assert askable("counterparts.1.role") and askable("counterparts.role")
    assert not askable("counterparts.10.role") and not askable("counterparts.1.nonsense")
    assert parse_value("counterparts.1.count", "2") == 2
