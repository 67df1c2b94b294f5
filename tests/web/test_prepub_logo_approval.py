"""The district's logo in a photo against the approval on file for the person checking:
the pack's logo rule names a form (wilmette-39: "Authorization to use the District's logos
or other marks", Section IV); an approval of that form held by the signed-in person makes
the logo finding safe and says so; anyone else's approval, a revoked or expired one, or
none leaves it "review: logo needs approval" with the clause; an approval with conditions
is review with the conditions to confirm."""

from __future__ import annotations

import base64
import datetime as dt
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import update

from lanyard.approvals.service import approve, create_draft, submit
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile
from tests.support.district import District, seed_case_handlers
from tests.web.conftest import csrf_of, make_settings, sign_in

PHOTOS = Path(__file__).resolve().parents[1] / "fixtures" / "prepub" / "photos"
LOGO = PHOTOS.parent / "district_logo.png"
CLAUSE = "Section IV, Social Media Accounts, paragraph 2"


@pytest.fixture
def settings(sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, district_logo=LOGO, pack="wilmette-39")


def _photo_with_logo() -> str:
    logo = Image.open(LOGO).convert("RGBA").resize((180, 180))
    photo = Image.open(PHOTOS / "coffee.jpg").convert("RGB")
    photo.paste(logo, (photo.width - logo.width, photo.height - logo.height), logo)
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=85)
    return base64.b64encode(out.getvalue()).decode("ascii")


def _approve(db: Database, requester: str, approver: str, conditions: str | None = None) -> str:
    now = dt.datetime.now(dt.UTC)
    with db.uow(write=True) as uow:
        request_id = create_draft(
            uow=uow, pack_id="wilmette-39", form_id="logo-use", requester_id=requester,
            values={"site": "https://facebook.com/lakeviewhs", "use": "the crest on event photos"},
            now=now,
        )  # fmt: skip
        submit(uow=uow, request_id=request_id, actor_id=requester, now=now)
        approval = approve(uow=uow, request_id=request_id, approver_id=approver, now=now,
                           conditions=conditions)  # fmt: skip
        uow.commit()
    assert approval is not None
    return approval


def test_the_logo_is_safe_with_the_checkers_approval_on_file_and_review_without(
    client: TestClient, district: District, db: Database
) -> None:
    handlers = seed_case_handlers(db, district)
    data = _photo_with_logo()
    sign_in(client, "ada")
    token = csrf_of(client, "/home")

    def logo_finding() -> dict:  # type: ignore[type-arg]
        body = {"to": "social", "photos": [{"name": "p.jpg", "data": data, "tags": []}]}
        response = client.post("/api/prepublish/check", json=body,
                               headers={"X-CSRF-Token": token})  # fmt: skip
        assert response.status_code == 200, response.text
        (photo,) = response.json()["photos"]
        assert photo["logo"] is not None
        (found,) = [f for f in photo["findings"] if "logo" in f["kind"]]
        return found  # type: ignore[no-any-return]

    none = logo_finding()
    assert none["verdict"] == "review" and none["kind"] == "district_logo"
    assert none["reason"].startswith("review: logo needs approval: the district's logo appears")
    assert (
        "no approval (Authorization to use the District's logos or other marks) is on file "
        "for you" in none["reason"]
    )
    assert (
        none["citation"]["clause"] == CLAUSE
        and "express written authorization" in (none["citation"]["quote"])
    )
    # someone else's approval is not the checker's
    _approve(db, district.teacher, handlers.superintendent)
    assert logo_finding()["kind"] == "district_logo"
    # the checker's own approval on file: safe, and it says which and for what
    mine = _approve(db, district.admin, handlers.superintendent)
    held = logo_finding()
    assert held["verdict"] == "safe" and held["kind"] == "logo_approval_on_file"
    assert "your approval is on file: Authorization to use the District's logos" in held["reason"]
    assert (
        "Website or account where the logo will appear: https://facebook.com/lakeviewhs"
        in (held["reason"])
    )
    assert held["citation"]["clause"] == CLAUSE
    # revoked, then expired: no longer on file
    with db.uow(write=True) as uow:
        uow.session.execute(update(ApprovalOnFile).where(ApprovalOnFile.id == mine)
                            .values(revoked=True))  # fmt: skip
        uow.commit()
    assert logo_finding()["kind"] == "district_logo"
    expired = _approve(db, district.admin, handlers.superintendent)
    with db.uow(write=True) as uow:
        past = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        uow.session.execute(update(ApprovalOnFile).where(ApprovalOnFile.id == expired)
                            .values(expires_at=past))  # fmt: skip
        uow.commit()
    assert logo_finding()["kind"] == "district_logo"
    # an approval with conditions: review, the conditions shown to confirm
    _approve(db, district.admin, handlers.superintendent, conditions="school events only")
    conditional = logo_finding()
    assert conditional["verdict"] == "review" and conditional["kind"] == "logo_approval_conditions"
    assert "conditions to confirm for this post: school events only" in conditional["reason"]
