"""Grammar 2.8: threats that name no harm, no place and no time escalate; notices, quotes and
everyday turns of phrase with the same words do not. Every text here was written for these
tests (not taken from any data set)."""

from __future__ import annotations

import pytest

from lanyard.moderation import Action, ModerationClassifier
from lanyard.moderation.classifiers import threat_cues, threat_idioms
from lanyard.moderation.classifiers.threat import harm_named

NO_HARM_NAMED = [
    "ur next. dont say nobody told u",
    "mr kovac better know this isn't over. not even close",
    "you crossed the wrong family, coach",
    "she thinks she's safe with the new cameras. she's not",
    "nobody is gonna save you when the lights go out",
    "the new sro won't help you",
    "i always get even",
    "you'll know it was me",
    "your son plays at riverside park right? just asking 🙂",
    "50 bucks to anyone who trips that ref in the lot",
]


@pytest.mark.parametrize("text", NO_HARM_NAMED)
def test_threats_naming_no_harm_escalate_on_the_rules_alone(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    threat = result.category("threat")
    assert threat.flagged, threat
    assert result.action is Action.ESCALATE
    assert threat.evidence  # the words that made it a threat are shown


LOOK_ALIKES = [
    "you're next in line for the microphone at the assembly",
    "this isn't over, we'll see you in the playoffs",
    "your time is up, pencils down everyone",
    "you'll get yours in the mail next week with the yearbook",
    "she's about to learn how to drive, pray for us",
    "my name is first on the list for the bake sale",
    "the teacher said 'you're next' and i had to read my poem out loud",
    "he texted me 'it'd be a shame if something happened to you' so we called the police",
    "Coach Whitfield won't be coaching after Friday - he's retiring after 30 years",
    # notices the stage may still read (for self-harm; a score the character model left
    # unsettled), never flag
    "mrs. ruiz's last day is june 6, come say goodbye in the library at 3",
    "mr. dale will be out friday, a sub will cover 2nd period",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_the_same_words_in_everyday_use_do_not_escalate(
    staged: ModerationClassifier, text: str
) -> None:
    result = staged.classify(text)
    assert not result.category("threat").flagged
    assert result.action is not Action.ESCALATE


NOTICES = [
    "coach won't be at practice friday, the bus leaves at 3",
    "coach hale won't be at practice thursday, the bus leaves at 4 from the front loop",
    "the counselor is out sick today, her meetings are moved to tomorrow",
    "can we get a crossing guard at the corner of elm and 5th before school?",
]


@pytest.mark.parametrize("text", NOTICES)
def test_a_notice_naming_staff_a_place_and_a_time_is_not_escalated_nor_sent_to_the_stage(
    staged: ModerationClassifier, text: str
) -> None:
    before = staged.threat_stage_reads
    result = staged.classify(text)
    assert not result.category("threat").flagged
    assert result.action is not Action.ESCALATE
    assert staged.threat_stage_reads == before  # the encoder is not paid for a notice
    assert harm_named(text.lower()) is None
    assert threat_cues.cue(text.lower()) is None


def test_a_contraction_inside_quotation_marks_still_reads_as_a_quote() -> None:
    text = "the number of 'you're next' comments we get is exhausting"
    start = text.index("you're")
    assert threat_idioms.quoted(text, start, start + len("you're next"))
    said = "she wrote 'it'd be a shame if something happened' to my son"
    start = said.index("be a shame")
    assert threat_idioms.quoted(said, start, start + len("be a shame"))
    plain = "i'm telling you you're next"
    start = plain.index("you're")
    assert not threat_idioms.quoted(plain, start, start + len("you're next"))


@pytest.mark.parametrize(
    "text",
    [
        "im gonna kill the boys on the soccer team",
        "we are going to shoot the principal at the basketball game",
        "keep benching me and i'm cutting your brake lines coach",
    ],
)
def test_a_person_harmed_at_a_game_is_no_rival_beaten(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "we're going to kill them at the game friday",
        "our girls are gonna destroy the refs' bracket",
    ],
)
def test_a_rival_beaten_at_a_game_is_still_sport(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("threat").flagged


@pytest.mark.parametrize(
    "text",
    [
        "that crosswalk is dangerous. someone will get hit, it's only a matter of time.",
        "when i'm stressed i get even worse at math",
        "you're next, sarah! good luck on your solo",
        "don't worry about the freshmen, they'll learn.",
        "the new bakery is first on my list.",
        "i saw where you parked at pickup. please stop blocking the driveway",
        "you won't see me coming to the game, i'm working late",
        "countdown is on 3... 2... 1... happy new year otters",
        "my bag is packed, see you at camp!",
    ],
)
def test_turns_of_phrase_in_everyday_use_are_not_threats(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("threat").flagged


@pytest.mark.parametrize(
    "text",
    [
        "everyone smart will be home on the 22nd. thats all im saying",
        "tuesday at 9:40 everything changes at north high",
        "the duffel is packed and heavy. see you all at the assembly",
    ],
)
def test_a_day_or_a_bag_told_as_a_dare_escalates(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).action is Action.ESCALATE
