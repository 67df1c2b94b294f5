"""The anonymous request pages, reachable without signing in, for the forms the policy
allows anonymously (e.g. wilmette-39's web-filter disable). Nothing identifying is kept:
no requester, address or session goes into the request; the private link's token is shown
once and only its SHA-256 is stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from lanyard.approvals import anonymous, limits, queries
from lanyard.approvals.domain import FieldsInvalid, TransitionRefused, expiry_words
from lanyard.approvals.workflow import RequestNotFound, pack_document, role_name
from lanyard.bootstrap import Services
from lanyard.policy.pack import Form
from lanyard.web.deps import Forbidden, get_services, now, render

router = APIRouter()
Svc = Annotated[Services, Depends(get_services)]
PREFIX = "field_"
NO_REFERRER = {"Referrer-Policy": "no-referrer"}


def _anonymous_forms(services: Services) -> list[Form]:
    return [f for f in pack_document(services.settings.pack).forms if f.anonymous_allowed]


def _form(services: Services, form_id: str) -> Form:
    for form in _anonymous_forms(services):
        if form.id == form_id:
            return form
    raise Forbidden()


@router.get("/requests/anonymous", name="anonymous_requests")
def anonymous_forms(request: Request, services: Svc) -> Response:
    return render(
        request,
        "approvals/anonymous_index.html",
        {"forms": _anonymous_forms(services), "pack": pack_document(services.settings.pack)},
    )


def _page(
    request: Request,
    services: Services,
    form: Form,
    values: dict[str, str],
    problems: dict[str, str],
    status: int = 200,
) -> Response:
    pack = services.settings.pack
    return render(
        request,
        "approvals/anonymous_form.html",
        {
            "form": form,
            "approver": role_name(pack, form.approver),
            "expiry": expiry_words(form),
            "pack": pack_document(pack),
            "prefix": PREFIX,
            "values": values,
            "problems": problems,
            "action": f"/requests/anonymous/{form.id}",
        },
        status_code=status,
    )


@router.get("/requests/anonymous/{form_id}")
def anonymous_form(request: Request, form_id: str, services: Svc) -> Response:
    return _page(request, services, _form(services, form_id), {}, {})


@router.post("/requests/anonymous/{form_id}")
async def file_anonymous(request: Request, form_id: str, services: Svc) -> Response:
    form = _form(services, form_id)
    data = await request.form()
    values = {k[len(PREFIX) :]: str(v) for k, v in data.items() if k.startswith(PREFIX)}
    try:
        with services.db.uow(write=True) as uow:
            _, token = anonymous.file_anonymous(
                uow=uow,
                pack_id=services.settings.pack,
                form_id=form.id,
                values=values,
                now=now(request),
                deliver=services.deliver,
            )
    except FieldsInvalid as exc:
        return _page(request, services, form, values, exc.by_field(), status=422)
    link = str(request.url_for("anonymous_status", token=token))
    return render(
        request,
        "approvals/anonymous_filed.html",
        {"form": form, "link": link},
        status_code=201,
        headers=NO_REFERRER,
    )


@router.get("/requests/anonymous/follow/{token}", name="anonymous_status")
def anonymous_status(request: Request, token: str, services: Svc) -> Response:
    with services.db.uow() as uow:
        req = anonymous.status_by_token(uow=uow, token=token)
        if req is None:
            return render(request, "error.html", {"kind": "not_found"}, status_code=404)
        detail = queries.anonymous_detail(uow.session, req)
    return render(
        request,
        "approvals/anonymous_status.html",
        {
            "d": detail,
            "token": token,
            "problem": None,
            "limit_labels": limits.labels(detail.request.limits or []),
        },
        headers=NO_REFERRER,
    )


@router.post("/requests/anonymous/follow/{token}/withdraw")
def anonymous_withdraw(request: Request, token: str, services: Svc) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            anonymous.withdraw_by_token(uow=uow, token=token, now=now(request))
    except RequestNotFound:
        return render(request, "error.html", {"kind": "not_found"}, status_code=404)
    except TransitionRefused as exc:
        with services.db.uow() as uow:
            req = anonymous.status_by_token(uow=uow, token=token)
            assert req is not None
            detail = queries.anonymous_detail(uow.session, req)
        return render(
            request,
            "approvals/anonymous_status.html",
            {
                "d": detail,
                "token": token,
                "problem": str(exc),
                "limit_labels": limits.labels(detail.request.limits or []),
            },
            status_code=409,
            headers=NO_REFERRER,
        )
    return anonymous_status(request, token, services)
