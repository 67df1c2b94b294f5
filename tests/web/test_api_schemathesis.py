"""The JSON API against its own OpenAPI document, with schemathesis (bounded examples):
no request, however odd, gets a 5xx, and every response (4xx included) has a status code
and a body the document declares. Requests are made signed in as the district's Lanyard
administrator, with the CSRF header, so the operations are exercised past sign-in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from lanyard.web.app import create_app
from tests.support.district import seed_district
from tests.web.conftest import CSRF, make_settings, sign_in

STATUSES: list[int] = []  # every status the API answered, to show it was exercised
EXAMPLES = 8  # per operation: bounded, so the whole API takes seconds
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def signed_in_app(sqlite_url: str) -> Iterator[tuple[FastAPI, dict[str, str], dict[str, str]]]:
    app = create_app(make_settings(sqlite_url, pack="chsd-230"))
    seed_district(app.state.services.db)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        sign_in(client, "ada")
        page = client.get("/home").text
        match = CSRF.search(page)
        assert match
        cookies = dict(client.cookies.items())
        yield app, {"X-CSRF-Token": match.group(1)}, cookies
    app.state.services.db.engine.dispose()


def test_the_api_keeps_its_documented_contract(
    signed_in_app: tuple[FastAPI, dict[str, str], dict[str, str]],
) -> None:
    app, headers, cookies = signed_in_app
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Any) -> None:
            response = case.call(headers=headers, cookies=cookies)
            case.validate_response(response, checks=CHECKS)
            STATUSES.append(response.status_code)

        try:
            check()
        except Exception as exc:  # every operation is tried; all failures are reported
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:2000])
    assert operations >= 10
    assert any(200 <= status < 300 for status in STATUSES), "exercised past sign-in"
    assert not failures, "\n\n".join(failures)


def test_the_document_is_served_and_names_the_operations(
    signed_in_app: tuple[FastAPI, dict[str, str], dict[str, str]],
) -> None:
    app = signed_in_app[0]
    with TestClient(app) as client:
        document = client.get("/api/openapi.json").json()
    assert len(document["paths"]) >= 10
    assert all(re.match(r"^/api/", path) for path in document["paths"])
