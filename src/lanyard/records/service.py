"""Building a records export: one use case that reads the chosen records in batches,
streams them into a zip (each record as JSON and as an HTML page), adds the audit-chain
segment of the period with a checkpoint signed for it, signs the manifest, and writes
one audit entry saying what was exported (never the records' content)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from lanyard.acknowledgments.orm import Acknowledgment
from lanyard.approvals.orm import ApprovalRequest, RequestEvent
from lanyard.audit import disposal
from lanyard.audit import service as audit
from lanyard.audit.checkpoint import sign
from lanyard.audit.keys import key_id, public_key_pem
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.cases.orm import Case, CaseAttachment, CaseNote, CaseSubject
from lanyard.db.base import Base
from lanyard.db.session import Database
from lanyard.directory.orm import Person, RelationshipDisclosure
from lanyard.moderation.orm import ArchiveEntry
from lanyard.records.domain import (
    GENESIS,
    PACKAGE_FORMAT,
    RECORD_TYPES,
    RecordsError,
    Redactor,
    Student,
    canonical_json,
    json_line,
    page_end,
    page_start,
    record_section,
    sha256_hex,
)
from lanyard.records.orm import LegalHold

BATCH = 500
SUMS = "SHA256SUMS"
# Columns never exported: secrets and binary content.
_EXCLUDED = {"anonymous_token_hash", "data", "mac", "mac_key_id"}

# The date a record is filed under: ``records/<type>/<YYYY-MM>.jsonl`` and ``.html``.
FILED_BY = {
    "requests": "created_at",
    "disclosures": "disclosed_at",
    "cases": "created_at",
    "moderation": "archived_at",
    "acknowledgments": "at",
    "audit": "at",
}

TITLES = {
    "requests": "Approval request",
    "disclosures": "Relationship disclosure",
    "cases": "Report or case",
    "moderation": "Moderation archive entry",
    "acknowledgments": "Policy acknowledgment",
    "audit": "Audit log entry",
}


@dataclass(frozen=True)
class ExportRequest:
    since: dt.datetime
    until: dt.datetime  # exclusive
    types: tuple[str, ...] = RECORD_TYPES
    people: tuple[str, ...] = ()  # ids, e-mail addresses or directory sourced ids; () = all
    redact_students: bool = False


@dataclass
class ExportResult:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0
    bytes_written: int = 0
    audit_first: int = 0
    audit_last: int = 0
    redactions: int = 0
    manifest_sha256: str = ""


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


def _row(obj: Base) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for attr in obj.__mapper__.column_attrs:
        if attr.key in _EXCLUDED:
            continue
        value = getattr(obj, attr.key)
        if isinstance(value, dt.datetime):
            value = _iso(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[attr.key] = value
    return out


def resolve_people(session: Session, given: Sequence[str]) -> list[str]:
    """Person ids for ``--people`` values (id, e-mail or sourced id); an unknown value is
    an error naming it."""
    ids: list[str] = []
    for value in given:
        found = session.scalar(
            select(Person.id).where(
                or_(Person.id == value, Person.email == value, Person.sourced_id == value)
            )
        )
        if found is None:
            raise RecordsError(f"--people: no person {value!r} in the directory")
        ids.append(found)
    return ids


def _query(kind: str, request: ExportRequest, people: list[str]) -> Select[Any]:
    since, until = request.since, request.until
    q: Select[Any]
    if kind == "requests":
        q = select(ApprovalRequest).where(
            ApprovalRequest.created_at >= since, ApprovalRequest.created_at < until
        )
        if people:
            q = q.where(ApprovalRequest.requester_id.in_(people))
        return q.order_by(ApprovalRequest.created_at, ApprovalRequest.id)
    if kind == "disclosures":
        q = select(RelationshipDisclosure).where(
            RelationshipDisclosure.disclosed_at >= since,
            RelationshipDisclosure.disclosed_at < until,
        )
        if people:
            q = q.where(RelationshipDisclosure.employee_id.in_(people))
        return q.order_by(RelationshipDisclosure.disclosed_at, RelationshipDisclosure.id)
    if kind == "cases":
        q = select(Case).where(Case.created_at >= since, Case.created_at < until)
        if people:
            subjects = select(CaseSubject.case_id).where(CaseSubject.person_id.in_(people))
            q = q.where(or_(Case.reporter_id.in_(people), Case.id.in_(subjects)))
        return q.order_by(Case.created_at, Case.id)
    if kind == "moderation":
        q = select(ArchiveEntry).where(
            ArchiveEntry.archived_at >= since, ArchiveEntry.archived_at < until
        )
        if people:
            q = q.where(ArchiveEntry.archived_by_id.in_(people))
        return q.order_by(ArchiveEntry.archived_at, ArchiveEntry.id)
    if kind == "acknowledgments":
        q = select(Acknowledgment).where(Acknowledgment.at >= since, Acknowledgment.at < until)
        if people:
            q = q.where(Acknowledgment.person_id.in_(people))
        return q.order_by(Acknowledgment.at, Acknowledgment.id)
    if kind == "audit":
        q = select(AuditEntry).where(AuditEntry.at >= since, AuditEntry.at < until)
        if people:
            q = q.where(or_(AuditEntry.actor_id.in_(people), AuditEntry.subject_id.in_(people)))
        return q.order_by(AuditEntry.seq)
    raise RecordsError(f"--types: unknown record type {kind!r}")


def _rows(session: Session, query: Select[Any]) -> Iterator[Any]:
    for obj in session.scalars(query.execution_options(yield_per=BATCH)):
        yield obj
        session.expunge(obj)  # read-only: nothing kept, memory stays flat


def _plain(row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in _EXCLUDED:
            continue
        if isinstance(value, dt.datetime):
            value = _iso(value)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[key] = value
    return out


def _children(session: Session, model: type[Base], column: str, parent: str) -> list[Any]:
    """Rows of ``model`` whose ``column`` is ``parent``, as plain dicts (read as table
    rows, so they never enter the session's identity map)."""
    table = model.__table__
    wanted = [c for c in table.columns if c.key not in _EXCLUDED]
    order = [c for c in table.columns if c.key in ("at", "id")]
    q = select(*wanted).where(table.c[column] == parent).order_by(*order)
    return [_plain(r) for r in session.execute(q).mappings()]


def _related(session: Session, obj: Any, record: dict[str, Any]) -> None:
    """A request's history; a case's subjects, notes and attachments (name, size and
    SHA-256, not the content)."""
    if isinstance(obj, ApprovalRequest):
        record["history"] = _children(session, RequestEvent, "request_id", obj.id)
    elif isinstance(obj, Case):
        record["subjects"] = [
            r["person_id"] for r in _children(session, CaseSubject, "case_id", obj.id)
        ]
        record["notes"] = _children(session, CaseNote, "case_id", obj.id)
        record["attachments"] = _children(session, CaseAttachment, "case_id", obj.id)


def _students(session: Session) -> Iterator[Student]:
    q = select(
        Person.id,
        Person.given_name,
        Person.family_name,
        Person.preferred_given_name,
        Person.sourced_id,
        Person.identifier,
        Person.email,
        Person.username,
    ).where(Person.kind == "student")
    for r in session.execute(q.execution_options(yield_per=2000)):
        idents = tuple(v for v in (r.sourced_id, r.identifier, r.email, r.username) if v)
        yield Student(r.id, r.given_name, r.family_name, r.preferred_given_name, idents)


class _LogFile:
    """The redaction log's rows in a temporary file (one per redacted record, so they are
    not kept in memory), turned into ``redaction-log.json`` at the end."""

    METHOD = (
        "students' names and identifiers replaced by Student-<HMAC>; "
        "a name shared by several students by [student]"
    )

    def __init__(self) -> None:
        self.rows = tempfile.TemporaryFile()
        self.count = 0
        self.replacements = 0

    def add(self, row: dict[str, Any]) -> None:
        self.rows.write(b",\n" if self.count else b"\n")
        self.rows.write(json.dumps(row, sort_keys=True).encode())
        self.count += 1
        self.replacements += int(row["replacements"])

    def document(self) -> IO[bytes]:
        """The whole log as one JSON document (a temporary file, read from its start)."""
        out = tempfile.TemporaryFile()
        head = json.dumps(
            {
                "method": self.METHOD,
                "records_redacted": self.count,
                "replacements": self.replacements,
            },
            indent=2,
        )
        out.write(head[:-2].encode() + b',\n  "records": [')
        self.rows.seek(0)
        for block in iter(lambda: self.rows.read(1 << 16), b""):
            out.write(block)
        out.write(b"\n]}\n")
        return out


class _Month:
    """The records of one type and month: a JSON Lines file written straight into the zip
    and an HTML page built in a temporary file (the zip takes one writer at a time),
    added when the month is done. Memory stays flat whatever the number of records."""

    def __init__(self, writer: _Writer, kind: str, month: str, part: int = 1) -> None:
        self.writer = writer
        self.month = month
        # a month met again (an audit entry held until its day ended is stamped with
        # that day but follows later entries) gets a second part, never the same name
        self.base = f"records/{kind}/{month}" + (f".{part}" if part > 1 else "")
        self.kind = kind
        self.handle = writer.zf.open(f"{self.base}.jsonl", "w", force_zip64=True)
        self.digest = hashlib.sha256()
        self.size = 0
        self.page = tempfile.TemporaryFile()
        self.page.write(page_start(f"{TITLES[kind]}s, {month}").encode())

    def add(self, key: str, record: dict[str, Any]) -> None:
        line = json_line(record)
        self.handle.write(line)
        self.digest.update(line)
        self.size += len(line)
        self.page.write(record_section(f"{TITLES[self.kind]} {key}", record).encode())

    def close(self) -> None:
        self.handle.close()
        self.writer.listed(f"{self.base}.jsonl", self.digest.hexdigest(), self.size)
        with self.page:
            self.page.write(page_end().encode())
            self.writer.stream(f"{self.base}.html", self.page)


class _Writer:
    """Adds files to the zip, hashing each as it goes. The checksum lines go to a
    temporary file (added last as ``SHA256SUMS``), so memory does not grow with the
    number of records beyond the zip's own directory."""

    def __init__(self, zf: zipfile.ZipFile, sums: IO[bytes]) -> None:
        self.zf = zf
        self.sums = sums
        self.count = 0
        self.bytes = 0

    def add(self, name: str, data: bytes) -> None:
        self.zf.writestr(name, data)
        self.listed(name, sha256_hex(data), len(data))

    def listed(self, name: str, sha: str, size: int) -> None:
        self.sums.write(f"{sha}  {name}\n".encode())
        self.count += 1
        self.bytes += size

    def stream(self, name: str, source: IO[bytes]) -> None:
        """Copy ``source`` (from its start) into the zip as ``name``, hashing it."""
        source.seek(0)
        digest, size = hashlib.sha256(), 0
        with self.zf.open(name, "w", force_zip64=True) as handle:
            for block in iter(lambda: source.read(1 << 16), b""):
                handle.write(block)
                digest.update(block)
                size += len(block)
        self.listed(name, digest.hexdigest(), size)

    def close(self) -> dict[str, Any]:
        """Add ``SHA256SUMS`` (``sha256sum -c`` reads it) and describe it."""
        self.sums.seek(0)
        digest = hashlib.sha256()
        with self.zf.open(SUMS, "w", force_zip64=True) as handle:
            for block in iter(lambda: self.sums.read(1 << 16), b""):
                handle.write(block)
                digest.update(block)
        return {"path": SUMS, "sha256": digest.hexdigest(), "files": self.count}


def export(
    *,
    db: Database,
    request: ExportRequest,
    out: Path,
    signing_key: Ed25519PrivateKey,
    redaction_key: bytes | None,
    now: dt.datetime,
    actor_id: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExportResult:
    """Write the package to ``out`` (never over an existing file; a failed export leaves
    nothing behind) and record the export in the audit log. ``progress`` is told the
    number of records written after every batch."""
    if request.since >= request.until:
        raise RecordsError("--since must be before --until")
    if request.redact_students and not redaction_key:
        raise RecordsError("--redact-students needs LANYARD_SECRET_KEY (the pseudonym key)")
    if out.exists():
        raise RecordsError(f"{out} exists; give a new file name")
    partial = out.with_name(out.name + ".partial")
    result = ExportResult(path=out)
    try:
        with db.uow() as uow, zipfile.ZipFile(partial, "x", zipfile.ZIP_DEFLATED) as zf:
            manifest = _write(
                uow.session, zf, request, signing_key, redaction_key, now, result, progress
            )
            data = canonical_json(manifest)
            zf.writestr("manifest.json", data)
            zf.writestr("manifest.sig", base64.b64encode(signing_key.sign(data)) + b"\n")
            result.manifest_sha256 = sha256_hex(data)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    with db.uow(write=True) as uow:
        audit.record(
            uow.session,
            event=AuditEvent.RECORDS_EXPORTED,
            subject_type="records_export",
            subject_id=result.manifest_sha256,
            actor_id=actor_id,
            now=now,
            after={
                "since": _iso(request.since),
                "until": _iso(request.until),
                "types": list(request.types),
                "people": len(request.people),
                "redacted": request.redact_students,
                "counts": result.counts,
                "files": result.files,
                "audit_entries": [result.audit_first, result.audit_last],
            },
        )
        uow.commit()
    return result


def _write(
    session: Session,
    zf: zipfile.ZipFile,
    request: ExportRequest,
    signing_key: Ed25519PrivateKey,
    redaction_key: bytes | None,
    now: dt.datetime,
    result: ExportResult,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    people = resolve_people(session, request.people)
    redactor = (
        Redactor(_students(session), redaction_key)
        if request.redact_students and redaction_key
        else None
    )
    log = _LogFile()
    sums = tempfile.TemporaryFile()
    writer = _Writer(zf, sums)
    # The audit seq range of the period is fixed first: entries written while the export
    # runs (its own included) fall after it.
    head = session.scalar(select(func.max(AuditEntry.seq))) or 0
    first = session.scalar(
        select(func.min(AuditEntry.seq)).where(
            AuditEntry.at >= request.since, AuditEntry.seq <= head
        )
    )
    last = session.scalar(
        select(func.max(AuditEntry.seq)).where(
            AuditEntry.at < request.until, AuditEntry.seq <= head
        )
    )
    if first is None or last is None or last < first:
        first = (last or 0) + 1 if first is None else first
        last = first - 1
    redacted_audit: set[int] = set()
    exported_audit: set[int] = set()
    written = 0
    for kind in request.types:
        count = 0
        query = _query(kind, request, people)
        if kind == "audit":
            query = query.where(AuditEntry.seq <= head)
        month: _Month | None = None
        parts: dict[str, int] = {}
        for obj in _rows(session, query):
            record = disposal.entry_line(obj) if isinstance(obj, AuditEntry) else _row(obj)
            _related(session, obj, record)
            key = f"{obj.seq:010d}" if isinstance(obj, AuditEntry) else str(record["id"])
            filed = getattr(obj, FILED_BY[kind]).astimezone(dt.UTC).strftime("%Y-%m")
            if month is None or month.month != filed:
                if month is not None:
                    month.close()
                parts[filed] = parts.get(filed, 0) + 1
                month = _Month(writer, kind, filed, parts[filed])
            if redactor is not None:
                counts: dict[str, int] = {}
                record = redactor.value(record, counts)
                if counts:
                    log.add(
                        {
                            "record": f"{month.base}.jsonl#{key}",
                            "replacements": sum(counts.values()),
                            "by_kind": counts,
                        }
                    )
                    if isinstance(obj, AuditEntry):
                        redacted_audit.add(obj.seq)
            if isinstance(obj, AuditEntry):
                exported_audit.add(obj.seq)
            month.add(key, record)
            count += 1
            written += 1
            if progress is not None and written % BATCH == 0:
                progress(written)
        if month is not None:
            month.close()
        result.counts[kind] = count
    anchor_hash = GENESIS
    if first > 1:
        # the entry before the period, or the disposal whose cut it was (its hash as signed
        # at the cut): the period's earlier entries were disposed of
        found = disposal.anchor_hash(session, first - 1)
        if found is None:
            raise RecordsError(f"audit entry {first - 1} is missing: run `lanyard audit verify`")
        anchor_hash = found
    cut = disposal.latest(session)
    last_hash = anchor_hash
    chain_sha = hashlib.sha256()
    chain_bytes = 0
    with zf.open("audit/chain.jsonl", "w", force_zip64=True) as handle:
        query = (
            select(AuditEntry)
            .where(AuditEntry.seq >= first, AuditEntry.seq <= last)
            .order_by(AuditEntry.seq)
        )
        for entry in _rows(session, query):
            line = disposal.entry_line(entry)
            withheld = None
            if entry.seq in redacted_audit:
                withheld = "redacted (student information)"
            elif entry.seq not in exported_audit:
                withheld = "outside this request"
            if withheld:
                line = {
                    "seq": entry.seq,
                    "prev_hash": entry.prev_hash,
                    "hash": entry.hash,
                    "withheld": withheld,
                }
            data = (json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n").encode()
            handle.write(data)
            chain_sha.update(data)
            chain_bytes += len(data)
            last_hash = entry.hash
    writer.listed("audit/chain.jsonl", chain_sha.hexdigest(), chain_bytes)
    mac_from = session.scalar(select(func.min(AuditEntry.seq)).where(AuditEntry.mac.is_not(None)))
    checkpoint = sign(signing_key, seq=last, head=last_hash, at=now, mac_from=mac_from)
    writer.add("audit/checkpoint.json", (checkpoint.to_json() + "\n").encode())
    writer.add("audit/public-key.pem", public_key_pem(signing_key.public_key()).encode())
    if redactor is not None:
        with log.rows, log.document() as document:
            writer.stream("redaction-log.json", document)
        result.redactions = log.replacements
    with sums:
        checksums = writer.close()
    result.files = writer.count
    result.bytes_written = writer.bytes
    result.audit_first, result.audit_last = first, last
    return {
        "format": PACKAGE_FORMAT,
        "created_at": _iso(now),
        "request": {
            "since": _iso(request.since),
            "until": _iso(request.until),
            "types": list(request.types),
            "people": people,
            "redact_students": request.redact_students,
        },
        "counts": result.counts,
        "audit": {
            "anchor_seq": first - 1,
            "anchor_hash": anchor_hash,
            **(
                {
                    "disposed_through": cut.through_seq,
                    "disposal_certificate_seq": cut.certificate_seq,
                }
                if cut is not None
                else {}
            ),
            "first_seq": first,
            "last_seq": last,
            "checkpoint": "audit/checkpoint.json",
            "chain": "audit/chain.jsonl",
        },
        "legal_holds_in_force": [
            _plain(r)
            for r in session.execute(
                select(
                    LegalHold.id,
                    LegalHold.scope,
                    LegalHold.person_id,
                    LegalHold.building_id,
                    LegalHold.case_id,
                    LegalHold.starts_on,
                    LegalHold.ends_on,
                    LegalHold.placed_at,
                )
                .where(LegalHold.lifted_at.is_(None))
                .order_by(LegalHold.placed_at, LegalHold.id)
            ).mappings()
        ],
        "signing_key_id": key_id(signing_key.public_key()),
        "checksums": checksums,
    }
