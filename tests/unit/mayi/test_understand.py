"""Reading a question in a teacher's words: each fact with the words it came from, and
nothing the words do not say."""

from __future__ import annotations

import pytest

from lanyard.mayi.understand import situation_from, understand
from lanyard.policy import Situation


def facts(question: str) -> dict[str, object]:
    return {u.field: u.value for u in understand(question)}


def test_text_my_team_about_practice_from_my_phone() -> None:
    read = {
        u.field: (u.value, u.words)
        for u in understand("Can I text my team about practice from my phone?")
    }
    assert read["action"] == ("message", "text")
    assert read["channel.medium"] == ("text_message", "text")
    assert read["channel.device"] == ("personal", "my phone")
    assert read["counterparts.role"] == ("student", "my team")
    assert read["purpose"] == ("district_business", "about practice")


def test_nothing_is_guessed() -> None:
    read = facts("Can I text my team about practice from my phone?")
    for unstated in ("channel.account", "channel.network", "actor.on_duty", "actor.relationship"):
        assert unstated not in read


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "May I friend a parent on Facebook?",
            {
                "action": "friend_or_follow",
                "counterparts.role": "parent",
                "channel.platform": "facebook",
            },
        ),
        (
            "A student wrote me on Snapchat, can I reply?",
            {
                "action": "respond_to_contact",
                "counterparts.initiated_contact": True,
                "channel.disappearing": True,
            },
        ),
        (
            "Can I post a photo of my students on my personal Instagram?",
            {
                "action": "post",
                "content.student_images": True,
                "channel.account": "personal",
                "channel.medium": "social_post",
            },
        ),
        (
            "Can I start an Instagram account for the robotics club?",
            {"action": "create_account", "channel.platform": "instagram"},
        ),
        (
            "I got a threatening message from a student, what do I do?",
            {"action": "receive", "content.threatening": True},
        ),
        (
            "Can I email a parent from my gmail about grades?",
            {"action": "message", "channel.account": "personal", "content.student_records": True},
        ),
        (
            "Is it ok to message my own son during class?",
            {"counterparts.own_child": True, "actor.on_duty": True},
        ),
        (
            "Can I text my niece who is in 8th grade?",
            {"actor.relationship": "familial", "channel.medium": "text_message"},
        ),
    ],
)
def test_common_phrasings(question: str, expected: dict[str, object]) -> None:
    read = facts(question)
    for field, value in expected.items():
        assert read.get(field) == value, (question, field, read)


def test_what_is_read_is_a_valid_situation() -> None:
    for question in (
        "Can I text my team about practice from my phone?",
        "A student wrote me on Snapchat, can I reply?",
        "Can I post a photo of my students on my personal Instagram?",
    ):
        Situation.model_validate(situation_from("chsd-230", facts(question)))
