"""Acting on the platforms from the queue: Undo a delete in its window, reply to a comment,
and each account's connection (API token, polling, webhook secret).

Pages: ``POST /moderation/undo``, ``POST /moderation/reply`` (plain forms, back to the
queue), ``/moderation/accounts/{id}/connection``. API: ``POST /api/moderation/undo``
``{"action_ids": [...], "comment_ids": [...]}``, ``POST /api/moderation/replies``
``{"comment_id", "text"}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from lanyard import words
from lanyard.bootstrap import Services
from lanyard.connectors.platforms import client
from lanyard.connectors.platforms.oauth import KIND_OF_PLATFORM, NEEDS_REFRESH_TOKEN
from lanyard.crypto import keyring_from_settings
from lanyard.moderation import platform, platform_actions, service
from lanyard.moderation.jobs import sender
from lanyard.moderation.queue import ModerationProblem
from lanyard.moderation.tokens import oauth_client
from lanyard.moderation.undo import undo_removal
from lanyard.moderation.views import Mod, Moderator
from lanyard.official_accounts.service import NotPermitted, load_for
from lanyard.web.deps import CurrentPrincipal, Forbidden, now, render, services_of

router = APIRouter()
Svc = Annotated[Services, Depends(services_of)]


def _undo(
    services: Services,
    mod: Moderator,
    ids: list[str],
    moment: dt.datetime,
    comment_ids: Sequence[str] = (),
) -> int:
    """Undo platform calls still waiting (``ids``) and removals made in Lanyard alone
    (``comment_ids``, :mod:`lanyard.moderation.undo`)."""
    done = 0
    for action_id in dict.fromkeys(ids):
        with services.db.uow(write=True) as uow:
            platform_actions.undo(
                uow=uow,
                action_id=action_id,
                actor_id=mod.principal.person_id,
                scope=mod.scope,
                now=moment,
            )
        done += 1
    window = dt.timedelta(seconds=services.settings.moderation_undo_seconds)
    for comment_id in dict.fromkeys(comment_ids):
        with services.db.uow(write=True) as uow:
            undo_removal(
                uow=uow,
                comment_id=comment_id,
                actor_id=mod.principal.person_id,
                scope=mod.scope,
                now=moment,
                window=window,
            )
        done += 1
    return done


@router.post("/moderation/undo")
async def undo_form(request: Request, mod: Mod, services: Svc) -> Response:
    form = await request.form()
    ids = [str(v) for v in form.getlist("action_id")]
    comment_ids = [str(v) for v in form.getlist("comment_id")]
    back: dict[str, str] = {}
    try:
        n = _undo(services, mod, ids, now(request), comment_ids)
        back["done"] = f"Undone: {words.count(n, 'comment')} restored to the queue."
    except ModerationProblem as exc:
        back["problem"] = str(exc)
    except service.CommentNotFound:
        raise Forbidden() from None
    return RedirectResponse("/moderation?" + urlencode(back), status_code=303)


class UndoRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action_ids: list[str] = Field(default_factory=list, max_length=500)
    comment_ids: list[str] = Field(
        default_factory=list,
        max_length=500,
        description="comments hidden or deleted in Lanyard alone (an account not connected "
        "to its platform), as the decision's answer offered them",
    )


@router.post("/api/moderation/undo", tags=["moderation"], summary="Undo removals in their window")
def api_undo(body: UndoRequest, request: Request, mod: Mod, services: Svc) -> Response:
    if not body.action_ids and not body.comment_ids:
        return JSONResponse(
            {"detail": "undo: name the platform actions or comments to undo", "field": "undo"},
            status_code=422,
        )
    try:
        n = _undo(services, mod, body.action_ids, now(request), body.comment_ids)
    except ModerationProblem as exc:
        return JSONResponse({"detail": str(exc), "field": exc.field}, status_code=409)
    except service.CommentNotFound:
        raise Forbidden() from None
    return JSONResponse({"restored": n, "message": f"Undone: {n} restored to the queue."})


def _reply(services: Services, mod: Moderator, comment_id: str, text: str, at: dt.datetime) -> str:
    with services.db.uow(write=True) as uow:
        return platform_actions.reply(
            uow=uow,
            comment_id=comment_id,
            text=text,
            actor_id=mod.principal.person_id,
            scope=mod.scope,
            now=at,
            send=sender(services),
        )


@router.post("/moderation/reply")
async def reply_form(request: Request, mod: Mod, services: Svc) -> Response:
    form = await request.form()
    back: dict[str, str] = {}
    try:
        _reply(
            services,
            mod,
            str(form.get("comment_id") or ""),
            str(form.get("text") or ""),
            now(request),
        )
        back["done"] = "Reply sent to the platform."
    except ModerationProblem as exc:
        back["problem"] = str(exc)
    except service.CommentNotFound:
        raise Forbidden() from None
    return RedirectResponse("/moderation?" + urlencode(back), status_code=303)


class ReplyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment_id: str
    text: str = Field(max_length=platform_actions.MAX_REPLY)


@router.post("/api/moderation/replies", tags=["moderation"], summary="Reply on the platform")
def api_reply(body: ReplyRequest, request: Request, mod: Mod, services: Svc) -> Response:
    try:
        action_id = _reply(services, mod, body.comment_id, body.text, now(request))
    except ModerationProblem as exc:
        return JSONResponse({"detail": str(exc), "field": exc.field}, status_code=422)
    except service.CommentNotFound:
        raise Forbidden() from None
    return JSONResponse({"platform_action_id": action_id}, status_code=202)


# -- an account's connection ------------------------------------------------------------------


def _connection_context(services: Services, principal: Any, account_id: str) -> dict[str, Any]:
    with services.db.uow() as uow:
        try:
            account, _ = load_for(uow.session, principal, account_id)
        except NotPermitted:
            raise Forbidden() from None
        row = platform.connection_of(uow.session, account.id)
        api = client(account.platform)
        kind = KIND_OF_PLATFORM.get(account.platform)
        return {
            "renewal": {
                "configured": oauth_client(services.settings, account.platform) is not None,
                "needs_refresh_token": kind in NEEDS_REFRESH_TOKEN,
            },
            "account": {"id": account.id, "handle": account.handle, "platform": account.platform},
            "supported": api is not None,
            "api_title": api.title if api else None,
            "delete_means": api.delete_means if api else None,
            "connection": {
                "platform_account_id": row.platform_account_id if row else "",
                "token_version": row.token_version if row else 0,
                "token_set_at": row.token_set_at if row else None,
                "token_expired_at": row.token_expired_at if row else None,
                "token_error": row.token_error if row else None,
                "token_expires_at": row.token_expires_at if row else None,
                "token_refreshed_at": row.token_refreshed_at if row else None,
                "refresh_token": bool(row and row.refresh_ciphertext),
                "poll": bool(row and row.poll),
                "polled_at": row.polled_at if row else None,
                "poll_error": row.poll_error if row else None,
                "webhook_secret": bool(row and row.webhook_ciphertext),
            },
            "webhook_url": f"/api/webhooks/{account.platform}/{account.id}",
        }


@router.get("/moderation/accounts/{account_id}/connection", name="moderation_connection")
def connection_page(
    request: Request, account_id: str, principal: CurrentPrincipal, services: Svc
) -> Response:
    context = _connection_context(services, principal, account_id)
    context["message"] = request.query_params.get("done", "")
    context["problem"] = request.query_params.get("problem", "")
    return render(request, "moderation/connection.html", context)


@router.post("/moderation/accounts/{account_id}/connection")
async def connection_save(
    request: Request, account_id: str, principal: CurrentPrincipal, services: Svc
) -> Response:
    form = await request.form()
    keyring = keyring_from_settings(services.settings)
    back: dict[str, str] = {}
    try:
        with services.db.uow(write=True) as uow:
            if form.get("what") == "webhook":
                platform.set_webhook_secret(
                    uow=uow,
                    keyring=keyring,
                    principal=principal,
                    account_id=account_id,
                    secret=str(form.get("secret") or ""),
                    now=now(request),
                )
                back["done"] = "Webhook secret saved (sealed; it is never shown again)."
            else:
                platform.connect(
                    uow=uow,
                    keyring=keyring,
                    principal=principal,
                    account_id=account_id,
                    token=str(form.get("token") or ""),
                    platform_account_id=str(form.get("platform_account_id") or ""),
                    poll=form.get("poll") == "1",
                    now=now(request),
                    refresh_token=str(form.get("refresh_token") or ""),
                )
                back["done"] = "Access token saved (sealed; it is never shown again)."
    except NotPermitted:
        raise Forbidden() from None
    except ModerationProblem as exc:
        back["problem"] = str(exc)
    url = f"/moderation/accounts/{account_id}/connection?" + urlencode(back)
    return RedirectResponse(url, status_code=303)
