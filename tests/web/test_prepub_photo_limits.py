"""The photo API's limits: a photo with too many bytes is 413, one with too many pixels (a
decompression bomb) 422, each naming the limit and its setting; a body too large for one
photo is refused before it is read."""

from __future__ import annotations

import base64
import io
import json
import random

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from lanyard.config import Settings
from tests.support.district import District
from tests.web.conftest import csrf_of, make_settings, sign_in

MAX_BYTES = 100_000
MAX_PIXELS = 4_000_000


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, photo_max_bytes=MAX_BYTES, photo_max_pixels=MAX_PIXELS)


def _png(width: int, height: int, noise: bool = False) -> str:
    image = (
        Image.frombytes("L", (width, height), random.Random(7).randbytes(width * height))
        if noise
        else Image.new("L", (width, height), 128)
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


def _post(client: TestClient, path: str, body: dict) -> tuple[int, str]:  # type: ignore[type-arg]
    token = csrf_of(client, "/home")
    response = client.post(path, json=body, headers={"X-CSRF-Token": token})
    return response.status_code, response.json()["detail"]


def test_a_photo_over_the_byte_limit_is_413_naming_the_limit(
    client: TestClient, district: District
) -> None:
    sign_in(client, "ada")
    big = _png(400, 400, noise=True)  # about 160 kB of PNG: over 100 kB
    assert len(base64.b64decode(big)) > MAX_BYTES
    body = {"to": "website", "photos": [{"name": "big.png", "data": big}]}
    status, detail = _post(client, "/api/prepublish/check", body)
    assert status == 413
    assert detail.startswith("photos: big.png: ") and "100,000" in detail
    assert "LANYARD_PHOTO_MAX_BYTES" in detail
    status, detail = _post(client, "/api/prepublish/clean", {"name": "big.png", "data": big})
    assert status == 413 and "LANYARD_PHOTO_MAX_BYTES" in detail


def test_a_decompression_bomb_is_422_naming_the_pixel_limit(
    client: TestClient, district: District
) -> None:
    sign_in(client, "ada")
    bomb = _png(2500, 2000)  # 5 million pixels in a file of a few kilobytes
    assert len(base64.b64decode(bomb)) < 20_000
    for path, body in (
        ("/api/prepublish/check", {"to": "social", "photos": [{"name": "b.png", "data": bomb}]}),
        ("/api/prepublish/clean", {"name": "b.png", "data": bomb, "blur": "all"}),
    ):
        status, detail = _post(client, path, body)
        assert status == 422, detail
        assert "b.png: 5,000,000 pixels, more than the limit of 4,000,000" in detail
        assert "LANYARD_PHOTO_MAX_PIXELS" in detail
    # just under the limit is checked
    body = {"to": "social", "photos": [{"name": "ok.png", "data": _png(2000, 2000)}]}
    token = csrf_of(client, "/home")
    response = client.post("/api/prepublish/check", json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 200


def test_a_body_larger_than_one_photo_is_refused_before_it_is_read(
    client: TestClient, district: District, settings: Settings
) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/home")
    limit = settings.max_json_bytes + MAX_BYTES * 4 // 3 + 4
    body = json.dumps({"to": "website", "text": "x" * (limit + 10)})
    headers = {"X-CSRF-Token": token, "Content-Type": "application/json"}
    response = client.post("/api/prepublish/check", content=body, headers=headers)
    assert response.status_code == 413
    assert f"larger than {limit} bytes" in response.json()["detail"]
    assert "LANYARD_PHOTO_MAX_BYTES" in response.json()["detail"]
    # another JSON API keeps the ordinary limit
    response = client.post("/api/prepublish/bcc", content=body, headers=headers)
    assert response.status_code == 413
    assert "LANYARD_MAX_JSON_BYTES)" in response.json()["detail"]
