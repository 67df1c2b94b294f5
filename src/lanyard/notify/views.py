"""Notifications on the home page, and marking one read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from lanyard.auth.permissions import Principal
from lanyard.bootstrap import Services
from lanyard.notify.orm import Notification
from lanyard.notify.service import mark_read, unread
from lanyard.web.attention import (
    AttentionContext,
    AttentionItem,
    attention_provider,
    settled_since,
    utc,
)
from lanyard.web.deps import current_principal, now, services_of

router = APIRouter()


@attention_provider
def my_notifications(ctx: AttentionContext) -> Iterable[AttentionItem]:
    """Unread notifications, less those about something settled since (a closed case, a
    decided request): those no longer need attention. One about a task the home page
    shows anyway (the report to acknowledge) is folded into it (:func:`merge`)."""
    rows = unread(ctx.session, ctx.principal.person_id)
    settled = settled_since(ctx.session, sorted({n.link for n in rows if n.link}))
    for n in rows:
        if n.link in settled and utc(n.created_at) < settled[n.link]:
            continue
        yield AttentionItem(
            n.subject,
            n.body,
            href=f"/notifications/{n.id}/open",
            urgent=n.kind in ("report", "escalation", "threat"),
            about=n.link,
        )


@router.get("/notifications/{notification_id}/open", name="open_notification")
def open_notification(
    notification_id: str,
    request: Request,
    principal: Annotated[Principal, Depends(current_principal)],
    services: Annotated[Services, Depends(services_of)],
) -> Response:
    """Mark it read (only one's own) and go to what it is about."""
    with services.db.uow(write=True) as uow:
        link = uow.session.scalar(
            select(Notification.link).where(
                Notification.id == notification_id,
                Notification.person_id == principal.person_id,
            )
        )
        mark_read(
            uow=uow,
            person_id=principal.person_id,
            notification_id=notification_id,
            now=now(request),
        )
    target = link if link and link.startswith("/") else "/home"
    return RedirectResponse(target, status_code=303)
