"""Requests end to end through the service layer on SQLite and PostgreSQL: filing,
deciding, the approval on file the engine reads, follow-up, expiry, and every refusal
leaving the database as it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from lanyard.approvals import service
from lanyard.approvals.domain import FieldsInvalid, TransitionRefused
from lanyard.approvals.orm import ApprovalRequest, RequestEvent
from lanyard.approvals.workflow import NotAllowed, RequestNotFound
from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import verify
from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile, RoleAssignment
from lanyard.mayi.service import ask
from lanyard.notify.orm import Notification
from tests.integration.approvals.conftest import NOW
from tests.support.district import District

CHSD = "chsd-230"
WILMETTE = "wilmette-39"
SOCIAL = {
    "activity": "Robotics club",
    "platform": "Instagram",
    "purpose": "Share build-season photos of robots (no student faces) with families.",
}
CREATE_CLUB_ACCOUNT: dict[str, Any] = {
    "district": CHSD,
    "actor": {"role": "teacher"},
    "action": "create_account",
    "purpose": "district_business",
    "channel": {"medium": "social_post", "platform": "instagram", "account": "district"},
}


def _file(database: Database, district: District, pack: str = CHSD, **values: str) -> str:
    with database.uow() as uow:
        rid = service.create_draft(
            uow=uow,
            pack_id=pack,
            form_id="social-media-request",
            requester_id=district.teacher,
            values=values or SOCIAL,
            now=NOW,
        )
    with database.uow() as uow:
        service.submit(uow=uow, request_id=rid, actor_id=district.teacher, now=NOW)
    return rid


def _state(database: Database, rid: str) -> str:
    with database.uow() as uow:
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None
        return req.state


def _counts(database: Database) -> tuple[int, int, int, int]:
    with database.uow() as uow:
        s = uow.session
        return (
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            s.scalar(select(func.count()).select_from(RequestEvent)) or 0,
            s.scalar(select(func.count()).select_from(ApprovalOnFile)) or 0,
            s.scalar(select(func.count()).select_from(Notification)) or 0,
        )


def _ask(database: Database, district: District, now: dt.datetime = NOW) -> Any:
    with database.uow() as uow:
        return ask(
            uow=uow,
            asker_id=district.teacher,
            draft=CREATE_CLUB_ACCOUNT,
            counterpart_id=None,
            now=now,
        ).decision


def test_approval_changes_the_teachers_may_i_and_cites_the_clause(
    database: Database, district: District
) -> None:
    before = _ask(database, district)
    assert before.verdict == "needs_approval"
    assert before.approval.form == "social-media-request"

    rid = _file(database, district)
    with database.uow() as uow:
        approval_id = service.approve(
            uow=uow,
            request_id=rid,
            approver_id=district.principal,
            conditions="Only the club's sponsors post.",
            now=NOW + dt.timedelta(hours=2),
        )
    assert approval_id is not None

    after = _ask(database, district, NOW + dt.timedelta(hours=3))
    assert after.verdict == "allowed_with_obligations"
    assert any("District-Sponsored" in c.clause for c in after.citations)
    assert any(f.satisfied_by == "social-media-request" for f in after.fired)
    with database.uow() as uow:
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None and req.state == "approved"
        assert req.decided_by_id == district.principal
        assert req.conditions == "Only the club's sponsors post."
        assert req.expires_at is None  # chsd-230's form never expires
        approval = uow.session.get(ApprovalOnFile, approval_id)
        assert approval is not None and approval.details["request_id"] == rid
        assert approval.granted_by_id == district.principal
        told = {n.person_id for n in uow.session.scalars(select(Notification))}
        assert {district.principal, district.teacher} <= told
        assert verify(uow.session)[1] == []


def test_limits_ticked_go_on_file_and_the_may_i_answer_checks_them(
    database: Database, district: District
) -> None:
    rid = _file(database, district)
    with database.uow() as uow:
        approval_id = service.approve(
            uow=uow,
            request_id=rid,
            approver_id=district.principal,
            limit_ids=["district_account_only", "group_only"],
            conditions="Only the club's sponsors post.",
            now=NOW,
        )
    with database.uow() as uow:
        approval = uow.session.get(ApprovalOnFile, approval_id)
        assert approval is not None
        assert approval.limits == ["group_only", "district_account_only"]  # the vocabulary's order
        entry = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.event == "request:approved")
        ).one()
        assert entry.after is not None
        assert entry.after["limits"] == ["group_only", "district_account_only"]
        assert entry.after["conditions"] == "Only the club's sponsors post."
    # A club account for 30 students from the district account is within both limits.
    club = {**CREATE_CLUB_ACCOUNT, "counterparts": [{"role": "student", "count": 30}]}
    with database.uow() as uow:
        within = ask(uow=uow, asker_id=district.teacher, draft=club, counterpart_id=None, now=NOW)
    assert any(f.satisfied_by == "social-media-request" for f in within.decision.fired)
    duties = [o.what for o in within.decision.obligations if o.do == "verify"]
    assert "Only the club's sponsors post." in duties
    # From her own account it is outside one: the approval does not count.
    own = {**club, "channel": {**club["channel"], "account": "personal"}}
    with database.uow() as uow:
        outside = ask(uow=uow, asker_id=district.teacher, draft=own, counterpart_id=None, now=NOW)
    assert not any(f.satisfied_by for f in outside.decision.fired)
    assert [n.status for n in outside.approval_notes] == ["outside"]


def test_a_limit_outside_the_vocabulary_is_refused(database: Database, district: District) -> None:
    rid = _file(database, district)
    error = _refused(
        database,
        FieldsInvalid,
        lambda uow: service.approve(
            uow=uow,
            request_id=rid,
            approver_id=district.principal,
            limit_ids=["group_only", "weekends_only"],
            now=NOW,
        ),
    )
    assert "weekends_only is not a limit Lanyard can check" in str(error)
    assert _state(database, rid) == "submitted"


def test_requester_follows_up_with_the_web_address_and_the_named_roles_are_told(
    database: Database, district: District
) -> None:
    rid = _file(database, district)
    with database.uow() as uow:
        service.approve(uow=uow, request_id=rid, approver_id=district.principal, now=NOW)
    with database.uow() as uow:
        told = service.complete_follow_up(
            uow=uow,
            request_id=rid,
            actor_id=district.teacher,
            note="https://instagram.com/northrobotics",
            now=NOW,
        )
    assert told == 2  # North's building principal and the director of technology
    with database.uow() as uow:
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None and req.follow_up_status == "done"
        subjects = [
            n.subject
            for n in uow.session.scalars(
                select(Notification).where(Notification.person_id == district.south_teacher)
            )
        ]
    assert subjects == ["Follow-up of an approved request: Social Media Request Form"]
    with database.uow() as uow, pytest.raises(NotAllowed):
        service.complete_follow_up(
            uow=uow, request_id=rid, actor_id=district.teacher, note="again", now=NOW
        )


def test_return_resubmit_then_deny(database: Database, district: District) -> None:
    rid = _file(database, district)
    with database.uow() as uow:
        service.return_for_changes(
            uow=uow,
            request_id=rid,
            approver_id=district.principal,
            reason="Name the sponsor who will monitor it.",
            now=NOW,
        )
    assert _state(database, rid) == "returned"
    with database.uow() as uow:
        service.resubmit(
            uow=uow,
            request_id=rid,
            actor_id=district.teacher,
            values={**SOCIAL, "purpose": SOCIAL["purpose"] + " Mr. Ortiz monitors it."},
            now=NOW,
        )
    assert _state(database, rid) == "submitted"
    with database.uow() as uow:
        service.deny(
            uow=uow, request_id=rid, approver_id=district.principal, reason="Use Canvas.", now=NOW
        )
    assert _state(database, rid) == "denied"
    with database.uow() as uow:
        actions = [
            e.action
            for e in uow.session.scalars(
                select(RequestEvent).where(RequestEvent.request_id == rid).order_by(RequestEvent.at)
            )
        ]
    assert actions == ["create", "submit", "return", "resubmit", "deny"]


def test_yearly_approval_expires_after_a_reminder(database: Database, district: District) -> None:
    rid = _file(database, district, pack=WILMETTE, **SOCIAL, district_email="tina@example.org")
    with database.uow() as uow:
        service.approve(uow=uow, request_id=rid, approver_id=district.admin, now=NOW)
    with database.uow() as uow:
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None and req.expires_at == NOW.replace(year=2027)
    early = NOW + dt.timedelta(days=300)
    with database.uow() as uow:
        assert service.remind_expiring(uow=uow, now=early) == 0
    soon = NOW + dt.timedelta(days=340)
    with database.uow() as uow:
        assert service.remind_expiring(uow=uow, now=soon) == 1
    with database.uow() as uow:
        assert service.remind_expiring(uow=uow, now=soon) == 0  # once only
    with database.uow() as uow:
        assert service.expire_due(uow=uow, now=NOW + dt.timedelta(days=366)) == 1
    assert _state(database, rid) == "expired"
    with database.uow() as uow:
        assert service.expire_due(uow=uow, now=NOW + dt.timedelta(days=367)) == 0
        subjects = [
            n.subject
            for n in uow.session.scalars(
                select(Notification).where(Notification.person_id == district.teacher)
            )
        ]
    assert any(s.startswith("Your approval expires soon") for s in subjects)
    assert any(s.startswith("Your approval has expired") for s in subjects)


def test_withdrawing_an_approved_request_takes_the_approval_off_file(
    database: Database, district: District
) -> None:
    rid = _file(database, district)
    with database.uow() as uow:
        service.approve(uow=uow, request_id=rid, approver_id=district.principal, now=NOW)
    with database.uow() as uow:
        service.withdraw(uow=uow, request_id=rid, actor_id=district.teacher, now=NOW)
    assert _ask(database, district).verdict == "needs_approval"


# ------------------------------------------------------------------ refusals change nothing


def _refused(database: Database, error: type[Exception], call: Any) -> Exception:
    before = _counts(database)
    with database.uow() as uow, pytest.raises(error) as caught:
        call(uow)
    assert _counts(database) == before
    return caught.value


def test_missing_required_field_is_refused_naming_the_field(
    database: Database, district: District
) -> None:
    with database.uow() as uow:
        rid = service.create_draft(
            uow=uow,
            pack_id=CHSD,
            form_id="social-media-request",
            requester_id=district.teacher,
            values={"activity": "Chess"},
            now=NOW,
        )
    error = _refused(
        database,
        FieldsInvalid,
        lambda uow: service.submit(uow=uow, request_id=rid, actor_id=district.teacher, now=NOW),
    )
    assert isinstance(error, FieldsInvalid)
    assert set(error.by_field()) == {"platform", "purpose"}
    assert _state(database, rid) == "draft"


def test_tampered_form_with_an_unknown_field_is_refused(
    database: Database, district: District
) -> None:
    error = _refused(
        database,
        FieldsInvalid,
        lambda uow: service.create_draft(
            uow=uow,
            pack_id=CHSD,
            form_id="social-media-request",
            requester_id=district.teacher,
            values={**SOCIAL, "approved": "yes"},
            now=NOW,
        ),
    )
    assert "approved: is not a field of this form" in str(error)


def test_unknown_form_is_refused(database: Database, district: District) -> None:
    error = _refused(
        database,
        FieldsInvalid,
        lambda uow: service.create_draft(
            uow=uow,
            pack_id=CHSD,
            form_id="free-pizza",
            requester_id=district.teacher,
            values={},
            now=NOW,
        ),
    )
    assert "form_id" in str(error)


def test_wrong_role_cannot_approve_and_learns_nothing_about_the_request(
    database: Database, district: District
) -> None:
    rid = _file(database, district)
    # Ada is the superintendent's designee, but chsd-230's form names the building principal:
    # to her the request is as good as absent.
    error = _refused(
        database,
        RequestNotFound,
        lambda uow: service.approve(uow=uow, request_id=rid, approver_id=district.admin, now=NOW),
    )
    assert "not yours to see" in str(error)
    assert _state(database, rid) == "submitted"


def test_principal_of_another_building_cannot_approve(
    database: Database, district: District
) -> None:
    from lanyard.auth.permissions import Principal, RoleGrant, can_decide_request

    with database.uow() as uow:
        uow.session.add(
            RoleAssignment(
                person_id=district.admin, role="building_principal", building_id=district.south
            )
        )
        uow.commit()
    rid = _file(database, district)
    _refused(
        database,
        RequestNotFound,
        lambda uow: service.approve(uow=uow, request_id=rid, approver_id=district.admin, now=NOW),
    )
    south = Principal(
        district.admin, "staff", roles=frozenset({RoleGrant("building_principal", district.south)})
    )
    answer = can_decide_request(
        south, approver_role="building_principal", building_id=district.north, requester_id="x"
    )
    assert not answer and "another building" in answer.reason


def test_approver_never_approves_their_own_request(database: Database, district: District) -> None:
    with database.uow() as uow:
        rid = service.create_draft(
            uow=uow,
            pack_id=CHSD,
            form_id="social-media-request",
            requester_id=district.principal,
            values=SOCIAL,
            now=NOW,
        )
    with database.uow() as uow:
        service.submit(uow=uow, request_id=rid, actor_id=district.principal, now=NOW)
    error = _refused(
        database,
        NotAllowed,
        lambda uow: service.approve(
            uow=uow, request_id=rid, approver_id=district.principal, now=NOW
        ),
    )
    assert "own request" in str(error)


def test_double_approval_is_refused(database: Database, district: District) -> None:
    rid = _file(database, district)
    with database.uow() as uow:
        service.approve(uow=uow, request_id=rid, approver_id=district.principal, now=NOW)
    error = _refused(
        database,
        TransitionRefused,
        lambda uow: service.approve(
            uow=uow, request_id=rid, approver_id=district.principal, now=NOW
        ),
    )
    assert "already approved" in str(error)


@pytest.mark.parametrize("end", ["withdraw", "deny"])
def test_acting_on_a_closed_request_is_refused(
    database: Database, district: District, end: str
) -> None:
    rid = _file(database, district)
    with database.uow() as uow:
        if end == "withdraw":
            service.withdraw(uow=uow, request_id=rid, actor_id=district.teacher, now=NOW)
        else:
            service.deny(
                uow=uow, request_id=rid, approver_id=district.principal, reason="No.", now=NOW
            )
    error = _refused(
        database,
        TransitionRefused,
        lambda uow: service.approve(
            uow=uow, request_id=rid, approver_id=district.principal, now=NOW
        ),
    )
    assert ("withdrawn" if end == "withdraw" else "denied") in str(error)


def test_acting_on_an_expired_request_is_refused(database: Database, district: District) -> None:
    rid = _file(database, district, pack=WILMETTE, **SOCIAL, district_email="t@example.org")
    with database.uow() as uow:
        service.approve(uow=uow, request_id=rid, approver_id=district.admin, now=NOW)
    with database.uow() as uow:
        service.expire_due(uow=uow, now=NOW + dt.timedelta(days=400))
    error = _refused(
        database,
        TransitionRefused,
        lambda uow: service.withdraw(uow=uow, request_id=rid, actor_id=district.teacher, now=NOW),
    )
    assert "expired" in str(error)


def test_deny_needs_a_reason(database: Database, district: District) -> None:
    rid = _file(database, district)
    error = _refused(
        database,
        FieldsInvalid,
        lambda uow: service.deny(
            uow=uow, request_id=rid, approver_id=district.principal, reason="  ", now=NOW
        ),
    )
    assert "reason: is required" in str(error)


def test_another_teacher_cannot_see_or_withdraw_the_request(
    database: Database, district: District
) -> None:
    rid = _file(database, district)
    _refused(
        database,
        RequestNotFound,
        lambda uow: service.withdraw(
            uow=uow, request_id=rid, actor_id=district.south_teacher, now=NOW
        ),
    )


def test_a_history_of_steps_taken_at_one_moment_reads_in_the_order_they_happened(
    database: Database, district: District
) -> None:
    """Started, sent and approved at the same second (a form that starts and sends at
    once, a seeded district): the history is ordered by time, then by the request's
    lifecycle, never by the steps' random ids ("sent" showed before "started")."""
    from sqlalchemy import update

    from lanyard.approvals.queries import anonymous_detail

    rid = _file(database, district)
    with database.uow() as uow:
        service.approve(uow=uow, request_id=rid, approver_id=district.principal, now=NOW)
    # ids that sort against the order the steps happened
    with database.uow() as uow:
        for action, step_id in (("create", "f" * 32), ("submit", "8" * 32), ("approve", "0" * 32)):
            uow.session.execute(
                update(RequestEvent)
                .where(RequestEvent.request_id == rid, RequestEvent.action == action)
                .values(id=step_id)
            )
        uow.commit()
    with database.uow() as uow:
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None
        history = anonymous_detail(uow.session, req).history
    assert [h.action for h in history] == ["create", "submit", "approve"]
