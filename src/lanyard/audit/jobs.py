"""The periodic audit checkpoint: sign the chain head and publish it outside the
database whenever the log has grown since the last checkpoint."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from lanyard.audit.anchoring import latest_stored, make_checkpoint, publish
from lanyard.audit.keys import signing_key_from_settings
from lanyard.audit.orm import AuditEntry
from lanyard.jobs.registry import periodic

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


@periodic("audit.checkpoint", every=dt.timedelta(hours=1))
def checkpoint_audit_log(*, services: Services, now: dt.datetime) -> int:
    """Write a signed checkpoint to LANYARD_AUDIT_CHECKPOINT_DIR, the records officer's
    address and syslog (those configured); 1 if one was written, else 0."""
    s = services.settings
    if not (s.audit_checkpoint_dir or s.audit_checkpoint_email or s.audit_checkpoint_syslog):
        return 0  # a checkpoint kept only in the database proves nothing
    signing_key = signing_key_from_settings(s)
    if signing_key is None:
        return 0
    with services.db.uow(write=True) as uow:
        head = uow.session.scalar(select(func.max(AuditEntry.seq))) or 0
        if latest_stored(uow) == head:
            return 0
        checkpoint = make_checkpoint(uow=uow, signing_key=signing_key, now=now)
    publish(
        checkpoint,
        directory=s.audit_checkpoint_dir,
        mail_to=s.audit_checkpoint_email,
        notifier=services.notifier,
        to_syslog=s.audit_checkpoint_syslog,
    )
    return 1
