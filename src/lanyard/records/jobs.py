"""The periodic disposition of records past their retention period (daily)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lanyard.audit.keys import AuditKeyError, signing_key_from_settings
from lanyard.jobs.registry import periodic, task
from lanyard.records.exports import TASK, expire, queued, run_export
from lanyard.records.retention import dispose

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


@periodic("records.dispose", every=dt.timedelta(days=1))
def dispose_expired(*, services: Services, now: dt.datetime) -> int:
    """Dispose of what is past the district's periods (never what a hold covers) and
    certify it in the audit log; how many records went. Types whose period the district
    has not set are left alone, so a new installation disposes of nothing. Then removes
    the packages of web exports built more than ``records_export_keep_days`` ago (each
    export marked expired, audited)."""
    try:
        key = signing_key_from_settings(services.settings)
    except AuditKeyError:
        key = None  # the certificate says the audit log was not cut: no signing key
    with services.db.uow(write=True) as uow:
        outcome = dispose(
            uow=uow, now=now, by="job records.dispose", certify_nothing=False, signing_key=key
        )
    with services.db.uow(write=True) as uow:
        expired = expire(
            uow=uow,
            directory=services.settings.records_export_dir,
            keep_days=services.settings.records_export_keep_days,
            now=now,
        )
    return outcome.disposed + len(expired)


@task(TASK)
def build_exports(*, services: Services, now: dt.datetime, ids: list[str]) -> int:
    """Build the exports named (each claimed first: a repeated delivery does nothing)."""
    return sum(run_export(services, export_id, now) for export_id in ids)


@periodic("records.exports", every=dt.timedelta(minutes=1))
def sweep_exports(*, services: Services, now: dt.datetime) -> int:
    """Build exports still queued a minute after they were asked for (a lost delivery,
    or the cron runner, which sends no task)."""
    return build_exports(services=services, now=now, ids=queued(services, now))
