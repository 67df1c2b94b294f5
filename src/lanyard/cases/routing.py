"""Routing a case to the people handling it, and the helpers the case use cases share.

The people handling a case are the holders of its ``roles`` (the roles the pack routes the
report to, then each escalation step's role) for the case's building or district-wide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.cases import domain
from lanyard.cases.orm import Case
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.local_time import local_time
from lanyard.notify.service import notify
from lanyard.policy.pack import PackDocument, ReportType

Deliver = Callable[[list[str]], None]
FALLBACK_ROLE = "lanyard_admin"


class CaseNotFound(LookupError):
    """No such case, or not one this person may see (indistinguishable on purpose)."""


def case_link(case_id: str) -> str:
    return f"/reports/cases/{case_id}"


# -- routing ------------------------------------------------------------------------------


def holders(session: Session, roles: Sequence[str], building_id: str | None) -> list[str]:
    ids: list[str] = []
    for role in roles:
        ids.extend(p.id for p in directory.holders_of(session, role, building_id=building_id))
    return list(dict.fromkeys(ids))


def handler_ids(session: Session, case: Case) -> list[str]:
    """The people handling the case now: holders of its roles for its building (or
    district-wide), and the people named on it (the district's safety contact)."""
    named = [p for p in case.contact_ids or () if _active(session, p)]
    return list(dict.fromkeys([*holders(session, case.roles, case.building_id), *named]))


def _active(session: Session, person_id: str) -> bool:
    person = directory.get_person(session, person_id)
    return person is not None and person.active


def route(
    session: Session, pack: PackDocument, report: ReportType, building_id: str | None
) -> list[str]:
    """The routed roles; where nobody holds them, the first escalation step that somebody
    holds, and failing that the Lanyard administrators (a report never goes unseen)."""
    roles = list(domain.routed_roles(report))
    if holders(session, roles, building_id):
        return roles
    for role in domain.escalation_ladder((r.id for r in pack.roles), roles):
        roles.append(role)
        if holders(session, [role], building_id):
            return roles
    return [*roles, FALLBACK_ROLE]


def tell(
    uow: UnitOfWork,
    person_ids: Sequence[str],
    *,
    subject: str,
    body: str,
    case_id: str,
    now: dt.datetime,
    deliver: Deliver | None,
    kind: str = "case",
) -> None:
    if person_ids:
        notify(
            uow=uow,
            person_ids=person_ids,
            subject=subject,
            body=body,
            now=now,
            link=case_link(case_id),
            kind=kind,
            deliver=deliver,
        )


def deadline_words(at: dt.datetime, zone: dt.tzinfo) -> str:
    """A deadline as the case page words it, in the district's time zone
    ("December 8, 2026 at 08:00 CST")."""
    return local_time(at, "%B %-d, %Y at %H:%M", zone)


# -- handling -------------------------------------------------------------------------------


def case_for(session: Session, case_id: str, *, lock: bool = False) -> Case:
    stmt = select(Case).where(Case.id == case_id)
    if lock:
        stmt = stmt.with_for_update()
    case = session.scalars(stmt).first()
    if case is None:
        raise CaseNotFound(case_id)
    return case


def handler_case(session: Session, case_id: str, person_id: str) -> tuple[Case, list[str]]:
    case = case_for(session, case_id, lock=True)
    handlers = handler_ids(session, case)
    if person_id not in handlers:
        if person_id == case.reporter_id:
            raise domain.CaseProblem(
                "case", "only the people the case is routed to acknowledge or close it"
            )
        raise CaseNotFound(case_id)
    return case, handlers


def audit_case(
    session: Session,
    event: AuditEvent,
    case: Case,
    actor_id: str,
    now: dt.datetime,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
) -> None:
    record(
        session,
        event=event,
        subject_type="case",
        subject_id=case.id,
        now=now,
        actor_id=actor_id,
        building_id=case.building_id,
        before=before,
        after=after,
    )


def participant(session: Session, case_id: str, person_id: str) -> Case:
    case = case_for(session, case_id)
    if person_id != case.reporter_id and person_id not in handler_ids(session, case):
        raise CaseNotFound(case_id)
    return case
