"""Periodic work of acknowledgments: reminding whoever has not signed, escalating overdue
people to their building principal, and assigning people the directory gained otherwise
than by an import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select, update

from lanyard.acknowledgments import domain
from lanyard.acknowledgments.orm import AckAssignment, AckCampaign
from lanyard.acknowledgments.service import assign_audience, open_campaigns
from lanyard.audit.service import AuditEvent, record
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import Building, Person
from lanyard.jobs.registry import periodic
from lanyard.notify.service import notify

if TYPE_CHECKING:
    from lanyard.bootstrap import Services

Deliver = Callable[[list[str]], None]
FALLBACK_ROLE = "lanyard_admin"
# The assignment's person is still in the directory: someone who left (deactivated by an
# import) is neither reminded nor escalated (reads.COUNTED: nor counted in the figures).
STILL_HERE = (
    select(Person.id).where(Person.id == AckAssignment.person_id, Person.active.is_(True)).exists()
)


def campaign_link(campaign_id: str) -> str:
    return f"/acknowledgments/{campaign_id}"


def completion_link(campaign_id: str) -> str:
    return f"/acknowledgments/{campaign_id}/completion"


def _day(at: dt.datetime) -> str:
    return f"{at:%B %-d, %Y}"


def remind(*, uow: UnitOfWork, now: dt.datetime, deliver: Deliver | None = None) -> dict[str, int]:
    """One round: assign people the audience gained, remind each unsigned person whose
    last reminder is a week old (or who was never reminded), and escalate each person
    still unsigned after the due date to the building principal of their building, once.
    Every row is claimed with a conditional update, so two runners never send one twice."""
    session = uow.session
    counts = {"assigned": 0, "reminded": 0, "escalated": 0}
    for campaign in open_campaigns(session, now):
        assigned = assign_audience(session, campaign, now)
        reminded = _remind(uow, campaign, now, deliver)
        escalated = _escalate(uow, campaign, now, deliver) if now > campaign.due_at else 0
        if assigned or reminded or escalated:
            record(
                session,
                event=AuditEvent.ACK_CAMPAIGN_REMINDED,
                subject_type="ack_campaign",
                subject_id=campaign.id,
                now=now,
                after={"assigned": assigned, "reminded": reminded, "escalated": escalated},
            )
        counts["assigned"] += assigned
        counts["reminded"] += reminded
        counts["escalated"] += escalated
    uow.commit()
    return counts


def _remind(
    uow: UnitOfWork, campaign: AckCampaign, now: dt.datetime, deliver: Deliver | None
) -> int:
    session = uow.session
    stale = now - domain.REMIND_EVERY
    # Claim with one conditional update (no list of ids: a campaign can cover 100,000
    # people), then read back exactly the rows this round marked.
    session.execute(
        update(AckAssignment)
        .where(
            AckAssignment.campaign_id == campaign.id,
            AckAssignment.acknowledged_at.is_(None),
            or_(AckAssignment.reminded_at.is_(None), AckAssignment.reminded_at <= stale),
            STILL_HERE,
        )
        .values(reminded_at=now, reminders=AckAssignment.reminders + 1)
        .execution_options(synchronize_session=False)
    )
    ids = list(
        session.scalars(
            select(AckAssignment.person_id).where(
                AckAssignment.campaign_id == campaign.id,
                AckAssignment.acknowledged_at.is_(None),
                AckAssignment.reminded_at == now,
            )
        )
    )
    if not ids:
        return 0
    late = now > campaign.due_at
    notify(
        uow=uow,
        person_ids=ids,
        subject=(f"{'Overdue' if late else 'Reminder'}: acknowledge {campaign.title}"[:200]),
        body=(
            f"Please read and acknowledge the district's policy ({campaign.title}, version "
            f"{campaign.pack_version}). "
            + (
                f"It was due on {_day(campaign.due_at)}; your building principal has been told."
                if late
                else f"It is due by {_day(campaign.due_at)}."
            )
        ),
        now=now,
        link=campaign_link(campaign.id),
        kind="acknowledgment",
        deliver=deliver,
    )
    return len(ids)


def _escalate(
    uow: UnitOfWork, campaign: AckCampaign, now: dt.datetime, deliver: Deliver | None
) -> int:
    session = uow.session
    session.execute(
        update(AckAssignment)
        .where(
            AckAssignment.campaign_id == campaign.id,
            AckAssignment.acknowledged_at.is_(None),
            AckAssignment.escalated_at.is_(None),
            STILL_HERE,
        )
        .values(escalated_at=now)
        .execution_options(synchronize_session=False)
    )
    overdue = session.execute(
        select(AckAssignment.building_id, func.count(AckAssignment.id))
        .where(
            AckAssignment.campaign_id == campaign.id,
            AckAssignment.acknowledged_at.is_(None),
            AckAssignment.escalated_at == now,
        )
        .group_by(AckAssignment.building_id)
    ).all()
    by_building: dict[str | None, int] = dict(overdue)
    names = dict(session.execute(select(Building.id, Building.name)).all())
    for building_id, count in sorted(by_building.items(), key=lambda kv: kv[0] or ""):
        principals = [
            p.id
            for p in directory.holders_of(session, domain.ESCALATION_ROLE, building_id=building_id)
        ]
        if building_id is None or not principals:
            principals = [p.id for p in directory.holders_of(session, FALLBACK_ROLE)]
        where = names.get(building_id or "", "no building")
        notify(
            uow=uow,
            person_ids=principals,
            subject=f"{count} overdue in {where}: {campaign.title}"[:200],
            body=(
                f"{count} {'person' if count == 1 else 'people'} in {where} had not acknowledged "
                f"{campaign.title} by {_day(campaign.due_at)}. The completion page lists who."
            ),
            now=now,
            link=completion_link(campaign.id),
            kind="acknowledgment",
            deliver=deliver,
        )
        record(
            session,
            event=AuditEvent.ACK_CAMPAIGN_ESCALATED,
            subject_type="ack_campaign",
            subject_id=campaign.id,
            now=now,
            building_id=building_id,
            after={"overdue": count, "told": len(principals)},
        )
    return sum(by_building.values())


@periodic("acknowledgments.remind", every=dt.timedelta(hours=6))
def remind_unsigned(*, services: Services, now: dt.datetime) -> int:
    """Remind people who have not acknowledged the policy; escalate overdue ones."""
    with services.db.uow(write=True) as uow:
        return sum(remind(uow=uow, now=now, deliver=services.deliver).values())
