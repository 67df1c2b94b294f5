"""The May I? page and API with the district's own model server set: a question the offline
reader cannot place gets the model's proposals, shown for confirmation and labelled."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from lanyard.config import Settings
from tests.support.district import District
from tests.support.model_server import ModelServerStub, model_server
from tests.web.conftest import csrf_of, make_settings, sign_in

QUESTION = "Am I good to do the Dojo thing with the kiddos this week?"


@pytest.fixture(scope="module", name="served")
def _served() -> Iterator[tuple[ModelServerStub, str]]:
    yield from model_server()


@pytest.fixture
def settings(sqlite_url: str, served: tuple[ModelServerStub, str]) -> Settings:
    stub, url = served
    stub.reset()
    stub.reply = json.dumps(
        {
            "facts": [
                {"field": "action", "value": "message", "words": "the Dojo thing"},
                {"field": "counterparts.role", "value": "student", "words": "the kiddos"},
                {"field": "counterparts.count", "value": 2, "words": "the kiddos"},
            ]
        }
    )
    return make_settings(sqlite_url, mayi_model_url=url, mayi_model_timeout_seconds=2.0)


def test_the_page_and_the_api_show_the_models_proposals_labelled(
    client: TestClient, district: District, served: tuple[ModelServerStub, str]
) -> None:
    sign_in(client, "tina")
    token = csrf_of(client, "/may-i")
    page = client.post("/may-i/ask", data={"question": QUESTION, "csrf_token": token})
    assert page.status_code == 200, page.text
    assert "proposed by the district's model from “the Dojo thing”" in page.text
    assert "I could not tell what you want to do" not in page.text

    body = client.post(
        "/api/may-i/interpret", json={"question": QUESTION}, headers={"X-CSRF-Token": token}
    ).json()
    assert {
        "field": "action",
        "value": "message",
        "words": "the Dojo thing",
        "proposed_by": "district model",
    } in body["understood"]
    assert body["decision"]["verdict"]  # the engine decides, as for any fact

    # a question the reader places is answered offline, without the model
    before = len(served[0].requests)
    client.post(
        "/api/may-i/interpret",
        json={"question": "Can I text my team about practice from my phone?"},
        headers={"X-CSRF-Token": token},
    )
    assert len(served[0].requests) == before
