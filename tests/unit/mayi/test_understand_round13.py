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


@pytest.mark.parametrize(
    ("question", "action"),
    [
        # asked for a number or an address: giving it is a message
        ("A mom asked for my cell number at pickup. Can I give it to her?", "message"),
        ("Un papá quiere mi número. ¿Se lo puedo dar?", "message"),
        # a chat joined or made, a chat app named as the thing
        ("Can I join my players' GroupMe?", "message"),
        ("Is a Slack chat with my department ok during class?", "message"),
        ("Can I have WhatsApp with my students' parents?", "message"),
        ("Can I hold a parent meeting over Zoom from home?", "message"),
        # other words for getting a message to someone
        ("Can I ping my TA on Teams?", "message"),
        ("Is reaching a student by phone after school ok?", "message"),
        ("Can I shoot the team a quick email?", "message"),
        ("I need to get ahold of a dad tonight. Can I use my cell?", "message"),
        ("Can I iMessage a parent from my iPad?", "message"),
        # an answer owed or given
        ("A student snapped me a question. Am I required to respond?", "respond_to_contact"),
        ("A dad emailed me a complaint. Can I write him back from home?", "respond_to_contact"),
        ("A mom invited me to her son's party. Can I say yes?", "respond_to_contact"),
        # friends and follows in other words
        ("Can coaches follow their players on Instagram?", "friend_or_follow"),
        ("My niece and I are friends on Facebook and she's in my class. ok?", "friend_or_follow"),
        ("Can I connect with colleagues on LinkedIn?", "friend_or_follow"),
        ("Can I add my old advisees on LinkedIn?", "friend_or_follow"),
        ("Can I accept my principal's LinkedIn request?", "friend_or_follow"),
        ("¿Pueden los maestros seguir a sus alumnos en TikTok?", "friend_or_follow"),
        # a class site or Google Classroom started
        ("Can I build a class website on Wix?", "create_account"),
        ("Can I create a Google Classroom for my tutoring group?", "create_account"),
        # software in other words
        ("Can I download some free software onto my district laptop?", "install_software"),
        ("Can I load an emulator onto the lab computers?", "install_software"),
        ("¿Puedo bajar Zoom en la computadora del salón?", "install_software"),
        # personal use in other words
        ("Can I print my daughter's birthday invitations on the school printer?", "personal_use"),
        ("Can I order stuff on Amazon during my prep?", "personal_use"),
        ("Is it ok for aides to be on their phones at recess?", "personal_use"),
        # a login in other words
        ("My co-teacher forgot her password. Can she just use mine?", "share_credentials"),
        ("Can my sub borrow my badge for the copy room?", "share_credentials"),
        ("¿Está bien si le doy mi contraseña a la maestra de al lado?", "share_credentials"),
        ("Mi asistente puede usar mi cuenta de Canvas?", "share_credentials"),
        ("Can I write my passwords on a sticky note?", "share_credentials"),
        # what arrived in other words
        ("A kid texted me a picture of a gun last night. What do I do?", "receive"),
        ("Un alumno me dijo que su papá le pega. What do I do?", "receive"),
        ("I clicked the link in a weird email and typed my password. Now what?", "receive"),
    ],
)
def test_round13_actions_around(question: str, action: str) -> None:
    assert rules(question).get("action") == action


@pytest.mark.parametrize(
    "question",
    [
        # the same words where they are no such act
        "Can I text parents to remind them to return the field trip forms?",
        "Can I email parents a photo of the class on picture day?",
    ],
)
def test_round13_around_words_leave_a_message_a_message(question: str) -> None:
    assert rules(question).get("action") == "message"


def test_round13_following_a_lead_is_no_follow() -> None:
    got = rules("Can I follow their lead and text the parents about the game?")
    assert got.get("action") != "friend_or_follow"


@pytest.mark.parametrize(
    ("question", "purpose"),
    [
        # a site unblocked for teaching is opened for school business
        ("Can IT unblock YouTube for my students' history project?", "district_business"),
        ("¿Pueden desbloquear un sitio para que mis alumnos investiguen?", "district_business"),
        ("Can the filter be turned off for my lesson on propaganda?", "district_business"),
        # nothing said of teaching: why stays unknown
        ("Can IT unblock Netflix on my laptop?", None),
    ],
)
def test_round13_filter_purpose(question: str, purpose: str | None) -> None:
    assert rules(question).get("purpose") == purpose


@pytest.mark.parametrize(
    ("question", "on_duty"),
    [
        ("Can I text a parent on Saturday about the grade?", False),
        ("ok to email my team sunday night?", False),
        ("Can I call a student over the summer about his credits?", False),
        ("¿Puedo llamar a un papá el domingo?", False),
        ("Can I answer parent emails after work from my phone?", False),
        ("Can I text my husband during school hours?", True),
        ("Is it ok to check my phone in the middle of class?", True),
        # a day that names when something is, not when the asker acts
        ("Can I text my players about Saturday's game?", None),
        ("Can I email parents about summer school?", None),
        ("Is it ok to put Spotify on so my class has music during work time?", None),
    ],
)
def test_round13_duty_time(question: str, on_duty: bool | None) -> None:
    assert rules(question).get("actor.on_duty") == on_duty


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        # a personal mail service named bare is the asker's personal account
        (
            "Can I send my class the notes through Gmail?",
            {"channel.platform": "gmail", "channel.account": "personal"},
            (),
        ),
        (
            "Can I email a parent from my personal hotmail?",
            {"channel.platform": "hotmail", "channel.account": "personal"},
            (),
        ),
        # someone else's, or the school's
        ("Can I email the IEP to a dad's personal gmail?", {}, ("channel.account",)),
        ("Can I send the forms to her yahoo?", {}, ("channel.account",)),
        ("Can I email parents from my school gmail?", {}, ("channel.platform",)),
    ],
)
def test_round13_mail_services(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "role", "count"),
    [
        # a colleague named by the job
        ("Can I text a teacher about swapping duty?", "employee", 1),
        ("Can I email the band director about the concert?", "employee", 1),
        ("Can I message our department chair on Teams?", "employee", 1),
        ("Can I text my assistant coach after practice?", "employee", 1),
        ("Can I text the lunch ladies about the class party?", "employee", 2),
        ("¿Puedo mandarle un mensaje a otra maestra el sábado?", "employee", 1),
        # the assistant principal or the dean
        ("Can I text the vice principal about a fight?", "administrator", 1),
        ("Can I email my AP from home?", "administrator", 1),
        ("Can I call the dean on her cell?", "administrator", 1),
        # an advisory, the school's graduates
        ("Can I text my advisory about picture day?", "student", 2),
        ("Can I DM an alum on Instagram?", "student", 1),
        ("¿Puedo escribirle a una exalumna por Facebook?", "student", 1),
    ],
)
def test_round13_people(question: str, role: str, count: int) -> None:
    got = rules(question)
    assert (got.get("counterparts.role"), got.get("counterparts.count")) == (role, count)


@pytest.mark.parametrize(
    "question",
    [
        # the asker, the one who would act, a teacher's page, an AP class
        "As a teacher, can I text a student?",
        "Is a teacher allowed to friend a student?",
        "Can I post on the teacher Facebook page?",
        "Can I email my AP Bio students?",
    ],
)
def test_round13_no_colleague_or_administrator_read(question: str) -> None:
    assert rules(question).get("counterparts.role") not in ("employee", "administrator")


def test_round13_a_spanish_alumna_is_a_student_not_a_former_one() -> None:
    got = rules("¿Puedo mandarle un mensaje a una alumna sobre la tarea?")
    assert got.get("counterparts.role") == "student"
    assert "counterparts.former_student" not in got


def test_round13_an_alum_is_a_former_student() -> None:
    assert rules("Can I friend an alum on Facebook?").get("counterparts.former_student") is True


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("I'm an instructional aide. Can I text a parent?", "staff"),
        ("I'm the lunch monitor, can I text a kid's mom?", "staff"),
        ("I drive a bus for the district. Can I text parents when we're late?", "staff"),
        ("Trabajo en la oficina. ¿Puedo llamar a los papás desde mi celular?", "staff"),
        ("I volunteer in the library. Can I email the book club kids?", "volunteer"),
        # volunteering elsewhere, or offering to, names no role at school
        ("I volunteer at my church. Can I text a student's mom about it?", None),
        ("Can I volunteer to chaperone and text the kids on the trip?", None),
    ],
)
def test_round13_asker_role(question: str, role: str | None) -> None:
    assert rules(question).get("actor.role") == role


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        # pictures taken at a school event show the students there: directory information
        (
            "Can I post pics from last night's soccer game on my Facebook?",
            {
                "content.student_images": True,
                "content.student_directory_info": True,
                "content.student_pii": True,
                "content.public_extracurricular": True,
            },
            (),
        ),
        (
            "Can I share our spring musical photos on Instagram?",
            {"content.student_images": True, "content.public_extracurricular": True},
            (),
        ),
        (
            "¿Puedo subir fotos del partido a la página del equipo?",
            {"content.student_images": True, "content.student_directory_info": True},
            (),
        ),
        # the event's schedule, tickets or projects are no pictures of students
        ("Can I post the game schedule on Facebook?", {}, ("content.student_images",)),
        (
            "Can I post photos of the science fair projects on the school page?",
            {},
            ("content.student_images",),
        ),
        # names and honours released are directory information
        (
            "Can I post the honor roll on the school's Facebook?",
            {"content.student_directory_info": True, "content.student_pii": True},
            (),
        ),
        (
            "Can I tweet congrats to our state qualifiers with their names?",
            {"content.student_directory_info": True},
            (),
        ),
        (
            "¿Puedo publicar el cuadro de honor en Facebook?",
            {"content.student_directory_info": True},
            (),
        ),
        # a list drawn from a record is not directory information
        (
            "Can I email the counselor a list of students who are failing?",
            {},
            ("content.student_directory_info",),
        ),
        # names left out: nothing identifying is said to be there
        (
            "Can I post a photo of the honor roll certificates? No names showing.",
            {},
            ("content.student_pii",),
        ),
    ],
)
def test_round13_pictures_and_names(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        # a child who does not feel safe at home: signs of abuse, something that arrived
        (
            "A kid messaged me that he doesn't feel safe at home. What do I do?",
            {"action": "receive", "content.suspected_abuse": True},
            (),
        ),
        # a coach adding players, in Spanish; being added on Facebook
        ("¿Puedo agregar a mis jugadores en Instagram?", {"action": "friend_or_follow"}, ()),
        (
            "A parent added me on Facebook. Should I accept?",
            {"action": "friend_or_follow", "counterparts.initiated_contact": True},
            (),
        ),
        # the names of a school's winners and qualifiers
        (
            "Can I give the paper the names of our science olympiad finalists?",
            {"content.student_directory_info": True},
            (),
        ),
        # a travel team outside school: known from the community
        (
            "I coach club volleyball too. Can I text my school players about club practice?",
            {"actor.relationship": "community"},
            (),
        ),
        ("A dad asked me to coach his rec league team. Can I reply?", {}, ("actor.relationship",)),
        # time: outside school hours
        ("Can I text students outside of school hours?", {"actor.on_duty": False}, ()),
        # why, in more words: a review, missing work, grading quizzes, one's own lessons
        ("Can I send my class a Kahoot link for review?", SCHOOL, ()),
        ("Can I call a dad about his son's missing work?", SCHOOL, ()),
        ("Can my TA use my login to grade quizzes?", SCHOOL, ()),
        ("Can I post my math lessons on YouTube?", SCHOOL, ()),
        ("Una alumna me preguntó por su calificación. ¿Le contesto?", SCHOOL, ()),
        ("¿Puedo mandar mensajes de texto a los papás?", {"channel.medium": "text_message"}, ()),
        # whose channel: my personal YouTube
        ("Can I post the video on my personal YouTube?", {"channel.account": "personal"}, ()),
        # who would act: a coach of a sport, a bus driver asked about
        ("Can the cheer coach start an Instagram for the squad?", {"actor.role": "coach"}, ()),
        ("Is a bus driver allowed to text students?", {"actor.role": "staff"}, ()),
        ("Is an instructional coach allowed to text teachers?", {}, ("actor.role",)),
    ],
)
def test_round13_third_batch(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        # a message inside the school's learning system is an LMS message
        ("Can I message my students in Google Classroom?", {"channel.medium": "lms_message"}, ()),
        ("Can I send a Schoology message to a student?", {"channel.medium": "lms_message"}, ()),
        # the learning system as the place a thing is put is no message
        ("Can I scan the chapter and put it on Canvas?", {}, ("channel.medium",)),
        # a call in other words
        (
            "Can I phone a parent from home?",
            {"action": "message", "channel.medium": "phone"},
            (),
        ),
        ("¿Puedo llamarle a un alumno a su casa?", {"channel.medium": "phone"}, ()),
        ("Can I write a note to a parent on Seesaw?", {"action": "message"}, ()),
    ],
)
def test_round13_how_it_is_sent(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        # what students made is pictured, not the students
        (
            "Can I post a photo of the mural my students painted?",
            {},
            ("content.student_images",),
        ),
        # one word before the team still pictures the team
        ("Can I tweet a photo of our chess team?", {"content.student_images": True}, ()),
        # a blocked site in a contraction
        (
            "The site we need is blocked and it's blocked for everyone. Can it be opened?",
            {"action": "disable_filter"},
            (),
        ),
        # rude comments about the asker arrived
        (
            "A parent posts rude comments about me on the class page. What can I do?",
            {"action": "receive", "content.harassing": True},
            (),
        ),
        # a login given past a hyphenated word
        ("Can I give my long-term sub my Canvas password?", {"action": "share_credentials"}, ()),
        # someone texted the asker: a text
        ("A mom texted me a question. Can I answer?", {"channel.medium": "text_message"}, ()),
        # discipline in other words is the student's record
        (
            "Can I email a dad that his son was sent to the office?",
            {"content.student_records": True},
            (),
        ),
        # pictures from a ceremony or a tournament show the students there
        (
            "Can I post photos from the 8th grade promotion?",
            {"content.student_images": True},
            (),
        ),
        ("¿Puedo subir fotos del torneo?", {"content.student_images": True}, ()),
        # a student's name showing is directory information
        (
            "Can I post a picture of my board with a student's name on it?",
            {"content.student_directory_info": True},
            (),
        ),
        # a slideshow put on the website is a post
        ("Can I put a slideshow of the field trip on the class website?", {"action": "post"}, ()),
        ("Can I check my fantasy league at lunch?", {"action": "personal_use"}, ()),
        # why: something due, the bus leaving, the school store
        ("Can I text parents that the field trip money is due Friday?", SCHOOL, ()),
        ("Can I DM my team that the bus leaves at 7?", SCHOOL, ()),
        ("Can I make an Instagram for the school store?", SCHOOL, ()),
        ("Can I text a mom to volunteer at the book fair?", SCHOOL, ()),
        # volunteering in the library says who the asker is, not why
        ("I volunteer in the library. Can I email the book club kids?", {}, ("purpose",)),
        # several co-workers in Spanish
        (
            "¿Puedo mandarles un correo a mis compañeras de trabajo?",
            {"counterparts.role": "employee", "counterparts.count": 2},
            (),
        ),
    ],
)
def test_round13_fourth_batch(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "action"),
    [
        # selling said before the question: the message sells
        ("I sell candles on the side. Can I email the staff about it?", "commercial_use"),
        ("Mi esposa vende joyería. ¿Puedo mandar su catálogo a los maestros?", "commercial_use"),
        # a logo on what is sold stays a question of either
        ("I sell shirts with the school mascot. Can I email the staff?", None),
        # an answer asked for or written back
        ("A reporter DM'd me about the strike. Can I DM back?", "media_contact"),
        (
            "The teacher next door asked me to send her the sub plans. Can I text them?",
            "respond_to_contact",
        ),
    ],
)
def test_round13_selling_and_answers(question: str, action: str | None) -> None:
    assert rules(question).get("action") == action


@pytest.mark.parametrize(
    ("question", "action"),
    [
        # games named by what is played
        ("Can I play online poker on my school laptop at night?", "play_games"),
        ("Is Wordle on my work computer ok?", "play_games"),
        ("¿Puedo jugar cartas en línea en la computadora del distrito?", "play_games"),
        # tags and stories are posts; the school's page run by someone is posting
        ("Can I tag my players in the team photos?", "post"),
        ("Can I put the practice schedule on my Instagram story?", "post"),
        ("Is Close Friends ok for sharing pics of my students?", "post"),
        ("My principal asked me to run the school's Facebook. Can I do it from my phone?", "post"),
        # a new site, blog, channel or Remind class
        ("Can I build a website for my class on Google Sites?", "create_account"),
        ("If I made a YouTube channel for my lessons, would I need approval?", "create_account"),
        ("Is it ok to set up a Remind class for my 6th graders?", "create_account"),
        # a site blocked, said after what it is for
        ("The site I need for my lesson is blocked. Who can open it?", "disable_filter"),
        # personal use in other words
        ("Can I watch a workout video on the gym computer before school?", "personal_use"),
        ("Can I apply for a job at another district from my school email?", "personal_use"),
        ("Can I do my grad school homework on my district laptop?", "personal_use"),
    ],
)
def test_round13_more_actions(question: str, action: str) -> None:
    assert rules(question).get("action") == action


def test_round13_a_remind_class_reaches_its_students() -> None:
    got = rules("Is it ok to set up a Remind class for my 6th graders?")
    assert got.get("counterparts.role") == "student"


@pytest.mark.parametrize(
    "question",
    [
        # a video watched with the class is teaching, not personal use
        "Can I watch a video with my class on the smartboard?",
        # the school's account named as what is used is not said to be posted on
        "Can I use the school's Facebook to advertise my bake sale?",
    ],
)
def test_round13_not_personal_use_or_a_post(question: str) -> None:
    assert rules(question).get("action") not in ("personal_use", "post")


@pytest.mark.parametrize(
    "question",
    [
        # the school day's business named outright
        "Can I text a mom when her son gets picked up early?",
        "Can I call a parent from my cell when the bus is running late?",
        "Can I message a coworker about covering my hall duty?",
        "Can I text my colleague to swap bus duty?",
        "Is it ok to send my class a Canvas announcement over break?",
        "Can I FaceTime a senior to help with her college essay?",
        "Can I email my sub plan from home?",
        "Can I make a group chat with the 3rd grade teachers to plan lessons?",
        "Can I call a dad to say his son did great today?",
        "Can I DM a player to tell her she made the varsity team?",
        "Can I text the team to cancel practice?",
        "Can I email the weekly newsletter from my gmail?",
        "Can I email the kids the worksheet from my yahoo?",
        "Can I send my highlight video to a college recruiter?",
    ],
)
def test_round13_school_day_business(question: str) -> None:
    assert rules(question).get("purpose") == "district_business"


@pytest.mark.parametrize(
    "question",
    [
        # a student's health or absence named: why the message is sent is not said
        "Can I text a parent that her daughter has a fever?",
        "Can I call a student's house to ask why he was absent?",
    ],
)
def test_round13_health_and_absence_leave_why_open(question: str) -> None:
    assert "purpose" not in rules(question)


def test_round13_a_class_sale_for_a_trip_is_not_the_askers_business() -> None:
    got = rules("Our class is selling candles for the 8th grade trip. Can I email the parents?")
    assert got.get("action") != "commercial_use"
    assert got.get("purpose") != "personal"


def test_round13_one_of_my_own_students_is_one() -> None:
    assert rules("Can I tutor one of my own students for pay?").get("counterparts.count") == 1


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # Spanish-English: "postear", "la sub", "los otros teachers", "en mi lunch"
        ("¿Está bien si posteo fotos de mi clase en Facebook?", {"action": "post"}),
        ("¿Puedo subir unos videos de mis alumnos a TikTok?", {"action": "post"}),
        ("¿Le puedo dar mi password a la sub?", {"counterparts.role": "employee"}),
        ("Can I vender mis galletas a los otros teachers?", {"counterparts.role": "employee"}),
        ("¿Puedo revisar Facebook en mi lunch?", {"actor.duty_free": True}),
        # what keeps arriving, in Spanish
        ("Un papá me está mandando mensajes feos. ¿Qué hago?", {"action": "receive"}),
    ],
)
def test_round13_spanish_english(question: str, expected: dict[str, object]) -> None:
    assert_reads(question, expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # whose device or account, in shorthand
        ("can i txt parents from my personal #?", {"channel.device": "personal"}),
        ("can i use my home phone to call a parent", {"channel.device": "personal"}),
        ("can i email parents from my school acct?", {"channel.account": "district"}),
        # a message sent from a page is still a message
        ("can i message parents from the school's facebook page", {"action": "message"}),
    ],
)
def test_round13_whose_channel_in_shorthand(question: str, expected: dict[str, object]) -> None:
    assert_reads(question, expected)


SMS_AS_VERB = [
    # "SMS" as the verb says what she wants to do, as "text" does
    ("Is it ok to SMS a student's mom tonight?", {"action": "message"}, ()),
    ("can i sms my players the practice time", {"action": "message"}, ()),
    # as a noun it does not ("an SMS from a student": something that came in)
    ("I got an SMS from a number I don't know", {}, ("action",)),
]


@pytest.mark.parametrize(("question", "expected", "absent"), SMS_AS_VERB)
def test_sms_as_the_verb_is_a_message(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)
