"""Records exports on the web: the records officer asks for one, it is built in the
background with its progress kept, the requester is told by e-mail with a link, and the
download (theirs alone) is audited and verifies offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.audit.keys import write_signing_key
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.jobs.runner import run_one
from lanyard.notify.orm import Notification
from lanyard.records.orm import RecordsExport
from lanyard.records.package import verify_package
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, make_settings, sign_in


@pytest.fixture
def settings(sqlite_url: str, tmp_path: Path) -> Settings:
    write_signing_key(tmp_path / "signing.pem")
    (tmp_path / "exports").mkdir()
    return make_settings(
        sqlite_url,
        pack="press-5-125",
        audit_signing_key_file=tmp_path / "signing.pem",
        records_export_dir=tmp_path / "exports",
        jobs_runner="none",  # the test runs the sweep itself
    )


def _sign_out(client: TestClient) -> None:
    client.post("/signout", data={"csrf_token": csrf_of(client, "/")})


def test_an_export_asked_for_on_the_web_is_built_mailed_and_downloaded_by_its_requester(
    client: TestClient, db: Database, district: District, tmp_path: Path
) -> None:
    sign_in(client, "tina")
    assert client.get("/records/exports").status_code == 403
    _sign_out(client)

    sign_in(client, "ada")
    token = csrf_of(client, "/records/exports")
    today = dt.date.today()
    form = {
        "people": "tina.teach@example.org",
        "since": (today - dt.timedelta(days=30)).isoformat(),
        "until": today.isoformat(),
        "csrf_token": token,
    }
    refused = client.post("/records/exports", data=form)
    assert refused.status_code == 422 and "choose at least one" in refused.text
    unknown = client.post(
        "/records/exports", data={**form, "people": "nobody@example.org", "types": "audit"}
    )
    assert (
        unknown.status_code == 422
        and "people: no person &#39;nobody@example.org&#39;" in unknown.text
    )
    asked = client.post(
        "/records/exports",
        data={**form, "types": ["cases", "audit"], "redact": "1"},
        follow_redirects=True,
    )
    assert "Export started" in asked.text and "Waiting to start" in asked.text

    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)
    outcome = run_one(client.app.state.services, "records.exports", later, force=True)  # type: ignore[attr-defined]
    assert outcome.handled == 1 and not outcome.failed
    page = client.get("/records/exports")
    assert "Done:" in page.text and "(students redacted)" in page.text
    with db.uow() as uow:
        row = uow.session.scalars(select(RecordsExport)).one()
        mail = uow.session.scalars(
            select(Notification).where(Notification.kind == "records_export")
        ).one()
        export_id = row.id
        assert row.status == "done" and row.total_records == row.done_records
        assert mail.subject == "Your records export is ready"
        assert mail.link == f"/records/exports#export-{export_id}"

    link = f"/records/exports/{export_id}/download"
    got = client.get(link)
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    package = tmp_path / "downloaded.zip"
    package.write_bytes(got.content)
    assert verify_package(package).intact
    downloads = [e for e in audit_events(db) if e.event == "records_export:downloaded"]
    assert len(downloads) == 1 and downloads[0].after == {"export": export_id}
    _sign_out(client)

    sign_in(client, "paula")  # not the requester (and no records officer)
    assert client.get(link).status_code == 403


def test_an_export_expires_after_its_days_the_package_removed_and_the_download_gone(
    client: TestClient, db: Database, district: District, settings: Settings
) -> None:
    sign_in(client, "ada")
    today = dt.date.today()
    client.post(
        "/records/exports",
        data={
            "since": (today - dt.timedelta(days=30)).isoformat(),
            "until": today.isoformat(),
            "types": "audit",
            "csrf_token": csrf_of(client, "/records/exports"),
        },
    )
    services = client.app.state.services  # type: ignore[attr-defined]
    built = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)
    assert run_one(services, "records.exports", built, force=True).handled == 1
    with db.uow() as uow:
        row = uow.session.scalars(select(RecordsExport)).one()
        export_id, package = row.id, settings.records_export_dir / str(row.file_name)  # type: ignore[operator]
        body = uow.session.scalars(
            select(Notification.body).where(Notification.kind == "records_export")
        ).one()
    assert package.is_file()
    until = (built + dt.timedelta(days=14)).strftime("%B %-d, %Y")
    assert f"until {until}" in body
    page = client.get("/records/exports")
    assert f"until {until}" in page.text and "for 14 days" in page.text

    # the daily job a day before the end leaves it; after the 14 days it removes it
    assert (
        run_one(services, "records.dispose", built + dt.timedelta(days=13), force=True).handled == 0
    )
    assert package.is_file()
    later = built + dt.timedelta(days=14, hours=1)
    outcome = run_one(services, "records.dispose", later, force=True)
    assert outcome.handled == 1 and not outcome.failed
    assert not package.exists()
    expired = [e for e in audit_events(db) if e.event == "records_export:expired"]
    assert len(expired) == 1
    assert expired[0].after == {"export": export_id, "kept_days": 14, "package_removed": True}
    assert run_one(services, "records.dispose", later, force=True).handled == 0  # once only

    page = client.get("/records/exports")
    assert "Expired on" in page.text and "/download" not in page.text
    gone = client.get(f"/records/exports/{export_id}/download")
    assert gone.status_code == 410
    assert "This records export has expired" in gone.text
    assert "kept for 14 days" in gone.text
    assert not [e for e in audit_events(db) if e.event == "records_export:downloaded"]
    _sign_out(client)
    sign_in(client, "paula")  # anyone else: the same 403 as ever
    assert client.get(f"/records/exports/{export_id}/download").status_code == 403


def test_the_export_form_names_the_record_types_in_words(
    client: TestClient, db: Database, district: District
) -> None:
    sign_in(client, "ada")
    page = client.get("/records/exports").text
    for label in ("Requests and approvals", "Relationship disclosures", "Audit log"):
        assert f"> {label}</label>" in page
    assert "> requests</label>" not in page and "> audit</label>" not in page


def test_the_days_of_an_export_are_the_districts_days(
    db: Database, district: District, settings: Settings
) -> None:
    """A records officer in Chicago asking for December 1-2 means Chicago's days, not UTC's
    (the audit said "Since: Nov 30 18:00 CST")."""
    from lanyard.web.app import create_app

    app = create_app(settings.model_copy(update={"time_zone": "America/Chicago"}))
    with TestClient(app, follow_redirects=False) as client:
        sign_in(client, "ada")
        asked = client.post(
            "/records/exports",
            data={
                "people": "tina.teach@example.org",
                "since": "2026-12-01",
                "until": "2026-12-02",
                "types": "audit",
                "csrf_token": csrf_of(client, "/records/exports"),
            },
        )
        assert asked.status_code == 303, asked.text
    app.state.services.db.engine.dispose()
    with db.uow() as uow:
        row = uow.session.scalars(select(RecordsExport)).one()
        assert (row.since, row.until) == (
            dt.datetime(2026, 12, 1, 6, tzinfo=dt.UTC),  # midnight CST
            dt.datetime(2026, 12, 3, 6, tzinfo=dt.UTC),
        )
