"""Intake, the queue's decisions and the archive, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import verify
from lanyard.cases.orm import Case
from lanyard.cases.reads import queue as case_queue
from lanyard.connectors.comments import CommentRecord, connector
from lanyard.db.session import Database
from lanyard.moderation import service
from lanyard.moderation.classifier import MODEL_ID, MODEL_VERSION
from lanyard.moderation.orm import ArchiveEntry, Comment
from lanyard.moderation.queue import ModerationProblem, content_sha256
from lanyard.notify.orm import Notification
from lanyard.official_accounts.orm import OfficialAccount
from tests.integration.moderation.seed import NOW, Moderation, principal, scope_of
from tests.support.district import DOMAIN

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "comments"
WILMETTE = "wilmette-39"
NAPERVILLE = "naperville-203"


def facebook_records() -> list[CommentRecord]:
    path = FIXTURES / "facebook_comments.json"
    return connector("facebook").read(path.name, path.read_text())


def one(text_: str, cid: str, platform: str = "facebook") -> CommentRecord:
    return CommentRecord(
        platform=platform,
        platform_comment_id=cid,
        text=text_,
        created_at=NOW - dt.timedelta(hours=1),
        author_display="Someone",
        raw={"id": cid, "message": text_},
    )


def ingest(db: Database, mod: Moderation, records: list[CommentRecord], pack: str = WILMETTE):
    with db.uow() as uow:
        return service.ingest(
            uow=uow, pack_id=pack, account_id=mod.north_page, records=records, now=NOW
        )


def decide(db: Database, mod: Moderation, ids: list[str], action: str, pack: str = WILMETTE):
    with db.uow() as uow:
        return service.decide(
            uow=uow,
            pack_id=pack,
            comment_ids=ids,
            decision=action,
            actor_id=mod.site_manager,
            scope=scope_of(db, mod.site_manager),
            now=NOW,
        )


def comments(db: Database) -> dict[str, Comment]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(Comment)))
        uow.session.expunge_all()
    return {c.platform_comment_id: c for c in rows}


def test_intake_classifies_each_comment_against_the_pack_and_the_site_purpose(
    database: Database, mod: Moderation
) -> None:
    result = ingest(database, mod, facebook_records())
    assert (result.added, result.duplicates, result.escalated) == (3, 0, 1)
    found = comments(database)
    praise = found["104000000000001_910000000000007"]
    threat = found["104000000000001_910000000000008"]
    spam = found["104000000000001_910000000000009"]
    assert praise.suggested_action == "keep" and praise.state == "new"
    assert threat.suggested_action == "escalate" and "threat" in threat.flagged
    assert threat.state == "escalated"  # a threat is escalated at once
    assert spam.severity >= 1
    assert threat.severity > spam.severity > praise.severity
    cat = next(c for c in threat.classification["categories"] if c["id"] == "threat")
    assert cat["flagged"] and cat["evidence"] and cat["model"]["id"]
    assert cat["clause"] == "Section IV, Links to Outside Websites and User Contents, item 12.1"
    assert threat.classification["model"] == {"id": MODEL_ID, "version": MODEL_VERSION}


def test_redelivery_of_the_same_comment_changes_nothing(
    database: Database, mod: Moderation
) -> None:
    ingest(database, mod, facebook_records())
    before = comments(database)
    with database.uow() as uow:
        told = uow.session.scalar(select(text("count(*)")).select_from(Notification))
    changed = [one("edited text arriving again", "104000000000001_910000000000007")]
    again = ingest(database, mod, facebook_records() + changed)
    assert (again.added, again.duplicates, again.escalated) == (0, 4, 0)
    after = comments(database)
    assert after.keys() == before.keys()
    first = after["104000000000001_910000000000007"]
    assert first.text == "Congrats to the robotics team!"
    with database.uow() as uow:
        # the threat was escalated once: one case, nobody told twice
        assert uow.session.scalar(select(text("count(*)")).select_from(Case)) == 1
        assert uow.session.scalar(select(text("count(*)")).select_from(Notification)) == told


def test_comments_from_another_platform_are_refused_and_nothing_is_stored(
    database: Database, mod: Moderation
) -> None:
    with pytest.raises(ModerationProblem, match="platform: comment 1 is from YouTube"):
        ingest(database, mod, [one("hi", "y1", platform="youtube")])
    assert comments(database) == {}


def test_hiding_archives_the_comment_first_with_its_hash_chained_into_the_audit_log(
    database: Database, mod: Moderation
) -> None:
    ingest(database, mod, facebook_records())
    spam = comments(database)["104000000000001_910000000000009"]
    result = decide(database, mod, [spam.id], "hide")
    (entry_id,) = result.archived
    with database.uow() as uow:
        entry = uow.session.get(ArchiveEntry, entry_id)
        assert entry is not None
        assert entry.content_sha256 == content_sha256(entry.document)
        assert entry.document["text"] == spam.text
        assert entry.document["payload"]["attachment"]["type"] == "sticker"
        assert entry.document["times"]["created"] == "2025-10-03T03:30:00+00:00"
        assert entry.document["permalink"] == spam.permalink
        audit = uow.session.get(AuditEntry, entry.audit_seq)
        assert audit is not None and audit.event == "comment:archived"
        assert audit.after == {
            "sha256": entry.content_sha256,
            "comment_id": spam.id,
            "archive_entry_id": entry.id,
        }
        hidden = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.event == "comment:hidden")
        ).one()
        assert hidden.seq > audit.seq  # archived before the state changed
        count, problems = verify(uow.session)
        assert problems == [] and count > 2
    assert comments(database)["104000000000001_910000000000009"].state == "hidden"


def test_the_database_refuses_a_removal_without_an_archive_entry(
    database: Database, mod: Moderation
) -> None:
    ingest(database, mod, facebook_records())
    found = comments(database)
    praise = found["104000000000001_910000000000007"]
    spam = found["104000000000001_910000000000009"]
    for state in ("hidden", "deleted"):
        with database.uow() as uow, pytest.raises(IntegrityError):
            uow.session.execute(update(Comment).where(Comment.id == praise.id).values(state=state))
            uow.session.flush()
    # nor with another comment's archive entry
    result = decide(database, mod, [spam.id], "delete")
    with database.uow() as uow, pytest.raises(IntegrityError):
        uow.session.execute(
            update(Comment)
            .where(Comment.id == praise.id)
            .values(state="deleted", archive_entry_id=result.archived[0])
        )
        uow.session.flush()
    assert comments(database)["104000000000001_910000000000007"].state == "new"


def test_a_threat_opens_a_case_for_the_building_administration_with_the_pack_guidance(
    database: Database, mod: Moderation
) -> None:
    ingest(database, mod, facebook_records(), pack=NAPERVILLE)
    threat = comments(database)["104000000000001_910000000000008"]
    assert threat.case_id is not None
    with database.uow() as uow:
        case = uow.session.get(Case, threat.case_id)
        assert case is not None
        assert case.report_type == "threatening-post"
        assert case.building_id == mod.district.north
        assert case.source == "moderation"
        assert "Angry Parent" not in case.summary and "parking lot" not in case.summary
        bea_queue = case_queue(uow.session, principal(database, mod.building_admin))
        assert [c.id for c in bea_queue] == [case.id]
        notes = uow.session.scalars(
            select(Notification).where(Notification.person_id == mod.building_admin)
        ).all()
        assert len(notes) == 1


def test_a_defamatory_comment_is_reported_to_district_administration_before_removal(
    database: Database, mod: Moderation
) -> None:
    ingest(
        database,
        mod,
        [one("I heard Mr. Harlan is stealing from the PTA fund", "d1")],
        pack=NAPERVILLE,
    )
    comment = comments(database)["d1"]
    assert comment.defamation and comment.reported_at is None
    with database.uow() as uow, pytest.raises(IntegrityError):
        uow.session.execute(update(Comment).where(Comment.id == comment.id).values(state="hidden"))
        uow.session.flush()
    result = decide(database, mod, [comment.id], "delete", pack=NAPERVILLE)
    assert result.reported == [comment.id]
    after = comments(database)["d1"]
    assert after.state == "deleted" and after.reported_at is not None
    with database.uow() as uow:
        case = uow.session.get(Case, after.report_id)
        assert case is not None and case.report_type == "defamatory-comment"
        events = [
            e.event
            for e in uow.session.scalars(
                select(AuditEntry)
                .where(AuditEntry.subject_id.in_([comment.id, case.id]))
                .order_by(AuditEntry.seq)
            )
        ]
    assert events[-4:] == ["case:opened", "comment:reported", "comment:archived", "comment:deleted"]


def test_bulk_decisions_are_all_or_nothing(database: Database, mod: Moderation) -> None:
    ingest(database, mod, facebook_records())
    found = comments(database)
    ids = [c.id for c in found.values()]
    decide(database, mod, ids[:1], "delete")
    with pytest.raises(ModerationProblem, match="action: a deleted comment cannot be hidden"):
        decide(database, mod, ids, "hide")
    assert sorted(c.state for c in comments(database).values()) == sorted(
        ["deleted", "new", "escalated"]
    )
    result = decide(database, mod, ids[1:], "keep")
    assert len(result.comment_ids) == 2


def test_a_manager_of_one_account_cannot_act_on_another_accounts_comments(
    database: Database, mod: Moderation
) -> None:
    ingest(database, mod, facebook_records())
    target = comments(database)["104000000000001_910000000000009"]
    steve_scope = scope_of(database, mod.district.south_teacher, (mod.south_insta,))
    assert not steve_scope.empty
    with database.uow() as uow, pytest.raises(service.CommentNotFound):
        service.decide(
            uow=uow,
            pack_id=WILMETTE,
            comment_ids=[target.id],
            decision="delete",
            actor_id=mod.district.south_teacher,
            scope=steve_scope,
            now=NOW,
        )
    assert comments(database)["104000000000001_910000000000009"].state == "new"


def test_sqlite_and_postgres_hold_no_naive_times(database: Database, mod: Moderation) -> None:
    ingest(database, mod, facebook_records())
    with database.uow() as uow:
        assert uow.session.execute(text("select 1")).scalar() == 1
    for comment in comments(database).values():
        assert comment.created_time.tzinfo is not None


def test_an_escalated_comment_is_summed_up_in_plain_english(
    database: Database, mod: Moderation
) -> None:
    """Generated sentences agree: "An escalated comment", never "A escalated comment"."""
    ingest(database, mod, facebook_records(), pack=NAPERVILLE)
    plain = next(
        c
        for c in comments(database).values()
        if c.case_id is None and c.state == "new" and "threat" not in c.flagged and not c.defamation
    )
    decide(database, mod, [plain.id], "escalate")
    escalated = comments(database)[plain.platform_comment_id]
    assert escalated.case_id is not None
    with database.uow() as uow:
        case = uow.session.get(Case, escalated.case_id)
        assert case is not None
        assert case.summary.startswith("An escalated comment on the district's"), case.summary


def test_links_to_the_districts_own_website_are_not_taken_for_spam(
    database: Database, mod: Moderation
) -> None:
    with database.uow() as uow:
        uow.session.add(
            OfficialAccount(
                pack_id=WILMETTE,
                platform="website",
                handle="Wilmette 39",
                url="https://www.wilmette39.org",
                purpose="District news",
                owner_id=mod.district.principal,
                created_with_email=f"paula.prince@{DOMAIN}",
                created_at=NOW - dt.timedelta(days=10),
            )
        )
        uow.commit()
    records = [
        one("Conference sign-ups are open: https://www.wilmette39.org/conferences", "c-own"),
        one("Forms for next year: bit.ly/wilmette39-forms", "c-short"),
        one("free gift cards for parents tinyurl.com/gftcrd8", "c-spam"),
    ]
    ingest(database, mod, records)
    found = comments(database)
    assert "spam_or_commercial_link" not in found["c-own"].flagged
    assert "spam_or_commercial_link" not in found["c-short"].flagged
    assert "spam_or_commercial_link" in found["c-spam"].flagged
