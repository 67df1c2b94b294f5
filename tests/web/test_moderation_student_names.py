"""A comment naming a student from the directory with their grades is caught as
confidential student information on every intake path (webhook, polling, export import),
with the directory's names refreshed when a directory import changes them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.cli.main import cli
from lanyard.config import Settings
from lanyard.crypto import keyring_from_settings
from lanyard.db.session import Database
from lanyard.directory.service import import_oneroster
from lanyard.moderation import platform, polling
from lanyard.moderation.orm import Comment
from lanyard.moderation.webhooks import sign
from tests.integration.moderation.seed import NOW, Moderation, principal, seed_moderation
from tests.integration.moderation.test_platform_actions import add_account
from tests.support.platforms import PlatformServer, PlatformState, platform_server
from tests.web.conftest import make_settings

ROSTER = Path(__file__).resolve().parents[1] / "fixtures" / "oneroster" / "v1p1"
APP_SECRET = "meta-app-secret-for-tests"
TOKEN = "names-token"
GRADES = "Umber Stillwell in the back is failing this class lol"
UMBER = (
    "u-s-2999,,,true,s-110,student,ustillwell,,Umber,Stillwell,,209999,"
    "ustillwell@students.example.org,,,,09,,\n"
)


server = pytest.fixture(scope="module", name="server")(platform_server)


@pytest.fixture
def api(server: tuple[PlatformServer, str]) -> PlatformState:
    server[0].state = PlatformState(tokens={TOKEN: "valid"})
    return server[0].state


@pytest.fixture
def settings(sqlite_url: str, server: tuple[PlatformServer, str]) -> Settings:
    return make_settings(sqlite_url, meta_app_secret=APP_SECRET, x_api_url=f"{server[1]}/x")


@pytest.fixture
def mod(db: Database) -> Moderation:
    return seed_moderation(db)


@pytest.fixture
def client(app: FastAPI, mod: Moderation) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as c:
        yield c


def import_umber(db: Database, tmp_path: Path) -> None:
    """The district's OneRoster import that brings Umber Stillwell into the directory."""
    folder = tmp_path / "roster"
    shutil.copytree(ROSTER, folder)
    with (folder / "users.csv").open("a", encoding="utf-8") as users:
        users.write(UMBER)
    with db.uow(write=True) as uow:
        result = import_oneroster(uow=uow, path=folder, dry_run=False, now=NOW)
    assert result.people.added


def facebook_webhook(client: TestClient, account: str, comment_id: str, text: str) -> None:
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "104000000000001",
                    "time": 1696295700,
                    "changes": [
                        {
                            "field": "feed",
                            "value": {
                                "item": "comment",
                                "verb": "add",
                                "comment_id": comment_id,
                                "post_id": "104000000000001_300000000000001",
                                "parent_id": "104000000000001_300000000000001",
                                "from": {"id": "1000000000000077", "name": "Kay Commenter"},
                                "message": text,
                                "created_time": 1696295662,
                            },
                        }
                    ],
                }
            ],
        }
    ).encode()
    answer = client.post(
        f"/api/webhooks/facebook/{account}",
        content=body,
        headers={"X-Hub-Signature-256": sign(APP_SECRET, body), "Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["added"] == 1


def stored(db: Database, platform_comment_id: str) -> Comment:
    with db.uow() as uow:
        comment = uow.session.scalars(
            select(Comment).where(Comment.platform_comment_id == platform_comment_id)
        ).one()
        uow.session.expunge(comment)
    return comment


def confidential(comment: Comment) -> bool:
    return "confidential_information" in comment.flagged


def test_a_webhook_comment_with_a_students_grades_is_caught_once_the_directory_has_the_student(
    client: TestClient, db: Database, mod: Moderation, tmp_path: Path
) -> None:
    facebook_webhook(client, mod.north_page, "104000000000001_1", GRADES)
    before = stored(db, "104000000000001_1")
    # Nobody of that name in the directory yet: the name is just words.
    assert not confidential(before) and before.suggested_action == "keep"

    import_umber(db, tmp_path)
    facebook_webhook(client, mod.north_page, "104000000000001_2", GRADES)
    after = stored(db, "104000000000001_2")
    assert confidential(after)
    assert after.suggested_action == "remove"  # Wilmette 39: the pack removes it
    [category] = [c for c in after.classification["categories"] if c["flagged"]]
    assert "Umber Stillwell" in " ".join(category["evidence"])
    # the one comment that came before the import is left as it was decided
    assert not confidential(stored(db, "104000000000001_1"))


def test_an_export_imported_with_the_cli_catches_a_students_grades(
    db: Database, mod: Moderation, tmp_path: Path
) -> None:
    import_umber(db, tmp_path)
    export = tmp_path / "comments.csv"
    export.write_text(
        "id,text,created_at,author\n"
        f'c-1,"{GRADES}",2026-11-23T20:00:00Z,A Parent\n'
        'c-2,"Umber is failing",2026-11-23T20:01:00Z,A Parent\n'
        'c-3,"Go North! Great concert",2026-11-23T20:02:00Z,A Parent\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        ["moderate", "ingest", str(export), "--account", mod.north_page, "--platform", "csv"],
        env={"LANYARD_DATABASE_URL": db.url, "LANYARD_PACK": "wilmette-39"},
    )
    assert result.exit_code == 0, result.output
    assert "3 comment(s) added" in result.output
    assert confidential(stored(db, "c-1"))
    assert not confidential(stored(db, "c-3"))


def test_a_polled_reply_with_a_students_grades_is_caught(
    db: Database, mod: Moderation, api: PlatformState, settings: Settings, tmp_path: Path
) -> None:
    import_umber(db, tmp_path)
    keyring = keyring_from_settings(settings)
    account = add_account(db, mod, "x", "@NorthElem")
    with db.uow(write=True) as uow:
        platform.connect(
            uow=uow,
            keyring=keyring,
            principal=principal(db, mod.district.principal),
            account_id=account,
            token=TOKEN,
            platform_account_id="2244994945",
            poll=True,
            now=NOW,
        )
    at = (NOW - dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    api.x_mentions["2244994945"] = [
        {"id": "1800000000000000001", "text": f"@NorthElem {GRADES}", "created_at": at},
        {"id": "1800000000000000002", "text": "@NorthElem great concert", "created_at": at},
    ]
    [result] = polling.poll_due(
        db=db, keyring=keyring, settings=settings, pack_id="wilmette-39", now=NOW
    )
    assert (result.added, result.error) == (2, None)
    assert confidential(stored(db, "1800000000000000001"))
    assert not confidential(stored(db, "1800000000000000002"))
