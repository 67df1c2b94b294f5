"""``lanyard jobs`` (list, run-due, run NAME) and ``lanyard worker`` (Celery with beat)."""

from __future__ import annotations

import datetime as dt

import click

from lanyard.cli.ops import OperationFailed, load_services


@click.group("jobs")
def jobs_group() -> None:
    """Periodic jobs (reminders, escalations, e-mail retries)."""


@jobs_group.command("list")
def jobs_list() -> None:
    """Every registered periodic job and its interval."""
    from lanyard.jobs.runner import discover

    for name, job in sorted(discover().items()):
        click.echo(f"{name}\tevery {job.every}")


@jobs_group.command("run-due")
def jobs_run_due() -> None:
    """Run every job whose interval has passed (for cron: `* * * * * lanyard jobs run-due`)."""
    from lanyard.jobs.runner import run_due

    app = load_services()
    outcomes = run_due(app, dt.datetime.now(dt.UTC))
    failed = [o.name for o in outcomes if o.failed]
    for o in outcomes:
        state = "failed" if o.failed else (f"ran, {o.handled} handled" if o.ran else "not due")
        click.echo(f"{o.name}: {state}")
    if failed:
        raise OperationFailed("failed: " + ", ".join(failed))


@jobs_group.command("run")
@click.argument("name")
@click.option("--force", is_flag=True, help="Run even if its interval has not passed.")
def jobs_run(name: str, force: bool) -> None:
    """Run one job by name."""
    from lanyard.jobs.runner import discover, run_one

    if name not in discover():
        raise OperationFailed(f"no periodic job named {name!r}; see `lanyard jobs list`")
    o = run_one(load_services(), name, dt.datetime.now(dt.UTC), force=force)
    if o.failed:
        raise OperationFailed(f"{name} failed (see the log)")
    click.echo(f"{name}: " + (f"ran, {o.handled} handled" if o.ran else "not due"))


@click.command("worker")
@click.option("--concurrency", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--no-beat", is_flag=True, help="Run tasks only; another worker runs beat.")
def worker(concurrency: int, no_beat: bool) -> None:
    """A Celery worker with beat on LANYARD_BROKER_URL (same as
    `celery -A lanyard.jobs.celery_app worker -B`)."""
    app = load_services()
    if not app.settings.broker_url:
        raise click.UsageError(
            "LANYARD_BROKER_URL: set the Redis URL, e.g. redis://127.0.0.1:6379/0"
        )
    from lanyard.jobs.celery_app import make_celery
    from lanyard.web.log_redaction import install as redact_logs

    celery = make_celery(app.settings)
    redact_logs()  # a task's traceback carries no SQL parameters or tokens either
    argv = ["worker", "--loglevel=INFO", f"--concurrency={concurrency}"]
    if not no_beat:
        argv.append("-B")
    celery.worker_main(argv)
