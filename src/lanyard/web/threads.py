"""The worker threads of the database work that nearly every request does: the session's
row and the signed-in person, read before the page (:mod:`lanyard.web.sessions`), and a
May I? question decided and kept in the audit log.

Such work blocks on the database, so it never runs on the event loop; but each hop to a
worker thread through AnyIO (``run_in_threadpool``, what FastAPI does for a plain ``def``
endpoint) costs its capacity limiter, its task-group checks and a thread woken from a pool
of up to 40. With 50 people asking at once, a worker process then kept a dozen threads
runnable that took turns at the one interpreter lock: measured in one process
(``benchmarks/web_load.py``'s ask on PostgreSQL), the same asks cost 20-25 % less CPU each
when run without any thread than with AnyIO's, and the served app's CPU per ask fell with
three threads instead of forty. So this work has a small pool of its own, entered with
``loop.run_in_executor`` (about half the CPU of an AnyIO hop): enough threads for one to
run while the others wait for the database, not so many that they queue for the lock.

Everything else (plain ``def`` endpoints, exports, imports) still runs on AnyIO's pool, so
a long request never holds one of these threads. The pool is made on first use in each
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

# Threads per process for the requests' own database work (see the module).
HOT_THREADS = 4

_pool: ThreadPoolExecutor | None = None
_made = threading.Lock()


def _executor() -> ThreadPoolExecutor:
    global _pool
    if _pool is None:
        with _made:
            if _pool is None:
                _pool = ThreadPoolExecutor(HOT_THREADS, thread_name_prefix="lanyard-request")
    return _pool


async def in_request_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``function(*args, **kwargs)`` in one of the pool's threads, with the caller's
    context variables; its exception is raised here."""
    context = contextvars.copy_context()
    loop = asyncio.get_running_loop()
    if kwargs:
        return await loop.run_in_executor(
            _executor(), lambda: context.run(function, *args, **kwargs)
        )
    return await loop.run_in_executor(_executor(), context.run, function, *args)  # type: ignore[arg-type]
