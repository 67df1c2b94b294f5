"""The anonymous request pages, under ``/anonymous/``, for the forms the policy allows
anonymously (e.g. wilmette-39's web-filter disable). Nothing identifying is kept: no
requester, address or session goes into the request; the private link's token is shown
once and only its SHA-256 is stored.

These pages never read or set a session (the session middleware skips ``/anonymous/``):
a signed-in browser's cookie is ignored there and no cookie is given to anyone. Their
forms are protected from other sites by the browser's ``Sec-Fetch-Site`` / ``Origin``
headers instead of a session's CSRF token. The old ``/requests/anonymous...`` addresses
redirect here."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from lanyard.approvals import anonymous, limits, queries
from lanyard.approvals.domain import FieldsInvalid, TransitionRefused, expiry_words
from lanyard.approvals.workflow import RequestNotFound, pack_document, role_name
from lanyard.bootstrap import Services
from lanyard.policy.pack import Form
from lanyard.web.deps import (
    CsrfFailed,
    Forbidden,
    csrf_exempt,
    now,
    render,
    services_of,
)

router = APIRouter()
Svc = Annotated[Services, Depends(services_of)]
PREFIX = "field_"
NO_REFERRER = {"Referrer-Policy": "no-referrer"}
SESSION_COOKIE = "lanyard_session"  # only its presence is looked at, never its value


def same_origin(request: Request) -> None:
    """Refuse a form post another site made the browser send (what the CSRF token does
    for signed-in pages): the browser says where the post came from."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        if site in ("same-origin", "none"):
            return
        raise CsrfFailed()
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc == request.headers.get("host"):
        return
    raise CsrfFailed()


def _context(request: Request, **values: object) -> dict[str, object]:
    return {"signed_in_browser": SESSION_COOKIE in request.cookies, **values}


def _anonymous_forms(services: Services) -> list[Form]:
    return [f for f in pack_document(services.settings.pack).forms if f.anonymous_allowed]


def _form(services: Services, form_id: str) -> Form:
    for form in _anonymous_forms(services):
        if form.id == form_id:
            return form
    raise Forbidden()


@router.get("/requests/anonymous", include_in_schema=False)
def old_index() -> Response:
    return RedirectResponse("/anonymous/requests", status_code=308)


@router.get("/requests/anonymous/follow/{token}", include_in_schema=False)
def old_follow(token: str) -> Response:
    return RedirectResponse(f"/anonymous/follow/{token}", status_code=308)


@router.get("/requests/anonymous/{form_id}", include_in_schema=False)
def old_form(form_id: str) -> Response:
    return RedirectResponse(f"/anonymous/requests/{form_id}", status_code=308)


@router.get("/anonymous/requests", name="anonymous_requests")
def anonymous_forms(request: Request, services: Svc) -> Response:
    return render(
        request,
        "approvals/anonymous_index.html",
        _context(
            request,
            forms=_anonymous_forms(services),
            pack=pack_document(services.settings.pack),
        ),
        headers=NO_REFERRER,
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
        _context(
            request,
            form=form,
            approver=role_name(pack, form.approver),
            expiry=expiry_words(form),
            pack=pack_document(pack),
            prefix=PREFIX,
            values=values,
            problems=problems,
            action=f"/anonymous/requests/{form.id}",
        ),
        status_code=status,
        headers=NO_REFERRER,
    )


@router.get("/anonymous/requests/{form_id}")
def anonymous_form(request: Request, form_id: str, services: Svc) -> Response:
    return _page(request, services, _form(services, form_id), {}, {})


@router.post("/anonymous/requests/{form_id}")
@csrf_exempt
async def file_anonymous(request: Request, form_id: str, services: Svc) -> Response:
    same_origin(request)
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


@router.get("/anonymous/follow/{token}", name="anonymous_status")
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


@router.post("/anonymous/follow/{token}/withdraw")
@csrf_exempt
def anonymous_withdraw(request: Request, token: str, services: Svc) -> Response:
    same_origin(request)
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
