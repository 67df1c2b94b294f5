"""Causes of wrong and missing facts found by the ninth round's new questions
(questions-9.yaml): one group of rows per cause, each a question, the facts the rules must give
and the facts they must not give. The rows are variations written for the tests, not the tuning
questions themselves, so a rule that only fixed one sentence fails the other rows."""

from __future__ import annotations

import pytest

from tests.unit.mayi.reading import assert_reads

STUDENTS = {"counterparts.role": "student", "counterparts.count": 2}

RULES = [
    # names made unreadable in what is shown: no names, and never "names shown"
    (
        "Can I post a photo of the spelling chart with the students' names blurred out?",
        {"content.student_pii": False},
        (),
    ),
    ("ok to share the seating chart if I cover the names?", {"content.student_pii": False}, ()),
    (
        "Can I tweet our science fair board? Kids' names are hidden.",
        {"content.student_pii": False},
        (),
    ),
    (
        "Can I post the class list with their names on it?",
        {},
        (),
    ),
    # a group of students named by their team or level with girls/boys, or the whole roster
    ("Can I email my softball girls the new practice schedule?", STUDENTS, ()),
    ("is it ok to DM my varsity boys on insta", STUDENTS, ()),
    ("can i group text our cross country girls about the meet", STUDENTS, ()),
    ("Can I message the entire roster on GroupMe?", STUDENTS, ()),
    ("Can I text my girls tonight?", {}, ("counterparts.role", "counterparts.count")),
    # a class named by its period: those students, unless the period only says when
    ("Can I Remind my 5th period about the test?", STUDENTS, ()),
    ("our 2nd hour wants a class instagram. allowed?", {"counterparts.role": "student"}, ()),
    (
        "Can I check my personal email during my 3rd period?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Can I text a parent after my 6th hour?",
        {"counterparts.role": "parent", "counterparts.count": 1},
        (),
    ),
    # what is told about someone ("text the nurse that a kid threw up") is not whom it is with
    (
        "Can I text my assistant principal that a dad cussed me out?",
        {"counterparts.role": "administrator", "counterparts.count": 1},
        (),
    ),
    (
        "can I email the counselor that a kid was crying in the bathroom",
        {"counterparts.role": "employee", "counterparts.count": 1},
        (),
    ),
    (
        "Is it ok to email my principal that some parents complained?",
        {"counterparts.role": "administrator"},
        (),
    ),
    # ... while a text or e-mail "that a parent started" is the parent's
    (
        "can I answer in the group chat that a parent started?",
        {"counterparts.role": "parent"},
        (),
    ),
    # whose thing is passed on is not whom it is with
    (
        "Can I forward a parent's rude email to my principal?",
        {"counterparts.role": "administrator", "counterparts.count": 1},
        (),
    ),
    (
        "Can I show a parent's text messages to my department head?",
        {"counterparts.role": "employee", "counterparts.count": 1},
        (),
    ),
    (
        "Can I reply to a parent's email from my phone?",
        {"counterparts.role": "parent", "counterparts.count": 1},
        (),
    ),
    # a person noun naming what a thing is for ("sub plans", "the sub folder") is nobody
    (
        "can I text my sub plans to the front office?",
        {},
        ("counterparts.count",),
    ),
    (
        "Can I email the sub folder from my gmail?",
        {"channel.account": "personal"},
        ("counterparts.role", "counterparts.count"),
    ),
    ("Can I email my sub about the fire drill?", {"counterparts.role": "employee"}, ()),
    # each or every one of a group is the group
    ("Can I text every parent on my roster?", {"counterparts.count": 2}, ()),
    ("is it ok to call each student at home?", {"counterparts.count": 2}, ()),
    ("Can I text one parent about the trip?", {"counterparts.count": 1}, ()),
    # a parent named by a school role who would act is not whom it is with
    (
        "Our room mom wants to make a Facebook page. Is that allowed?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "the band mom is asking if she can post the trip photos",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    ("Can I text the team mom about snacks?", {"counterparts.role": "parent"}, ()),
    # a spouse who would act is not whom it is with
    (
        "My wife works in the front office. Can she text my students?",
        {"counterparts.role": "student"},
        ("actor.relationship",),
    ),
    (
        "My husband is a sub here. Could he friend the kids on my team?",
        {},
        ("actor.relationship",),
    ),
    (
        "My wife is a teacher at my school. Can I text her during class?",
        {"actor.relationship": "familial"},
        (),
    ),
    # a link to a page names where the thing is, not how it is sent
    (
        "Can I text my players a link to my Instagram highlight reel?",
        {"channel.medium": "text_message"},
        ("channel.platform",),
    ),
    (
        "can I send parents the link for our class TikTok",
        {},
        ("channel.platform",),
    ),
    ("Can I DM a parent on Instagram?", {"channel.platform": "instagram"}, ()),
    # something odd that arrived, with the asker at a loss, is dealt with, not answered
    (
        "I got a strange DM from someone I don't know asking where I live. What do I do?",
        {"action": "receive"},
        (),
    ),
    (
        "got a text from a number I don't recognize asking for gift cards. should I report it?",
        {"action": "receive"},
        (),
    ),
    (
        "Received an email with a link to reset my password. Should I click it?",
        {"action": "receive"},
        (),
    ),
    (
        "A parent keeps sending me videos on Facebook at night. What should I do?",
        {"action": "receive"},
        (),
    ),
    (
        "I got a weird text from a mom about the field trip. Can I text her back?",
        {"action": "respond_to_contact"},
        (),
    ),
    ("I got an email from a parent. Can I forward it to my principal?", {"action": "message"}, ()),
    # a list or the names of people is what is sent, not whom it is sent to
    (
        "Can I email a list of absent students to the coaches?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Can I text the names of the failing kids to their parents?",
        {"counterparts.role": "parent", "counterparts.count": 2},
        (),
    ),
    # "my parents" in a teacher's mouth may be the class's parents: not the asker's family
    (
        "Can I keep texting my parents from my cell?",
        {"action": "message"},
        ("purpose", "actor.relationship"),
    ),
    ("Can I FaceTime my mom during my prep?", {"action": "personal_use"}, ()),
    # "for me, as a principal, to …": the asker's role; following colleagues is following
    (
        "Would it be appropriate for me, as a head coach, to email the players?",
        {"actor.role": "coach"},
        (),
    ),
    ("Can I follow coworkers on Instagram?", {"action": "friend_or_follow"}, ()),
    ("is it ok to follow my players on tiktok", {"action": "friend_or_follow"}, ()),
    ("Do I have to follow the new phone policy?", {}, ("action",)),
    # where someone else was ("a student who was crying in class") is not the asker's time
    (
        "Can I text the counselor about a kid who was upset in class?",
        {"action": "message"},
        ("actor.on_duty",),
    ),
    ("Mi hija está en la clase de otro maestro. ¿Le puedo escribir a él?", {}, ("actor.on_duty",)),
    ("Can I check my texts in class?", {"actor.on_duty": True}, ()),
    # in a post, people who did something in a story before it are not who is in it
    (
        "My kids wrote me thank-you notes. Can I post them on Facebook?",
        {"action": "post"},
        ("counterparts.role", "counterparts.count"),
    ),
    # a class list sent to someone is what is sent
    (
        "Can I send the class list to the room parent?",
        {"counterparts.role": "parent", "counterparts.count": 1},
        (),
    ),
    # a parents' permission is no one to contact
    (
        "Can I post the video of the play on YouTube or do I need parent permission?",
        {"action": "post"},
        ("counterparts.role", "counterparts.count"),
    ),
    # a colleague who would act with the asker is not whom it is with
    (
        "My co-teacher and I want to start a class blog. Do we need approval?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Can I post a photo of me and my coworker on Instagram?",
        {"counterparts.role": "employee"},
        (),
    ),
    # adding a colleague on a network is a follow
    ("can I add our secretary on facebook?", {"action": "friend_or_follow"}, ()),
    # another employee's own children are family, not students
    (
        "Can a bus driver call his own kids from the bus?",
        {"action": "personal_use"},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Can I text my own son during class? He's in my 3rd period.",
        {"counterparts.role": "student"},
        (),
    ),
    # a text the class is reading is not the asker's time
    ("Can I post the book we're reading in class on my blog?", {}, ("actor.on_duty",)),
    # an answer by text or call to someone ("texting a parent back") is an answer
    ("what about calling a dad back on the weekend?", {"action": "respond_to_contact"}, ()),
    ("is texting the coach back ok", {"action": "respond_to_contact"}, ()),
    # adding someone back is a follow
    (
        "If a parent added me on Facebook, can I add her back?",
        {"action": "friend_or_follow"},
        (),
    ),
    # whether the asker must use their own device or account is what is asked
    ("Do I have to use my own cell for the staff group chat?", {}, ("channel.device",)),
    ("Am I required to use my personal email for the PTA?", {}, ("channel.account",)),
    ("Can I use my own phone for the staff group chat?", {"channel.device": "personal"}, ()),
    # the account followed, liked or shared is not the one the asker uses
    (
        "Can I like the district's Facebook posts from my personal page?",
        {"channel.account": "personal"},
        (),
    ),
    ("Can teachers follow the school's TikTok?", {}, ("channel.account",)),
    # a person's seat on the school board says who they are, not what the message is about
    (
        "A mom who is on the school board texted me about a field trip. Can I answer?",
        {"counterparts.role": "parent"},
        ("content.speaks_for_district",),
    ),
    (
        "Can I post about the school board's vote on my Facebook?",
        {"content.speaks_for_district": True},
        (),
    ),
    # two people joined by "and": not one, and how many is not said
    (
        "My principal and the superintendent both follow me on TikTok. Is that ok?",
        {},
        ("counterparts.count",),
    ),
    ("Can I text a parent about the game?", {"counterparts.count": 1}, ()),
    # former_student is said of students only
    (
        "Can I friend my student's older sister? She graduated in May.",
        {"counterparts.role": "community"},
        ("counterparts.former_student",),
    ),
    ("Can I friend a student who graduated in May?", {"counterparts.former_student": True}, ()),
]


@pytest.mark.parametrize(("question", "expected", "absent"), RULES)
def test_round9_rules(question: str, expected: dict[str, object], absent: tuple[str, ...]) -> None:
    assert_reads(question, expected, absent)
