"""The May I? follow-up loop asks few, fitting questions and never buys that with a
confident wrong answer: what it does not ask stays unknown and the decision says so."""

from __future__ import annotations

from typing import Any

import pytest

from lanyard.mayi.interpret import USUAL, Confirmation, next_question, read, to_json
from lanyard.policy import Decision, Situation, builtin_pack_ids, decide, load_pack
from lanyard.policy.decision import Dependence, Verdict
from lanyard.policy.questions import question_for

PACKS = builtin_pack_ids()


def _ask(
    question: str, pack_id: str, answered: dict[str, Any]
) -> tuple[Decision, Dependence | None]:
    interpretation = read(question, answered, district=pack_id)
    decision = decide(load_pack(pack_id), Situation.model_validate(interpretation.situation()))
    return decision, next_question(decision, interpretation)


def _loop(question: str, pack_id: str, answer: str) -> tuple[Decision, list[str]]:
    """Follow the questions as a teacher would: "I don't know" to each (``idk``), or the
    usual answer ("No" to a yes-or-no question, else the first option)."""
    answered: dict[str, Any] = {"actor.role": "teacher"}
    asked: list[str] = []
    for _ in range(15):
        decision, following = _ask(question, pack_id, answered)
        if following is None:
            return decision, asked
        values = [o.value for o in following.outcomes]
        if answer == "idk":
            answered[following.fact] = None
        else:
            answered[following.fact] = False if False in values else values[0]
        asked.append(following.fact)
    raise AssertionError(f"still asking after 15 questions: {asked}")


@pytest.mark.parametrize("pack_id", PACKS)
def test_texting_a_parent_asks_about_co_workers_pictured_only_when_nothing_else_is_left(
    pack_id: str,
) -> None:
    question = "Can I text a parent about the field trip?"
    _, asked = _loop(question, pack_id, "idk")
    assert "content.coworker_images" not in asked
    assert "content.media_permission_denied" not in asked
    assert len(asked) <= 4, asked
    decision, asked = _loop(question, pack_id, "usual")
    for fact in ("content.coworker_images", "content.media_permission_denied"):
        if fact in asked:  # the pack's clause covers any message: last, and it settles
            assert asked[-1] == fact or asked[-2] == fact, asked
    assert decision.settled


@pytest.mark.parametrize("pack_id", PACKS)
def test_a_settled_answer_asks_nothing(pack_id: str) -> None:
    question = "Can I text a student about homework from my phone?"
    decision, _ = _loop(question, pack_id, "usual")
    assert decision.settled
    answered = {"actor.role": "teacher"}
    settled, following = _ask(question, pack_id, answered)
    if settled.settled:
        assert following is None


@pytest.mark.parametrize("pack_id", PACKS)
def test_not_knowing_stops_the_questions_and_the_answer_is_never_a_yes(pack_id: str) -> None:
    for question in (
        "Can I text a student about homework?",
        "Can I post photos of my students on Instagram?",
        "Can I email a parent from my personal gmail?",
    ):
        decision, asked = _loop(question, pack_id, "idk")
        # (before: up to 15 questions, one per fact the answer could turn on)
        assert len(asked) <= 4, (question, asked)
        assert len(set(asked)) == len(asked)  # "I don't know" is not asked again
        if not decision.settled:
            assert decision.verdict is not Verdict.ALLOWED
            assert decision.depends_on  # the decision says what it turns on


def test_a_question_refining_one_answered_i_dont_know_is_not_asked() -> None:
    question = "Can I post a video with music on the class page?"
    for pack_id in PACKS:
        answered: dict[str, Any] = {"actor.role": "teacher", "content.copyrighted_material": None}
        for _ in range(10):
            _, following = _ask(question, pack_id, answered)
            if following is None:
                break
            assert following.fact != "content.copyright_permission"
            answered[following.fact] = None


def test_the_usual_facts_come_after_the_ones_that_decide() -> None:
    # Texting a student from a personal phone in the default pack: how (device, account)
    # is asked before whether it is an emergency or anything is inappropriate.
    _, asked = _loop("Can I text a student about homework?", "wilmette-39", "usual")
    assert asked[0] in ("channel.device", "channel.account"), asked
    _, asked = _loop("Can I text a student about homework?", "wilmette-39", "idk")
    assert "content.inappropriate" not in asked and "emergency" not in asked


@pytest.mark.parametrize("pack_id", PACKS)
@pytest.mark.parametrize(
    "question",
    [
        "Can I start an Instagram for my class?",
        "Can I make a Facebook page for the drama club?",
        "Can I create a TikTok account for our team?",
    ],
)
def test_a_new_social_account_is_not_asked_how_it_is_sent(question: str, pack_id: str) -> None:
    """Starting an account on a social network is a social media account: "How will you send
    or share it?" has its answer in the platform's name."""
    _, asked = _loop(question, pack_id, "usual")
    assert "channel.medium" not in asked


def test_one_person_or_a_group_offers_each_answer_once() -> None:
    """Found in the demo: "One person or a group?" offered "A group" twice. Naperville tells
    one recipient from "a group of people" (two or more, its BCC rule): 2 and 3 recipients
    lead to the same answer, so the choices are one person or a group."""
    answered = {
        "action": "message",
        "channel.medium": "email",
        "channel.account": "district",
        "purpose": "district_business",
        "counterparts.role": "parent",
        "counterparts.count": None,
        "actor.role": "teacher",
    }
    interpretation = read("Can I email the parents?", answered, district="naperville-203")
    situation = Situation.model_validate(interpretation.situation())
    decision = decide(load_pack("naperville-203"), situation)
    count = next(d for d in decision.depends_on if d.fact == "counterparts.count")
    shown = to_json(interpretation, situation, decision, count)["next"]
    assert [o["label"] for o in shown["options"]] == ["One person", "A group (two or more)"]
    assert {o["verdict"] for o in shown["options"]} == {"prohibited", "allowed_with_obligations"}


@pytest.mark.parametrize("pack_id", PACKS)
@pytest.mark.parametrize("fact", ["counterparts.count", "counterparts.contact_attempts"])
def test_each_number_offered_names_a_different_range(pack_id: str, fact: str) -> None:
    """The numbers tried stand for the ranges the pack's thresholds tell apart, one each,
    in words that differ ("Never", "Once", "Twice or more")."""
    values = load_pack(pack_id).values_named(fact)
    labels = question_for(fact).options(values)
    assert len(set(labels)) == len(labels), labels
    if len(values) > 1:
        assert labels[-1].lower().endswith(("or more", "(two or more)", "at least once")), labels


def test_a_threshold_of_two_or_more_is_tried_on_each_side_only() -> None:
    # "group_size: {gte: 2}" tells 1 from 2; "contact_attempts: {gte: 2}" 0 and 1 from 2.
    assert load_pack("naperville-203").values_named("counterparts.count") == (1, 2)
    assert load_pack("chsd-230").values_named("counterparts.contact_attempts") == (0, 1, 2)
    assert question_for("counterparts.contact_attempts").options((0, 1, 2)) == [
        "Never",
        "Once",
        "Twice or more",
    ]


# What a picture, a logo or copyrighted music would carry, and the parts of "inappropriate"
# asked one by one: not what a teacher asking about a message expects to be asked first.
_OFF_THE_POINT_FOR_A_MESSAGE = {
    "content.copyrighted_material",
    "content.copyright_permission",
    "content.district_logo",
    "content.coworker_images",
    "content.media_permission_denied",
    "content.sexual",
    "content.defamatory",
    "content.harassing",
    "content.threatening",
    "content.vulgar",
}


@pytest.mark.parametrize("pack_id", PACKS)
@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("text my team about practice", {}),
        ("text my team about practice", {"channel.device": "personal"}),
        ("Can I text a student about homework?", {}),
        ("Can I email a parent from my gmail?", {}),
        ("Can I call a parent from my cell?", {}),
        ("group chat on GroupMe", {}),
        ("A student messaged me first on Instagram. Can I reply?", {}),
    ],
)
def test_a_message_is_first_asked_what_fits_it(
    question: str, answered: dict[str, Any], pack_id: str
) -> None:
    """Found in the demo: "text my team about practice" (from my own phone) asked whether
    it used copyrighted material; elsewhere a text asked about the district's logo, and a
    group chat whether any of it was sexual, then defamatory, harassing, threatening."""
    decision, following = _ask(question, pack_id, {"actor.role": "teacher", **answered})
    if following is not None:
        assert following.fact not in _OFF_THE_POINT_FOR_A_MESSAGE, following.fact


@pytest.mark.parametrize(
    ("question", "pack_id", "answered", "first"),
    [
        # how it is sent decides the answer: asked first
        ("Can I text a student?", "wilmette-39", {}, "purpose"),
        ("Can I text a student about homework?", "wilmette-39", {}, "channel.device"),
        ("text my team about practice", "wilmette-39", {}, "channel.device"),
        ("Can I friend a parent on Facebook?", "naperville-203", {}, "channel.account"),
        ("Can I post a photo of my students on the class Instagram?", "chsd-230", {}, None),
        ("Can I start a class Instagram account?", "wilmette-39", {}, "channel.account"),
        # from my own phone, a team text needs approval: then whether the district has a
        # way of its own (the answer's duty), before any of the usual confirmations
        (
            "text my team about practice",
            "wilmette-39",
            {"channel.device": "personal"},
            "channel.district_alternative",
        ),
        # where the likely answer is already known, the usual facts that fit a message
        ("text my team about practice", "wem-2143", {}, "content.inappropriate"),
        ("Can I email a parent from my gmail?", "naperville-203", {}, "content.inappropriate"),
        # a reply to a student on Instagram: why, or whether the student is under 13
        (
            "A student messaged me first on Instagram. Can I reply?",
            "naperville-203",
            {},
            ("purpose", "counterparts.age_under_13"),
        ),
    ],
)
def test_sensible_first_follow_ups(
    question: str, pack_id: str, answered: dict[str, Any], first: str | tuple[str, ...] | None
) -> None:
    _, following = _ask(question, pack_id, {"actor.role": "teacher", **answered})
    assert following is not None
    if first is None:  # any question about how or where it is posted
        assert following.fact.startswith(("channel.", "purpose"))
    else:
        assert following.fact in ((first,) if isinstance(first, str) else first)


@pytest.mark.parametrize("pack_id", PACKS)
def test_the_parts_of_inappropriate_are_one_question(pack_id: str) -> None:
    """ "Is any of it sexual, harassing, threatening, defamatory or vulgar?" once, a "No"
    settling each part, instead of each part in turn."""
    _, asked = _loop("Can I email a parent from my gmail?", pack_id, "usual")
    parts = {f"content.{p}" for p in ("sexual", "defamatory", "harassing", "threatening")}
    assert not parts & set(asked), asked
    assert asked.count("content.inappropriate") <= 1


def test_copyright_comes_after_what_fits_a_text() -> None:
    _, asked = _loop("text my team about practice", "wilmette-39", "usual")
    assert asked.index("content.inappropriate") < asked.index("content.copyrighted_material")


def test_after_i_dont_know_the_usual_facts_left_are_asked_once_together() -> None:
    """Found in the demo as a principal: after "I don't know" to the device, "None of these"
    (the logo, copyrighted music, co-workers) was followed by a second such question, "Is any
    of it sexual, harassing ...?", which mattered only once the others were answered."""
    question = "Can I post a photo of my students on the school Instagram?"
    answered: dict[str, Any] = {
        "actor.role": "administrator",
        "purpose": "district_business",
        "channel.device": None,
        "content.parental_permission": True,
    }
    _, following = _ask(question, "wilmette-39", answered)
    assert isinstance(following, Confirmation)
    assert "content.inappropriate" in following.facts
    answered.update({f: USUAL[f] for f in following.facts})  # "None of these"
    _, after = _ask(question, "wilmette-39", answered)
    assert after is None
