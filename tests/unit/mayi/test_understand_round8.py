"""Causes of wrong facts found by the eighth round's new questions (questions-8.yaml): one
group of rows per cause, each a question, the facts it must give and the facts it must not
give. The rows are variations written for the tests, not the tuning questions themselves,
so a rule that only fixed one sentence fails the other rows."""

from __future__ import annotations

import pytest

from lanyard.mayi.understand import understand
from tests.unit.mayi.reading import assert_reads, rules


def reader(question: str) -> dict[str, object]:
    """The whole reader: the rules checked by the learned second reader."""
    return {u.field: u.value for u in understand(question)}


RULES = [
    # a lockdown says when, not why: a message to one's own family then is personal
    (
        "In a lockdown, can I text my husband that I'm safe?",
        {"purpose": "personal"},
        (),
    ),
    (
        "During a lockdown can I text parents that the kids are safe?",
        {"purpose": "district_business"},
        (),
    ),
    # a device that cannot be used is not the one the asker would use
    (
        "My phone is dead, can I use the classroom phone to call a parent?",
        {"channel.device": "district"},
        (),
    ),
    (
        "My cell died so can I email parents from home?",
        {"counterparts.role": "parent"},
        ("channel.device",),
    ),
    (
        "my laptop is broken. ok to email my class?",
        {"channel.medium": "email"},
        ("channel.device",),
    ),
    # whose device the asker would borrow is not whom it is with
    (
        "Can I borrow a coworker's laptop to email parents?",
        {"counterparts.role": "parent", "counterparts.count": 2},
        (),
    ),
    (
        "my cell is at home, can I use a student's phone to call the front office?",
        {"channel.medium": "phone"},
        ("counterparts.role", "counterparts.count", "channel.device"),
    ),
    # people said not to be in a picture are not pictured
    (
        "The kids won't be in the photo, can I post our classroom on Facebook?",
        {"action": "post"},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "my players wouldn't be shown, only the field. ok to post it?",
        {"action": "post"},
        ("counterparts.role", "counterparts.count"),
    ),
    # a person in a condition after the question is not whom it is with
    (
        "can I call the police on my own cell if a parent threatens me?",
        {"channel.device": "personal"},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Can I block a number on my phone if a student harasses me?",
        {},
        ("counterparts.role",),
    ),
    (
        "Can I answer if a parent texts me on a Sunday?",
        {"counterparts.role": "parent"},
        (),
    ),
    # a number of a group ("3 of my players") is part of it: those people
    (
        "Can I text 3 of my players to say the bus leaves at 6?",
        {"counterparts.role": "student", "counterparts.count": 2},
        (),
    ),
    (
        "ok to email a couple of my students about the makeup quiz?",
        {"counterparts.role": "student", "counterparts.count": 2},
        (),
    ),
    # students named to say what pictures show ("student photos"): how many is not said
    (
        "can a teacher post student photos on her personal Instagram?",
        {"counterparts.role": "student"},
        ("counterparts.count",),
    ),
    # the asker named as a person ("I'm a band mom") is not whom it is with
    (
        "I'm a band mom, can I post the marching band photos on my facebook?",
        {"action": "post"},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "As a parent myself, can I text my students' parents about the field trip?",
        {"counterparts.role": "parent", "counterparts.count": 2},
        (),
    ),
    # those a new page is for are its audience, not people in it
    (
        "Can I start a class Facebook page for the families?",
        {"action": "create_account"},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Can I make a class instagram with the students?",
        {"counterparts.role": "student"},
        (),
    ),
    # whom an impostor imitates is not who sent it
    (
        "Someone made a fake account of our superintendent and is messaging teachers. What do I "
        "do?",
        {"action": "receive"},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "a student is pretending to be my principal on insta. what do I do",
        {"counterparts.role": "student", "counterparts.count": 1},
        (),
    ),
]


@pytest.mark.parametrize(("question", "expected", "absent"), RULES)
def test_round8_rules(question: str, expected: dict[str, object], absent: tuple[str, ...]) -> None:
    assert_reads(question, expected, absent)


# A question passed on for someone who would act: the one who asked did not write first.
@pytest.mark.parametrize(
    "question",
    [
        "One of my teachers asked me if she can friend a parent she knows. What do I say?",
        "My para asked me if she can add a parent on Facebook. What should I say?",
        "our coach wants to know if he can DM players on insta",
    ],
)
def test_question_passed_on_is_no_contact(question: str) -> None:
    assert "counterparts.initiated_contact" not in reader(question)


def test_student_who_asked_the_asker_wrote_first() -> None:
    read = reader("A student asked me if I could follow her back on Instagram. Can I?")
    assert read.get("counterparts.initiated_contact") is True


def test_who_and_how_many_of_one_mention_go_together() -> None:
    """Who the counterpart is and how many are read from one mention: where the learned
    reader finds one unlikely, the other is not kept alone (a count of nobody known)."""
    for question in (
        "I'm a PTO mom. Can I post pictures from the fall festival on the PTO Facebook page?",
        "Someone is impersonating our principal on Facebook and friending parents. Help?",
    ):
        read = reader(question)
        assert ("counterparts.role" in read) == ("counterparts.count" in read), (question, read)


# Who would act: a question passed on for someone else is about that person's act, and the
# asker's own role ("I'm the principal", "I'm the team lead") is not the actor's.
@pytest.mark.parametrize(
    ("question", "role"),
    [
        (
            "One of my teachers asked me if she can friend a parent she knows. I'm the "
            "principal. What do I say?",
            "teacher",
        ),
        (
            "A teacher on my team asked me whether she can post class photos on her Instagram. "
            "I'm the team lead.",
            "teacher",
        ),
        ("our coach wants to know if he can DM players on insta", "coach"),
        ("My para asked me if she can add a parent on Facebook. What should I say?", "staff"),
        (
            "I'm the principal. A coach on my staff wants to text his players. Should I allow it?",
            "coach",
        ),
        ("I'm a teacher and my aide wants to friend a parent. Is that ok for her?", "staff"),
    ],
)
def test_the_one_who_would_act_is_the_actor(question: str, role: str) -> None:
    assert rules(question).get("actor.role") == role


@pytest.mark.parametrize(
    "question",
    [
        # a librarian may be a certified teacher: the contract leaves the role open
        "I'm the librarian. Can I email the 6th grade about overdue books?",
        # coaching beside a parent in a rec league is not the asker's school role
        "can I friend a parent I coach with in a rec league?",
        # the asker lets someone else act, or asks them to: not the asker's act
        "As an assistant principal, can I let a teacher post class photos on Instagram?",
        "As a teacher, can I ask my student teacher to post our class photos on her Instagram?",
        "I'm the coach, can I tell the team manager to text the players?",
    ],
)
def test_roles_the_words_leave_open(question: str) -> None:
    """Unknown rather than the asker's role where another may act ("let a teacher post")."""
    assert "actor.role" not in rules(question)


# The learned reader leaves the asker's role and whose account alone: a cue it has rarely seen
# ("I teach", "Soy consejera", "my yahoo") is kept.
@pytest.mark.parametrize(
    ("question", "field", "value"),
    [
        (
            "Sorry if this is silly. I teach 2nd grade. Can I text one of my parents?",
            "actor.role",
            "teacher",
        ),
        (
            "Can I call a student's cell if he skips detention? I'm the dean.",
            "actor.role",
            "administrator",
        ),
        ("Soy asistente de maestra. ¿Puedo llamar a los padres?", "actor.role", "staff"),
        (
            "My district email is locked. Can I use my yahoo to send the newsletter to families?",
            "channel.account",
            "personal",
        ),
    ],
)
def test_the_veto_leaves_role_and_account_alone(question: str, field: str, value: str) -> None:
    assert reader(question).get(field) == value
