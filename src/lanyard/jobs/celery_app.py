"""The production runner: Celery on Redis.

``celery -A lanyard.jobs.celery_app worker -B`` (or ``lanyard worker``) starts a worker
with beat; the beat schedule is built from the periodic-job registry, and each beat
sends ``lanyard.jobs.run_periodic(name)``, which claims the job in ``job_runs`` before
running it, so two beats or workers never run the same interval twice. Settings come
from ``LANYARD_*`` (``LANYARD_BROKER_URL`` is the Redis URL).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from celery import Celery  # type: ignore[import-untyped]

from lanyard.bootstrap import Services
from lanyard.bootstrap import services as build_services
from lanyard.config import Settings
from lanyard.jobs.runner import discover, run_one

TASK = "lanyard.jobs.run_periodic"
TASK_ONE = "lanyard.jobs.run_task"  # a one-off task (lanyard.jobs.dispatch.send)


def beat_schedule() -> dict[str, dict[str, Any]]:
    return {
        job.name: {"task": TASK, "schedule": job.every.total_seconds(), "args": (job.name,)}
        for job in discover().values()
    }


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or Settings()
    broker = settings.broker_url or "redis://127.0.0.1:6379/0"
    app = Celery("lanyard", broker=broker)
    app.conf.update(
        task_ignore_result=True,
        task_acks_late=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        timezone="UTC",
        beat_schedule=beat_schedule(),
    )
    holder: dict[str, Services] = {}

    def services() -> Services:
        if "s" not in holder:
            holder["s"] = build_services(settings)
        return holder["s"]

    @app.task(name=TASK, shared=False)  # type: ignore[untyped-decorator]
    def run_periodic(name: str, force: bool = False) -> dict[str, Any]:
        outcome = run_one(services(), name, dt.datetime.now(dt.UTC), force=force)
        return {"name": outcome.name, "ran": outcome.ran, "handled": outcome.handled}

    @app.task(name=TASK_ONE, shared=False)  # type: ignore[untyped-decorator]
    def run_task(name: str, ids: list[str]) -> dict[str, Any]:
        from lanyard.jobs.dispatch import run_task as run

        return {"name": name, "handled": run(services(), name, ids, dt.datetime.now(dt.UTC))}

    app.lanyard_services = services
    return app


app = make_celery()
