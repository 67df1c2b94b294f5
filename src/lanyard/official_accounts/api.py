"""The JSON API of the registry (``GET /api/accounts``) and the home page's "what needs
my attention" items for escrow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from lanyard.auth.permissions import Principal, can_use_accounts
from lanyard.bootstrap import Services
from lanyard.official_accounts import escrow, service
from lanyard.official_accounts.domain import platform_name
from lanyard.web.attention import AttentionContext, AttentionItem, attention_provider
from lanyard.web.deps import require, services_of

router = APIRouter()
Staff = Annotated[Principal, Depends(require(can_use_accounts))]
Svc = Annotated[Services, Depends(services_of)]


@router.get("/api/accounts", name="api_accounts")
def api_accounts(principal: Staff, services: Svc) -> JSONResponse:
    """The official accounts the signed-in person may see (never any credential)."""
    with services.db.uow() as uow:
        accounts = service.visible_accounts(uow.session, principal, include_inactive=True)
        states = {a.id: escrow.escrow_of(uow.session, a.id) for a in accounts}
        items = [
            {
                "id": a.id,
                "platform": a.platform,
                "handle": a.handle,
                "url": a.url,
                "purpose": a.purpose,
                "building_id": a.building_id,
                "owner_id": a.owner_id,
                "managers": [m.person_id for m in a.managers],
                "students_post": a.students_post,
                "active": a.active,
                "escrow": (
                    "missing"
                    if states[a.id] is None
                    else ("stale" if states[a.id].stale_since else "current")  # type: ignore[union-attr]
                ),
            }
            for a in accounts
        ]
    return JSONResponse({"accounts": items})


@attention_provider
def credentials_to_escrow(ctx: AttentionContext) -> Iterable[AttentionItem]:
    """Owners and managers: escrow the credential, or re-escrow after a password change."""
    for state in escrow.needing_escrow(ctx.session, ctx.principal.person_id):
        label = f"{platform_name(state.platform)} {state.handle}"
        if state.escrowed:
            yield AttentionItem(
                f"Re-escrow the new password of {label}",
                "The password changed; administration cannot reach the account until the "
                "new one is escrowed.",
                href=f"/accounts/{state.account_id}#escrow",
                urgent=True,
            )
        else:
            yield AttentionItem(
                f"Escrow the credentials of {label}",
                "The policy asks that administration hold the account's log-in.",
                href=f"/accounts/{state.account_id}#escrow",
            )
