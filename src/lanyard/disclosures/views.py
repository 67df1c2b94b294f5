"""Relationship disclosure pages: record one (a student of your building, by name), see
who the policy tells, withdraw; open one you were told about (audited)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from lanyard.auth.permissions import Principal, can_disclose
from lanyard.bootstrap import Services
from lanyard.disclosures import domain, service
from lanyard.disclosures.domain import DisclosureInvalid
from lanyard.web.deps import (
    CurrentPrincipal,
    Forbidden,
    now,
    render,
    require,
    services_of,
)

router = APIRouter()
Employee = Annotated[Principal, Depends(require(can_disclose))]
Svc = Annotated[Services, Depends(services_of)]


def _page(
    request: Request,
    services: Services,
    principal: Principal,
    *,
    form: dict[str, str],
    problem: DisclosureInvalid | None = None,
    status: int = 200,
) -> Response:
    pack = services.settings.pack
    query = form.get("q", "").strip()
    with services.db.uow() as uow:
        mine = service.my_disclosures(uow.session, employee_id=principal.person_id, pack_id=pack)
        told = service.told_to_me(uow.session, principal=principal, pack_id=pack)
        students = [
            {"id": s.id, "display_name": s.display_name, "grades": s.grades}
            for s in (
                service.students_for(uow.session, employee_id=principal.person_id, query=query)
                if query
                else []
            )
        ]
        chosen = form.get("student_id")
        if chosen and chosen not in {s["id"] for s in students}:
            chosen = None
    routes = {kind: service.routing_for(pack, kind) for kind in domain.KINDS}
    context: dict[str, Any] = {
        "mine": mine,
        "told": told,
        "students": students,
        "query": query,
        "form": form,
        "chosen": chosen,
        "kinds": domain.KINDS,
        "routes": routes,
        "roles": service.role_names(pack),
        "problem": problem,
    }
    return render(request, "disclosures/page.html", context, status_code=status)


@router.get("/disclosures", name="disclosures")
def disclosures_page(request: Request, principal: Employee, services: Svc) -> Response:
    return _page(request, services, principal, form=dict(request.query_params))


@router.post("/disclosures")
async def record(request: Request, principal: Employee, services: Svc) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        with services.db.uow(write=True) as uow:
            did = service.record_disclosure(
                uow=uow,
                pack_id=services.settings.pack,
                employee_id=principal.person_id,
                student_id=form.get("student_id", ""),
                kind=form.get("kind", ""),
                description=form.get("description"),
                now=now(request),
                deliver=services.deliver,
            )
    except DisclosureInvalid as exc:
        return _page(request, services, principal, form=form, problem=exc, status=422)
    return RedirectResponse(f"/disclosures/{did}", status_code=303)


@router.get("/disclosures/{did}")
def disclosure(request: Request, did: str, principal: CurrentPrincipal, services: Svc) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            view = service.open_disclosure(
                uow=uow,
                disclosure_id=did,
                principal=principal,
                pack_id=services.settings.pack,
                now=now(request),
            )
    except service.DisclosureNotFound:
        raise Forbidden() from None
    return render(
        request,
        "disclosures/detail.html",
        {"v": view, "roles": service.role_names(services.settings.pack)},
    )


@router.post("/disclosures/{did}/withdraw")
def withdraw(request: Request, did: str, principal: Employee, services: Svc) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            service.withdraw_disclosure(
                uow=uow, disclosure_id=did, employee_id=principal.person_id, now=now(request)
            )
    except service.DisclosureNotFound:
        raise Forbidden() from None
    except DisclosureInvalid:
        pass  # already withdrawn: the page shows it
    return RedirectResponse(f"/disclosures/{did}", status_code=303)
