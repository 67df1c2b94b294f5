"""The words a moderator is shown as the reason for a flag: words of the comment, as it
writes them, that carry meaning — never a placeholder the models read instead of a link
("httplink"), never a pronoun ("you" as vulgar language)."""

from __future__ import annotations

import pytest

from lanyard.moderation import ModerationClassifier, ModerationResult
from lanyard.moderation.queue import evidence_of, highlight

# Words that are no reason on their own.
NO_REASON = {"you", "your", "you're", "u", "ur", "i", "me", "my", "a", "an", "the", "is", "are"}


@pytest.fixture(scope="module")
def classifier() -> ModerationClassifier:
    return ModerationClassifier()


def phrases(result: ModerationResult, category: str) -> list[str]:
    """The category's evidence that quotes the comment (not notes like "bit.ly (link …)")."""
    return [e for e in result.category(category).evidence if "(" not in e and ":" not in e]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("fuck you", "vulgar_language"),
        ("you're a piece of shit", "vulgar_language"),
        ("shut up you idiot, you are such a loser", "personal_attack"),
        ("check out http://bit.ly/freeiphone now win free prizes", "spam_or_commercial_link"),
        ("Subscribe to my channel http://youtube.com/xyz please", "spam_or_commercial_link"),
        ("FREE MONEY!!! CLICK HERE https://tinyurl.com/cash4u NOW", "spam_or_commercial_link"),
    ],
)
def test_evidence_is_words_of_the_comment_that_carry_meaning(
    classifier: ModerationClassifier, text: str, category: str
) -> None:
    result = classifier.classify(text)
    assert result.category(category).flagged
    shown = phrases(result, category)
    assert shown, result.category(category).evidence
    for phrase in shown:
        assert phrase.lower() in text.lower(), phrase
        assert not set(phrase.lower().split()) <= NO_REASON, phrase
    every = [e for c in result.categories for e in c.evidence]
    assert not any("httplink" in e or "atuser" in e for e in every), every


def test_you_is_never_shown_as_vulgar_language(classifier: ModerationClassifier) -> None:
    for text in ("fuck you", "you suck", "@coach you SUCK, ur a f*cking joke"):
        evidence = classifier.classify(text).category("vulgar_language").evidence
        assert not {e.lower() for e in evidence} & NO_REASON, (text, evidence)


def test_spelling_tricks_are_shown_as_written_and_marked_in_the_comment(
    classifier: ModerationClassifier,
) -> None:
    text = "you're a $hit teacher and a l0ser"
    result = classifier.classify(text)
    assert "$hit" in result.category("vulgar_language").evidence
    assert "l0ser" in result.category("personal_attack").evidence
    classification = {"categories": [c.to_json() for c in result.categories]}
    marked = {s.text for s in highlight(text, evidence_of(classification)) if s.marked}
    assert {"$hit", "l0ser"} <= marked


def test_a_phrase_already_shown_is_not_repeated_in_part(classifier: ModerationClassifier) -> None:
    evidence = classifier.classify("check out http://bit.ly/freeiphone now win free prizes")
    shown = phrases(evidence, "spam_or_commercial_link")
    assert "check out" in [p.lower() for p in shown]
    assert "check" not in [p.lower() for p in shown]
