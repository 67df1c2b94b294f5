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
        notify(
            uow=uow,
            person_ids=[row.requested_by_id],
            subject="Your records export is ready" if ready else "Your records export failed",
            body=(
                f"The records export you asked for on {row.created_at:%B %-d, %Y} is ready "
                "to download (signed in, from the Records exports page)."
                if ready
                else f"The records export you asked for could not be built: {error}"
            ),
            link=f"/records/exports#export-{export_id}",
            now=now,
            kind="records_export",
            deliver=services.deliver,
        )
        uow.commit()


def download(*, uow: UnitOfWork, export_id: str, person_id: str, now: dt.datetime) -> str | None:
    """The package file name of a finished export, for its requester only (None for anyone
    else, an unknown export or one not ready: the same answer); audited."""
    row = uow.session.get(RecordsExport, export_id)
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
