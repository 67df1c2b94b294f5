"""The platform clients, by platform. Built-ins register the way a third party would."""

from __future__ import annotations

from lanyard.connectors.platforms.base import PlatformClient

_CLIENTS: dict[str, PlatformClient] = {}


def register(instance: PlatformClient) -> PlatformClient:
    existing = _CLIENTS.get(instance.platform)
    if existing is not None and type(existing) is not type(instance):
        raise ValueError(f"a platform client for {instance.platform!r} is registered twice")
    _CLIENTS[instance.platform] = instance
    return instance


def registered() -> tuple[str, ...]:
    _load_builtins()
    return tuple(sorted(_CLIENTS))


def client(platform: str) -> PlatformClient | None:
    """The client for ``platform``, or None (a website, a CSV relay: nothing to call)."""
    _load_builtins()
    return _CLIENTS.get(platform)


def _load_builtins() -> None:
    from lanyard.connectors.platforms import facebook, instagram, x, youtube  # noqa: F401
