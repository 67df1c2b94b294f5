"""Anchoring the chain head outside the database: make a signed checkpoint (stored in
the database as a copy) and publish it where the operator chose (a file, the records
officer's mailbox, syslog)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import syslog
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lanyard.audit.checkpoint import GENESIS, Checkpoint, sign
from lanyard.audit.orm import AuditCheckpoint, AuditEntry
from lanyard.db.session import UnitOfWork
from lanyard.notify.base import Email, Notifier, PermanentError, TransientError

log = logging.getLogger(__name__)


def latest_stored(uow: UnitOfWork) -> int | None:
    seq: int | None = uow.session.scalar(select(func.max(AuditCheckpoint.seq)))
    return seq


def store_checkpoint(session: Session, checkpoint: Checkpoint) -> None:
    """Keep a copy of ``checkpoint`` in ``audit_checkpoints`` (once per sequence number)."""
    if session.get(AuditCheckpoint, checkpoint.seq) is None:
        session.add(
            AuditCheckpoint(
                seq=checkpoint.seq,
                head=checkpoint.head,
                at=checkpoint.at,
                mac_from=checkpoint.mac_from,
                key_id=checkpoint.key_id,
                signature=checkpoint.signature,
            )
        )


def make_checkpoint(
    *, uow: UnitOfWork, signing_key: Ed25519PrivateKey, now: dt.datetime
) -> Checkpoint:
    """Sign the current head; keep a copy in ``audit_checkpoints`` (once per head)."""
    session = uow.session
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, head = (last.seq, last.hash) if last else (0, GENESIS)
    mac_from = session.scalar(select(func.min(AuditEntry.seq)).where(AuditEntry.mac.is_not(None)))
    checkpoint = sign(signing_key, seq=seq, head=head, at=now, mac_from=mac_from)
    store_checkpoint(session, checkpoint)
    uow.commit()
    return checkpoint


def write_file(checkpoint: Checkpoint, path: Path) -> None:
    """Write the checkpoint as JSON; an existing file is never overwritten."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(checkpoint.to_json() + "\n")


def file_name(checkpoint: Checkpoint) -> str:
    return f"checkpoint-{checkpoint.seq:010d}-{checkpoint.at:%Y%m%dT%H%M%SZ}.json"


def email(checkpoint: Checkpoint) -> Email:
    return Email(
        to="",
        subject=f"Lanyard audit checkpoint: entries 1-{checkpoint.seq}",
        body=(
            "This is a signed checkpoint of Lanyard's audit log. Keep this e-mail where the\n"
            "Lanyard database administrators cannot change it: it proves that entries\n"
            f"1-{checkpoint.seq} of the audit log are not later removed or rewritten.\n\n"
            "To check the log against it, save the line below to a file and run\n"
            "    lanyard audit verify --checkpoint FILE\n\n"
            f"{checkpoint.to_line()}\n"
        ),
    )


def publish(
    checkpoint: Checkpoint,
    *,
    directory: Path | None,
    mail_to: str | None,
    notifier: Notifier | None,
    to_syslog: bool,
) -> list[str]:
    """Send the checkpoint to every destination configured; return where it went. A
    destination that fails is logged and the others still get it."""
    went: list[str] = []
    if directory is not None:
        path = directory / file_name(checkpoint)
        try:
            write_file(checkpoint, path)
            went.append(str(path))
        except FileExistsError:
            went.append(str(path))
        except OSError as exc:
            log.error("audit checkpoint %s: cannot write %s: %s", checkpoint.seq, path, exc)
    if mail_to and notifier is not None:
        message = email(checkpoint)
        try:
            notifier.send(Email(mail_to, message.subject, message.body))
            went.append(f"e-mail to {mail_to}")
        except (TransientError, PermanentError) as exc:
            log.error("audit checkpoint %s: e-mail not sent: %s", checkpoint.seq, exc)
    if to_syslog:
        syslog.openlog("lanyard", syslog.LOG_PID, syslog.LOG_AUTHPRIV)
        syslog.syslog(syslog.LOG_NOTICE, checkpoint.to_line())
        went.append("syslog")
    return went
