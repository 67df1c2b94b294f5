"""The pre-publication check page: paste a draft post's text (where it goes, the students
tagged) or a group e-mail's recipients, or upload a saved .eml; the verdict, each finding
with its reason and clause, and a suggested fix. Same permission as the API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from lanyard.auth.permissions import Principal
from lanyard.bootstrap import Services
from lanyard.policy import load_pack
from lanyard.prepub.api import (
    can_check_publication,
    can_open_consents,
    can_record_consents,
    can_view_consents,
)
from lanyard.prepub.domain import (
    DECISIONS,
    DESTINATIONS,
    SCOPES,
    CheckResult,
    recipients_from_eml,
    recipients_from_text,
    school_year_of,
)
from lanyard.prepub.service import (
    find_student,
    record_consent_change,
    run_recipients_check,
    run_text_check,
    student_consents,
)
from lanyard.web.deps import get_services, now, render, require

router = APIRouter()
Checker = Annotated[Principal, Depends(require(can_check_publication))]
Office = Annotated[Principal, Depends(require(can_open_consents))]
Svc = Annotated[Services, Depends(get_services)]
MAX_EML = 5_000_000


def _page(
    request: Request,
    *,
    result: CheckResult | None = None,
    error: str | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "result": result,
        "error": error,
        "form": form or {},
        "destinations": sorted(DESTINATIONS),
    }
    return render(request, "prepub/index.html", context, status_code=status_code)


@router.get("/prepub", name="prepub")
def page(request: Request, principal: Checker) -> Response:
    return _page(request)


@router.post("/prepub/check", name="prepub_check")
def check_page(
    request: Request,
    principal: Checker,
    services: Svc,
    text: Annotated[str, Form(max_length=100_000)] = "",
    to: Annotated[str, Form(max_length=32)] = "",
    tags: Annotated[str, Form(max_length=10_000)] = "",
) -> Response:
    form = {"text": text, "to": to, "tags": tags}
    if to not in DESTINATIONS:
        return _page(request, error="Choose where the post will go.", form=form, status_code=422)
    try:
        with services.db.uow(write=True) as uow:
            result = run_text_check(
                uow=uow, text=text, use=DESTINATIONS[to], tags=tags.replace(",", " ").split(),
                pack=load_pack(services.settings.pack), now=now(request),
                actor_id=principal.person_id,
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
        recipients = recipients_from_eml(data) if data else recipients_from_text(to, cc, bcc)
    except ValueError as exc:
        return _page(request, error=f"The file: {exc}", form=form, status_code=422)
    if not (recipients.to or recipients.cc or recipients.bcc):
        return _page(request, error="Paste the recipients or choose a saved message.",
                     form=form, status_code=422)  # fmt: skip
    with services.db.uow(write=True) as uow:
        result = run_recipients_check(
            uow=uow, recipients=recipients, district_domains=services.settings.district_domains,
            pack=load_pack(services.settings.pack), now=now(request),
            actor_id=principal.person_id,
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
) -> Response:
    at = now(request)
    year = school_year_of(at.date())
    context: dict[str, Any] = {
        "key": key, "year": year, "scopes": SCOPES, "decisions": DECISIONS,
        "student": None, "consents": [], "message": message, "error": error,
        "today": at.date().isoformat(),
    }  # fmt: skip
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
) -> Response:
    return _consents_page(request, services, principal, student.strip())


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
