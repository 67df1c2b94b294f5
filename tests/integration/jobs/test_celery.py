"""The production runner: a real Celery worker (in a thread) on the real Redis at
LANYARD_TEST_REDIS_URL runs a periodic job, and its effect is in the database file the
test shares with the worker. The beat schedule comes from the registry."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker  # type: ignore[import-untyped]
from sqlalchemy import func, select

from lanyard.bootstrap import Services
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.directory.orm import Building
from lanyard.jobs.celery_app import TASK, beat_schedule, make_celery
from lanyard.jobs.orm import JobRun
from lanyard.jobs.registry import PERIODIC, periodic
from tests.support.databases import MigratedTemplates
from tests.support.redis_server import reachable_redis

redis_url = pytest.fixture(name="redis_url")(reachable_redis)


@pytest.fixture
def job() -> Iterator[str]:
    name = "test.celery_touch"

    @periodic(name, every=dt.timedelta(minutes=5))
    def touch(*, services: Services, now: dt.datetime) -> int:
        with services.db.uow() as uow:
            uow.session.add(Building(name="made by the Celery worker"))
            uow.commit()
        return 1

    yield name
    PERIODIC.pop(name, None)


def test_beat_schedule_lists_every_registered_job(job: str) -> None:
    schedule = beat_schedule()
    assert schedule[job] == {"task": TASK, "schedule": 300.0, "args": (job,)}
    assert "notify.send_pending" in schedule


def test_a_celery_worker_on_redis_runs_a_periodic_job(
    tmp_path: Path, redis_url: str, job: str, migrated_templates: MigratedTemplates
) -> None:
    url = f"sqlite:///{tmp_path / 'lanyard.sqlite3'}"
    migrated_templates.fill(url)
    settings = Settings(database_url=url, broker_url=redis_url)
    app = make_celery(settings)
    app.conf.task_default_queue = f"lanyard-test-{os.getpid()}-{time.monotonic_ns()}"
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        app.send_task(TASK, args=(job,), queue=app.conf.task_default_queue)
        app.send_task(TASK, args=(job,), queue=app.conf.task_default_queue)  # not due again
        db = Database(url)
        deadline = time.monotonic() + 20
        made = 0
        while time.monotonic() < deadline:
            with db.uow() as uow:
                made = (
                    uow.session.scalar(
                        select(func.count())
                        .select_from(Building)
                        .where(Building.name == "made by the Celery worker")
                    )
                    or 0
                )
                ran = uow.session.get(JobRun, job)
                finished = ran is not None and ran.last_run_at is not None
            if made and finished:
                time.sleep(0.5)  # let the second task arrive and be refused
                break
            time.sleep(0.1)
    with db.uow() as uow:
        made = (
            uow.session.scalar(
                select(func.count())
                .select_from(Building)
                .where(Building.name == "made by the Celery worker")
            )
            or 0
        )
    db.engine.dispose()
    assert made == 1
