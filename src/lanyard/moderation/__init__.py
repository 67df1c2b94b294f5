"""Comment moderation: score comments against a pack's deletion criteria."""

from lanyard.moderation.classifier import ModerationClassifier, criteria_from_pack
from lanyard.moderation.domain import CATEGORY_IDS, Action, CategoryResult, ModerationResult

__all__ = [
    "CATEGORY_IDS",
    "Action",
    "CategoryResult",
    "ModerationClassifier",
    "ModerationResult",
    "criteria_from_pack",
]
