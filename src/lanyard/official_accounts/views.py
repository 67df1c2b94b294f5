"""Pages of the official-account registry and credential escrow, and /api/accounts.

- ``/accounts`` (nav "Accounts"): the accounts the signed-in person may see;
- ``/accounts/new``: register one (the pack's required statements as a checklist);
- ``/accounts/{id}``: details, managers, escrow (deposit, "I changed the password",
  reveal with a reason — shown once, never cached, never in a URL).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from lanyard.auth.permissions import (
    Principal,
    can_register_account,
    can_reveal_credential,
    can_use_accounts,
)
from lanyard.bootstrap import Services
from lanyard.crypto import keyring_from_settings
from lanyard.directory.orm import Building, Person
from lanyard.official_accounts import api, escrow, service
from lanyard.official_accounts.domain import (
    PLATFORMS,
    REVEAL_REASON_MIN,
    InvalidAccount,
    requirements,
)
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.official_accounts.service import AccountInput, NotPermitted
from lanyard.policy import load_pack
from lanyard.policy.pack import PackDocument
from lanyard.web.deps import Forbidden, now, render, require, services_of

router = APIRouter()
Staff = Annotated[Principal, Depends(require(can_use_accounts))]
Svc = Annotated[Services, Depends(services_of)]


def _pack(services: Services) -> PackDocument:
    return load_pack(services.settings.pack).document


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _input(form: FormData) -> AccountInput:
    building = _text(form, "building_id").strip()
    approval = _text(form, "approval_on_file_id").strip()
    return AccountInput(
        platform=_text(form, "platform").strip(),
        handle=_text(form, "handle"),
        url=_text(form, "url"),
        purpose=_text(form, "purpose"),
        created_with_email=_text(form, "created_with_email"),
        students_post=_text(form, "students_post") == "on",
        statements_confirmed=frozenset(v for v in form.getlist("statements") if isinstance(v, str)),
        approval_on_file_id=approval or None,
        building_id=building or None,
        manager_emails=service.parse_emails(_text(form, "managers")),
    )


def _buildings(session: Session) -> list[Building]:
    return list(
        session.scalars(select(Building).where(Building.active.is_(True)).order_by(Building.name))
    )


def _names(session: Session, ids: Iterable[str]) -> dict[str, Person]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(wanted)))}


def _form_page(
    request: Request,
    services: Services,
    principal: Principal,
    *,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    account: OfficialAccount | None = None,
    status_code: int = 200,
) -> Response:
    pack = _pack(services)
    platform = str(values.get("platform") or "facebook")
    reqs = requirements(pack, platform)
    owner_id = account.owner_id if account is not None else principal.person_id
    with services.db.uow() as uow:
        approvals = service.eligible_approvals(
            uow.session, owner_id, reqs.approval_forms, now=now(request)
        )
        buildings = _buildings(uow.session)
        uow.session.expunge_all()
    return render(
        request,
        "accounts/form.html",
        {
            "pack": pack,
            "platforms": PLATFORMS,
            "reqs": reqs,
            "approvals": approvals,
            "buildings": buildings,
            "values": values,
            "errors": errors or {},
            "account": account,
        },
        status_code=status_code,
    )


def _values_of(data: AccountInput, managers_text: str) -> dict[str, Any]:
    values = dict(data.__dict__)
    values["managers"] = managers_text
    return values


@router.get("/accounts", name="accounts")
def accounts_page(request: Request, principal: Staff, services: Svc) -> Response:
    with services.db.uow() as uow:
        accounts = service.visible_accounts(uow.session, principal, include_inactive=True)
        escrows = {a.id: escrow.escrow_of(uow.session, a.id) for a in accounts}
        buildings = {b.id: b.name for b in _buildings(uow.session)}
        uow.session.expunge_all()
    return render(
        request,
        "accounts/list.html",
        {
            "accounts": accounts,
            "escrows": escrows,
            "buildings": buildings,
            "platforms": PLATFORMS,
            "may_register": bool(can_register_account(principal)),
        },
    )


@router.get("/accounts/new", name="account_new")
def new_account(request: Request, principal: Staff, services: Svc, platform: str = "") -> Response:
    if not can_register_account(principal):
        raise Forbidden()
    with services.db.uow() as uow:
        me = uow.session.get(Person, principal.person_id)
        uow.session.expunge_all()
    chosen = platform if platform in PLATFORMS else "facebook"
    values: dict[str, Any] = {
        "platform": chosen,
        "managers": (me.email or "") if me else "",
        "created_with_email": "",
        "statements_confirmed": frozenset(),
    }
    if request.headers.get("HX-Request"):
        reqs = requirements(_pack(services), chosen)
        return render(
            request, "accounts/_statements.html", {"reqs": reqs, "values": values, "errors": {}}
        )
    return _form_page(request, services, principal, values=values)


@router.post("/accounts", name="account_register")
async def register_account(request: Request, principal: Staff, services: Svc) -> Response:
    form = await request.form()
    data = _input(form)
    try:
        with services.db.uow(write=True) as uow:
            account_id = service.register(
                uow=uow,
                pack=_pack(services),
                principal=principal,
                data=data,
                configured_domains=services.settings.district_domains,
                now=now(request),
                deliver=services.deliver,
            )
    except NotPermitted:
        raise Forbidden() from None
    except InvalidAccount as exc:
        values = _values_of(data, _text(form, "managers"))
        return _form_page(
            request, services, principal, values=values, errors=exc.problems, status_code=422
        )
    return RedirectResponse(f"/accounts/{account_id}?registered=1", status_code=303)


def _detail(
    request: Request,
    services: Services,
    principal: Principal,
    account_id: str,
    *,
    errors: dict[str, str] | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> Response:
    pack = _pack(services)
    with services.db.uow() as uow:
        try:
            account, why = service.load_for(uow.session, principal, account_id)
        except NotPermitted:
            raise Forbidden() from None
        held = escrow.escrow_of(uow.session, account.id)
        people = _names(
            uow.session,
            [account.owner_id, *(m.person_id for m in account.managers)]
            + ([held.escrowed_by_id] if held and held.escrowed_by_id else []),
        )
        building = uow.session.get(Building, account.building_id) if account.building_id else None
        uow.session.expunge_all()
    reqs = requirements(pack, account.platform)
    return render(
        request,
        "accounts/detail.html",
        {
            "account": account,
            "why": why.reason,
            "escrow": held,
            "people": people,
            "building": building,
            "reqs": reqs,
            "platforms": PLATFORMS,
            "may_reveal": bool(can_reveal_credential(principal, building_id=account.building_id)),
            "reason_min": REVEAL_REASON_MIN,
            "errors": errors or {},
            "message": message
            or ("The account is registered." if request.query_params.get("registered") else None),
        },
        status_code=status_code,
    )


@router.get("/accounts/{account_id}", name="account")
def account_page(request: Request, account_id: str, principal: Staff, services: Svc) -> Response:
    return _detail(request, services, principal, account_id)


@router.get("/accounts/{account_id}/edit", name="account_edit")
def edit_page(request: Request, account_id: str, principal: Staff, services: Svc) -> Response:
    with services.db.uow() as uow:
        try:
            account, _ = service.load_for(uow.session, principal, account_id)
        except NotPermitted:
            raise Forbidden() from None
        emails = [
            p.email or ""
            for p in _names(uow.session, [m.person_id for m in account.managers]).values()
        ]
        uow.session.expunge_all()
    values = {
        "platform": account.platform,
        "handle": account.handle,
        "url": account.url,
        "purpose": account.purpose,
        "created_with_email": account.created_with_email,
        "students_post": account.students_post,
        "statements_confirmed": frozenset(account.statements_confirmed),
        "approval_on_file_id": account.approval_on_file_id,
        "building_id": account.building_id,
        "managers": ", ".join(emails),
    }
    return _form_page(request, services, principal, values=values, account=account)


@router.post("/accounts/{account_id}/edit", name="account_update")
async def update_account(
    request: Request, account_id: str, principal: Staff, services: Svc
) -> Response:
    form = await request.form()
    data = _input(form)
    try:
        with services.db.uow(write=True) as uow:
            service.update(
                uow=uow,
                pack=_pack(services),
                principal=principal,
                account_id=account_id,
                data=data,
                configured_domains=services.settings.district_domains,
                now=now(request),
            )
    except NotPermitted:
        raise Forbidden() from None
    except InvalidAccount as exc:
        with services.db.uow() as uow:
            try:
                account, _ = service.load_for(uow.session, principal, account_id)
            except NotPermitted:
                raise Forbidden() from None
            uow.session.expunge_all()
        values = _values_of(data, "")
        return _form_page(
            request,
            services,
            principal,
            values=values,
            errors=exc.problems,
            account=account,
            status_code=422,
        )
    return RedirectResponse(f"/accounts/{account_id}", status_code=303)


def _act(
    request: Request,
    services: Services,
    principal: Principal,
    account_id: str,
    action: Any,
    done: str,
) -> Response:
    try:
        with services.db.uow(write=True) as uow:
            action(uow)
    except NotPermitted:
        raise Forbidden() from None
    except InvalidAccount as exc:
        return _detail(
            request, services, principal, account_id, errors=exc.problems, status_code=422
        )
    return _detail(request, services, principal, account_id, message=done)


@router.post("/accounts/{account_id}/managers", name="account_add_manager")
async def add_manager(
    request: Request, account_id: str, principal: Staff, services: Svc
) -> Response:
    email = _text(await request.form(), "email")
    return _act(
        request,
        services,
        principal,
        account_id,
        lambda uow: service.add_manager(
            uow=uow, principal=principal, account_id=account_id, email=email, now=now(request)
        ),
        "Manager added.",
    )


@router.post("/accounts/{account_id}/managers/{person_id}/remove", name="account_remove_manager")
def remove_manager(
    request: Request, account_id: str, person_id: str, principal: Staff, services: Svc
) -> Response:
    return _act(
        request,
        services,
        principal,
        account_id,
        lambda uow: service.remove_manager(
            uow=uow,
            principal=principal,
            account_id=account_id,
            person_id=person_id,
            now=now(request),
        ),
        "Manager removed.",
    )


@router.post("/accounts/{account_id}/deactivate", name="account_deactivate")
async def deactivate(
    request: Request, account_id: str, principal: Staff, services: Svc
) -> Response:
    reason = _text(await request.form(), "reason")
    return _act(
        request,
        services,
        principal,
        account_id,
        lambda uow: service.deactivate(
            uow=uow, principal=principal, account_id=account_id, reason=reason, now=now(request)
        ),
        "The account is deactivated.",
    )


@router.post("/accounts/{account_id}/escrow", name="account_escrow")
async def deposit(request: Request, account_id: str, principal: Staff, services: Svc) -> Response:
    form = await request.form()
    keyring = keyring_from_settings(services.settings)
    return _act(
        request,
        services,
        principal,
        account_id,
        lambda uow: escrow.deposit(
            uow=uow,
            keyring=keyring,
            principal=principal,
            account_id=account_id,
            login=_text(form, "login"),
            secret=_text(form, "secret"),
            confirm=_text(form, "confirm"),
            now=now(request),
        ),
        "The credential is escrowed, encrypted.",
    )


@router.post("/accounts/{account_id}/password-changed", name="account_password_changed")
def password_changed(
    request: Request, account_id: str, principal: Staff, services: Svc
) -> Response:
    return _act(
        request,
        services,
        principal,
        account_id,
        lambda uow: escrow.mark_password_changed(
            uow=uow, principal=principal, account_id=account_id, now=now(request)
        ),
        "Noted: the escrowed password is out of date. Escrow the new one below.",
    )


@router.post("/accounts/{account_id}/reveal", name="account_reveal")
async def reveal(request: Request, account_id: str, principal: Staff, services: Svc) -> Response:
    reason = _text(await request.form(), "reason")
    try:
        with services.db.uow(write=True) as uow:
            shown = escrow.reveal(
                uow=uow,
                keyring=keyring_from_settings(services.settings),
                principal=principal,
                account_id=account_id,
                reason=reason,
                now=now(request),
                deliver=services.deliver,
            )
    except NotPermitted:
        raise Forbidden() from None
    except InvalidAccount as exc:
        return _detail(
            request, services, principal, account_id, errors=exc.problems, status_code=422
        )
    with services.db.uow() as uow:
        account, _ = service.load_for(uow.session, principal, account_id)
        uow.session.expunge_all()
    return render(
        request,
        "accounts/revealed.html",
        {"account": account, "shown": shown, "reason": reason.strip()},
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


router.include_router(api.router)
