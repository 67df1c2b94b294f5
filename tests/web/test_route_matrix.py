"""The role x route matrix, generated (issue 10, Proof): every GET route of the router, every
demo sign-in (each role of every pack's demo district) and anonymous. The expected
status comes from the permission functions the routes declare (``require(...)``), applied to
the principal the app builds, never from a hand-written table.

Signed in, a route answers 200 when every permission it requires allows, else the one 403
page. Anonymous, every route that needs a principal sends to sign-in (303; 401 for the
JSON API) — including routes with path parameters, which are only checked anonymously (the
record-level answer of those is tested with their features)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.auth.orm import Account
from lanyard.auth.roles import role_table
from lanyard.auth.service import principal_for
from lanyard.db.session import Database
from lanyard.directory.demo import DEMO_PASSWORD, seed_demo
from lanyard.policy import builtin_pack_ids
from lanyard.web.app import create_app
from lanyard.web.deps import current_principal
from tests.web.conftest import make_settings, sign_in

NOW = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)
# GET routes that are not pages to open: sign-in machinery, redirects, and a shared May I?
# answer (a 404 without a real shared link, for everyone alike).
NOT_PAGES = {
    "/",
    "/signin",
    "/signin/oidc",
    "/signin/oidc/callback",
    "/api/openapi.json",
    "/may-i/shared",
    "/requests/anonymous",  # the old address of the anonymous form: a redirect to /anonymous/
}
QUERIES: dict[str, str] = {}


def _walk(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None:
            yield sub.call
        yield from _walk(sub)


def _needs(route: APIRoute) -> tuple[bool, list[Callable[..., Any]]]:
    """(needs a signed-in principal, the permission functions it requires)."""
    calls = list(_walk(route.dependant))
    permissions = [c.__permission__ for c in calls if hasattr(c, "__permission__")]
    signed_in = bool(permissions) or current_principal in calls
    return signed_in, permissions


def _routes(app: FastAPI) -> list[tuple[str, APIRoute]]:
    """Every GET route of the app with its full path (routers' prefixes included)."""
    out = []
    for ctx in iter_route_contexts(app.routes):
        route = ctx.original_route
        if isinstance(route, APIRoute) and "GET" in route.methods and ctx.path:
            out.append((ctx.path, route))
    return out


@pytest.fixture(scope="module", params=builtin_pack_ids())
def demo(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    migrated_template: Path,
) -> Iterator[FastAPI]:
    """Each pack's demo district (its roles, their holders' sign-ins), served."""
    pack = request.param
    path = tmp_path_factory.mktemp("matrix") / "lanyard.sqlite3"
    shutil.copy(migrated_template, path)
    url = f"sqlite:///{path}"
    seed_demo(db=Database(url), pack_id=pack, now=NOW)
    app = create_app(make_settings(url, pack=pack, district_domains=()))
    yield app
    app.state.services.db.engine.dispose()


def test_anonymous_is_sent_to_sign_in_by_every_route_that_needs_a_principal(
    demo: FastAPI,
) -> None:
    checked = 0
    with TestClient(demo, follow_redirects=False) as client:
        for template, route in _routes(demo):
            signed_in, _ = _needs(route)
            if not signed_in:
                continue
            path = re.sub(r"\{[^}]+\}", "x" * 32, template)
            answer = client.get(path + QUERIES.get(template, ""))
            expected = 401 if template.startswith("/api/") else 303
            assert answer.status_code == expected, f"anonymous GET {template}"
            checked += 1
    assert checked >= 20


def test_every_demo_role_gets_what_the_permission_functions_say(demo: FastAPI) -> None:
    db: Database = demo.state.services.db
    table = role_table(demo.state.services.settings.pack)
    with db.uow() as uow:
        accounts = list(uow.session.execute(select(Account.username, Account.person_id)))
        principals = {u: principal_for(uow.session, pid, table=table) for u, pid in accounts}
    pages = [(p, r) for p, r in _routes(demo) if "{" not in p and p not in NOT_PAGES]
    assert len(pages) >= 15
    allowed_somewhere: set[str] = set()
    denied_somewhere: set[str] = set()
    for username, principal in sorted(principals.items()):
        assert principal is not None
        with TestClient(demo, follow_redirects=False) as client:
            sign_in(client, username, DEMO_PASSWORD)
            for path, route in pages:
                _, permissions = _needs(route)
                allowed = all(p(principal).allowed for p in permissions)
                answer = client.get(path + QUERIES.get(path, ""))
                expected = 200 if allowed else 403
                assert answer.status_code == expected, (
                    f"{username} ({sorted(principal.role_names)}) GET {path}: "
                    f"{answer.status_code}, the permission functions say {expected}"
                )
                (allowed_somewhere if allowed else denied_somewhere).add(path)
    # the matrix is not all one answer: some pages are refused to some roles
    assert {"/import", "/audit", "/roles"} <= allowed_somewhere & denied_somewhere
