"""The reports page (file a report, record a contact attempt, my reports, my queue), the
case page, the mandated reporter's duty, and the JSON API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from lanyard.auth.permissions import Principal, can_report
from lanyard.bootstrap import Services
from lanyard.cases import domain, reads, service
from lanyard.cases.orm import Case
from lanyard.cases.routing import CaseNotFound, case_link
from lanyard.policy import load_pack
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
CASE_PREFIX = case_link("")
Reporter = Annotated[Principal, Depends(require(can_report))]
Svc = Annotated[Services, Depends(services_of)]


def _page_context(services: Services, principal: Principal, request: Request) -> dict[str, Any]:
    pack = load_pack(services.settings.pack).document
    with services.db.uow() as uow:
        mine = reads.my_reports(uow.session, principal.person_id)
        queue = reads.queue(uow.session, principal)
        attempts = reads.my_contact_attempts(uow.session, principal.person_id)
        uow.session.expunge_all()  # keep the rows readable once the unit of work ends
    return {
        "pack": pack,
        "report_types": domain.fileable(pack),
        "contact_type": domain.contact_report_type(pack),
        "channels": domain.CHANNELS,
        "mine": mine,
        "queue": queue,
        "attempts": attempts,
        "overdue": {
            c.id
            for c in queue
            if domain.overdue(state=c.state, ack_due_at=c.ack_due_at, now=now(request))
        },
        "form": {},
        "problem": None,
        "problem_form": None,
        "recorded": None,
    }


@router.get("/reports", name="reports")
def reports_page(request: Request, principal: Reporter, services: Svc) -> Response:
    return render(request, "cases/page.html", _page_context(services, principal, request))


async def _form(request: Request) -> dict[str, str]:
    return {k: v for k, v in (await request.form()).items() if isinstance(v, str)}


def _refuse(
    request: Request,
    services: Svc,
    principal: Principal,
    form: dict[str, str],
    which: str,
    problem: domain.CaseProblem,
) -> Response:
    context = _page_context(services, principal, request)
    context.update(form=form, problem=str(problem), problem_form=which)
    return render(request, "cases/page.html", context, status_code=422)


@router.post("/reports")
async def file_report(request: Request, principal: Reporter, services: Svc) -> Response:
    form = await _form(request)
    try:
        with services.db.uow(write=True) as uow:
            student_id = None
            if form.get("student", "").strip():
                student_id = reads.resolve_student(
                    uow.session, query=form["student"], building_ids=principal.buildings
                ).id
            case = service.report(
                uow=uow,
                reporter_id=principal.person_id,
                pack_id=services.settings.pack,
                report_type=form.get("report_type", ""),
                student_id=student_id,
                details=form.get("details", ""),
                now=now(request),
                deliver=services.deliver,
            )
            link = case_link(case.id)
    except domain.CaseProblem as problem:
        return _refuse(request, services, principal, form, "report", problem)
    return RedirectResponse(link + "?filed=1", status_code=303)


@router.post("/reports/contact-attempts")
async def record_attempt(request: Request, principal: Reporter, services: Svc) -> Response:
    form = await _form(request)
    try:
        with services.db.uow(write=True) as uow:
            student = reads.resolve_student(
                uow.session, query=form.get("student", ""), building_ids=principal.buildings
            )
            name = student.display_name
            counted = service.record_contact_attempt(
                uow=uow,
                employee_id=principal.person_id,
                student_id=student.id,
                channel=form.get("channel", ""),
                pack_id=services.settings.pack,
                now=now(request),
                deliver=services.deliver,
            )
    except domain.CaseProblem as problem:
        return _refuse(request, services, principal, form, "contact", problem)
    context = _page_context(services, principal, request)
    context["recorded"] = {"student": name, "result": counted}
    return render(request, "cases/page.html", context)


@router.get("/reports/abuse-or-neglect", name="mandated_duty")
def mandated_duty_page(request: Request, principal: Reporter, services: Svc) -> Response:
    with services.db.uow(write=True) as uow:
        duty = service.show_mandated_duty(
            uow=uow,
            person_id=principal.person_id,
            pack_id=services.settings.pack,
            now=now(request),
        )
    pack = load_pack(services.settings.pack).document
    return render(request, "cases/mandated.html", {"duty": duty, "pack": pack})


# -- a case -------------------------------------------------------------------------------


def _case_page(
    request: Request,
    services: Services,
    principal: Principal,
    case_id: str,
    *,
    problem: str | None = None,
    status_code: int = 200,
    done: str | None = None,
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            view = reads.view_case(uow=uow, case_id=case_id, viewer=principal, now=now(request))
            return render(
                request,
                "cases/case.html",
                {
                    "view": view,
                    "case": view.case,
                    "problem": problem,
                    "done": done,
                    "types": domain.ALLOWED_TYPES,
                    **hold_marks(uow.session, principal, "cases", [case_id], now(request)),
                },
                status_code=status_code,
            )
    except CaseNotFound:
        raise Forbidden() from None


@router.get("/reports/cases/{case_id}", name="case")
def case_page(request: Request, case_id: str, principal: Reporter, services: Svc) -> Response:
    done = (
        "Your report was filed and sent to the people who handle it."
        if request.query_params.get("filed")
        else None
    )
    return _case_page(request, services, principal, case_id, done=done)


async def _act(
    request: Request, services: Services, principal: Principal, case_id: str, action: str
) -> Response:
    form = await request.form()
    at = now(request)
    try:
        with services.db.uow(write=True) as uow:
            if action == "acknowledge":
                service.acknowledge(uow=uow, case_id=case_id, person_id=principal.person_id, now=at)
            elif action == "note":
                service.add_note(
                    uow=uow,
                    case_id=case_id,
                    author_id=principal.person_id,
                    body=str(form.get("note", "")),
                    now=at,
                )
            elif action == "close":
                service.close(
                    uow=uow,
                    case_id=case_id,
                    person_id=principal.person_id,
                    outcome=str(form.get("outcome", "")),
                    now=at,
                )
            else:
                upload = form.get("file")
                if not isinstance(upload, UploadFile) or not upload.filename:
                    raise domain.CaseProblem("file", "choose a file to attach")
                data = await upload.read(domain.MAX_ATTACHMENT_BYTES + 1)
                service.attach(
                    uow=uow,
                    case_id=case_id,
                    uploader_id=principal.person_id,
                    filename=upload.filename,
                    content_type=upload.content_type or "",
                    data=data,
                    now=at,
                )
    except CaseNotFound:
        raise Forbidden() from None
    except domain.CaseProblem as problem:
        return _case_page(
            request, services, principal, case_id, problem=str(problem), status_code=422
        )
    return RedirectResponse(case_link(case_id), status_code=303)


@router.post("/reports/cases/{case_id}/acknowledge")
async def acknowledge_case(
    request: Request, case_id: str, principal: Reporter, services: Svc
) -> Response:
    return await _act(request, services, principal, case_id, "acknowledge")


@router.post("/reports/cases/{case_id}/notes")
async def note_case(request: Request, case_id: str, principal: Reporter, services: Svc) -> Response:
    return await _act(request, services, principal, case_id, "note")


@router.post("/reports/cases/{case_id}/attachments")
async def attach_case(
    request: Request, case_id: str, principal: Reporter, services: Svc
) -> Response:
    return await _act(request, services, principal, case_id, "attach")


@router.post("/reports/cases/{case_id}/close")
async def close_case(
    request: Request, case_id: str, principal: Reporter, services: Svc
) -> Response:
    return await _act(request, services, principal, case_id, "close")


@router.get("/reports/cases/{case_id}/attachments/{attachment_id}", name="case_attachment")
def download_attachment(
    request: Request, case_id: str, attachment_id: str, principal: Reporter, services: Svc
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            file = reads.download(
                uow=uow,
                case_id=case_id,
                attachment_id=attachment_id,
                viewer=principal,
                now=now(request),
            )
            data, name, kind, digest = file.data, file.filename, file.content_type, file.sha256
    except CaseNotFound:
        raise Forbidden() from None
    safe = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in name)
    return Response(
        data,
        media_type=kind,
        headers={
            "Content-Disposition": f'attachment; filename="{safe}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            "Digest": f"sha-256={digest}",
        },
    )


# -- attention on the home page -------------------------------------------------------------


@attention_provider
def cases_awaiting_me(ctx: AttentionContext) -> Iterable[AttentionItem]:
    for case in reads.queue(ctx.session, ctx.principal):
        if case.state != domain.CaseState.OPEN:
            continue
        late = domain.overdue(state=case.state, ack_due_at=case.ack_due_at, now=ctx.now)
        yield AttentionItem(
            "Overdue report to acknowledge" if late else "Report to acknowledge",
            f"{case.title} — acknowledge by {ctx.when(case.ack_due_at)}",
            href=case_link(case.id),
            urgent=True,
        )


@settled_links
def closed_cases(session: Session, links: Sequence[str]) -> dict[str, dt.datetime]:
    """A closed case's notifications leave the home page."""
    ids = {link.removeprefix(CASE_PREFIX): link for link in links if link.startswith(CASE_PREFIX)}
    if not ids:
        return {}
    rows = session.execute(
        select(Case.id, Case.closed_at).where(
            Case.id.in_(list(ids)), Case.state == domain.CaseState.CLOSED
        )
    )
    return {ids[case_id]: utc(closed_at) for case_id, closed_at in rows if closed_at is not None}


# -- JSON API -------------------------------------------------------------------------------


class ReportIn(BaseModel):
    """A report of one of the pack's report types; ``student`` is a student of your
    building (id, student number, e-mail or name), where the report is about one."""

    model_config = ConfigDict(extra="forbid")

    report_type: str
    details: str
    student: str | None = None


class ContactAttemptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student: str
    channel: str


def _case_json(case: Case, request: Request) -> dict[str, Any]:
    return {
        "id": case.id,
        "report_type": case.report_type,
        "title": case.title,
        "state": case.state,
        "source": case.source,
        "building_id": case.building_id,
        "created_at": case.created_at.isoformat(),
        "ack_due_at": case.ack_due_at.isoformat(),
        "overdue": domain.overdue(state=case.state, ack_due_at=case.ack_due_at, now=now(request)),
        "escalation_level": case.escalation_level,
        "link": case_link(case.id),
    }


def _problem(problem: domain.CaseProblem) -> JSONResponse:
    return JSONResponse(
        {"detail": [{"field": problem.field, "problem": problem.message}]}, status_code=422
    )


@router.get("/api/reports", tags=["reports"], summary="My reports and my queue")
def api_reports(request: Request, principal: Reporter, services: Svc) -> Response:
    with services.db.uow() as uow:
        mine = [_case_json(c, request) for c in reads.my_reports(uow.session, principal.person_id)]
        queue = [_case_json(c, request) for c in reads.queue(uow.session, principal)]
    return JSONResponse({"mine": mine, "queue": queue})


@router.post("/api/reports", tags=["reports"], summary="File a report", status_code=201)
def api_file_report(
    body: ReportIn, request: Request, principal: Reporter, services: Svc
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            student_id = None
            if body.student:
                student_id = reads.resolve_student(
                    uow.session, query=body.student, building_ids=principal.buildings
                ).id
            case = service.report(
                uow=uow,
                reporter_id=principal.person_id,
                pack_id=services.settings.pack,
                report_type=body.report_type,
                student_id=student_id,
                details=body.details,
                now=now(request),
                deliver=services.deliver,
            )
            payload = _case_json(case, request)
    except domain.CaseProblem as problem:
        return _problem(problem)
    return JSONResponse(payload, status_code=201)


@router.post("/api/reports/{case_id}/acknowledge", tags=["reports"], summary="Acknowledge a case")
def api_acknowledge(request: Request, case_id: str, principal: Reporter, services: Svc) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            case = service.acknowledge(
                uow=uow, case_id=case_id, person_id=principal.person_id, now=now(request)
            )
            payload = _case_json(case, request)
    except CaseNotFound:
        raise Forbidden() from None
    except domain.CaseProblem as problem:
        return _problem(problem)
    return JSONResponse(payload)


@router.post("/api/contact-attempts", tags=["reports"], summary="Record a contact attempt")
def api_contact_attempt(
    body: ContactAttemptIn, request: Request, principal: Reporter, services: Svc
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            student = reads.resolve_student(
                uow.session, query=body.student, building_ids=principal.buildings
            )
            counted = service.record_contact_attempt(
                uow=uow,
                employee_id=principal.person_id,
                student_id=student.id,
                channel=body.channel,
                pack_id=services.settings.pack,
                now=now(request),
                deliver=services.deliver,
            )
    except domain.CaseProblem as problem:
        return _problem(problem)
    return JSONResponse(
        {
            "count": counted.count,
            "threshold": counted.threshold,
            "case_id": counted.case_id,
            "opened_case": counted.opened,
        },
        status_code=201,
    )
