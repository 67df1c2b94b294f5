"""The queue's assignment: a comment waiting for a decision is given to one moderator (the
site manager who takes it, or another moderator of the account), and the queue can show
only the comments assigned to you; the queue's counts by account.

:func:`assign` is the use case (it commits, with its audit entries); the rest are reads.
A comment is assigned only to someone who moderates its account (a site manager or the
communications office for the district or the account's building, or the account's owner or
a manager): assignment never widens anyone's access.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from lanyard import words
from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import LANYARD_ADMIN, ModerationScope
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Person, RoleAssignment
from lanyard.moderation.archive import _covers
from lanyard.moderation.orm import OPEN_STATES, Comment
from lanyard.moderation.queue import ModerationProblem
from lanyard.official_accounts.orm import OfficialAccount, OfficialAccountManager


class NotInScope(LookupError):
    """No such comment, or not one this moderator's scope covers (indistinguishable)."""


@dataclass(frozen=True)
class Moderator:
    id: str
    name: str


@dataclass(frozen=True)
class AssignResult:
    comment_ids: list[str]
    assignee_id: str | None
    assignee_name: str | None


@dataclass(frozen=True)
class AccountCount:
    account_id: str
    handle: str
    platform: str
    waiting: int
    escalated: int
    mine: int  # assigned to the viewer


def moderators_of(
    session: Session,
    account: OfficialAccount,
    moderator_roles: frozenset[str] = frozenset({LANYARD_ADMIN}),
) -> list[Moderator]:
    """Everyone who moderates ``account``: holders of a moderation role (the pack's roles
    with ``moderate``) district-wide or for its building, its owner and its managers
    (active staff only), by name."""
    by_role = (
        select(RoleAssignment.person_id)
        .where(RoleAssignment.role.in_(sorted(moderator_roles)))
        .where(
            or_(
                RoleAssignment.building_id.is_(None),
                RoleAssignment.building_id == account.building_id,
            )
        )
    )
    managers = select(OfficialAccountManager.person_id).where(
        OfficialAccountManager.account_id == account.id
    )
    people = session.scalars(
        select(Person)
        .where(
            Person.active.is_(True),
            Person.kind == "staff",
            or_(
                Person.id.in_(by_role),
                Person.id.in_(managers),
                Person.id == account.owner_id,
            ),
        )
        .order_by(Person.family_name, Person.given_name)
    )
    return [Moderator(p.id, p.display_name) for p in people]


def moderators_in_scope(session: Session, scope: ModerationScope) -> list[Moderator]:
    """The people a moderator may assign comments to: the moderators of any account in
    their scope (each assignment is still checked against the comment's own account)."""
    seen: dict[str, Moderator] = {}
    accounts = session.scalars(
        select(OfficialAccount).where(_covers(scope), OfficialAccount.active.is_(True))
    )
    for account in accounts:
        for person in moderators_of(session, account, scope.moderator_roles):
            seen.setdefault(person.id, person)
    return sorted(seen.values(), key=lambda m: m.name)


def assign(
    *,
    uow: UnitOfWork,
    comment_ids: Sequence[str],
    assignee_id: str | None,
    actor_id: str,
    scope: ModerationScope,
    now: dt.datetime,
) -> AssignResult:
    """Assign the comments (all or none) to ``assignee_id``, or take the assignment off
    (``None``). Only comments still waiting (new or escalated) are assigned; the assignee
    must moderate every comment's account."""
    ids = list(dict.fromkeys(comment_ids))
    if not ids:
        raise ModerationProblem("comments", "choose at least one comment")
    session = uow.session
    rows = session.execute(
        select(Comment, OfficialAccount)
        .join(OfficialAccount, OfficialAccount.id == Comment.official_account_id)
        .where(Comment.id.in_(ids))
        .with_for_update(of=Comment)
    ).all()
    found = {c.id: (c, a) for c, a in rows if scope.covers(a.id, a.building_id)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise NotInScope(missing[0])
    name: str | None = None
    for comment, account in found.values():
        if comment.state not in OPEN_STATES:
            raise ModerationProblem(
                "comments", f"{words.a(comment.state + ' comment')} is not waiting"
            )
        if assignee_id is not None:
            allowed = {m.id: m.name for m in moderators_of(session, account, scope.moderator_roles)}
            if assignee_id not in allowed:
                raise ModerationProblem(
                    "assignee", f"that person does not moderate {account.handle}"
                )
            name = allowed[assignee_id]
    for comment_id in ids:
        comment, account = found[comment_id]
        before = comment.assigned_to_id
        if before == assignee_id:
            continue
        comment.assigned_to_id = assignee_id
        comment.assigned_by_id = actor_id if assignee_id else None
        comment.assigned_at = now if assignee_id else None
        session.flush()
        record(
            session,
            event=AuditEvent.COMMENT_ASSIGNED,
            subject_type="comment",
            subject_id=comment.id,
            now=now,
            actor_id=actor_id,
            building_id=account.building_id,
            before={"assigned_to": before},
            after={"assigned_to": assignee_id},
        )
    uow.commit()
    return AssignResult(ids, assignee_id, name)


def counts_by_account(
    session: Session, scope: ModerationScope, person_id: str
) -> list[AccountCount]:
    """For each account in the scope with comments waiting: how many, how many escalated,
    how many assigned to ``person_id``; the accounts with the most escalated first."""
    escalated = func.sum(case((Comment.state == "escalated", 1), else_=0))
    mine = func.sum(case((Comment.assigned_to_id == person_id, 1), else_=0))
    rows = session.execute(
        select(
            OfficialAccount.id,
            OfficialAccount.handle,
            OfficialAccount.platform,
            func.count(Comment.id),
            escalated,
            mine,
        )
        .join(Comment, Comment.official_account_id == OfficialAccount.id)
        .where(Comment.state.in_(OPEN_STATES), _covers(scope))
        .group_by(OfficialAccount.id, OfficialAccount.handle, OfficialAccount.platform)
    ).all()
    counts = [
        AccountCount(str(i), str(h), str(p), int(n), int(e or 0), int(m or 0))
        for i, h, p, n, e, m in rows
    ]
    return sorted(counts, key=lambda c: (-c.escalated, -c.waiting, c.handle))


def names_of(session: Session, person_ids: Sequence[str]) -> dict[str, str]:
    ids = [i for i in dict.fromkeys(person_ids) if i]
    if not ids:
        return {}
    return {p.id: p.display_name for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
