"""The message-log connectors, by format. Built-ins register the way a third party would:
``register(MyConnector())``."""

from __future__ import annotations

from lanyard.connectors.messages.base import MessageConnector

_CONNECTORS: dict[str, MessageConnector] = {}


def register(instance: MessageConnector) -> MessageConnector:
    existing = _CONNECTORS.get(instance.format)
    if existing is not None and type(existing) is not type(instance):
        raise ValueError(f"a message-log connector for {instance.format!r} is registered twice")
    _CONNECTORS[instance.format] = instance
    return instance


def registered() -> tuple[str, ...]:
    _load_builtins()
    return tuple(sorted(_CONNECTORS))


def connector(format_name: str) -> MessageConnector:
    """The connector for ``format_name``; ``KeyError`` names the ones there are."""
    _load_builtins()
    try:
        return _CONNECTORS[format_name]
    except KeyError:
        known = ", ".join(sorted(_CONNECTORS))
        raise KeyError(f"no message-log format {format_name!r} (known: {known})") from None


def _load_builtins() -> None:
    from lanyard.connectors.messages import canvas, csv, gmail, m365  # noqa: F401
