"""The recognizers the classifier runs, by id. Built-ins register the way a plug-in would."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from lanyard.moderation.classifiers.base import Recognizer

Factory = Callable[[], Recognizer]

_FACTORIES: dict[str, Factory] = {}

# Built-in recognizer modules; each registers itself on import, as a plug-in would.
BUILTINS = ("abuse", "threat", "links", "pii", "conduct", "off_topic", "learned")


def register(recognizer_id: str, factory: Factory) -> None:
    if recognizer_id in _FACTORIES:
        raise ValueError(f"recognizer {recognizer_id!r} is already registered")
    _FACTORIES[recognizer_id] = factory


def registered() -> list[str]:
    _load_builtins()
    return sorted(_FACTORIES)


def create(recognizer_id: str) -> Recognizer:
    _load_builtins()
    try:
        factory = _FACTORIES[recognizer_id]
    except KeyError:
        known = ", ".join(sorted(_FACTORIES))
        raise KeyError(f"no recognizer {recognizer_id!r} (known: {known})") from None
    return factory()


_LOADED = False


def _load_builtins() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    for module in BUILTINS:
        importlib.import_module(f"lanyard.moderation.classifiers.{module}")
