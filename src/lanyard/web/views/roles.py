"""The Roles page: who holds which of the policy's roles, and grant or revoke one (audited).

Like a directory administrator's console: the list of people with their roles in plain
names, a form to add a role (person, role, building) and a Revoke button on each row,
which asks first: a page naming the person, the role and the building, with the button
that revokes it. A revoke posted without that confirmation shows the same page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from lanyard.auth.permissions import Principal, can_manage_roles
from lanyard.auth.roles import (
    RoleChangeRefused,
    grant_role,
    held_roles,
    revoke_refusal,
    revoke_role,
    role_table,
)
from lanyard.bootstrap import Services
from lanyard.directory.orm import Building
from lanyard.policy.loader import load_pack
from lanyard.web.deps import now, render, require, services_of

router = APIRouter()
Manager = Annotated[Principal, Depends(require(can_manage_roles))]
Svc = Annotated[Services, Depends(services_of)]


def _page(
    request: Request,
    services: Services,
    *,
    error: RoleChangeRefused | None = None,
    notice: str | None = None,
    form: dict[str, str] | None = None,
) -> Response:
    table = role_table(services.settings.pack)
    with services.db.uow() as uow:
        held = held_roles(uow.session, table)
        buildings = list(
            uow.session.execute(
                select(Building.id, Building.name)
                .where(Building.kind == "school")
                .order_by(Building.name)
            )
        )
    people: dict[str, dict[str, object]] = {}
    for row in held:
        entry = people.setdefault(
            row.person_id, {"name": row.person_name, "username": row.username, "roles": []}
        )
        entry["roles"].append(row)  # type: ignore[attr-defined]
    choices = sorted(table.values(), key=lambda spec: spec.name.lower())
    return render(
        request,
        "roles.html",
        {
            "people": list(people.values()),
            "choices": choices,
            "buildings": buildings,
            "error": error,
            "notice": notice,
            "form": form or {},
        },
        status_code=400 if error else 200,
    )


@router.get("/roles", name="roles")
def roles_page(request: Request, principal: Manager, services: Svc) -> Response:
    notice = request.query_params.get("done")
    return _page(request, services, notice=notice[:200] if notice else None)


@router.post("/roles/grant", name="roles_grant")
def grant(
    request: Request,
    principal: Manager,
    services: Svc,
    who: Annotated[str, Form(max_length=320)] = "",
    role: Annotated[str, Form(max_length=64)] = "",
    building_id: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    table = role_table(services.settings.pack)
    try:
        with services.db.uow(write=True) as uow:
            held = grant_role(
                uow=uow,
                table=table,
                actor_id=principal.person_id,
                who=who,
                role=role,
                building_id=building_id or None,
                now=now(request),
            )
    except RoleChangeRefused as exc:
        form = {"who": who, "role": role, "building_id": building_id}
        return _page(request, services, error=exc, form=form)
    where = held.building_name or "the district"
    return RedirectResponse(
        request.url_for("roles").include_query_params(
            done=f"{held.person_name} is now {held.role_name} for {where}."
        ),
        status_code=303,
    )


CONFIRM = "revoke"  # the value of the confirmation page's button (field ``confirm``)


def _confirm_page(request: Request, services: Services, assignment_id: str) -> Response:
    """Revoke this role? The person, the role and where, and what revoking does."""
    table = role_table(services.settings.pack)
    with services.db.uow() as uow:
        found = held_roles(uow.session, table, assignment_id=assignment_id[:64])
        refusal = revoke_refusal(uow.session, table, assignment_id[:64])
    if not found:
        error = RoleChangeRefused("assignment", "That role assignment no longer exists.")
        return _page(request, services, error=error)
    held = found[0]
    roles = load_pack(services.settings.pack).document.roles
    duties = next((r.duties for r in roles if r.id == held.role), ())
    context: dict[str, Any] = {
        "held": held,
        "duties": duties,
        "confirm": CONFIRM,
        "refusal": refusal,  # shown instead of the button (the last who may manage roles)
    }
    return render(request, "roles_revoke.html", context)


@router.get("/roles/{assignment_id}/revoke", name="roles_revoke_confirm")
def confirm_revoke(
    request: Request, assignment_id: str, principal: Manager, services: Svc
) -> Response:
    return _confirm_page(request, services, assignment_id)


@router.post("/roles/{assignment_id}/revoke", name="roles_revoke")
def revoke(
    request: Request,
    assignment_id: str,
    principal: Manager,
    services: Svc,
    confirm: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    if confirm != CONFIRM:  # one click from the list (or a page of before): ask first
        return _confirm_page(request, services, assignment_id)
    table = role_table(services.settings.pack)
    assignment_id = assignment_id[:64]
    try:
        with services.db.uow(write=True) as uow:
            found = held_roles(uow.session, table, assignment_id=assignment_id)
            revoke_role(
                uow=uow,
                table=table,
                actor_id=principal.person_id,
                assignment_id=assignment_id,
                now=now(request),
            )
        held = found[0] if found else None
        done = (
            f"{held.person_name} is no longer {held.role_name} for "
            f"{held.building_name or 'the district'}."
            if held
            else "The role was revoked."
        )
    except RoleChangeRefused as exc:
        return _page(request, services, error=exc)
    return RedirectResponse(
        request.url_for("roles").include_query_params(done=done),
        status_code=303,
    )
