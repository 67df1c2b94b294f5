"""The job runners on real databases: a due job runs once per interval however many
runners ask (claimed in job_runs), a failing job does not stop the others, and the
in-process runner's thread does the work on its own."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from lanyard.bootstrap import Services
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.directory.orm import Building
from lanyard.jobs.inprocess import InProcessRunner
from lanyard.jobs.registry import PERIODIC, periodic
from lanyard.jobs.runner import claim, discover, run_due, run_one

T0 = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _buildings(db: Database) -> int:
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(Building)) or 0


@pytest.fixture
def services(database: Database) -> Services:
    s = Services(Settings(database_url=database.url))
    s.__dict__["db"] = database  # share the test's engine
    return s


@pytest.fixture
def touch_job() -> Iterator[str]:
    name = "test.touch"

    @periodic(name, every=dt.timedelta(minutes=10))
    def touch(*, services: Services, now: dt.datetime) -> int:
        with services.db.uow() as uow:
            uow.session.add(Building(name=f"made at {now:%H:%M:%S}"))
            uow.commit()
        return 1

    yield name
    PERIODIC.pop(name, None)


def test_every_features_jobs_and_the_mail_retry_are_registered() -> None:
    jobs = discover()
    assert "notify.send_pending" in jobs


def test_a_due_job_runs_once_per_interval(services: Services, touch_job: str) -> None:
    assert run_one(services, touch_job, T0).ran
    assert not run_one(services, touch_job, T0 + dt.timedelta(minutes=5)).ran
    assert run_one(services, touch_job, T0 + dt.timedelta(minutes=10)).ran
    assert _buildings(services.db) == 2


def test_two_runners_asking_at_once_run_the_job_once(services: Services, touch_job: str) -> None:
    job = PERIODIC[touch_job]
    with ThreadPoolExecutor(max_workers=4) as pool:
        claims = list(pool.map(lambda _: claim(services.db, job.name, job.every, T0), range(4)))
    assert claims.count(True) == 1


def test_a_failing_job_does_not_stop_the_others(services: Services, touch_job: str) -> None:
    @periodic("test.broken", every=dt.timedelta(minutes=1))
    def broken(*, services: Services, now: dt.datetime) -> int:
        raise RuntimeError("boom")

    try:
        outcomes = {o.name: o for o in run_due(services, T0)}
    finally:
        PERIODIC.pop("test.broken", None)
    assert outcomes["test.broken"].failed
    assert outcomes[touch_job].ran and not outcomes[touch_job].failed
    assert _buildings(services.db) == 1


def test_in_process_runner_runs_due_jobs_in_its_thread(services: Services, touch_job: str) -> None:
    runner = InProcessRunner(services, tick=0.05, clock=lambda: T0)
    runner.start()
    try:
        deadline = time.monotonic() + 5
        while _buildings(services.db) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        runner.stop()
    assert _buildings(services.db) == 1  # ran once: the same instant is not due again
    assert runner.rounds >= 1


def test_cron_command_runs_due_jobs_and_reports_each(
    database: Database, touch_job: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from lanyard.cli.main import cli

    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    first = CliRunner().invoke(cli, ["jobs", "run-due"])
    assert first.exit_code == 0, first.output
    assert f"{touch_job}: ran, 1 handled" in first.output
    again = CliRunner().invoke(cli, ["jobs", "run", touch_job])
    assert again.exit_code == 0 and f"{touch_job}: not due" in again.output
    unknown = CliRunner().invoke(cli, ["jobs", "run", "no.such.job"])
    assert unknown.exit_code == 1 and "lanyard jobs list" in unknown.output


def test_worker_command_needs_the_broker_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from lanyard.cli.main import cli

    monkeypatch.delenv("LANYARD_BROKER_URL", raising=False)
    result = CliRunner().invoke(cli, ["worker"])
    assert result.exit_code == 2 and "LANYARD_BROKER_URL" in result.output
