"""Threats and safety: what must reach the principal, and the look-alikes that must not."""

from __future__ import annotations

import pytest

from lanyard.moderation import Action, ModerationClassifier
from lanyard.policy import load_pack

ISSUE_THREATS = (
    "I'm going to bring a gun to Lakeview on Monday and shoot everyone in that biology class",
    "Someone should shoot up this school",
)


@pytest.mark.parametrize("text", ISSUE_THREATS)
def test_the_issue_threats_escalate_with_their_words(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    threat = result.category("threat")
    assert threat.flagged and threat.score >= 0.85
    assert result.action is Action.ESCALATE
    assert threat.evidence


@pytest.mark.parametrize("text", ISSUE_THREATS)
@pytest.mark.parametrize("pack_id", ["naperville-203", "wilmette-39"])
def test_a_threat_escalates_in_every_pack(text: str, pack_id: str) -> None:
    from lanyard.moderation.classifier import criteria_from_pack

    pack = load_pack(pack_id).document
    classifier = ModerationClassifier(criteria=criteria_from_pack(pack.deletion_criteria))
    assert classifier.classify(text).action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        # direct, with weapon, place or time
        "we're bringing guns to the game friday",
        "gonna bring my dads glock to 3rd period",
        "I'm going to slit his throat",
        "i'm gonna hurt everyone who laughed at me",
        # conditional
        "if you tell anyone i'll beat the crap out of you",
        # incitement
        "somebody needs to stab that teacher",
        "I hope someone bombs this place",
        "this school deserves to be shot up",
        "Mrs Carter should be shot",
        # veiled
        "I know where you live",
        "it would be a shame if something happened to your daughter",
        "dont come to school on friday",
        "Everyone in this school will pay on Monday",
        # spelling tricks
        "i will k i l l you",
        "imma sh00t up lakeview high tmrw",
        "I will klil you",
        "ѕhооt up the school",  # Cyrillic look-alike letters
        # self-harm escalates too
        "I want to kill myself",
    ],
)
def test_threats_in_many_shapes_escalate(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, result.category("threat")
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "my friend says she wants to kill herself",
        "he posted he's going to end it tonight",
        "a girl in my class has cuts on her arms and pills saved up",
        "my classmate texted me goodbye and said she won't be here tomorrow",
    ],
)
def test_someone_elses_self_harm_escalates_like_ones_own(
    classifier: ModerationClassifier, text: str
) -> None:
    # Ingest opens a case for a flagged threat: a self-harm signal reported by a friend or a
    # parent must open one too, not wait in the queue as "safety" only.
    result = classifier.classify(text)
    assert result.category("safety").flagged
    threat = result.category("threat")
    assert threat.flagged and any(e.startswith("self-harm") for e in threat.evidence)
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "this test is killing me",
        "we'll destroy them on Friday",
        "We're going to crush Naperville North in the playoffs",
        "A man shot two people at a mall in Texas yesterday, police said",
        "After the shooting at Uvalde we need better security",
        "Saying 'I'll shoot up the school' is never a joke. Report it.",
        "If you see someone post a threat to shoot up a school, call 911",
        "Shoot me an email if you have questions",
        "I'm going to kill this presentation tomorrow",
        "We are going to shoot some hoops after school",
        "The photographer will shoot the team photos on Monday",
        "I'm going to get my son from school early tomorrow",
        "The bill should be killed in committee",
        "I'm bringing cupcakes to class on Friday",
        "the principal is killing it with these new lunch options",
        "Our lockdown drill is on Tuesday",
    ],
)
def test_look_alikes_are_not_threats(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert not result.category("threat").flagged, result.category("threat")
    assert result.action is not Action.ESCALATE


def test_counter_speech_says_the_threat_was_mentioned(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Saying 'I'll shoot up the school' is never a joke. Report it.")
    assert any("mentioned" in e for e in result.category("threat").evidence)


def test_a_reported_threat_is_safety_and_reaches_the_principal(
    classifier: ModerationClassifier,
) -> None:
    result = classifier.classify("My son said a kid in his class threatened to bring a gun")
    assert result.category("safety").flagged
    assert result.category("threat").flagged
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "I have a hit list and you're all on it",
        "Columbine 2.0 on Friday",
        "I'm going out with a bang on Monday",
        "No one will be safe next week",
        "Tomorrow is the last day for some of you",
        "I've written my note",
    ],
)
def test_warning_signs_from_threat_assessment_escalate(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "The grocery list is on the fridge",
        "We watched a documentary about Columbine in history class",
        "The fireworks finale went out with a bang!",
        "Our school is a safe place for everyone",
    ],
)
def test_the_same_words_in_ordinary_talk_are_kept(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).action is Action.KEEP


@pytest.mark.parametrize(
    "text",
    ["I'm gonna blow this whole school up", "we gon shoot them all", "im tryna stab that kid"],
)
def test_separated_particles_and_spoken_spellings(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).category("threat").flagged


def test_a_fire_in_the_past_is_not_a_threat(classifier: ModerationClassifier) -> None:
    result = classifier.classify("They burned the old church down in 1890, police said")
    assert not result.category("threat").flagged


# Generalized warning shapes, in phrasings written for these tests (not from any data set).
@pytest.mark.parametrize(
    "text",
    [
        "keep cutting the art budget and the treasurer is leaving that meeting in an ambulance",
        "the counselor who wrote my kid up will need a hospital, not a raise",
        "somebody in that front office is getting hurt if this keeps up",
        "there's gonna be blood at graduation if they pull my daughter's diploma",
        "the board chair better hire bodyguards before the budget vote",
        "would be a real shame if something happened to your truck in the faculty lot, Mr. Pell",
        "we have your home address, Coach Varga. think about that",
        "I followed the vice principal all the way home last night",
        "tick tock, Mrs. Orrin",
        "someone should pay Dr. Wexley a little visit at his house tonight, bring friends",
        "somebody oughta follow that bus driver after her shift",
        "I'd pay money to anyone who put that umpire in the hospital",
        "shut that reporter up for good, nobody would miss her",
        "heads up juniors, don't be in the library on Thursday. trust me",
        "teach the new dean a lesson he won't forget",
    ],
)
def test_generalized_warning_shapes_escalate(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, text
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "watch your back when you reverse out of the drop-off loop, kids dart behind cars",
        "my dad was in the hospital all week so I missed the quiz",
        "accidents happen, that's why the field trip form asks about insurance",
        "the fire drill on Tuesday is only a drill, no need to worry",
        "Grandma wants to pay us a visit for the spring concert",
        "I'll be watching the livestream of the game tonight!",
        "there will be snacks at the booster meeting, bring friends",
        "keep your kids home tomorrow if they still have a fever",
    ],
)
def test_warning_look_alikes_are_not_threats(classifier: ModerationClassifier, text: str) -> None:
    assert not classifier.classify(text).category("threat").flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "got my cousin's pistol in my backpack. see y'all in 3rd period",
        "the shotgun is in my trunk. homecoming dance saturday",
        "my knife stays sharp for the cafeteria tomorrow",
        "packed the ammo last night, assembly starts at 9:30",
    ],
)
def test_a_weapon_the_speaker_has_with_a_place_or_time_escalates(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, text
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "we're bringing the hot glue gun to art class tomorrow",
        "my dad is taking his rifle deer hunting saturday so I'll miss the game",
        "I'll bring a knife to cut the cake at the class party friday",
        "the school resource officer carries a gun at the gym during games",
        "should teachers carry guns in school? board votes tuesday",
        "my brother got a nerf gun for his birthday, bringing it to the park friday",
    ],
)
def test_weapon_words_in_ordinary_school_talk_are_not_threats(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("threat").flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Dalby won't make it to spring break, count on that",
        "the new librarian is a dead man walking",
        "one day I'll catch Coach Reyes alone after practice",
        "Ms. Ferrand is going to get what's coming to her",
    ],
)
def test_a_fate_foretold_for_a_staff_member_escalates(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).action is Action.ESCALATE, text


@pytest.mark.parametrize(
    "text",
    [
        "our robotics team won't make it to state this year, sadly",
        "the bus won't make it to school on time with this snow",
        "you won't make it to the game unless you leave by six",
        "Grandpa didn't make it to graduation but he watched the stream",
        "the cake was caved in on one side but tasted great",
    ],
)
def test_fate_look_alikes_are_not_threats(classifier: ModerationClassifier, text: str) -> None:
    assert not classifier.classify(text).category("threat").flagged, text


# Phrasings written for these tests (not taken from any labeled set), by kind.
WIDENED_THREATS = {
    "veiled": [
        "we know where you park every morning",
        "Nice house on Birch Lane. Would be a real shame if it caught fire",
        "it'd be a shame if your tires got slashed",
        "keep talking and you'll see what happens",
        "you'll see what happens on Friday",
        "you will find out what happens when you cross me",
        "I'd be careful walking alone if I were you, coach",
        "people like you tend to disappear",
        "things happen to people who snitch",
    ],
    "conditional": [
        "if they don't reinstate Coach Barr I'll make sure the board regrets it in blood",
        "if the board cuts the program I'm going to burn this place to the ground",
        "one more detention and I'm bringing something to school",
        "one more word out of you and you're done",
        "unless they drop the charges someone at that office is going to pay",
        "if she gives me an F im gonna slash her tires",
        "if the ref calls one more foul on my son i'm going to wait for him in the parking lot",
    ],
    "named staff": [
        "Mr. Dalton better watch himself",
        "Mr. Fenwick better not show up to school tomorrow",
        "Mrs. Okafor better start looking over her shoulder",
        "Coach Brandt better pray I never see him off campus",
        "Principal Wexler is going to get what he deserves",
        "Mr. Halloran better hope he's not in the parking lot alone",
        "Ms. Vance has it coming",
    ],
    "coded": [
        "Don't come to school on the 14th. That's all I'm saying.",
        "tomorrow is going to be a day nobody forgets",
        "Friday is gonna be lit, stay home if you're smart",
        "everyone at Lakeview will remember me after Monday",
        "fair warning: skip 4th period tomorrow",
        "the 3rd floor bathroom isn't safe on Thursday, just saying",
    ],
    "incitement": [
        "somebody should teach Mr. Pike what happens to teachers like him",
        "someone needs to run that bus driver off the road",
        "who wants to help me jump the new kid after school",
        "Somebody slash her tires already",
        "someone go rough up that ref",
        "I'll pay $50 to whoever punches Mr Grady",
        "anyone who sees Ms Lyle should spit in her face",
    ],
    "implied and more direct": [
        "I'm heading to Westbrook on Monday to hurt as many teachers as I can",
        "i will hurt the seniors in the parking lot",
        "Ms. Ardent I am going to make you bleed for this",
        "gonna track down Coach Pell and break both of his arms",
        "I'm going to drive my van into the line at the football game",
        "I already decided which teachers go first",
        "I have a list of names and you're near the top",
        "they laughed at me all year. they won't be laughing after the assembly",
        "everyone at Ridgeview will find out soon",
        "countdown: 4 days. remember that",
        "if that coach benches my son again he won't be coaching ever again",
        "whoever has Mrs. Lund 2nd period tomorrow, sit near the door. you'll thank me",
        "parents, pick up your kids early Friday. not saying why",
        "don't take bus 12 on Thursday, seriously",
        "cancel the dance and see what happens to the gym",
        "if you want to see your kids again, resign",
    ],
}

WIDENED_LOOK_ALIKES = {
    "sport": [
        "our defense will crush Westfield, watch your back Westfield",
        "we're going to kill it at regionals on Saturday",
    ],
    "tests and tasks": [
        "this chemistry final is killing me",
        "one more test and I'm going to lose my mind",
        "one more week and you're done with finals!",
    ],
    "figures of speech": [
        "watch your back and bend your knees when lifting the boxes",
        "watch your step, the hallway floor is wet",
        "I know where you live! The Halloween parade goes right past your street, see you there",
        "it'd be a shame if something happened to the funding for the arts program",
        "you'll see what happens when the referendum passes: new gym, new labs",
        "just wait and see what happens when the new principal starts, exciting times",
        "if you don't vote yes the school will lose money, you'll see what happens",
    ],
    "everyday": [
        "if they don't fix the heat by Monday I'll call the district office",
        "Mr. Dalton better bring donuts after that win",
        "Coach Brandt better pray for rain, the field is a mess",
        "Don't come to school on the 14th, it's a teacher institute day",
        "tomorrow is going to be a day nobody forgets: graduation!",
        "someone should tell Mr. Pike his car lights are on",
        "we should all go to the board meeting and make our voices heard",
        "I'll pay $20 to whoever finds my lost calculator",
        "if my son gets suspended again I'll be calling the principal",
        "stay home if you're sick on Friday",
        "the roads won't be safe tomorrow with all this ice",
        "heads up: skip the cafeteria tomorrow, the pizza is gross",
    ],
    "games and news": [
        "in Fortnite I killed everyone with a shotgun last night",
        "in 2019 a student threatened to shoot up the school and was arrested, police said",
    ],
    "lists, turns and warnings of the day": [
        "our team will win one by one, game by game",
        "the kindergarteners go first in the lunch line",
        "I have a list of names for the field trip permission slips",
        "you won't be laughing after you hear this joke, it's that bad",
        "i'm going to drive my van into the school lot at 7 for drop off",
        "the seniors go first at graduation, then the juniors",
        "sit near the door if you need to leave early for the dentist",
        "pick up your kids early Friday, it's a half day",
        "don't take bus 12 on Thursday, it's being repaired; take bus 14",
        "if you want to see your grades, log in to the portal",
        "the dance tomorrow — it's a blast, see what happens when the DJ starts",
        "i'd take a bullet for Coach Ruiz, best coach ever",
        "Don't come to school Friday — it's a holiday",
    ],
}


@pytest.mark.parametrize(
    "text", [t for texts in WIDENED_THREATS.values() for t in texts], ids=lambda t: t[:40]
)
def test_veiled_conditional_staff_coded_and_incited_threats_escalate(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, result.category("threat")
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text", [t for texts in WIDENED_LOOK_ALIKES.values() for t in texts], ids=lambda t: t[:40]
)
def test_their_look_alikes_are_not_threats(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert not result.category("threat").flagged, result.category("threat")
    assert result.action is not Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        # the target harmed in the passive, with the speaker's hand or a time
        "Westbrook Middle is getting burned down this weekend and I'm the one doing it",
        "the vice principal is getting hit by my truck next time he crosses the lot",
        "any coach who cuts my son is getting hurt. I'm dead serious",
        "Mrs. P is gonna get killed by me after the assembly",
        # menace without a harm verb
        "enjoy your last week of teaching, Mr. Harlan",
        "that principal will never see another graduation",
        "somebody should follow the superintendent home and show her how it feels",
        "you'd be waiting at the coach's car tonight if you had any guts",
        "if they bench my kid again I'll deal with the coach. permanently",
        "if you keep failing my son I'll make sure you never teach again",
        "a year from now everyone who laughed at me is going to wish they'd been nicer",
        # veiled: knowing someone's routine, told with menace
        "the principal walks to her car alone every night huh. very predictable",
        "I'd lock my doors at night if I were the board member who voted for this",
        # weapons in emoji, ready, or masked
        "🔫🏫 monday",
        "blade's sharp and ready for 3rd period",
        "i'll m*rder that ref if he calls another foul on us",
        "gonna bring a little surprise to the pep rally. it's loaded",
    ],
)
def test_threats_told_by_their_parts_escalate(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, text
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "We'll be waiting for you at the north entrance after the concert",
        "We will be shooting the yearbook group photos on Thursday in the gym",
        "I'd take a bullet for Ms. Vance, best teacher my kids ever had",
        "kids are getting hurt on that broken slide every week, please fix it",
        "someone is going to get killed at that crosswalk by the middle school",
        "we got destroyed in the 4th quarter friday but we'll be back, you'll see",
        "come to the spring concert friday, you'll see how much the band has grown!",
        "my son walks to school alone every morning, is that ok at 10?",
        "the fire drill tomorrow is only a drill, teachers have the schedule",
        "enjoy your last week before summer, seniors! so proud of you",
        "my daughter will never see another teacher like Mrs. Ruiz, she was amazing",
        "bullet points for the PTA meeting are on the flyer",
    ],
)
def test_look_alikes_of_the_new_shapes_are_not_threats(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("threat").flagged, text


def test_the_fire_drill_that_is_not_a_drill_escalates(classifier: ModerationClassifier) -> None:
    result = classifier.classify("the fire drill tomorrow isn't a drill")
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        # harm with a person, a place or a time that no shape knows: the threat model decides
        "Principal Vance should be dragged out of that office and beaten in the parking lot",
        "the lunch monitor who yelled at my kid is getting her tires slashed, thats just the start",
        "whoever is in room 204 during 3rd period on friday, good luck",
        # veiled shapes of grammar 2.4
        "we all know where the superintendent lives. just putting that out there",
        "i know you park behind the gym every morning mr halvorsen. nice quiet spot",
        "That bus driver on route 9 is gonna catch these hands and worse after school",
        "people who snitch to the vice principal dont stay healthy for long",
        "Mr Oyelaran better enjoy this week. its going to be his last good one",
    ],
)
def test_threats_the_shapes_miss_escalate_on_the_second_reading(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, result.category("threat")
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "I'd be careful walking to your car tonight, the parking lot lights are out again",
        "Everyone should show up at the board meeting Tuesday and make our voices heard!",
        "If my son fails this class I'll be requesting a meeting with his teacher and principal",
        "We know where the vice principal parks: right next to the bike rack, he bikes in daily 🚲",
        "Shoot your shot at tryouts Monday, the coach says everyone gets a fair look",
        "we're running a laser tag night at the gym Friday, come shoot your friends (with lasers)",
        "Countdown: 3 more days until winter break!! 🎄",
        "Something big is going to happen at the assembly Friday: the principal shaves his head!",
    ],
)
def test_what_the_threat_model_misreads_in_look_alikes_only_asks_for_review(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert not result.category("threat").flagged, result.category("threat")
    assert result.action is not Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        # grammar 2.5: a group, a plan, a dare, knowledge of a person's life, self-harm signs
        "trans kids at pell hollow, enjoy using the bathroom while you can",
        "the new sikh teacher and his students won't last long here, we'll see to it",
        "my list has 6 names on it now. adding Mr Kessel today",
        "don't come to the homecoming game if you like breathing",
        "Keep deleting my comments. I know what your house looks like now",
        "let's all meet behind the gym and beat the crap out of the kid who reported us",
        "k i l l every1 in the caf at lunch",
        "I'm so tired of being alive",
        "can't do this anymore. I have the pills ready",
    ],
)
def test_grammar_2_5_shapes_escalate(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, result.category("threat")
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "tick tock, only a week left to turn in permission slips",
        "you'll never see it coming: the surprise party for Mr. Renwick is next friday, shh",
        "watch your back, Pell Hollow, the herons are coming for that trophy",
        "we need to kill some time before pickup, is the library open to parents?",
        "my dad was at the school when the bomb threat happened in 1999 and still talks about it",
        "kms the wifi at school is down again",
        "i won't be here after winter break, moving to ohio",
        "enjoy the last normal week before the construction starts on the east wing",
        "so proud of our GSA for organizing the kindness week",
    ],
)
def test_grammar_2_5_look_alikes_are_not_threats(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("threat").flagged


@pytest.mark.parametrize(
    "text",
    [
        # grammar 2.6: idioms read as what they mean, and the shapes' everyday look-alikes
        "you ate the last cookie?? ur dead to me",
        "the robotics club is taking a stab at the state challenge",
        "can someone take out the recycling bins by the gym, they're full",
        "the eagles won't know what hit them tonight 🏀",
        "watch your step by the bus loop, the sidewalk is icy",
        "I'll be waiting at the side door at 3 to pick up my daughter",
        "see you tonight at the halloween parade, trick or treaters welcome!",
        "don't come to the dance friday without your student ID, no ID no entry",
    ],
)
def test_grammar_2_6_look_alikes_are_not_threats(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("threat").flagged


@pytest.mark.parametrize(
    "text",
    [
        # the same idioms and shapes with a threat in them still escalate
        "you're dead to me and you'll be dead for real after school",
        "gonna take out the trash in 3rd period tomorrow with my dad's gun",
        "they won't know what hit them when I walk into the cafeteria monday",
        "watch your back walking home, nobody will find you by the creek",
        "don't come to school friday without a bulletproof vest",
    ],
)
def test_grammar_2_6_threats_in_look_alike_words_escalate(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).category("threat").flagged


@pytest.mark.parametrize(
    "text",
    [
        # grammar 2.6 shapes: a group marked, a day foretold, a weakness noted, a fate for staff
        "the jewish families on maple st have been noticed. you know what to do",
        "every gay kid in the drama club has a target on their back starting monday",
        "haitian kids at north middle go home or we send you home ourselves",
        "the black students in 3rd lunch are gonna have a real bad week",
        "the lockdown drill next week won't be a drill. just saying",
        "final day for a lot of you on friday. say your goodbyes",
        "there's gonna be some empty seats in chemistry after tuesday",
        "don't ride the bus tomorrow. trust me",
        "if ur my friend stay home thursday",
        "the gym has only one exit. good to know",
        "Coach Ferrand won't be coaching here ever again after what he did to me",
        "Mrs. Lindqvist should be very scared right now",
        "his car is the least of his problems",
        "north valley will be needing a new principal",
    ],
)
def test_grammar_2_6_shapes_escalate(classifier: ModerationClassifier, text: str) -> None:
    assert classifier.classify(text).category("threat").flagged


@pytest.mark.parametrize(
    "text",
    [
        "the jewish families on maple st have been so welcoming to us, thank you",
        "the GSA meets in room 118, that's where they all are on thursdays, come join",
        "the latino club is getting a visit from the state senator friday!",
        "the black student union is gonna have a great week of events",
        "the tornado drill on friday won't be a drill, it's a real inspection so be ready",
        "last day for a lot of our seniors friday, we're so proud of you",
        "gonna be a lot of empty desks next week with the flu going around",
        "don't take the bus friday, the route is changing, check the new map",
        "the portable has only one exit, that's a fire code problem, please fix it",
        "the camera by the east lot doesn't work again, can someone fix it",
        "Coach Ferrand won't be coaching here ever again, he's retiring in June",
        "we will be needing a new principal next year, the job posting is up",
        "my grade is the least of my worries this week lol",
    ],
)
def test_grammar_2_6_shape_look_alikes_are_not_threats(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("threat").flagged


# Grammar 2.7 (issue 9): threats against the staff as a group, dares with the speaker's own
# act, conditions, the way home known, help asked for, and self-harm said without the usual
# words; each with the look-alike that shares its words.
GRAMMAR_27_THREATS = (
    # the staff as a group
    "the cafeteria ladies better watch out",
    "all you teachers will get what's coming",
    "every sub in the math wing has it coming",
    "the crossing guards on Elm are gonna be sorry they ever yelled at my son",
    "the whole coaching staff is going to learn the hard way",
    "those counselors better hope they never run into me after school",
    "the front office needs to start watching their backs",
    # dares, conditions
    "take my phone one more time and see what i do",
    "write me up again and you won't like what happens",
    "suspend me again and i'll come back with something",
    "coach Ferrante has no idea what's coming for him",
    # the way home known, a night made fearful
    "i've been following you to your car after practice coach",
    "tell Mr Ostrowski he should sleep with the lights on",
    "watch your back when you walk to the bus lot tonight",
    # incitement
    "who wants to help me jump the gym teacher friday",
)


@pytest.mark.parametrize("text", GRAMMAR_27_THREATS)
def test_grammar_2_7_shapes_escalate(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged, result.category("threat")
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize("text", GRAMMAR_27_THREATS[:3])
@pytest.mark.parametrize("pack_id", ["naperville-203", "wilmette-39"])
def test_a_grammar_2_7_threat_escalates_in_every_pack(text: str, pack_id: str) -> None:
    from lanyard.moderation.classifier import criteria_from_pack

    pack = load_pack(pack_id).document
    classifier = ModerationClassifier(criteria=criteria_from_pack(pack.deletion_criteria))
    assert classifier.classify(text).action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "the cafeteria ladies are the best, thank you for the cinnamon rolls",
        "all you teachers deserve a raise",
        "the teachers will get what they deserve: a raise",
        "those teachers deserve whatever they get, they are heroes",
        "the bus drivers will be sorry to see the old buses go",
        "all the teachers are gonna be sorry they missed the potluck",
        "the office staff better hope the printer works tomorrow",
        "the coaches have no idea what's coming, we planned a surprise party",
        "the school board is going to find out the hard way in november",
        "if you skip the study guide you won't like what happens to your grade",
        "watch your step when you walk to the bus lot, it's icy",
        "come see what we can do at the science fair!",
        "who wants to help me paint the spirit rock friday",
        "after the scary movie my son had to sleep with the lights on",
        "this test is killing me",
        "we'll destroy them on Friday",
        "shoot me an email when the forms are ready",
    ],
)
def test_grammar_2_7_look_alikes_are_not_threats(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("threat").flagged


@pytest.mark.parametrize(
    "text",
    [
        "honestly i don't see a reason to get up tomorrow",
        "i've decided tonight is the night. sorry mom",
        "spent all night looking up the easiest way to die",
        "i can't stop thinking about ending my life",
        "i keep thinking about jumping off the bridge by the high school",
        "i just want to fall asleep and never wake up",
        "my wrists are a mess again",
        "a girl in my 4th period posted that she's going to kill herself tonight",
        "my friend said she wants to kill herself because of her math grade",
    ],
)
def test_self_harm_said_in_other_words_escalates(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert result.category("safety").flagged
    assert result.action is Action.ESCALATE


@pytest.mark.parametrize(
    "text",
    [
        "i don't see the point in going to the assembly",
        "i want to die of embarrassment lol",
        "my grandma looked up the easiest way to make bread",
        "i'm thinking about jumping off the high dive at the pool party",
        "my wrists are sore from typing all day",
        "she told everyone she's going to die if she doesn't get tickets lol",
    ],
)
def test_self_harm_look_alikes_are_not_escalated(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert not result.category("safety").flagged
    assert result.action is not Action.ESCALATE
