"""The Redis server the Celery tests use as their broker. LANYARD_TEST_REDIS_URL points at
it; it must be there: a test fails, never skips, when it is not."""

from __future__ import annotations

import os

import pytest

REDIS = os.environ.get("LANYARD_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def reachable_redis() -> str:
    """The broker URL once the server answers; wrap it as a fixture where it is used:
    ``redis_url = pytest.fixture(name="redis_url")(reachable_redis)``."""
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except Exception as exc:  # the server must be there: fail, never skip silently
        pytest.fail(f"Redis at {REDIS} is not reachable: {exc}")
    return REDIS
