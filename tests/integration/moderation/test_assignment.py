"""The queue's assignment and counts by account, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from lanyard.audit.orm import AuditEntry
from lanyard.auth.orm import Account
from lanyard.connectors.comments import CommentRecord
from lanyard.db.session import Database
from lanyard.directory.orm import Person, PersonBuilding, RoleAssignment
from lanyard.moderation import archive as reads
from lanyard.moderation import assignment, service
from lanyard.moderation.orm import Comment
from lanyard.moderation.queue import ModerationProblem
from tests.integration.moderation.seed import NOW, Moderation, scope_of
from tests.support.district import DOMAIN, password_hash


def second_site_manager(db: Database, building: str) -> str:
    """Sid Second, another site manager of the district (sign-in "sid")."""
    with db.uow() as uow:
        person = Person(
            kind="staff",
            staff_role="staff",
            given_name="Sid",
            family_name="Second",
            email=f"sid.second@{DOMAIN}",
            primary_building_id=building,
        )
        uow.session.add(person)
        uow.session.flush()
        uow.session.add(PersonBuilding(person_id=person.id, building_id=building))
        uow.session.add(Account(person_id=person.id, username="sid", password_hash=password_hash()))
        uow.session.add(RoleAssignment(person_id=person.id, role="site_manager"))
        uow.session.add(RoleAssignment(person_id=person.id, role="complaint_manager"))
        uow.commit()
        return person.id


def record(cid: str, text: str) -> CommentRecord:
    return CommentRecord(
        platform="csv",
        platform_comment_id=cid,
        text=text,
        created_at=NOW - dt.timedelta(hours=1),
        author_display="Someone",
        raw={"id": cid, "text": text},
    )


def load(db: Database, mod: Moderation) -> dict[str, str]:
    with db.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id="wilmette-39",
            account_id=mod.north_page,
            records=[
                record("n1", "You are a stupid idiot, coach"),
                record("n2", "When is the concert?"),
            ],
            now=NOW,
        )
    with db.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id="wilmette-39",
            account_id=mod.south_insta,
            records=[record("s1", "Shut up loser")],
            now=NOW,
        )
    with db.uow() as uow:
        return {c.platform_comment_id: c.id for c in uow.session.scalars(select(Comment))}


def assign(db: Database, actor: str, ids: list[str], to: str | None, **scope: tuple[str, ...]):
    with db.uow() as uow:
        return assignment.assign(
            uow=uow,
            comment_ids=ids,
            assignee_id=to,
            actor_id=actor,
            scope=scope_of(db, actor, scope.get("managed", ())),
            now=NOW,
        )


def test_a_site_manager_assigns_to_themself_and_to_another_site_manager(
    database: Database, mod: Moderation
) -> None:
    ids = load(database, mod)
    sid = second_site_manager(database, mod.district.north)
    assign(database, mod.site_manager, [ids["n1"]], mod.site_manager)
    result = assign(database, mod.site_manager, [ids["n2"], ids["s1"]], sid)
    assert result.assignee_name == "Sid Second"
    with database.uow() as uow:
        mine = reads.queue(uow.session, scope_of(database, sid), assigned_to=sid)
        assert sorted(r.comment.platform_comment_id for r in mine) == ["n2", "s1"]
        events = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.event == "comment:assigned")
        ).all()
        assert len(events) == 3 and events[-1].after == {"assigned_to": sid}
        counts = assignment.counts_by_account(uow.session, scope_of(database, sid), sid)
    assert [(c.handle, c.waiting, c.mine) for c in counts] == [
        ("@north.elementary", 2, 1),
        ("@south.middle", 1, 1),
    ]
    # taking the assignment off
    assign(database, sid, [ids["n2"]], None)
    with database.uow() as uow:
        assert uow.session.get(Comment, ids["n2"]).assigned_to_id is None  # type: ignore[union-attr]


def test_only_a_moderator_of_the_account_can_be_assigned(
    database: Database, mod: Moderation
) -> None:
    ids = load(database, mod)
    # Tina teaches at North: she moderates no account
    with pytest.raises(ModerationProblem, match="does not moderate"):
        assign(database, mod.site_manager, [ids["n1"]], mod.district.teacher)
    # Steve manages the South Instagram only: not North's page (all or none)
    steve = mod.district.south_teacher
    with pytest.raises(ModerationProblem, match="@north.elementary"):
        assign(database, mod.site_manager, [ids["s1"], ids["n1"]], steve)
    assign(database, mod.site_manager, [ids["s1"]], steve)
    with database.uow() as uow:
        rows = uow.session.scalars(select(Comment).where(Comment.assigned_to_id.isnot(None)))
        assert [c.platform_comment_id for c in rows] == ["s1"]


def test_an_account_manager_cannot_assign_another_accounts_comments(
    database: Database, mod: Moderation
) -> None:
    ids = load(database, mod)
    steve = mod.district.south_teacher
    with pytest.raises(assignment.NotInScope):
        assign(database, steve, [ids["n1"]], steve, managed=(mod.south_insta,))
    assign(database, steve, [ids["s1"]], steve, managed=(mod.south_insta,))


def test_a_decided_comment_is_not_assigned(database: Database, mod: Moderation) -> None:
    ids = load(database, mod)
    with database.uow() as uow:
        service.decide(
            uow=uow,
            pack_id="wilmette-39",
            comment_ids=[ids["n2"]],
            decision="keep",
            actor_id=mod.site_manager,
            scope=scope_of(database, mod.site_manager),
            now=NOW,
        )
    with pytest.raises(ModerationProblem, match="kept comment is not waiting"):
        assign(database, mod.site_manager, [ids["n2"]], mod.site_manager)
