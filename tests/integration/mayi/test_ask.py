"""Asking "may I?" as a person in the directory: approvals and disclosures on file are
facts the engine uses, and the decision says which facts came from the record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from lanyard.audit.orm import AuditEntry
from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile, Person, RelationshipDisclosure
from lanyard.mayi.service import ask

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


def _people(database: Database) -> dict[str, str]:
    with database.uow() as uow:
        teacher = Person(kind="staff", staff_role="teacher", given_name="Ada", family_name="Lee")
        coach = Person(kind="staff", staff_role="coach", given_name="Bo", family_name="Ray")
        student = Person(
            kind="student",
            given_name="Cy",
            family_name="Dunn",
            birth_date=dt.date(2015, 3, 1),
        )
        uow.session.add_all([teacher, coach, student])
        uow.session.flush()
        uow.session.add(
            RelationshipDisclosure(
                employee_id=teacher.id,
                student_id=student.id,
                kind="religious",
                disclosed_at=NOW - dt.timedelta(days=30),
            )
        )
        uow.session.add(
            ApprovalOnFile(
                person_id=coach.id,
                form="social-media-request",
                granted_at=NOW - dt.timedelta(days=3),
                expires_at=NOW + dt.timedelta(days=300),
            )
        )
        uow.commit()
        return {"teacher": teacher.id, "coach": coach.id, "student": student.id}


CHURCH_TEXT: dict[str, Any] = {
    "district": "chsd-230",
    "actor": {"on_duty": False, "relationship": "none"},
    "action": "message",
    "purpose": "personal",
    "channel": {
        "medium": "text_message",
        "account": "personal",
        "device": "personal",
        "network": "other",
    },
    "counterparts": [{"role": "student", "count": 1, "account": "personal"}],
}


def test_disclosure_on_file_changes_the_answer_and_is_named(database: Database) -> None:
    ids = _people(database)
    with database.uow() as uow:
        without = ask(
            uow=uow, asker_id=ids["teacher"], draft=CHURCH_TEXT, counterpart_id=None, now=NOW
        )
    assert without.decision.verdict == "prohibited"
    with database.uow() as uow:
        answer = ask(
            uow=uow,
            asker_id=ids["teacher"],
            draft=CHURCH_TEXT,
            counterpart_id=ids["student"],
            now=NOW,
        )
    assert answer.decision.verdict == "allowed_with_obligations"
    assert [o.do for o in answer.decision.obligations].count("notify") >= 1
    fields = {f.field: f for f in answer.from_record}
    assert fields["actor.relationship"].value == "religious"
    assert fields["actor.role"].value == "teacher"
    assert fields["counterparts[0].age_under_13"].value is True


def test_approval_on_file_turns_needs_approval_into_allowed(database: Database) -> None:
    ids = _people(database)
    draft = {
        "district": "chsd-230",
        "actor": {"on_duty": True, "relationship": "none"},
        "action": "create_account",
        "purpose": "district_business",
        "channel": {
            "medium": "social_post",
            "platform": "instagram",
            "account": "district",
            "device": "district",
            "network": "district",
        },
        "counterparts": [{"role": "student", "count": 30}],
    }
    with database.uow() as uow:
        teacher = ask(uow=uow, asker_id=ids["teacher"], draft=draft, counterpart_id=None, now=NOW)
    with database.uow() as uow:
        coach = ask(uow=uow, asker_id=ids["coach"], draft=draft, counterpart_id=None, now=NOW)
    assert teacher.decision.verdict == "needs_approval"
    assert coach.decision.verdict == "allowed_with_obligations"
    later = NOW + dt.timedelta(days=400)  # the approval has expired
    with database.uow() as uow:
        expired = ask(uow=uow, asker_id=ids["coach"], draft=draft, counterpart_id=None, now=later)
    assert expired.decision.verdict == "needs_approval"


def test_each_decision_is_kept_for_replay(database: Database) -> None:
    ids = _people(database)
    with database.uow() as uow:
        ask(uow=uow, asker_id=ids["teacher"], draft=CHURCH_TEXT, counterpart_id=None, now=NOW)
    with database.uow() as uow:
        kept = uow.session.scalars(
            select(AuditEntry.after).where(AuditEntry.event == "decision:asked")
        ).one()
    assert kept is not None
    assert len(kept["pack_hash"]) == 64
    assert kept["situation"]["action"] == "message"
    assert kept["decision"]["verdict"] == "prohibited"


PHOTO_POST: dict[str, Any] = {
    "district": "chsd-230",
    "actor": {"on_duty": True},
    "action": "post",
    "purpose": "district_business",
    "channel": {"medium": "social_post", "account": "district", "device": "district",
                "network": "district", "platform": "instagram", "district_alternative": True},
    "counterparts": [{"role": "student", "count": 1}],
    "content": {"student_images": True, "student_pii": False, "student_records": False,
                "confidential_information": False, "inappropriate": False,
                "coworker_images": False, "district_logo": False, "copyrighted_material": False,
                "speaks_for_district": False, "public_extracurricular": False},
}  # fmt: skip


def test_a_pictured_students_opt_out_on_file_is_a_fact_of_the_answer(database: Database) -> None:
    from lanyard.prepub.orm import Consent

    ids = _people(database)

    def answer_now():  # type: ignore[no-untyped-def]
        with database.uow(write=True) as uow:
            return ask(uow=uow, asker_id=ids["teacher"], draft=PHOTO_POST,
                       counterpart_id=ids["student"], now=NOW)  # fmt: skip

    unknown = answer_now()  # nothing on file: the answer still asks
    assert "content.media_permission_denied" in unknown.decision.needs_facts
    assert "content.media_permission_denied" not in [f.field for f in unknown.from_record]
    with database.uow(write=True) as uow:
        uow.session.add(Consent(student_id=ids["student"], scope="photo", school_year=2027,
                                decision="opt_out", updated_at=NOW))  # fmt: skip
        uow.commit()
    denied = answer_now()
    assert denied.decision.verdict == "prohibited" and denied.decision.needs_facts == ()
    fact = next(f for f in denied.from_record if f.field == "content.media_permission_denied")
    assert fact.value is True and "opt-out on file" in fact.source
    # a release for social media this school year clears it
    with database.uow(write=True) as uow:
        consent = uow.session.scalars(select(Consent)).one()
        consent.school_year, consent.scope, consent.decision = 2027, "social_media", "opt_in"
        uow.commit()
    released = answer_now()
    assert released.decision.verdict == "allowed"
    fact = next(f for f in released.from_record if f.field == "content.media_permission_denied")
    assert fact.value is False and "release for social media" in fact.source
