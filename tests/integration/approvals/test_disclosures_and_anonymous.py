"""Relationship disclosures and anonymous requests through the service layer, on SQLite
and PostgreSQL: the disclosure feeds "May I?", the pack decides who is told, and an
anonymous request keeps only a hash of its private link."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from sqlalchemy import select

from lanyard.approvals import anonymous, service
from lanyard.approvals.orm import ApprovalRequest
from lanyard.approvals.workflow import NotAllowed, RequestNotFound
from lanyard.db.session import Database
from lanyard.directory.orm import RelationshipDisclosure
from lanyard.disclosures import service as disclosures
from lanyard.disclosures.domain import DisclosureInvalid
from lanyard.mayi.service import ask
from lanyard.notify.orm import Notification
from tests.integration.approvals.conftest import NOW
from tests.support.district import District

TEXT_STUDENT: dict[str, Any] = {
    "district": "chsd-230",
    "actor": {"on_duty": False},
    "action": "message",
    "purpose": "personal",
    "channel": {"medium": "text_message", "account": "personal", "device": "personal"},
    "counterparts": [{"role": "student", "count": 1}],
}


def _withdraw_seeded(database: Database, district: District) -> None:
    with database.uow() as uow:
        seeded = uow.session.scalars(select(RelationshipDisclosure.id)).one()
    with database.uow() as uow:
        disclosures.withdraw_disclosure(
            uow=uow, disclosure_id=seeded, employee_id=district.teacher, now=NOW
        )


def _verdict(database: Database, district: District) -> str:
    with database.uow() as uow:
        answer = ask(
            uow=uow,
            asker_id=district.teacher,
            draft=TEXT_STUDENT,
            counterpart_id=district.student,
            now=NOW,
        )
    return str(answer.decision.verdict)


def test_disclosure_feeds_may_i_and_tells_the_building_principal(
    database: Database, district: District
) -> None:
    _withdraw_seeded(database, district)
    assert _verdict(database, district) == "prohibited"
    with database.uow() as uow:
        did = disclosures.record_disclosure(
            uow=uow,
            pack_id="chsd-230",
            employee_id=district.teacher,
            student_id=district.student,
            kind="religious",
            description="Same parish",
            now=NOW,
        )
    assert _verdict(database, district) == "allowed_with_obligations"
    with database.uow() as uow:
        told = list(uow.session.scalars(select(Notification)))
        assert [n.person_id for n in told] == [district.principal]
        assert told[0].link == f"/disclosures/{did}"
    with database.uow() as uow:
        disclosures.withdraw_disclosure(
            uow=uow, disclosure_id=did, employee_id=district.teacher, now=NOW
        )
    assert _verdict(database, district) == "prohibited"


def test_bad_disclosures_are_refused_and_change_nothing(
    database: Database, district: District
) -> None:
    cases = [
        (district.south_student, "familial", "student_id"),  # another building's student
        (district.principal, "familial", "student_id"),  # not a student
        (district.student, "friend", "kind"),
        (district.student, "familial", "student_id"),  # already on file (seeded)
    ]
    for student, kind, field in cases:
        with database.uow() as uow, pytest.raises(DisclosureInvalid) as caught:
            disclosures.record_disclosure(
                uow=uow,
                pack_id="chsd-230",
                employee_id=district.teacher,
                student_id=student,
                kind=kind,
                description=None,
                now=NOW,
            )
        assert caught.value.field == field
    with database.uow() as uow:
        assert len(list(uow.session.scalars(select(RelationshipDisclosure)))) == 1
        assert list(uow.session.scalars(select(Notification))) == []


def test_anonymous_request_keeps_only_the_hash_of_its_private_link(
    database: Database, district: District
) -> None:
    values = {"site": "https://example.org", "purpose": "Research for a civics unit."}
    with database.uow() as uow:
        rid, token = anonymous.file_anonymous(
            uow=uow, pack_id="wilmette-39", form_id="filter-disable", values=values, now=NOW
        )
    with database.uow() as uow:
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None
        assert req.requester_id is None and req.building_id is None
        assert req.anonymous_token_hash == hashlib.sha256(token.encode()).hexdigest()
        found = anonymous.status_by_token(uow=uow, token=token)
        assert found is not None and found.id == rid
        assert anonymous.status_by_token(uow=uow, token=token + "x") is None
        # the district-wide superintendent's designee is told once the day has ended
        assert list(uow.session.scalars(select(Notification))) == []
    with database.uow() as uow:
        anonymous.release_held(uow=uow, now=NOW + dt.timedelta(days=1))
    with database.uow() as uow:
        told = [n.person_id for n in uow.session.scalars(select(Notification))]
    assert told == [district.admin]
    with database.uow() as uow:
        service.approve(uow=uow, request_id=rid, approver_id=district.admin, now=NOW)
    with database.uow() as uow:
        decided = anonymous.status_by_token(uow=uow, token=token)
        assert decided is not None and decided.state == "approved"
        assert decided.approval_id is None  # nobody to hold it on file


def test_forms_the_policy_does_not_allow_anonymously_are_refused(
    database: Database, district: District
) -> None:
    with database.uow() as uow, pytest.raises(NotAllowed):
        anonymous.file_anonymous(
            uow=uow,
            pack_id="wilmette-39",
            form_id="social-media-request",
            values={},
            now=NOW,
        )
    with database.uow() as uow, pytest.raises(RequestNotFound):
        anonymous.withdraw_by_token(uow=uow, token="guess", now=NOW)
