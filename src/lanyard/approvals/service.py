"""Request use cases: one function each, keyword-only, and only it commits.

Every change moves the request with a conditional update on its state (two approvers
clicking at once: one wins, the other is told it is already decided), appends a history
row and an audit entry in the same transaction; notifications are mailed after commit.
Errors: :class:`RequestNotFound` (also for a request the actor may not see),
:class:`NotAllowed`, :class:`~lanyard.approvals.domain.TransitionRefused` and
:class:`~lanyard.approvals.domain.FieldsInvalid`; nothing is changed when one is raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sqlalchemy import update
from sqlalchemy.orm import Session

from lanyard.approvals import domain, limits
from lanyard.approvals.domain import Action, State
from lanyard.approvals.orm import ApprovalRequest, RequestEvent
from lanyard.approvals.workflow import (
    Deliver,
    NotAllowed,
    RequestNotFound,
    actor_of,
    approvers_of,
    audit_change,
    default_building,
    form_of,
    load,
    move,
    own,
    snapshot,
    tell,
)
from lanyard.audit.service import AuditEvent
from lanyard.auth.permissions import can_decide_request, can_view_request
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import ApprovalOnFile

# ----------------------------------------------------------------------------- use cases


def create_draft(
    *,
    uow: UnitOfWork,
    pack_id: str,
    form_id: str,
    requester_id: str,
    values: Mapping[str, object],
    now: dt.datetime,
    building_id: str | None = None,
) -> str:
    """A draft request for ``form_id`` (incomplete values are fine until it is submitted)."""
    session = uow.session
    actor_of(session, requester_id)
    form = form_of(pack_id, form_id)
    cleaned = domain.clean_values(form, values, complete=False)
    person = directory.get_person(session, requester_id)
    assert person is not None
    req = ApprovalRequest(
        pack_id=pack_id,
        form_id=form.id,
        approver_role=form.approver,
        requester_id=requester_id,
        building_id=default_building(person, building_id),
        state=str(State.DRAFT),
        values=cleaned,
        created_at=now,
        updated_at=now,
        follow_up_status="none",
    )
    session.add(req)
    session.flush()
    session.add(
        RequestEvent(
            request_id=req.id, at=now, actor_id=requester_id, action="create", to_state="draft"
        )
    )
    audit_change(session, req, AuditEvent.REQUEST_DRAFTED, now=now, actor_id=requester_id)
    uow.commit()
    return req.id


def update_draft(
    *,
    uow: UnitOfWork,
    request_id: str,
    actor_id: str,
    values: Mapping[str, object],
    now: dt.datetime,
) -> None:
    """Change the values of a draft or of a request returned for changes."""
    session = uow.session
    req = own(session, request_id, actor_of(session, actor_id))
    cleaned = domain.clean_values(form_of(req.pack_id, req.form_id), values, complete=False)
    before = snapshot(req)
    move(session, req, Action.EDIT, now=now, actor_id=actor_id, changes={"values": cleaned})
    audit_change(session, req, AuditEvent.REQUEST_EDITED, now=now, actor_id=actor_id, before=before)
    uow.commit()


def _send_for_decision(
    uow: UnitOfWork,
    req: ApprovalRequest,
    action: Action,
    *,
    actor_id: str,
    values: Mapping[str, object] | None,
    now: dt.datetime,
    deliver: Deliver | None,
) -> None:
    session = uow.session
    form = form_of(req.pack_id, req.form_id)
    cleaned = domain.clean_values(form, req.values if values is None else values, complete=True)
    before = snapshot(req)
    move(
        session,
        req,
        action,
        now=now,
        actor_id=actor_id,
        changes={"values": cleaned, "submitted_at": now, "decision_note": None},
    )
    event = (
        AuditEvent.REQUEST_SUBMITTED if action is Action.SUBMIT else AuditEvent.REQUEST_RESUBMITTED
    )
    audit_change(session, req, event, now=now, actor_id=actor_id, before=before)
    requester = directory.get_person(session, actor_id)
    who = requester.display_name if requester else "A staff member"
    tell(
        uow,
        approvers_of(session, req),
        subject=f"A request awaits your decision: {form.title}"[:255],
        body=f"{who} {'resubmitted' if action is Action.RESUBMIT else 'submitted'} a request "
        f"({form.title}). Open it in Lanyard to approve, deny or return it.",
        now=now,
        req=req,
        deliver=deliver,
    )
    uow.commit()


def submit(
    *,
    uow: UnitOfWork,
    request_id: str,
    actor_id: str,
    now: dt.datetime,
    values: Mapping[str, object] | None = None,
    deliver: Deliver | None = None,
) -> None:
    """Send a draft to the approver the pack names; every required field must be filled."""
    req = own(uow.session, request_id, actor_of(uow.session, actor_id))
    _send_for_decision(
        uow, req, Action.SUBMIT, actor_id=actor_id, values=values, now=now, deliver=deliver
    )


def resubmit(
    *,
    uow: UnitOfWork,
    request_id: str,
    actor_id: str,
    now: dt.datetime,
    values: Mapping[str, object] | None = None,
    deliver: Deliver | None = None,
) -> None:
    """Send a request returned for changes back to the approver (with new values)."""
    req = own(uow.session, request_id, actor_of(uow.session, actor_id))
    _send_for_decision(
        uow, req, Action.RESUBMIT, actor_id=actor_id, values=values, now=now, deliver=deliver
    )


def _decider(session: Session, request_id: str, approver_id: str) -> ApprovalRequest:
    req = load(session, request_id)
    actor = actor_of(session, approver_id, pack_id=req.pack_id)
    answer = can_decide_request(
        actor,
        approver_role=req.approver_role,
        building_id=req.building_id,
        requester_id=req.requester_id,
    )
    if not answer:
        if not can_view_request(
            actor,
            approver_role=req.approver_role,
            building_id=req.building_id,
            requester_id=req.requester_id,
        ):
            raise RequestNotFound()
        raise NotAllowed(f"You cannot decide this request: {answer.reason}.")
    return req


def approve(
    *,
    uow: UnitOfWork,
    request_id: str,
    approver_id: str,
    now: dt.datetime,
    conditions: str | None = None,
    limit_ids: Iterable[str] = (),
    valid_until: dt.date | None = None,
    deliver: Deliver | None = None,
) -> str | None:
    """Approve in writing: approver, time, conditions and the checkable limits ticked
    (:mod:`lanyard.approvals.limits`) are kept, and an approval goes on file for the
    requester (what the engine reads; "May I?" counts it only within its limits). Returns
    the approval's id (None for an anonymous request, which has nobody to hold it)."""
    session = uow.session
    req = _decider(session, request_id, approver_id)
    domain.next_state(State(req.state), Action.APPROVE)  # refuse before anything else
    form = form_of(req.pack_id, req.form_id)
    conditions = domain.clean_text("conditions", conditions, required=False)
    chosen = list(limits.clean_limits(limit_ids, limits.for_request(req.pack_id, req.form_id)))
    expires_at = domain.approval_expiry(form, now, valid_until)
    before = snapshot(req)
    approval_id: str | None = None
    if req.requester_id is not None:
        approval = ApprovalOnFile(
            person_id=req.requester_id,
            form=req.form_id,
            granted_by_id=approver_id,
            granted_at=now,
            expires_at=expires_at,
            conditions=conditions,
            limits=chosen,
            details={"request_id": req.id, "pack": req.pack_id},
        )
        session.add(approval)
        session.flush()
        approval_id = approval.id
    move(
        session,
        req,
        Action.APPROVE,
        now=now,
        actor_id=approver_id,
        note=conditions,
        changes={
            "decided_at": now,
            "decided_by_id": approver_id,
            "conditions": conditions,
            "limits": chosen,
            "expires_at": expires_at,
            "approval_id": approval_id,
            "follow_up_status": "due" if form.follow_up and req.requester_id else "none",
        },
    )
    audit_change(
        session,
        req,
        AuditEvent.REQUEST_APPROVED,
        now=now,
        actor_id=approver_id,
        before=before,
        extra={"approval_id": approval_id},
    )
    if req.requester_id:
        tell(
            uow,
            [req.requester_id],
            subject=f"Your request was approved: {form.title}"[:255],
            body="Your request was approved"
            + (" with conditions" if conditions or chosen else "")
            + ". Open it in Lanyard for the written approval"
            + (" and what you must do next." if form.follow_up else "."),
            now=now,
            req=req,
            deliver=deliver,
        )
    uow.commit()
    return approval_id


def _decide_against(
    uow: UnitOfWork,
    action: Action,
    *,
    request_id: str,
    approver_id: str,
    reason: str | None,
    now: dt.datetime,
    deliver: Deliver | None,
) -> None:
    session = uow.session
    req = _decider(session, request_id, approver_id)
    domain.next_state(State(req.state), action)
    form = form_of(req.pack_id, req.form_id)
    text = domain.clean_text("reason", reason, required=True)
    before = snapshot(req)
    changes: dict[str, object] = {"decision_note": text}
    if action is Action.DENY:
        changes.update(decided_at=now, decided_by_id=approver_id)
    move(session, req, action, now=now, actor_id=approver_id, note=text, changes=changes)
    denied = action is Action.DENY
    audit_change(
        session,
        req,
        AuditEvent.REQUEST_DENIED if denied else AuditEvent.REQUEST_RETURNED,
        now=now,
        actor_id=approver_id,
        before=before,
    )
    if req.requester_id:
        tell(
            uow,
            [req.requester_id],
            subject=(
                f"Your request was denied: {form.title}"
                if denied
                else f"Your request needs changes: {form.title}"
            )[:255],
            body="Open it in Lanyard to read the approver's reason"
            + ("." if denied else ", change it and send it again."),
            now=now,
            req=req,
            deliver=deliver,
        )
    uow.commit()


def deny(
    *,
    uow: UnitOfWork,
    request_id: str,
    approver_id: str,
    reason: str,
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> None:
    """Deny with a reason the requester reads."""
    _decide_against(
        uow,
        Action.DENY,
        request_id=request_id,
        approver_id=approver_id,
        reason=reason,
        now=now,
        deliver=deliver,
    )


def return_for_changes(
    *,
    uow: UnitOfWork,
    request_id: str,
    approver_id: str,
    reason: str,
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> None:
    """Send it back to the requester with what to change."""
    _decide_against(
        uow,
        Action.RETURN,
        request_id=request_id,
        approver_id=approver_id,
        reason=reason,
        now=now,
        deliver=deliver,
    )


def _revoke(session: Session, req: ApprovalRequest) -> None:
    if req.approval_id:
        session.execute(
            update(ApprovalOnFile)
            .where(ApprovalOnFile.id == req.approval_id)
            .values(revoked=True)
            .execution_options(synchronize_session=False)
        )


def withdraw(*, uow: UnitOfWork, request_id: str, actor_id: str, now: dt.datetime) -> None:
    """The requester withdraws a request (an approved one gives up its approval)."""
    session = uow.session
    req = own(session, request_id, actor_of(session, actor_id))
    before = snapshot(req)
    move(session, req, Action.WITHDRAW, now=now, actor_id=actor_id)
    _revoke(session, req)
    audit_change(
        session, req, AuditEvent.REQUEST_WITHDRAWN, now=now, actor_id=actor_id, before=before
    )
    uow.commit()


def complete_follow_up(
    *,
    uow: UnitOfWork,
    request_id: str,
    actor_id: str,
    note: str,
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> int:
    """The requester does the form's follow-up duty (e.g. gives the web address of the new
    site): the holders of the roles the pack names are told. Returns how many were told."""
    session = uow.session
    req = own(session, request_id, actor_of(session, actor_id))
    form = form_of(req.pack_id, req.form_id)
    text = domain.clean_text("note", note, required=True, limit=1000)
    if req.follow_up_status != "due":
        raise NotAllowed("This request has no follow-up due.")
    before = snapshot(req)
    move(
        session,
        req,
        Action.FOLLOW_UP,
        now=now,
        actor_id=actor_id,
        note=text,
        changes={"follow_up_status": "done", "follow_up_note": text, "follow_up_at": now},
    )
    told: list[str] = []
    for role in domain.follow_up_roles(form):
        told.extend(p.id for p in directory.holders_of(session, role, building_id=req.building_id))
    told = [pid for pid in dict.fromkeys(told) if pid != actor_id]
    audit_change(
        session,
        req,
        AuditEvent.REQUEST_FOLLOWED_UP,
        now=now,
        actor_id=actor_id,
        before=before,
        extra={"told": told},
    )
    requester = directory.get_person(session, actor_id)
    tell(
        uow,
        told,
        subject=f"Follow-up of an approved request: {form.title}"[:255],
        body=f"{requester.display_name if requester else 'The requester'} sent the follow-up "
        "the policy asks for. Open it in Lanyard to read it.",
        now=now,
        req=req,
        deliver=deliver,
    )
    uow.commit()
    return len(told)


# The periodic use cases live in lanyard.approvals.expiry; they are part of this API.
from lanyard.approvals.expiry import expire_due, remind_expiring  # noqa: E402

__all__ = [
    "approve",
    "complete_follow_up",
    "create_draft",
    "deny",
    "expire_due",
    "remind_expiring",
    "resubmit",
    "return_for_changes",
    "submit",
    "update_draft",
    "withdraw",
]
