"""The JSON API of requests: list, create (and submit), submit, approve, deny, one request."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from lanyard.approvals import queries, service
from lanyard.approvals.domain import FieldsInvalid, TransitionRefused, clean_values
from lanyard.approvals.workflow import NotAllowed, RequestNotFound, form_of
from lanyard.auth.permissions import Principal, can_use_requests
from lanyard.bootstrap import Services
from lanyard.web.deps import now, require, services_of

router = APIRouter(prefix="/api/requests", tags=["requests"])
Requester = Annotated[Principal, Depends(require(can_use_requests))]
Svc = Annotated[Services, Depends(services_of)]


class NewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    form_id: str = Field(description="A form id of the district's pack.")
    values: dict[str, str] = Field(default_factory=dict, description="Field id -> value.")
    submit: bool = Field(default=False, description="Send it for a decision at once.")


class Approval(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conditions: str | None = None
    limits: list[str] = Field(
        default_factory=list,
        description="Checkable limits (group_only, students_district_accounts, "
        "district_business_only, district_account_only, no_disappearing), for a form whose "
        "approval answers questions about messages, posts or accounts; any other form "
        "takes none (422).",
    )
    valid_until: dt.date | None = Field(
        default=None, description="An earlier end than the pack's cycle (YYYY-MM-DD)."
    )


class Denial(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str


def _row(row: queries.Row) -> dict[str, Any]:
    return {
        "id": row.id,
        "form_id": row.form_id,
        "title": row.title,
        "state": str(row.state),
        "requester": row.requester,
        "building": row.building,
        "submitted_at": row.submitted_at.isoformat() if row.submitted_at else None,
        "expires_at": row.expires_at.isoformat() if row.expires_at else None,
    }


def _problem(exc: Exception) -> Response:
    if isinstance(exc, RequestNotFound):
        return JSONResponse({"detail": "forbidden"}, status_code=403)
    if isinstance(exc, FieldsInvalid):
        problems = [{"field": p.field, "problem": p.message} for p in exc.problems]
        return JSONResponse({"detail": problems}, status_code=422)
    if isinstance(exc, NotAllowed):
        return JSONResponse({"detail": str(exc)}, status_code=403)
    return JSONResponse({"detail": str(exc)}, status_code=409)


REFUSALS = (RequestNotFound, FieldsInvalid, NotAllowed, TransitionRefused)


@router.get("", summary="My requests and the ones awaiting my decision")
def api_list(request: Request, principal: Requester, services: Svc) -> Response:
    with services.db.uow() as uow:
        mine = queries.my_requests(uow.session, principal.person_id)
        queue = queries.queue_for(uow.session, principal, now=now(request))
    return JSONResponse({"mine": [_row(r) for r in mine], "queue": [_row(r) for r in queue]})


@router.get("/{rid}", summary="One request with its history")
def api_get(rid: str, request: Request, principal: Requester, services: Svc) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            d = queries.open_request(uow=uow, request_id=rid, principal=principal, now=now(request))
    except REFUSALS as exc:
        return _problem(exc)
    r = d.request
    return JSONResponse(
        {
            "id": r.id,
            "form_id": r.form_id,
            "state": str(d.state),
            "values": r.values,
            "requester": d.requester,
            "approver_role": r.approver_role,
            "decided_by": d.decided_by,
            "decided_at": r.decided_at.isoformat() if r.decided_at else None,
            "conditions": r.conditions,
            "limits": list(r.limits or []),
            "reason": r.decision_note,
            "expires_at": r.expires_at.isoformat() if r.expires_at else None,
            "history": [
                {"at": h.at.isoformat(), "action": h.action, "by": h.actor, "state": h.to_state}
                for h in d.history
            ],
        }
    )


@router.post("", summary="Create a request (a draft, or submitted at once)", status_code=201)
def api_create(body: NewRequest, request: Request, principal: Requester, services: Svc) -> Response:
    moment = now(request)
    try:
        if body.submit:  # checked in full first: a refused send leaves no draft behind
            form = form_of(services.settings.pack, body.form_id)
            clean_values(form, body.values, complete=True)
        with services.db.uow(write=True) as uow:
            rid = service.create_draft(
                uow=uow,
                pack_id=services.settings.pack,
                form_id=body.form_id,
                requester_id=principal.person_id,
                values=body.values,
                now=moment,
            )
        if body.submit:
            with services.db.uow(write=True) as uow:
                service.submit(
                    uow=uow,
                    request_id=rid,
                    actor_id=principal.person_id,
                    now=moment,
                    deliver=services.deliver,
                )
    except REFUSALS as exc:
        return _problem(exc)
    return JSONResponse(
        {"id": rid, "state": "submitted" if body.submit else "draft"}, status_code=201
    )


@router.post("/{rid}/submit", summary="Submit a draft for a decision")
def api_submit(rid: str, request: Request, principal: Requester, services: Svc) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            service.submit(
                uow=uow,
                request_id=rid,
                actor_id=principal.person_id,
                now=now(request),
                deliver=services.deliver,
            )
    except REFUSALS as exc:
        return _problem(exc)
    return JSONResponse({"id": rid, "state": "submitted"})


@router.post("/{rid}/approve", summary="Approve in writing (puts the approval on file)")
def api_approve(
    rid: str, body: Approval, request: Request, principal: Requester, services: Svc
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            approval_id = service.approve(
                uow=uow,
                request_id=rid,
                approver_id=principal.person_id,
                conditions=body.conditions,
                limit_ids=body.limits,
                valid_until=body.valid_until,
                now=now(request),
                deliver=services.deliver,
            )
    except REFUSALS as exc:
        return _problem(exc)
    return JSONResponse({"id": rid, "state": "approved", "approval_id": approval_id})


@router.post("/{rid}/deny", summary="Deny, with the reason the requester reads")
def api_deny(
    rid: str, body: Denial, request: Request, principal: Requester, services: Svc
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            service.deny(
                uow=uow,
                request_id=rid,
                approver_id=principal.person_id,
                reason=body.reason,
                now=now(request),
                deliver=services.deliver,
            )
    except REFUSALS as exc:
        return _problem(exc)
    return JSONResponse({"id": rid, "state": "denied"})
