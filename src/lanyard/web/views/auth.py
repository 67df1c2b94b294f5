"""Sign-in (local password and OpenID Connect) and sign-out."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Annotated, Any

import httpx
from authlib.integrations.base_client.errors import OAuthError  # type: ignore[import-untyped]
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from joserfc.errors import JoseError

from lanyard.auth import service
from lanyard.auth.oidc import OidcRefusal, identity_from_claims
from lanyard.auth.service import Failure
from lanyard.bootstrap import Services
from lanyard.directory.demo import DEMO_PASSWORD, demo_sign_ins
from lanyard.web.deps import (
    CurrentPrincipal,
    end_session,
    get_services,
    now,
    optional_principal,
    render,
    services_of,
    start_session,
)
from lanyard.web.oidc import authorize_params
from lanyard.web.sessions import CURRENT

router = APIRouter()
log = logging.getLogger(__name__)

GENERIC_FAILURE = "That username and password did not match. Check them and try again."


def safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//host`` or a scheme) may follow sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/home"


def _demo_accounts(services: Services) -> list[dict[str, str]]:
    """The same people, with the same labels, that ``lanyard demo sign-ins`` prints."""
    if not services.settings.demo:
        return []
    with services.db.uow() as uow:
        rows = demo_sign_ins(uow.session, services.settings.pack)
    return [{"username": r.username, "name": r.name, "label": r.label} for r in rows]


def _signin_page(
    request: Request,
    *,
    error: str | None = None,
    status_code: int = 200,
    username: str = "",
    next_path: str = "/home",
) -> Response:
    services = get_services(request)
    notice = None
    if request.query_params.get("expired"):
        notice = "Your session ended after a period without activity. Please sign in again."
    elif request.query_params.get("signed_out") == "everywhere":
        notice = "You have signed out on every device and browser."
    elif request.query_params.get("signed_out"):
        notice = "You have signed out."
    return render(
        request,
        "signin.html",
        {
            "error": error,
            "notice": notice,
            "username": username,
            "next": next_path,
            "oidc": request.app.state.oidc is not None,
            "demo_accounts": _demo_accounts(services),
            "demo_password": DEMO_PASSWORD,
        },
        status_code=status_code,
    )


@router.get("/", include_in_schema=False)
def root(request: Request) -> Response:
    target = "/home" if optional_principal(request) else "/signin"
    return RedirectResponse(target, status_code=303)


@router.get("/signin", name="signin")
def signin_form(request: Request, next: str | None = None) -> Response:
    if optional_principal(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _signin_page(request, next_path=safe_next(next))


@router.post("/signin")
def signin(
    request: Request,
    username: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/home",
) -> Response:
    services = get_services(request)
    settings = services.settings
    if not username.strip() or not password:
        return _signin_page(
            request,
            error="Enter your username and your password.",
            status_code=400,
            username=username,
            next_path=safe_next(next),
        )
    with services.db.uow(write=True) as uow:
        outcome = service.sign_in_local(
            uow=uow,
            username=username,
            password=password,
            now=now(request),
            max_failures=settings.sign_in_max_failures,
            window=dt.timedelta(minutes=settings.sign_in_failure_window_minutes),
        )
    if outcome.principal is None:
        if outcome.failure is Failure.THROTTLED:
            minutes = settings.sign_in_failure_window_minutes
            message = (
                f"Too many failed sign-ins for this username. Wait {minutes} minutes, then try "
                "again, or ask your district's Lanyard administrator for help."
            )
            return _signin_page(
                request, error=message, status_code=429, username=username, next_path=next
            )
        if outcome.failure is Failure.DEACTIVATED:
            when = (
                f" on {outcome.deactivated_at:%B} {outcome.deactivated_at.day}, "
                f"{outcome.deactivated_at.year}"
                if outcome.deactivated_at
                else ""
            )
            message = f"This account was deactivated{when}; ask your district's administrator."
            return _signin_page(
                request, error=message, status_code=403, username=username, next_path=next
            )
        return _signin_page(
            request, error=GENERIC_FAILURE, status_code=401, username=username, next_path=next
        )
    start_session(request, outcome.principal)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/signout", name="signout")
def signout(request: Request) -> Response:
    principal = optional_principal(request)
    if principal is not None:
        services = get_services(request)
        with services.db.uow(write=True) as uow:
            service.sign_out(uow=uow, person_id=principal.person_id, now=now(request))
    end_session(request)
    return RedirectResponse("/signin?signed_out=1", status_code=303)


@router.get("/account/sessions", name="account_sessions")
def account_sessions(request: Request, principal: CurrentPrincipal) -> Response:
    """Where the person is signed in, with "sign out everywhere"."""
    services = get_services(request)
    settings = services.settings
    current = request.scope.get(CURRENT)
    sessions = [
        {
            "current": stored.id_hash == current,
            "browser": describe_browser(stored.user_agent),
            "created_at": stored.created_at,
            "last_seen_at": stored.last_seen_at,
            "ends_at": min(
                stored.expires_at,
                stored.last_seen_at + dt.timedelta(minutes=settings.session_max_age_minutes),
            ),
        }
        for stored in services.sessions.of_person(principal.person_id)
        if not stored.ended(now(request))
    ]
    return render(
        request,
        "account/sessions.html",
        {
            "sessions": sessions,
            "idle": settings.session_max_age_minutes,
            "lifetime": settings.session_lifetime_minutes,
        },
    )


@router.post("/account/sessions/sign-out-everywhere", name="sign_out_everywhere")
def sign_out_everywhere(request: Request, principal: CurrentPrincipal) -> Response:
    services = get_services(request)
    with services.db.uow(write=True) as uow:
        service.sign_out_everywhere(uow=uow, person_id=principal.person_id, now=now(request))
    end_session(request)
    return RedirectResponse("/signin?signed_out=everywhere", status_code=303)


def describe_browser(user_agent: str | None) -> str:
    """A plain name for a session's browser and system, from its User-Agent."""
    if not user_agent:
        return "Unknown browser"
    ua = user_agent
    browser = next(
        (
            name
            for token, name in (
                ("Edg/", "Edge"),
                ("OPR/", "Opera"),
                ("Firefox/", "Firefox"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
            )
            if token in ua
        ),
        "A browser",
    )
    system = next(
        (
            name
            for token, name in (
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Android", "Android"),
                ("CrOS", "ChromeOS"),
                ("Windows", "Windows"),
                ("Mac OS X", "macOS"),
                ("Linux", "Linux"),
            )
            if token in ua
        ),
        None,
    )
    return f"{browser} on {system}" if system else browser


# ------------------------------------------------------------------ OpenID Connect


def _refused(request: Request, reason: str) -> Response:
    provider = get_services(request).settings.oidc_provider_name
    return render(
        request,
        "refused.html",
        {"reason": reason, "provider": provider},
        status_code=403,
    )


@router.get("/signin/oidc", name="oidc_start")
async def oidc_start(request: Request) -> Response:
    client = request.app.state.oidc
    if client is None:
        return RedirectResponse("/signin", status_code=303)
    redirect_uri = str(request.url_for("oidc_callback"))
    settings = get_services(request).settings
    response: Response = await client.authorize_redirect(
        request, redirect_uri, **authorize_params(settings)
    )
    return response


@router.get("/signin/oidc/callback", name="oidc_callback")
async def oidc_callback(
    request: Request, services: Annotated[Services, Depends(services_of)]
) -> Response:
    client = request.app.state.oidc
    if client is None:
        return RedirectResponse("/signin", status_code=303)
    try:
        token: dict[str, Any] = await client.authorize_access_token(request)
    except (OAuthError, httpx.HTTPError, JoseError) as exc:
        log.warning("OpenID Connect sign-in failed: %s", type(exc).__name__)
        return _refused(request, "The sign-in could not be completed. Please start again.")
    claims = token.get("userinfo")
    if not claims:
        return _refused(request, "The provider sent no verifiable ID token.")
    settings = services.settings
    identity = identity_from_claims(
        claims, district_domains=settings.district_domains, tenant_ids=settings.oidc_tenant_ids
    )
    moment = now(request)
    if isinstance(identity, OidcRefusal):
        email = claims.get("email") or claims.get("preferred_username")
        with services.db.uow(write=True) as uow:
            service.refuse_oidc(uow=uow, email=email, reason=identity.reason, now=moment)
        return _refused(request, f"Lanyard is for this district's staff: {identity.reason}.")
    with services.db.uow(write=True) as uow:
        outcome = service.sign_in_oidc(uow=uow, identity=identity, now=moment)
    if outcome.principal is None:
        return _refused(
            request,
            "Your account is not in the district's staff directory. If you work for the "
            "district, ask your Lanyard administrator to check your directory record.",
        )
    start_session(request, outcome.principal)
    return RedirectResponse("/home", status_code=303)
