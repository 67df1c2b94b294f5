"""The registry of periodic jobs.

A feature registers a function that does one round of its periodic work (remind about
approvals about to expire, escalate overdue reports, retry pending e-mail) and returns
how many things it handled::

    from lanyard.jobs.registry import periodic

    @periodic("approvals.remind_expiring", every=dt.timedelta(hours=1))
    def remind_expiring(*, services: Services, now: dt.datetime) -> int:
        ...

The function must be idempotent (a second run in the same moment changes nothing) and
claim its work with conditional updates, so that two runners never do it twice. Runners
call :func:`run_due`; the function itself is an ordinary use case and tests call it
directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


class PeriodicJob(Protocol):
    def __call__(self, *, services: Services, now: dt.datetime) -> int: ...


@dataclass(frozen=True)
class Registered:
    name: str
    every: dt.timedelta
    run: PeriodicJob


PERIODIC: dict[str, Registered] = {}


def periodic(name: str, *, every: dt.timedelta) -> Callable[[PeriodicJob], PeriodicJob]:
    def register(job: PeriodicJob) -> PeriodicJob:
        existing = PERIODIC.get(name)
        if existing is not None and existing.run is not job:
            raise ValueError(f"periodic job {name!r} is registered twice")
        PERIODIC[name] = Registered(name, every, job)
        return job

    return register


# -- one-off tasks, sent after a transaction commits ------------------------------------


class Task(Protocol):
    def __call__(self, *, services: Services, now: dt.datetime, ids: list[str]) -> int: ...


TASKS: dict[str, Task] = {}


def task(name: str) -> Callable[[Task], Task]:
    """Register a task: work on rows named by ``ids`` (never ORM objects), sent with
    :func:`lanyard.jobs.dispatch.send` after the transaction that wrote them commits. Like a
    periodic job it must claim its rows with conditional updates (a late or repeated
    delivery does nothing), and a periodic job should sweep up whatever a lost delivery
    left behind."""

    def register(fn: Task) -> Task:
        existing = TASKS.get(name)
        if existing is not None and existing is not fn:
            raise ValueError(f"task {name!r} is registered twice")
        TASKS[name] = fn
        return fn

    return register
