"""Records exports asked for on the web: queued, built in the background (progress kept
on the row), the requester told by e-mail with a link, the download audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update

from lanyard.audit import service as audit
from lanyard.audit.keys import signing_key_from_settings
from lanyard.audit.service import AuditEvent
from lanyard.db.session import UnitOfWork
from lanyard.notify.service import notify
from lanyard.records.domain import RecordsError
from lanyard.records.orm import RecordsExport
from lanyard.records.service import ExportRequest, _query, export, resolve_people

if TYPE_CHECKING:
    from lanyard.bootstrap import Services

TASK = "records.export"


def _count(uow: UnitOfWork, kind: str, request: ExportRequest, people: list[str]) -> int:
    query = _query(kind, request, people).subquery()
    return int(uow.session.scalar(select(func.count()).select_from(query)) or 0)


def request_export(
    *, uow: UnitOfWork, request: ExportRequest, requester_id: str, now: dt.datetime
) -> RecordsExport:
    """Queue an export; an unknown person or a bad period is refused naming it."""
    if request.since >= request.until:
        raise RecordsError("until: the last day is before the first")
    people = resolve_people(uow.session, request.people)
    row = RecordsExport(
        requested_by_id=requester_id,
        since=request.since,
        until=request.until,
        types=list(request.types),
        people=people,
        redact_students=request.redact_students,
        status="queued",
        done_records=0,
        created_at=now,
    )
    uow.session.add(row)
    uow.commit()
    return row


def _progress(services: Services, export_id: str) -> Callable[[int], None]:
    def report(done: int) -> None:
        with services.db.uow(write=True) as uow:
            uow.session.execute(
                update(RecordsExport)
                .where(RecordsExport.id == export_id)
                .values(done_records=done)
                .execution_options(synchronize_session=False)
            )
            uow.commit()

    return report


def run_export(services: Services, export_id: str, now: dt.datetime) -> bool:
    """Build one queued export (claimed with a conditional update, so a second delivery
    does nothing), then tell the requester. False if it was not queued."""
    directory = services.settings.records_export_dir
    with services.db.uow(write=True) as uow:
        claimed = uow.session.execute(
            update(RecordsExport)
            .where(RecordsExport.id == export_id, RecordsExport.status == "queued")
            .values(status="running", started_at=now)
            .execution_options(synchronize_session=False)
        )
        if getattr(claimed, "rowcount", 0) != 1:
            return False
        row = uow.session.get(RecordsExport, export_id)
        assert row is not None
        request = ExportRequest(
            since=row.since,
            until=row.until,
            types=tuple(row.types),
            people=tuple(row.people),
            redact_students=row.redact_students,
        )
        requester = row.requested_by_id
        total = sum(_count(uow, k, request, list(row.people)) for k in request.types)
        row.total_records = total
        uow.commit()
    name = f"records-export-{export_id}.zip"
    try:
        if directory is None:
            raise RecordsError("LANYARD_RECORDS_EXPORT_DIR is not set: nowhere to keep the package")
        key = signing_key_from_settings(services.settings)
        if key is None:
            raise RecordsError("LANYARD_AUDIT_SIGNING_KEY_FILE is not set: an export is signed")
        secret = services.settings.secret_key
        result = export(
            db=services.db,
            request=request,
            out=Path(directory) / name,
            signing_key=key,
            redaction_key=secret.get_secret_value().encode() if secret else None,
            now=now,
            actor_id=requester,
            progress=_progress(services, export_id),
        )
    except RecordsError as exc:
        _finish(services, export_id, status="failed", error=str(exc), now=services.clock())
        return True
    _finish(
        services,
        export_id,
        status="done",
        now=services.clock(),
        file_name=name,
        manifest=result.manifest_sha256,
        done=sum(result.counts.values()),
    )
    return True


def _finish(
    services: Services,
    export_id: str,
    *,
    status: str,
    now: dt.datetime,
    error: str | None = None,
    file_name: str | None = None,
    manifest: str | None = None,
    done: int | None = None,
) -> None:
    with services.db.uow(write=True) as uow:
        row = uow.session.get(RecordsExport, export_id)
        assert row is not None
        row.status, row.finished_at, row.error = status, now, error
        row.file_name, row.manifest_sha256 = file_name, manifest
        if done is not None:
            row.done_records = done
        ready = status == "done"
        keep_days = services.settings.records_export_keep_days
        notify(
            uow=uow,
            person_ids=[row.requested_by_id],
            subject="Your records export is ready" if ready else "Your records export failed",
            body=(
                f"The records export you asked for on {row.created_at:%B %-d, %Y} is ready "
                "to download (signed in, from the Records exports page) until "
                f"{now + dt.timedelta(days=keep_days):%B %-d, %Y}; "
                "then its package is removed."
                if ready
                else f"The records export you asked for could not be built: {error}"
            ),
            link=f"/records/exports#export-{export_id}",
            now=now,
            kind="records_export",
            deliver=services.deliver,
        )
        uow.commit()


class Expired(Exception):
    """The export was built but its package has since been removed (kept ``keep_days``)."""

    def __init__(self, on: dt.datetime) -> None:
        super().__init__(f"expired on {on:%Y-%m-%d}")
        self.on = on


def expires_at(row: RecordsExport, keep_days: int) -> dt.datetime | None:
    """When a finished export's package is removed (None until it is built)."""
    if row.finished_at is None or row.status not in ("done", "expired"):
        return None
    return row.finished_at + dt.timedelta(days=keep_days)


def download(*, uow: UnitOfWork, export_id: str, person_id: str, now: dt.datetime) -> str | None:
    """The package file name of a finished export, for its requester only (None for anyone
    else, an unknown export or one not ready: the same answer); audited. An expired
    export raises :class:`Expired` for its requester (anyone else still gets None)."""
    row = uow.session.get(RecordsExport, export_id)
    if row is not None and row.requested_by_id == person_id and row.status == "expired":
        raise Expired(row.expired_at or row.finished_at or now)
    if row is None or row.requested_by_id != person_id or row.status != "done":
        return None
    if not row.file_name:
        return None
    audit.record(
        uow.session,
        event=AuditEvent.RECORDS_EXPORT_DOWNLOADED,
        subject_type="records_export",
        subject_id=row.manifest_sha256,
        actor_id=person_id,
        now=now,
        after={"export": row.id},
    )
    uow.commit()
    return row.file_name


def mine(*, uow: UnitOfWork, person_id: str, limit: int = 20) -> list[RecordsExport]:
    return list(
        uow.session.scalars(
            select(RecordsExport)
            .where(RecordsExport.requested_by_id == person_id)
            .order_by(RecordsExport.created_at.desc())
            .limit(limit)
        )
    )


def queued(services: Services, now: dt.datetime) -> list[str]:
    with services.db.uow() as uow:
        return list(
            uow.session.scalars(
                select(RecordsExport.id).where(
                    RecordsExport.status == "queued",
                    RecordsExport.created_at <= now - dt.timedelta(minutes=1),
                )
            )
        )


def expire(
    *, uow: UnitOfWork, directory: Path | None, keep_days: int, now: dt.datetime
) -> list[str]:
    """Remove the package of every export built more than ``keep_days`` ago and mark the
    export expired, each an audit entry (``records_export:expired``); the ids expired.

    Each export is claimed with a conditional update after its file is removed, so a
    failed commit leaves it to the next run (which finds the file already gone) and two
    runners never both record it."""
    session = uow.session
    due = list(
        session.execute(
            select(RecordsExport.id, RecordsExport.file_name, RecordsExport.manifest_sha256)
            .where(
                RecordsExport.status == "done",
                RecordsExport.finished_at <= now - dt.timedelta(days=keep_days),
            )
            .order_by(RecordsExport.finished_at)
        )
    )
    expired = []
    for export_id, file_name, manifest in due:
        removed = False
        if directory is not None and file_name:
            path = Path(directory) / file_name
            removed = path.is_file()
            path.unlink(missing_ok=True)
        claimed = session.execute(
            update(RecordsExport)
            .where(RecordsExport.id == export_id, RecordsExport.status == "done")
            .values(status="expired", expired_at=now)
            .execution_options(synchronize_session=False)
        )
        if getattr(claimed, "rowcount", 0) != 1:
            continue
        audit.record(
            session,
            event=AuditEvent.RECORDS_EXPORT_EXPIRED,
            subject_type="records_export",
            subject_id=manifest,
            now=now,
            after={"export": export_id, "kept_days": keep_days, "package_removed": removed},
        )
        uow.commit()
        expired.append(export_id)
    return expired
