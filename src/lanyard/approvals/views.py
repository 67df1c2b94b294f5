"""Pages: /requests (mine and awaiting my decision), new request from a pack form, a
request with its history and actions, the printable approval record, and the anonymous
filter-disable request with its private status link. JSON API under /api/requests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard import words
from lanyard.approvals import api, limits, public, queries, service
from lanyard.approvals.domain import (
    FieldsInvalid,
    TransitionRefused,
    clean_values,
    expiry_words,
    follow_up_duties,
)
from lanyard.approvals.orm import ApprovalRequest
from lanyard.approvals.workflow import NotAllowed, RequestNotFound, pack_document, role_name
from lanyard.auth.permissions import Principal, can_use_requests
from lanyard.bootstrap import Services
from lanyard.policy.pack import Form
from lanyard.records.holds import hold_marks
from lanyard.web.attention import (
    AttentionContext,
    AttentionItem,
    attention_provider,
    settled_links,
    utc,
)
from lanyard.web.deps import Forbidden, now, render, require, services_of

router = APIRouter()
# the anonymous pages first: /requests/anonymous must not be read as a request id
router.include_router(public.router)
router.include_router(api.router)
Requester = Annotated[Principal, Depends(require(can_use_requests))]
Svc = Annotated[Services, Depends(services_of)]
PREFIX = "field_"


def _forms(services: Services) -> tuple[Form, ...]:
    return pack_document(services.settings.pack).forms


def _form(services: Services, form_id: str) -> Form:
    for form in _forms(services):
        if form.id == form_id:
            return form
    raise Forbidden()


def _values(data: Mapping[str, Any]) -> dict[str, str]:
    return {k[len(PREFIX) :]: str(v) for k, v in data.items() if k.startswith(PREFIX)}


def _form_context(services: Services, form: Form) -> dict[str, Any]:
    pack = services.settings.pack
    return {
        "form": form,
        "approver": role_name(pack, form.approver),
        "expiry": expiry_words(form),
        "pack": pack_document(pack),
        "prefix": PREFIX,
        "duties": follow_up_duties(form, {r.id: r.name for r in pack_document(pack).roles}),
    }


# ------------------------------------------------------------------------------- pages


@router.get("/requests", name="requests")
def requests_page(request: Request, principal: Requester, services: Svc) -> Response:
    with services.db.uow() as uow:
        mine = queries.my_requests(uow.session, principal.person_id)
        queue = queries.queue_for(uow.session, principal, now=now(request))
        decided = queries.decided_by_me(uow.session, principal)
    return render(
        request,
        "approvals/index.html",
        {"mine": mine, "queue": queue, "decided": decided, "forms": _forms(services)},
    )


@router.get("/requests/new", name="requests_new")
def choose_form(request: Request, principal: Requester, services: Svc) -> Response:
    pack = services.settings.pack
    forms = [
        {"form": f, "approver": role_name(pack, f.approver), "expiry": expiry_words(f)}
        for f in _forms(services)
    ]
    return render(request, "approvals/new.html", {"forms": forms, "pack": pack_document(pack)})


@router.get("/requests/new/{form_id}")
def new_request(request: Request, form_id: str, principal: Requester, services: Svc) -> Response:
    form = _form(services, form_id)
    context = _form_context(services, form)
    # Prefilled from a "May I?" answer: only the form's own fields, as text to check.
    known = {f.id for f in form.fields}
    values = {k: v[:500] for k, v in request.query_params.items() if k in known}
    context.update(values=values, problems={}, action=f"/requests/new/{form.id}")
    return render(request, "approvals/form.html", context)


@router.post("/requests/new/{form_id}")
async def create_request(
    request: Request, form_id: str, principal: Requester, services: Svc
) -> Response:
    form = _form(services, form_id)
    data = await request.form()
    values = _values(data)
    moment = now(request)
    sending = data.get("intent") == "submit"
    try:
        if sending:
            # Checked in full before anything is written: a request that cannot be sent
            # is not left behind as a draft nobody asked for.
            clean_values(form, values, complete=True)
        with services.db.uow(write=True) as uow:
            rid = service.create_draft(
                uow=uow,
                pack_id=services.settings.pack,
                form_id=form.id,
                requester_id=principal.person_id,
                values=values,
                now=moment,
            )
        if sending:
            try:
                with services.db.uow(write=True) as uow:
                    service.submit(
                        uow=uow,
                        request_id=rid,
                        actor_id=principal.person_id,
                        now=moment,
                        deliver=services.deliver,
                    )
            except (FieldsInvalid, TransitionRefused, NotAllowed) as exc:
                # Not sent, and said so: the page shows the reason and the draft it kept.
                return _refused(request, services, principal, rid, f"Not sent: {exc}")
    except FieldsInvalid as exc:
        outcome = "Not sent and nothing was saved" if sending else "Not saved"
        return _form_again(
            request,
            services,
            form,
            values,
            exc,
            f"/requests/new/{form.id}",
            notice=f"{outcome}: fix what is marked below and try again.",
        )
    return RedirectResponse(f"/requests/{rid}", status_code=303)


def _form_again(
    request: Request,
    services: Services,
    form: Form,
    values: Mapping[str, str],
    exc: FieldsInvalid,
    action: str,
    notice: str | None = None,
) -> Response:
    context = _form_context(services, form)
    context.update(values=values, problems=exc.by_field(), action=action, notice=notice)
    return render(request, "approvals/form.html", context, status_code=422)


def _detail(services: Services, request: Request, principal: Principal, rid: str) -> Any:
    try:
        with services.db.uow(write=True) as uow:
            return queries.open_request(
                uow=uow, request_id=rid, principal=principal, now=now(request)
            )
    except RequestNotFound:
        raise Forbidden() from None


@router.get("/requests/{rid}", name="request_detail")
def request_detail(request: Request, rid: str, principal: Requester, services: Svc) -> Response:
    detail = _detail(services, request, principal, rid)
    context = _detail_context(detail, None)
    with services.db.uow() as uow:
        context.update(hold_marks(uow.session, principal, "requests", [rid], now(request)))
    return render(request, "approvals/detail.html", context)


@router.get("/requests/{rid}/edit")
def edit_request(request: Request, rid: str, principal: Requester, services: Svc) -> Response:
    detail = _detail(services, request, principal, rid)
    if not detail.is_requester or detail.state not in {"draft", "returned"}:
        return RedirectResponse(f"/requests/{rid}", status_code=303)
    context = _form_context(services, detail.form)
    context.update(
        values=detail.request.values, problems={}, action=f"/requests/{rid}/edit", detail=detail
    )
    return render(request, "approvals/form.html", context)


@router.post("/requests/{rid}/edit")
async def save_request(request: Request, rid: str, principal: Requester, services: Svc) -> Response:
    detail = _detail(services, request, principal, rid)
    data = await request.form()
    values = _values(data)
    moment = now(request)
    try:
        with services.db.uow(write=True) as uow:
            if data.get("intent") == "submit":
                send = service.resubmit if detail.state == "returned" else service.submit
                send(
                    uow=uow,
                    request_id=rid,
                    actor_id=principal.person_id,
                    values=values,
                    now=moment,
                    deliver=services.deliver,
                )
            else:
                service.update_draft(
                    uow=uow, request_id=rid, actor_id=principal.person_id, values=values, now=moment
                )
    except FieldsInvalid as exc:
        sending = data.get("intent") == "submit"
        return _form_again(
            request,
            services,
            detail.form,
            values,
            exc,
            f"/requests/{rid}/edit",
            notice=("Not sent, and these changes are not saved" if sending else "Not saved")
            + ": fix what is marked below and try again.",
        )
    except (TransitionRefused, NotAllowed) as exc:
        return _refused(request, services, principal, rid, str(exc))
    return RedirectResponse(f"/requests/{rid}", status_code=303)


def _detail_context(detail: Any, problem: str | None) -> dict[str, Any]:
    return {
        "d": detail,
        "problem": problem,
        # only the limits the questions this form's approval answers can be checked against
        "limit_choices": limits.for_request(detail.request.pack_id, detail.request.form_id),
        "limit_labels": limits.labels(detail.request.limits or []),
    }


def _refused(
    request: Request, services: Services, principal: Principal, rid: str, problem: str
) -> Response:
    detail = _detail(services, request, principal, rid)
    return render(
        request, "approvals/detail.html", _detail_context(detail, problem), status_code=409
    )


def _decision_call(
    intent: str, data: Mapping[str, Any], services: Services, limit_ids: list[str]
) -> Callable[..., object] | None:
    if intent == "approve":
        until = str(data.get("valid_until") or "").strip()
        valid_until = _date(until) if until else None

        def approve(**kw: Any) -> object:
            return service.approve(
                conditions=str(data.get("conditions") or ""),
                limit_ids=limit_ids,
                valid_until=valid_until,
                **kw,
            )

        return approve
    if intent in {"deny", "return"}:
        fn = service.deny if intent == "deny" else service.return_for_changes

        def against(**kw: Any) -> object:
            fn(reason=str(data.get("reason") or ""), **kw)
            return None

        return against
    return None


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from lanyard.approvals.domain import FieldProblem

        raise FieldsInvalid([FieldProblem("valid_until", "give a date as YYYY-MM-DD")]) from None


@router.post("/requests/{rid}/decide")
async def decide_request(
    request: Request, rid: str, principal: Requester, services: Svc
) -> Response:
    data = await request.form()
    intent = str(data.get("intent") or "")
    try:
        limit_ids = [str(v) for v in data.getlist("limits")]
        call = _decision_call(intent, data, services, limit_ids)
        if call is None:
            return _refused(request, services, principal, rid, "Choose approve, deny or return.")
        with services.db.uow(write=True) as uow:
            call(
                uow=uow,
                request_id=rid,
                approver_id=principal.person_id,
                now=now(request),
                deliver=services.deliver,
            )
    except RequestNotFound:
        raise Forbidden() from None
    except (FieldsInvalid, TransitionRefused, NotAllowed) as exc:
        return _refused(request, services, principal, rid, str(exc))
    return RedirectResponse(f"/requests/{rid}", status_code=303)


@router.post("/requests/{rid}/withdraw")
def withdraw_request(request: Request, rid: str, principal: Requester, services: Svc) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            service.withdraw(
                uow=uow, request_id=rid, actor_id=principal.person_id, now=now(request)
            )
    except RequestNotFound:
        raise Forbidden() from None
    except (TransitionRefused, NotAllowed) as exc:
        return _refused(request, services, principal, rid, str(exc))
    return RedirectResponse(f"/requests/{rid}", status_code=303)


@router.post("/requests/{rid}/follow-up")
async def follow_up(request: Request, rid: str, principal: Requester, services: Svc) -> Response:
    data = await request.form()
    try:
        with services.db.uow(write=True) as uow:
            service.complete_follow_up(
                uow=uow,
                request_id=rid,
                actor_id=principal.person_id,
                note=str(data.get("note") or ""),
                now=now(request),
                deliver=services.deliver,
            )
    except RequestNotFound:
        raise Forbidden() from None
    except (FieldsInvalid, TransitionRefused, NotAllowed) as exc:
        return _refused(request, services, principal, rid, str(exc))
    return RedirectResponse(f"/requests/{rid}", status_code=303)


@router.get("/requests/{rid}/record", name="request_record")
def approval_record(request: Request, rid: str, principal: Requester, services: Svc) -> Response:
    detail = _detail(services, request, principal, rid)
    if detail.state not in {"approved", "expired"} and not detail.request.decided_at:
        raise Forbidden()
    return render(
        request,
        "approvals/record.html",
        {
            "d": detail,
            "pack": pack_document(detail.request.pack_id),
            "limit_labels": limits.labels(detail.request.limits or []),
        },
    )


# ---------------------------------------------------------------------------- attention

SETTLED_STATES = ("approved", "denied", "withdrawn", "expired")


@settled_links
def decided_requests(session: Session, links: Sequence[str]) -> dict[str, dt.datetime]:
    """A request decided, withdrawn or expired since a notification about it: the
    notification (\"awaiting your approval\") leaves the home page."""
    ids = {link.removeprefix("/requests/"): link for link in links if link.startswith("/requests/")}
    if not ids:
        return {}
    rows = session.execute(
        select(ApprovalRequest.id, ApprovalRequest.decided_at, ApprovalRequest.updated_at).where(
            ApprovalRequest.id.in_(list(ids)), ApprovalRequest.state.in_(SETTLED_STATES)
        )
    )
    out: dict[str, dt.datetime] = {}
    for request_id, decided_at, updated_at in rows:
        # an approval's later reminders (expiring soon) come after it was decided: kept
        settled = decided_at if decided_at is not None else updated_at
        out[ids[request_id]] = utc(settled)
    return out


HOME_QUEUE_ITEMS = 5  # requests awaiting a decision listed one by one on the home page


@attention_provider
def requests_needing_me(ctx: AttentionContext) -> Iterable[AttentionItem]:
    if not can_use_requests(ctx.principal):
        return
    queue = queries.queue_for(ctx.session, ctx.principal, now=ctx.now)
    # one item a request (its notification folds into it), the oldest first; a long queue
    # ends with one item for the rest
    shown = queue if len(queue) <= HOME_QUEUE_ITEMS else queue[: HOME_QUEUE_ITEMS - 1]
    for row in shown:
        yield AttentionItem(
            "A request awaits your decision",
            f"{row.title}, "
            + ("sent without a name" if row.requester == "Anonymous" else f"from {row.requester}"),
            href=f"/requests/{row.id}",
            urgent=True,
        )
    if len(shown) < len(queue):
        rest = len(queue) - len(shown)
        yield AttentionItem(
            f"{words.count(rest, 'more request')} {'awaits' if rest == 1 else 'await'} "
            "your decision",
            href="/requests#queue",
            urgent=True,
        )
    for row in queries.my_requests_to_act_on(ctx.session, ctx.principal.person_id):
        if row.state == "returned":
            yield AttentionItem(
                "Your request was returned for changes", row.title, href=f"/requests/{row.id}"
            )
        elif row.follow_up_due:
            yield AttentionItem(
                "Your approved request has a follow-up to do",
                row.title,
                href=f"/requests/{row.id}",
            )
