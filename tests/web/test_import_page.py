"""The import page: upload a OneRoster zip, see the dry-run diff, confirm; a bad file is
refused naming file, row and column, and nothing is written."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from lanyard.db.session import Database
from lanyard.directory.orm import Person
from tests.support.district import District
from tests.web.conftest import csrf_of, sign_in

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "oneroster" / "v1p1"


def zipped(folder: Path, replace: tuple[str, str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.glob("*.csv")):
            text = path.read_text(encoding="utf-8")
            if replace and path.name == replace[0]:
                text = text.replace(replace[1], replace[2], 1)
            archive.writestr(path.name, text)
    return buffer.getvalue()


def people(db: Database) -> int:
    with db.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Person)) or 0)


def upload(client: TestClient, data: bytes) -> str:
    token = csrf_of(client, "/import")
    response = client.post(
        "/import/preview",
        data={"csrf_token": token},
        files={"package": ("export.zip", data, "application/zip")},
    )
    return f"{response.status_code}\n{response.text}"


def test_preview_then_confirm(client: TestClient, district: District, db: Database) -> None:
    sign_in(client, "ada")
    before = people(db)
    page = upload(client, zipped(FIXTURE))
    assert page.startswith("200")
    assert "What would change" in page
    assert people(db) == before, "a dry run writes nothing"
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    done = client.post("/import/confirm", data={"csrf_token": token.group(1)})
    assert done.status_code == 200
    assert "Imported" in done.text and "audit entry" in done.text
    assert people(db) > before
    again = upload(client, zipped(FIXTURE))
    assert "Nothing to change" in again


def test_bad_file_is_refused_with_row_and_column(
    client: TestClient, district: District, db: Database
) -> None:
    sign_in(client, "ada")
    before = people(db)
    bad = zipped(FIXTURE, ("users.csv", ",teacher,", ",wizard,"))
    page = upload(client, bad)
    assert page.startswith("422")
    assert re.search(r"users.csv, row \d+, column role", page)
    assert people(db) == before


def test_teacher_cannot_import(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    assert client.get("/import").status_code == 403


def test_api_import_dry_run(client: TestClient, district: District, db: Database) -> None:
    sign_in(client, "ada")
    token = csrf_of(client, "/import")
    response = client.post(
        "/api/imports/oneroster",
        files={"package": ("export.zip", zipped(FIXTURE), "application/zip")},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dry_run"] is True and body["people"]["counts"]["added"] > 0


def test_a_zip_bomb_is_refused_naming_the_file_and_nothing_is_written(
    client: TestClient, district: District, db: Database
) -> None:
    """Issue 10, finding 4: a few hundred KiB that expand to 60 MiB."""
    sign_in(client, "ada")
    before = people(db)
    header = (FIXTURE / "users.csv").read_text(encoding="utf-8").splitlines()[0]
    row = "u-x,,,true,s-110,teacher,x,,X,Y,,,x@example.org,,,,,,\n"
    bomb = header + "\n" + row * (60 * 1024 * 1024 // len(row))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(FIXTURE.glob("*.csv")):
            archive.writestr(path.name, bomb if path.name == "users.csv" else path.read_text())
    assert len(buffer.getvalue()) < 1024 * 1024
    page = upload(client, buffer.getvalue())
    assert page.startswith("422"), page[:200]
    assert "users.csv in " in page and "zip bomb" in page
    assert people(db) == before


def test_sample_export_from_the_import_page_previews_on_the_demo_district(
    client: TestClient, db: Database
) -> None:
    """The first ten minutes: the Import page links a sample export; uploaded to the demo
    district it previews as next term's changes (two hires, one name changed)."""
    import datetime as dt

    from lanyard.directory.demo import DEMO_PASSWORD, seed_demo

    seed_demo(db=db, pack_id="wilmette-39", now=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    sign_in(client, "hhollowell", DEMO_PASSWORD)
    page = client.get("/import").text
    link = re.search(r'href="(/import/sample[^"]*\.zip)"', page)
    assert link, "the Import page offers a sample export"
    sample = client.get(link.group(1))
    assert sample.status_code == 200
    assert sample.headers["content-type"] == "application/zip"
    assert "attachment" in sample.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(sample.content)).namelist()
    assert {"manifest.csv", "orgs.csv", "users.csv", "enrollments.csv"} <= set(names)

    before = people(db)
    preview = upload(client, sample.content)
    assert preview.startswith("200"), preview[:400]
    assert "What would change" in preview
    counts = re.search(
        r"People</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>", preview.replace("\n", "")
    )
    assert counts and counts.groups() == ("2", "1", "0")
    assert people(db) == before
    # the two hires are listed as the changed teacher is, by source id with their names
    # (they were counted, not listed)
    flat = re.sub(r"\s+", " ", preview)
    assert "Added people (2, by source id)" in flat
    assert "<code>u-lake-t90</code> Kestrel Ashdown (teacher)" in flat
    assert "<code>u-lake-t91</code> Linden Corrow (teacher)" in flat
    assert "Changed people (1, by source id)" in flat
    assert "<code>u-maple-t03</code>" in flat and "Westerly (teacher): family_name" in flat


def test_a_long_list_of_hires_shows_the_first_twenty_and_counts_the_rest(
    client: TestClient, district: District
) -> None:
    header, *rows = (FIXTURE / "users.csv").read_text(encoding="utf-8").splitlines()
    hires = [
        f"u-new-{n:03},,,true,s-110,teacher,hire{n:03},,Hire,Number{n:03},,N{n:03},"
        f"hire{n:03}@example.org,,,,,,nk-h{n}"
        for n in range(30)
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(FIXTURE.glob("*.csv")):
            text = path.read_text(encoding="utf-8")
            if path.name == "users.csv":
                text = "\n".join([header, *rows, *hires]) + "\n"
            archive.writestr(path.name, text)
    sign_in(client, "ada")
    preview = re.sub(r"\s+", " ", upload(client, buffer.getvalue()))
    added = re.search(r"Added people \(first 20 of (\d+), by source id\)", preview)
    assert added, "the added people are listed, capped"
    more = int(added.group(1)) - 20
    assert f"… and {more} more</li>" in preview
    assert "<code>u-new-000</code> Hire Number000 (teacher)" in preview


def test_the_sample_export_is_for_importers_only(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    assert client.get("/import/sample-oneroster.zip").status_code == 403
