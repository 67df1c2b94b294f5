"""Co-workers tagged in a photo and the district's logo, through
``POST /api/prepublish/check``."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from lanyard.config import Settings
from tests.support.district import District
from tests.web.conftest import csrf_of, make_settings, sign_in

PHOTOS = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "photos"
LOGO = PHOTOS.parent / "district_logo.png"


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, district_logo=LOGO)


def test_a_coworker_tagged_by_username_needs_consent_and_the_logo_needs_approval(
    client: TestClient, district: District
) -> None:
    """The API takes staff among a photo's tags, and logo_approved for the post."""
    logo = Image.open(LOGO).convert("RGBA").resize((180, 180)).rotate(-8, expand=True)
    photo = Image.open(PHOTOS / "hopper.jpg").convert("RGB")  # 410 x 480, one face
    photo.paste(logo, (410 - logo.width, 480 - logo.height), logo)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=80)
    data = base64.b64encode(out.getvalue()).decode("ascii")
    sign_in(client, "ada")
    token = csrf_of(client, "/home")

    def check(**extra: object) -> dict:  # type: ignore[type-arg]
        body = {"to": "social", "photos": [{"name": "p.jpg", "data": data, "tags": ["steve"]}]}
        response = client.post("/api/prepublish/check", json={**body, **extra},
                               headers={"X-CSRF-Token": token})  # fmt: skip
        assert response.status_code == 200, response.text
        return response.json()["photos"][0]  # type: ignore[no-any-return]

    found = check()
    kinds = {f["kind"]: f["verdict"] for f in found["findings"]}
    assert kinds == {"coworker_no_consent": "review", "district_logo": "review"}
    assert found["tagged"] == 1 and found["logo"] is not None
    approved = check(logo_approved=True)
    assert {f["kind"] for f in approved["findings"]} == {"coworker_no_consent", "logo_approved"}
    nobody = {"to": "social", "photos": [{"name": "p.jpg", "data": data, "tags": ["nobody"]}]}
    response = client.post("/api/prepublish/check", headers={"X-CSRF-Token": token}, json=nobody)
    assert response.status_code == 422 and "no student or staff member 'nobody'" in response.text
