"""Tasks sent after commit: run by the in-process runner (a timer thread, after the delay)
and by a real Celery worker on the Redis at LANYARD_TEST_REDIS_URL (``lanyard.jobs.run_task``);
under cron nothing is sent and the periodic job does the work."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker  # type: ignore[import-untyped]
from sqlalchemy import select

from lanyard.bootstrap import Services
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.directory.orm import Building
from lanyard.jobs.celery_app import TASK_ONE, make_celery
from lanyard.jobs.dispatch import send
from lanyard.jobs.registry import TASKS, task
from tests.support.databases import MigratedTemplates

REDIS = os.environ.get("LANYARD_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
NAME = "test.make_buildings"


@pytest.fixture
def made() -> Iterator[str]:
    @task(NAME)
    def make(*, services: Services, now: dt.datetime, ids: list[str]) -> int:
        with services.db.uow(write=True) as uow:
            for name in ids:
                uow.session.add(Building(name=name))
            uow.commit()
        return len(ids)

    yield NAME
    TASKS.pop(NAME, None)


def names(url: str, deadline: float) -> set[str]:
    db = Database(url)
    found: set[str] = set()
    while time.monotonic() < deadline:
        with db.uow() as uow:
            found = set(uow.session.scalars(select(Building.name)))
        if found:
            break
        time.sleep(0.1)
    db.engine.dispose()
    return found


def test_the_in_process_runner_runs_a_task_after_its_delay(
    tmp_path: Path, made: str, migrated_templates: MigratedTemplates
) -> None:
    url = f"sqlite:///{tmp_path / 'lanyard.sqlite3'}"
    migrated_templates.fill(url)
    services = Services(Settings(database_url=url, jobs_runner="inprocess"))
    started = time.monotonic()
    send(services, made, ["built after the delay"], delay=0.5)
    assert names(url, time.monotonic() + 0.2) == set()  # not before the delay
    assert names(url, started + 10) == {"built after the delay"}
    assert time.monotonic() - started >= 0.5


def test_under_cron_nothing_is_sent(
    tmp_path: Path, made: str, migrated_templates: MigratedTemplates
) -> None:
    url = f"sqlite:///{tmp_path / 'lanyard.sqlite3'}"
    migrated_templates.fill(url)
    send(Services(Settings(database_url=url, jobs_runner="none")), made, ["never"], delay=0)
    assert names(url, time.monotonic() + 0.5) == set()


def test_a_celery_worker_runs_a_sent_task(
    tmp_path: Path, made: str, migrated_templates: MigratedTemplates
) -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).ping()
    except Exception as exc:  # the server must be there: fail, never skip silently
        pytest.fail(f"Redis at {REDIS} is not reachable: {exc}")
    url = f"sqlite:///{tmp_path / 'lanyard.sqlite3'}"
    migrated_templates.fill(url)
    app = make_celery(Settings(database_url=url, broker_url=REDIS))
    app.conf.task_default_queue = f"lanyard-test-{os.getpid()}-{time.monotonic_ns()}"
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        app.send_task(TASK_ONE, args=(made, ["built by Celery"]), queue=app.conf.task_default_queue)
        assert names(url, time.monotonic() + 20) == {"built by Celery"}
