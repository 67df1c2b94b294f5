"""Acknowledgment pages: my acknowledgments and the campaigns (open one: administrators),
reading and signing the policy, completion by building and role with its CSV, and the
annual review. Home-page reminders are attention providers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select

from lanyard.acknowledgments import domain, reads, service
from lanyard.acknowledgments.orm import AckAssignment, AckCampaign, Acknowledgment
from lanyard.auth.permissions import Principal
from lanyard.bootstrap import Services
from lanyard.directory.orm import Building
from lanyard.policy import policy_name
from lanyard.web.attention import AttentionContext, AttentionItem, attention_provider
from lanyard.web.deps import Forbidden, now, render, require, services_of

router = APIRouter()
Svc = Annotated[Services, Depends(services_of)]


Signer = Annotated[Principal, Depends(require(domain.can_acknowledge))]
Admin = Annotated[Principal, Depends(require(domain.can_manage_campaigns))]
Viewer = Annotated[Principal, Depends(require(domain.can_see_completion))]
Reviewer = Annotated[Principal, Depends(require(domain.can_record_review))]


def _day(value: str, field: str) -> dt.datetime:
    try:
        return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), tzinfo=dt.UTC)
    except ValueError:
        raise domain.AckProblem(field, "give a date (YYYY-MM-DD)") from None


def _index_context(services: Services, principal: Principal, at: dt.datetime) -> dict[str, Any]:
    admin = domain.can_manage_campaigns(principal).allowed
    with services.db.uow() as uow:
        session = uow.session
        mine = reads.my_open_assignments(session, principal.person_id, at)
        signed = list(
            session.execute(
                select(
                    AckCampaign.id, AckCampaign.title, AckCampaign.pack_version, Acknowledgment.at
                )
                .join(Acknowledgment, Acknowledgment.campaign_id == AckCampaign.id)
                .where(Acknowledgment.person_id == principal.person_id)
                .order_by(Acknowledgment.at.desc())
            )
        )
        campaigns = reads.campaigns(session) if domain.can_see_completion(principal).allowed else []
        reviews = reads.reviews(session) if domain.can_record_review(principal).allowed else []
        # the schools (the directory's district organisation is not a building: "the whole
        # district" is its own choice on the form)
        buildings = (
            list(
                session.execute(
                    select(Building.id, Building.name)
                    .where(Building.kind == "school", Building.active.is_(True))
                    .order_by(Building.name)
                )
            )
            if admin
            else []
        )
        session.expunge_all()
    return {
        "mine": mine,
        "signed": signed,
        "campaigns": campaigns,
        "reviews": reviews,
        "admin": admin,
        "may_review": domain.can_record_review(principal).allowed,
        "buildings": buildings,
        "roles": [(r, domain.ROLE_WORDS[r]) for r in domain.STAFF_ROLES],
        "pack_id": services.settings.pack,
        "outcomes": domain.REVIEW_OUTCOME_WORDS,
        "form": {},
        "chosen": [],  # the buildings and roles ticked, kept when the form is refused
        "chosen_roles": [],
        "problem": None,
        "done": None,
    }


@router.get("/acknowledgments", name="acknowledgments")
def index(request: Request, principal: Signer, services: Svc) -> Response:
    context = _index_context(services, principal, now(request))
    if request.query_params.get("opened"):
        context["done"] = "The campaign is open; everyone it covers has been assigned."
    if request.query_params.get("reviewed"):
        context["done"] = "The annual review is recorded."
    return render(request, "acknowledgments/index.html", context)


def _buildings_chosen(where: str, chosen: list[str]) -> list[str]:
    """The form's "Who acknowledges": the whole district (no building named) or only the
    buildings ticked. A form without the choice (the API's callers) names buildings or not."""
    if where == "district" and chosen:
        raise domain.AckProblem(
            "buildings",
            "you chose the whole district and ticked buildings: choose “Only these "
            "buildings” or untick them",
        )
    if where == "buildings" and not chosen:
        raise domain.AckProblem(
            "buildings", "tick the buildings the campaign is for, or choose the whole district"
        )
    return chosen


@router.post("/acknowledgments")
async def open_campaign(request: Request, principal: Admin, services: Svc) -> Response:
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    chosen = [str(b) for b in raw.getlist("buildings")]
    at = now(request)
    try:
        building_ids = _buildings_chosen(form.get("where", ""), chosen)
        opens_at = _day(form.get("opens", ""), "opens") if form.get("opens") else at
        due_at = _day(form.get("due", ""), "due") + dt.timedelta(days=1, seconds=-1)
        with services.db.uow(write=True) as uow:
            service.open_campaign(
                uow=uow,
                version=service.builtin_version(services.settings.pack),
                title=form.get("title", ""),
                opens_at=opens_at,
                due_at=due_at,
                now=at,
                roles=[str(r) for r in raw.getlist("roles")],
                building_ids=building_ids,
                include_volunteers=form.get("volunteers") == "yes",
                actor_id=principal.person_id,
            )
    except domain.AckProblem as problem:
        context = _index_context(services, principal, at)
        roles = [str(r) for r in raw.getlist("roles")]
        context.update(form=form, chosen=chosen, chosen_roles=roles, problem=str(problem))
        return render(request, "acknowledgments/index.html", context, status_code=422)
    return RedirectResponse("/acknowledgments?opened=1", status_code=303)


# -- reading and signing ---------------------------------------------------------------------


def _reading_page(
    request: Request,
    services: Services,
    principal: Principal,
    campaign_id: str,
    *,
    problem: str | None = None,
    typed: str = "",
    status_code: int = 200,
) -> Response:
    try:
        with services.db.uow() as uow:
            view = reads.reading(uow.session, campaign_id, principal.person_id)
            uow.session.expunge_all()
    except service.CampaignNotFound:
        raise Forbidden() from None
    full = request.query_params.get("full") == "1" or not view.changes_only
    return render(
        request,
        "acknowledgments/read.html",
        {
            "view": view,
            "campaign": view.campaign,
            "full": full,
            "problem": problem,
            "typed": typed,
            "open": domain.is_open(view.campaign.opens_at, view.campaign.state, now(request)),
            "overdue": now(request) > view.campaign.due_at,
        },
        status_code=status_code,
    )


@router.get("/acknowledgments/{campaign_id}", name="acknowledgment")
def read_policy(request: Request, campaign_id: str, principal: Signer, services: Svc) -> Response:
    return _reading_page(request, services, principal, campaign_id)


@router.post("/acknowledgments/{campaign_id}/sign")
async def sign(request: Request, campaign_id: str, principal: Signer, services: Svc) -> Response:
    form = await request.form()
    typed = str(form.get("signature", ""))
    try:
        with services.db.uow(write=True) as uow:
            service.acknowledge(
                uow=uow,
                campaign_id=campaign_id,
                person_id=principal.person_id,
                typed_name=typed,
                confirmed=form.get("confirm") == "yes",
                now=now(request),
            )
    except service.CampaignNotFound:
        raise Forbidden() from None
    except domain.AckProblem as problem:
        return _reading_page(
            request,
            services,
            principal,
            campaign_id,
            problem=problem.message,
            typed=typed,
            status_code=422,
        )
    return RedirectResponse(f"/acknowledgments/{campaign_id}", status_code=303)


# -- completion -----------------------------------------------------------------------------


def _campaign(services: Services, campaign_id: str) -> AckCampaign:
    with services.db.uow() as uow:
        campaign = uow.session.get(AckCampaign, campaign_id)
        if campaign is None:
            raise Forbidden()
        uow.session.expunge_all()
        return campaign


@router.get("/acknowledgments/{campaign_id}/completion", name="ack_completion")
def completion(request: Request, campaign_id: str, principal: Viewer, services: Svc) -> Response:
    scope = domain.completion_scope(principal)
    campaign = _campaign(services, campaign_id)
    with services.db.uow() as uow:
        report = reads.completion_of(uow.session, campaign, scope, now(request))
        names = [
            n
            for (n,) in uow.session.execute(
                select(Building.name).where(Building.id.in_(sorted(scope.building_ids)))
            )
        ]
    return render(
        request,
        "acknowledgments/completion.html",
        {
            "campaign": campaign,
            "report": report,
            "scope": scope,
            "scope_names": sorted(names),
            "overdue": now(request) > campaign.due_at,
        },
    )


@router.get("/acknowledgments/{campaign_id}/completion.csv", name="ack_completion_csv")
def completion_csv(
    request: Request, campaign_id: str, principal: Viewer, services: Svc
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            text = service.export_completion(
                uow=uow,
                campaign_id=campaign_id,
                scope=domain.completion_scope(principal),
                actor_id=principal.person_id,
                now=now(request),
            )
    except service.CampaignNotFound:
        raise Forbidden() from None
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="acknowledgments-{campaign_id}.csv"'
        },
    )


# -- the annual review ----------------------------------------------------------------------


@router.post("/acknowledgments/reviews/{review_id}")
async def record_review(
    request: Request, review_id: str, principal: Reviewer, services: Svc
) -> Response:
    raw = await request.form()
    form = {k: v for k, v in raw.items() if isinstance(v, str)}
    at = now(request)
    try:
        reviewed_on = _day(form.get("reviewed_on", ""), "reviewed_on").date()
        with services.db.uow(write=True) as uow:
            service.record_review(
                uow=uow,
                review_id=review_id,
                actor_id=principal.person_id,
                reviewed_on=reviewed_on,
                outcome=form.get("outcome", ""),
                notes=form.get("notes", ""),
                now=at,
            )
    except domain.AckProblem as problem:
        context = _index_context(services, principal, at)
        context.update(problem=str(problem))
        return render(request, "acknowledgments/index.html", context, status_code=422)
    return RedirectResponse("/acknowledgments?reviewed=1", status_code=303)


# -- the home page ----------------------------------------------------------------------------


@attention_provider
def policy_to_acknowledge(ctx: AttentionContext) -> Iterable[AttentionItem]:
    """The policy this person has yet to acknowledge (urgent once overdue)."""
    for item in reads.my_open_assignments(ctx.session, ctx.principal.person_id, ctx.now):
        when = f"{item.due_at:%B %-d, %Y}"
        yield AttentionItem(
            f"Acknowledge the policy: {item.title}",
            (f"It was due on {when}." if item.overdue else f"Read it and sign by {when}."),
            href=f"/acknowledgments/{item.campaign_id}",
            urgent=item.overdue,
        )


@attention_provider
def overdue_in_my_buildings(ctx: AttentionContext) -> Iterable[AttentionItem]:
    """For principals and administrators: open campaigns past due with people unsigned."""
    scope = domain.completion_scope(ctx.principal)
    if scope.empty:
        return
    # one statement for every open campaign past due, with only the columns shown: the
    # campaign rows carry the policy's whole text and clauses (over 100 KB), which Home
    # read and decoded on every page for a principal or administrator
    stmt = (
        select(AckCampaign.id, AckCampaign.title, AckCampaign.due_at, func.count(AckAssignment.id))
        .join(AckAssignment, AckAssignment.campaign_id == AckCampaign.id)
        .where(
            AckCampaign.state == domain.CampaignState.OPEN,
            AckCampaign.opens_at <= ctx.now,
            AckCampaign.due_at < ctx.now,
            AckAssignment.acknowledged_at.is_(None),
            reads.COUNTED,  # not those who left
        )
        .group_by(AckCampaign.id, AckCampaign.title, AckCampaign.due_at, AckCampaign.opens_at)
        .order_by(AckCampaign.opens_at)
    )
    if not scope.district:
        stmt = stmt.where(AckAssignment.building_id.in_(sorted(scope.building_ids)))
    for campaign_id, title, due_at, count in ctx.session.execute(stmt):
        yield AttentionItem(
            f"{count} {'person has' if count == 1 else 'people have'} not acknowledged {title}",
            f"It was due on {due_at:%B %-d, %Y}.",
            href=f"/acknowledgments/{campaign_id}/completion",
        )


@attention_provider
def annual_review_due(ctx: AttentionContext) -> Iterable[AttentionItem]:
    if not domain.can_record_review(ctx.principal).allowed:
        return
    for review in reads.open_reviews(ctx.session):
        yield AttentionItem(
            f"Annual review of {policy_name(review.pack_id)} (version {review.pack_version})",
            f"Record the review's date and outcome by {review.due_at:%B %-d, %Y}.",
            href="/acknowledgments#reviews",
            urgent=ctx.now > review.due_at,
        )
