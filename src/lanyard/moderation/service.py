"""Comment moderation: the use cases. Each runs in the caller's unit of work, writes its
audit entries there and commits.

- :func:`ingest` takes comments in (an import or a webhook), classifies each against the
  pack's deletion criteria and the account's purpose, and escalates threats at once.
- :func:`decide` keeps, hides, deletes or escalates comments (one or many: bulk is the same
  use case, one transaction). Hiding or deleting always archives first: the archive entry
  and its ``comment:archived`` audit entry are written before the state changes, and the
  database refuses a removed comment without an archive entry of its own. A comment
  flagged as defamation is reported to district administration before it can be removed.

Bad input raises :class:`~lanyard.moderation.queue.ModerationProblem` naming the field,
before anything is written; a comment outside the moderator's scope raises
:class:`CommentNotFound`, the same as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import ModerationScope
from lanyard.connectors.comments.base import CommentRecord
from lanyard.db.base import new_id
from lanyard.db.session import UnitOfWork
from lanyard.moderation.archive import ArchiveQuery, ArchiveRow, search_archive
from lanyard.moderation.classifier import (
    MODEL_ID,
    MODEL_VERSION,
    ModerationClassifier,
    criteria_from_pack,
)
from lanyard.moderation.escalation import Deliver, escalate_comment, report_defamation
from lanyard.moderation.orm import ArchiveEntry, Comment
from lanyard.moderation.platform_actions import Send, queue_action
from lanyard.moderation.queue import (
    STATE_AFTER,
    Decision,
    ModerationProblem,
    archive_document,
    check_decision,
    content_sha256,
    severity_of,
)
from lanyard.moderation.students import student_names
from lanyard.official_accounts.domain import platform_name
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.policy import load_pack

PLATFORM_ALIASES = {"twitter": "x"}


class CommentNotFound(LookupError):
    """No such comment, or not one this moderator's scope covers (indistinguishable)."""


@dataclass(frozen=True)
class IngestResult:
    added: int
    duplicates: int
    escalated: int
    comment_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DecideResult:
    decision: Decision
    comment_ids: list[str]
    archived: list[str]  # archive entry ids written
    cases: list[str]  # cases opened
    reported: list[str]  # comments reported to district administration
    platform_actions: list[str] = field(default_factory=list)  # calls queued on the platforms
    # hidden or deleted in Lanyard alone (no connection to the platform: the moderator acts
    # there by hand); :func:`lanyard.moderation.undo.undo_removal` puts them back
    in_lanyard_only: list[str] = field(default_factory=list)


@cache
def classifier_for(pack_id: str, embedding_threat: bool = False) -> ModerationClassifier:
    """One classifier per pack (building one loads the learned weights); with
    ``embedding_threat``, the sentence-embedding threat model reads again the comments the
    rules found threat-like (when its packages are installed)."""
    pack = load_pack(pack_id).document
    return ModerationClassifier(
        criteria=criteria_from_pack(pack.deletion_criteria), embedding_threat=embedding_threat
    )


def _platform(value: str) -> str:
    value = value.strip().lower()
    return PLATFORM_ALIASES.get(value, value)


def own_sites(session: Session, pack_id: str) -> tuple[str, ...]:
    """The district's own sites, from its active official accounts (page addresses and
    handles): links to them, and short links named after them, are not spam."""
    rows = session.execute(
        select(OfficialAccount.url, OfficialAccount.handle).where(
            OfficialAccount.pack_id == pack_id, OfficialAccount.active.is_(True)
        )
    )
    return tuple(sorted({site for row in rows for site in row if site}))


def account_for(session: Session, account_id: str) -> OfficialAccount:
    account = session.get(OfficialAccount, account_id)
    if account is None or not account.active:
        raise ModerationProblem("account", f"no active official account {account_id!r}")
    return account


# -- intake ---------------------------------------------------------------------------------


def ingest(
    *,
    uow: UnitOfWork,
    pack_id: str,
    account_id: str,
    records: Sequence[CommentRecord],
    now: dt.datetime,
    source: str = "import",
    actor_id: str | None = None,
    deliver: Deliver | None = None,
    safety_contact: str | None = None,
    embedding_threat: bool = False,
) -> IngestResult:
    """Take comments in for one account. A comment already on file (same platform and
    platform id) is left exactly as it is: re-delivery is idempotent."""
    session = uow.session
    account = account_for(session, account_id)
    platform = _platform(account.platform)
    for number, item in enumerate(records, start=1):
        if item.platform != "csv" and _platform(item.platform) != platform:
            raise ModerationProblem(
                "platform",
                f"comment {number} is from {platform_name(item.platform)}, but the account "
                f"is on {platform_name(account.platform)}",
            )
    pack = load_pack(pack_id).document
    classifier = classifier_for(pack_id, embedding_threat)
    ids = list(dict.fromkeys(r.platform_comment_id for r in records))
    existing = set(
        session.scalars(
            select(Comment.platform_comment_id).where(
                Comment.platform == platform, Comment.platform_comment_id.in_(ids)
            )
        )
    )
    added: list[Comment] = []
    seen: set[str] = set()
    duplicates = 0
    students = student_names(session) if len(existing) < len(ids) else None
    fresh: list[CommentRecord] = []
    for item in records:
        if item.platform_comment_id in existing or item.platform_comment_id in seen:
            duplicates += 1
            continue
        seen.add(item.platform_comment_id)
        fresh.append(item)
    # One call for the whole delivery: the sentence encoder reads the comments it is asked
    # about together, in one batched pass (each is decided as it would be alone).
    results = classifier.classify_many(
        [item.text for item in fresh],
        site_purpose=account.purpose or None,
        student_names=students or (),
        own_sites=own_sites(session, pack_id) if fresh else (),
    )
    for item, result in zip(fresh, results, strict=True):
        severity, score = severity_of(result)
        classification: dict[str, Any] = result.to_json()
        classification["model"] = {"id": MODEL_ID, "version": MODEL_VERSION}
        classification["pack"] = {"id": pack.id, "version": pack.version}
        for category, out in zip(result.categories, classification["categories"], strict=True):
            out["review"] = category.score >= category.review_threshold
        comment = Comment(
            official_account_id=account.id,
            platform=platform,
            platform_comment_id=item.platform_comment_id,
            parent_id=item.parent_id,
            object_id=item.object_id,
            author_platform_id=item.author_platform_id,
            author_display=item.author_display,
            text=item.text,
            created_time=item.created_at,
            received_at=now,
            permalink=item.permalink,
            platform_hidden=item.hidden,
            raw=item.raw,
            classification=classification,
            severity=severity,
            score=score,
            suggested_action=result.action.value,
            flagged=list(result.flagged),
            defamation="defamation" in result.flagged,
            state="new",
        )
        session.add(comment)
        added.append(comment)
    session.flush()
    record(
        session,
        event=AuditEvent.COMMENTS_INGESTED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=actor_id,
        building_id=account.building_id,
        after={
            "source": source,
            "platform": platform,
            "added": len(added),
            "duplicates": duplicates,
            "comment_ids": [c.id for c in added],
        },
    )
    escalated = 0
    for comment in added:
        if "threat" in comment.flagged:
            escalate_comment(
                session,
                uow,
                comment,
                account,
                pack_id,
                None,
                now,
                deliver,
                auto=True,
                safety_contact=safety_contact,
            )
            _archive_escalated(session, comment, None, now)
            escalated += 1
    uow.commit()
    return IngestResult(len(added), duplicates, escalated, [c.id for c in added])


# -- decisions ------------------------------------------------------------------------------


def decide(
    *,
    uow: UnitOfWork,
    pack_id: str,
    comment_ids: Sequence[str],
    decision: Decision | str,
    actor_id: str,
    scope: ModerationScope,
    now: dt.datetime,
    send: Send | None = None,
    undo_seconds: float = 0.0,
    deliver: Deliver | None = None,
    safety_contact: str | None = None,
) -> DecideResult:
    """Keep, hide, delete or escalate the comments, all or none (bulk is one transaction).

    Hide and delete archive each comment first; a defamatory comment is reported to
    district administration before it is removed; escalate opens a case for the building
    administration (a threat) or reports it to district administration (defamation)."""
    try:
        decision = Decision(decision)
    except ValueError:
        raise ModerationProblem(
            "action", f"{decision!r} is not keep, hide, delete or escalate"
        ) from None
    ids = list(dict.fromkeys(comment_ids))
    if not ids:
        raise ModerationProblem("comments", "choose at least one comment")
    session = uow.session
    comments = _in_scope(session, ids, scope)
    for comment in comments:
        check_decision(comment.state, decision)
    archived: list[str] = []
    cases: list[str] = []
    reported: list[str] = []
    platform: list[tuple[str, float]] = []  # (platform action id, delay)
    in_lanyard_only: list[str] = []
    for comment in comments:
        account = account_for_any(session, comment.official_account_id)
        before = {"state": comment.state}
        if decision is Decision.ESCALATE:
            case_id, was_reported = escalate_comment(
                session,
                uow,
                comment,
                account,
                pack_id,
                actor_id,
                now,
                deliver,
                auto=False,
                safety_contact=safety_contact,
            )
            if case_id:
                cases.append(case_id)
            if was_reported:
                reported.append(comment.id)
            entry_id = _archive_escalated(session, comment, actor_id, now)
            if entry_id:
                archived.append(entry_id)
            continue
        if decision in (Decision.HIDE, Decision.DELETE):
            if comment.defamation and comment.reported_at is None:
                report_defamation(session, uow, comment, account, pack_id, actor_id, now, deliver)
                reported.append(comment.id)
            entry = archive(session, comment, decision, actor_id, now)
            archived.append(entry.id)
            comment.archive_entry_id = entry.id
            # the platform call is queued only now, after the archive entry (the database
            # refuses an action without an archive entry of its comment); a delete waits
            # for the undo window
            delay = undo_seconds if decision is Decision.DELETE else 0.0
            action = queue_action(
                session,
                comment=comment,
                action=decision.value,
                archive_entry_id=entry.id,
                previous_state=before["state"],
                actor_id=actor_id,
                now=now,
                delay=delay,
            )
            if action is not None:
                platform.append((action.id, delay))
            else:
                in_lanyard_only.append(comment.id)
        if decision is Decision.KEEP and before["state"] == "hidden":
            # kept after all: shown again on the platform too
            unhide = queue_action(
                session,
                comment=comment,
                action="unhide",
                archive_entry_id=None,
                previous_state="hidden",
                actor_id=actor_id,
                now=now,
            )
            if unhide is not None:
                platform.append((unhide.id, 0.0))
        comment.state = STATE_AFTER[decision]
        comment.decided_by_id = actor_id
        comment.decided_at = now
        session.flush()
        record(
            session,
            event={
                Decision.KEEP: AuditEvent.COMMENT_KEPT,
                Decision.HIDE: AuditEvent.COMMENT_HIDDEN,
                Decision.DELETE: AuditEvent.COMMENT_DELETED,
            }[decision],
            subject_type="comment",
            subject_id=comment.id,
            now=now,
            actor_id=actor_id,
            building_id=account.building_id,
            before=before,
            after={"state": comment.state, "archive_entry_id": comment.archive_entry_id},
        )
    if send is not None:
        for wait in sorted({d for _, d in platform}):
            batch = [i for i, d in platform if d == wait]
            uow.after_commit(functools.partial(send, batch, wait))
    uow.commit()
    return DecideResult(
        decision,
        [c.id for c in comments],
        archived,
        cases,
        reported,
        [i for i, _ in platform],
        in_lanyard_only,
    )


def keep(**kwargs: Any) -> DecideResult:
    return decide(decision=Decision.KEEP, **kwargs)


def hide(**kwargs: Any) -> DecideResult:
    return decide(decision=Decision.HIDE, **kwargs)


def delete(**kwargs: Any) -> DecideResult:
    return decide(decision=Decision.DELETE, **kwargs)


def escalate(**kwargs: Any) -> DecideResult:
    return decide(decision=Decision.ESCALATE, **kwargs)


def account_for_any(session: Session, account_id: str) -> OfficialAccount:
    account = session.get(OfficialAccount, account_id)
    if account is None:  # the foreign key makes this impossible
        raise CommentNotFound(account_id)
    return account


def _in_scope(session: Session, ids: list[str], scope: ModerationScope) -> list[Comment]:
    rows = session.execute(
        select(Comment, OfficialAccount.building_id)
        .join(OfficialAccount, OfficialAccount.id == Comment.official_account_id)
        .where(Comment.id.in_(ids))
        .with_for_update(of=Comment)
    ).all()
    found = {c.id: c for c, building in rows if scope.covers(c.official_account_id, building)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise CommentNotFound(missing[0])
    return [found[i] for i in ids]


def _archive_escalated(
    session: Session, comment: Comment, actor_id: str | None, now: dt.datetime
) -> str | None:
    """An escalated comment is archived like any other (the evidence is kept before anyone
    can remove it): once, when it is first escalated."""
    if comment.archive_entry_id is not None:
        return None
    entry = archive(session, comment, Decision.ESCALATE, actor_id, now)
    comment.archive_entry_id = entry.id
    session.flush()
    return entry.id


def archive(
    session: Session,
    comment: Comment,
    decision: Decision,
    actor_id: str | None,
    now: dt.datetime,
) -> ArchiveEntry:
    """Write the archive entry of ``comment`` and chain its hash into the audit log."""
    document = archive_document(
        comment_id=comment.id,
        official_account_id=comment.official_account_id,
        platform=comment.platform,
        platform_comment_id=comment.platform_comment_id,
        text=comment.text,
        author_display=comment.author_display,
        author_platform_id=comment.author_platform_id,
        created_time=comment.created_time,
        received_at=comment.received_at,
        permalink=comment.permalink,
        parent_id=comment.parent_id,
        object_id=comment.object_id,
        payload=comment.raw,
    )
    digest = content_sha256(document)
    entry_id = new_id()
    audit = record(
        session,
        event=AuditEvent.COMMENT_ARCHIVED,
        subject_type="comment",
        subject_id=comment.id,
        now=now,
        actor_id=actor_id,
        after={"sha256": digest, "comment_id": comment.id, "archive_entry_id": entry_id},
    )
    entry = ArchiveEntry(
        id=entry_id,
        comment_id=comment.id,
        official_account_id=comment.official_account_id,
        platform=comment.platform,
        action=decision.value,
        archived_at=now,
        archived_by_id=actor_id,
        content_sha256=digest,
        document=document,
        audit_seq=audit.seq,
    )
    session.add(entry)
    session.flush()
    return entry


# -- the archive's export -------------------------------------------------------------------


def export_archive(
    *,
    uow: UnitOfWork,
    scope: ModerationScope,
    query: ArchiveQuery,
    fmt: str,
    actor_id: str,
    now: dt.datetime,
) -> list[ArchiveRow]:
    """The archived comments matching ``query`` for an export; the export is audited (it
    carries commenters' words and names)."""
    if fmt not in ("csv", "jsonl"):
        raise ModerationProblem("format", "choose csv or jsonl")
    rows = search_archive(uow.session, scope, query, limit=None)
    record(
        uow.session,
        event=AuditEvent.COMMENT_ARCHIVE_EXPORTED,
        subject_type="moderation_archive",
        subject_id=None,
        now=now,
        actor_id=actor_id,
        after={
            "format": fmt,
            "entries": len(rows),
            "query": {
                "text": bool(query.text),
                "author": bool(query.author),
                "account_id": query.account_id or None,
                "since": query.since,
                "until": query.until,
            },
        },
    )
    uow.commit()
    return rows


def states_of(session: Session, comment_ids: Sequence[str]) -> dict[str, str]:
    rows = session.execute(
        select(Comment.id, Comment.state).where(Comment.id.in_(list(comment_ids)))
    ).all()
    return {str(i): str(s) for i, s in rows}
