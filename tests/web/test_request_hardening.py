"""Issue 10, finding 6: a lone surrogate is refused with a 422 naming the field (it used
to be stored and break every page showing it); ``javascript:`` and ``data:`` permalinks
of ingested comments are not links; JSON bodies have a size limit (413); every 4xx answer
of the JSON API has a shape the OpenAPI document names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from lanyard.config import Settings
from lanyard.connectors.comments import connector
from lanyard.db.session import Database
from lanyard.moderation import service
from lanyard.web.filters import safe_url
from lanyard.web.problems import ANY_4XX, HTTPValidationError, Problem
from tests.integration.moderation.seed import NOW, seed_moderation
from tests.support.district import District
from tests.web.conftest import csrf_of, make_settings, sign_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "comments"
LIMIT = 4096


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, pack="chsd-230", max_json_bytes=LIMIT)


def _headers(client: TestClient, user: str = "tina") -> dict[str, str]:
    sign_in(client, user)
    return {"X-CSRF-Token": csrf_of(client, "/home"), "Content-Type": "application/json"}


# -- lone surrogates ------------------------------------------------------------------


def test_a_lone_surrogate_is_refused_naming_the_field(client: TestClient) -> None:
    headers = _headers(client)
    body = json.dumps(  # ensure_ascii: the surrogate travels as the escape \ud800
        {"form_id": "social-media-request", "values": {"activity": "Robotics \ud800 club"}}
    )
    answer = client.post("/api/requests", content=body.encode(), headers=headers)
    assert answer.status_code == 422
    issue = HTTPValidationError.model_validate(answer.json()).detail[0]
    assert issue.loc == ["body", "values", "activity"]
    assert "values.activity" in issue.msg and "surrogate" in issue.msg
    # nothing was stored, and every page that lists requests still opens
    assert client.get("/api/requests").json()["mine"] == []
    assert client.get("/requests").status_code == 200


def test_a_lone_surrogate_in_a_key_or_a_list_is_refused_too(client: TestClient) -> None:
    headers = _headers(client)
    for body, loc in (
        ('{"form_id": "x", "values": {"a\\udc00": "v"}}', ["body", "values", "a\\udc00"]),
        ('{"situation": {"content": ["ok", "\\udfff"]}}', ["body", "situation", "content", 1]),
    ):
        answer = client.post("/api/requests", content=body.encode(), headers=headers)
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["loc"] == loc


def test_emoji_written_as_a_surrogate_pair_are_fine(client: TestClient) -> None:
    headers = _headers(client)
    body = json.dumps(
        {
            "form_id": "social-media-request",
            "values": {
                "activity": "Robotics club \U0001f916",
                "platform": "Instagram",
                "purpose": "Share build-season photos with families.",
            },
        }
    )
    answer = client.post("/api/requests", content=body.encode(), headers=headers)
    assert answer.status_code == 201, answer.text


# -- permalinks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "/relative/path",
        "https:///no-host",
    ],
)
def test_safe_url_refuses_what_a_browser_would_run(url: str) -> None:
    assert safe_url(url) == ""


def test_safe_url_keeps_web_links() -> None:
    url = "https://www.facebook.com/example.usd/posts/pfbid0EXAMPLE?comment_id=1"
    assert safe_url(url) == url
    assert safe_url("http://example.org/") == "http://example.org/"
    assert safe_url(None) == ""


def test_javascript_permalinks_of_ingested_comments_are_not_links(
    client: TestClient, db: Database, district: District
) -> None:
    mod = seed_moderation(db, district)
    data = json.loads((FIXTURES / "facebook_comments.json").read_text())
    bad = ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>"]
    for item, url in zip(data["data"], bad, strict=False):
        item["permalink_url"] = url
    records = connector("facebook").read("facebook_comments.json", json.dumps(data))
    with db.uow() as uow:
        service.ingest(
            uow=uow, pack_id="wilmette-39", account_id=mod.north_page, records=records, now=NOW
        )
        uow.commit()
    # Under CHSD 230 (this module's pack) District administration moderates: Dan holds it.
    sign_in(client, "dan")
    page = client.get("/moderation")
    assert page.status_code == 200
    html = page.text.lower()
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert 'href="https://www.facebook.com/' in html  # the other comments keep their link


# -- JSON size limit ------------------------------------------------------------------


def test_a_json_body_over_the_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    headers = _headers(client)
    big = json.dumps({"form_id": "social-media-request", "values": {"activity": "x" * LIMIT}})
    answer = client.post("/api/requests", content=big.encode(), headers=headers)
    assert answer.status_code == 413
    assert "LANYARD_MAX_JSON_BYTES" in Problem.model_validate(answer.json()).detail

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds as it streams
        yield b'{"form_id": "social-media-request", "values": {"activity": "'
        for _ in range(LIMIT // 512 + 2):
            yield b"y" * 512
        yield b'"}}'

    streamed = client.post("/api/requests", content=chunks(), headers=headers)
    assert streamed.status_code == 413
    small = client.post(
        "/api/requests", content=b'{"form_id": "social-media-request"}', headers=headers
    )
    assert small.status_code == 201


def test_the_limit_is_a_setting(sqlite_url: str) -> None:
    assert Settings(database_url=sqlite_url).max_json_bytes == 1024 * 1024
    with pytest.raises(ValidationError, match="max_json_bytes"):
        Settings(database_url=sqlite_url, max_json_bytes=10)


# -- 4xx shapes in the OpenAPI document ----------------------------------------------


def test_every_api_operation_documents_its_4xx_answers(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    for name in ("Problem", "FieldProblems", "FieldProblem", "HTTPValidationError"):
        assert name in schemas
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            for status in ("401", "403", "422"):
                assert status in responses, f"{method.upper()} {path} lacks {status}"
            if method == "post":
                assert "413" in responses, f"POST {path} lacks 413"
            refs = {s["$ref"] for s in _schema(responses["422"])["anyOf"]}
            assert "#/components/schemas/FieldProblems" in refs
            assert "#/components/schemas/HTTPValidationError" in refs


def _schema(response: dict[str, object]) -> dict[str, list[dict[str, str]]]:
    content = response["content"]
    assert isinstance(content, dict)
    schema: dict[str, list[dict[str, str]]] = content["application/json"]["schema"]
    return schema


def test_real_4xx_answers_have_a_documented_shape(client: TestClient) -> None:
    answers = [
        client.get("/api/requests"),  # 401 before sign-in
        client.post("/api/may-i", json={"situation": {}}),  # 403: no CSRF token
    ]
    headers = _headers(client)
    answers += [
        client.post("/api/requests", content=b"{", headers=headers),  # does not parse
        client.post("/api/requests", content=b'{"values": 3}', headers=headers),
        client.post(
            "/api/requests",
            content=json.dumps({"form_id": "social-media-request", "submit": True}).encode(),
            headers=headers,
        ),
        client.post(
            "/api/may-i",
            content=json.dumps({"situation": {"action": "teleport"}}).encode(),
            headers=headers,
        ),
        client.post(
            "/api/reports",
            content=json.dumps({"report_type": "nope", "details": "x"}).encode(),
            headers=headers,
        ),
        client.get("/api/requests/no-such-request"),
        client.post("/api/moderation/decisions", content=b"{}", headers=headers),
    ]
    statuses = [a.status_code for a in answers]
    assert all(400 <= s < 500 for s in statuses), statuses
    assert 401 in statuses and 403 in statuses and statuses.count(422) >= 4
    for answer in answers:
        ANY_4XX.validate_python(answer.json())
    shapes = {type(ANY_4XX.validate_python(a.json())).__name__ for a in answers}
    assert {"Problem", "FieldProblems", "HTTPValidationError"} <= shapes
