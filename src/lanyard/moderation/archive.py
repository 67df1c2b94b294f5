"""Reading the queue and the archive (no writes; the views call these inside a unit of
work). Everything is limited to the moderator's :class:`ModerationScope`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, false, func, or_, select, true, union
from sqlalchemy.orm import Session

from lanyard.auth.permissions import ModerationScope
from lanyard.csv_cells import safe_cell
from lanyard.moderation.orm import OPEN_STATES, ArchiveEntry, Comment
from lanyard.official_accounts.orm import OfficialAccount, OfficialAccountManager

QUEUE_LIMIT = 200
ARCHIVE_PAGE = 100


def managed_account_ids(session: Session, person_id: str) -> frozenset[str]:
    """The accounts a person owns or manages (they moderate those)."""
    owned = select(OfficialAccount.id).where(
        OfficialAccount.owner_id == person_id, OfficialAccount.active.is_(True)
    )
    managed = select(OfficialAccountManager.account_id).where(
        OfficialAccountManager.person_id == person_id
    )
    return frozenset(session.scalars(union(owned, managed)))  # one query (home runs it)


def _covers(scope: ModerationScope) -> ColumnElement[bool]:
    if scope.all_accounts:
        return true()
    clauses: list[ColumnElement[bool]] = []
    if scope.account_ids:
        clauses.append(OfficialAccount.id.in_(sorted(scope.account_ids)))
    if scope.building_ids:
        clauses.append(OfficialAccount.building_id.in_(sorted(scope.building_ids)))
    return or_(*clauses) if clauses else false()


def accounts_in_scope(session: Session, scope: ModerationScope) -> list[OfficialAccount]:
    return list(
        session.scalars(
            select(OfficialAccount)
            .where(_covers(scope), OfficialAccount.active.is_(True))
            .order_by(OfficialAccount.platform, OfficialAccount.handle)
        )
    )


@dataclass(frozen=True)
class QueueRow:
    comment: Comment
    account: OfficialAccount


def queue(
    session: Session,
    scope: ModerationScope,
    *,
    account_id: str | None = None,
    assigned_to: str | None = None,
    limit: int = QUEUE_LIMIT,
) -> list[QueueRow]:
    """Comments awaiting a decision: most severe first, then oldest first (only those
    assigned to ``assigned_to``, when given)."""
    stmt = (
        select(Comment, OfficialAccount)
        .join(OfficialAccount, OfficialAccount.id == Comment.official_account_id)
        .where(Comment.state.in_(OPEN_STATES), _covers(scope))
        .order_by(Comment.severity.desc(), Comment.score.desc(), Comment.created_time, Comment.id)
        .limit(limit)
    )
    if account_id:
        stmt = stmt.where(Comment.official_account_id == account_id)
    if assigned_to:
        stmt = stmt.where(Comment.assigned_to_id == assigned_to)
    return [QueueRow(c, a) for c, a in session.execute(stmt).all()]


def open_count(session: Session, scope: ModerationScope) -> tuple[int, int]:
    """(comments waiting, of which escalated) in the scope."""
    rows = session.execute(
        select(Comment.state, func.count())
        .join(OfficialAccount, OfficialAccount.id == Comment.official_account_id)
        .where(Comment.state.in_(OPEN_STATES), _covers(scope))
        .group_by(Comment.state)
    ).all()
    counts = {state: int(n) for state, n in rows}
    return sum(counts.values()), counts.get("escalated", 0)


# -- the archive ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveQuery:
    text: str = ""
    author: str = ""
    account_id: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class ArchiveRow:
    entry: ArchiveEntry
    comment: Comment
    account: OfficialAccount


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_archive(
    session: Session,
    scope: ModerationScope,
    query: ArchiveQuery,
    *,
    limit: int | None = ARCHIVE_PAGE,
) -> list[ArchiveRow]:
    """Archived comments, newest archive entry first."""
    stmt = (
        select(ArchiveEntry, Comment, OfficialAccount)
        .join(Comment, Comment.id == ArchiveEntry.comment_id)
        .join(OfficialAccount, OfficialAccount.id == ArchiveEntry.official_account_id)
        .where(_covers(scope))
        .order_by(ArchiveEntry.archived_at.desc(), ArchiveEntry.id)
    )
    if query.text.strip():
        stmt = stmt.where(func.lower(Comment.text).like(_like(query.text.strip()), escape="\\"))
    if query.author.strip():
        stmt = stmt.where(
            func.lower(Comment.author_display).like(_like(query.author.strip()), escape="\\")
        )
    if query.account_id:
        stmt = stmt.where(ArchiveEntry.official_account_id == query.account_id)
    if query.since is not None:
        start = dt.datetime.combine(query.since, dt.time(), dt.UTC)
        stmt = stmt.where(Comment.created_time >= start)
    if query.until is not None:
        end = dt.datetime.combine(query.until + dt.timedelta(days=1), dt.time(), dt.UTC)
        stmt = stmt.where(Comment.created_time < end)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [ArchiveRow(e, c, a) for e, c, a in session.execute(stmt).all()]


EXPORT_COLUMNS = (
    "archived_at",
    "action",
    "archive_entry_id",
    "audit_seq",
    "content_sha256",
    "account",
    "platform",
    "platform_comment_id",
    "author",
    "created_time",
    "permalink",
    "text",
)


def _export_row(row: ArchiveRow) -> dict[str, Any]:
    return {
        "archived_at": row.entry.archived_at.isoformat(),
        "action": row.entry.action,
        "archive_entry_id": row.entry.id,
        "audit_seq": row.entry.audit_seq,
        "content_sha256": row.entry.content_sha256,
        "account": row.account.handle,
        "platform": row.entry.platform,
        "platform_comment_id": row.comment.platform_comment_id,
        "author": row.comment.author_display or "",
        "created_time": row.comment.created_time.isoformat(),
        "permalink": row.comment.permalink or "",
        "text": row.comment.text,
    }


# A CSV cell a spreadsheet will not run as a formula (comments are hostile input).
_cell = safe_cell


def export_csv(rows: Sequence[ArchiveRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        values = _export_row(row)
        writer.writerow([_cell(values[c]) for c in EXPORT_COLUMNS])
    return out.getvalue()


def export_jsonl(rows: Sequence[ArchiveRow]) -> Iterator[str]:
    """One JSON object per archive entry: the summary, and the archived document whose
    canonical JSON the SHA-256 was taken of."""
    for row in rows:
        item = _export_row(row)
        item["document"] = row.entry.document
        yield json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n"
