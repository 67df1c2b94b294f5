"""The pure combination of signals into an action."""

from __future__ import annotations

from lanyard.moderation.classifier import criteria_from_pack, default_thresholds
from lanyard.moderation.domain import Action, Criterion, Signal, Threshold, decide_action


def signal(category: str, score: float) -> Signal:
    return Signal(category, score, ("word",), "test-rule", "1")


def test_most_severe_action_wins() -> None:
    result = decide_action(
        [signal("vulgar_language", 0.9), signal("threat", 0.95)], default_thresholds()
    )
    assert result.action is Action.ESCALATE
    assert result.flagged == ("vulgar_language", "threat")


def test_borderline_score_asks_for_review() -> None:
    result = decide_action([signal("personal_attack", 0.5)], default_thresholds())
    assert result.action is Action.REVIEW
    assert not result.category("personal_attack").flagged


def test_category_the_pack_does_not_list_is_at_most_review() -> None:
    criteria = {"vulgar_language": Criterion("vulgar_language", Action.REMOVE, "item 1")}
    result = decide_action(
        [signal("defamation", 0.9), signal("marketing", 0.9)], default_thresholds(), criteria
    )
    assert result.action is Action.REVIEW
    assert result.category("marketing").flagged
    assert result.category("marketing").clause is None


def test_pack_clause_is_cited_and_threat_escalates_even_if_pack_says_remove() -> None:
    criteria = {"threat": Criterion("threat", Action.REMOVE, "item 12.1")}
    result = decide_action([signal("threat", 0.9)], default_thresholds(), criteria)
    assert result.action is Action.ESCALATE
    assert result.category("threat").clause == "item 12.1"


def test_criteria_with_two_clauses_for_one_category_keep_both() -> None:
    class Item:
        def __init__(self, category: str, action: str, clause: str) -> None:
            self.category, self.action, self.clause = category, action, clause

    criteria = criteria_from_pack(
        [Item("off_topic", "remove", "item 5"), Item("off_topic", "review", "item 11")]
    )
    assert criteria["off_topic"].action is Action.REMOVE
    assert criteria["off_topic"].clause == "item 5; item 11"


def test_a_category_without_signals_follows_each_calls_thresholds_and_pack() -> None:
    """A category no signal spoke for has one result per thresholds, pack clause and model
    (shared between comments): another district's thresholds or clause must still show."""
    defaults = default_thresholds()
    first = decide_action([], defaults)
    assert first.action is Action.KEEP
    assert first.category("copyright").clause is None
    strict = {**defaults, "copyright": Threshold(0.0, 0.0)}
    criteria = {"copyright": Criterion("copyright", Action.REMOVE, "item 7")}
    second = decide_action([], strict, criteria, "lanyard-moderation", "2.1")
    assert second.category("copyright").flagged
    assert second.category("copyright").threshold == 0.0
    assert second.category("copyright").clause == "item 7"
    assert second.category("copyright").model_version == "2.1"
    assert second.action is Action.REMOVE
    third = decide_action([], defaults)
    assert third == first
    assert not third.category("copyright").flagged
