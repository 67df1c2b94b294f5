"""Import safety (issue 10, finding 8), with the real OneRoster fixtures: an export that
would deactivate most of the district is refused unless the count is typed; a deactivated
person is told so at sign-in; an import can be undone (button and ``lanyard import undo``)
within its window; an import never deactivates the administrator running it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Page, expect
from sqlalchemy import select

from lanyard.auth.orm import Account
from lanyard.cli.main import cli
from lanyard.db.session import Database
from lanyard.directory.orm import DirectoryImport, Person, RoleAssignment
from tests.support.district import PASSWORD, District, password_hash
from tests.web.conftest import audit_events, csrf_of, sign_in
from tests.web.test_browser import SHOTS, Site, browser, keyboard_sign_in, page, site  # noqa: F401
from tests.web.test_import_page import FIXTURE, zipped

KEEP = {"u-a-1900", "u-x-1950"}  # Charles Babbage (administrator), Katherine Johnson (aide)


def only(keep: set[str]) -> bytes:
    """The fixture export with every user but ``keep`` dropped (and the rows naming them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(FIXTURE.glob("*.csv")):
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
            header, body = rows[0], rows[1:]
            column = {"users.csv": "sourcedId", "demographics.csv": "sourcedId"}.get(
                path.name, "userSourcedId" if path.name == "enrollments.csv" else None
            )
            if column is not None:
                at = header.index(column)
                body = [r for r in body if r[at] in keep]
            if path.name == "users.csv":
                agents = header.index("agentSourcedIds")
                for r in body:
                    r[agents] = ",".join(a for a in r[agents].split(",") if a in keep)
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows([header, *body])
            archive.writestr(path.name, out.getvalue())
    return buffer.getvalue()


def preview(client: TestClient, data: bytes) -> str:
    response = client.post(
        "/import/preview",
        data={"csrf_token": csrf_of(client, "/import")},
        files={"package": ("export.zip", data, "application/zip")},
    )
    assert response.status_code == 200, response.text
    return response.text


def confirm(client: TestClient, html: str, typed: str | None = None) -> TestClient | object:
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token
    data = {"csrf_token": token.group(1)}
    if typed is not None:
        data["typed_count"] = typed
    return client.post("/import/confirm", data=data)


def give_account(db: Database, sourced_id: str, username: str, role: str | None = None) -> str:
    with db.uow(write=True) as uow:
        person = uow.session.scalar(select(Person).where(Person.sourced_id == sourced_id))
        assert person is not None
        uow.session.add(
            Account(person_id=person.id, username=username, password_hash=password_hash())
        )
        if role:
            uow.session.add(RoleAssignment(person_id=person.id, role=role))
        uow.commit()
        return person.id


def active(db: Database, sourced_id: str) -> bool:
    with db.uow() as uow:
        return bool(
            uow.session.scalar(select(Person.active).where(Person.sourced_id == sourced_id))
        )


def test_a_mass_deactivation_needs_the_typed_count_and_can_be_undone(
    client: TestClient, district: District, db: Database, app: FastAPI
) -> None:
    sign_in(client, "ada")
    assert "Imported" in confirm(client, preview(client, zipped(FIXTURE))).text  # type: ignore[attr-defined]
    give_account(db, "u-t-1815", "alovelace")

    shown = preview(client, only(KEEP))
    assert "This import would deactivate 5 of" in shown
    assert "type the number of people it deactivates" in shown
    refused = confirm(client, shown)  # the ordinary button, nothing typed
    assert refused.status_code == 422  # type: ignore[attr-defined]
    assert "confirm by typing the number 5" in refused.text  # type: ignore[attr-defined]
    assert active(db, "u-t-1815"), "a refused import writes nothing"

    wrong = confirm(client, preview(client, only(KEEP)), typed="4")
    assert wrong.status_code == 422 and active(db, "u-t-1815")  # type: ignore[attr-defined]

    done = confirm(client, preview(client, only(KEEP)), typed="5")
    assert done.status_code == 200 and "Undo this import" in done.text  # type: ignore[attr-defined]
    assert not active(db, "u-t-1815") and active(db, "u-a-1900")

    # the deactivated person is told so, not "did not match"
    with TestClient(app, follow_redirects=False) as ada_l:
        answer = ada_l.post(
            "/signin",
            data={"username": "alovelace", "password": PASSWORD, "csrf_token": csrf_of(ada_l)},
        )
        assert answer.status_code == 403
        assert "This account was deactivated on" in answer.text
        assert "ask your district&#39;s administrator" in answer.text
        # a wrong password learns nothing about the account
        wrong_pw = ada_l.post(
            "/signin",
            data={"username": "alovelace", "password": "nope", "csrf_token": csrf_of(ada_l)},
        )
        assert "did not match" in wrong_pw.text

    undo = re.search(r'action="(/import/[0-9a-f]+/undo)"', done.text)  # type: ignore[attr-defined]
    assert undo
    undone = client.post(undo.group(1), data={"csrf_token": csrf_of(client, "/import")})
    assert undone.status_code == 200 and "The import was undone" in undone.text
    assert active(db, "u-t-1815")
    assert audit_events(db)[-1].event == "directory:import_undone"
    with TestClient(app, follow_redirects=False) as ada_l:
        sign_in(ada_l, "alovelace")
    again = client.post(undo.group(1), data={"csrf_token": csrf_of(client, "/import")})
    assert again.status_code == 422 and "already undone" in again.text


def test_an_import_never_deactivates_the_administrator_running_it(
    client: TestClient, district: District, db: Database, app: FastAPI
) -> None:
    sign_in(client, "ada")
    confirm(client, preview(client, zipped(FIXTURE)))
    give_account(db, "u-a-1900", "cbabbage", role="lanyard_admin")
    with TestClient(app, follow_redirects=False) as charles:
        sign_in(charles, "cbabbage")
        shown = preview(charles, only({"u-x-1950"}))
        refused = confirm(charles, shown, typed="6")
        assert refused.status_code == 422  # type: ignore[attr-defined]
        assert "would deactivate your own account" in refused.text  # type: ignore[attr-defined]
    assert active(db, "u-a-1900") and active(db, "u-t-1815")


def test_lanyard_import_undo_restores_the_people_and_refuses_after_the_window(
    client: TestClient,
    district: District,
    db: Database,
    app: FastAPI,
) -> None:
    sign_in(client, "ada")
    confirm(client, preview(client, zipped(FIXTURE)))
    done = confirm(client, preview(client, only(KEEP)), typed="5")
    import_id = re.search(r"lanyard import undo ([0-9a-f]+)", done.text)  # type: ignore[attr-defined]
    assert import_id and not active(db, "u-s-2001")
    env = {"LANYARD_DATABASE_URL": app.state.services.settings.database_url}
    result = CliRunner().invoke(cli, ["import", "undo", import_id.group(1)], env=env)
    assert result.exit_code == 0, result.output
    assert "5 people reactivated" in result.output
    assert active(db, "u-s-2001") and active(db, "u-t-1815")

    # an import older than the window cannot be undone
    done = confirm(client, preview(client, only(KEEP)), typed="5")
    late = re.search(r"lanyard import undo ([0-9a-f]+)", done.text)  # type: ignore[attr-defined]
    assert late
    with db.uow(write=True) as uow:  # the import ran eight days ago
        run = uow.session.get(DirectoryImport, late.group(1))
        assert run is not None
        run.at = run.at - dt.timedelta(days=8)
        uow.commit()
    refused = client.post(f"/import/{late.group(1)}/undo", data={"csrf_token": csrf_of(client)})
    assert refused.status_code == 422 and "can be undone for 7 days only" in refused.text
    assert not active(db, "u-s-2001")


def test_in_the_browser_the_count_is_typed_and_the_import_undone(
    page: Page,  # noqa: F811
    site: Site,  # noqa: F811
    tmp_path: Path,
) -> None:
    full, part = tmp_path / "full.zip", tmp_path / "two-people.zip"
    full.write_bytes(zipped(FIXTURE))
    part.write_bytes(only(KEEP))
    keyboard_sign_in(page, site, "ada")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.get_by_label("OneRoster export (.zip)").set_input_files(str(full))
    page.get_by_role("button", name="Show what would change").click()
    # the people it adds are listed (they were only counted), with their names
    page.get_by_text("Added people (").click()
    expect(page.get_by_text("u-t-1815 Ada Lovelace (teacher)")).to_be_visible()
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()

    page.get_by_label("OneRoster export (.zip)").set_input_files(str(part))
    page.get_by_role("button", name="Show what would change").click()
    expect(page.get_by_role("alert")).to_contain_text("would deactivate 5 of")
    page.get_by_text("Deactivated people (5, by source id)").click()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "import-deactivated-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the table did
    # the whole table fits, its Deactivated column in view without scrolling it
    box = page.locator("table.diff").evaluate(
        "t => [t.parentElement.scrollWidth, t.parentElement.clientWidth]"
    )
    assert box[0] <= box[1], f"the table scrolls: {box}"
    page.set_viewport_size({"width": 1100, "height": 800})
    page.get_by_label("type the number of people it deactivates").fill("5")
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()
    page.get_by_role("button", name="Undo this import").click()
    expect(page.get_by_role("heading", name="The import was undone")).to_be_visible()
