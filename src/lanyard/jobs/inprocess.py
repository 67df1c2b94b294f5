"""The in-process runner of the embedded default: a daemon thread started with the web
app (its lifespan) that calls :func:`lanyard.jobs.runner.run_due` every
``jobs_tick_seconds`` (first after one tick, so a short-lived process does no work)."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from lanyard.jobs.runner import run_due

if TYPE_CHECKING:
    from fastapi import FastAPI

    from lanyard.bootstrap import Services

log = logging.getLogger(__name__)


class InProcessRunner:
    def __init__(
        self,
        services: Services,
        *,
        tick: float,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.services = services
        self.tick = tick
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.rounds = 0

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="lanyard-jobs", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.wait(self.tick):
            try:
                run_due(self.services, self.clock())
            except Exception:  # a database hiccup must not kill the runner
                log.exception("in-process job round failed")
            self.rounds += 1


def start_runner(app: FastAPI) -> None:
    """Run periodic jobs inside the web app's process while it serves (only when
    ``jobs_runner`` is ``inprocess``, the embedded default)."""
    services: Services = app.state.services
    if services.settings.jobs_runner != "inprocess":
        return
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        runner = InProcessRunner(services, tick=services.settings.jobs_tick_seconds)
        application.state.job_runner = runner
        runner.start()
        try:
            async with inner(application) as state:
                yield state
        finally:
            runner.stop()

    app.router.lifespan_context = lifespan
