"""Acknowledgments: the use cases.

``open_campaign``, ``close_campaign``, ``acknowledge``, ``record_review`` and
``export_completion`` run in the caller's unit of work, write their audit entry there and
commit; reminders and escalation are in :mod:`lanyard.acknowledgments.jobs`.
:func:`assign_new_people` is the building block the directory import calls inside its own
transaction (it does not commit). Reads are in :mod:`lanyard.acknowledgments.reads`.

Bad input raises :class:`~lanyard.acknowledgments.domain.AckProblem` naming the field
before anything is written; a campaign a person is not assigned to raises
:class:`CampaignNotFound`, the same as one that does not exist.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from lanyard.acknowledgments import domain
from lanyard.acknowledgments.orm import AckAssignment, AckCampaign, Acknowledgment, PolicyReview
from lanyard.audit.service import AuditEvent, record
from lanyard.db.base import new_id
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Building, Person, PersonBuilding
from lanyard.notify.orm import Notification
from lanyard.policy.loader import Pack, parse_pack
from lanyard.policy.provisions import parse_inventory

INSERT_BATCH = 5000


class CampaignNotFound(LookupError):
    """No such campaign, or not one this person is assigned to (indistinguishable)."""


@dataclass(frozen=True)
class PackVersion:
    """A version of the pack as a campaign keeps it: the YAML, its provision inventory
    (the clauses an employee reads) and, when the district supplies it, the policy's text."""

    pack_text: str
    provisions_text: str | None = None
    source_text: str | None = None
    file: str = "pack.yaml"


def builtin_version(pack_id: str) -> PackVersion:
    """The built-in pack's current version (the one Lanyard answers with)."""
    from importlib import resources

    root = resources.files("lanyard") / "packs" / pack_id
    entry = root / "pack.yaml"
    if not entry.is_file():
        raise domain.AckProblem("pack", f"no built-in policy pack {pack_id!r}")
    inventory = root / "provisions.yaml"
    return PackVersion(
        pack_text=entry.read_text(encoding="utf-8"),
        provisions_text=inventory.read_text(encoding="utf-8") if inventory.is_file() else None,
        file=f"packs/{pack_id}/pack.yaml",
    )


def _compiled(version: PackVersion) -> tuple[Pack, list[domain.Clause]]:
    pack = parse_pack(version.pack_text, version.file)
    provisions: list[tuple[str, str, str]] = []
    if version.provisions_text:
        inventory = parse_inventory(version.provisions_text, "provisions.yaml")
        if inventory.pack != pack.id:
            raise domain.AckProblem(
                "provisions", f"the inventory is of pack {inventory.pack!r}, not {pack.id!r}"
            )
        provisions = [(p.id, p.clause, p.quote) for p in inventory.provisions]
    return pack, domain.clauses_of(pack, provisions)


def _stored(campaign: AckCampaign) -> tuple[Pack, list[domain.Clause]]:
    pack = parse_pack(campaign.pack_text, f"campaign {campaign.id}")
    return pack, [domain.Clause.from_dict(c) for c in campaign.clauses]


# -- assigning --------------------------------------------------------------------------------


def _audience(campaign: AckCampaign) -> domain.Audience:
    return domain.Audience(
        roles=frozenset(campaign.roles),
        building_ids=frozenset(campaign.building_ids),
        include_volunteers=campaign.include_volunteers,
    )


def assign_audience(
    session: Session,
    campaign: AckCampaign,
    now: dt.datetime,
    person_ids: Sequence[str] | None = None,
) -> int:
    """Assign every person the audience covers who is not yet assigned (or only those of
    ``person_ids``); bulk inserts, so a district of 100,000 takes seconds."""
    if person_ids is not None and len(person_ids) > INSERT_BATCH:
        # Bounded lists of ids per statement (PostgreSQL takes at most 65,535 parameters).
        return sum(
            assign_audience(session, campaign, now, person_ids[start : start + INSERT_BATCH])
            for start in range(0, len(person_ids), INSERT_BATCH)
        )
    audience = _audience(campaign)
    stmt = select(
        Person.id, Person.kind, Person.staff_role, Person.active, Person.primary_building_id
    ).where(Person.kind.in_(["staff", "volunteer"]), Person.active.is_(True))
    memberships = select(PersonBuilding.person_id, PersonBuilding.building_id)
    already = select(AckAssignment.person_id).where(AckAssignment.campaign_id == campaign.id)
    if person_ids is not None:
        if not person_ids:
            return 0
        stmt = stmt.where(Person.id.in_(list(person_ids)))
        memberships = memberships.where(PersonBuilding.person_id.in_(list(person_ids)))
        already = already.where(AckAssignment.person_id.in_(list(person_ids)))
    buildings: dict[str, set[str]] = {}
    for pid, bid in session.execute(memberships):
        buildings.setdefault(pid, set()).add(bid)
    assigned = set(session.scalars(already))
    rows: list[dict[str, object]] = []
    for p in session.execute(stmt):
        if p.id in assigned:
            continue
        held = buildings.get(p.id, set())
        if p.primary_building_id:
            held = held | {p.primary_building_id}
        member = domain.Member(p.kind, p.staff_role, frozenset(held), p.active)
        if not domain.must_acknowledge(member, audience):
            continue
        building = _home_building(p.primary_building_id, held, audience)
        rows.append(
            {
                "id": new_id(),
                "campaign_id": campaign.id,
                "person_id": p.id,
                "building_id": building,
                "role": "volunteer" if p.kind == "volunteer" else (p.staff_role or "staff"),
                "assigned_at": now,
                "reminders": 0,
            }
        )
    for start in range(0, len(rows), INSERT_BATCH):
        session.execute(insert(AckAssignment), rows[start : start + INSERT_BATCH])
    return len(rows)


def _home_building(primary: str | None, held: set[str], audience: domain.Audience) -> str | None:
    if audience.building_ids:
        inside = sorted(held & audience.building_ids)
        if primary in audience.building_ids:
            return primary
        return inside[0] if inside else None
    return primary or (sorted(held)[0] if held else None)


def open_campaigns(session: Session, now: dt.datetime) -> list[AckCampaign]:
    return list(
        session.scalars(
            select(AckCampaign)
            .where(AckCampaign.state == domain.CampaignState.OPEN, AckCampaign.opens_at <= now)
            .order_by(AckCampaign.opens_at)
        )
    )


def assign_new_people(
    *, uow: UnitOfWork, person_ids: Sequence[str], now: dt.datetime, actor_id: str | None = None
) -> int:
    """Assign people just added to the directory to every open campaign whose audience
    covers them. Does NOT commit: the directory import calls it inside its transaction."""
    session = uow.session
    total = 0
    for campaign in session.scalars(
        select(AckCampaign).where(AckCampaign.state == domain.CampaignState.OPEN)
    ):
        count = assign_audience(session, campaign, now, person_ids)
        if count:
            record(
                session,
                event=AuditEvent.ACK_CAMPAIGN_ASSIGNED,
                subject_type="ack_campaign",
                subject_id=campaign.id,
                now=now,
                actor_id=actor_id,
                after={"assigned": count, "why": "new people in the directory"},
            )
        total += count
    return total


# -- opening and closing ------------------------------------------------------------------------


def open_campaign(
    *,
    uow: UnitOfWork,
    version: PackVersion,
    title: str,
    opens_at: dt.datetime,
    due_at: dt.datetime,
    now: dt.datetime,
    roles: Iterable[str] = (),
    building_ids: Iterable[str] = (),
    include_volunteers: bool = False,
    actor_id: str | None = None,
    grid_size: int = 512,
) -> AckCampaign:
    """Open a campaign for this version of the pack: keep the version's text and clauses,
    work out what changed since the pack's last campaign, close the pack's campaign still
    open (one campaign per pack is open at a time), assign everyone the audience covers and
    set the superintendent's annual review as a task due with it."""
    title = title.strip()
    if not title:
        raise domain.AckProblem("title", "give the campaign a title")
    domain.check_dates(opens_at, due_at)
    audience = domain.Audience(frozenset(roles), frozenset(building_ids), include_volunteers)
    session = uow.session
    known = set(session.scalars(select(Building.id)))
    unknown = sorted(audience.building_ids - known)
    if unknown:
        raise domain.AckProblem("buildings", f"no building with id {unknown[0]!r}")
    pack, clauses = _compiled(version)

    previous = session.scalars(
        select(AckCampaign)
        .where(AckCampaign.pack_id == pack.id)
        .order_by(AckCampaign.created_at.desc())
        .limit(1)
    ).first()
    changes: dict[str, object] | None = None
    if previous is not None and previous.content_hash != pack.content_hash:
        old_pack, old_clauses = _stored(previous)
        changes = domain.changes_between(
            old_pack, old_clauses, pack, clauses, grid_size=grid_size
        ).to_dict()

    for still_open in session.scalars(
        select(AckCampaign).where(
            AckCampaign.pack_id == pack.id, AckCampaign.state == domain.CampaignState.OPEN
        )
    ):
        _close(session, still_open, now, actor_id, why="a new campaign opened")

    campaign = AckCampaign(
        title=title[:255],
        pack_id=pack.id,
        pack_version=pack.document.version,
        content_hash=pack.content_hash,
        pack_text=version.pack_text,
        clauses=[c.to_dict() for c in clauses],
        source_text=version.source_text,
        roles=sorted(audience.roles),
        building_ids=sorted(audience.building_ids),
        include_volunteers=include_volunteers,
        opens_at=opens_at,
        due_at=due_at,
        state=domain.CampaignState.OPEN,
        previous_id=previous.id if previous is not None else None,
        changes=changes,
        created_by_id=actor_id,
        created_at=now,
    )
    session.add(campaign)
    session.flush()
    assigned = assign_audience(session, campaign, now)
    session.add(
        PolicyReview(
            pack_id=pack.id,
            pack_version=pack.document.version,
            campaign_id=campaign.id,
            due_at=due_at,
            state="open",
            created_at=now,
        )
    )
    record(
        session,
        event=AuditEvent.ACK_CAMPAIGN_OPENED,
        subject_type="ack_campaign",
        subject_id=campaign.id,
        now=now,
        actor_id=actor_id,
        after={
            "pack_id": pack.id,
            "pack_version": pack.document.version,
            "content_hash": pack.content_hash,
            "opens_at": opens_at.isoformat(),
            "due_at": due_at.isoformat(),
            "roles": campaign.roles,
            "building_ids": campaign.building_ids,
            "include_volunteers": include_volunteers,
            "assigned": assigned,
            "previous": campaign.previous_id,
        },
    )
    uow.commit()
    return campaign


def _close(
    session: Session, campaign: AckCampaign, now: dt.datetime, actor_id: str | None, why: str
) -> None:
    campaign.state = domain.CampaignState.CLOSED
    campaign.closed_at = now
    record(
        session,
        event=AuditEvent.ACK_CAMPAIGN_CLOSED,
        subject_type="ack_campaign",
        subject_id=campaign.id,
        now=now,
        actor_id=actor_id,
        after={"why": why},
    )


def close_campaign(
    *, uow: UnitOfWork, campaign_id: str, now: dt.datetime, actor_id: str | None = None
) -> None:
    campaign = uow.session.get(AckCampaign, campaign_id)
    if campaign is None:
        raise CampaignNotFound(campaign_id)
    if campaign.state != domain.CampaignState.OPEN:
        raise domain.AckProblem("campaign", "the campaign is already closed")
    _close(uow.session, campaign, now, actor_id, why="closed by an administrator")
    uow.commit()


# -- signing ----------------------------------------------------------------------------------


def assignment_of(session: Session, campaign_id: str, person_id: str) -> AckAssignment:
    assignment = session.scalars(
        select(AckAssignment).where(
            AckAssignment.campaign_id == campaign_id, AckAssignment.person_id == person_id
        )
    ).first()
    if assignment is None:
        raise CampaignNotFound(campaign_id)
    return assignment


def acknowledged_previous(session: Session, campaign: AckCampaign, person_id: str) -> bool:
    """Did the person sign the previous version (so they read only what changed)?"""
    if campaign.previous_id is None or campaign.changes is None:
        return False
    return (
        session.scalar(
            select(Acknowledgment.id).where(
                Acknowledgment.campaign_id == campaign.previous_id,
                Acknowledgment.person_id == person_id,
            )
        )
        is not None
    )


def acknowledge(
    *,
    uow: UnitOfWork,
    campaign_id: str,
    person_id: str,
    typed_name: str,
    confirmed: bool,
    now: dt.datetime,
) -> Acknowledgment:
    """Sign: the typed full name must match the directory and the box be ticked. Keeps
    the pack id, version and content hash, the time and the person; nothing else. The
    signer's reminders to sign this campaign are marked read: they leave the home page."""
    session = uow.session
    campaign = session.get(AckCampaign, campaign_id)
    if campaign is None:
        raise CampaignNotFound(campaign_id)
    assignment = assignment_of(session, campaign_id, person_id)
    if assignment.acknowledged_at is not None:
        raise domain.AckProblem("campaign", "you have already acknowledged this policy")
    if not domain.is_open(campaign.opens_at, campaign.state, now):
        raise domain.AckProblem("campaign", "this campaign is not open for signing")
    person = session.get(Person, person_id)
    assert person is not None
    problem = domain.signature_problem(
        typed_name,
        given=person.given_name,
        family=person.family_name,
        preferred=person.preferred_given_name,
        confirmed=confirmed,
    )
    if problem is not None:
        raise problem
    claimed = session.execute(
        update(AckAssignment)
        .where(AckAssignment.id == assignment.id, AckAssignment.acknowledged_at.is_(None))
        .values(acknowledged_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise domain.AckProblem("campaign", "you have already acknowledged this policy")
    signed = Acknowledgment(
        assignment_id=assignment.id,
        campaign_id=campaign.id,
        person_id=person_id,
        pack_id=campaign.pack_id,
        pack_version=campaign.pack_version,
        content_hash=campaign.content_hash,
        signed_name=" ".join(typed_name.split())[:255],
        changes_only=acknowledged_previous(session, campaign, person_id),
        at=now,
    )
    session.add(signed)
    session.execute(
        update(Notification)
        .where(
            Notification.person_id == person_id,
            Notification.kind == "acknowledgment",
            Notification.link == f"/acknowledgments/{campaign.id}",
            Notification.read_at.is_(None),
        )
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    record(
        session,
        event=AuditEvent.POLICY_ACKNOWLEDGED,
        subject_type="ack_campaign",
        subject_id=campaign.id,
        now=now,
        actor_id=person_id,
        building_id=assignment.building_id,
        after={
            "pack_id": campaign.pack_id,
            "pack_version": campaign.pack_version,
            "content_hash": campaign.content_hash,
            "changes_only": signed.changes_only,
        },
    )
    uow.commit()
    return signed


# -- the annual review --------------------------------------------------------------------------


def record_review(
    *,
    uow: UnitOfWork,
    review_id: str,
    actor_id: str,
    reviewed_on: dt.date,
    outcome: str,
    notes: str,
    now: dt.datetime,
) -> PolicyReview:
    """Record the superintendent's annual review: the date, the outcome and notes."""
    try:
        kind = domain.ReviewOutcome(outcome)
    except ValueError:
        choices = ", ".join(o.value for o in domain.ReviewOutcome)
        raise domain.AckProblem("outcome", f"choose one of {choices}") from None
    if reviewed_on > now.date():
        raise domain.AckProblem("reviewed_on", "the review date cannot be in the future")
    if kind is domain.ReviewOutcome.REVISE and not notes.strip():
        raise domain.AckProblem("notes", "say what should be revised")
    session = uow.session
    review = session.get(PolicyReview, review_id)
    if review is None:
        raise domain.AckProblem("review", "no such review task")
    if review.state == "done":
        raise domain.AckProblem("review", "this review is already recorded")
    review.state = "done"
    review.reviewed_on = reviewed_on
    review.outcome = kind.value
    review.notes = notes.strip() or None
    review.reviewed_by_id = actor_id
    review.recorded_at = now
    record(
        session,
        event=AuditEvent.POLICY_REVIEW_RECORDED,
        subject_type="policy_review",
        subject_id=review.id,
        now=now,
        actor_id=actor_id,
        after={
            "pack_id": review.pack_id,
            "pack_version": review.pack_version,
            "reviewed_on": reviewed_on.isoformat(),
            "outcome": kind.value,
        },
    )
    uow.commit()
    return review


# -- completion export --------------------------------------------------------------------------

CSV_HEADER = ("name", "email", "building", "role", "assigned_at", "status", "acknowledged_at")


def export_completion(
    *,
    uow: UnitOfWork,
    campaign_id: str,
    scope: domain.CompletionScope,
    actor_id: str | None,
    now: dt.datetime,
) -> str:
    """The campaign's people and whether each signed, as CSV, within ``scope``; audited (it
    lists people)."""
    from lanyard.acknowledgments.reads import people_rows

    session = uow.session
    campaign = session.get(AckCampaign, campaign_id)
    if campaign is None or scope.empty:
        raise CampaignNotFound(campaign_id)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    count = 0
    for row in people_rows(session, campaign, scope, now):
        writer.writerow(
            [
                row.name,
                row.email,
                row.building,
                row.role,
                row.assigned_at.isoformat(),
                row.status,
                row.acknowledged_at.isoformat() if row.acknowledged_at else "",
            ]
        )
        count += 1
    record(
        session,
        event=AuditEvent.ACK_COMPLETION_EXPORTED,
        subject_type="ack_campaign",
        subject_id=campaign.id,
        now=now,
        actor_id=actor_id,
        after={
            "rows": count,
            "scope": "district" if scope.district else sorted(scope.building_ids),
        },
    )
    uow.commit()
    return out.getvalue()
