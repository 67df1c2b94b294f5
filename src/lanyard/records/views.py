"""Legal holds on the web: the records officer lists, places and lifts holds (each with
a reason, each an audit entry)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from lanyard.auth.permissions import Principal, can_manage_holds
from lanyard.bootstrap import Services
from lanyard.records.domain import RecordsError, hold_scope
from lanyard.records.holds import describe, lift_hold, list_holds, place_hold
from lanyard.web.deps import get_services, now, render, require

router = APIRouter()
Officer = Annotated[Principal, Depends(require(can_manage_holds))]
Svc = Annotated[Services, Depends(get_services)]
FIELDS = ("person", "building", "case", "since", "until", "reason")


def _page(
    request: Request,
    services: Services,
    *,
    form: dict[str, str] | None = None,
    problem: str | None = None,
    notice: str | None = None,
    status_code: int = 200,
) -> Response:
    with services.db.uow() as uow:
        holds = list_holds(uow=uow, include_lifted=True)
        context: dict[str, Any] = {
            "in_force": [h for h in holds if h.lifted_at is None],
            "lifted": [h for h in holds if h.lifted_at is not None],
            "describe": describe,
            "form": form or {},
            "problem": problem,
            "notice": notice or request.query_params.get("done"),
        }
        return render(request, "records/holds.html", context, status_code=status_code)


def _plain(exc: RecordsError) -> str:
    return str(exc).replace("--until", "the last day").replace("--", "")


def _date(value: str, name: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RecordsError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


@router.get("/records/holds", name="legal_holds")
def holds_page(request: Request, officer: Officer, services: Svc) -> Response:
    return _page(request, services)


@router.post("/records/holds")
async def place(request: Request, officer: Officer, services: Svc) -> Response:
    data = await request.form()
    form = {k: str(data.get(k, "")).strip() for k in FIELDS}
    try:
        scope = hold_scope(
            person=form["person"] or None,
            building=form["building"] or None,
            case=form["case"] or None,
            starts_on=_date(form["since"], "first day"),
            ends_on=_date(form["until"], "last day"),
            reason=form["reason"],
        )
        with services.db.uow(write=True) as uow:
            place_hold(
                uow=uow,
                scope=scope,
                reason=form["reason"],
                now=now(request),
                actor_id=officer.person_id,
            )
    except RecordsError as exc:
        return _page(request, services, form=form, problem=_plain(exc), status_code=422)
    return RedirectResponse("/records/holds?done=Legal+hold+placed.", status_code=303)


@router.post("/records/holds/{hold_id}/lift")
async def lift(request: Request, hold_id: str, officer: Officer, services: Svc) -> Response:
    data = await request.form()
    try:
        with services.db.uow(write=True) as uow:
            lift_hold(
                uow=uow,
                hold_id=hold_id,
                reason=str(data.get("reason", "")),
                now=now(request),
                actor_id=officer.person_id,
            )
    except RecordsError as exc:
        return _page(request, services, problem=_plain(exc), status_code=422)
    return RedirectResponse("/records/holds?done=Legal+hold+lifted.", status_code=303)
