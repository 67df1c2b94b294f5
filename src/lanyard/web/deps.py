"""FastAPI dependencies and helpers every page uses (see ``lanyard.web.app`` for a guide).

- ``get_services``: the shared :class:`~lanyard.bootstrap.Services` (settings, database);
  ``services_of`` is the same as a route's dependency (``Depends(services_of)``).
- ``get_clock``: ``now()`` as an aware UTC datetime (tests may replace ``app.state.clock``).
- ``current_principal``: the signed-in :class:`Principal`; a visitor is sent to the
  sign-in page (a 303 for pages, a 401 for ``/api/`` and htmx requests). The session
  middleware reads it with the session (``principal_preloader``), so taking it costs no
  thread hop; ``principal_of`` is the same for code in a worker thread.
- ``require(permission)``: a dependency that answers 403 unless
  ``permission(principal)`` allows, e.g. ``Depends(require(can_import))``.
- ``csrf_protect``: installed app-wide; every unsafe request must carry the session's
  token in the ``csrf_token`` form field or the ``X-CSRF-Token`` header.
- ``render(request, template, context)``: a page with the layout's context.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from starlette.routing import NoMatchFound

from lanyard.acknowledgments.domain import can_acknowledge
from lanyard.auth.permissions import (
    Permission,
    Principal,
    can_ask,
    can_disclose,
    can_export_records,
    can_import,
    can_manage_holds,
    can_manage_roles,
    can_moderate,
    can_read_audit,
    can_report,
    can_review_messages,
    can_use_accounts,
    can_use_directory,
    can_use_requests,
)
from lanyard.auth.roles import role_label, role_table
from lanyard.auth.service import PRINCIPAL_ROWS_OF_SESSION, principal_for, principal_of_rows
from lanyard.auth.sessions import PERSON_KEY, StoredSession
from lanyard.bootstrap import Services
from lanyard.prepub.domain import can_check_publication
from lanyard.web.sessions import EXPIRED, PRELOADED, Preload
from lanyard.web.threads import SESSIONS

SESSION_PERSON = PERSON_KEY
SESSION_CSRF = "csrf"
SESSION_EXPIRED = EXPIRED  # set by the session middleware
SESSION_PRELOADED = PRELOADED  # the (person id, principal) it read with the session
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class SignInRequired(Exception):
    def __init__(self, expired: bool = False) -> None:
        super().__init__("sign in required")
        self.expired = expired


class Forbidden(Exception):
    """Answered with the one 403 page: it never says whether the thing exists."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason or "forbidden")
        self.reason = reason


class CsrfFailed(Exception):
    pass


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


async def services_of(request: Request) -> Services:
    """:func:`get_services` as a route's dependency (``Depends(services_of)``): a
    coroutine, so FastAPI reads the attribute on the event loop instead of handing a sync
    function to a worker thread (a thread hop on every request)."""
    return get_services(request)


def get_clock(request: Request) -> Callable[[], dt.datetime]:
    clock: Callable[[], dt.datetime] = request.app.state.clock
    return clock


def now(request: Request) -> dt.datetime:
    return get_clock(request)()


# --------------------------------------------------------------------------- sessions


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


class LazyCsrfToken:
    """The CSRF token as a template value, made only when a page prints it: a page
    without a form (an error page, the anonymous pages' status) begins no session."""

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)

    def __html__(self) -> str:
        return str(self)


def start_session(request: Request, principal: Principal) -> None:
    """A fresh session for a person who just signed in: a new session id (the one used
    before sign-in is deleted) and a new CSRF token."""
    request.session.clear()
    request.session[SESSION_PERSON] = principal.person_id
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)
    rotate = getattr(request.session, "rotate", None)
    if callable(rotate):
        rotate()


def end_session(request: Request) -> None:
    request.session.clear()


def read_principal(services: Services, person_id: str) -> Principal | None:
    """The signed-in person's principal, or None when they are no longer active."""
    with services.db.read() as connection:  # one statement, no transaction around it
        return principal_for(connection, person_id, table=role_table(services.settings.pack))


Preloaded = tuple[str, Principal | None]  # (person id, principal or None when inactive)


def principal_preloader(services: Services) -> Preload:
    """What the session middleware reads with a signed-in session (in the same worker
    thread, and on PostgreSQL in the same round trip as the session's row): the person's id
    and principal, which :func:`current_principal` then takes without a thread hop of its
    own."""
    table = role_table(services.settings.pack)

    def read(stored: StoredSession) -> Preloaded | None:
        if stored.person_id is None:
            return None
        return stored.person_id, read_principal(services, stored.person_id)

    def of_rows(stored: StoredSession, rows: list[Any]) -> Preloaded | None:
        if stored.person_id is None:
            return None
        return stored.person_id, principal_of_rows(stored.person_id, rows, table=table)

    return Preload(read=read, along=(PRINCIPAL_ROWS_OF_SESSION, of_rows))


def _session_person(request: Request) -> str:
    person_id = request.session.get(SESSION_PERSON)
    if not isinstance(person_id, str):
        # the session middleware deleted a session that idled out or reached its end
        raise SignInRequired(expired=bool(request.scope.get(SESSION_EXPIRED)))
    return person_id


def _settle(request: Request, principal: Principal | None) -> Principal:
    if principal is None:  # deactivated or disabled since the session began
        end_session(request)
        raise SignInRequired()
    request.state.principal = principal
    return principal


def _known_principal(request: Request) -> Principal | str:
    """The principal when it is known without reading the database (taken earlier in this
    request, or read by the session middleware with the session); otherwise the session's
    person id, whose principal the caller reads (:func:`principal_of` in its own thread,
    :func:`current_principal` in a worker thread). Raises :class:`SignInRequired` when
    the session names nobody, or names someone no longer active."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    person_id = _session_person(request)
    preloaded = request.scope.get(SESSION_PRELOADED)
    if isinstance(preloaded, tuple) and preloaded[0] == person_id:
        return _settle(request, preloaded[1])
    return person_id


def principal_of(request: Request) -> Principal:
    """:func:`current_principal` for code that runs in a worker thread (it may read the
    database itself when the session middleware did not)."""
    known = _known_principal(request)
    if isinstance(known, Principal):
        return known
    return _settle(request, read_principal(get_services(request), known))


async def current_principal(request: Request) -> Principal:
    """The signed-in principal. A coroutine: the session middleware has read it already
    (no thread hop); only otherwise is the database read, in a worker thread."""
    known = _known_principal(request)
    if isinstance(known, Principal):
        return known
    principal = await SESSIONS.run(read_principal, get_services(request), known)
    return _settle(request, principal)


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def optional_principal(request: Request) -> Principal | None:
    try:
        return principal_of(request)
    except SignInRequired:
        return None


def require(
    permission: Callable[[Principal], Permission],
) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency returning the principal when ``permission`` allows, else a 403."""

    async def dependency(request: Request) -> Principal:
        principal = await current_principal(request)
        answer = permission(principal)
        if not answer.allowed:
            raise Forbidden(answer.reason)
        return principal

    dependency.__name__ = f"require_{getattr(permission, '__name__', 'permission')}"
    dependency.__permission__ = permission  # type: ignore[attr-defined]  # the route matrix
    return dependency


# ------------------------------------------------------------------------------ CSRF


def csrf_exempt(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """Mark an endpoint that authenticates otherwise (a bearer-token API, a webhook)."""
    endpoint.__csrf_exempt__ = True  # type: ignore[attr-defined]
    return endpoint


async def csrf_protect(request: Request) -> None:
    """Installed on the whole app: unsafe requests need the session's token."""
    if request.method not in UNSAFE_METHODS:
        return
    endpoint = request.scope.get("endpoint")
    if endpoint is not None and getattr(endpoint, "__csrf_exempt__", False):
        return
    expected = request.session.get(SESSION_CSRF)
    sent: Any = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            sent = (await request.form()).get(CSRF_FIELD)
    if (
        not isinstance(expected, str)
        or not isinstance(sent, str)
        or not secrets.compare_digest(expected.encode(), sent.encode())
    ):
        raise CsrfFailed()


# ---------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class NavItem:
    label: str
    route: str  # the route's name: an item shows once a page of that name exists
    permission: Callable[[Principal], Permission] | None = None


NAV: tuple[NavItem, ...] = (
    NavItem("Home", "home"),
    NavItem("May I?", "may_i", can_ask),
    NavItem("Directory", "directory", can_use_directory),
    NavItem("Requests", "requests", can_use_requests),
    NavItem("Disclosures", "disclosures", can_disclose),
    NavItem("Reports", "reports", can_report),
    NavItem("Accounts", "accounts", can_use_accounts),
    NavItem("Acknowledgments", "acknowledgments", can_acknowledge),
    # Managers of one account reach their queue from the home page; the link is for roles.
    NavItem("Moderation", "moderation", can_moderate),
    NavItem("Before publishing", "prepub", can_check_publication),
    NavItem("Messages", "message_review", can_review_messages),
    NavItem("Import", "import", can_import),
    NavItem("Audit log", "audit", can_read_audit),
    NavItem("Legal holds", "legal_holds", can_manage_holds),
    NavItem("Records exports", "records_exports", can_export_records),
    NavItem("Roles", "roles", can_manage_roles),
)


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    current: bool


def route_path(app: Any, name: str) -> str | None:
    """The path of the route named ``name`` (no path parameters), or None when the app has
    no such page. Looked up once per app and name: finding it walks every route, which
    for the navigation of every page cost more than some pages' queries."""
    routes = len(app.routes)
    cached: tuple[int, dict[str, str | None]] | None = getattr(app.state, "route_paths", None)
    if cached is None or cached[0] != routes:  # a route added since: look again
        cached = (routes, {})
        app.state.route_paths = cached
    paths = cached[1]
    if name not in paths:
        try:
            paths[name] = str(app.url_path_for(name))
        except NoMatchFound:
            paths[name] = None
    return paths[name]


def nav_links(request: Request, principal: Principal | None) -> list[NavLink]:
    if principal is None:
        return []
    links = []
    for item in NAV:
        if item.permission is not None and not item.permission(principal):
            continue
        href = route_path(request.app, item.route)
        if href is None:
            continue
        current = request.url.path == href or request.url.path.startswith(href + "/")
        links.append(NavLink(item.label, href, current))
    return links


class LazyNav:
    """The navigation as a template value, worked out only when a page prints it: a
    fragment (the answer to an htmx ask) has no navigation, and working it out checks
    every item's permission."""

    def __init__(self, request: Request, principal: Principal | None) -> None:
        self.request = request
        self.principal = principal
        self._links: list[NavLink] | None = None

    def links(self) -> list[NavLink]:
        if self._links is None:
            self._links = nav_links(self.request, self.principal)
        return self._links

    def __iter__(self) -> Iterator[NavLink]:
        return iter(self.links())

    def __len__(self) -> int:
        return len(self.links())


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """Render ``template`` with the layout's context: ``principal`` (or None), ``nav``,
    ``csrf_token``, ``settings`` and ``now``, plus the page's own ``context``."""
    principal = getattr(request.state, "principal", None)
    services = get_services(request)
    full: dict[str, Any] = {
        "principal": principal,
        "nav": LazyNav(request, principal),
        "csrf_token": LazyCsrfToken(request),
        "csrf_field": CSRF_FIELD,
        "settings": services.settings,
        "now": now(request),
        # one plain name per role id on every page: the pack's name for it
        "role_name": lambda role: role_label(role_table(services.settings.pack), role),
    }
    full.update(context or {})
    response: Response = request.app.state.templates.TemplateResponse(
        request, template, full, status_code=status_code, headers=dict(headers or {})
    )
    return response
