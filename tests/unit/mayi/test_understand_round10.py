"""Causes of wrong and missing facts found by the tenth round's new questions
(questions-10.yaml): one group of rows per cause, each a question, the facts the rules must
give and the fields they must not give. The rows are variations written for the tests, not
the tuning questions themselves, so a rule that only fixed one sentence fails the other rows."""

from __future__ import annotations

import pytest

from tests.unit.mayi.reading import assert_reads

PARENT = {"counterparts.role": "parent", "counterparts.count": 1}
PARENTS = {"counterparts.role": "parent", "counterparts.count": 2}
ONE_STUDENT = {"counterparts.role": "student", "counterparts.count": 1}
STUDENTS = {"counterparts.role": "student", "counterparts.count": 2}
COLLEAGUES = {"counterparts.role": "employee", "counterparts.count": 2}
FIRST = {"counterparts.initiated_contact": True}
DISTRICT_EMAIL = {"channel.platform": "district-email", "channel.account": "district"}

RULES = [
    # the school's e-mail named in Spanish, with "email" or "mail" as well as "correo"
    ("¿Puedo mandar la tarea por el email de la escuela?", DISTRICT_EMAIL, ()),
    ("le escribo a un papá desde el correo electrónico del distrito?", DISTRICT_EMAIL, ()),
    ("puedo usar el mail escolar para invitar a las familias?", DISTRICT_EMAIL, ()),
    # gmail and yahoo after "mi" / "desde": the platform named and the asker's own account
    (
        "¿puedo escribirle desde mi gmail a una alumna?",
        {"channel.platform": "gmail", "channel.account": "personal"},
        (),
    ),
    (
        "le mando la tarea a los papás desde mi yahoo?",
        {"channel.platform": "yahoo", "channel.account": "personal"},
        (),
    ),
    # "la compu de la escuela" is the district's device
    ("¿Puedo ver videos en la compu del distrito?", {"channel.device": "district"}, ()),
    ("puedo usar la compu de la escuela para mi negocio?", {"channel.device": "district"}, ()),
    # "durante mi hora libre" is duty-free time, as "en mi hora libre" was
    (
        "¿Puedo revisar mi correo personal durante mi hora libre?",
        {"actor.duty_free": True},
        (),
    ),
    # slurs and racist messages are inappropriate; a rude one ("grosero") is not said to be
    (
        "Un alumno me mandó un mensaje racista por Instagram. ¿Qué hago?",
        {"content.inappropriate": True},
        (),
    ),
    (
        "Un alumno me mandó un mensaje grosero por Instagram. ¿Qué hago?",
        {},
        ("content.inappropriate",),
    ),
    ("a kid sent a racist meme to the class group chat", {"content.inappropriate": True}, ()),
    ("Can I teach a lesson on racist laws?", {}, ("content.inappropriate",)),
    # something someone else sent or posted that is offensive is something that arrived
    (
        "Someone posted a racist comment on our class page. What do I do?",
        {"action": "receive", "content.inappropriate": True},
        (),
    ),
    ("Somebody sent porn to my school email, what now", {"action": "receive"}, ()),
    ("Can I post a lesson about racist laws on the class page?", {"action": "post"}, ()),
    # "papas" written without its accent is parents (but not fried potatoes); grandpas too
    ("¿Puedo llamar a los papas de un alumno?", PARENTS, ()),
    ("¿Puedo comer papas fritas en clase?", {}, ("counterparts.role",)),
    ("Can I text a student's grandpa about pickup?", PARENT, ()),
    ("my kiddo's grandfather wants my number. ok to give it?", PARENT, ()),
    # "add <someone's> <person> on <network>" is a friend request, whoever the person is
    (
        "Can I add my student's older brother on snapchat?",
        {"action": "friend_or_follow"},
        (),
    ),
    ("is it ok to add a kid's mom on facebook", {"action": "friend_or_follow"}, ()),
    ("Can I add a link on instagram to the sign-up form?", {}, ("action",)),
    # "one of my <students>" is one of those people, whatever the students are called
    ("Can I text one of my freshmen about the game?", ONE_STUDENT, ()),
    ("ok so one of my juniors asked for help. can i email her", ONE_STUDENT, ()),
    # a class named by its subject or grade, a team by what its members do: those students
    ("Can I email my AP Chem class the lab instructions?", STUDENTS, ()),
    ("can I remind my whole 8th grade math class about the quiz", STUDENTS, ()),
    ("can I DM my swimmers about the meet", STUDENTS, ()),
    (
        "My colleague and I want to start a YouTube channel for our science classes. OK?",
        {},
        ("counterparts.role",),
    ),
    ("Can I post on my science class page?", {}, ("counterparts.role",)),
    # the teachers as the ones a Spanish message goes to ("a todos los maestros")
    ("¿Puedo mandar un correo a todos los maestros?", COLLEAGUES, ()),
    ("¿Le puedo vender galletas a las maestras?", COLLEAGUES, ()),
    # media contact: the station or podcast is whom it is with, not the students filmed
    (
        "Channel 9 wants to film my class tomorrow. Can I let them?",
        {"action": "media_contact", "counterparts.role": "media", "counterparts.count": 1},
        (),
    ),
    (
        "Can I go on a local podcast to talk about my classroom?",
        {"counterparts.role": "media", "counterparts.count": 1},
        (),
    ),
    # school events and school work named after "about" / "sobre": school business
    ("Can I email a mom about picture day?", {"purpose": "district_business"}, ()),
    (
        "can I text my seniors about their college applications",
        {"purpose": "district_business"},
        (),
    ),
    ("Can I call parents about conferences?", {"purpose": "district_business"}, ()),
    ("¿Le mando un texto a los papás sobre la junta?", {"purpose": "district_business"}, ()),
    ("Can I text my daughter about her prom dress?", {}, ("purpose",)),
    # what was asked ("asking when the field trip leaves") names the school work too
    (
        "A mom emailed me asking when the field trip leaves. Can I reply?",
        {"purpose": "district_business"},
        (),
    ),
    (
        "A player asked me what time practice starts. Can I text him back?",
        {"purpose": "district_business"},
        (),
    ),
    # the students whose parents they are ("the parents of my JV players"): the parents
    ("Can I email the parents of my 3rd period kids?", PARENTS, ()),
    ("Can I text the parents of kids who missed practice?", PARENTS, ()),
    ("¿Puedo mandar las notas de mis alumnos a los papás?", PARENTS, ()),
    # the staff's newsletter is not the staff; the sub list is the subs
    ("Can I put my lesson plans in the staff newsletter?", {}, ("counterparts.role",)),
    ("Can I text the sub list about Friday?", COLLEAGUES, ()),
    # what is put on a page beside photos: the honor roll, students' work, a class list
    ("is it ok to put my students' essays on my teacher blog?", {"action": "post"}, ()),
    ("Can I share the honor roll on the school facebook?", {"action": "post"}, ()),
    ("Can I share my projects with a colleague?", {}, ("action",)),
    # staying friends, connecting with "my former students": a friend or follow
    (
        "Is it ok to stay friends with a former student on Instagram?",
        {"action": "friend_or_follow"},
        (),
    ),
    ("Can I connect with my old players on LinkedIn?", {"action": "friend_or_follow"}, ()),
    # a threat in other words ("she'll make me pay"), asked what to do: it arrived
    ("A dad texted me that he'll make me pay. Should I report it?", {"action": "receive"}, ()),
    # shopping and bills online are personal use
    ("Is it ok to online shop at lunch on my work laptop?", {"action": "personal_use"}, ()),
    (
        "can I pay my bills on the school computer during my prep?",
        {"action": "personal_use"},
        (),
    ),
    # calling back, answering "from" a phone or account: an answer
    ("A mom left a message. Can I call back from my cell?", {"action": "respond_to_contact"}, ()),
    (
        "A parent wrote to my yahoo. Can I answer from my yahoo?",
        {"action": "respond_to_contact"},
        (),
    ),
    # Spanish texts: "un texto", "textearle", and WhatsApp as "un whats" or "wasap"
    (
        "puedo mandarle un texto a una alumna?",
        {"action": "message", "channel.medium": "text_message"},
        (),
    ),
    (
        "¿Puedo textearle a un papá sobre la tarea?",
        {"action": "message", "channel.medium": "text_message"},
        (),
    ),
    (
        "puedo mandar un whats a los papás del equipo?",
        {"channel.medium": "instant_message", "channel.platform": "whatsapp"},
        (),
    ),
    ("le escribo por wasap a mi alumno?", {"channel.platform": "whatsapp"}, ()),
    ("whats the rule on texting parents?", {}, ("channel.platform",)),
    ("¿Vamos a leer el texto en clase?", {}, ("channel.medium",)),
    # "las familias" are parents; checking one's own mail in Spanish is personal use
    ("¿Puedo mandar un correo a las familias?", PARENTS, ()),
    (
        "puedo usar la computadora de la escuela para revisar mi correo personal?",
        {"action": "personal_use", "channel.device": "district"},
        (),
    ),
    # primaria and prepa name the students' grade band
    (
        "¿puedo mandarle un mensaje a un alumno de primaria?",
        {"counterparts.grade_band": "elementary"},
        (),
    ),
    ("¿Puedo seguir a mis alumnos de prepa en TikTok?", {"counterparts.grade_band": "high"}, ()),
    # "de mi clase" only says which class a child is in: not the whole class
    ("¿Se vale mandar un mensaje a un niño de mi clase?", {}, ("counterparts.count",)),
    ("¿Puedo llamar a los alumnos de mi clase?", STUDENTS, ()),
    # in Spanish, someone else who would act: "la consejera quiere saber si puede …",
    # "¿La enfermera puede …?" (but not whoever would use the asker's login)
    (
        "la consejera quiere saber si puede mandarle un DM a una alumna",
        {"actor.role": "staff"},
        (),
    ),
    ("¿La enfermera puede mandar un correo a los papás?", {"actor.role": "staff"}, ()),
    (
        "Mi directora me preguntó si puede publicar fotos del partido",
        {"actor.role": "administrator"},
        (),
    ),
    ("¿Mi asistente puede usar mi usuario de PowerSchool?", {}, ("actor.role",)),
    # a request or approach from the other side: they contacted the asker first
    ("ok to accept a follow request from one of my players?", FIRST, ()),
    ("can I follow my players back on insta", FIRST, ()),
    ("¿Puedo aceptar la solicitud de amistad de una mamá?", FIRST, ()),
    ("Un periodista quiere entrevistarme. ¿Puedo?", FIRST, ()),
    ("A reporter from the local paper wants to film my classroom. OK?", FIRST, ()),
    ("Can I send a friend request to a parent?", {}, ("counterparts.initiated_contact",)),
    # "send" with a Spanish note or message is a message
    ("Can I send una nota a los papás about the field trip?", {"action": "message"}, ()),
    (
        "can I send mis estudiantes un recordatorio por WhatsApp?",
        {"action": "message", "channel.platform": "whatsapp"},
        (),
    ),
]


@pytest.mark.parametrize(("question", "expected", "absent"), RULES)
def test_round10_rules(question: str, expected: dict[str, object], absent: tuple[str, ...]) -> None:
    assert_reads(question, expected, absent)
