"""Reading a question in a teacher's words: each fact with the words it came from, and
nothing the words do not say."""

from __future__ import annotations

import pytest

from lanyard.mayi.understand import situation_from, understand, understand_by_rules
from lanyard.policy import Situation


def facts(question: str) -> dict[str, object]:
    """The rules' reading; what the learned second reader changes is tested in
    test_learned.py."""
    return {u.field: u.value for u in understand_by_rules(question)}


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


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Puedo mandarle un mensaje de texto a mis estudiantes desde mi celular?",
            {
                "action": "message",
                "channel.medium": "text_message",
                "channel.device": "personal",
                "counterparts.role": "student",
                "counterparts.count": 2,
            },
        ),
        (
            "Puedo publicar fotos de mis alumnos en mi Facebook personal?",
            {"action": "post", "content.student_images": True, "counterparts.role": "student"},
        ),
        (
            "I'm not using my personal phone, it's the school phone. Can I text parents?",
            {"channel.device": "district", "counterparts.role": "parent"},
        ),
        (
            "Can a para text a student's mom about the bus?",
            {"actor.role": "staff", "counterparts.role": "parent", "counterparts.count": 1},
        ),
        (
            "A parent dm'd me on facebook about her kid's grades, can I reply?",
            {
                "action": "respond_to_contact",
                "counterparts.role": "parent",
                "counterparts.initiated_contact": True,
                "channel.medium": "social_dm",
            },
        ),
        (
            "Can I message my students at night on Remind about the test?",
            {"actor.on_duty": False, "channel.platform": "remind", "counterparts.count": 2},
        ),
    ],
)
def test_spanish_negation_possessives_roles_and_time(
    question: str, expected: dict[str, object]
) -> None:
    read = facts(question)
    for field, value in expected.items():
        assert read.get(field) == value, (question, field, read)


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        # "a student's older brother" is not the student
        ("A student's older brother friended me. Accept?", "counterparts.role.student"),
        # what the asker told the parent to use is not how the asker would reply
        ("A parent keeps calling my cell after I said to use school email", "channel.account"),
        # "remind him" is a verb, not the Remind app
        ("can i dm a kid on insta to remind him about tutoring", "channel.platform.remind"),
        # "in case of an emergency" is not an emergency now
        ("Can I give a student my number in case of an emergency on the trip?", "emergency"),
        # "about the game" is the topic, not a photo at a public event
        ("Can I text a student about the game?", "content.public_extracurricular"),
        # "no kids in it": the students are not the counterpart
        ("Is it fine to post a selfie in my room on Insta? No kids in it.", "counterparts.role"),
    ],
)
def test_nothing_is_invented_from_background_words(question: str, absent: str) -> None:
    read = facts(question)
    if absent == "channel.platform.remind":
        assert read.get("channel.platform") != "remind", read
    elif absent == "counterparts.role.student":
        assert read.get("counterparts.role") != "student", read
    else:
        assert absent not in read, read


def test_negated_kids_are_read_as_no_student_images() -> None:
    assert facts("Can I post a selfie on Insta? No kids in it.")["content.student_images"] is False


def test_a_student_teacher_is_not_a_student_and_mi_hijo_is_my_child() -> None:
    assert "counterparts.role" not in facts("My student teacher wants my Canvas login. Ok?")
    read = facts("Mi hijo esta en mi clase, puedo mandarle whatsapp?")
    assert read["counterparts.own_child"] is True
    assert read["channel.platform"] == "whatsapp"


def test_an_email_account_named_is_not_a_message() -> None:
    assert "action" not in facts("Is it ok to use my school email to sign up for amazon?")


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        ("Can I video call a student who is sick at home?", "content.student_images"),
        ("A student commented on my public Instagram post. Can I like it?", "action"),
        ("Can I text my players late at night if it's an emergency?", "emergency"),
        ("My principal wants me to run the school's tiktok. Ok?", "counterparts.role"),
    ],
)
def test_nouns_and_hypotheticals_are_not_facts(question: str, absent: str) -> None:
    assert absent not in facts(question)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a new account on a social network publishes posts; a site is a website
        ("Can I start a TikTok account for our dance team?", {"channel.medium": "social_post"}),
        ("Can I make a website for my class?", {"channel.medium": "website"}),
        # texting shorthand
        (
            "r u allowed to msg kids on insta abt hw?",
            {"action": "message", "channel.medium": "social_dm", "purpose": "district_business"},
        ),
        # the asker's role, named in passing
        ("I'm a volunteer coach, can I text the team?", {"actor.role": "coach"}),
        ("as a bus driver can i call a parent?", {"actor.role": "staff"}),
        # a reply is to someone who wrote first
        (
            "Un padre me escribió por WhatsApp, ¿le puedo contestar?",
            {"action": "respond_to_contact", "counterparts.initiated_contact": True},
        ),
        # a reporter's message is media contact
        ("A reporter DMed me about the strike. Can I reply?", {"action": "media_contact"}),
        # Spanish verbs as conjugated, and who would act
        (
            "¿Está permitido que un entrenador les mande mensajes a sus jugadores por Instagram?",
            {"action": "message", "channel.medium": "social_dm", "actor.role": "coach"},
        ),
        ("¿Puedo subirlas a mi Facebook?", {"action": "post"}),
        (
            "Un alumno me amenazó por Instagram, ¿qué hago?",
            {"action": "receive", "content.threatening": True},
        ),
        ("¿Le puedo prestar mi cuenta de Google a otra maestra?", {"action": "share_credentials"}),
        (
            "¿Se permite que los maestros jueguen en la computadora del distrito?",
            {"action": "play_games", "actor.role": "teacher", "channel.device": "district"},
        ),
        # games and selling are done for oneself
        ("can i play chess online on my school laptop", {"purpose": "personal"}),
        ("pls can i dm my ex student, she's 20 now", {"counterparts.age_18_or_over": True}),
    ],
)
def test_shorthand_roles_spanish_and_what_an_action_means(
    question: str, expected: dict[str, object]
) -> None:
    read = facts(question)
    for field, value in expected.items():
        assert read.get(field) == value, (field, read)


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        # a story told before the question is not what the person wants to do
        (
            "Last spring a kid kept snapping me. Can I post the field day photos?",
            "channel.platform",
        ),
        # the student in the story and the families in the question: the families count
        (
            "A kid kept snapping me. Can I email my 4th graders' families?",
            "counterparts.grade_band",
        ),
        # "parent conferences" and "family stuff" name no one
        ("Can I install Zoom on the class computer for parent conferences?", "counterparts.role"),
        # the one who would act is not the counterpart
        ("Is a staff member allowed to livestream graduation?", "counterparts.role"),
        # "2nd period" is not 2nd grade
        ("my niece is in my 2nd period class, can I text her?", "counterparts.grade_band"),
        # nobody receives an unblocked site
        ("Can I get YouTube unblocked for my students' project?", "counterparts.role"),
        # "my kid's coach" is not my kid
        ("can i txt my kid's coach about pickup", "counterparts.own_child"),
        # the asker's own family is not a student's parent
        ("Can I post my family vacation pics on Instagram?", "counterparts.role"),
        # the school newspaper is not the news media
        ("Can I write for the school newspaper about the phone policy?", "action"),
    ],
)
def test_stories_modifiers_and_subjects_are_not_facts(question: str, absent: str) -> None:
    assert absent not in facts(question)


def test_a_story_before_the_question_is_not_the_action() -> None:
    read = facts("Last spring a kid kept snapping me. Can I post the field day photos?")
    assert read["action"] == "post"
    read = facts("A kid kept snapping me. Can I email my 4th graders' families?")
    assert read["counterparts.role"] == "parent"


def test_when_readings_disagree_the_sentence_that_asks_says_what_is_asked() -> None:
    story = "My friend says she texts her students all the time. Can I email mine about a test?"
    assert facts(story)["channel.medium"] == "email"
    # both asked ("… or …"): neither is kept
    both = "A parent emailed my gmail. can i reply from gmail or do i switch to school email"
    assert "channel.account" not in facts(both)


def test_pictured_students_are_the_counterparts_and_a_public_post_is_no_contact() -> None:
    read = facts("Can I put pictures of my 2nd graders on my classroom blog?")
    assert (read["action"], read["channel.medium"]) == ("post", "website")
    assert (read["counterparts.role"], read["content.student_images"]) == ("student", True)
    threat = facts("A kid posted a threat against the school on TikTok, who do I tell?")
    assert threat["action"] == "receive"
    assert "counterparts.initiated_contact" not in threat


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        # a lockdown in an "if" is not an emergency now
        ("If there's a lockdown should I call 911 or text my principal?", "emergency"),
        # having Snapchat is not sending a snap; contact info is not contacting
        ("What's the policy on teachers having Snapchat at all?", "action"),
        ("My contact info is on the class page, is that ok?", "action"),
    ],
)
def test_hypotheticals_and_nouns_are_not_the_action_or_an_emergency(
    question: str, absent: str
) -> None:
    assert absent not in facts(question)


def test_a_snap_back_is_a_direct_message() -> None:
    read = facts("A kid snapped me about the homework. Can I snap her back?")
    assert (read["action"], read["channel.medium"]) == ("respond_to_contact", "social_dm")


def test_formal_questions_about_someone_who_would_act() -> None:
    read = facts(
        "Is it within policy for an assistant principal to text a student's guardian from a "
        "district-issued phone after 8 p.m.?"
    )
    assert read["actor.role"] == "administrator"
    assert (read["counterparts.role"], read["actor.on_duty"]) == ("parent", False)
    read = facts(
        "Would a substitute be allowed to use the classroom computer to check personal email "
        "during a free period?"
    )
    assert (read["action"], read["actor.duty_free"]) == ("personal_use", True)
    read = facts("Could a para accept a LinkedIn connection from a parent of a student?")
    assert (read["action"], read["counterparts.role"]) == ("friend_or_follow", "parent")
    assert facts("Can I post about the school board vote on my Facebook?")[
        "content.speaks_for_district"
    ]


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        # "his phone" is the student's phone, not the asker's own device
        ("Could I call a kid on his phone about the makeup test?", "channel.device"),
        # "my instagram" does not say whether it is a personal or a class account
        ("can I share the bake sale flyer on my instagram", "channel.account"),
        # the music teacher shares no music
        ("As the music teacher can I email the choir parents?", "content.copyrighted_material"),
        # a drill is not an emergency
        ("During the lockdown drill can I text my husband?", "emergency"),
        # pictures of a pet sent to students are not pictures of students
        ("can i send a photo of my cat to my 3rd graders", "content.student_images"),
        # an anti-bullying lesson is not harassment
        ("Can I post our anti-bullying week poster on the class page?", "content.harassing"),
        # "the 10th" is a date, "k" is okay, and "the AP" is the assistant principal
        ("k can I email my class on the 10th? the AP said so", "counterparts.grade_band"),
        # a tech team is staff, not students
        ("Our tech team wants my login. Can I give it to them?", "counterparts.role"),
        # a parent volunteer is the one who would act
        ("Can a parent volunteer take pictures at field day?", "counterparts.role"),
        # a church flyer names no one the asker is in a relationship with
        ("Can I print the mascot on my church's raffle flyer?", "actor.relationship"),
        # what the login is used for is not shared with it
        ("Can my sub log into my Canvas to enter grades?", "content.student_records"),
        # a wish turned down is neither the device nor its opposite
        ("I'd rather not use my own cell. Can I call parents on Google Voice?", "channel.device"),
        # a message sent from the class account says nothing about why
        ("can i dm a kid from the class instagram", "purpose"),
        # selling things with the mascot: selling, or using the logo? Neither is kept
        ("can I sell mugs with the school mascot on them?", "action"),
        # a former student's mom is not a former student
        ("Can I friend a former student's dad on Facebook?", "counterparts.former_student"),
        # a running club of one's own is not school business
        ("Can I email flyers for my own running club to my colleagues?", "purpose"),
        # listening to a podcast, reading the paper, downloading a form: no media, no software
        ("Can I listen to a podcast during my planning period?", "action"),
        ("Can I read the newspaper at lunch?", "counterparts.role"),
        ("Can I download the field trip form on my district laptop?", "action"),
        # "on her personal cell" is where the message goes, not the asker's device
        ("As principal may I text a teacher on her personal cell?", "channel.device"),
        # "a student's threatening post" is a noun: nothing is posted
        ("Can I send my principal a screenshot of a student's threatening post?", "action"),
        # a private account is who can see it, not whose it is
        ("Can I start a private Instagram for my robotics club?", "channel.account"),
        # lesson plans sold for oneself are not school business
        ("Can I sell my lesson plans online?", "purpose.district_business"),
        # a student home sick says nothing of when the asker acts
        ("Can I video call a student who is home sick?", "actor.on_duty"),
        # calling the police is not how the threat arrived
        ("can i call the police if a parent threatens me", "channel.medium"),
        # when a disclosure was heard is not when the asker acts
        ("A kid told me in class today that his uncle hurts him. Who do I call?", "actor.on_duty"),
        # a fake account posting about students: the students are what it is about
        (
            "Somebody made a fake account pretending to be me, posting about my students",
            "counterparts.role",
        ),
    ],
)
def test_guesses_the_words_do_not_support_are_not_read(question: str, absent: str) -> None:
    read = facts(question)
    if absent == "purpose.district_business":  # the other purpose may be read
        assert read.get("purpose") != "district_business", read
    else:
        assert absent not in read, read


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("can we play games on our phones during lunch duty", {"actor.duty_free": False}),
        (
            "Not from my personal account: can I message the team from the class account?",
            {"channel.account": "district"},
        ),
        ("Is it ok to text parents through Remind?", {"channel.medium": "notification_app"}),
        (
            "Can I let my student teacher log into my gradebook?",
            {"action": "share_credentials"},
        ),
        (
            "A dad emailed me about tryouts. Can I call him back from the office phone?",
            {"action": "respond_to_contact", "counterparts.initiated_contact": True},
        ),
        (
            "A mom texted me during my plan period. Can I call her?",
            {"action": "respond_to_contact", "channel.medium": "phone"},
        ),
        ("my principal said I could, can I text my students?", {"counterparts.role": "student"}),
        (
            "Our nurse wants to start a Remind for parents. Is that ok?",
            {"actor.role": "staff", "counterparts.role": "parent"},
        ),
        ("Can I email my team a GoFundMe for my nephew?", {"action": "commercial_use"}),
        (
            "Can I start a private Instagram for my robotics club?",
            {"action": "create_account", "channel.platform": "instagram"},
        ),
        ("can i text the mom back tonight", {"action": "respond_to_contact"}),
        (
            "my principal asked me to email her the photos of the kids, ok?",
            {"counterparts.role": None},  # she receives them, the kids are pictured
        ),
        ("¿Se puede jugar Blooket con los alumnos?", {"action": "play_games"}),
        (
            "I coach JV. One of my players' dads keeps texting me. Do I answer?",
            {"counterparts.role": "parent", "counterparts.count": 1},
        ),
        (
            "A kid kept snapping me last year. Now I want to email my class about the test.",
            {"action": "message", "counterparts.count": 2},
        ),
        (
            "Someone is impersonating me on TikTok. What do I do?",
            {"action": "receive", "channel.platform": "tiktok"},
        ),
    ],
)
def test_stricter_rules_still_read_what_is_said(question: str, expected: dict[str, object]) -> None:
    read = facts(question)
    for field, value in expected.items():
        assert read.get(field) == value, read
