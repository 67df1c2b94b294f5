"""What a communications office notices about the page categories: businesses advertising,
spam links and mild profanity, each against the school sales, sign-up sheets and fees that
resemble them."""

from __future__ import annotations

import pytest

from lanyard.moderation import Action, ModerationClassifier


@pytest.mark.parametrize(
    "text",
    [
        "Snow plowing this winter, $35 a driveway, seasonal contracts available, text Rob",
        "I'm running for village trustee and would appreciate your vote in April",
        "Ask me how I earn extra income from home with this shake, spots left on my team!",
    ],
)
def test_a_business_or_a_campaign_is_marketing(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert (
        result.category("marketing").flagged or result.category("spam_or_commercial_link").flagged
    )


@pytest.mark.parametrize(
    "text",
    [
        "The orchestra is selling poinsettias, $12 each, order forms due Monday",
        "Yearbooks are on sale now for $35 through the school store",
    ],
)
def test_a_school_sale_is_not_marketing(classifier: ModerationClassifier, text: str) -> None:
    result = classifier.classify(text)
    assert not result.category("marketing").flagged
    assert not result.category("spam_or_commercial_link").flagged


@pytest.mark.parametrize(
    "text",
    [
        "see who stalks your profile is.gd/peekers",
        "double your money at coinpump [.] io",
        "My uncle paid off his house with this trading bot, message his manager on Telegram",
        "PTA winners list here: maplegrove-prize-claim.net",
    ],
)
def test_spam_behind_short_links_written_out_domains_and_lures_is_spam(
    classifier: ModerationClassifier, text: str
) -> None:
    assert classifier.classify(text).category("spam_or_commercial_link").flagged


@pytest.mark.parametrize(
    "text",
    [
        "Volunteer for the fun fair here: signupgenius.com/go/maplegrove-funfair",
        "Summer camp at the middle school is $95 a week, forms in the office",
    ],
)
def test_a_sign_up_sheet_and_a_camp_fee_are_not_spam(
    classifier: ModerationClassifier, text: str
) -> None:
    assert not classifier.classify(text).category("spam_or_commercial_link").flagged


@pytest.mark.parametrize(
    "text",
    [
        "what the hell happened to the late bus today",
        "damn, the gym floor looks amazing after the refinish",
    ],
)
def test_mild_profanity_is_sent_to_a_person_not_removed(
    classifier: ModerationClassifier, text: str
) -> None:
    result = classifier.classify(text)
    vulgar = result.category("vulgar_language")
    assert not vulgar.flagged
    assert vulgar.score >= vulgar.review_threshold
    assert result.action is Action.REVIEW
    assert any(e.lower() in text for e in vulgar.evidence if "(" not in e)


def test_strong_profanity_is_still_removed(classifier: ModerationClassifier) -> None:
    result = classifier.classify("this shit school can go to hell")
    assert result.category("vulgar_language").flagged
    assert result.action is Action.REMOVE
