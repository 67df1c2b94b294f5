"""Retention schedules and the disposition of records past their period.

:func:`dispose` removes, for each record type whose period the district has set, every
record past it that no legal hold in force covers, and writes a certificate of
destruction to the audit log (counts per type, the period and cut-off date, the holds
in force, the run; never a record's content or a person). Types whose period the
district has not set, and audit entries, are left alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from lanyard.acknowledgments.orm import AckAssignment, AckCampaign, Acknowledgment, PolicyReview
from lanyard.approvals.domain import State
from lanyard.approvals.orm import ApprovalRequest, RequestEvent
from lanyard.audit import disposal
from lanyard.audit import service as audit
from lanyard.audit.checkpoint import Checkpoint
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.cases.domain import CaseState
from lanyard.cases.orm import Case, CaseAttachment, CaseNote, CaseSubject, ContactAttempt
from lanyard.db.base import new_id
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import (
    ApprovalOnFile,
    DirectoryImport,
    Person,
    PersonBuilding,
    RelationshipDisclosure,
)
from lanyard.messages.orm import (
    Message,
    MessageFinding,
    MessageImport,
    MessageImportChunk,
    sent_before,
)
from lanyard.moderation.orm import ArchiveEntry, Comment
from lanyard.moderation.platform_orm import PlatformAction
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.records.domain import RecordsError
from lanyard.records.orm import LegalHold, RetentionSchedule
from lanyard.records.schedule import (
    CONFIRM,
    SCHEDULE,
    STATE_LAW,
    Held,
    Hold,
    Period,
    RecordType,
    check_settable,
    covering,
    covering_entry,
    entry_values,
    record_type,
)

CHUNK = 500


@dataclass(frozen=True)
class ScheduleLine:
    kind: RecordType
    period: Period
    confirmed: bool  # set by the district (else the default, not applied)
    basis: str
    set_at: dt.datetime | None = None


def schedule(session: Session) -> list[ScheduleLine]:
    """Every record type with the period in force: the district's, else the default."""
    rows = {r.record_type: r for r in session.scalars(select(RetentionSchedule))}
    lines = []
    for kind in SCHEDULE:
        row = rows.get(kind.name)
        if row is None:
            basis = f"{STATE_LAW}: {CONFIRM}" if kind.disposable else kind.kept_while
            lines.append(ScheduleLine(kind, kind.default, False, basis))
        else:
            lines.append(
                ScheduleLine(kind, Period(row.amount, row.unit), True, row.basis, row.set_at)
            )
    return lines


def set_period(
    *,
    uow: UnitOfWork,
    name: str,
    period: Period,
    basis: str,
    now: dt.datetime,
    actor_id: str | None = None,
) -> ScheduleLine:
    """Set a record type's period (the district's confirmed schedule); audited."""
    kind = record_type(name)
    check_settable(kind, period)
    if not basis.strip():
        raise RecordsError(
            "--basis: say which schedule item or decision the period follows "
            "(e.g. the Local Records Commission application number)"
        )
    session = uow.session
    row = session.get(RetentionSchedule, name)
    before = None if row is None else {"period": str(Period(row.amount, row.unit))}
    if row is None:
        row = RetentionSchedule(record_type=name)
        session.add(row)
    row.amount, row.unit, row.basis = period.amount, period.unit, basis.strip()
    row.set_by_id, row.set_at = actor_id, now
    audit.record(
        session,
        event=AuditEvent.RETENTION_SET,
        subject_type="retention_schedule",
        subject_id=name,
        actor_id=actor_id,
        now=now,
        before=before,
        after={"period": str(period), "basis": row.basis},
    )
    uow.commit()
    return ScheduleLine(kind, period, True, row.basis, now)


# -- holds -------------------------------------------------------------------------------------


def holds_in_force(session: Session) -> list[Hold]:
    """The holds in force, each building hold with the people of its building."""
    holds = []
    for row in session.scalars(
        select(LegalHold).where(LegalHold.lifted_at.is_(None)).order_by(LegalHold.placed_at)
    ):
        people: frozenset[str] = frozenset()
        if row.building_id:
            people = frozenset(
                session.scalars(
                    select(PersonBuilding.person_id).where(
                        PersonBuilding.building_id == row.building_id
                    )
                )
            ) | frozenset(
                session.scalars(
                    select(Person.id).where(Person.primary_building_id == row.building_id)
                )
            )
        holds.append(
            Hold(
                row.id,
                row.scope,
                row.person_id,
                row.building_id,
                row.case_id,
                row.starts_on,
                row.ends_on,
                people,
            )
        )
    return holds


def _day(value: dt.datetime | None, default: dt.datetime) -> dt.date:
    return (value or default).astimezone(dt.UTC).date()


def _people(*ids: str | None) -> frozenset[str]:
    return frozenset(i for i in ids if i)


# -- what is past its period, per type ------------------------------------------------------
# Each finder yields (key, Held) for every record past ``cutoff`` that its type would
# dispose of; each remover deletes the keys given (and the rows that belong to them).


def _recipients(value: Any) -> set[str]:
    return {r[0] for r in value or [] if isinstance(r, list) and r and r[0]}


# An approval an official account names (the approval it was registered under) stays
# with the account, whatever its age.
_NAMED = (
    select(OfficialAccount.id)
    .where(OfficialAccount.approval_on_file_id == ApprovalOnFile.id)
    .exists()
)


def _find(kind: str, session: Session, cutoff: dt.datetime) -> Iterator[tuple[Any, Held]]:
    q: Any
    row: Any
    if kind in ("requests", "approvals"):
        r = ApprovalRequest
        if kind == "requests":
            q = select(
                r.id, r.created_at, r.updated_at, r.requester_id, r.decided_by_id, r.building_id
            )
            q = q.where(
                r.state.in_([State.DENIED, State.WITHDRAWN, State.EXPIRED]), r.updated_at < cutoff
            )
        else:
            q = select(
                r.id, r.created_at, r.expires_at, r.requester_id, r.decided_by_id, r.building_id
            )
            q = q.where(r.state == State.APPROVED, r.expires_at.is_not(None), r.expires_at < cutoff)
        for row in session.execute(q.execution_options(yield_per=CHUNK)):
            yield (
                ("request", row[0]),
                Held(_day(row[1], row[2]), _day(row[2], row[1]), _people(row[3], row[4]), row[5]),
            )
        if kind == "approvals":
            # approvals on file that no request made (entered or imported directly); one a
            # request made goes with its request
            o = ApprovalOnFile
            made = select(r.id).where(r.approval_id == o.id)
            oq = select(o.id, o.granted_at, o.expires_at, o.person_id, o.granted_by_id).where(
                o.expires_at.is_not(None), o.expires_at < cutoff, ~made.exists(), ~_NAMED
            )
            for row in session.execute(oq.execution_options(yield_per=CHUNK)):
                yield (
                    ("on_file", row[0]),
                    Held(_day(row[1], row[2]), _day(row[2], row[1]), _people(row[3], row[4])),
                )
    elif kind == "disclosures":
        d = RelationshipDisclosure
        q = select(d.id, d.disclosed_at, d.employee_id, d.student_id).where(
            d.withdrawn.is_(True), d.disclosed_at < cutoff
        )
        for row in session.execute(q):
            day = _day(row[1], row[1])
            yield row[0], Held(day, day, _people(row[2], row[3]))
    elif kind == "cases":
        named = select(LegalHold.case_id).where(LegalHold.case_id.is_not(None))
        q = select(Case.id, Case.created_at, Case.closed_at, Case.reporter_id, Case.building_id)
        q = q.where(Case.state == CaseState.CLOSED, Case.closed_at < cutoff, Case.id.not_in(named))
        for row in session.execute(q).all():
            subjects = session.scalars(
                select(CaseSubject.person_id).where(CaseSubject.case_id == row[0])
            )
            yield (
                row[0],
                Held(
                    _day(row[1], row[1]),
                    _day(row[2], row[1]),
                    _people(row[3], *subjects),
                    row[4],
                    row[0],
                ),
            )
    elif kind == "moderation":
        a = ArchiveEntry
        past = select(a.comment_id).group_by(a.comment_id).having(func.max(a.archived_at) < cutoff)
        q = (
            select(a.comment_id, a.archived_at, a.archived_by_id)
            .where(a.comment_id.in_(past))
            .order_by(a.comment_id, a.archived_at)
        )
        rows = session.execute(q.execution_options(yield_per=CHUNK))
        for comment_id, group in itertools.groupby(rows, key=lambda r: r[0]):
            entries = list(group)
            yield (
                comment_id,
                Held(
                    _day(entries[0][1], entries[0][1]),
                    _day(entries[-1][1], entries[-1][1]),
                    _people(*(e[2] for e in entries)),
                ),
            )
    elif kind == "messages":
        f = MessageFinding
        fq = select(
            f.id,
            f.created_at,
            f.sent_at,
            f.employee_id,
            f.building_id,
            Message.sender_id,
            Message.recipients,
        )
        fq = fq.join(Message, Message.id == f.message_id).where(
            f.status != "open", f.created_at < cutoff
        )
        for row in session.execute(fq.execution_options(yield_per=CHUNK)):
            people = _people(row[3], row[5]) | _recipients(row[6])
            yield (
                ("finding", row[0]),
                Held(_day(row[2], row[1]), _day(row[1], row[1]), people, row[4]),
            )
        mq = select(Message.id, Message.sent_at, Message.sender_id, Message.recipients).where(
            sent_before(cutoff),
            Message.has_finding.is_(False),
            ~select(f.id).where(f.message_id == Message.id).exists(),
        )
        for row in session.execute(mq.execution_options(yield_per=CHUNK)):
            day = _day(row[1], row[1])
            yield ("message", row[0]), Held(day, day, _people(row[2]) | _recipients(row[3]))
        # an import's summary (file name, hash, counts, who ran it) once none of its
        # messages or findings is left (so the run after the one that removed the last)
        mi = MessageImport
        iq = select(mi.id, mi.started_at, mi.finished_at, mi.actor_id).where(
            mi.status != "running",
            func.coalesce(mi.finished_at, mi.started_at) < cutoff,
            ~select(Message.id).where(Message.import_id == mi.id).exists(),
            ~select(f.id).where(f.import_id == mi.id).exists(),
        )
        for row in session.execute(iq):
            yield (
                ("import", row[0]),
                Held(_day(row[1], row[1]), _day(row[2], row[1]), _people(row[3])),
            )
    elif kind == "acknowledgments":
        k = Acknowledgment
        q = (
            select(k.id, k.at, k.person_id, AckAssignment.building_id)
            .join(AckAssignment, AckAssignment.id == k.assignment_id)
            .where(k.at < cutoff)
        )
        for row in session.execute(q.execution_options(yield_per=CHUNK)):
            day = _day(row[1], row[1])
            yield row[0], Held(day, day, _people(row[2]), row[3])
    elif kind == "ack_campaigns":
        c = AckCampaign
        signed = select(Acknowledgment.id).where(Acknowledgment.campaign_id == c.id)
        q = select(c.id, c.opens_at, c.closed_at, c.created_by_id).where(
            c.state == "closed", c.closed_at < cutoff, ~signed.exists()
        )
        for row in session.execute(q).all():
            assigned = session.scalars(
                select(AckAssignment.person_id).where(AckAssignment.campaign_id == row[0])
            )
            yield (
                row[0],
                Held(_day(row[1], row[1]), _day(row[2], row[1]), _people(row[3], *assigned)),
            )
    elif kind == "directory_imports":
        i = DirectoryImport
        for row in session.execute(select(i.id, i.at, i.undone_at, i.changes).where(i.at < cutoff)):
            changes = row[3] or {}
            touched = {
                str(p)
                for part in ("people_added", "people_deactivated")
                for p in changes.get(part) or []
            } | {
                str(p)
                for part in ("links_added", "links_removed")
                for link in changes.get(part) or []
                if isinstance(link, list)
                for p in link
            }
            yield (
                row[0],
                Held(_day(row[1], row[1]), _day(row[2], row[1]), frozenset(touched)),
            )


def _chunks(keys: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(keys), CHUNK):
        yield keys[i : i + CHUNK]


def _remove(kind: str, session: Session, keys: list[Any]) -> dict[str, int]:
    """Delete the records named by ``keys`` with what belongs to them; counts by part."""
    parts: dict[str, int] = {}

    def gone(part: str, statement: Any) -> None:
        result = session.execute(statement.execution_options(synchronize_session=False))
        parts[part] = parts.get(part, 0) + int(getattr(result, "rowcount", 0) or 0)

    if kind == "messages":
        findings = [k[1] for k in keys if k[0] == "finding"]
        messages = [k[1] for k in keys if k[0] == "message"]
        imports = [k[1] for k in keys if k[0] == "import"]
        for chunk in _chunks(findings):
            owners = list(
                session.scalars(
                    select(MessageFinding.message_id).where(MessageFinding.id.in_(chunk))
                )
            )
            gone("findings", delete(MessageFinding).where(MessageFinding.id.in_(chunk)))
            # the message of a disposed finding goes with it unless another finding keeps it
            kept = select(MessageFinding.id).where(MessageFinding.message_id == Message.id)
            gone("messages", delete(Message).where(Message.id.in_(owners), ~kept.exists()))
        for chunk in _chunks(messages):
            gone("messages", delete(Message).where(Message.id.in_(chunk)))
        for chunk in _chunks(imports):
            session.execute(
                delete(MessageImportChunk)
                .where(
                    MessageImportChunk.import_id.in_(chunk),
                    ~select(Message.id)
                    .where(Message.import_id == MessageImportChunk.import_id)
                    .exists(),
                )
                .execution_options(synchronize_session=False)
            )
            left = select(Message.id).where(Message.import_id == MessageImport.id)
            found = select(MessageFinding.id).where(MessageFinding.import_id == MessageImport.id)
            gone(
                "imports",
                delete(MessageImport).where(
                    MessageImport.id.in_(chunk), ~left.exists(), ~found.exists()
                ),
            )
        return parts
    if kind in ("requests", "approvals"):
        requests = [k[1] for k in keys if k[0] == "request"]
        for chunk in _chunks(requests):
            on_file = list(
                session.scalars(
                    select(ApprovalRequest.approval_id).where(
                        ApprovalRequest.id.in_(chunk), ApprovalRequest.approval_id.is_not(None)
                    )
                )
            )
            session.execute(delete(RequestEvent).where(RequestEvent.request_id.in_(chunk)))
            gone(kind, delete(ApprovalRequest).where(ApprovalRequest.id.in_(chunk)))
            if on_file:
                gone(
                    "on_file",
                    delete(ApprovalOnFile).where(ApprovalOnFile.id.in_(on_file), ~_NAMED),
                )
        for chunk in _chunks([k[1] for k in keys if k[0] == "on_file"]):
            gone("on_file", delete(ApprovalOnFile).where(ApprovalOnFile.id.in_(chunk)))
        return parts
    for chunk in _chunks(keys):
        if kind == "ack_campaigns":
            for statement in (
                update(PolicyReview)
                .where(PolicyReview.campaign_id.in_(chunk))
                .values(campaign_id=None),
                update(AckCampaign)
                .where(AckCampaign.previous_id.in_(chunk))
                .values(previous_id=None),
            ):
                session.execute(statement.execution_options(synchronize_session=False))
            gone("assignments", delete(AckAssignment).where(AckAssignment.campaign_id.in_(chunk)))
            gone(kind, delete(AckCampaign).where(AckCampaign.id.in_(chunk)))
        elif kind == "directory_imports":
            gone(kind, delete(DirectoryImport).where(DirectoryImport.id.in_(chunk)))
        elif kind == "disclosures":
            gone(kind, delete(RelationshipDisclosure).where(RelationshipDisclosure.id.in_(chunk)))
        elif kind == "cases":
            session.execute(
                update(ContactAttempt)
                .where(ContactAttempt.case_id.in_(chunk))
                .values(case_id=None)
                .execution_options(synchronize_session=False)
            )
            gone("notes", delete(CaseNote).where(CaseNote.case_id.in_(chunk)))
            gone("attachments", delete(CaseAttachment).where(CaseAttachment.case_id.in_(chunk)))
            session.execute(delete(CaseSubject).where(CaseSubject.case_id.in_(chunk)))
            gone(kind, delete(Case).where(Case.id.in_(chunk)))
        elif kind == "moderation":
            gone(
                "platform_actions",
                delete(PlatformAction).where(PlatformAction.comment_id.in_(chunk)),
            )
            gone("comments", delete(Comment).where(Comment.id.in_(chunk)))
            gone(kind, delete(ArchiveEntry).where(ArchiveEntry.comment_id.in_(chunk)))
        elif kind == "acknowledgments":
            gone(kind, delete(Acknowledgment).where(Acknowledgment.id.in_(chunk)))
    return parts


# -- the audit log's cut -----------------------------------------------------------------------


def _plan_audit_cut(
    session: Session,
    result: TypeOutcome,
    cutoff: dt.datetime,
    holds: list[Hold],
    *,
    signing_key: Ed25519PrivateKey | None,
    now: dt.datetime,
    dry_run: bool,
) -> Checkpoint | None:
    """Where the audit log is cut, and the checkpoint signed there (None: no cut).

    The cut is one point: every entry up to it goes, every entry after it stays. It is
    the last entry before the first one written on or after ``cutoff``, moved back before
    the first entry a moderation archive entry still refers to and before the first one
    a hold in force covers (the certificate says where and why). Nothing is cut unless
    the whole log verifies first (chain, MACs, stored checkpoints)."""
    from lanyard.audit.verify import verify_log

    first = session.scalar(select(func.min(AuditEntry.seq)))
    if first is None:
        return None
    younger = session.scalar(select(func.min(AuditEntry.seq)).where(AuditEntry.at >= cutoff))
    by_age = (
        (younger - 1) if younger is not None else session.scalar(select(func.max(AuditEntry.seq)))
    )
    cut = int(by_age or 0)
    stopped: dict[str, Any] | None = None
    referred = session.scalar(
        select(func.min(ArchiveEntry.audit_seq)).where(ArchiveEntry.audit_seq >= first)
    )
    if referred is not None and referred <= cut:
        cut = referred - 1
        stopped = {"at_entry": referred, "because": "a moderation archive entry refers to it"}
    if holds and cut >= first:
        q = (
            select(AuditEntry)
            .where(AuditEntry.seq >= first, AuditEntry.seq <= cut)
            .order_by(AuditEntry.seq)
            .execution_options(yield_per=CHUNK)
        )
        for entry in session.scalars(q):
            values = entry_values(
                entry.actor_id, entry.subject_id, entry.building_id, entry.before, entry.after
            )
            day = entry.at.astimezone(dt.UTC).date()
            found = covering_entry(day, values, entry.building_id, holds)
            if found:
                cut = entry.seq - 1
                stopped = {
                    "at_entry": entry.seq,
                    "because": "a legal hold covers it",
                    "legal_holds": [h.id for h in found],
                }
                break
    if stopped is not None:
        stopped["entries_kept_past_period"] = max(0, int(by_age or 0) - max(cut, first - 1))
        if "legal_holds" in stopped:
            result.held = stopped["entries_kept_past_period"]
        result.extra["stopped"] = stopped
    if cut < first:
        return None
    result.disposed = cut - first + 1
    if dry_run:
        result.extra.update({"first_seq": first, "through_seq": cut})
        return None
    if signing_key is None:
        result.disposed = 0
        result.not_applied = (
            "no signing key (LANYARD_AUDIT_SIGNING_KEY_FILE): a cut needs a checkpoint signed at it"
        )
        return None
    verified = verify_log(session, public_key=signing_key.public_key())
    if verified.problems:
        result.disposed = 0
        result.not_applied = (
            f"the audit log does not verify ({len(verified.problems)} problem(s), the first: "
            f"{verified.problems[0]}); run `lanyard audit verify`"
        )
        return None
    checkpoint = disposal.sign_cut(session, key=signing_key, through_seq=cut, now=now)
    result.extra.update(disposal.certificate_part(checkpoint, first_seq=first))
    carried = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.seq >= first,
            AuditEntry.seq <= cut,
            AuditEntry.event == str(AuditEvent.RECORDS_DISPOSED),
        )
        .order_by(AuditEntry.seq)
    )
    result.extra["certificates_carried"] = [disposal.entry_line(e) for e in carried]
    return checkpoint


# -- the disposition ----------------------------------------------------------------------------


@dataclass
class TypeOutcome:
    period: str
    cutoff: dt.datetime | None
    disposed: int = 0
    held: int = 0  # past the period, kept because a hold covers it
    parts: dict[str, int] = field(default_factory=dict)
    not_applied: str | None = None  # why nothing of this type was considered
    extra: dict[str, Any] = field(default_factory=dict)  # the audit cut's particulars


@dataclass
class Disposition:
    run: str
    dry_run: bool
    types: dict[str, TypeOutcome]
    holds: list[str]
    certificate_seq: int | None = None

    @property
    def disposed(self) -> int:
        return sum(t.disposed for t in self.types.values())


def dispose(
    *,
    uow: UnitOfWork,
    now: dt.datetime,
    dry_run: bool = False,
    by: str = "lanyard records dispose",
    actor_id: str | None = None,
    certify_nothing: bool = True,
    signing_key: Ed25519PrivateKey | None = None,
) -> Disposition:
    """Remove every record past its district-set period that no hold in force covers,
    and certify it in the audit log (one transaction). ``dry_run`` counts only; with
    ``certify_nothing`` False a run that removed and held back nothing writes no
    certificate (the daily job). Audit entries go only with ``signing_key`` (the cut is
    a checkpoint signed at it), after the whole log verifies, up to one cut that stops
    before the first entry a hold covers (see :func:`_plan_audit_cut`)."""
    session = uow.session
    holds = holds_in_force(session)
    audit_cut: Checkpoint | None = None
    outcome = Disposition(new_id(), dry_run, {}, [h.id for h in holds])
    for line in schedule(session):
        kind = line.kind.name
        cutoff = line.period.cutoff(now)
        result = TypeOutcome(str(line.period), cutoff)
        outcome.types[kind] = result
        if not line.kind.disposable or cutoff is None:
            result.not_applied = "kept indefinitely"
            continue
        if not line.confirmed:
            result.not_applied = "the district has not set its period (default not applied)"
            continue
        if kind == "audit":
            audit_cut = _plan_audit_cut(
                session, result, cutoff, holds, signing_key=signing_key, now=now, dry_run=dry_run
            )
            continue
        doomed: list[Any] = []
        for key, held in _find(kind, session, cutoff):
            if covering(held, holds):
                result.held += 1
            else:
                doomed.append(key)
        if dry_run:
            result.disposed = len(doomed)
            continue
        result.parts = _remove(kind, session, doomed)
        result.disposed = len(doomed)
    if dry_run or not (
        certify_nothing or outcome.disposed or any(t.held for t in outcome.types.values())
    ):
        return outcome
    entry = audit.record(
        session,
        event=AuditEvent.RECORDS_DISPOSED,
        subject_type="records_disposition",
        subject_id=outcome.run,
        actor_id=actor_id,
        now=now,
        after=certificate(outcome, by=by),
    )
    outcome.certificate_seq = entry.seq
    if audit_cut is not None:
        # after the certificate (which names the cut), so that the chain holds it
        disposal.apply(
            session,
            checkpoint=audit_cut,
            first_seq=int(outcome.types["audit"].extra["first_seq"]),
            certificate_seq=entry.seq,
            now=now,
        )
    uow.commit()
    return outcome


def certificate(outcome: Disposition, *, by: str) -> dict[str, Any]:
    """The certificate of destruction: counts, periods, dates, holds; no record content."""
    return {
        "certificate": "destruction of records past their retention period",
        "run": outcome.run,
        "by": by,
        "law": STATE_LAW,
        "types": {
            kind: {
                "period": t.period,
                "before": t.cutoff.astimezone(dt.UTC).isoformat() if t.cutoff else None,
                "disposed": t.disposed,
                "kept_under_hold": t.held,
                **({"parts": t.parts} if t.parts else {}),
                **({"not_applied": t.not_applied} if t.not_applied else {}),
                **t.extra,
            }
            for kind, t in outcome.types.items()
        },
        "legal_holds_in_force": outcome.holds,
    }


def certificates(session: Session, limit: int = 20) -> Iterable[Any]:
    """The newest certificates of destruction (audit entries), newest first."""
    return session.scalars(
        select(AuditEntry)
        .where(AuditEntry.event == str(AuditEvent.RECORDS_DISPOSED))
        .order_by(AuditEntry.seq.desc())
        .limit(limit)
    )
