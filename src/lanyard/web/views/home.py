"""Home: what needs the signed-in person's attention, their roles, approvals and
disclosures on file."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from lanyard.auth.people import own_record
from lanyard.auth.permissions import Principal, can_ask, directory_scope
from lanyard.bootstrap import Services
from lanyard.directory.orm import Building
from lanyard.web.attention import AttentionContext, collect
from lanyard.web.deps import current_principal, now, render, services_of

router = APIRouter()


@router.get("/home", name="home")
def home(
    request: Request,
    principal: Annotated[Principal, Depends(current_principal)],
    services: Annotated[Services, Depends(services_of)],
) -> Response:
    moment = now(request)
    with services.db.uow() as uow:
        record = own_record(uow.session, principal=principal, now=moment)
        zone = ZoneInfo(services.settings.time_zone)
        attention = collect(AttentionContext(uow.session, principal, moment, zone))
        if set(record.summary.building_ids) == principal.buildings:
            buildings = list(record.summary.buildings)  # already read with the record
        else:  # a primary building the person is not listed in
            buildings = list(
                uow.session.scalars(
                    select(Building.name)
                    .where(Building.id.in_(principal.buildings))
                    .order_by(Building.name)
                )
            )
    try:
        may_i = str(request.app.url_path_for("may_i")) if can_ask(principal) else None
    except Exception:  # the May I? page is not installed
        may_i = None
    return render(
        request,
        "home.html",
        {
            "record": record,
            "attention": attention,
            "buildings": buildings,
            "scope": directory_scope(principal),
            "may_i": may_i,
        },
    )
