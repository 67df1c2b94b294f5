"""The consents import on the web: a dry run with counts or the refusal (file, line,
column), then the confirmation with the same file; a file changed in between is 409."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from lanyard.db.session import Database
from lanyard.directory.orm import Person
from lanyard.prepub.orm import Consent
from tests.support.district import District
from tests.web.conftest import audit_events, csrf_of, sign_in

HEADER = "student_identifier,scope,decision,school_year,recorded_on,source\n"
SAM = HEADER + (
    "200101,social_media,opt_out,2027,2026-08-20,IC flag No Media\n"
    "200101,website,opt_in,2027,2026-08-20,Permission to Publish\n"
)
FINGERPRINT = re.compile(r'name="fingerprint" value="([0-9a-f]*)"')


def number_students(db: Database, district: District) -> None:
    with db.uow(write=True) as uow:
        for person, number in ((district.student, "200101"), (district.south_student, "300101")):
            uow.session.execute(update(Person).where(Person.id == person).values(identifier=number))
        uow.commit()


def _send(client: TestClient, token: str, text: str, fingerprint: str = "", name: str = "c.csv",  # type: ignore[no-untyped-def]
          mapping: str = ""):  # fmt: skip
    return client.post(
        "/prepub/consents/import",
        data={"csrf_token": token, "fingerprint": fingerprint, "mapping": mapping},
        files={"file": (name, text.encode(), "text/csv")},
    )


def _consents(db: Database) -> list[tuple[str, str]]:
    with db.uow() as uow:
        return [(c.scope, c.decision) for c in uow.session.scalars(select(Consent))]


def test_a_dry_run_writes_nothing_and_the_confirmation_imports_the_same_file(
    client: TestClient, district: District, db: Database
) -> None:
    number_students(db, district)
    sign_in(client, "paula")  # the building principal of North records consents there
    token = csrf_of(client, "/prepub/consents/import")
    dry = _send(client, token, SAM)
    assert dry.status_code == 200, dry.text
    assert "2 consents (lanyard) would be imported: 2 added, 0 changed, 0 unchanged" in dry.text
    assert _consents(db) == [] and not [
        e for e in audit_events(db) if e.event.startswith("consents")
    ]
    fingerprint = FINGERPRINT.search(dry.text).group(1)  # type: ignore[union-attr]
    changed = SAM.replace("opt_out", "opt_in")
    stale = _send(client, token, changed, fingerprint)
    assert stale.status_code == 409 and "not the file of the dry run" in stale.text
    assert _consents(db) == []
    done = _send(client, token, SAM, fingerprint)
    assert done.status_code == 200, done.text
    assert "Imported c.csv" in done.text and "2 added, 0 changed, 0 unchanged" in done.text
    assert sorted(_consents(db)) == [("social_media", "opt_out"), ("website", "opt_in")]
    imported = [e for e in audit_events(db) if e.event == "consents:imported"]
    assert len(imported) == 2 and all(e.actor_id == district.principal for e in imported)
    again = _send(client, token, SAM)
    assert "0 added, 0 changed, 2 unchanged" in again.text


def test_refusals_name_file_line_and_column_and_other_buildings_are_refused(
    client: TestClient, district: District, db: Database
) -> None:
    number_students(db, district)
    sign_in(client, "paula")
    token = csrf_of(client, "/prepub/consents/import")
    bad_year = SAM + "200101,newsletter,opt_in,27,,\n"
    refused = _send(client, token, bad_year, name="fall.csv")
    assert refused.status_code == 422
    assert "<strong>fall.csv</strong>, line 4, column <code>school_year</code>" in refused.text
    south = SAM + "300101,website,opt_out,2027,,\n"  # Sally is at South
    refused = _send(client, token, south, name="fall.csv")
    assert refused.status_code == 422
    assert (
        "line 4, column <code>student_identifier</code>: is not a student in your buildings"
        in refused.text
    )
    assert _consents(db) == []
    client.cookies.clear()
    sign_in(client, "ada")  # district-wide: any student
    token = csrf_of(client, "/prepub/consents/import")
    assert "3 consents (lanyard) would be imported" in _send(client, token, south).text


def test_every_refused_row_is_listed_up_to_a_hundred_and_nothing_is_written(
    client: TestClient, district: District, db: Database
) -> None:
    number_students(db, district)
    sign_in(client, "paula")
    token = csrf_of(client, "/prepub/consents/import")
    text = SAM + "200101,pictures,opt_out,2027,,\n" + "300101,website,opt_out,2027,,\n"
    text += "".join(f"200101,video,opt_out,19{n:02d},,\n" for n in range(40, 90))
    refused = _send(client, token, text, name="fall.csv")
    assert refused.status_code == 422
    assert "Refused, nothing would be written: 52 problems in fall.csv." in refused.text
    assert "line 4, column <code>scope</code>: &#39;pictures&#39; is not one of" in refused.text
    assert (
        "line 5, column <code>student_identifier</code>: is not a student in your buildings"
        in refused.text
    )
    assert "line 55, column <code>school_year</code>" in refused.text
    assert refused.text.count('class="import-refusal"') == 52
    many = text + "".join(f"200101,video,opt_out,18{n:02d},,\n" for n in range(0, 70))
    refused = _send(client, token, many, name="fall.csv")
    assert "122 problems in fall.csv" in refused.text
    assert refused.text.count('class="import-refusal"') == 100
    assert "and 22 more" in refused.text
    assert _consents(db) == []


def test_a_teacher_may_not_import(client: TestClient, district: District) -> None:
    sign_in(client, "tina")
    assert client.get("/prepub/consents/import").status_code == 403


POWERSCHOOL = (
    'Student_Number,LastFirst,Permission_to_Publish,Media_Opt_Out\n200101,"Student, Sam",Yes,Yes\n'
)
MAPPING = "# our PowerSchool fields\nPermission_to_Publish=all:permission\n\nMedia_Opt_Out=photo\n"


def test_a_sis_export_is_read_through_the_districts_column_mapping(
    client: TestClient, district: District, db: Database
) -> None:
    number_students(db, district)
    sign_in(client, "paula")
    token = csrf_of(client, "/prepub/consents/import")
    unmapped = _send(client, token, POWERSCHOOL, name="ps.csv")
    assert unmapped.status_code == 422
    assert "which fields are consents is the district&#39;s" in unmapped.text
    bad = _send(client, token, POWERSCHOOL, name="ps.csv", mapping="Media_Opt_Out=pictures")
    assert bad.status_code == 422 and "Column mapping, line 1: &#39;pictures&#39;" in bad.text
    dry = _send(client, token, POWERSCHOOL, name="ps.csv", mapping=MAPPING)
    assert dry.status_code == 200, dry.text
    assert "2 consents (powerschool) would be imported: 2 added" in dry.text
    assert "Permission_to_Publish=all:permission" in dry.text  # the box keeps the mapping
    fingerprint = FINGERPRINT.search(dry.text).group(1)  # type: ignore[union-attr]
    # the same file confirmed under another mapping is not what the dry run showed
    other = _send(client, token, POWERSCHOOL, fingerprint, "ps.csv", "Media_Opt_Out=video")
    assert other.status_code == 409 and "column mapping changed" in other.text
    assert _consents(db) == []
    # comments, blank lines and spacing are not the mapping: the same mapping confirms
    same = "Permission_to_Publish = all:permission\nMedia_Opt_Out=photo"
    done = _send(client, token, POWERSCHOOL, fingerprint, "ps.csv", same)
    assert done.status_code == 200, done.text
    assert sorted(_consents(db)) == [("all", "opt_in"), ("photo", "opt_out")]
