"""Causes of invented and wrong facts on the tuning files (issue 11: a wrong fact is worse
than a missing one): one group of rows per cause, each a question written for the tests,
the facts the reader must give and the fields it must not give."""

from __future__ import annotations

import pytest

from tests.unit.mayi.reading import assert_reads, rules

WORK = {"content.student_work": True}

ROWS = [
    # an essay the question is about helping with, or reminding of, is school business, not
    # the student's work being sent or shown
    ("Can I FaceTime a senior to help with her college essay?", {}, ("content.student_work",)),
    ("can i zoom w/ a junior to help w/ his essay this weekend", {}, ("content.student_work",)),
    ("Can I text my class a reminder about their essays?", {}, ("content.student_work",)),
    ("Can I email parents that the essay deadline moved?", {}, ("content.student_work",)),
    ("Teams chat w/ a kid ok if we only talk about the essay?", {}, ("content.student_work",)),
    # an essay that is written, sent, shown or shared is
    ("Can I email a student's essay to her counselor?", WORK, ()),
    ("A kid emailed me his essay. Can I reply with comments?", WORK, ()),
    ("Can I post a funny essay a student wrote on my blog? No name.", WORK, ()),
    ("Can I tweet a photo of student essays from the contest?", WORK, ()),
    ("Can I share the essays my seniors wrote with the principal?", WORK, ()),
]


@pytest.mark.parametrize(("question", "expected", "absent"), ROWS)
def test_precision_rules(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


ACCOUNT_ROWS = [
    # an account someone else wrote to is where they wrote, not the asker's account or reason
    (
        "Can I DM a mom on Instagram since she messaged the school's page?",
        {},
        ("channel.account", "purpose"),
    ),
    ("Can I reply to a dad who messaged the class page first?", {}, ("channel.account",)),
    # an account's post shared onto the asker's own page gives no reason why
    ("Can I share the district's Facebook post on my own page?", {}, ("purpose",)),
    # a page a link leads to is what is sent, not how
    ("Can I text families the link to our class Instagram?", {}, ("channel.platform",)),
    ("Can I email parents a link to the team's TikTok?", {}, ("channel.platform",)),
    # the asker's own use of a school account still is
    (
        "Can I post the game schedule on the school's Facebook page?",
        {"channel.account": "district", "purpose": "district_business"},
        (),
    ),
    (
        "Can I send my class a YouTube link for homework through Google Classroom?",
        {"channel.platform": "google classroom"},
        (),
    ),
]


@pytest.mark.parametrize(("question", "expected", "absent"), ACCOUNT_ROWS)
def test_precision_accounts_of_others(
    question: str, expected: dict[str, object], absent: tuple[str, ...]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "count"),
    [
        # "one of my kids parents": one parent, the apostrophe left out
        ("can i text 1 of my students parents tonight", 1),
        ("Can I call one of my players parents from my cell?", 1),
        ("Can I call one of my players' parents from my cell?", 1),
        ("Can I text my players parents about the game?", 2),
    ],
)
def test_precision_one_of_a_group_without_apostrophe(question: str, count: int) -> None:
    got = rules(question)
    assert got.get("counterparts.role") == "parent", got
    assert got.get("counterparts.count") == count, got


@pytest.mark.parametrize(
    ("question", "purpose"),
    [
        # a class's thing is whose it is, not a school matter the message is for
        ("Can I start a TikTok for our class hamster?", None),
        ("A dad emailed me asking for the class list. Can I send it?", None),
        # a class or team it is for still is
        ("Can I make a group chat for my class?", "district_business"),
        ("Can I text the room parents about the class party?", "district_business"),
    ],
)
def test_precision_a_class_thing(question: str, purpose: str | None) -> None:
    assert rules(question).get("purpose") == purpose


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        # an old story's account, device and pictures are not those of what is asked
        (
            "Last year I posted pics of my class on my personal Facebook. Can I text parents?",
            ("channel.account", "content.student_images"),
        ),
        (
            "At my old school I texted kids from my own phone. Can I email my class here?",
            ("channel.device",),
        ),
        (
            "El año pasado usé mi celular personal para textear a los papás. ¿Puedo usar "
            "Remind este año?",
            ("channel.device",),
        ),
        # a device that would not work is not the one used
        (
            "If my phone dies, can I borrow a student's phone to call the office?",
            ("channel.device",),
        ),
        ("What if my cell gets stolen, can I text parents from a friend's?", ("channel.device",)),
    ],
)
def test_precision_another_time_or_device(question: str, absent: tuple[str, ...]) -> None:
    assert_reads(question, {}, absent)


@pytest.mark.parametrize(
    ("question", "field", "value"),
    [
        # a story of now still gives them
        ("I only have my personal cell. Can I text a parent?", "channel.device", "personal"),
        ("My school phone is the one I use. Can I text a dad?", "channel.device", "district"),
    ],
)
def test_precision_a_story_of_now_still_counts(question: str, field: str, value: str) -> None:
    assert rules(question).get(field) == value


@pytest.mark.parametrize(
    ("question", "absent", "expected"),
    [
        # an account or platform that is down is not the one used
        (
            "Would it be ok to text parents if the school email is down?",
            ("channel.account", "channel.platform"),
            {"channel.medium": "text_message"},
        ),
        (
            "Our district email went down, can I email a mom from my gmail?",
            (),
            {"channel.account": "personal", "channel.platform": "gmail"},
        ),
        # an account that was hacked is still the one the question is about
        ("My district email was hacked. What do I do?", (), {"channel.account": "district"}),
    ],
)
def test_precision_a_channel_that_is_down(
    question: str, absent: tuple[str, ...], expected: dict[str, object]
) -> None:
    assert_reads(question, expected, absent)


@pytest.mark.parametrize(
    ("question", "role"),
    [
        # the one whose topic it is ("about my student's mom's complaint") is not whom it is with
        # (the assistant principal is: "my AP" is whom it is with, not the mom)
        ("Can I email my AP about my student's mom's complaint?", "administrator"),
        ("Can I text a coworker about a parent's divorce?", "employee"),
        # one whose address or account it is still is
        ("Can I email a parent about her son's grades?", "parent"),
    ],
)
def test_precision_whose_topic_it_is(question: str, role: str | None) -> None:
    assert rules(question).get("counterparts.role") == role
