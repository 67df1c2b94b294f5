"""Every role of every pack's demo district can do the jobs its pack gives it (issue 10,
finding 7): sign in as each holder and open the page of each capability the pack's role
declares. Fails where a permission check goes by role id instead of by capability."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.db.session import Database
from lanyard.directory.demo import DEMO_PASSWORD, DemoOutcome, seed_demo
from lanyard.directory.orm import Building, Person
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.policy import builtin_pack_ids, load_pack
from lanyard.web.app import create_app
from tests.web.conftest import make_settings, sign_in

NOW = dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC)


def _seed(template: Path, tmp: Path, pack: str) -> tuple[str, DemoOutcome, dict[str, str]]:
    path = tmp / f"{pack}.sqlite3"
    shutil.copy(template, path)
    url = f"sqlite:///{path}"
    db = Database(url)
    outcome = seed_demo(db=db, pack_id=pack, now=NOW, district_domains=())
    with db.uow(write=True) as uow:
        s = uow.session
        lake = s.scalar(select(Building).where(Building.sourced_id == "b-lake"))
        teacher = s.scalar(select(Person).where(Person.sourced_id == "u-lake-t02"))
        assert lake is not None and teacher is not None
        account = OfficialAccount(
            pack_id=pack,
            platform="instagram",
            handle="@lakeview.robotics",
            url="https://www.instagram.com/lakeview.robotics",
            purpose="Robotics team news",
            building_id=lake.id,
            owner_id=teacher.id,
            created_with_email="robotics@demo-district.example.org",
            created_at=NOW,
        )
        s.add(account)
        s.flush()
        ids = {"teacher": teacher.id, "account": account.id}
        uow.commit()
    db.engine.dispose()
    return url, outcome, ids


# The page on which each capability is exercised (the duty's page).
def _pages(ids: dict[str, str]) -> dict[str, str]:
    return {
        "import_directory": "/import",
        "read_audit": "/audit",
        "moderate": "/moderation",
        "read_directory": f"/people/{ids['teacher']}",  # a Lakeview teacher
        "manage_accounts": f"/accounts/{ids['account']}",  # a Lakeview account
        "manage_roles": "/roles",
        "review_messages": "/messages/review",
    }


def _holders(outcome: DemoOutcome) -> dict[str, str]:
    """role id -> the username of a holder (Lakeview's principal for building roles)."""
    out: dict[str, str] = {}
    for role, holders in outcome.roles.items():
        lake = [h for h in holders if "Lakeview" in h]
        out[role] = (lake or holders)[0].split(" ")[0]
    return out


@pytest.fixture
def client_for(tmp_path: Path) -> Iterator[object]:
    apps: list[object] = []

    def make(url: str, pack: str) -> TestClient:
        app = create_app(make_settings(url, pack=pack, district_domains=()))
        apps.append(app)
        return TestClient(app, base_url="http://testserver", follow_redirects=False)

    yield make
    for app in apps:
        app.state.services.db.engine.dispose()  # type: ignore[attr-defined]


@pytest.mark.parametrize("pack", builtin_pack_ids())
def test_every_role_opens_the_pages_of_its_capabilities(
    pack: str, migrated_template: Path, tmp_path: Path, client_for: object
) -> None:
    url, outcome, ids = _seed(migrated_template, tmp_path, pack)
    pages = _pages(ids)
    holders = _holders(outcome)
    checked = 0
    with client_for(url, pack) as client:  # type: ignore[operator]
        for role in load_pack(pack).document.roles:
            username = holders[role.id]
            client.cookies.clear()  # a fresh sign-in for each holder, on the same app
            sign_in(client, username, DEMO_PASSWORD)
            for capability in role.capabilities:
                if capability not in pages:
                    continue  # reveal_credentials: exercised with a credential in test_escrow
                page = client.get(pages[capability])
                assert page.status_code == 200, (
                    f"{pack}: {role.name} ({username}) may {capability} but "
                    f"{pages[capability]} answered {page.status_code}"
                )
                checked += 1
    assert checked > 0


def test_the_demo_director_of_technology_and_communications_director_do_their_jobs(
    migrated_template: Path, tmp_path: Path, client_for: object
) -> None:
    """The default pack (Wilmette 39): the demo's director of technology (the pack's
    Technology Administrator) imports, reads the audit log and sees every official account;
    the communications director (the pack's Complaint Manager) moderates and manages
    accounts; a teacher does none of it."""
    url, outcome, ids = _seed(migrated_template, tmp_path, "wilmette-39")
    labels = dict(outcome.accounts)
    tech = next(u for u, label in labels.items() if label.startswith("director of technology"))
    comms = next(u for u, label in labels.items() if label.startswith("communications"))
    teacher = next(u for u, label in labels.items() if label.startswith("teacher"))
    assert labels[tech] == "director of technology"  # one label per demo person everywhere
    pages = _pages(ids)
    expected = {
        tech: {"/import": 200, "/audit": 200, pages["manage_accounts"]: 200},
        comms: {"/moderation": 200, pages["manage_accounts"]: 200, "/import": 403},
        teacher: {"/import": 403, "/audit": 403, "/moderation": 403},
    }
    for username, answers in expected.items():
        with client_for(url, "wilmette-39") as client:  # type: ignore[operator]
            sign_in(client, username, DEMO_PASSWORD)
            got = {path: client.get(path).status_code for path in answers}
            assert got == answers, username
