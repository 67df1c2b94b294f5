"""Phrasings the thirteenth round's questions (questions-12.yaml) found the reader missing:
one group of rows per cause, each a question, the facts the reader must give and the fields
it must not give. The rows are variations written for the tests, not the tuning questions
themselves, so a rule that only fixed one sentence fails the other rows."""

from __future__ import annotations

import pytest

from tests.unit.mayi.reading import assert_reads, rules

SCHOOL = {"purpose": "district_business"}
PERSONAL = {"purpose": "personal"}

PURPOSES = [
    # more of school life after "about / for / re:"
    ("Can I email the 7th grade teachers about the spring dance?", SCHOOL, ()),
    ("ok to text a mom re: the fundraiser?", SCHOOL, ()),
    ("Can I call a dad concerning his son's tardies?", SCHOOL, ()),
    ("Can I text my players about the banquet?", SCHOOL, ()),
    ("Can I email a student about her late work?", SCHOOL, ()),
    ("Can I DM a kid about the retake on Friday?", SCHOOL, ()),
    ("Can I email parents about summer reading?", SCHOOL, ()),
    ("¿Puedo mandarles un mensaje a los papás acerca del baile?", SCHOOL, ()),
    # the kids whose grades ("about their kids grades", "there" typed for "their")
    ("Can I text a parent about their kids grades?", SCHOOL, ()),
    ("is it ok to email a mom about there kids homework", SCHOOL, ()),
    # a school thing named without "about"
    ("Can I email my students the syllabus?", SCHOOL, ()),
    ("Can I text the class a study guide?", SCHOOL, ()),
    ("Can I text a student the lecture notes?", SCHOOL, ()),
    ("Can I text my team to bring their jerseys Friday?", SCHOOL, ()),
    ("Can I email a dad to set up a parent teacher conference?", SCHOOL, ()),
    ("Can I text a mom to sign the field trip form?", SCHOOL, ()),
    ("Can I text a coworker to cover my lunch duty?", SCHOOL, ()),
    ("Can I email a student about extra credit?", SCHOOL, ()),
    # the same nouns where they are not what the message is for
    ("Can I text my daughter about her prom dress?", {}, ("purpose",)),
    ("A reporter asked me about the bus crash. Can I answer?", {}, ("purpose",)),
    ("Can I text my coworker while I'm on lunch duty?", {}, ("purpose",)),
]


@pytest.mark.parametrize(("question", "expected", "absent"), PURPOSES)
def test_round13_purpose(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "action"),
    [
        # a login named by another word, or used by someone else from one's account
        ("Can I text my para my username for PowerSchool?", "share_credentials"),
        ("Can I let my TA post grades from my Canvas account?", "share_credentials"),
        ("¿Le puedo dar mi usuario y clave a mi asistente?", "share_credentials"),
        # the filter in other words
        (
            "The firewall blocks every video site. Can it be turned off for my class?",
            "disable_filter",
        ),
        ("Can I get access to blocked websites for my research unit?", "disable_filter"),
        # what arrived: a threat of violence, a request for one's password
        ("A kid posted that he'll shoot up the school tomorrow. What do I do?", "receive"),
        ("Me llegó un mensaje pidiendo mi contraseña. ¿Qué hago?", "receive"),
        # a new account, podcast or handle
        ("Can I start a class podcast?", "create_account"),
        ("Can we give the robotics club its own Instagram?", "create_account"),
        # friends, subscribers, a request answered
        ("Can I become Facebook friends with a parent?", "friend_or_follow"),
        ("Is it ok to subscribe to my student's channel?", "friend_or_follow"),
        ("Should I reply to a parent's follow request?", "friend_or_follow"),
        # a post in other words
        ("Can I throw up a photo of my class on Instagram?", "post"),
        ("Can I feature my students' essays in the school newsletter?", "post"),
        ("Can I give my team a shout-out on Facebook?", "post"),
        # selling in other words
        ("Can I tutor my students for money?", "commercial_use"),
        ("Can I take orders for my candles at the staff meeting?", "commercial_use"),
        ("Is it ok to hand out flyers for my lawn care business at the game?", "commercial_use"),
        ("Can I tell parents about my Norwex party?", "commercial_use"),
        # the media in other words
        ("Can I talk to a news crew about our garden?", "media_contact"),
        ("Is it ok to be quoted in the paper about the strike?", "media_contact"),
        ("Can I go on the radio to talk about our book drive?", "media_contact"),
        # software in other words
        ("Can I add a Chrome extension to the classroom computers?", "install_software"),
        ("Can I get Photoshop on the lab PCs?", "install_software"),
        # personal use in other words
        ("Can I make personal calls from my classroom phone?", "personal_use"),
        ("Can I plan my wedding on my school laptop at lunch?", "personal_use"),
        ("Is listening to podcasts on the district computer ok?", "personal_use"),
    ],
)
def test_round13_actions(question: str, action: str) -> None:
    assert rules(question).get("action") == action


def test_round13_flyers_for_a_church_sale_are_not_selling() -> None:
    got = rules("May I use the school copier to print flyers for my church bake sale?")
    assert got.get("action") != "commercial_use"


@pytest.mark.parametrize(
    "question",
    [
        # words near the new cues that are no such act
        "Can I text a parent that the firewall is down and class is online?",
        "Can I email parents that the magazine drive money is due?",
    ],
)
def test_round13_no_new_action_misread(question: str) -> None:
    assert rules(question).get("action") == "message"
