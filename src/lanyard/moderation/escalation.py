"""Escalation: a threat opens a case at once, in every pack (the pack's own report type for
threats, else Lanyard's for the building administration and the district's safety contact),
with the pack's law-enforcement guidance; a defamatory comment is reported to district
administration before it may be removed. Called inside the moderation use cases (these
functions do not commit)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lanyard import words
from lanyard.audit.service import AuditEvent, record
from lanyard.cases import domain
from lanyard.cases.service import open_case
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import Person
from lanyard.local_time import district_zone, local_time
from lanyard.moderation.orm import Comment
from lanyard.moderation.queue import defamation_guidance, is_self_harm, threat_guidance
from lanyard.official_accounts.domain import platform_name
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.policy import load_pack

Deliver = Callable[[list[str]], None]
FALLBACK = ("lanyard_admin",)


def _summary(comment: Comment, account: OfficialAccount, what: str, zone: dt.tzinfo) -> str:
    # No commenter name and no text: those are shown with the case, to the people it is
    # routed to, never put in a notification or an e-mail.
    phrase = (
        "a comment with a self-harm signal" if what == "self-harm" else words.a(f"{what} comment")
    )
    return (
        f"{phrase[0].upper()}{phrase[1:]} on the district's "
        f"{platform_name(account.platform)} account {account.handle} "
        f"(received {local_time(comment.received_at, '%B %-d, %Y at %H:%M', zone)}). "
        "The comment is shown with this case in Lanyard."
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
    safety_contact: str | None = None,
) -> tuple[str | None, bool]:
    """Threat (or anything else escalated): a case, in every pack (see
    :func:`open_threat_case`). Defamation (and not a threat): the report to district
    administration."""
    before = comment.state
    previous_case = case_id = comment.case_id
    reported = False
    if comment.defamation and "threat" not in comment.flagged:
        if comment.reported_at is None:
            report_defamation(session, uow, comment, account, pack_id, actor_id, now, deliver)
            reported = True
    elif case_id is None:
        what = "threatening" if "threat" in comment.flagged else "escalated"
        if is_self_harm(comment.classification):
            what = "self-harm"
        case_id = open_threat_case(
            session,
            uow,
            comment,
            account,
            pack_id,
            actor_id,
            now,
            deliver,
            what=what,
            safety_contact=safety_contact,
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


def open_threat_case(
    session: Session,
    uow: UnitOfWork,
    comment: Comment,
    account: OfficialAccount,
    pack_id: str,
    actor_id: str | None,
    now: dt.datetime,
    deliver: Deliver | None,
    *,
    what: str,
    safety_contact: str | None,
) -> str:
    """Open the case of a threatening comment for the account's building: the pack's own
    report type for threats, routed to the roles it names; for a pack without one, Lanyard's
    ``threatening-comment``, routed to the building administration and named to the
    district's safety contact (the setting), or, when that is unset or not in the
    directory, to the Lanyard administrators. The notifications link to the case, whose
    page shows the comment to everyone the case is routed to."""
    pack = load_pack(pack_id).document
    report = domain.report_type(pack, threat_guidance(pack).report_type or "")
    contacts: list[str] = []
    if domain.is_builtin(pack, report):
        contacts = safety_contact_ids(session, safety_contact)
    case = open_case(
        uow=uow,
        pack_id=pack_id,
        report_type=report.id,
        building_id=account.building_id,
        summary=_summary(comment, account, what, district_zone(session)),
        now=now,
        reporter_id=actor_id,
        source="moderation",
        contact_ids=contacts,
        deliver=deliver,
        kind="threat",
    )
    return case.id


def safety_contact_ids(session: Session, safety_contact: str | None) -> list[str]:
    """The district's safety contact (an e-mail address or a person id, active in the
    directory); failing that, the Lanyard administrators: a threat never goes unseen."""
    person = _person(session, safety_contact) if safety_contact else None
    if person is not None:
        return [person.id]
    return [p.id for p in directory.holders_of(session, FALLBACK[0])]


def _person(session: Session, key: str) -> Person | None:
    found = directory.get_person(session, key)
    if found is None and "@" in key:
        found = session.scalars(
            select(Person).where(func.lower(Person.email) == key.strip().lower())
        ).first()
    return found if found is not None and found.active else None


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
    report = domain.report_type(pack, defamation_guidance(pack).report_type or "")
    case = open_case(
        uow=uow,
        pack_id=pack_id,
        report_type=report.id,
        building_id=None,
        summary=_summary(comment, account, "possibly defamatory", district_zone(session)),
        now=now,
        reporter_id=actor_id,
        source="moderation",
        deliver=deliver,
    )
    report_id = case.id
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
