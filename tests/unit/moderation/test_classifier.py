"""What a site manager would notice about the comment classifier."""

from __future__ import annotations

import pytest

from lanyard.moderation import CATEGORY_IDS, Action, ModerationClassifier


@pytest.mark.parametrize(
    "text",
    [
        "I'll be waiting for that teacher in the parking lot",
        "I am going to kill you Mr. Jones",
        "You're dead after school tomorrow",
        "I know where you live, watch your back",
    ],
)
def test_threat_aimed_at_a_person_is_escalated(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert result.category("threat").flagged
    assert result.action is Action.ESCALATE
    assert result.category("threat").evidence


@pytest.mark.parametrize(
    "text",
    [
        "I would never hurt anyone",
        "I will not hurt you, I promise",
        "You killed it at the concert last night!",
        "This homework is killing me",
    ],
)
def test_negated_or_figurative_threat_is_not_escalated(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    assert not result.category("threat").flagged
    assert result.action is not Action.ESCALATE


def test_counter_speech_quoting_a_slur_is_not_discrimination(
    classifier: ModerationClassifier,
) -> None:
    result = classifier.classify(
        'A boy on the bus called my son a "faggot" and that is not okay. Please talk to your kids.'
    )
    assert not result.category("discrimination").flagged
    assert result.action in (Action.KEEP, Action.REVIEW)


def test_slur_used_against_a_group_is_discrimination(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Immigrants are animals and should go back to their country")
    assert result.category("discrimination").flagged
    assert result.action is Action.REMOVE


def test_negated_group_statement_is_not_discrimination(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Immigrants are not criminals, they are our neighbors.")
    assert not result.category("discrimination").flagged


def test_phone_number_is_confidential_information(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Text the coach at (847) 555-0199 if you need a ride")
    category = result.category("confidential_information")
    assert category.flagged
    assert any("phone number" in e for e in category.evidence)


def test_email_address_is_confidential_information(classifier: ModerationClassifier) -> None:
    result = classifier.classify("her address is jenny.smith@example.com")
    assert result.category("confidential_information").flagged


def test_student_name_with_medical_detail_is_confidential(
    classifier: ModerationClassifier,
) -> None:
    result = classifier.classify(
        "Everyone knows Avery Quinlan has a seizure disorder and takes meds at lunch",
        student_names=("Avery Quinlan",),
    )
    category = result.category("confidential_information")
    assert category.flagged
    assert any("Avery Quinlan" in e for e in category.evidence)


def test_link_shortener_spam_is_flagged(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Win a free iPad!!! Claim it here bit.ly/3xYzAb before midnight")
    category = result.category("spam_or_commercial_link")
    assert category.flagged
    assert any("bit.ly" in e for e in category.evidence)
    assert result.action is Action.REMOVE


def test_link_to_a_school_district_site_is_not_spam(classifier: ModerationClassifier) -> None:
    result = classifier.classify(
        "The new bus schedule is posted at https://www.district39.k12.il.us/transportation"
    )
    assert not result.category("spam_or_commercial_link").flagged


def test_personal_attack_on_a_teacher_is_removed(classifier: ModerationClassifier) -> None:
    result = classifier.classify("That teacher is a lazy incompetent idiot")
    assert result.category("personal_attack").flagged
    assert result.action is Action.REMOVE


def test_negated_insult_is_not_a_personal_attack(classifier: ModerationClassifier) -> None:
    result = classifier.classify("You're not stupid for asking, it's a good question")
    assert not result.category("personal_attack").flagged


def test_vulgar_language_is_flagged_with_the_words(classifier: ModerationClassifier) -> None:
    result = classifier.classify("this game was f*cking awesome")
    category = result.category("vulgar_language")
    assert category.flagged
    assert category.evidence


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Who wants to buy some weed? hmu", "illegal_activity"),
        ("Use promo code SAVE20 for 20% off at my Etsy shop", "marketing"),
        ("Vote yes on the referendum, donate to our campaign", "marketing"),
        ("Full movie free download here, no copyright infringement intended", "copyright"),
        ("Someone is bringing a gun to school tomorrow", "safety"),
    ],
)
def test_pattern_categories(classifier: ModerationClassifier, text: str, category: str) -> None:
    assert classifier.classify(text).category(category).flagged


def test_never_doing_drugs_is_not_advocacy(classifier: ModerationClassifier) -> None:
    result = classifier.classify("Kids, never buy weed from strangers")
    assert not result.category("illegal_activity").flagged


def test_allegation_about_named_staff_is_defamation_for_review(
    classifier: ModerationClassifier,
) -> None:
    result = classifier.classify("I heard Mr. Harlan is stealing from the PTA fund")
    assert result.category("defamation").flagged


def test_off_topic_needs_the_site_purpose(classifier: ModerationClassifier) -> None:
    text = (
        "Anyone know a good mechanic downtown? My transmission keeps slipping and the dealer "
        "quoted an outrageous price for the repair work"
    )
    purpose = "Lincoln Elementary PTA: school events, volunteering and fundraisers"
    assert classifier.classify(text).category("off_topic").score == 0.0
    assert classifier.classify(text, site_purpose=purpose).category("off_topic").score >= 0.5


def test_on_topic_praise_is_kept(classifier: ModerationClassifier) -> None:
    result = classifier.classify(
        "Congratulations to the robotics team on a great season, so proud of these students!",
        site_purpose="Lincoln High School news and student achievements",
    )
    assert result.action is Action.KEEP


def test_every_result_lists_all_twelve_categories_with_their_reasons(
    classifier: ModerationClassifier,
) -> None:
    result = classifier.classify("you are a moron")
    assert tuple(c.id for c in result.categories) == CATEGORY_IDS
    for category in result.categories:
        assert 0.0 <= category.score <= 1.0
        assert category.model_id and category.model_version
        assert category.threshold > 0
    attack = result.category("personal_attack")
    assert attack.flagged and "moron" in " ".join(attack.evidence)


def test_word_models_and_the_threat_model_alone_never_flag_a_comment() -> None:
    from lanyard.moderation.classifier import default_thresholds
    from lanyard.moderation.classifiers.base import Comment
    from lanyard.moderation.classifiers.learned import LearnedRecognizer

    thresholds = default_thresholds()
    recognizer = LearnedRecognizer()
    worst = (
        "fucking bitch ass hoe nigga shit subscribe to my channel check out my video, "
        "watch your back, you will regret this, something bad is coming to the school"
    )
    signals = recognizer.analyze(Comment.of(worst))
    assert any(s.category == "threat" for s in signals)
    for signal in signals:
        if "chars" not in signal.model_id or signal.category == "threat":
            assert signal.score < thresholds[signal.category].flag, signal


def test_a_threat_model_score_alone_asks_for_review_but_never_escalates() -> None:
    from lanyard.moderation.classifier import fuse
    from lanyard.moderation.domain import Signal

    (fused,) = fuse([Signal("threat", 0.99, ("x",), "lr-ngrams-chars-threat", "1")])
    assert 0.4 <= fused.score < 0.6
    (fused,) = fuse(
        [
            Signal("threat", 0.99, ("x",), "lr-ngrams-chars-threat", "1"),
            Signal("threat", 0.5, ("y",), "grammar-threat", "1"),
        ]
    )
    assert fused.score < 0.6
