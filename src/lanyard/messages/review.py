"""Reviewing communication-audit findings: the queue of a reviewer's buildings (every read
audited), dismissing a finding with a reason or opening a case from it (both audited), and
the dashboard's counts by building, rule and week with their CSV (the export audited).

A finding a reviewer may not see is :class:`FindingNotFound`, the same as one that does
not exist. Findings of kind ``review`` are patterns no clause names: they are shown apart
and never called violations.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import ReviewScope
from lanyard.cases import domain as cases_domain
from lanyard.cases.routing import Deliver
from lanyard.cases.service import open_case
from lanyard.csv_cells import safe_cell
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Building, Person
from lanyard.local_time import district_zone, local_time
from lanyard.messages.domain import FindingKind
from lanyard.messages.findings import possible_of
from lanyard.messages.orm import Message, MessageFinding, MessageImport
from lanyard.policy.questions import QUESTIONS

MAX_REASON = 2000
STATUSES = ("open", "dismissed", "case")

MEDIUM_WORDS = {
    "email": "E-mail",
    "text_message": "Text message",
    "instant_message": "Instant message",
    "social_dm": "Social media direct message",
    "lms_message": "Learning-platform message",
    "notification_app": "Notification app message",
    "phone": "Phone call",
}
PATTERN_WORDS = {
    "late_night_one_to_one": "A one-to-one message with one student late at night",
    "daily_volume_one_student": "Many one-to-one messages with one student in one day",
    "solicitation": "Asks a student to move to a personal channel",
}
ROLE_WORDS = {
    "student": "a student",
    "parent": "a parent or guardian",
    "staff": "an employee",
    "volunteer": "a volunteer",
}
ACCOUNT_WORDS = {"district": "district address", "personal": "personal address"}
# The service a log came from, for its messages on the district's own e-mail
# (``platform`` "district-email"): Gmail and Microsoft 365 logs say which one it is.
SOURCE_WORDS = {"gmail": "Gmail", "m365": "Microsoft 365"}
# Platform names a message log's ``platform`` column may carry that the "may I?" question
# does not offer, as their makers write them.
LOG_PLATFORM_WORDS = {
    "m365": "Microsoft 365",
    "microsoft365": "Microsoft 365",
    "office365": "Microsoft 365",
    "o365": "Microsoft 365",
    "outlook": "Outlook",
    "google": "Google Workspace",
    "googlechat": "Google Chat",
    "google-chat": "Google Chat",
    "imessage": "iMessage",
}
# What the words a solicitation marks ask for (the mark's kind), in words.
MARK_WORDS = {
    "text_me": "texts to a personal phone",
    "phone_number": "a personal phone number",
    "call_me": "calls to a personal phone",
    "personal_email": "a personal e-mail address",
    "social_dm": "social media messages",
    "disappearing": "an app whose messages disappear",
    "solicitation": "a personal channel",
}
# The badge of each kind of finding (a violation's is its verdict in words).
KIND_BADGES = {"review": "For review, not a violation", "solicitation": "Solicitation"}


class FindingNotFound(LookupError):
    """No finding of that id in the reviewer's scope (or none at all)."""


class ReviewProblem(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Segment:
    text: str
    mark: str | None = None  # the kind of solicitation the words are, when marked

    @property
    def asks_for(self) -> str:
        """What the marked words ask a student for, in words."""
        mark = self.mark or "solicitation"
        return MARK_WORDS.get(mark, mark.replace("_", " "))


@dataclass(frozen=True)
class QueueItem:
    id: str
    kind: str
    rule: str
    title: str  # the clause, or a pattern, in words (see finding_title)
    verdict: str
    clause: str | None
    quote: str | None
    liftable: bool
    needs_facts: tuple[str, ...]
    status: str
    sent_at: dt.datetime
    building: str
    employee: str
    metadata: str  # the message in plain words
    subject: str | None
    body: tuple[Segment, ...]
    student_ids: tuple[str, ...]
    # for review, a rule that could apply: what it turns on in words, and the other
    # clauses that could apply too (clause, words)
    could: str | None = None
    also: tuple[tuple[str, str], ...] = ()

    @property
    def for_review(self) -> bool:
        """Shown under "For review": a pattern or a rule that could apply, and a solicitation
        for a channel no clause of the pack forbids (one the pack forbids is shown with that
        clause, against the policy)."""
        return self.kind == FindingKind.REVIEW or (
            self.kind == FindingKind.SOLICITATION and not self.clause
        )

    @property
    def badge(self) -> str:
        """What kind of finding it is, in words: never the stored kind or verdict."""
        if self.kind == FindingKind.SOLICITATION and not self.clause:
            return "Solicitation, for review"
        if self.kind in KIND_BADGES:
            return KIND_BADGES[self.kind]
        return self.verdict.replace("_", " ").capitalize()


def platform_words(platform: str | None, source: str | None) -> str | None:
    """The app or service a message went through, as a person names it ("Gmail",
    "Microsoft 365", "Snapchat"), or None when the log does not say more than the medium
    does (a CSV's "district-email")."""
    if not platform or platform == "other":
        return None
    if platform == "district-email":
        return SOURCE_WORDS.get(source or "")
    if platform in LOG_PLATFORM_WORDS:
        return LOG_PLATFORM_WORDS[platform]
    return QUESTIONS["channel.platform"].answer(platform)


def finding_title(kind: str, rule: str, clause: str | None) -> str:
    """What a finding is, in words, the same in the queue and on the dashboard: a
    pattern's description; for a rule that could apply (a finding for review with a
    clause), that clause as one that could apply; for a violation, the clause it breaks;
    the rule's id in words only when the pack gave no clause."""
    if rule in PATTERN_WORDS:
        return PATTERN_WORDS[rule]
    if clause and kind == FindingKind.REVIEW:
        return f"A clause that could apply: {clause}"
    if clause:
        return clause
    return rule.replace("-", " ").replace("_", " ").capitalize()


def _counterpart_words(recipients: list[Any]) -> str:
    counts: Counter[str] = Counter()
    for _person_id, _address, role, account in recipients:
        who = ROLE_WORDS.get(role or "", "somebody the directory does not know")
        where = ACCOUNT_WORDS.get(account or "")
        counts[f"{who} ({where})" if where else who] += 1
    parts = [f"{what}" if n == 1 else f"{n} × {what}" for what, n in sorted(counts.items())]
    return "; ".join(parts) or "nobody"


def _fact_words(facts: Sequence[str]) -> tuple[str, ...]:
    """Facts a log cannot show, in words: ``actor.on_duty`` -> ``on duty``."""
    words = (fact.split(".")[-1].replace("_", " ") for fact in facts)
    return tuple(dict.fromkeys(words))


def _segments(body: str | None, marks: Sequence[dict[str, Any]] | None) -> tuple[Segment, ...]:
    if not body:
        return ()
    out: list[Segment] = []
    at = 0
    for mark in sorted(marks or (), key=lambda m: int(m["start"])):
        start, end = int(mark["start"]), int(mark["end"])
        if start < at or end > len(body):
            continue
        if start > at:
            out.append(Segment(body[at:start]))
        out.append(Segment(body[start:end], str(mark.get("kind") or "solicitation")))
        at = end
    if at < len(body):
        out.append(Segment(body[at:]))
    return tuple(out)


def _scoped(query: Any, scope: ReviewScope) -> Any:
    if scope.district:
        return query
    return query.where(MessageFinding.building_id.in_(sorted(scope.building_ids)))


def _names(session: Session, model: Any, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    if model is Person:
        return {
            p.id: p.display_name for p in session.scalars(select(Person).where(Person.id.in_(ids)))
        }
    query = select(Building.id, Building.name).where(Building.id.in_(ids))
    return {row.id: row.name for row in session.execute(query)}


def _items(session: Session, rows: Sequence[Any]) -> list[QueueItem]:
    people = _names(session, Person, {f.employee_id for f, _m in rows if f.employee_id})
    buildings = _names(session, Building, {f.building_id for f, _m in rows if f.building_id})
    zone = district_zone(session)
    out = []
    for f, m in rows:
        employee = people.get(f.employee_id or "", "an employee the directory does not know")
        medium = MEDIUM_WORDS.get(m.medium, m.medium.replace("_", " ").capitalize())
        service = platform_words(m.platform, m.source)
        platform = f" on {service}" if service else ""
        metadata = (
            f"{medium}{platform} from {employee}, "
            f"sent {local_time(m.sent_at, '%B %-d, %Y at %H:%M', zone)}, "
            f"to {m.recipient_count} recipient{'s' if m.recipient_count != 1 else ''}: "
            f"{_counterpart_words(m.recipients)}."
        )
        if f.teaches is not None:
            metadata += (
                " The employee teaches this student (a class on file)."
                if f.teaches
                else " The employee does not teach this student (no shared class on file)."
            )
        students = tuple(p for p, _a, role, _acc in m.recipients if p and role == "student")
        possible = possible_of(f.situation)
        out.append(
            QueueItem(
                id=f.id,
                kind=f.kind,
                rule=f.rule,
                title=finding_title(f.kind, f.rule, f.clause),
                verdict=f.verdict,
                clause=f.clause,
                quote=f.quote,
                liftable=f.liftable,
                needs_facts=_fact_words(f.needs_facts or ()),
                status=f.status,
                sent_at=f.sent_at,
                building=buildings.get(f.building_id or "", "no building"),
                employee=employee,
                metadata=metadata,
                subject=m.subject,
                body=_segments(m.body, f.marks),
                student_ids=students,
                could=possible["words"] if possible else None,
                also=tuple(
                    (str(a.get("clause") or a.get("rule")), str(a.get("words") or ""))
                    for a in (possible or {}).get("also", ())
                ),
            )
        )
    return out


def _base(scope: ReviewScope) -> Any:
    query = (
        select(MessageFinding, Message)
        .join(Message, Message.id == MessageFinding.message_id)
        .join(MessageImport, MessageImport.id == MessageFinding.import_id)
        .where(MessageImport.status == "complete")
    )
    return _scoped(query, scope)


def queue(
    *, uow: UnitOfWork, scope: ReviewScope, actor_id: str, now: dt.datetime, status: str = "open"
) -> list[QueueItem]:
    """The findings of the reviewer's scope with ``status``, newest first. The read is
    audited: who, which buildings and the id of every finding shown."""
    if status not in STATUSES:
        raise ReviewProblem("status", f"is one of {', '.join(STATUSES)}")
    session = uow.session
    rows = list(
        session.execute(
            _base(scope)
            .where(MessageFinding.status == status)
            .order_by(MessageFinding.sent_at.desc(), MessageFinding.id)
            .limit(500)
        )
    )
    items = _items(session, rows)
    record(
        session,
        event=AuditEvent.MESSAGE_FINDINGS_READ,
        subject_type="message_findings",
        subject_id=None,
        now=now,
        actor_id=actor_id,
        after={
            "view": "review_queue",
            "status": status,
            "buildings": None if scope.district else sorted(scope.building_ids),
            "findings": [i.id for i in items],
            "count": len(items),
        },
    )
    uow.commit()
    return items


def _finding(
    session: Session, finding_id: str, scope: ReviewScope
) -> tuple[MessageFinding, Message]:
    row = session.execute(_base(scope).where(MessageFinding.id == finding_id)).first()
    if row is None:
        raise FindingNotFound(finding_id)
    finding, message = row
    return finding, message


def _open_one(
    session: Session, finding_id: str, scope: ReviewScope
) -> tuple[MessageFinding, Message]:
    finding, message = _finding(session, finding_id, scope)
    if finding.status != "open":
        raise ReviewProblem("finding", f"was already handled ({finding.status})")
    return finding, message


def dismiss(
    *,
    uow: UnitOfWork,
    finding_id: str,
    scope: ReviewScope,
    actor_id: str,
    reason: str,
    now: dt.datetime,
) -> None:
    """Dismiss an open finding with the reviewer's reason (required); audited."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewProblem("reason", "say why the finding is dismissed")
    if len(reason) > MAX_REASON:
        raise ReviewProblem("reason", f"is longer than {MAX_REASON} characters")
    session = uow.session
    finding, _message = _open_one(session, finding_id, scope)
    finding.status = "dismissed"
    record(
        session,
        event=AuditEvent.MESSAGE_FINDING_DISMISSED,
        subject_type="message_finding",
        subject_id=finding.id,
        now=now,
        actor_id=actor_id,
        building_id=finding.building_id,
        before={"status": "open"},
        after={"status": "dismissed", "reason": reason, "rule": finding.rule},
    )
    uow.commit()


# What a case opened from a finding calls it: in words, never the stored value.
CASE_VERDICT_WORDS = {
    "prohibited": "against the policy",
    "needs_approval": "needs approval",
    "for_review": "for review",
}


def open_case_from(
    *,
    uow: UnitOfWork,
    finding_id: str,
    scope: ReviewScope,
    actor_id: str,
    pack_id: str,
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> str:
    """Open a case (Lanyard's ``message-finding`` report type, routed to the building
    administration) from an open finding in one step; the finding's status becomes
    ``case``. Audited (the finding's entry names the case). Returns the case id."""
    session = uow.session
    finding, message = _open_one(session, finding_id, scope)
    item = _items(session, [(finding, message)])[0]
    what = (
        "for review"
        if finding.kind == FindingKind.REVIEW
        else CASE_VERDICT_WORDS.get(finding.verdict, finding.verdict.replace("_", " "))
    )
    summary = f"Communication audit finding ({what}): {item.title}. {item.metadata}" + (
        f" Policy: {finding.clause}." if finding.clause else ""
    )
    case = open_case(
        uow=uow,
        pack_id=pack_id,
        report_type=cases_domain.MESSAGE_FINDING,
        building_id=finding.building_id,
        summary=summary[:4000],
        now=now,
        reporter_id=actor_id,
        source="message_finding",
        student_ids=item.student_ids,
        deliver=deliver,
    )
    finding.status = "case"
    record(
        session,
        event=AuditEvent.MESSAGE_FINDING_CASE_OPENED,
        subject_type="message_finding",
        subject_id=finding.id,
        now=now,
        actor_id=actor_id,
        building_id=finding.building_id,
        before={"status": "open"},
        after={"status": "case", "case_id": case.id, "rule": finding.rule},
    )
    uow.commit()
    return case.id


# ----------------------------------------------------------------------------- dashboard


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    percent: int  # of the largest row, for the chart's bar


@dataclass(frozen=True)
class Dashboard:
    total: int
    by_building: tuple[CountRow, ...]
    by_rule: tuple[CountRow, ...]
    by_week: tuple[CountRow, ...]
    # building, kind, rule in words, week, count, rule id
    rows: tuple[tuple[str, str, str, str, int, str], ...]


def _week(at: dt.datetime) -> str:
    monday = at.date() - dt.timedelta(days=at.weekday())
    return monday.isoformat()


def _count_rows(counter: Counter[str], *, by_label: bool = False) -> tuple[CountRow, ...]:
    top = max(counter.values(), default=0)
    items = (
        sorted(counter.items())
        if by_label
        else sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return tuple(CountRow(label, n, round(100 * n / top) if top else 0) for label, n in items)


def dashboard(session: Session, scope: ReviewScope) -> Dashboard:
    """Counts of the scope's findings (every status) by building, rule (in words, as the
    queue titles them: :func:`finding_title`; findings for review marked, apart from
    violations) and week (weeks start on Monday, UTC). Counts only: no finding is read."""
    query = _scoped(
        select(
            MessageFinding.building_id,
            MessageFinding.kind,
            MessageFinding.rule,
            MessageFinding.clause,
            MessageFinding.sent_at,
        )
        .join(MessageImport, MessageImport.id == MessageFinding.import_id)
        .where(MessageImport.status == "complete"),
        scope,
    )
    found = list(session.execute(query))
    names = _names(session, Building, {b for b, _k, _r, _c, _s in found if b})
    cells: Counter[tuple[str, str, str, str, str]] = Counter()
    for building_id, kind, rule, clause, sent_at in found:
        building = names.get(building_id or "", "no building")
        label = finding_title(kind, rule, clause) + (
            " (for review)" if kind == FindingKind.REVIEW else ""
        )
        cells[(building, kind, label, _week(sent_at), rule)] += 1
    by_building: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    by_week: Counter[str] = Counter()
    for (building, _kind, label, week, _rule), n in cells.items():
        by_building[building] += n
        by_rule[label] += n
        by_week[f"Week of {week}"] += n
    return Dashboard(
        total=len(found),
        by_building=_count_rows(by_building),
        by_rule=_count_rows(by_rule),
        by_week=_count_rows(by_week, by_label=True),
        rows=tuple((b, k, r, w, n, rule) for (b, k, r, w, rule), n in sorted(cells.items())),
    )


# ``rule`` in words (the dashboard's label), ``rule_id`` the pack's id or the pattern's name
CSV_COLUMNS = ("building", "kind", "rule", "week_of", "findings", "rule_id")


def export_csv(*, uow: UnitOfWork, scope: ReviewScope, actor_id: str, now: dt.datetime) -> str:
    """The dashboard's table as CSV (cells a spreadsheet will not run as formulas);
    the export is audited."""
    board = dashboard(uow.session, scope)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in board.rows:
        writer.writerow([safe_cell(v) for v in row])
    record(
        uow.session,
        event=AuditEvent.MESSAGE_FINDINGS_EXPORTED,
        subject_type="message_findings",
        subject_id=None,
        now=now,
        actor_id=actor_id,
        after={
            "buildings": None if scope.district else sorted(scope.building_ids),
            "rows": len(board.rows),
            "findings": board.total,
        },
    )
    uow.commit()
    return out.getvalue()
