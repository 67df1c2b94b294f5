"""Records on the web for the records officer: legal holds (listed, placed and lifted
with a reason, each an audit entry) and records exports (asked for here, built in the
background with their progress shown, an e-mail with a link when ready, the download
audited)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.auth.permissions import Principal, can_export_records, can_manage_holds
from lanyard.bootstrap import Services
from lanyard.cases.orm import Case
from lanyard.directory.orm import Building, Person
from lanyard.jobs.dispatch import send
from lanyard.records import exports
from lanyard.records.domain import (
    RECORD_TYPE_LABELS,
    RECORD_TYPES,
    RecordsError,
    hold_scope,
    parse_types,
)
from lanyard.records.holds import lift_hold, list_holds, place_hold
from lanyard.records.orm import LegalHold
from lanyard.records.service import ExportRequest
from lanyard.web.deps import Forbidden, now, render, require, services_of

router = APIRouter()
Officer = Annotated[Principal, Depends(require(can_manage_holds))]
Svc = Annotated[Services, Depends(services_of)]
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
            "covers": _covers(uow.session, holds),
            "form": form or {},
            "problem": problem,
            "notice": notice or request.query_params.get("done"),
        }
        return render(request, "records/holds.html", context, status_code=status_code)


def _covers(session: Session, holds: list[LegalHold]) -> dict[str, str]:
    """What each hold covers, in words: the person's or building's name, the case's
    title, and the period (the command line's ``describe`` gives ids)."""
    people = {h.person_id for h in holds if h.person_id}
    buildings = {h.building_id for h in holds if h.building_id}
    cases = {h.case_id for h in holds if h.case_id}
    names: dict[str | None, str] = {}
    if people:
        for person in session.scalars(select(Person).where(Person.id.in_(people))):
            names[person.id] = person.display_name
    if buildings:
        names.update(
            session.execute(select(Building.id, Building.name).where(Building.id.in_(buildings)))
        )
    if cases:
        names.update(
            (i, f"the case “{t}”")
            for i, t in session.execute(select(Case.id, Case.title).where(Case.id.in_(cases)))
        )
    out: dict[str, str] = {}
    for hold in holds:
        what = {
            "person": names.get(hold.person_id, "a person no longer in the directory"),
            "building": names.get(hold.building_id, "a building no longer in the directory"),
            "case": names.get(hold.case_id, "a case"),
            "period": "Every record",
        }.get(hold.scope, hold.scope)
        if hold.starts_on or hold.ends_on:
            what += f", records from {hold.starts_on or 'the start'} to {hold.ends_on or 'now'}"
        placed = f"placed {hold.placed_at:%Y-%m-%d}"
        lifted = f", lifted {hold.lifted_at:%Y-%m-%d}" if hold.lifted_at else ""
        out[hold.id] = f"{what} ({placed}{lifted})"
    return out


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


# -- records exports -------------------------------------------------------------------------

Exporter = Annotated[Principal, Depends(require(can_export_records))]


def _exports_page(
    request: Request,
    services: Services,
    person_id: str,
    *,
    form: dict[str, Any] | None = None,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    with services.db.uow() as uow:
        rows = exports.mine(uow=uow, person_id=person_id)
        context: dict[str, Any] = {
            "exports": rows,
            "running": any(r.status in ("queued", "running") for r in rows),
            "types": RECORD_TYPES,
            "type_labels": RECORD_TYPE_LABELS,
            "form": form or {"types": list(RECORD_TYPES)},
            "problem": problem,
            "configured": services.settings.records_export_dir is not None,
            "last_day": lambda e: (e.until - dt.timedelta(days=1)).date().isoformat(),
            "expires_at": lambda e: exports.expires_at(
                e, services.settings.records_export_keep_days
            ),
            "notice": request.query_params.get("done"),
        }
        return render(request, "records/exports.html", context, status_code=status_code)


@router.get("/records/exports", name="records_exports")
def exports_page(request: Request, officer: Exporter, services: Svc) -> Response:
    return _exports_page(request, services, officer.person_id)


@router.post("/records/exports")
async def ask_export(request: Request, officer: Exporter, services: Svc) -> Response:
    data = await request.form()
    form: dict[str, Any] = {
        "people": str(data.get("people", "")).strip(),
        "since": str(data.get("since", "")).strip(),
        "until": str(data.get("until", "")).strip(),
        "types": [str(t) for t in data.getlist("types")],
        "redact": bool(data.get("redact")),
    }
    try:
        since = _date(form["since"], "first day")
        until = _date(form["until"], "last day")
        if since is None or until is None:
            raise RecordsError("first and last day: both are needed")
        kinds = parse_types(",".join(form["types"])) if form["types"] else ()
        if not kinds:
            raise RecordsError("record types: choose at least one")
        # the days as the district lives them: from the first day's midnight in its time
        # zone to the midnight after the last (an export from Dec 1 began on Nov 30 at
        # 18:00 in Chicago when the days were read as UTC)
        zone = ZoneInfo(services.settings.time_zone)
        with services.db.uow(write=True) as uow:
            row = exports.request_export(
                uow=uow,
                request=ExportRequest(
                    since=dt.datetime.combine(since, dt.time(), zone).astimezone(dt.UTC),
                    until=dt.datetime.combine(
                        until + dt.timedelta(days=1), dt.time(), zone
                    ).astimezone(dt.UTC),
                    types=kinds,
                    people=tuple(p.strip() for p in form["people"].split(",") if p.strip()),
                    redact_students=form["redact"],
                ),
                requester_id=officer.person_id,
                now=now(request),
            )
            export_id = row.id
    except RecordsError as exc:
        return _exports_page(
            request, services, officer.person_id, form=form, problem=_plain(exc), status_code=422
        )
    send(services, exports.TASK, [export_id])
    return RedirectResponse(
        "/records/exports?done=Export+started:+you+will+get+an+e-mail+when+it+is+ready.",
        status_code=303,
    )


@router.get("/records/exports/{export_id}/download", name="records_export_download")
def download_export(request: Request, export_id: str, officer: Exporter, services: Svc) -> Response:
    directory = services.settings.records_export_dir
    try:
        with services.db.uow(write=True) as uow:
            name = exports.download(
                uow=uow, export_id=export_id, person_id=officer.person_id, now=now(request)
            )
    except exports.Expired as gone:
        return render(
            request,
            "records/export_expired.html",
            {"on": gone.on, "keep_days": services.settings.records_export_keep_days},
            status_code=410,
        )
    path = Path(directory) / name if directory is not None and name else None
    if path is None or not path.is_file():
        raise Forbidden()
    return FileResponse(path, media_type="application/zip", filename=name)
