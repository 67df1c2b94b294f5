"""Reading communication-audit findings (audited) and purging expired message metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, select

from lanyard.audit.service import AuditEvent, record
from lanyard.db.session import UnitOfWork
from lanyard.messages.domain import FindingKind
from lanyard.messages.orm import Message, MessageFinding, MessageImport, sent_before

# ----------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class FindingView:
    """One finding as the command line and the review queue show it."""

    id: str
    kind: str
    message_id: str  # the source's own id (Message-ID header, Canvas message id)
    source: str
    sent_at: dt.datetime
    employee_id: str | None
    building_id: str | None
    rule: str
    clause: str | None
    quote: str | None
    verdict: str
    liftable: bool
    needs_facts: tuple[str, ...]
    marks: tuple[dict[str, Any], ...]
    counterparts: tuple[dict[str, Any], ...]
    teaches: bool | None = None  # one-to-one with a student: a class of theirs on file
    # for review: a rule that could apply, and the facts it turns on (``verdict``,
    # ``turns_on``, ``words``, ``also``)
    possible: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "message_id": self.message_id,
            "sent_at": self.sent_at.isoformat().replace("+00:00", "Z"),
            "employee_id": self.employee_id,
            "rule": self.rule,
            "clause": self.clause,
            "verdict": self.verdict,
            "counterparts": list(self.counterparts),
            "kind": self.kind,
            "quote": self.quote,
            "source": self.source,
            "building_id": self.building_id,
        }
        if self.liftable:
            out["could_be_lifted_by"] = list(self.needs_facts)
        if self.marks:
            out["marks"] = list(self.marks)
        if self.teaches is not None:
            out["teaches"] = self.teaches
        if self.possible is not None:
            out["possible"] = self.possible
        return out


def possible_of(situation: dict[str, Any] | None) -> dict[str, Any] | None:
    """The possible rule a for-review finding keeps in its situation, if it is one."""
    found = (situation or {}).get("possible")
    return found if isinstance(found, dict) else None


def _counterparts(recipients: list[Any]) -> tuple[dict[str, Any], ...]:
    out: list[dict[str, Any]] = []
    for person_id, address, role, _account in recipients:
        item: dict[str, Any] = {"person_id": person_id} if person_id else {"address": address}
        item["role"] = role
        out.append(item)
    return tuple(out)


def read_findings(
    *,
    uow: UnitOfWork,
    now: dt.datetime,
    actor_id: str | None,
    since: dt.datetime | None = None,
    kinds: Iterable[str] = (FindingKind.VIOLATION, FindingKind.REVIEW, FindingKind.SOLICITATION),
    building_ids: Iterable[str] | None = None,
) -> list[FindingView]:
    """Findings of complete imports, oldest first; the read is audited (who, which filter,
    how many). ``building_ids`` limits them to those buildings (``None``: all)."""
    session = uow.session
    query = (
        select(MessageFinding, Message.source, Message.source_id, Message.recipients)
        .join(Message, Message.id == MessageFinding.message_id)
        .join(MessageImport, MessageImport.id == MessageFinding.import_id)
        .where(MessageImport.status == "complete", MessageFinding.kind.in_(list(kinds)))
        .order_by(MessageFinding.sent_at, MessageFinding.message_id, MessageFinding.rule)
    )
    if since is not None:
        query = query.where(MessageFinding.sent_at >= since)
    buildings = list(building_ids) if building_ids is not None else None
    if buildings is not None:
        query = query.where(MessageFinding.building_id.in_(buildings))
    views = [
        FindingView(
            id=f.id,
            kind=f.kind,
            message_id=source_id or str(f.message_id),
            source=source,
            sent_at=f.sent_at,
            employee_id=f.employee_id,
            building_id=f.building_id,
            rule=f.rule,
            clause=f.clause,
            quote=f.quote,
            verdict=f.verdict,
            liftable=f.liftable,
            needs_facts=tuple(f.needs_facts or ()),
            marks=tuple(f.marks or ()),
            teaches=f.teaches,
            counterparts=_counterparts(recipients),
            possible=possible_of(f.situation),
        )
        for f, source, source_id, recipients in session.execute(query)
    ]
    record(
        session,
        event=AuditEvent.MESSAGE_FINDINGS_READ,
        subject_type="message_findings",
        subject_id=None,
        now=now,
        actor_id=actor_id,
        after={
            "since": since.isoformat() if since else None,
            "kinds": sorted(kinds),
            "buildings": buildings,
            "count": len(views),
        },
    )
    uow.commit()
    return views


# ----------------------------------------------------------------------------- retention


def purge_expired(
    *, uow: UnitOfWork, now: dt.datetime, retention_days: int, actor_id: str | None = None
) -> int:
    """Delete the metadata of messages older than the retention period that have no
    finding (a finding and its message are records, kept until they are closed under the
    records schedule). Returns how many were deleted; audited."""
    cutoff = now - dt.timedelta(days=retention_days)
    session = uow.session
    result = session.execute(
        delete(Message).where(
            sent_before(cutoff),
            Message.has_finding.is_(False),
            ~exists().where(MessageFinding.message_id == Message.id),
        )
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    record(
        session,
        event=AuditEvent.MESSAGES_PURGED,
        subject_type="messages",
        subject_id=None,
        now=now,
        actor_id=actor_id,
        after={"before": cutoff.isoformat(), "retention_days": retention_days, "count": count},
    )
    uow.commit()
    return count
