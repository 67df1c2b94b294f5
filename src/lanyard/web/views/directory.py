"""The directory search (scoped by permissions) and a person's page (audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from lanyard.auth.people import open_person_record, search_directory
from lanyard.auth.permissions import Principal, can_use_directory, directory_scope
from lanyard.bootstrap import Services
from lanyard.web.deps import Forbidden, now, render, require, services_of

router = APIRouter()


@router.get("/directory", name="directory")
def directory(
    request: Request,
    principal: Annotated[Principal, Depends(require(can_use_directory))],
    services: Annotated[Services, Depends(services_of)],
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    with services.db.uow() as uow:
        results = search_directory(uow.session, principal=principal, q=q.strip())
    template = (
        "directory/_results.html"
        if request.headers.get("HX-Request")
        else ("directory/search.html")
    )
    return render(
        request,
        template,
        {"q": q, "results": results, "scope": directory_scope(principal)},
    )


@router.get("/people/{person_id}", name="person")
def person(
    request: Request,
    person_id: str,
    principal: Annotated[Principal, Depends(require(can_use_directory))],
    services: Annotated[Services, Depends(services_of)],
) -> Response:
    if len(person_id) > 64:
        raise Forbidden()
    with services.db.uow(write=True) as uow:
        record = open_person_record(
            uow=uow, principal=principal, person_id=person_id, now=now(request)
        )
    if record is None:
        raise Forbidden()  # the same answer whether the person exists or not
    return render(request, "directory/person.html", {"record": record})
