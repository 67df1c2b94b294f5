"""Running periodic jobs: claim each due job in ``job_runs`` with a conditional update,
then run it. Both runners (in-process thread, Celery) and ``lanyard jobs run-due`` call
:func:`run_due` or :func:`run_one`.

A claim is ``UPDATE job_runs SET last_run_at = now WHERE name = ? AND (last_run_at IS
NULL OR last_run_at <= now - every)``: of two processes asking at once exactly one
updates the row and runs the job. A job that raises is logged (by name, never with its
data) and runs again at its next interval.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError

import lanyard
from lanyard.jobs.orm import JobRun
from lanyard.jobs.registry import PERIODIC, Registered

if TYPE_CHECKING:
    from lanyard.bootstrap import Services
    from lanyard.db.session import Database

log = logging.getLogger(__name__)

# Beat and tick jitter: a job whose interval has all but passed counts as due.
SLACK = 0.05


def discover() -> dict[str, Registered]:
    """Import every feature's ``jobs`` module so their ``@periodic`` jobs register."""
    importlib.import_module("lanyard.jobs.builtin")
    for info in pkgutil.iter_modules(lanyard.__path__):
        if not info.ispkg or info.name in {"jobs", "cli", "web"}:
            continue
        name = f"lanyard.{info.name}.jobs"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return dict(PERIODIC)


def claim(db: Database, name: str, every: dt.timedelta, now: dt.datetime) -> bool:
    """Take this interval's run of ``name``; False if it is not due or another took it."""
    with db.uow(write=True) as uow:
        session = uow.session
        if session.get(JobRun, name) is None:
            try:
                with session.begin_nested():
                    session.add(JobRun(name=name, last_run_at=None))
            except IntegrityError:
                pass  # another process inserted it first
        due_before = now - every * (1 - SLACK)
        result = session.execute(
            update(JobRun)
            .where(
                JobRun.name == name,
                or_(JobRun.last_run_at.is_(None), JobRun.last_run_at <= due_before),
            )
            .values(last_run_at=now)
            .execution_options(synchronize_session=False)
        )
        uow.commit()
        return bool(getattr(result, "rowcount", 0) == 1)


@dataclass(frozen=True)
class Outcome:
    name: str
    ran: bool
    handled: int = 0
    failed: bool = False


def run_one(services: Services, name: str, now: dt.datetime, *, force: bool = False) -> Outcome:
    job = discover().get(name)
    if job is None:
        raise KeyError(f"no periodic job named {name!r}")
    if not force and not claim(services.db, job.name, job.every, now):
        return Outcome(name, ran=False)
    try:
        handled = job.run(services=services, now=now)
    except Exception:
        log.exception("periodic job %s failed", name)
        return Outcome(name, ran=True, failed=True)
    return Outcome(name, ran=True, handled=handled)


def run_due(services: Services, now: dt.datetime) -> list[Outcome]:
    """Run every registered job whose interval has passed (each claimed first)."""
    return [run_one(services, name, now) for name in sorted(discover())]
