"""Sending a task after commit, by the configured runner:

- ``inprocess`` (embedded default): a daemon timer thread runs it after ``delay`` seconds;
- ``celery``: ``lanyard.jobs.run_task`` is sent to the broker with ``countdown=delay``;
- ``none`` (cron): nothing is sent; the feature's periodic job picks the rows up.

Whatever the runner, the rows exist before anything is sent, so a lost delivery (a
restart inside the delay) is caught by the next periodic sweep.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING

from lanyard.jobs.registry import TASKS
from lanyard.jobs.runner import discover

if TYPE_CHECKING:
    from lanyard.bootstrap import Services

log = logging.getLogger(__name__)
TASK = "lanyard.jobs.run_task"


def run_task(services: Services, name: str, ids: list[str], now: dt.datetime) -> int:
    discover()
    fn = TASKS.get(name)
    if fn is None:
        raise KeyError(f"no task named {name!r}")
    return fn(services=services, now=now, ids=list(ids))


def _run(services: Services, name: str, ids: list[str]) -> None:
    try:
        run_task(services, name, ids, services.clock())
    except Exception:  # logged by name; the periodic sweep retries the rows
        log.exception("task %s failed", name)


def send(services: Services, name: str, ids: list[str], *, delay: float = 0.0) -> None:
    if not ids:
        return
    runner = services.settings.jobs_runner
    if runner == "celery":
        from lanyard.jobs.celery_app import app

        app.send_task(TASK, args=(name, list(ids)), countdown=max(0.0, delay))
    elif runner == "inprocess":
        timer = threading.Timer(max(0.0, delay), _run, (services, name, list(ids)))
        timer.daemon = True
        timer.start()


def send_to_workers(name: str, ids: list[str], *, queue: str | None = None) -> None:
    """Send a task to the Celery workers whatever ``jobs_runner`` says (work that is split
    for workers, such as a message import with ``--workers``)."""
    from lanyard.jobs.celery_app import app

    options = {"queue": queue} if queue else {}
    app.send_task(TASK, args=(name, list(ids)), **options)
