"""The pre-publication check page: paste a draft post's text (where it goes, the students
tagged) or a group e-mail's recipients, or upload a saved .eml; the verdict, each finding
with its reason and clause, and a suggested fix. Same permission as the API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.auth.permissions import Principal
from lanyard.bootstrap import Services
from lanyard.directory.orm import Building, Person
from lanyard.policy import load_pack
from lanyard.prepub.accounts import destinations_for, find_destination
from lanyard.prepub.api import (
    can_open_consents,
    can_record_consents,
    can_record_own_image_consent,
    can_view_consents,
)
from lanyard.prepub.destinations import Destination
from lanyard.prepub.domain import (
    DECISIONS,
    SCOPES,
    CheckResult,
    can_check_publication,
    check_scope,
    recipients_from_text,
    school_year_of,
)
from lanyard.prepub.outlook import recipients_from_file
from lanyard.prepub.service import (
    find_staff,
    find_staff_by_name,
    find_student,
    record_consent_change,
    record_staff_image_consent,
    run_recipients_check,
    run_text_check,
    staff_image_consent,
    staff_username,
    student_consents,
)
from lanyard.web.deps import now, render, require, services_of

router = APIRouter()
Checker = Annotated[Principal, Depends(require(can_check_publication))]
Office = Annotated[Principal, Depends(require(can_open_consents))]
Self = Annotated[Principal, Depends(require(can_record_own_image_consent))]
Svc = Annotated[Services, Depends(services_of)]
MAX_EML = 5_000_000


def _page(
    request: Request,
    *,
    result: CheckResult | None = None,
    error: str | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    services: Services = request.app.state.services
    principal: Principal = request.state.principal
    scope = check_scope(principal)
    with services.db.uow() as uow:
        found = destinations_for(uow.session, person_id=principal.person_id,
                                 buildings=principal.buildings)  # fmt: skip
        scope_names = None if scope is None else sorted(uow.session.scalars(
            select(Building.name).where(Building.id.in_(tuple(scope)))
        ))  # fmt: skip
    choices = [
        (d.to if d.account_id is None else f"account:{d.account_id}", d.label) for d in found
    ]
    context = {
        "result": result,
        "error": error,
        "form": form or {},
        "destinations": choices,
        "scope_names": scope_names,
    }
    return render(request, "prepub/index.html", context, status_code=status_code)


@router.get("/prepub", name="prepub")
def page(request: Request, principal: Checker) -> Response:
    return _page(request)


def _where(session: Session, to: str) -> Destination:
    """The form's choice: website, social, newsletter or ``account:ID``."""
    if to.startswith("account:"):
        return find_destination(session, to=None, account=to.removeprefix("account:"))
    return find_destination(session, to=to, account=None)


@router.post("/prepub/check", name="prepub_check")
def check_page(
    request: Request,
    principal: Checker,
    services: Svc,
    text: Annotated[str, Form(max_length=100_000)] = "",
    to: Annotated[str, Form(max_length=1100)] = "",
    tags: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    form = {"text": text, "to": to, "tags": tags}
    try:
        with services.db.uow(write=True) as uow:
            try:
                where = _where(uow.session, to)
            except (LookupError, ValueError):
                return _page(request, error="Choose where the post will go.", form=form,
                             status_code=422)  # fmt: skip
            result = run_text_check(
                uow=uow, text=text, use=where.use, tags=tags.replace(",", " ").split(),
                pack=load_pack(services.settings.pack), now=now(request),
                actor_id=principal.person_id,
                where=where if where.account_id is not None else None,
                buildings=check_scope(principal),
            )  # fmt: skip
    except LookupError as exc:
        return _page(request, error=str(exc.args[0]), form=form, status_code=422)
    return _page(request, result=result, form=form)


@router.post("/prepub/bcc", name="prepub_bcc")
async def bcc_page(
    request: Request,
    principal: Checker,
    services: Svc,
    to: Annotated[str, Form(max_length=100_000)] = "",
    cc: Annotated[str, Form(max_length=100_000)] = "",
    bcc: Annotated[str, Form(max_length=100_000)] = "",
    eml: Annotated[UploadFile | None, File()] = None,
) -> Response:
    form = {"mail_to": to, "mail_cc": cc, "mail_bcc": bcc}
    data = await eml.read(MAX_EML + 1) if eml is not None and eml.filename else b""
    if len(data) > MAX_EML:
        return _page(request, error="The message is larger than 5 MB.", form=form, status_code=413)
    try:
        recipients = recipients_from_file(data) if data else recipients_from_text(to, cc, bcc)
    except ValueError as exc:
        return _page(request, error=f"The file: {exc}", form=form, status_code=422)
    if not (recipients.to or recipients.cc or recipients.bcc):
        return _page(request, error="Paste the recipients or choose a saved message.",
                     form=form, status_code=422)  # fmt: skip
    with services.db.uow(write=True) as uow:
        result = run_recipients_check(
            uow=uow, recipients=recipients, district_domains=services.settings.district_domains,
            pack=load_pack(services.settings.pack), now=now(request),
            actor_id=principal.person_id, buildings=check_scope(principal),
        )  # fmt: skip
    return _page(request, result=result, form=form)


def _consents_page(
    request: Request,
    services: Services,
    principal: Principal,
    key: str,
    *,
    message: str | None = None,
    error: str | None = None,
    status_code: int = 200,
    staff_key: str = "",
    staff_message: str | None = None,
    staff_error: str | None = None,
) -> Response:
    at = now(request)
    year = school_year_of(at.date())
    context: dict[str, Any] = {
        "key": key, "year": year, "scopes": SCOPES, "decisions": DECISIONS,
        "student": None, "consents": [], "message": message, "error": error,
        "today": at.date().isoformat(), "staff_key": staff_key, "staff": None,
        "staff_message": staff_message, "staff_error": staff_error,
    }  # fmt: skip
    if staff_key:
        with services.db.uow(write=True) as uow:
            person, problem = _lookup_staff(uow.session, principal, staff_key)
            if person is None:
                context["staff_error"] = staff_error or problem
                status_code = status_code if status_code != 200 else 404
            else:
                buildings = [b.id for b in person.buildings]
                context["staff"] = {
                    "name": person.display_name,
                    "id": person.id,
                    "username": staff_username(uow.session, person),
                }
                context["staff_may_record"] = can_record_consents(principal, buildings).allowed
                context["staff_consent"] = staff_image_consent(
                    uow, person, year, now=at, actor_id=principal.person_id
                )  # fmt: skip
    if key:
        with services.db.uow(write=True) as uow:
            student = find_student(uow.session, key)
            buildings = [b.id for b in student.buildings] if student is not None else []
            allowed = student is not None and can_view_consents(principal, buildings).allowed
            if student is None or not allowed:
                # the same answer for "no such student" and "not yours": nothing leaks
                context["error"] = error or f"No student {key!r} in your buildings."
                status_code = 404
            else:
                context["student"] = {"name": f"{student.display_name}", "id": student.id}
                context["may_record"] = can_record_consents(principal, buildings).allowed
                context["consents"] = student_consents(
                    uow, student, year, now=at, actor_id=principal.person_id
                )
    return render(request, "prepub/consents.html", context, status_code=status_code)


@router.get("/prepub/consents", name="prepub_consents")
def consents_page(
    request: Request,
    principal: Office,
    services: Svc,
    student: Annotated[str, Query(max_length=255)] = "",
    staff: Annotated[str, Query(max_length=255)] = "",
) -> Response:
    return _consents_page(request, services, principal, student.strip(), staff_key=staff.strip())


@router.post("/prepub/consents", name="prepub_consents_record")
def record_consent(
    request: Request,
    principal: Office,
    services: Svc,
    student: Annotated[str, Form(max_length=255)],
    scope: Annotated[str, Form(max_length=32)],
    decision: Annotated[str, Form(max_length=16)],
    recorded_on: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=255)] = "",
) -> Response:
    at = now(request)
    try:
        received = dt.date.fromisoformat(recorded_on) if recorded_on else None
    except ValueError:
        return _consents_page(request, services, principal, student,
                              error=f"Date received: {recorded_on!r} is not a date.",
                              status_code=422)  # fmt: skip
    outcome: str | None = None
    problem: str | None = None
    refused: str | None = None
    with services.db.uow(write=True) as uow:
        person = find_student(uow.session, student)
        buildings = [b.id for b in person.buildings] if person is not None else []
        recording = can_record_consents(principal, buildings)
        if person is None or not can_view_consents(principal, buildings).allowed:
            pass  # not found, the same answer as a student who does not exist
        elif not recording.allowed:
            refused = recording.reason
        else:
            try:
                outcome = record_consent_change(
                    uow=uow, student=person, scope=scope, decision=decision,
                    school_year=school_year_of(at.date()), recorded_on=received, note=note,
                    now=at, actor_id=principal.person_id,
                )  # fmt: skip
            except ValueError as exc:
                problem = str(exc)
    if refused is not None:
        return _consents_page(request, services, principal, student,
                              error=f"Not recorded: {refused}.", status_code=403)  # fmt: skip
    if outcome is None:
        return _consents_page(request, services, principal, student, error=problem,
                              status_code=422 if problem else 404)  # fmt: skip
    said = {"added": "Recorded", "changed": "Changed", "unchanged": "Already on file"}[outcome]
    message = (
        f"{said}: {scope.replace('_', ' ')} {decision.replace('_', '-')} for this school year."
    )
    return _consents_page(request, services, principal, student, message=message)


def _lookup_staff(session: Session, principal: Principal, key: str) -> tuple[Person | None, str]:
    """A staff member by username, staff id or full name, among those whose consents the
    principal may read (scoped like a student); else why not. A staff member outside one's
    buildings is "not found", like one who does not exist."""

    def visible(person: Person) -> bool:
        return can_view_consents(principal, [b.id for b in person.buildings]).allowed

    person = find_staff(session, key)
    if person is not None and visible(person):
        return person, ""
    named = [p for p in find_staff_by_name(session, key) if visible(p)]
    if len(named) == 1:
        return named[0], ""
    if named:
        usernames = ", ".join(sorted(staff_username(session, p) or p.id for p in named))
        return (
            None,
            f"{len(named)} staff members are named {key!r} ({usernames}): look one up by username.",
        )
    return None, f"No staff member {key!r} in your buildings."


def _written(
    decision: str, written: str, recorded_on: str, today: dt.date
) -> tuple[dt.date | None, str | None]:
    """The date the written consent was received, or why the form cannot be recorded."""
    if decision not in DECISIONS:
        return None, "Choose whether they consent (opt in) or refuse (opt out)."
    if written != "yes":
        if decision == "opt_in":
            return None, (
                "Not recorded: a consent counts only once it is in writing. Until the signed "
                "form is received, a photo showing them is sent for review."
            )
        return None, None
    try:
        return (dt.date.fromisoformat(recorded_on) if recorded_on else today), None
    except ValueError:
        return None, f"Date received: {recorded_on!r} is not a date."


@router.post("/prepub/consents/staff", name="prepub_consents_staff")
def record_staff_consent(
    request: Request,
    principal: Office,
    services: Svc,
    staff: Annotated[str, Form(max_length=255)],
    decision: Annotated[str, Form(max_length=16)] = "",
    written: Annotated[str, Form(max_length=3)] = "",
    recorded_on: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=255)] = "",
) -> Response:
    """A co-worker's image consent, recorded by the building office (``record_consents`` for
    one of the staff member's buildings, or district-wide): the command's service."""
    at = now(request)
    received, problem = _written(decision, written, recorded_on, at.date())
    if problem is not None:
        return _consents_page(request, services, principal, "", staff_key=staff,
                              staff_error=problem, status_code=422)  # fmt: skip
    outcome: str | None = None
    refused: str | None = None
    with services.db.uow(write=True) as uow:
        person, missing = _lookup_staff(uow.session, principal, staff)
        if person is not None:
            recording = can_record_consents(principal, [b.id for b in person.buildings])
            if not recording.allowed:
                refused = recording.reason
            else:
                outcome = record_staff_image_consent(
                    uow=uow, staff=person, decision=decision,
                    school_year=school_year_of(at.date()), recorded_on=received,
                    note=note or (None if received else "told the building office, not in writing"),
                    now=at, actor_id=principal.person_id,
                )  # fmt: skip
    if refused is not None:
        return _consents_page(request, services, principal, "", staff_key=staff,
                              staff_error=f"Not recorded: {refused}.", status_code=403)  # fmt: skip
    if outcome is None:
        return _consents_page(request, services, principal, "", staff_key=staff,
                              staff_error=missing, status_code=404)  # fmt: skip
    return _consents_page(request, services, principal, "", staff_key=staff,
                          staff_message=_said(outcome, decision))  # fmt: skip


class CoworkerConsentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    staff: str = Field(
        min_length=1, max_length=255,
        description="The co-worker: username, staff id or full name (a name several staff "
        "members share is refused, never guessed).",
    )  # fmt: skip
    decision: Literal["opt_in", "opt_out"] = Field(
        description="opt_in: they consent to appear in the district's photos; opt_out: they refuse."
    )
    written: bool = Field(
        default=False,
        description="The consent or refusal was received in writing. A consent counts only "
        "in writing: opt_in without it is refused (422).",
    )
    recorded_on: dt.date | None = Field(
        default=None, description="The date the written form was received (default: today)."
    )
    note: str | None = Field(default=None, max_length=255, description="Kept with the record.")


@router.post(
    "/api/prepublish/coworker-consent",
    tags=["prepub"],
    summary="Record a co-worker's consent to appear in the district's photos",
    responses={403: {"description": "Not the building office of the co-worker's building."},
               404: {"description": "No such staff member in the caller's buildings."},
               422: {"description": "A consent not in writing, or a bad field."}},
)  # fmt: skip
def coworker_consent_api(
    request: Request, body: CoworkerConsentIn, principal: Office, services: Svc
) -> JSONResponse:
    """The consents page's "Staff pictured in posts" form as JSON: the same rules (the
    building office of one of the co-worker's buildings, or district-wide; a consent only in
    writing) and the same audit (``consents:changed`` with before and after); the photo
    check reads it at once."""
    at = now(request)
    received_text = body.recorded_on.isoformat() if body.recorded_on else ""
    received, problem = _written(body.decision, "yes" if body.written else "", received_text,
                                 at.date())  # fmt: skip
    if problem is not None:
        return JSONResponse({"detail": problem}, status_code=422)
    year = school_year_of(at.date())
    with services.db.uow(write=True) as uow:
        person, missing = _lookup_staff(uow.session, principal, body.staff.strip())
        if person is None:
            return JSONResponse({"detail": missing}, status_code=404)
        recording = can_record_consents(principal, [b.id for b in person.buildings])
        if not recording.allowed:
            return JSONResponse({"detail": f"Not recorded: {recording.reason}."},
                                status_code=403)  # fmt: skip
        staff_id = person.id
        outcome = record_staff_image_consent(
            uow=uow, staff=person, decision=body.decision, school_year=year,
            recorded_on=received,
            note=body.note or (None if received else "told the building office, not in writing"),
            now=at, actor_id=principal.person_id,
        )  # fmt: skip
    return JSONResponse({
        "staff_id": staff_id, "decision": body.decision, "school_year": year,
        "recorded_on": received.isoformat() if received else None, "outcome": outcome,
        "message": _said(outcome, body.decision),
    })  # fmt: skip


def _said(outcome: str, decision: str) -> str:
    said = {"added": "Recorded", "changed": "Changed", "unchanged": "Already on file"}[outcome]
    what = "consents to appear in photos" if decision == "opt_in" else "refuses to appear in photos"
    return f"{said}: {what} for this school year."


def _own_page(
    request: Request, services: Services, principal: Principal, *,
    message: str | None = None, error: str | None = None, status_code: int = 200,
) -> Response:  # fmt: skip
    at = now(request)
    year = school_year_of(at.date())
    consent = None
    with services.db.uow(write=True) as uow:
        person = uow.session.get(Person, principal.person_id)
        if person is not None:
            consent = staff_image_consent(uow, person, year, now=at, actor_id=principal.person_id)
    context = {"year": year, "consent": consent, "message": message, "error": error}
    return render(request, "prepub/own_consent.html", context, status_code=status_code)


@router.get("/account/photo-consent", name="own_photo_consent")
def own_consent_page(request: Request, principal: Self, services: Svc) -> Response:
    """A staff member's own consent to appear in the district's photos, this school year."""
    return _own_page(request, services, principal)


@router.post("/account/photo-consent", name="own_photo_consent_record")
def record_own_consent(
    request: Request,
    principal: Self,
    services: Svc,
    decision: Annotated[str, Form(max_length=16)] = "",
    note: Annotated[str, Form(max_length=255)] = "",
) -> Response:
    """Recorded by the staff member, signed in: their statement here is the written consent
    (dated today), through the same service as the command and the office's page."""
    if decision not in DECISIONS:
        return _own_page(request, services, principal, status_code=422,
                         error="Choose whether you consent or not.")  # fmt: skip
    at = now(request)
    with services.db.uow(write=True) as uow:
        person = uow.session.get(Person, principal.person_id)
        if person is None or person.kind != "staff":
            return _own_page(request, services, principal, status_code=404,
                             error="You are not in the staff directory.")  # fmt: skip
        outcome = record_staff_image_consent(
            uow=uow, staff=person, decision=decision, school_year=school_year_of(at.date()),
            recorded_on=at.date() if decision == "opt_in" else None,
            note=note or "given by the staff member on their account page", now=at,
            actor_id=principal.person_id,
        )  # fmt: skip
    said = _said(outcome, decision).replace("consents to", "you consent to")
    said = said.replace("refuses to", "you do not consent to")
    return _own_page(request, services, principal, message=said)
