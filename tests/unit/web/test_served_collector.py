"""A serving process sets its start-up objects aside from the cyclic garbage collector
and collects less often (full collections walked every object of the app, holding up
every request); an app made for a test does not (frozen objects are never freed)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from lanyard.web.app import SERVE_GC_THRESHOLDS, settle_collector


@pytest.fixture
def restored_collector() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_collector")
def test_settling_freezes_what_exists_and_collects_less_often() -> None:
    gc.unfreeze()
    made = [{"start-up": i} for i in range(1000)]  # objects the collector tracks
    settle_collector()
    assert gc.get_freeze_count() >= len(made)
    assert gc.get_threshold() == SERVE_GC_THRESHOLDS
    assert SERVE_GC_THRESHOLDS[0] > 700  # less often than Python's default
