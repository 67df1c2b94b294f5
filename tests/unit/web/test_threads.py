"""The request pools: a page's session is read while every write thread waits (a write
waiting for SQLite's lock holds up no page), and the work keeps the caller's context and
raises its own errors."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest

from lanyard.web.threads import HOT_THREADS, SESSIONS, WRITES, RequestPool

CALLER = contextvars.ContextVar("caller", default="nobody")
T = TypeVar("T")


def run(scenario: Callable[[], Awaitable[T]]) -> T:
    """The scenario on an event loop of its own thread: a browser test run before it in the
    same process may leave its loop running in this one."""

    async def main() -> T:
        return await scenario()

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main()).result()


def test_a_session_is_read_while_every_write_thread_waits() -> None:
    released = threading.Event()

    async def scenario() -> str:
        # every write thread blocked, as asks waiting for SQLite's write lock would be
        writes = [asyncio.ensure_future(WRITES.run(released.wait, 10)) for _ in range(HOT_THREADS)]
        await asyncio.sleep(0.05)
        try:
            return await asyncio.wait_for(SESSIONS.run(lambda: "session read"), timeout=5)
        finally:
            released.set()
            await asyncio.gather(*writes)

    assert run(scenario) == "session read"


def test_the_work_sees_the_callers_context_and_raises_its_error() -> None:
    pool = RequestPool("test-pool", threads=2)

    def who(greeting: str, *, punctuation: str) -> str:
        return f"{greeting} {CALLER.get()}{punctuation}"

    def fails() -> None:
        raise LookupError("no such person")

    async def scenario() -> str:
        CALLER.set("Ms. Rivera")
        with pytest.raises(LookupError, match="no such person"):
            await pool.run(fails)
        return await pool.run(who, "Hello", punctuation="!")

    assert run(scenario) == "Hello Ms. Rivera!"


def test_no_more_threads_than_the_pool_holds() -> None:
    pool = RequestPool("test-pool-size", threads=2)
    names: set[str] = set()
    lock = threading.Lock()

    def note() -> None:
        with lock:
            names.add(threading.current_thread().name)

    async def scenario() -> None:
        await asyncio.gather(*(pool.run(note) for _ in range(40)))

    run(scenario)
    assert 1 <= len(names) <= 2
    assert all(name.startswith("test-pool-size") for name in names)
