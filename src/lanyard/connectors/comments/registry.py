"""The comment connectors, by platform. Built-ins register the way a third party would:
``register(MyConnector())``."""

from __future__ import annotations

from lanyard.connectors.comments.base import CommentConnector

_CONNECTORS: dict[str, CommentConnector] = {}


def register(instance: CommentConnector) -> CommentConnector:
    existing = _CONNECTORS.get(instance.platform)
    if existing is not None and type(existing) is not type(instance):
        raise ValueError(f"a comment connector for {instance.platform!r} is registered twice")
    _CONNECTORS[instance.platform] = instance
    return instance


def registered() -> tuple[str, ...]:
    _load_builtins()
    return tuple(sorted(_CONNECTORS))


def connector(platform: str) -> CommentConnector:
    """The connector for ``platform``; ``KeyError`` names the ones there are."""
    _load_builtins()
    try:
        return _CONNECTORS[platform]
    except KeyError:
        known = ", ".join(sorted(_CONNECTORS))
        raise KeyError(f"no comment connector for {platform!r} (known: {known})") from None


def _load_builtins() -> None:
    from lanyard.connectors.comments import csv, facebook, instagram, x, youtube  # noqa: F401
