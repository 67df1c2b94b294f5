"""Causes of missing facts found by the eleventh round's new questions (questions-11.yaml):
one group of rows per cause, each a question, the facts the reader must give and the fields
it must not give. The rows are variations written for the tests, not the tuning questions
themselves, so a rule that only fixed one sentence fails the other rows."""

from __future__ import annotations

import pytest

from lanyard.mayi.understand import understand
from tests.unit.mayi.reading import assert_reads, rules

SCHOOL = {"purpose": "district_business"}
PERSONAL = {"purpose": "personal"}

RULES = [
    # a school matter named after "about / for" with its subject, sport or group before it
    ("can I email my 7th graders about the chapter test?", SCHOOL, ()),
    ("Is it ok to text parents about the home game Friday?", SCHOOL, ()),
    ("Can I email the team's families about the staff meeting?", SCHOOL, ()),
    ("can i dm my kids for my biology lesson tomorrow", SCHOOL, ()),
    # school matters the cues did not know
    ("Can I text my players about the open gym schedule on Monday?", SCHOOL, ()),
    ("Can I email my seniors about scholarship applications?", SCHOOL, ()),
    ("Can I message a parent about the assembly tomorrow?", SCHOOL, ()),
    ("can i text a kid abt his detention tmrw", SCHOOL, ()),
    ("Is it ok to text a mom about the bus route changes?", SCHOOL, ()),
    ("Can I call a dad to tell him that he made varsity? his son i mean", SCHOOL, ()),
    ("Can I email my sub plans from home?", SCHOOL, ()),
    ("Una mamá me escribió preguntando por la excursión. ¿Le contesto?", SCHOOL, ()),
    # school matters named without "about": the lineup, the bus time, a missed bus
    ("Can I text my captains the starting lineup tonight?", SCHOOL, ()),
    ("can I snap my players the bus time for the away game", SCHOOL, ()),
    ("Can I call a dad whose son missed the bus?", SCHOOL, ()),
    ("¿Puedo escribirles a los papás sobre el horario del partido?", SCHOOL, ()),
    # a school event in a post does not say why the post is made
    ("Can I post pictures of the science fair on my Facebook?", {}, ("purpose",)),
    # a story's news or someone else's question is no purpose
    ("A reporter called me about the bus crash. Can I talk to him?", {}, ("purpose",)),
    # not a school matter: the union, a pro team
    ("Can I text a parent about the union meeting tonight?", {}, ("purpose",)),
    ("Can I text a dad about the Cowboys game?", {}, ("purpose",)),
    # plainly personal: a party, a date, a sale, a chore, a holiday greeting
    ("Can I email the staff about my retirement dinner?", PERSONAL, ()),
    ("Is it ok to text a mom about her yard sale? I want her old couch", PERSONAL, ()),
    ("Can I message a coworker to ask him out?", PERSONAL, ()),
    ("can I text a student to babysit friday night", PERSONAL, ()),
    ("Can I text my students happy holidays over break?", PERSONAL, ()),
    ("Can I email a parent about selling her car?", PERSONAL, ()),
    ("Is it ok to text a parent about my lost dog?", PERSONAL, ()),
    ("Can I email coworkers about my garage sale?", PERSONAL, ()),
    ("Can I text a parent about my son's soccer game?", PERSONAL, ()),
    ("Can I message parents about our church's fall picnic?", PERSONAL, ()),
    ("Can I DM a mom about my cleaning business?", PERSONAL, ()),
    ("¿Puedo invitar a una maestra a cenar por mensaje de texto?", PERSONAL, ()),
    # the asker's business hours say nothing about whose business it is
    ("Can I text a parent during business hours?", {}, ("purpose",)),
]


@pytest.mark.parametrize(("question", "expected", "absent"), RULES)
def test_round11_rules(question: str, expected: dict[str, object], absent: tuple[str, ...]) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "purpose"),
    [
        ("Can I text a dad to ask him out for drinks?", "personal"),
        ("Can I email my colleagues about my retirement party?", "personal"),
        ("can i text my players about the weigh-ins tomorrow", "district_business"),
    ],
)
def test_learned_reader_keeps_the_purpose_the_rules_read(question: str, purpose: str) -> None:
    """The second reader does not veto why a message is sent: it had vetoed right readings
    of personal purposes it had rarely seen."""
    got = {u.field: u.value for u in understand(question)}
    assert got.get("purpose") == purpose


COLLEAGUE = {"counterparts.role": "employee", "counterparts.count": 1}
COLLEAGUES = {"counterparts.role": "employee", "counterparts.count": 2}


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # colleagues the reader did not know: subs, a teaching partner, the psychologist, the
        # other coaches, teachers named by grade or subject, "mi asistente", "un colega"
        ("can I text a sub from my cell about the seating chart?", COLLEAGUE),
        ("Can I email all the subs on the list about the dress code?", COLLEAGUES),
        ("Can I email the long-term sub my login?", COLLEAGUE),
        ("Can I text my teaching partner after school?", COLLEAGUE),
        ("Can I email the psychologist about a kid's testing?", COLLEAGUE),
        ("Can I group text the other coaches about the scrimmage?", COLLEAGUES),
        ("Can I message all the 5th grade teachers on Teams?", COLLEAGUES),
        ("can I email the math teachers about the pacing guide", COLLEAGUES),
        ("¿Puedo mandarle un mensaje a mi asistente por WhatsApp?", COLLEAGUE),
        ("¿Le puedo mandar un correo a un colega?", COLLEAGUE),
        ("Can I email my whole department about the field trip?", COLLEAGUES),
        ("can I text the entire faculty tonight", COLLEAGUES),
        # a stepparent is a parent
        ("can I call a student's stepmom about pickup?", {"counterparts.role": "parent"}),
    ],
)
def test_round11_counterparts(question: str, expected: dict[str, object]) -> None:
    got = rules(question)
    for field, value in expected.items():
        assert got.get(field) == value, (field, got)


@pytest.mark.parametrize(
    "question",
    [
        "Soy asistente de maestra. ¿Puedo textear a los papás?",
        "Can I leave my sub plans in the sub folder?",
        "I'm a 3rd grade teacher. Can I text a parent?",
    ],
)
def test_round11_no_colleague_read(question: str) -> None:
    """The asker's own role, and a sub's plans, are nobody the question is with."""
    assert rules(question).get("counterparts.role") != "employee"


@pytest.mark.parametrize(
    ("question", "on_duty"),
    [
        # the time of a game, a concert or a party is not the asker's time
        ("Can I text a coworker about the game with me this weekend?", None),
        ("can I text a parent about the concert tonight?", None),
        ("Is it ok to email a mom about the wedding this weekend?", None),
        # a time said of the asker still is
        ("Can I text a parent tonight?", False),
        ("Can I email my team on the weekend about the game?", False),
        ("can we play games on our phones at lunch duty?", True),
        # a call or e-mail that came to the asker's cell or inbox at a time: when it came
        ("A parent called my cell during class. Can I call her back at lunch?", None),
        ("My principal emailed my gmail at 9pm. Can I answer him tomorrow?", None),
    ],
)
def test_round11_duty_time(question: str, on_duty: bool | None) -> None:
    assert rules(question).get("actor.on_duty") == on_duty


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        # the school's machines are the district's device
        ("Can I print my church flyers on the school printer?", {"channel.device": "district"}, ()),
        ("can I use the office copier for my side business", {"channel.device": "district"}, ()),
        ("Can I call a parent from my desk phone?", {"channel.device": "district"}, ()),
        ("Can my kids use the classroom iPads for Kahoot?", {"channel.device": "district"}, ()),
        # Spanish: "número personal" is the asker's own, "mi celular del trabajo" the work one
        ("¿Puedo llamar a un papá desde mi número personal?", {"channel.device": "personal"}, ()),
        (
            "¿Puedo textear a un alumno desde mi celular del trabajo?",
            {"channel.device": "district"},
            (),
        ),
        # the asker's own accounts named with "personal" or "own"
        ("Can I email parents from my personal outlook?", {"channel.account": "personal"}, ()),
        ("Can I share a doc from my own Google account?", {"channel.account": "personal"}, ()),
        ("¿Puedo subir fotos a mi instagram personal?", {"channel.account": "personal"}, ()),
        # the school's and the athletics department's social accounts are the district's
        ("Can I post the scores on the athletics twitter?", {"channel.account": "district"}, ()),
        ("can I post the lunch menu on the school fb", {"channel.account": "district"}, ()),
        (
            "¿Puedo publicar fotos en el Facebook de la escuela?",
            {"channel.account": "district"},
            (),
        ),
        # a class or team account does not say whose it is, nor a link to one's channel
        ("Can I post photos on the class instagram?", {}, ("channel.account",)),
        ("Can I post the lineup on the team's insta?", {}, ("channel.account",)),
        ("Can I send my class a link to my personal YouTube channel?", {}, ("channel.account",)),
    ],
)
def test_round11_device_and_account(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "action"),
    [
        # a like on posts is a follow, as in questions-8 and -9
        ("is it ok to like a parent's photos on facebook?", "friend_or_follow"),
        ("¿Puedo darle like a las publicaciones de un papá?", "friend_or_follow"),
        ("Can I like my players' videos on TikTok?", "friend_or_follow"),
        ("I'd like to post the lineup", "post"),
        ("Can I follow all of my students on Instagram?", "friend_or_follow"),
        ("Do I have to follow all the rules on the class page?", None),
        # the bank and taxes on a school computer are personal use
        ("Can I check my bank account on my school laptop?", "personal_use"),
        ("can I do my taxes on the district computer after school", "personal_use"),
        # "answer texts", "answer from my personal gmail" are answers
        ("can I answer parent texts during my prep?", "respond_to_contact"),
        ("A dad emailed me. Can I answer from my personal gmail?", "respond_to_contact"),
        # "llamo" in a question is a call; "me llamo" is a name
        ("¿Está bien si llamo a una mamá en la noche?", "message"),
    ],
)
def test_round11_actions(question: str, action: str | None) -> None:
    assert rules(question).get("action") == action


@pytest.mark.parametrize(
    ("question", "relationship"),
    [
        # the asker's church's event says nothing about knowing the person from church
        ("Can I text a mom to invite her to my church's picnic?", None),
        ("Can I email parents about our church's youth group?", None),
        ("Can I friend a parent I know from church?", "religious"),
        ("A dad from my church wants to follow me. ok?", "religious"),
    ],
)
def test_round11_church(question: str, relationship: str | None) -> None:
    assert rules(question).get("actor.relationship") == relationship


def test_round11_one_written_as_a_digit() -> None:
    got = rules("Can I text 1 of my players about practice?")
    assert got.get("counterparts.count") == 1
