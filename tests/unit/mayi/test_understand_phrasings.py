"""Causes of wrong and missing facts found by the sixth round's new questions
(questions-7.yaml): one group of rows per cause, each a question, the facts it must give and
the facts it must not give. The rows are variations written for the tests, not the tuning
questions themselves, so a rule that only fixed one sentence fails the other rows."""

from __future__ import annotations

import pytest

from tests.unit.mayi.reading import assert_reads

PRECISION = [
    # who someone may be, said with a doubt, is not known
    (
        "I keep getting weird snaps from an account I don't know. Might be a parent?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Got a nasty anonymous email last night, probably one of my students. What do I do?",
        {},
        ("counterparts.role",),
    ),
    # whom something that arrived went on to reach is not who sent it
    (
        "My school email got hacked and it sent a weird link to all my parents. What now?",
        {"action": "receive", "content.security_breach": True},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Someone made a fake TikTok pretending to be me and is messaging my players. Help?",
        {"action": "receive"},
        ("counterparts.role",),
    ),
    # "a students essay": one student's, the apostrophe left out
    (
        "can i share a students essay on my blog if i take her name off?",
        {"counterparts.role": "student", "counterparts.count": 1},
        (),
    ),
    # where the asker is, or what else they do, is not why
    (
        "Can I answer a parent's text from my phone while I'm at my daughter's recital?",
        {"action": "respond_to_contact"},
        ("purpose",),
    ),
    (
        "Is it ok to listen to a podcast on my school laptop while grading?",
        {},
        ("purpose",),
    ),
    # a class or a team named as the owner of a thing is nobody
    (
        "Can I start a TikTok for our class pet?",
        {},
        ("counterparts.role", "counterparts.count"),
    ),
    (
        "Do I need permission to put a reading app on the class chromebooks?",
        {"action": "install_software"},
        ("counterparts.role",),
    ),
    # a person a message is about is its topic, not whom it is with
    (
        "Can I email the counselor about a student who seems depressed?",
        {"counterparts.role": "employee", "counterparts.count": 1},
        (),
    ),
    (
        "Can I text my class about the substitute coming Friday?",
        {"counterparts.role": "student", "counterparts.count": 2},
        (),
    ),
    # whose class, not when: "a student she has in class"
    (
        "Can I text a colleague about a kid we both have in class?",
        {},
        ("actor.on_duty",),
    ),
    # a former colleague is no longer the district's employee
    (
        "Can I text an ex-coworker who retired last year about a student's grades?",
        {},
        ("counterparts.role",),
    ),
    # a condition about people ("if his parents don't know") is not whom it is with
    (
        "Can I email a student's tutor his test scores if his parents don't mind?",
        {"counterparts.role": "community"},
        (),
    ),
    # students who ask about a post are not in it
    (
        "Can I post a picture of my new puppy on Instagram? The kids keep asking to see her.",
        {"action": "post"},
        ("counterparts.role", "counterparts.count"),
    ),
    # a reporter named to say who someone is: no media contact
    (
        "One mom is a reporter for the Tribune. Can I email her about the field trip?",
        {"action": "message", "channel.medium": "email"},
        (),
    ),
    # "friends'" is a noun, not friending
    (
        "Can I text my daughter's friends' parents about carpool?",
        {"action": "message"},
        (),
    ),
    # a record named in a story before the question is not what the message carries,
    # unless the question points back to it
    (
        "Report cards go home Monday. Can I email a dad tonight about his son's behavior?",
        {"action": "message"},
        ("content.student_records",),
    ),
    (
        "A dad emailed me asking for his son's report card. Can I send it to him?",
        {"content.student_records": True},
        (),
    ),
    # a meeting about an IEP is no record; working from home is not off duty
    (
        "Working from home today: can I email a parent about the IEP meeting time?",
        {"action": "message"},
        ("content.student_records", "actor.on_duty"),
    ),
    # the asker's own children at another school are not the district's students
    (
        "My son goes to a private school. Can I post his graduation photos on Facebook?",
        {"action": "post"},
        ("counterparts.role", "content.student_images", "counterparts.own_child"),
    ),
    # calling in sick is no phone call
    (
        "Can I call in sick by emailing my principal?",
        {"channel.medium": "email"},
        (),
    ),
    # others who follow the asker are the audience of a post
    (
        "Can I post about my vacation on Instagram if students follow me?",
        {"action": "post"},
        ("counterparts.role",),
    ),
]

RECALL = [
    # an answer already given
    (
        "A parent called my cell at 9pm and I answered. Was that ok?",
        {"action": "respond_to_contact", "counterparts.role": "parent"},
        (),
    ),
    # what a disclosure asks of the asker
    (
        "A 4th grader wrote in her journal that her dad hits her. What am I required to do?",
        {"action": "receive", "content.suspected_abuse": True},
        (),
    ),
    (
        "Me llegó un mensaje amenazante de un estudiante. ¿Qué hago?",
        {"action": "receive", "content.threatening": True},
        (),
    ),
    # selling lessons, in Spanish
    (
        "Puedo ofrecer clases particulares a los papás de mis alumnos?",
        {"action": "commercial_use", "purpose": "personal"},
        (),
    ),
    # photos put on a page, in Spanish
    (
        "Puedo compartir fotos del equipo en la página de la escuela?",
        {"action": "post"},
        (),
    ),
    # friending or following colleagues and students back
    (
        "Is it ok to friend the other coaches on Facebook?",
        {"action": "friend_or_follow", "channel.platform": "facebook"},
        (),
    ),
    (
        "Would following my players back on Instagram be a problem?",
        {"action": "friend_or_follow", "counterparts.role": "student"},
        (),
    ),
    (
        "can i add my former students on snapchat",
        {"action": "friend_or_follow", "counterparts.former_student": True},
        (),
    ),
    # a new account by other words
    (
        "Can I open a new Instagram acct for the science club?",
        {"action": "create_account", "channel.platform": "instagram"},
        (),
    ),
    (
        "quiero crear un canal de YouTube para el club de robótica",
        {"action": "create_account", "channel.medium": "social_post"},
        (),
    ),
    (
        "Can I set up a Google site for my 3rd graders' reading logs?",
        {"action": "create_account", "channel.medium": "website"},
        (),
    ),
    # personal use by other words
    (
        "Can I scroll TikTok on my phone during my prep?",
        {"action": "personal_use", "actor.duty_free": True},
        (),
    ),
    (
        "Is streaming Netflix on the school wifi at lunch ok?",
        {"action": "personal_use"},
        (),
    ),
    (
        "can I use the district laptop for personal stuff on weekends?",
        {"action": "personal_use", "purpose": "personal"},
        (),
    ),
    # the filter by other words, an app added to devices
    (
        "Can I get around the district filter with my phone's hotspot?",
        {"action": "disable_filter"},
        (),
    ),
    (
        "Can I add a math app to the classroom iPads?",
        {"action": "install_software", "channel.device": "district"},
        (),
    ),
    (
        "Is it ok to download a PDF reader on my school computer?",
        {"action": "install_software"},
        (),
    ),
    # a long-term sub who would use the asker's account
    (
        "Can my long term sub use my Canvas account while I'm out?",
        {"action": "share_credentials"},
        (),
    ),
    # people: a team captain, a co-teacher, a parent on the team, "the girls"
    (
        "Can I text the team captains about the fundraiser?",
        {"counterparts.role": "student", "counterparts.count": 2},
        (),
    ),
    (
        "Can I email my co-teacher the seating chart?",
        {"counterparts.role": "employee", "counterparts.count": 1},
        (),
    ),
    (
        "A dad on my team wants to friend me on Facebook. Can I accept?",
        {"counterparts.role": "parent", "counterparts.count": 1},
        (),
    ),
    (
        "Can I send the girls a reminder about the bus on GroupMe?",
        {"counterparts.role": "student", "channel.platform": "groupme"},
        (),
    ),
    # the school's other staff and the people around a student
    (
        "Can I text the bus driver that a kid will be late?",
        {"counterparts.role": "employee", "counterparts.count": 1},
        (),
    ),
    (
        "Can I call a student's older sister to come get him?",
        {"counterparts.role": "community", "counterparts.count": 1},
        (),
    ),
    (
        "Can I send her therapist the behavior log by email?",
        {"action": "message", "counterparts.role": "community"},
        (),
    ),
    (
        "I want to tutor my own students for money. Allowed?",
        {"counterparts.role": "student"},
        (),
    ),
    # names, a kid's grade, a list of students sent to someone
    (
        "Can I email the coach the names of the kids who skipped practice?",
        {"content.student_pii": True},
        (),
    ),
    (
        "Can I text a parent her kid's grade on the final?",
        {"content.student_records": True},
        (),
    ),
    (
        "Can I email my principal the list of students who were tardy?",
        {"counterparts.role": "administrator"},
        (),
    ),
    (
        "Can I post about my first year on my personal blog without naming any kids?",
        {"action": "post", "content.student_pii": False},
        (),
    ),
    (
        "Can I tell the families on ClassDojo about the field trip?",
        {"action": "message", "counterparts.role": "parent"},
        (),
    ),
    # calls, giving out one's number, talking to the press about the school
    (
        "Can I take calls from parents on my cell?",
        {"channel.medium": "phone"},
        (),
    ),
    (
        "Is giving my personal number to the team parents ok?",
        {"action": "message", "channel.device": "personal"},
        (),
    ),
    (
        "Can I give a TV reporter a quote about our district's budget?",
        {"action": "media_contact", "content.speaks_for_district": True},
        (),
    ),
    # when: tonight, my day off; the role "as their coach"
    (
        "Can I call a couple of parents tonight about the fundraiser?",
        {"actor.on_duty": False},
        (),
    ),
    (
        "is it bad to text my students 'good luck tonight' before the concert?",
        {},
        ("actor.on_duty",),
    ),
    (
        "Can I answer emails from my players' parents on my day off?",
        {"actor.on_duty": False},
        (),
    ),
    (
        "Can I text the girls as their coach if their moms are in the chat?",
        {"actor.role": "coach"},
        (),
    ),
    # what a message is about
    (
        "Can I text a student about his lab report from my phone?",
        {"purpose": "district_business"},
        (),
    ),
    (
        "can I email parents about the snow day schedule?",
        {"purpose": "district_business"},
        (),
    ),
    # a message on Facebook is a direct message
    (
        "A mom messaged me on Facebook. Can I message her back there?",
        {"channel.medium": "social_dm"},
        (),
    ),
    # a picture of the class, names with it, a school event's photos
    (
        "Can I post a picture of my whole class on the school website?",
        {"content.student_images": True},
        (),
    ),
    (
        "Can I post the spelling bee winners with their names on the class page?",
        {"content.student_pii": True},
        (),
    ),
    (
        "Can I post photos of my players at the homecoming game on my Instagram?",
        {"content.student_images": True, "content.student_directory_info": True},
        (),
    ),
    (
        "Can I post photos of my students doing a lab on my Instagram?",
        {"content.student_images": True},
        ("content.student_directory_info",),
    ),
]


@pytest.mark.parametrize(("question", "expected", "absent"), PRECISION + RECALL)
def test_phrasings(question: str, expected: dict[str, object], absent: tuple[str, ...]) -> None:
    assert_reads(question, expected, absent)
