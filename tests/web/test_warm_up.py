"""A serving process prepares its pages before the first request: under 50 users opening
Home at once, the first Home took 106 ms of CPU (FastAPI working out every route's
dependencies for the navigation's links, Jinja compiling the page, SQLAlchemy compiling
its queries) with every request in the process waiting behind it. After ``warm_up`` no
page a person opens compiles a template or prepares a route."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from lanyard.web.app import warm_up
from lanyard.web.deps import NAV
from tests.support.district import District
from tests.web.conftest import sign_in

PAGES = ("/home", "/may-i", "/requests", "/reports", "/directory")


def test_after_warm_up_no_page_compiles_a_template(
    app: FastAPI, district: District, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm_up(app)
    env = app.state.templates.env
    compiled: list[str | None] = []
    compile_ = env.compile

    def counting(source: str, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return compile_(source, name, *args, **kwargs)

    monkeypatch.setattr(env, "compile", counting)
    with TestClient(app, follow_redirects=False) as client:
        assert client.get("/signin").status_code == 200
        for person in ("tina", "ada"):
            sign_in(client, person)
            for page in PAGES:
                response = client.get(page)
                assert response.status_code in (200, 403), (page, response.status_code)
            client.post("/signout", data={"csrf_token": ""})
            client.cookies.clear()
    assert compiled == []
    # every link of the navigation was looked up once, at start
    paths = app.state.route_paths[1]
    assert {item.route for item in NAV} <= set(paths)
    assert paths["home"] == "/home"


def test_warm_up_reads_an_empty_database_without_a_warning(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """A fresh install (no people yet) starts as well: Home's reads run for nobody."""
    with caplog.at_level(logging.WARNING, logger="lanyard.web.app"):
        warm_up(app)
    assert not [r for r in caplog.records if "warm-up" in r.getMessage()]


def test_a_test_app_is_not_warmed(app: FastAPI) -> None:
    """create_app alone (a test's app) does not pay for it."""
    assert getattr(app.state, "route_paths", None) is None
