"""Reading acknowledgment campaigns: an employee's open campaigns, the policy as they read
it (the whole text, or only what changed), completion figures and the people behind them.
Nothing here commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lanyard.acknowledgments import domain
from lanyard.acknowledgments.orm import AckAssignment, AckCampaign, Acknowledgment, PolicyReview
from lanyard.acknowledgments.service import acknowledged_previous, assignment_of
from lanyard.directory.orm import Building, Person

NO_BUILDING = "No building"


@dataclass(frozen=True)
class OpenAssignment:
    campaign_id: str
    title: str
    pack_version: str
    due_at: dt.datetime
    overdue: bool


def my_open_assignments(session: Session, person_id: str, now: dt.datetime) -> list[OpenAssignment]:
    """Campaigns open now that the person has not signed yet."""
    rows = session.execute(
        select(AckCampaign.id, AckCampaign.title, AckCampaign.pack_version, AckCampaign.due_at)
        .join(AckAssignment, AckAssignment.campaign_id == AckCampaign.id)
        .where(
            AckAssignment.person_id == person_id,
            AckAssignment.acknowledged_at.is_(None),
            AckCampaign.state == domain.CampaignState.OPEN,
            AckCampaign.opens_at <= now,
        )
        .order_by(AckCampaign.due_at)
    )
    return [OpenAssignment(r.id, r.title, r.pack_version, r.due_at, now > r.due_at) for r in rows]


@dataclass(frozen=True)
class Reading:
    """What the employee reads before signing."""

    campaign: AckCampaign
    assignment: AckAssignment
    clauses: tuple[domain.Clause, ...]
    changes: domain.Changes | None
    changes_only: bool  # they signed the previous version: show only what changed
    signed: Acknowledgment | None


def reading(session: Session, campaign_id: str, person_id: str) -> Reading:
    campaign = session.get(AckCampaign, campaign_id)
    if campaign is None:
        from lanyard.acknowledgments.service import CampaignNotFound

        raise CampaignNotFound(campaign_id)
    assignment = assignment_of(session, campaign_id, person_id)
    changes = domain.Changes.from_dict(campaign.changes) if campaign.changes else None
    signed = session.scalars(
        select(Acknowledgment).where(Acknowledgment.assignment_id == assignment.id)
    ).first()
    return Reading(
        campaign=campaign,
        assignment=assignment,
        clauses=tuple(domain.Clause.from_dict(c) for c in campaign.clauses),
        changes=changes,
        changes_only=acknowledged_previous(session, campaign, person_id),
        signed=signed,
    )


def campaigns(session: Session) -> list[AckCampaign]:
    return list(session.scalars(select(AckCampaign).order_by(AckCampaign.created_at.desc())))


def _scoped(stmt, scope: domain.CompletionScope):  # type: ignore[no-untyped-def]
    if scope.district:
        return stmt
    return stmt.where(AckAssignment.building_id.in_(sorted(scope.building_ids)))


# Who counts in the figures: everyone who signed, and whoever has not signed but is still
# in the directory. A person who left unsigned (deactivated by an import) is listed in the
# CSV as "left the district" and counted nowhere: neither assigned nor overdue.
COUNTED = or_(
    AckAssignment.acknowledged_at.is_not(None),
    select(Person.id).where(Person.id == AckAssignment.person_id, Person.active.is_(True)).exists(),
)
LEFT = "left the district"


def completion_of(
    session: Session, campaign: AckCampaign, scope: domain.CompletionScope, now: dt.datetime
) -> domain.Completion:
    """Completion by building and by role, counted in the database (one grouped query)."""
    names = dict(session.execute(select(Building.id, Building.name)).all())
    stmt = _scoped(
        select(
            AckAssignment.building_id,
            AckAssignment.role,
            func.count(AckAssignment.id),
            func.count(AckAssignment.acknowledged_at),
        )
        .where(AckAssignment.campaign_id == campaign.id, COUNTED)
        .group_by(AckAssignment.building_id, AckAssignment.role),
        scope,
    )
    late = now > campaign.due_at
    rows = [
        (
            names.get(building_id or "", NO_BUILDING),
            domain.role_label("volunteer" if role == "volunteer" else "staff", role),
            assigned,
            acknowledged,
            assigned - acknowledged if late else 0,
        )
        for building_id, role, assigned, acknowledged in session.execute(stmt)
    ]
    return domain.completion(rows)


@dataclass(frozen=True)
class PersonRow:
    name: str
    email: str
    building: str
    role: str
    assigned_at: dt.datetime
    status: str
    acknowledged_at: dt.datetime | None


def people_rows(
    session: Session, campaign: AckCampaign, scope: domain.CompletionScope, now: dt.datetime
) -> Iterator[PersonRow]:
    names = dict(session.execute(select(Building.id, Building.name)).all())
    stmt = _scoped(
        select(
            Person.given_name,
            Person.preferred_given_name,
            Person.family_name,
            Person.email,
            AckAssignment.building_id,
            AckAssignment.role,
            AckAssignment.assigned_at,
            AckAssignment.acknowledged_at,
            Person.active,
        )
        .join(Person, Person.id == AckAssignment.person_id)
        .where(AckAssignment.campaign_id == campaign.id)
        .order_by(AckAssignment.building_id, Person.family_name, Person.given_name),
        scope,
    )
    for r in session.execute(stmt.execution_options(yield_per=2000)):
        if r.acknowledged_at is not None:
            status = "acknowledged"
        elif not r.active:
            status = LEFT
        elif now > campaign.due_at:
            status = "overdue"
        else:
            status = "outstanding"
        yield PersonRow(
            name=f"{r.preferred_given_name or r.given_name} {r.family_name}",
            email=r.email or "",
            building=names.get(r.building_id or "", NO_BUILDING),
            role=domain.role_label("volunteer" if r.role == "volunteer" else "staff", r.role),
            assigned_at=r.assigned_at,
            status=status,
            acknowledged_at=r.acknowledged_at,
        )


def open_reviews(session: Session) -> list[PolicyReview]:
    return list(
        session.scalars(
            select(PolicyReview).where(PolicyReview.state == "open").order_by(PolicyReview.due_at)
        )
    )


def reviews(session: Session, limit: int = 20) -> list[PolicyReview]:
    return list(
        session.scalars(select(PolicyReview).order_by(PolicyReview.created_at.desc()).limit(limit))
    )
