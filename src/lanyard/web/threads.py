"""The worker threads of the database work that nearly every request does: the session's
row and the signed-in person, read before the page (:mod:`lanyard.web.sessions`), a
session saved, and a May I? question decided and kept in the audit log.

Such work blocks on the database, so it never runs on the event loop; but each hop to a
worker thread through AnyIO (``run_in_threadpool``, what FastAPI does for a plain ``def``
endpoint) costs its capacity limiter, its task-group checks and a thread woken from a pool
of up to 40. With 50 people asking at once, a worker process then kept a dozen threads
runnable that took turns at the one interpreter lock: measured in one process
(``benchmarks/web_load.py``'s ask on PostgreSQL), the same asks cost 20-25 % less CPU each
when run without any thread than with AnyIO's, and the served app's CPU per ask fell by 16 % with
small pools of its own (``benchmarks/web_ab.py``), entered with ``loop.run_in_executor``
(about half the CPU of an AnyIO hop): enough threads for one to run while the others wait
for the database, not so many that they queue for the interpreter lock. Two pools of
``HOT_THREADS``, one for reads (:data:`SESSIONS`) and one for writes (:data:`WRITES`), so
that a write waiting for SQLite's lock never holds up a page's session.

Everything else (plain ``def`` endpoints, exports, imports) still runs on AnyIO's pool, so
a long request never holds one of these threads. Each pool is made on first use in each
process (``lanyard serve --workers N`` starts each worker fresh).
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# Threads per process in each pool (see the module).
HOT_THREADS = 4


class RequestPool:
    """A small pool of worker threads, made on first use in each process."""

    def __init__(self, name: str, threads: int = HOT_THREADS) -> None:
        self.name = name
        self.threads = threads
        self._pool: ThreadPoolExecutor | None = None
        self._made = threading.Lock()

    def _executor(self) -> ThreadPoolExecutor:
        if self._pool is None:
            with self._made:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix=self.name)
        return self._pool

    async def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``function(*args, **kwargs)`` in one of the pool's threads, with the caller's
        context variables; its exception is raised here."""
        context = contextvars.copy_context()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor(), lambda: context.run(function, *args, **kwargs)
        )


# The session's row and the signed-in person, before every page: short reads.
SESSIONS = RequestPool("lanyard-session")
# Work that writes: a May I? question decided and kept in the audit log, a session saved or
# ended. Apart from the sessions' reads: on SQLite a write may wait for the write lock, and
# pages must not wait behind it.
WRITES = RequestPool("lanyard-write")
