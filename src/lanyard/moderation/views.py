"""The moderation queue, the archive, their JSON API and the platforms' webhooks.

Pages: ``/moderation`` (route ``moderation``: the queue, keyboard-driven with
``static/moderation.js``, plain forms without it), ``/moderation/archive`` (search and
export). API: ``GET /api/moderation/queue``, ``POST /api/moderation/decisions``.
Webhooks (CSRF-exempt, authenticated by the platform's signature instead):
``GET|POST /api/webhooks/{platform}/{account_id}``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from lanyard import words
from lanyard.auth.permissions import (
    ModerationScope,
    Principal,
    can_moderate,
    moderation_scope,
)
from lanyard.bootstrap import Services
from lanyard.cases.reads import seen_case
from lanyard.cases.routing import CaseNotFound
from lanyard.connectors.comments import CommentError, connector, registered
from lanyard.crypto import keyring_from_settings
from lanyard.moderation import archive as reads
from lanyard.moderation import assignment, service, webhooks
from lanyard.moderation.jobs import sender
from lanyard.moderation.platform import webhook_secret
from lanyard.moderation.platform_actions import recent as platform_recent
from lanyard.moderation.queue import (
    CATEGORY_LABELS,
    SELF_HARM_ADVICE,
    SEVERITY_LABEL,
    ModerationProblem,
    evidence_of,
    highlight,
    is_self_harm,
    likelihood,
    score_words,
    threat_guidance,
)
from lanyard.policy import load_pack
from lanyard.records.holds import hold_marks
from lanyard.web.attention import AttentionContext, AttentionItem, attention_provider
from lanyard.web.deps import (
    CurrentPrincipal,
    Forbidden,
    csrf_exempt,
    now,
    render,
    services_of,
)

router = APIRouter()
Svc = Annotated[Services, Depends(services_of)]


class Moderator:
    def __init__(self, principal: Principal, scope: ModerationScope) -> None:
        self.principal = principal
        self.scope = scope


def moderator(principal: CurrentPrincipal, services: Svc) -> Moderator:
    """The signed-in moderator and their scope (a 403 for everyone else)."""
    with services.db.uow() as uow:
        managed = reads.managed_account_ids(uow.session, principal.person_id)
    answer = can_moderate(principal, managed_account_ids=managed)
    if not answer.allowed:
        raise Forbidden(answer.reason)
    return Moderator(principal, moderation_scope(principal, managed_account_ids=managed))


# For the role x route matrix test: without managed accounts the answer is can_moderate's.
moderator.__permission__ = can_moderate  # type: ignore[attr-defined]
Mod = Annotated[Moderator, Depends(moderator)]


# -- the queue ------------------------------------------------------------------------------


def _row(
    row: reads.QueueRow, guidance: Any, names: dict[str, str], openable: set[str]
) -> dict[str, Any]:
    c = row.comment
    categories = [
        {
            "id": cat["id"],
            "label": CATEGORY_LABELS.get(cat["id"], cat["id"]),
            "score": cat["score"],
            "likelihood": likelihood(cat["score"], bool(cat["flagged"])),
            "score_words": score_words(cat["score"], cat.get("threshold")),
            "flagged": cat["flagged"],
            "clause": cat.get("clause"),
            "evidence": cat.get("evidence", []),
        }
        for cat in c.classification.get("categories", [])
        if cat.get("flagged") or cat.get("review")
    ]
    return {
        "id": c.id,
        "state": c.state,
        "severity": c.severity,
        "severity_label": SEVERITY_LABEL.get(c.severity, "review"),
        "suggested": c.suggested_action,
        "segments": highlight(c.text, evidence_of(c.classification)),
        "text": c.text,
        "author": c.author_display or "Unknown author",
        "created": c.created_time,
        "permalink": c.permalink,
        "platform": c.platform,
        "account": row.account.handle,
        "account_id": row.account.id,
        "categories": categories,
        "threat": "threat" in c.flagged,
        "defamation": c.defamation,
        "reported": c.reported_at is not None,
        "case_id": c.case_id,
        "case_openable": c.case_id in openable,
        "guidance": guidance if "threat" in c.flagged or c.state == "escalated" else None,
        "self_harm": SELF_HARM_ADVICE if is_self_harm(c.classification) else None,
        "assigned_to": c.assigned_to_id,
        "assigned_name": names.get(c.assigned_to_id or "", ""),
    }


def _openable_cases(session: Session, principal: Principal, case_ids: set[str]) -> set[str]:
    """The escalated comments' cases this moderator may open (a case holds student data: its
    reporter, the people it is routed to and a Lanyard administrator); the others are named
    without a link that would only answer "You can't open this page"."""
    openable = set()
    for case_id in case_ids:
        try:
            seen_case(session, case_id, principal)
        except CaseNotFound:
            continue
        openable.add(case_id)
    return openable


def _queue_context(
    services: Services, mod: Moderator, account_id: str, assigned: str = ""
) -> dict[str, Any]:
    pack = load_pack(services.settings.pack).document
    guidance = threat_guidance(pack)
    me = mod.principal.person_id
    with services.db.uow() as uow:
        rows = reads.queue(
            uow.session,
            mod.scope,
            account_id=account_id or None,
            assigned_to=me if assigned == "me" else None,
        )
        accounts = reads.accounts_in_scope(uow.session, mod.scope)
        names = assignment.names_of(uow.session, [r.comment.assigned_to_id or "" for r in rows])
        openable = _openable_cases(
            uow.session, mod.principal, {r.comment.case_id for r in rows if r.comment.case_id}
        )
        return {
            "assigned": "me" if assigned == "me" else "",
            "counts": assignment.counts_by_account(uow.session, mod.scope, me),
            "moderators": assignment.moderators_in_scope(uow.session, mod.scope),
            "me": me,
            "rows": [_row(r, guidance, names, openable) for r in rows],
            "accounts": [
                {"id": a.id, "handle": a.handle, "platform": a.platform} for a in accounts
            ],
            "account_id": account_id,
            "scope_reason": mod.scope.reason,
            "limit": reads.QUEUE_LIMIT,
            "platform_actions": platform_recent(uow.session, mod.scope, services.clock()),
        }


@router.get("/moderation", name="moderation")
def queue_page(
    request: Request, mod: Mod, services: Svc, account: str = "", assigned: str = ""
) -> Response:
    context = _queue_context(services, mod, account, assigned)
    context["message"] = request.query_params.get("done", "")
    # removals made in Lanyard alone, just now: Undo is offered beside the message (the
    # server refuses it once the window has passed)
    context["undo_comments"] = [i for i in request.query_params.get("undo", "").split(",") if i]
    context["problem"] = request.query_params.get("problem", "")
    return render(request, "moderation/queue.html", context)


PAST = {"keep": "kept", "hide": "hidden", "delete": "deleted", "escalate": "escalated"}


def _apply(
    services: Services, mod: Moderator, ids: list[str], action: str, moment: dt.datetime
) -> service.DecideResult:
    with services.db.uow(write=True) as uow:
        return service.decide(
            uow=uow,
            pack_id=services.settings.pack,
            comment_ids=ids,
            decision=action,
            actor_id=mod.principal.person_id,
            scope=mod.scope,
            now=moment,
            deliver=services.deliver,
            safety_contact=services.settings.safety_contact,
            send=sender(services),
            undo_seconds=services.settings.moderation_undo_seconds,
        )


def _said(result: service.DecideResult) -> str:
    n = len(result.comment_ids)
    said = f"{words.count(n, 'comment')} {PAST[result.decision.value]}"
    if result.archived:
        said += f"; {len(result.archived)} archived with SHA-256 first"
    if result.reported:
        said += "; reported to district administration"
    if result.cases:
        said += "; a case opened for the people the policy names (they were told)"
    return said + "."


@router.post("/moderation/decide")
async def decide_form(request: Request, mod: Mod, services: Svc) -> Response:
    """The no-JavaScript path: a row's button (``one=<id>:<action>``) or the bulk bar
    (``action`` + the checked ``comment_id``s)."""
    form = await request.form()
    account = str(form.get("account") or "")
    one = str(form.get("one") or "")
    if form.get("assign_one") or form.get("assign_bulk"):
        return _assign_form(form, mod, services, now(request), account)
    if one:
        comment_id, _, action = one.partition(":")
        ids = [comment_id]
    else:
        action = str(form.get("action") or "")
        ids = [str(v) for v in form.getlist("comment_id")]
    back: dict[str, str] = {"account": account} if account else {}
    try:
        result = _apply(services, mod, ids, action, now(request))
        back["done"] = _said(result)
        if result.in_lanyard_only and services.settings.moderation_undo_seconds:
            back["undo"] = ",".join(result.in_lanyard_only)  # the queue offers Undo
    except ModerationProblem as exc:
        back["problem"] = str(exc)
    except service.CommentNotFound:
        raise Forbidden() from None
    return RedirectResponse("/moderation?" + urlencode(back), status_code=303)


def _assign_form(
    form: Any, mod: Moderator, services: Services, moment: dt.datetime, account: str
) -> Response:
    """``assign_one=<id>:me`` (a row's button) or ``assign_bulk=1`` with ``assignee`` and
    the checked ``comment_id``s."""
    if form.get("assign_one"):
        comment_id, _, who = str(form.get("assign_one")).partition(":")
        ids = [comment_id]
    else:
        ids = [str(v) for v in form.getlist("comment_id")]
        who = str(form.get("assignee") or "")
    back: dict[str, str] = {"account": account} if account else {}
    if str(form.get("assigned") or "") == "me":
        back["assigned"] = "me"
    try:
        result = _assign(services, mod, ids, who, moment)
        back["done"] = _assigned_words(result, mod)
    except ModerationProblem as exc:
        back["problem"] = str(exc)
    except assignment.NotInScope:
        raise Forbidden() from None
    return RedirectResponse("/moderation?" + urlencode(back), status_code=303)


def _assign(
    services: Services, mod: Moderator, ids: list[str], who: str | None, moment: dt.datetime
) -> assignment.AssignResult:
    assignee = mod.principal.person_id if who == "me" else (who or None)
    with services.db.uow(write=True) as uow:
        return assignment.assign(
            uow=uow,
            comment_ids=ids,
            assignee_id=assignee,
            actor_id=mod.principal.person_id,
            scope=mod.scope,
            now=moment,
        )


def _assigned_words(result: assignment.AssignResult, mod: Moderator) -> str:
    n = len(result.comment_ids)
    what = words.count(n, "comment")
    if result.assignee_id is None:
        return f"{what} no longer assigned."
    if result.assignee_id == mod.principal.person_id:
        return f"{what} assigned to you."
    return f"{what} assigned to {result.assignee_name}."


class AssignmentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment_ids: list[str] = Field(min_length=1, max_length=500)
    assignee: str | None = Field(
        description='"me", the person id of a moderator of the comments\' accounts, or null '
        "to take the assignment off"
    )


@router.post(
    "/api/moderation/assignments", tags=["moderation"], summary="Assign comments to a moderator"
)
def api_assign(body: AssignmentRequest, request: Request, mod: Mod, services: Svc) -> Response:
    """Assign waiting comments (all or none) to yourself or another moderator of their
    accounts, or take the assignment off."""
    try:
        result = _assign(services, mod, body.comment_ids, body.assignee, now(request))
    except ModerationProblem as exc:
        return JSONResponse({"detail": str(exc), "field": exc.field}, status_code=422)
    except assignment.NotInScope:
        raise Forbidden() from None
    with services.db.uow() as uow:
        counts = _counts(uow.session, mod)
    return JSONResponse(
        {
            "comment_ids": result.comment_ids,
            "assignee": result.assignee_id,
            "assignee_name": result.assignee_name,
            "message": _assigned_words(result, mod),
            "counts": counts,
        }
    )


class DecisionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: str = Field(description="keep | hide | delete | escalate")
    comment_ids: list[str] = Field(min_length=1, max_length=500)


@router.post("/api/moderation/decisions", tags=["moderation"], summary="Decide on comments")
def api_decide(body: DecisionRequest, request: Request, mod: Mod, services: Svc) -> Response:
    """Keep, hide, delete or escalate comments (all or none). Hide and delete archive each
    comment with its SHA-256 first."""
    try:
        result = _apply(services, mod, body.comment_ids, body.action, now(request))
    except ModerationProblem as exc:
        return JSONResponse({"detail": str(exc), "field": exc.field}, status_code=422)
    except service.CommentNotFound:
        raise Forbidden() from None
    with services.db.uow() as uow:
        states = service.states_of(uow.session, result.comment_ids)
        counts = _counts(uow.session, mod)
    return JSONResponse(
        {
            "action": result.decision.value,
            "message": _said(result),
            "comments": [{"id": i, "state": states.get(i)} for i in result.comment_ids],
            # the comments waiting on each account now, as the queue's per-account line
            "counts": counts,
            "archived": result.archived,
            "cases": result.cases,
            "reported": result.reported,
            # a delete waits this long before the platform is called, and a hide or delete
            # Lanyard alone made (no connection to the platform) can be taken back as long:
            # Undo until then
            "undo": _undo_offers(result, services.settings.moderation_undo_seconds),
        }
    )


def _undo_offers(result: service.DecideResult, seconds: int) -> list[dict[str, object]]:
    if not seconds:
        return []
    offers: list[dict[str, object]] = []
    if result.decision.value == "delete":
        offers += [{"action_id": i, "seconds": seconds} for i in result.platform_actions]
    offers += [{"comment_id": i, "seconds": seconds} for i in result.in_lanyard_only]
    return offers


@router.get("/api/moderation/queue", tags=["moderation"], summary="Comments awaiting a decision")
def api_queue(mod: Mod, services: Svc, account: str = "", assigned: str = "") -> Response:
    me = mod.principal.person_id
    with services.db.uow() as uow:
        rows = reads.queue(
            uow.session,
            mod.scope,
            account_id=account or None,
            assigned_to=me if assigned == "me" else None,
        )
        counts = _counts(uow.session, mod)
        items = [
            {
                "id": r.comment.id,
                "account_id": r.account.id,
                "platform": r.comment.platform,
                "state": r.comment.state,
                "severity": r.comment.severity,
                "suggested_action": r.comment.suggested_action,
                "flagged": r.comment.flagged,
                "text": r.comment.text,
                "author": r.comment.author_display,
                "created_time": r.comment.created_time.isoformat(),
                "permalink": r.comment.permalink,
                "case_id": r.comment.case_id,
                "assigned_to": r.comment.assigned_to_id,
                "classification": r.comment.classification,
            }
            for r in rows
        ]
    return JSONResponse({"comments": items, "counts": counts})


def _counts(session: Session, mod: Moderator) -> list[dict[str, object]]:
    """The comments waiting on each account of the moderator's scope (only accounts with
    some), as the queue's "Comments waiting, by account" line shows them."""
    return [
        {
            "account_id": c.account_id,
            "handle": c.handle,
            "platform": c.platform,
            "waiting": c.waiting,
            "escalated": c.escalated,
            "assigned_to_me": c.mine,
        }
        for c in assignment.counts_by_account(session, mod.scope, mod.principal.person_id)
    ]


# -- the archive ----------------------------------------------------------------------------


def _date(name: str, value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ModerationProblem(name, "use a date like 2026-11-23") from None


def _archive_query(request: Request) -> tuple[reads.ArchiveQuery, str | None]:
    p = request.query_params
    try:
        query = reads.ArchiveQuery(
            text=p.get("q", "")[:200],
            author=p.get("author", "")[:200],
            account_id=p.get("account", ""),
            since=_date("from", p.get("from", "")),
            until=_date("to", p.get("to", "")),
        )
    except ModerationProblem as exc:
        return reads.ArchiveQuery(), str(exc)
    return query, None


def _archive_params(request: Request) -> str:
    keys = ("q", "author", "account", "from", "to")
    return urlencode({k: request.query_params[k] for k in keys if request.query_params.get(k)})


@router.get("/moderation/archive", name="moderation_archive")
def archive_page(request: Request, mod: Mod, services: Svc) -> Response:
    query, problem = _archive_query(request)
    with services.db.uow() as uow:
        rows = [] if problem else reads.search_archive(uow.session, mod.scope, query)
        accounts = reads.accounts_in_scope(uow.session, mod.scope)
        context = {
            "rows": rows,
            "accounts": accounts,
            "form": dict(request.query_params),
            "problem": problem,
            "params": _archive_params(request),
            "page": reads.ARCHIVE_PAGE,
        }
        marks = hold_marks(
            uow.session, mod.principal, "moderation", [r.entry.id for r in rows], now(request)
        )
        context["held"] = marks["held_by"]
        return render(
            request, "moderation/archive.html", context, status_code=422 if problem else 200
        )


@router.get("/moderation/archive/export.{fmt}", name="moderation_archive_export")
def archive_export(request: Request, fmt: str, mod: Mod, services: Svc) -> Response:
    query, problem = _archive_query(request)
    if problem:
        return PlainTextResponse(problem, status_code=422)
    try:
        with services.db.uow(write=True) as uow:
            rows = service.export_archive(
                uow=uow,
                scope=mod.scope,
                query=query,
                fmt=fmt,
                actor_id=mod.principal.person_id,
                now=now(request),
            )
    except ModerationProblem as exc:
        return PlainTextResponse(str(exc), status_code=404)
    stamp = now(request).strftime("%Y%m%dT%H%M%SZ")
    if fmt == "csv":
        body, media = reads.export_csv(rows), "text/csv; charset=utf-8"
    else:
        body, media = "".join(reads.export_jsonl(rows)), "application/x-ndjson"
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="comment-archive-{stamp}.{fmt}"'},
    )


# -- webhooks -------------------------------------------------------------------------------


@router.get("/api/webhooks/{platform}/{account_id}", tags=["webhooks"])
def webhook_handshake(platform: str, account_id: str, request: Request, services: Svc) -> Response:
    """Meta's subscription handshake (``hub.mode``, ``hub.verify_token``,
    ``hub.challenge``) and X's CRC check (``crc_token``)."""
    answer = webhooks.handshake(platform, dict(request.query_params), services.settings)
    if answer is None:
        return JSONResponse({"detail": "verification failed"}, status_code=403)
    if isinstance(answer, str):
        return PlainTextResponse(answer)
    return JSONResponse(answer)


@router.post("/api/webhooks/{platform}/{account_id}", tags=["webhooks"])
@csrf_exempt
async def webhook_receive(
    platform: str, account_id: str, request: Request, services: Svc
) -> Response:
    """Comments delivered live. The body must carry the platform's signature
    (see docs/moderation.md); unsigned or wrongly signed deliveries are refused and
    nothing is stored. Re-delivery of a comment already on file changes nothing."""
    if platform not in registered():
        return JSONResponse({"detail": f"unknown platform {platform!r}"}, status_code=404)
    raw = await request.body()
    with services.db.uow() as uow:  # the account's own secret, else the platform-wide one
        own = webhook_secret(
            uow.session, lambda: keyring_from_settings(services.settings), account_id
        )
    verdict = webhooks.verify(platform, raw, request.headers, services.settings, account_secret=own)
    if not verdict.ok:
        return JSONResponse({"detail": verdict.reason}, status_code=verdict.status)
    try:
        records = _records(platform, raw)
    except (CommentError, ValueError) as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    try:
        with services.db.uow(write=True) as uow:
            result = service.ingest(
                uow=uow,
                pack_id=services.settings.pack,
                account_id=account_id,
                records=records,
                now=now(request),
                source=f"webhook:{platform}",
                deliver=services.deliver,
                safety_contact=services.settings.safety_contact,
                embedding_threat=services.settings.moderation_embedding_threat,
            )
    except ModerationProblem as exc:
        status = 404 if exc.field == "account" else 422
        return JSONResponse({"detail": str(exc)}, status_code=status)
    return JSONResponse({"added": result.added, "duplicates": result.duplicates})


def _records(platform: str, raw: bytes) -> list[Any]:
    text = raw.decode("utf-8")
    reader = connector(platform)
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"webhook: not valid JSON ({exc.msg})") from None
    records = reader.webhook(body) if isinstance(body, dict) else None
    if records is None:  # a relay of a platform without webhooks: the export shape
        return reader.read("webhook", text)
    return records


# -- attention ------------------------------------------------------------------------------


@attention_provider
def comments_waiting(ctx: AttentionContext) -> Iterable[AttentionItem]:
    managed = reads.managed_account_ids(ctx.session, ctx.principal.person_id)
    if not can_moderate(ctx.principal, managed_account_ids=managed):
        return
    scope = moderation_scope(ctx.principal, managed_account_ids=managed)
    waiting, escalated = reads.open_count(ctx.session, scope)
    if not waiting:
        return
    detail = f"{words.count(waiting, 'comment')} on district accounts"
    if escalated:
        detail += f", {escalated} escalated (threats first)"
    yield AttentionItem(
        "Comments wait in the moderation queue", detail, href="/moderation", urgent=escalated > 0
    )
