"""The web app: ``create_app(settings) -> FastAPI``; ``lanyard serve`` runs it with uvicorn.

How to add a page
=================

Write ``src/lanyard/<feature>/views.py`` with an ``APIRouter`` and include it in
:func:`create_app` (``app.include_router(...)``). Put templates in
``src/lanyard/web/templates/<feature>/`` and start them with
``{% extends "base.html" %}`` and a ``{% block title %}`` / ``{% block content %}``.
The dependencies live in :mod:`lanyard.web.deps`::

    from lanyard.auth.permissions import Principal, can_import
    from lanyard.web.deps import (CurrentPrincipal, Forbidden, now, render, require,
                                  services_of)

    @router.get("/import", name="import")
    def import_page(request: Request,
                    principal: Annotated[Principal, Depends(require(can_import))],
                    services: Annotated[Services, Depends(services_of)]) -> Response:
        with services.db.uow() as uow:
            ...  # call the use case: service.do_it(uow=uow, ..., now=now(request))
        return render(request, "import/page.html", {"preview": preview})

- ``services_of`` gives the shared ``Services`` (``.settings``, ``.db``); ``now(request)``
  the clock (an aware UTC datetime; tests replace ``app.state.clock``).
- ``current_principal`` (or ``CurrentPrincipal``) is the signed-in ``Principal``. A
  visitor is redirected to ``/signin?next=...`` (303); ``/api/...`` and htmx requests get a
  401 instead. Sessions end after ``session_max_age_minutes`` without a request.
- ``require(permission)`` takes any ``(Principal) -> Permission`` from
  :mod:`lanyard.auth.permissions` and answers the one 403 page on a denial. Raise
  ``Forbidden()`` yourself for a record the principal may not see *and* for one that does
  not exist, so the two are indistinguishable.
- CSRF: ``csrf_protect`` is installed on the whole app. Every form that POSTs must include
  ``<input type="hidden" name="{{ csrf_field }}" value="{{ csrf_token }}">``; htmx requests
  send the ``X-CSRF-Token`` header automatically (``base.html`` sets ``hx-headers``). A
  missing or wrong token is a 403 and the handler never runs. An endpoint authenticated
  otherwise (bearer-token API, webhook) is marked with ``@csrf_exempt``.
- ``render(request, template, context)`` adds ``principal``, ``nav``, ``csrf_token``,
  ``csrf_field``, ``settings`` and ``now`` to the template's context.
- Navigation: the layout shows Home, May I?, Directory, Import and Audit log once a route
  of that *name* exists (``home``, ``may_i``, ``directory``, ``import``, ``audit``) and the
  principal's permission allows it; name your route accordingly and it appears.
- The home page's "what needs my attention" is a registry: see
  :mod:`lanyard.web.attention` (``@attention_provider``).
- Sensitive reads (a student's or a person's record) write an audit entry in the same
  transaction, as ``lanyard.auth.people.open_person_record`` does (``person:viewed``).
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import NoMatchFound
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lanyard import __version__, words
from lanyard.acknowledgments import views as acknowledgments_views
from lanyard.approvals import views as approvals_views
from lanyard.auth.permissions import Principal, RoleGrant
from lanyard.auth.roles import role_table
from lanyard.auth.service import principal_for
from lanyard.auth.sessions import hash_session_id
from lanyard.bootstrap import Services
from lanyard.bootstrap import services as build_services
from lanyard.cases import views as cases_views
from lanyard.config import Settings
from lanyard.directory import views as directory_views
from lanyard.disclosures import views as disclosures_views
from lanyard.jobs.inprocess import start_runner
from lanyard.mayi import views as mayi_views
from lanyard.messages import views as messages_views
from lanyard.moderation import platform_views as moderation_platform_views
from lanyard.moderation import views as moderation_views
from lanyard.notify import views as notify_views
from lanyard.official_accounts import views as accounts_views
from lanyard.official_accounts.domain import platform_name
from lanyard.policy import policy_name, policy_title
from lanyard.prepub import api as prepub_api
from lanyard.prepub import biometric_views as prepub_biometric_views
from lanyard.prepub import import_views as prepub_import_views
from lanyard.prepub import views as prepub_views
from lanyard.records import views as records_views
from lanyard.web import log_redaction
from lanyard.web.attention import AttentionContext, collect
from lanyard.web.body_guard import JsonBodyGuard
from lanyard.web.deps import (
    NAV,
    CsrfFailed,
    Forbidden,
    SignInRequired,
    csrf_protect,
    principal_preloader,
    render,
    route_path,
)
from lanyard.web.filters import local_time, safe_url, sentence, the
from lanyard.web.oidc import build_oidc_client
from lanyard.web.problems import document_problems
from lanyard.web.sessions import ServerSessionMiddleware
from lanyard.web.views import audit, auth, directory, home, roles

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
SESSION_COOKIE = "lanyard_session"
# pages that never read or set a session: the anonymous requests (and their old addresses)
ANONYMOUS_PREFIXES = ("/anonymous/", "/requests/anonymous")
HSTS = "max-age=31536000; includeSubDomains"

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class SecurityHeaders:
    """The security headers on every response (a header the page set itself is kept; no
    ``Cache-Control`` under /static/; HSTS when the public URL is https). Plain ASGI: it
    adds the headers to the response's start message, without the task and streams per
    request that an ``@app.middleware("http")`` function costs."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self.app = app
        headers = list(SECURITY_HEADERS.items())
        if https:
            headers.insert(0, ("Strict-Transport-Security", HSTS))
        # as the response's raw headers hold them: lower-case names, latin-1 bytes
        self.raw = [
            (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers
        ]
        self.raw_static = [(name, value) for name, value in self.raw if name != b"cache-control"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.raw_static if scope.get("path", "").startswith("/static/") else self.raw

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # appended after the page's own, each unless the page set it: one pass
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers.extend(item for item in extra if item[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


# The cyclic collector's thresholds for a serving process: the first generation collected
# after 10,000 net allocations instead of 700, the older ones a twentieth as often.
SERVE_GC_THRESHOLDS = (10_000, 20, 20)


def settle_collector() -> None:
    """For a process that serves: what the app made at start-up (routes, templates, the
    packs, the models) is set aside from the cyclic garbage collector (``gc.freeze``), and
    the collector runs less often. Measured under 50 users with think time on SQLite, a
    full collection otherwise walked ~240,000 objects 13 times in 25 s (up to 180 ms of CPU
    each, with every request in the process waiting). Not in ``create_app``: tests make an
    app per test, and frozen objects are never freed."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*SERVE_GC_THRESHOLDS)


def warm_up(app: FastAPI) -> None:
    """For a process that serves: do before the first request what the first requests
    would otherwise do while others wait. FastAPI works out each route's dependencies the
    first time a path is looked up by name (every page's navigation does), and Jinja
    compiles a template the first time it is rendered, SQLAlchemy each statement the first
    time it runs. When 50 users open Home within the same second, as at the start of
    `benchmarks/web_load.py`, every request in the process waited behind those firsts: the
    first Home took 106-117 ms of CPU instead of 12, the first May I? page 54-57 instead of
    6 (19-22 and 8-9 after warming up)."""
    try:
        app.url_path_for("lanyard: no such route")  # walks, and prepares, every route
    except NoMatchFound:
        pass
    for item in NAV:
        route_path(app, item.route)
    env = app.state.templates.env
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    # Compiled once: a serving process no longer looks at each template's file on disk on
    # every render (a restart picks up a changed template, as it does changed code).
    env.auto_reload = False
    try:
        _warm_reads(app.state.services)
    except Exception:  # a start on an empty or unreachable database still serves
        log.warning("warm-up: Home's reads were not prepared", exc_info=True)


def _warm_reads(services: Services) -> None:
    """Prepare (SQLAlchemy compiles each statement once per process) what every signed-in
    request and Home read: the session, the principal, and each home-page provider's
    queries, run for nobody (no person has an empty id) with every role of the pack, so
    each provider takes its every branch. Nothing is written."""
    table = role_table(services.settings.pack)
    services.sessions.load(hash_session_id("warm-up"))
    with services.db.read() as connection:
        principal_for(connection, "", table=table)
    everyone = Principal(
        person_id="",
        kind="staff",
        roles=frozenset(RoleGrant(role) for role in table),
        buildings=frozenset({""}),
        table=table,
    )
    moment = dt.datetime.now(dt.UTC)
    with services.db.uow() as uow:
        collect(
            AttentionContext(uow.session, everyone, moment, ZoneInfo(services.settings.time_zone))
        )


def create_served_app() -> FastAPI:
    """The app as ``lanyard serve --workers N`` makes it in each worker process."""
    app = create_app()
    warm_up(app)
    settle_collector()
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "HX-Request" in request.headers


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_app(settings: Settings | None = None) -> FastAPI:
    services = build_services(settings)
    settings = services.settings
    app = FastAPI(
        title="Lanyard",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_protect)],
    )
    log_redaction.install()  # no token, student data or secret in a log line
    app.state.services = services
    app.state.clock = _utcnow
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.filters["safe_url"] = safe_url
    app.state.templates.env.filters["platform_name"] = platform_name
    app.state.templates.env.filters["sentence"] = sentence
    app.state.templates.env.filters["the"] = the
    app.state.templates.env.globals["policy_name"] = policy_name
    app.state.templates.env.globals["policy_title"] = policy_title
    words.warm()  # inflect is slow to import: load it before any request needs it
    zone = ZoneInfo(settings.time_zone)
    app.state.templates.env.filters["local"] = lambda value, fmt: local_time(value, fmt, zone)
    app.state.oidc = build_oidc_client(settings)

    def session_clock(scope: Any) -> dt.datetime:
        clock: Callable[[], dt.datetime] = scope["app"].state.clock
        return clock()

    app.add_middleware(
        ServerSessionMiddleware,
        store=services.sessions,
        cookie=SESSION_COOKIE,
        idle=dt.timedelta(minutes=settings.session_max_age_minutes),
        lifetime=dt.timedelta(minutes=settings.session_lifetime_minutes),
        secure=settings.https,
        clock=session_clock,
        skip_prefixes=ANONYMOUS_PREFIXES,
        # the signed-in person read with the session, in the same worker thread
        preload=principal_preloader(services),
        preload_skip=("/static/",),
        hold=services.db.read,  # both reads on one pooled connection
    )

    photo_body = settings.max_json_bytes + settings.photo_max_bytes * 4 // 3 + 4
    photo_limit = (photo_body, "one photo of LANYARD_PHOTO_MAX_BYTES in base64 and "
                   "LANYARD_MAX_JSON_BYTES")  # fmt: skip
    app.add_middleware(
        JsonBodyGuard,
        max_bytes=settings.max_json_bytes,
        larger={"/api/prepublish/check": photo_limit, "/api/prepublish/clean": photo_limit},
    )

    app.add_middleware(SecurityHeaders, https=settings.https)

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": "sign in required"}, status_code=401)
        target = "/signin?expired=1" if exc.expired else "/signin"
        if request.method == "GET" and not exc.expired:
            from urllib.parse import quote

            path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            target += "?next=" + quote(path, safe="/")
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "forbidden"}, status_code=403)
        return render(request, "error.html", {"kind": "forbidden"}, status_code=403)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, exc: CsrfFailed) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "missing or invalid CSRF token"}, status_code=403)
        return render(request, "error.html", {"kind": "csrf"}, status_code=403)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/static/")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        kind = "not_found" if exc.status_code == 404 else "error"
        return render(request, "error.html", {"kind": kind}, status_code=exc.status_code)

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    # A request walks the included routers in this order until one has its route: the
    # May I? pages first, the requests that come most often (an ask walked five routers'
    # 17 routes before its own). Their paths are plain words that no other route matches,
    # so the order changes no route's answer.
    app.include_router(mayi_views.router)
    for module in (auth, home, directory, audit, roles):
        app.include_router(module.router)
    app.include_router(cases_views.router)
    app.include_router(directory_views.router)
    app.include_router(notify_views.router)
    app.include_router(approvals_views.router)
    app.include_router(disclosures_views.router)
    app.include_router(moderation_views.router)
    app.include_router(moderation_platform_views.router)
    app.include_router(accounts_views.router)
    app.include_router(acknowledgments_views.router)
    app.include_router(prepub_api.router)
    app.include_router(prepub_views.router)
    app.include_router(prepub_biometric_views.router)
    app.include_router(prepub_import_views.router)
    app.include_router(records_views.router)
    app.include_router(messages_views.router)
    start_runner(app)
    _api_document(app)
    return app


def _api_document(app: FastAPI) -> None:
    """The OpenAPI document at /api/openapi.json describes the JSON API only."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title="Lanyard API",
                version=__version__,
                description="Ask the district's policy, search the directory, read the audit "
                "log. Sign in first; send the session's CSRF token as X-CSRF-Token on POST.",
                routes=app.routes,
            )
            document["paths"] = {
                path: item for path, item in document["paths"].items() if path.startswith("/api/")
            }
            app.openapi_schema = document_problems(document)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    async def document(request: Request) -> Response:
        return JSONResponse(openapi())

    app.add_api_route("/api/openapi.json", document, include_in_schema=False)
