"""The audit log: filter by event, actor and date; verify the hash chain."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from lanyard.audit import service as audit
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.audit.words import details, event_words, ids_in, subject_words
from lanyard.auth.permissions import Principal, can_read_audit
from lanyard.bootstrap import Services
from lanyard.directory.orm import Building, Person
from lanyard.local_time import district_zone, local_time
from lanyard.web.deps import now, render, require, services_of

router = APIRouter()
PAGE = 100


@dataclass(frozen=True)
class Filters:
    event: str = ""
    actor: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    def query_string(self) -> str:
        from urllib.parse import urlencode

        pairs = {
            "event": self.event,
            "actor": self.actor,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }
        return urlencode({k: v for k, v in pairs.items() if v})


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filtered(filters: Filters, zone: dt.tzinfo = dt.UTC) -> Select[AuditEntry, Person]:
    """From and To are days in the district's time zone, as the times are shown."""
    query = select(AuditEntry, Person).outerjoin(Person, Person.id == AuditEntry.actor_id)
    if filters.event:
        query = query.where(AuditEntry.event == filters.event)
    if filters.actor:
        pattern = f"%{filters.actor.lower()}%"
        query = query.where(
            or_(
                AuditEntry.actor_id == filters.actor,
                func.lower(func.coalesce(Person.email, "")).like(pattern),
                func.lower(Person.given_name + " " + Person.family_name).like(pattern),
            )
        )
    if filters.since:
        start = dt.datetime.combine(filters.since, dt.time(), zone).astimezone(dt.UTC)
        query = query.where(AuditEntry.at >= start)
    if filters.until:
        end = dt.datetime.combine(filters.until + dt.timedelta(days=1), dt.time(), zone)
        end = end.astimezone(dt.UTC)
        query = query.where(AuditEntry.at < end)
    return query.order_by(AuditEntry.seq.desc())


def _page(
    request: Request, session: Session, filters: Filters, page: int, **extra: Any
) -> Response:
    zone = district_zone(session)
    query = _filtered(filters, zone)
    rows = session.execute(query.offset((page - 1) * PAGE).limit(PAGE + 1)).all()
    names = _names(session, set().union(*(ids_in(entry.after) for entry, _ in rows[:PAGE])))
    return render(
        request,
        "audit.html",
        {
            "entries": rows[:PAGE],
            "more": len(rows) > PAGE,
            "page": page,
            "filters": filters,
            # (name, words), grouped as the events are declared
            "events": [(str(e), event_words(e)) for e in AuditEvent],
            "event_words": event_words,
            "subject_words": subject_words,
            "details": lambda after: details(
                after, names, lambda at: local_time(at, "%b %-d, %Y %H:%M", zone)
            ),
            **extra,
        },
    )


def _names(session: Session, ids: set[str]) -> dict[str, str]:
    """The people and buildings among ``ids``, by name (the details show names, not ids)."""
    if not ids:
        return {}
    people = select(Person.id, Person.preferred_given_name, Person.given_name, Person.family_name)
    found = {
        pid: f"{preferred or given} {family}"
        for pid, preferred, given, family in session.execute(people.where(Person.id.in_(ids)))
    }
    buildings = select(Building.id, Building.name).where(Building.id.in_(ids))
    found.update((bid, name) for bid, name in session.execute(buildings))
    return found


@router.get("/audit", name="audit")
def audit_log(
    request: Request,
    principal: Annotated[Principal, Depends(require(can_read_audit))],
    services: Annotated[Services, Depends(services_of)],
    event: Annotated[str, Query(max_length=64)] = "",
    actor: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    filters = Filters(event, actor.strip(), _parse_date(since), _parse_date(until))
    with services.db.uow() as uow:
        return _page(request, uow.session, filters, page)


@router.post("/audit/verify", name="audit_verify")
def audit_verify(
    request: Request,
    principal: Annotated[Principal, Depends(require(can_read_audit))],
    services: Annotated[Services, Depends(services_of)],
) -> Response:
    moment = now(request)
    with services.db.uow(write=True) as uow:
        count, problems = audit.verify(uow.session)
        audit.record(
            uow.session,
            event=AuditEvent.AUDIT_VERIFIED,
            subject_type="audit_log",
            subject_id=None,
            actor_id=principal.person_id,
            now=moment,
            after={"entries": count, "problems": [str(p) for p in problems]},
        )
        uow.commit()
        verification = {"count": count, "problems": [str(p) for p in problems], "at": moment}
        return _page(request, uow.session, Filters(), 1, verification=verification)
