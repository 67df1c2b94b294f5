"""Misreadings found by questions written in askers' own voices: each row is a question, the
facts it must give, and the facts it must not give (a wrong fact is worse than a missing
one). The questions are variations, not copies, of the tuning set's."""

from __future__ import annotations

import pytest

from tests.unit.mayi.reading import assert_reads


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        # someone else's address or account is where it goes, not what the asker sends from
        (
            "May I email a student's school account about a late lab?",
            {"action": "message", "channel.medium": "email"},
            ("channel.account",),
        ),
        (
            "The office wants me to send a report card to her personal email. Ok?",
            {"channel.medium": "email", "content.student_records": True},
            ("channel.account",),
        ),
        (
            "Can the coach post the relay video on her personal tiktok?",
            {"action": "post", "channel.account": "personal"},
            (),
        ),
        # "instead of" states the other side, never the side it names
        (
            "i texted a kid from my phone instead of Remind, is that bad?",
            {"action": "message", "channel.medium": "text_message", "channel.device": "personal"},
            ("channel.platform",),
        ),
        (
            "Can I call parents from the school phone instead of my cell?",
            {"channel.medium": "phone", "channel.device": "district"},
            (),
        ),
        # a choice the question offers is asked, not said
        (
            "Dad messaged me on Facebook. Should I answer there or switch to school email?",
            {"action": "respond_to_contact"},
            ("channel.medium", "channel.account", "channel.platform"),
        ),
        (
            "Text or call, which is better for a parent whose kid is sick?",
            {},
            ("channel.medium",),
        ),
        (
            "Una mamá me escribió. ¿Le contesto desde mi cuenta personal o la de la escuela?",
            {"action": "respond_to_contact"},
            ("channel.account",),
        ),
        # answers to one who wrote first, in other words
        (
            "A player DM'd me on insta asking about the bus. ok to just answer yes there?",
            {"action": "respond_to_contact", "counterparts.initiated_contact": True},
            (),
        ),
        (
            "Can I text a student at 11pm if she texted me first?",
            {"action": "respond_to_contact", "counterparts.initiated_contact": True},
            (),
        ),
        (
            "a dad keeps calling my cell on weekends about playing time. do i have to pick up?",
            {"action": "respond_to_contact", "channel.device": "personal"},
            (),
        ),
        # the time of a clause about someone else is not the asker's
        (
            "Can I send my aide a photo of the seating chart so she knows where kids sit at lunch?",
            {"action": "message"},
            ("actor.duty_free",),
        ),
        (
            "Can I give parents my cell so they can reach me on weekends?",
            {"channel.device": "personal", "counterparts.role": "parent"},
            ("actor.on_duty",),
        ),
        # people who are not the counterparts: the audience, a permission, a time
        (
            "Can I livestream the choir concert on YouTube so grandparents can watch?",
            {"action": "post"},
            ("counterparts.role",),
        ),
        (
            "Can I post a video of my class on the class blog? Parents signed the media release.",
            {"action": "post", "counterparts.role": "student", "content.parental_permission": True},
            (),
        ),
        (
            "Can I check my email on my own phone while my students take the quiz?",
            {"actor.on_duty": True, "actor.duty_free": False},
            ("counterparts.role",),
        ),
        # what a relative clause says about a person is not what is carried
        (
            "Can I zoom with a student who's out on suspension about his essay?",
            {"action": "message", "counterparts.role": "student"},
            ("content.student_records",),
        ),
        # an emergency that is over, a break between terms, rooms whose computers are the district's
        (
            "As principal, can I tell a reporter about the lockdown we had this morning?",
            {"action": "media_contact"},
            ("emergency",),
        ),
        (
            "It's summer break, can I facetime a senior about her college essay from my phone?",
            {"actor.on_duty": False, "channel.device": "personal"},
            (),
        ),
        (
            "Can I text a parent from the clinic phone that her son threw up?",
            {"channel.device": "district"},
            (),
        ),
        # "snapping me" and self-harm: something received; a story's Snapchat is not the channel
        (
            "a kid snapped me last night saying he wants to kill himself. what do i do",
            {"action": "receive", "channel.platform": "snapchat"},
            (),
        ),
        (
            "A kid kept snapping me last year. Can I post the field day pics on the class page?",
            {"action": "post"},
            ("channel.platform", "channel.disappearing"),
        ),
        (
            "a student keeps snapping me threats, what am I supposed to do?",
            {"action": "receive", "content.threatening": True},
            (),
        ),
        # the counterpart's own address is theirs
        (
            "Can I email my advisee's school account about a missing lab?",
            {
                "counterparts.role": "student",
                "counterparts.count": 1,
                "counterparts.account": "district",
            },
            ("channel.account",),
        ),
        # a class or team that is the topic, a family blog, the asker's own family
        (
            "Can I call a student's cell to ask why she skipped my class?",
            {"counterparts.role": "student", "counterparts.count": 1},
            (),
        ),
        (
            "a mom dm'd me on insta asking if her son made the team. can i just tell her there?",
            {"action": "respond_to_contact", "counterparts.role": "parent"},
            (),
        ),
        (
            "My husband and I want to start a family cooking blog. Anything I should know?",
            {"action": "create_account"},
            ("counterparts.role", "actor.relationship"),
        ),
        (
            "My son sells popcorn for scouts. Can I email the order form to the staff?",
            {"counterparts.role": "employee", "counterparts.count": 2},
            ("counterparts.own_child", "actor.relationship"),
        ),
        (
            "Can I call my wife from my own phone during my prep period?",
            {"action": "personal_use", "purpose": "personal", "actor.duty_free": True},
            ("counterparts.role",),
        ),
        # what the words name is done another way
        (
            "can I post in the staff Slack about the schedule change?",
            {"action": "message", "channel.medium": "instant_message"},
            (),
        ),
        (
            "do i need permission to make a tiktok with my class for a science project?",
            {"action": "post", "channel.platform": "tiktok"},
            (),
        ),
        (
            "Is it ok to put the ClassDojo app on my own phone?",
            {"action": "install_software", "channel.device": "personal"},
            ("channel.medium", "channel.platform"),
        ),
        (
            "Can the kids play among us on the chromebooks at indoor recess?",
            {"action": "play_games"},
            ("counterparts.role",),
        ),
        (
            "i tutor on the side. can i text parents my rates?",
            {"action": "commercial_use"},
            (),
        ),
        # received: a disclosure, the time of an answer put off
        (
            "A 1st grader told me her stepdad touches her. Who do I tell?",
            {"action": "receive", "content.suspected_abuse": True},
            (),
        ),
        (
            "A parent emailed me at 10pm. Can I answer her tomorrow from my school email?",
            {"action": "respond_to_contact"},
            ("actor.on_duty",),
        ),
        # a post that names the board speaks for the district, said where one works or not
        (
            "Can I post on my Facebook that the board's vote was wrong? I won't say where I work.",
            {"content.speaks_for_district": True},
            (),
        ),
        # "not about class" does not say personal; "it's personal" does
        (
            "Can I text my homeroom a joke every morning? It's not about class, just fun.",
            {"action": "message"},
            ("purpose",),
        ),
        (
            "no es para la clase, es personal: puedo usar la compu de la escuela para mi facebook?",
            {"purpose": "personal"},
            (),
        ),
        # roles
        (
            "Our new coach added players on Snapchat. As AD, should I tell him to remove them?",
            {},
            ("actor.role",),
        ),
        (
            "can student teachers email the kids in their placement?",
            {"actor.role": "student_teacher"},
            (),
        ),
        (
            "I'm the band director, can I text my drumline?",
            {"action": "message"},
            ("actor.role",),
        ),
    ],
)
def test_misread_questions(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)
