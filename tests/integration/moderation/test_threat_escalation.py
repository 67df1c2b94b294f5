"""A threat opens a case in every pack, for the people the pack names (or the building
administration and the district's safety contact), and each of them can open exactly what
the alert points at: the case, with the comment and the pack's guidance. SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from lanyard.auth.orm import Account
from lanyard.cases import reads
from lanyard.cases.orm import Case
from lanyard.cases.routing import CaseNotFound, case_link
from lanyard.connectors.comments import CommentRecord
from lanyard.db.session import Database
from lanyard.directory.orm import Person, PersonBuilding
from lanyard.moderation import service
from lanyard.moderation.orm import ArchiveEntry, Comment
from lanyard.notify.orm import Notification
from lanyard.policy.loader import builtin_pack_ids
from tests.integration.moderation.seed import NOW, Moderation, principal, scope_of
from tests.support.district import DOMAIN, password_hash

PACKS = sorted(builtin_pack_ids())
THREAT = "I'm going to bring a gun to North on Monday and shoot everyone in that biology class"
SAFETY = f"sam.safe@{DOMAIN}"


def safety_contact(db: Database, district_building: str) -> str:
    """Sam Safe, the district's safety officer (no Lanyard role at all)."""
    with db.uow() as uow:
        person = Person(
            kind="staff",
            staff_role="staff",
            given_name="Sam",
            family_name="Safe",
            email=SAFETY,
            primary_building_id=district_building,
        )
        uow.session.add(person)
        uow.session.flush()
        uow.session.add(PersonBuilding(person_id=person.id, building_id=district_building))
        uow.session.add(Account(person_id=person.id, username="sam", password_hash=password_hash()))
        uow.commit()
        return person.id


def threat(cid: str = "t1", text: str = THREAT) -> CommentRecord:
    return CommentRecord(
        platform="facebook",
        platform_comment_id=cid,
        text=text,
        created_at=NOW - dt.timedelta(hours=1),
        author_display="Angry Parent",
        raw={"id": cid, "message": text},
    )


def ingest(
    db: Database, mod: Moderation, pack: str, contact: str | None = SAFETY, text: str = THREAT
) -> None:
    with db.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id=pack,
            account_id=mod.north_page,
            records=[threat(text=text)],
            now=NOW,
            safety_contact=contact,
        )


def the_comment(db: Database) -> Comment:
    with db.uow() as uow:
        comment = uow.session.scalars(select(Comment)).one()
        uow.session.expunge_all()
    return comment


def told(db: Database, case_id: str) -> dict[str, str]:
    """person id -> the link of the notification they got"""
    with db.uow() as uow:
        rows = uow.session.scalars(select(Notification)).all()
        return {n.person_id: n.link or "" for n in rows if n.link == case_link(case_id)}


@pytest.mark.parametrize("pack", PACKS)
def test_a_threat_opens_a_case_in_every_pack_and_each_recipient_opens_it_with_the_comment(
    database: Database, mod: Moderation, pack: str
) -> None:
    sam = safety_contact(database, mod.district.north)
    ingest(database, mod, pack)
    comment = the_comment(database)
    assert "threat" in comment.flagged and comment.state == "escalated"
    assert comment.case_id is not None
    recipients = told(database, comment.case_id)
    assert recipients, f"{pack}: nobody was told"
    with database.uow() as uow:
        case = uow.session.get(Case, comment.case_id)
        assert case is not None and case.source == "moderation"
        assert case.building_id == mod.district.north
        assert "Angry Parent" not in case.summary and "gun" not in case.summary
        uow.session.expunge(case)
    if pack == "naperville-203":  # the pack names the building administration (and police)
        assert case.report_type == "threatening-post"
        assert set(recipients) == {mod.building_admin}
    else:  # the building administration and the district's safety contact
        assert case.report_type == "threatening-comment"
        assert sam in recipients and mod.district.principal in recipients
        assert case.contact_ids == [sam]
    for person_id in recipients:
        with database.uow() as uow:
            view = reads.view_case(
                uow=uow, case_id=case.id, viewer=principal(database, person_id, pack), now=NOW
            )
            assert [p.context["comment"]["text"] for p in view.panels] == [THREAT]
            guidance = view.panels[0].context["comment"]["guidance"]
            assert "If anyone is in immediate danger, call 911" in guidance.advice
            assert {t.name for t in view.told} >= {"Sam Safe"} or pack == "naperville-203"
    # nobody else: a teacher of the building sees neither the case nor the comment
    with database.uow() as uow, pytest.raises(CaseNotFound):
        reads.view_case(
            uow=uow, case_id=case.id, viewer=principal(database, mod.district.teacher), now=NOW
        )


SELF_HARM = (
    "my friend keeps saying she wants to kill herself",
    "he posted he's going to end it tonight",
    "I want to kill myself",
)


# Every pack, each with one of the texts (every text in some pack): a friend's report, a
# post seen, one's own.
@pytest.mark.parametrize(
    ("pack", "text"), [(p, SELF_HARM[i % len(SELF_HARM)]) for i, p in enumerate(PACKS)]
)
def test_self_harm_own_or_reported_opens_a_self_harm_case_in_every_pack(
    database: Database, mod: Moderation, pack: str, text: str
) -> None:
    safety_contact(database, mod.district.north)
    ingest(database, mod, pack, text=text)
    comment = the_comment(database)
    assert comment.state == "escalated" and comment.case_id is not None
    recipients = told(database, comment.case_id)
    assert recipients, f"{pack}: nobody was told"
    with database.uow() as uow:
        case = uow.session.get(Case, comment.case_id)
        assert case is not None
        assert case.summary.startswith("A comment with a self-harm signal on"), case.summary
    for person_id in recipients:
        with database.uow() as uow:
            view = reads.view_case(
                uow=uow,
                case_id=comment.case_id,
                viewer=principal(database, person_id, pack),
                now=NOW,
            )
            panel = view.panels[0].context["comment"]
            assert panel["text"] == text
            assert "If anyone is in immediate danger, call 911" in panel["guidance"].advice
            assert panel["self_harm"], f"{pack}: the case does not say it is about self-harm"
            assert "988" in panel["self_harm_advice"]
            assert "counselor" in panel["self_harm_advice"]


def test_a_threat_to_others_gets_no_self_harm_guidance(database: Database, mod: Moderation) -> None:
    safety_contact(database, mod.district.north)
    ingest(database, mod, "wilmette-39")
    comment = the_comment(database)
    assert comment.case_id is not None
    with database.uow() as uow:
        case = uow.session.get(Case, comment.case_id)
        assert case is not None and case.summary.startswith("A threatening comment on")
        view = reads.view_case(
            uow=uow, case_id=case.id, viewer=principal(database, mod.district.principal), now=NOW
        )
        assert not view.panels[0].context["comment"]["self_harm"]


def test_the_case_summary_names_the_platform_and_no_internal_id(
    database: Database, mod: Moderation
) -> None:
    """Found trying the demo as the principal: the case read "on the district's facebook
    account … (comment ebce6049…)", an id nobody can use. The summary names the platform as
    people write it and says the comment is shown with the case."""
    ingest(database, mod, "wilmette-39")
    comment = the_comment(database)
    with database.uow() as uow:
        case = uow.session.get(Case, comment.case_id)
        assert case is not None
        assert "on the district's Facebook account" in case.summary, case.summary
        assert comment.id not in case.summary, case.summary
        assert "The comment is shown with this case" in case.summary


def test_the_safety_contact_may_be_a_person_id_and_gets_no_moderation_rights(
    database: Database, mod: Moderation
) -> None:
    sam = safety_contact(database, mod.district.north)
    ingest(database, mod, "wilmette-39", contact=sam)
    comment = the_comment(database)
    assert comment.case_id is not None and sam in told(database, comment.case_id)
    assert scope_of(database, sam).empty  # the case, not the queue


def test_without_a_safety_contact_the_lanyard_administrators_are_told(
    database: Database, mod: Moderation
) -> None:
    ingest(database, mod, "chsd-230", contact=None)
    comment = the_comment(database)
    assert comment.case_id is not None
    recipients = told(database, comment.case_id)
    assert mod.district.admin in recipients and mod.district.principal in recipients


def test_an_escalated_comment_is_archived_like_any_other(
    database: Database, mod: Moderation
) -> None:
    ingest(database, mod, "wilmette-39")
    comment = the_comment(database)
    with database.uow() as uow:
        entry = uow.session.get(ArchiveEntry, comment.archive_entry_id)
        assert entry is not None and entry.action == "escalate"
        assert entry.document["text"] == THREAT
    # a site manager deletes it later: archived again, the case stays
    with database.uow() as uow:
        result = service.decide(
            uow=uow,
            pack_id="wilmette-39",
            comment_ids=[comment.id],
            decision="delete",
            actor_id=mod.site_manager,
            scope=scope_of(database, mod.site_manager),
            now=NOW,
        )
    assert len(result.archived) == 1
    after = the_comment(database)
    assert after.state == "deleted" and after.case_id == comment.case_id


@pytest.mark.parametrize("pack", ["chsd-230", "wilmette-39"])
def test_without_a_defamation_report_district_administration_gets_a_case_it_can_open(
    database: Database, mod: Moderation, pack: str
) -> None:
    with database.uow() as uow:
        service.ingest(
            uow=uow,
            pack_id=pack,
            account_id=mod.north_page,
            records=[threat("d1", "I heard Mr. Harlan is stealing from the PTA fund")],
            now=NOW,
        )
    comment = the_comment(database)
    assert comment.defamation
    with database.uow() as uow:
        service.decide(
            uow=uow,
            pack_id=pack,
            comment_ids=[comment.id],
            decision="hide",
            actor_id=mod.site_manager,
            scope=scope_of(database, mod.site_manager),
            now=NOW,
        )
    after = the_comment(database)
    assert after.state == "hidden" and after.report_id is not None
    assert set(told(database, after.report_id)) == {mod.district_admin}
    with database.uow() as uow:
        view = reads.view_case(
            uow=uow,
            case_id=after.report_id,
            viewer=principal(database, mod.district_admin),
            now=NOW,
        )
        assert view.case.report_type == "defamatory-comment" and view.builtin
        assert [p.context["comment"]["text"] for p in view.panels] == [
            "I heard Mr. Harlan is stealing from the PTA fund"
        ]


PAST_NEWS = (
    "five years ago someone threatened to blow up the high school and the police caught him "
    "within an hour"
)


def test_a_past_incident_told_as_news_waits_for_review_and_opens_no_case(
    database: Database, mod: Moderation
) -> None:
    safety_contact(database, mod.district.north)
    ingest(database, mod, "wilmette-39", text=PAST_NEWS)
    comment = the_comment(database)
    assert "threat" not in comment.flagged
    assert comment.state != "escalated" and comment.case_id is None
    assert comment.suggested_action == "review"
    with database.uow() as uow:
        assert uow.session.scalars(select(Case)).all() == []
        assert uow.session.scalars(select(Notification)).all() == []
