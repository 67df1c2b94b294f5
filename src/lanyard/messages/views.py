"""Communication-audit pages: the review queue of the reviewer's buildings (dismiss with a
reason, or open a case, in one step), and the dashboard of findings by building, rule and
week with its CSV. Every page asks for ``review_messages``; the scope (a building or the
district) comes from the role that carries it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from lanyard.auth.permissions import Principal, can_review_messages, review_scope
from lanyard.bootstrap import Services
from lanyard.cases.domain import CaseProblem
from lanyard.messages import review
from lanyard.web.deps import Forbidden, now, render, require, services_of

router = APIRouter()
Svc = Annotated[Services, Depends(services_of)]
Reviewer = Annotated[Principal, Depends(require(can_review_messages))]

DONE = {
    "dismissed": "The finding is dismissed; your reason is in the audit log.",
    "case": "A case is open for the building administration.",
}


def _queue_page(
    request: Request,
    services: Services,
    principal: Principal,
    *,
    problem: str | None = None,
    problem_id: str | None = None,
    status_code: int = 200,
) -> Response:
    scope = review_scope(principal)
    status = request.query_params.get("status", "open")
    if status not in review.STATUSES:
        status = "open"
    with services.db.uow(write=True) as uow:
        items = review.queue(
            uow=uow, scope=scope, actor_id=principal.person_id, now=now(request), status=status
        )
    return render(
        request,
        "messages/review.html",
        {
            "violations": [i for i in items if not i.for_review],
            "for_review": [i for i in items if i.for_review],
            "scope": scope,
            "status": status,
            "statuses": review.STATUSES,
            "done": DONE.get(request.query_params.get("done", "")),
            "problem": problem,
            "problem_id": problem_id,
        },
        status_code=status_code,
    )


@router.get("/messages/review", name="message_review")
def queue_page(request: Request, principal: Reviewer, services: Svc) -> Response:
    return _queue_page(request, services, principal)


@router.post("/messages/review/{finding_id}/dismiss")
async def dismiss(
    request: Request, finding_id: str, principal: Reviewer, services: Svc
) -> Response:
    form = await request.form()
    try:
        with services.db.uow(write=True) as uow:
            review.dismiss(
                uow=uow,
                finding_id=finding_id,
                scope=review_scope(principal),
                actor_id=principal.person_id,
                reason=str(form.get("reason", "")),
                now=now(request),
            )
    except review.FindingNotFound:
        raise Forbidden() from None
    except review.ReviewProblem as problem:
        return _queue_page(
            request,
            services,
            principal,
            problem=problem.message,
            problem_id=finding_id,
            status_code=422,
        )
    return RedirectResponse("/messages/review?done=dismissed", status_code=303)


@router.post("/messages/review/{finding_id}/case")
async def open_case(
    request: Request, finding_id: str, principal: Reviewer, services: Svc
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            case_id = review.open_case_from(
                uow=uow,
                finding_id=finding_id,
                scope=review_scope(principal),
                actor_id=principal.person_id,
                pack_id=services.settings.pack,
                now=now(request),
                deliver=services.deliver,
            )
    except review.FindingNotFound:
        raise Forbidden() from None
    except (review.ReviewProblem, CaseProblem) as problem:
        return _queue_page(
            request,
            services,
            principal,
            problem=problem.message,
            problem_id=finding_id,
            status_code=422,
        )
    return RedirectResponse(f"/reports/cases/{case_id}?from_finding=1", status_code=303)


@router.get("/messages/dashboard", name="message_dashboard")
def dashboard_page(request: Request, principal: Reviewer, services: Svc) -> Response:
    scope = review_scope(principal)
    with services.db.uow() as uow:
        board = review.dashboard(uow.session, scope)
    return render(request, "messages/dashboard.html", {"board": board, "scope": scope})


@router.get("/messages/dashboard.csv", name="message_dashboard_csv")
def dashboard_csv(request: Request, principal: Reviewer, services: Svc) -> Response:
    with services.db.uow(write=True) as uow:
        text = review.export_csv(
            uow=uow, scope=review_scope(principal), actor_id=principal.person_id, now=now(request)
        )
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="message-findings.csv"'},
    )
