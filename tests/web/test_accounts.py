"""The official-account registry over HTTP: register with the pack's checklist, refusals
that name the field and change nothing, who sees what, escrow, reveal with a reason."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile
from lanyard.notify.orm import Notification
from lanyard.official_accounts.domain import requirements
from lanyard.official_accounts.orm import EscrowedCredential, OfficialAccount
from lanyard.policy import load_pack
from tests.support.district import DOMAIN, District
from tests.web.conftest import audit_events, csrf_of, sign_in

# Every statement Wilmette's policy asks of a Facebook account, as the registration form lists them.
STATEMENTS = [s.id for s in requirements(load_pack("wilmette-39").document, "facebook").statements]


def _approval_of(db: Database, person_id: str) -> str:
    with db.uow() as uow:
        return uow.session.scalars(
            select(ApprovalOnFile.id).where(ApprovalOnFile.person_id == person_id)
        ).one()


def _form(district: District, db: Database, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "platform": "facebook",
        "handle": "@NorthEagles",
        "url": "https://facebook.com/NorthEagles",
        "purpose": "News and events of North Elementary for families.",
        "created_with_email": f"north.office@{DOMAIN}",
        "building_id": district.north,
        "managers": f"tina.teach@{DOMAIN}",
        "approval_on_file_id": _approval_of(db, district.teacher),
        "statements": STATEMENTS,
    }
    data.update(overrides)
    return data


def _register(client: TestClient, district: District, db: Database, **overrides: object) -> str:
    data = _form(district, db, **overrides)
    data["csrf_token"] = csrf_of(client, "/accounts/new")
    response = client.post("/accounts", data=data)
    assert response.status_code == 303, response.text
    match = re.match(r"/accounts/([0-9a-f]+)", response.headers["location"])
    assert match
    return match.group(1)


def _count(db: Database) -> int:
    with db.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(OfficialAccount)) or 0


def test_teacher_registers_an_account_and_sees_the_policy_checklist(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    page = client.get("/accounts/new")
    assert "not an open or limited open forum" in page.text
    assert "Section IV, Other Websites" in page.text  # the clause beside the statement
    account_id = _register(client, district, db)
    detail = client.get(f"/accounts/{account_id}")
    assert detail.status_code == 200
    assert "@NorthEagles" in detail.text and "Confirmed:" in detail.text
    assert "official_account:registered" in [e.event for e in audit_events(db)]
    with db.uow() as uow:  # the building's administration is told (Naperville: "inform")
        told = uow.session.scalars(
            select(Notification).where(Notification.person_id == district.principal)
        ).all()
        assert [n.link for n in told] == [f"/accounts/{account_id}"]
        assert "Eagles" not in told[0].subject
    listing = client.get("/accounts")
    assert "@NorthEagles" in listing.text and "Not escrowed" in listing.text


def test_bad_registration_names_each_field_and_saves_nothing(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    data = _form(
        district,
        db,
        url="facebook.com/x",
        created_with_email="tina@gmail.com",
        managers="nobody@example.org",
        statements=[],
        purpose="short",
    )
    data["csrf_token"] = csrf_of(client, "/accounts/new")
    before = len(audit_events(db))
    response = client.post("/accounts", data=data)
    assert response.status_code == 422
    text = response.text
    assert "Nothing was saved" in text
    assert "district e-mail address" in text
    assert "https://" in text
    assert "Not in the directory: nobody@example.org" in text
    assert "The policy requires these on the account" in text
    assert "purpose" in text
    assert _count(db) == 0
    assert len(audit_events(db)) == before


def test_students_posting_needs_an_adult_employee_manager(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    data = _form(district, db, managers=f"sam.student@{DOMAIN}", students_post="on")
    data["csrf_token"] = csrf_of(client, "/accounts/new")
    response = client.post("/accounts", data=data)
    assert response.status_code == 422
    assert "at least one manager must be an adult employee" in response.text
    assert _count(db) == 0


def test_another_building_teacher_gets_the_same_403_as_for_a_missing_account(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    account_id = _register(client, district, db)
    client.post("/signout", data={"csrf_token": csrf_of(client, "/home")})
    sign_in(client, "steve")
    assert client.get(f"/accounts/{account_id}").status_code == 403
    assert client.get("/accounts/0123456789abcdef0123456789abcdef").status_code == 403
    assert "@NorthEagles" not in client.get("/accounts").text
    assert client.get("/api/accounts").json() == {"accounts": []}


def test_owner_escrows_marks_changed_and_is_asked_to_re_escrow(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    account_id = _register(client, district, db)
    token = csrf_of(client, f"/accounts/{account_id}")
    home = client.get("/home")
    assert "Escrow the credentials of Facebook @NorthEagles" in home.text
    bad = client.post(
        f"/accounts/{account_id}/escrow",
        data={"login": "north.office", "secret": "pw-1", "confirm": "pw-2", "csrf_token": token},
    )
    assert bad.status_code == 422 and "The two passwords differ" in bad.text
    with db.uow() as uow:
        assert uow.session.get(EscrowedCredential, account_id) is None
    ok = client.post(
        f"/accounts/{account_id}/escrow",
        data={
            "login": "north.office",
            "secret": "S3cret!pw",
            "confirm": "S3cret!pw",
            "csrf_token": token,
        },
    )
    assert ok.status_code == 200 and "escrowed, encrypted" in ok.text
    assert "Escrow the credentials" not in client.get("/home").text
    client.post(f"/accounts/{account_id}/password-changed", data={"csrf_token": token})
    assert "Re-escrow the new password of Facebook @NorthEagles" in client.get("/home").text
    assert "Out of date" in client.get("/accounts").text
    listed = client.get("/api/accounts").json()["accounts"]
    assert [(a["handle"], a["escrow"]) for a in listed] == [("@NorthEagles", "stale")]
    assert "S3cret" not in str(listed)
    assert "/api/accounts" in client.get("/api/openapi.json").json()["paths"]
    client.post(
        f"/accounts/{account_id}/escrow",
        data={
            "login": "north.office",
            "secret": "N3w!pw",
            "confirm": "N3w!pw",
            "csrf_token": token,
        },
    )
    assert "Re-escrow" not in client.get("/home").text
    events = [e.event for e in audit_events(db)]
    assert events.count("escrow:deposited") == 2 and "escrow:marked_stale" in events


def test_owner_may_not_reveal_but_the_building_principal_may_with_a_reason(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    account_id = _register(client, district, db)
    token = csrf_of(client, f"/accounts/{account_id}")
    client.post(
        f"/accounts/{account_id}/escrow",
        data={
            "login": "north.office",
            "secret": "S3cret!pw",
            "confirm": "S3cret!pw",
            "csrf_token": token,
        },
    )
    denied = client.post(
        f"/accounts/{account_id}/reveal",
        data={"reason": "I forgot the password, please", "csrf_token": token},
    )
    assert denied.status_code == 403 and "S3cret!pw" not in denied.text
    client.post("/signout", data={"csrf_token": token})
    sign_in(client, "paula")
    token = csrf_of(client, f"/accounts/{account_id}")
    short = client.post(
        f"/accounts/{account_id}/reveal", data={"reason": "need", "csrf_token": token}
    )
    assert short.status_code == 422 and "S3cret!pw" not in short.text
    assert "State why you need the credential" in short.text
    assert "escrow:revealed" not in [e.event for e in audit_events(db)]
    shown = client.post(
        f"/accounts/{account_id}/reveal",
        data={"reason": "Teacher is on leave; posting the closure notice", "csrf_token": token},
    )
    assert shown.status_code == 200
    assert "S3cret!pw" in shown.text
    assert shown.headers["cache-control"] == "no-store"
    revealed = [e for e in audit_events(db) if e.event == "escrow:revealed"]
    assert len(revealed) == 1
    assert revealed[0].actor_id == district.principal
    assert revealed[0].after is not None
    assert revealed[0].after["reason"] == "Teacher is on leave; posting the closure notice"
    assert "S3cret!pw" not in str(revealed[0].after)
    assert "S3cret!pw" not in client.get(f"/accounts/{account_id}").text
    with db.uow() as uow:  # the owner learns of the reveal, without the secret
        told = uow.session.scalars(
            select(Notification).where(
                Notification.person_id == district.teacher, Notification.kind == "escrow_revealed"
            )
        ).all()
        assert len(told) == 1 and "S3cret" not in told[0].body + told[0].subject


def test_last_adult_manager_cannot_be_removed_while_students_post(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    account_id = _register(
        client,
        district,
        db,
        managers=f"tina.teach@{DOMAIN}, sam.student@{DOMAIN}",
        students_post="on",
    )
    token = csrf_of(client, f"/accounts/{account_id}")
    response = client.post(
        f"/accounts/{account_id}/managers/{district.teacher}/remove", data={"csrf_token": token}
    )
    assert response.status_code == 422
    assert "Cannot remove this manager" in response.text
    with db.uow() as uow:
        account = uow.session.get(OfficialAccount, account_id)
        assert account is not None and len(account.managers) == 2


def test_manager_added_by_email_then_edit_and_deactivate(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "tina")
    account_id = _register(client, district, db)
    token = csrf_of(client, f"/accounts/{account_id}")
    missing = client.post(
        f"/accounts/{account_id}/managers", data={"email": "ghost@example.org", "csrf_token": token}
    )
    assert missing.status_code == 422 and "No active person" in missing.text
    added = client.post(
        f"/accounts/{account_id}/managers",
        data={"email": f"steve.south@{DOMAIN}", "csrf_token": token},
    )
    assert added.status_code == 200 and "Steve South" in added.text
    edit = client.get(f"/accounts/{account_id}/edit")
    assert edit.status_code == 200 and "@NorthEagles" in edit.text
    data = _form(district, db, purpose="x")
    data["csrf_token"] = token
    refused = client.post(f"/accounts/{account_id}/edit", data=data)
    assert refused.status_code == 422 and "Nothing was saved" in refused.text
    data["purpose"] = "Family news, events and closures for North Elementary."
    saved = client.post(f"/accounts/{account_id}/edit", data=data)
    assert saved.status_code == 303
    assert "closures for North" in client.get(f"/accounts/{account_id}").text
    retired = client.post(
        f"/accounts/{account_id}/deactivate",
        data={"reason": "Merged into the district page", "csrf_token": token},
    )
    assert retired.status_code == 200 and "deactivated" in retired.text
    events = [e.event for e in audit_events(db)]
    for event in ("manager_added", "updated", "deactivated"):
        assert f"official_account:{event}" in events


def test_in_process_runner_runs_jobs_while_the_app_serves(
    app: object, district: District, db: Database
) -> None:
    import datetime as dt
    import time

    from fastapi import FastAPI

    from lanyard.directory.orm import Building
    from lanyard.jobs.registry import PERIODIC, periodic

    assert isinstance(app, FastAPI)
    app.state.services.settings.jobs_tick_seconds = 1

    @periodic("test.web_touch", every=dt.timedelta(hours=1))
    def touch(*, services: object, now: dt.datetime) -> int:
        with db.uow() as uow:
            uow.session.add(Building(name="made while serving"))
            uow.commit()
        return 1

    def made() -> int:
        with db.uow() as uow:
            return len(
                list(
                    uow.session.scalars(
                        select(Building).where(Building.name == "made while serving")
                    )
                )
            )

    try:
        with TestClient(app):
            deadline = time.monotonic() + 8
            while not made() and time.monotonic() < deadline:
                time.sleep(0.1)
        assert made() == 1
        assert app.state.job_runner.rounds >= 1
    finally:
        PERIODIC.pop("test.web_touch", None)
