"""Escalation: a threat opens a case for the building administration at once (with the
pack's law-enforcement guidance); a defamatory comment is reported to district
administration before it may be removed. Called inside the moderation use cases (these
functions do not commit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.cases.service import open_case
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.moderation.orm import Comment
from lanyard.moderation.queue import defamation_guidance, threat_guidance
from lanyard.notify.service import notify
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.policy import load_pack

Deliver = Callable[[list[str]], None]
BUILDING_ADMINISTRATION = ("building_principal", "building_administration")
DISTRICT_ADMINISTRATION = (
    "district_administration",
    "district_administrator",
    "superintendent_or_designee",
    "superintendent",
)
FALLBACK = ("lanyard_admin",)
QUEUE_LINK = "/moderation"


def _summary(comment: Comment, account: OfficialAccount, what: str) -> str:
    # No commenter name and no text: the case links back to the comment in Lanyard.
    return (
        f"A {what} comment on the district's {account.platform} account {account.handle} "
        f"(received {comment.received_at:%Y-%m-%d %H:%M} UTC). Open it in the moderation "
        f"queue: {QUEUE_LINK}?comment={comment.id}"
    )


def escalate_comment(
    session: Session,
    uow: UnitOfWork,
    comment: Comment,
    account: OfficialAccount,
    pack_id: str,
    actor_id: str | None,
    now: dt.datetime,
    deliver: Deliver | None,
    *,
    auto: bool,
) -> tuple[str | None, bool]:
    """Threat (or anything else escalated): a case for the building administration.
    Defamation (and not a threat): the report to district administration."""
    pack = load_pack(pack_id).document
    before = comment.state
    previous_case = case_id = comment.case_id
    reported = False
    if comment.defamation and "threat" not in comment.flagged:
        if comment.reported_at is None:
            report_defamation(session, uow, comment, account, pack_id, actor_id, now, deliver)
            reported = True
    elif case_id is None:
        guidance = threat_guidance(pack)
        what = "threatening" if "threat" in comment.flagged else "escalated"
        if guidance.report_type is not None:
            case = open_case(
                uow=uow,
                pack_id=pack_id,
                report_type=guidance.report_type,
                building_id=account.building_id,
                summary=_summary(comment, account, what),
                now=now,
                reporter_id=actor_id,
                source="moderation",
                deliver=deliver,
            )
            case_id = case.id
        else:
            _tell(
                session,
                uow,
                BUILDING_ADMINISTRATION,
                account.building_id,
                subject=f"A {what} comment on a district account needs you now",
                body=_summary(comment, account, what) + " " + guidance.advice,
                comment=comment,
                now=now,
                deliver=deliver,
            )
        comment.case_id = case_id
    comment.state = "escalated"
    comment.escalated_at = comment.escalated_at or now
    if not auto:
        comment.decided_by_id = actor_id
        comment.decided_at = now
    session.flush()
    record(
        session,
        event=AuditEvent.COMMENT_ESCALATED,
        subject_type="comment",
        subject_id=comment.id,
        now=now,
        actor_id=actor_id,
        building_id=account.building_id,
        before={"state": before},
        after={
            "state": comment.state,
            "case_id": case_id,
            "automatic": auto,
            "flagged": list(comment.flagged),
        },
    )
    return (case_id if case_id != previous_case else None), reported


def report_defamation(
    session: Session,
    uow: UnitOfWork,
    comment: Comment,
    account: OfficialAccount,
    pack_id: str,
    actor_id: str | None,
    now: dt.datetime,
    deliver: Deliver | None,
) -> None:
    pack = load_pack(pack_id).document
    guidance = defamation_guidance(pack)
    report_id = "notification"
    if guidance.report_type is not None:
        case = open_case(
            uow=uow,
            pack_id=pack_id,
            report_type=guidance.report_type,
            building_id=None,
            summary=_summary(comment, account, "possibly defamatory"),
            now=now,
            reporter_id=actor_id,
            source="moderation",
            deliver=deliver,
        )
        report_id = case.id
    else:
        _tell(
            session,
            uow,
            DISTRICT_ADMINISTRATION,
            None,
            subject="A possibly defamatory comment on a district account",
            body=_summary(comment, account, "possibly defamatory"),
            comment=comment,
            now=now,
            deliver=deliver,
        )
    comment.reported_at = now
    comment.report_id = report_id
    session.flush()
    record(
        session,
        event=AuditEvent.COMMENT_REPORTED,
        subject_type="comment",
        subject_id=comment.id,
        now=now,
        actor_id=actor_id,
        after={"to": "district_administration", "report_id": report_id},
    )


def _tell(
    session: Session,
    uow: UnitOfWork,
    roles: Sequence[str],
    building_id: str | None,
    *,
    subject: str,
    body: str,
    comment: Comment,
    now: dt.datetime,
    deliver: Deliver | None,
) -> None:
    """Notify the first of ``roles`` somebody holds (for the building, else district-wide),
    falling back to the Lanyard administrators: a threat never goes unseen."""
    people: list[str] = []
    for role in (*roles, *FALLBACK):
        people = [p.id for p in directory.holders_of(session, role, building_id=building_id)]
        if people:
            break
    notify(
        uow=uow,
        person_ids=people,
        subject=subject,
        body=body,
        now=now,
        link=f"{QUEUE_LINK}?comment={comment.id}",
        kind="moderation",
        deliver=deliver,
    )
