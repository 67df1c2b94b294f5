"""Off-topic and marketing comments on a district page, and the school's own life that looks
like them. A site manager sees a private sale, a lost pet, a political rant, a crypto tip and
a business advertising itself flagged; a parent's question, the boosters' raffle, the PTO's
bake sale and thanks to a sponsor kept.

Written for this test (not from any data set the classifier was trained or measured on).
"""

from __future__ import annotations

import pytest

from lanyard.moderation import ModerationClassifier

PURPOSE = "Oakridge School District news, schools, events and sports"


@pytest.mark.parametrize(
    "text",
    [
        # a private sale, however short
        "dining table with 6 chairs, $200 obo",
        "selling our old bunk beds, solid wood, pickup only",
        # a lost or found pet across town
        "our beagle got out near the water tower this morning, please call if you see her",
        "found a black kitten by the gas station on 3rd street, no collar",
        # politics that has nothing to do with the post
        "our state senators only care about their donors",
        "wake up people, the government is lying to you",
        # a money tip
        "put everything you have into bitcoin before christmas, trust me",
        "stock market is going to tank next month, buy gold and silver",
    ],
)
def test_subjects_elsewhere_are_off_topic(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text, site_purpose=PURPOSE).category("off_topic")
    assert result.flagged, text
    assert any(e.startswith("about ") for e in result.evidence)


@pytest.mark.parametrize(
    "text",
    [
        # the school's own sales and its parent groups' fundraisers
        "the pto is selling raffle tickets for the spring carnival, $1 each",
        "booster club has spirit shirts for sale at the home opener",
        "the band is selling poinsettias again, proceeds go to the spring trip",
        # the school's own life with a pet, politics or money in it
        "the class pet got out of its cage during lunch but the kids found it",
        "the 4th graders held a mock election for class president today, so cute",
        "is the school board meeting about the levy open to the public?",
        "the lost and found is overflowing, please check for your kid's jacket",
        # a team named for an animal
        "we lost a heartbreaker to the cats friday night",
        # thanks to a business that sponsored the event
        "thank you to the hardware store on main for sponsoring the science fair prizes",
    ],
)
def test_school_life_that_looks_elsewhere_is_kept(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text, site_purpose=PURPOSE).category("off_topic").flagged


@pytest.mark.parametrize(
    "text",
    [
        "licensed lash tech here, volume sets $60, pm me to book",
        "thinking of selling this spring? let's chat about what your home is worth",
        "custom cakes for any occasion, message me for prices",
        "handyman available weekends, fences, decks, drywall, call for a quote",
        "looking for 2 moms to work from home with me, comment INFO",
        "babysitting all summer, cpr certified, booking now for june",
    ],
)
def test_a_business_advertising_itself_is_marketing(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).category("marketing").flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "does anyone know a good tutor for 8th grade algebra?",
        "the pto bake sale is thursday, cookies are $1, thank you for supporting the library",
        "big thanks to the pizza place on elm for sponsoring the reading challenge party",
        "the district offers free tutoring after school in the library, no sign up needed",
        "my son's business class is selling custom shirts as their project, proceeds go to the "
        "class trip",
    ],
)
def test_school_sales_questions_and_thanks_are_not_marketing(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("marketing").flagged, text
