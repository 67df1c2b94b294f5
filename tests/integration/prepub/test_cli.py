"""``lanyard consents import``, ``lanyard prepub check`` and ``lanyard prepub bcc`` as a
district's communications office runs them, on both databases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from sqlalchemy import func, select

from lanyard.audit.orm import AuditEntry
from lanyard.cli.main import cli
from lanyard.db.session import Database
from lanyard.directory.orm import Person
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.prepub.orm import Consent
from lanyard.prepub.photos import detect_faces
from tests.support.outlook import TO_PARENTS, outlook_message

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PREPUB = FIXTURES / "prepub"
ON = "2026-12-01"  # school year 2027, the year of most rows in consents.csv


@pytest.fixture
def run(database: Database, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    monkeypatch.setenv("LANYARD_PACK", "chsd-230")
    monkeypatch.setenv("LANYARD_DISTRICT_DOMAINS", "example.org,students.example.org")

    def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(args), input=stdin)
        return result.exit_code, result.output

    code, out = invoke("import", "oneroster", str(FIXTURES / "oneroster" / "v1p1"))
    assert code == 0, out
    return invoke


def _check(run, text: str, to: str, *extra: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def,type-arg]
    code, out = run("prepub", "check", "--text", "-", "--to", to, "--on", ON, "--json", *extra,
                    stdin=text)  # fmt: skip
    assert code in (0, 3), out
    return code, json.loads(out)


def test_consents_import_is_audited_per_change_and_idempotent(run, database: Database) -> None:  # type: ignore[no-untyped-def]
    code, out = run("consents", "import", str(PREPUB / "consents.csv"))
    assert code == 0, out
    assert "5 consents in consents.csv (lanyard): 5 added, 0 changed, 0 unchanged" in out
    code, out = run("consents", "import", str(PREPUB / "consents.csv"))
    assert "0 added, 0 changed, 5 unchanged" in out
    with database.uow() as uow:
        entries = uow.session.execute(
            select(AuditEntry.subject_type, AuditEntry.after).where(
                AuditEntry.event == "consents:imported"
            )
        ).all()
    assert len(entries) == 5
    assert {e.after["scope"] for e in entries} == {"social_media", "website", "newsletter",
                                                   "directory_all"}  # fmt: skip
    # the student by Lanyard id, never by name
    assert all(e.subject_type == "person" and "Hopper" not in json.dumps(e.after) for e in entries)


def test_a_bad_consents_file_is_refused_whole_naming_file_line_and_field(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("consents", "import", str(PREPUB / "consents_bad_year.csv"))
    assert code == 1
    assert "refused, nothing was written: consents_bad_year.csv, line 3, field 'school_year'" in out
    # line 2 was good, but nothing was written: Grace has no release on file
    code, result = _check(run, "Congratulations to Grace Hopper!", "website")
    assert code == 3
    assert [f["kind"] for f in result["findings"]] == ["no_consent_on_file"]
    assert result["verdict"] == "review"


def test_a_consent_for_a_student_not_in_the_directory_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "consents.csv"
    path.write_text("student_identifier,scope,decision,school_year\n999999,video,opt_out,2027\n")
    code, out = run("consents", "import", str(path))
    assert code == 1
    assert "consents.csv, line 2, field 'student_identifier': is not a student" in out


def test_every_refused_row_is_listed_at_once_and_nothing_is_written(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, database: Database
) -> None:
    path = tmp_path / "fall.csv"
    path.write_text(
        "student_sourced_id,scope,decision,school_year\n"
        "u-s-2001,website,opt_in,2027\n"  # good
        "u-s-2002,pictures,opt_out,2027\n"  # no such scope
        "u-s-9999,video,opt_out,2027\n"  # not in the directory
        "u-s-2002,video,maybe,27\n"  # two bad fields
    )
    code, out = run("consents", "import", str(path))
    assert code == 1
    assert "refused, nothing was written: 4 problems in fall.csv:" in out
    for line, field in ((3, "scope"), (4, "student_sourced_id"), (5, "decision"),
                        (5, "school_year")):  # fmt: skip
        assert f"fall.csv, line {line}, field {field!r}:" in out
    assert "line 4, field 'student_sourced_id': is not a student in the directory" in out
    with database.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Consent)) == 0


def test_the_districts_mapping_is_read_from_a_map_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mapping = tmp_path / "mapping.txt"
    mapping.write_text("# PowerSchool fields\nPermission_to_Publish=all:permission\n\n")
    export = PREPUB / "sis" / "powerschool_permissions.csv"
    code, out = run("consents", "import", str(export), "--map-file", str(mapping),
                    "--map", "Media_Opt_Out=photo")  # fmt: skip
    assert code == 0, out
    assert "4 consents in powerschool_permissions.csv (powerschool): 4 added" in out
    mapping.write_text("Permission_to_Publish=pictures\n")
    code, out = run("consents", "import", str(export), "--map-file", str(mapping))
    assert code == 2 and "mapping.txt, line 1: 'pictures' is not one of" in out


def test_a_student_opted_out_for_the_use_makes_the_post_unsafe_with_the_clause(run) -> None:  # type: ignore[no-untyped-def]
    run("consents", "import", str(PREPUB / "consents.csv"))
    text = "Congratulations to Grace Hopper, our science fair winner!"
    code, social = _check(run, text, "social")
    assert code == 3 and social["verdict"] == "unsafe"
    (finding,) = social["findings"]
    assert finding["kind"] == "opted_out" and "social media" in finding["reason"]
    assert finding["citation"]["rule"] == "no-opted-out-student-photos"
    assert finding["citation"]["quote"]
    # the same family gave a release for the website
    code, website = _check(run, text, "website")
    assert code == 0 and website["verdict"] == "safe"
    # Alan's family opted out of all directory information: every use
    code, newsletter = _check(run, "Alan Turing read the morning announcements.", "newsletter")
    assert newsletter["verdict"] == "unsafe"


def test_a_post_for_an_official_account_is_checked_for_that_account(
    run, database: Database
) -> None:  # type: ignore[no-untyped-def]
    run("consents", "import", str(PREPUB / "consents.csv"))
    with database.uow(write=True) as uow:
        owner = uow.session.scalars(select(Person).where(Person.kind == "staff")).first()
        assert owner is not None
        uow.session.add(
            OfficialAccount(
                pack_id="chsd-230", platform="website", handle="www.example.org",
                url="https://www.example.org", purpose="District news", building_id=None,
                owner_id=owner.id, created_with_email="news@example.org",
                created_at=dt.datetime.now(dt.UTC),
            )
        )  # fmt: skip
        uow.commit()
    text = "Congratulations to Grace Hopper, our science fair winner!"
    code, result = _check(run, text, "website", "--account", "www.example.org")
    assert code == 0 and result["verdict"] == "safe"  # her family released the website
    code, out = run("prepub", "check", "--text", "-", "--account", "www.example.org", "--to",
                    "social", stdin=text)  # fmt: skip
    assert code == 2 and "is a website account (website), not 'social'" in out
    code, out = run("prepub", "check", "--text", "-", "--account", "@nobody", stdin=text)
    assert code == 2 and "no active official account '@nobody'" in out


def test_a_tagged_student_opted_out_is_unsafe_even_when_the_text_names_nobody(run) -> None:  # type: ignore[no-untyped-def]
    run("consents", "import", str(PREPUB / "consents.csv"))
    text = "What a game last night! Go Hoppers!"
    code, plain = _check(run, text, "website")
    assert code == 0 and plain["findings"] == []
    code, tagged = _check(run, text, "website", "--tag", "200102")
    assert code == 3 and tagged["verdict"] == "unsafe"
    assert tagged["findings"][0]["kind"] == "opted_out"
    code, out = run("prepub", "check", "--text", "-", "--to", "website", "--tag", "nobody",
                    stdin=text)  # fmt: skip
    assert code == 2 and "no student 'nobody'" in out


def test_record_information_about_a_named_student_is_unsafe(run) -> None:  # type: ignore[no-untyped-def]
    run("consents", "import", str(PREPUB / "consents.csv"))
    text = "Grace Hopper got an F on the biology final but is back on track with her IEP."
    code, result = _check(run, text, "website")
    assert code == 3 and result["verdict"] == "unsafe"
    kinds = [f["kind"] for f in result["findings"]]
    assert "student_record" in kinds and "student_name" in kinds
    record = next(f for f in result["findings"] if f["kind"] == "student_record")
    assert record["citation"]["rule"]  # chsd-230 speaks of student records


def test_a_first_name_with_a_class_names_the_student(run) -> None:  # type: ignore[no-untyped-def]
    run("consents", "import", str(PREPUB / "consents.csv"))
    code, result = _check(run, "Alan from Mr. Babbage's 7th grade class won the spelling bee.",
                          "website")  # fmt: skip
    assert result["verdict"] == "unsafe" and result["findings"][0]["kind"] == "opted_out"
    code, result = _check(run, "Alan won the spelling bee.", "website")
    assert result["verdict"] == "review" and result["findings"][0]["kind"] == "first_name"


def test_personal_data_is_flagged(run) -> None:  # type: ignore[no-untyped-def]
    code, result = _check(run, "Call Grace Hopper's mom at 630-555-0187, student id #200101",
                          "website")  # fmt: skip
    kinds = [f["kind"] for f in result["findings"]]
    assert kinds.count("personal_data") == 2 and result["verdict"] == "unsafe"


def test_group_email_with_visible_parent_addresses_breaks_the_bcc_rule(run) -> None:  # type: ignore[no-untyped-def]
    run("consents", "import", str(PREPUB / "consents.csv"))
    eml = str(PREPUB / "group_to_parents.eml")
    code, out = run("prepub", "bcc", "--eml", eml, "--pack", "naperville-203", "--on", ON,
                    "--json")  # fmt: skip
    assert code == 3, out
    result = json.loads(out)
    kinds = [f["kind"] for f in result["findings"]]
    assert kinds[0] == "visible_addresses"
    assert "3 external addresses of 3 families" in result["findings"][0]["reason"]
    assert result["findings"][0]["citation"]["clause"] == "Email, bullet 1"
    assert "student_personal_address" in kinds  # Alan's personal address
    assert "opted_out_family_visible" in kinds  # ... and his family opted out
    assert result["fix"].startswith("Put alovelace@example.org in To and the 3 external")


def test_a_group_email_saved_from_outlook_is_checked_like_an_eml(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("consents", "import", str(PREPUB / "consents.csv"))
    saved = tmp_path / "trip.msg"
    saved.write_bytes(outlook_message(TO_PARENTS))
    code, out = run("prepub", "bcc", "--msg", str(saved), "--pack", "naperville-203", "--on",
                    ON, "--json")  # fmt: skip
    assert code == 3, out
    as_eml = run("prepub", "bcc", "--eml", str(PREPUB / "group_to_parents.eml"), "--pack",
                 "naperville-203", "--on", ON, "--json")  # fmt: skip
    assert json.loads(out) == json.loads(as_eml[1])
    saved.write_bytes(outlook_message(TO_PARENTS)[:3000])
    code, out = run("prepub", "bcc", "--msg", str(saved))
    assert code == 2 and "trip.msg: a damaged Outlook message (.msg)" in out


def test_group_email_in_bcc_is_safe(run) -> None:  # type: ignore[no-untyped-def]
    eml = str(PREPUB / "group_bcc.eml")
    code, out = run("prepub", "bcc", "--eml", eml, "--pack", "naperville-203", "--json")
    assert code == 0, out
    assert json.loads(out) == {"verdict": "safe", "findings": [], "fix": None}


def test_pasted_recipients_of_one_family_are_fine(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("prepub", "bcc", "--to", "Mary Hopper <mary.hopper@example.net>; "
                    "alovelace@example.org", "--json")  # fmt: skip
    assert code == 0, out
    code, out = run("prepub", "bcc", "--to", "mary.hopper@example.net, x@example.com")
    assert code == 3 and "Email" not in out  # chsd-230 has no BCC rule: none is cited
    assert "2 external addresses of 2 families" in out


PHOTOS = PREPUB / "photos"


def test_photos_tagged_and_untagged_faces_and_a_folder_cleaned(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("consents", "import", str(PREPUB / "consents.csv"))
    group = str(PHOTOS / "group_three.jpg")
    code, out = _check_photos(run, "--photo", group, "--photo-tag", "group_three.jpg=200102")
    assert code == 3 and out["verdict"] == "unsafe"
    (photo,) = out["photos"]
    assert len(photo["faces"]) == 3 and photo["tagged"] == 1
    assert [f["kind"] for f in photo["findings"]] == ["opted_out", "untagged_faces"]
    assert "review: 2 people not tagged" in photo["findings"][1]["reason"]
    # a folder of event photos, cleaned copies written without metadata, faces blurred
    folder = tmp_path / "event"
    folder.mkdir()
    for name in ("astronaut_gps.jpg", "coffee.jpg"):
        (folder / name).write_bytes((PHOTOS / name).read_bytes())
    cleaned = tmp_path / "cleaned"
    code, out = _check_photos(run, "--photo", str(folder), "--cleaned", str(cleaned),
                              "--blur-faces")  # fmt: skip
    assert code == 3
    verdicts = {p["name"]: p["verdict"] for p in out["photos"]}
    assert verdicts == {"astronaut_gps.jpg": "review", "coffee.jpg": "safe"}
    data = (cleaned / "cleaned-astronaut_gps.jpg").read_bytes()
    assert b"GPS" not in data and b"Canon" not in data
    assert not Image.open(cleaned / "cleaned-astronaut_gps.jpg").getexif()
    assert detect_faces(Image.open(cleaned / "cleaned-astronaut_gps.jpg")) == []
    code, text = run("prepub", "check", "--to", "website", "--photo", str(PREPUB / "consents.csv"))
    assert code == 2 and "consents.csv: not a JPEG, PNG or WebP image" in text


def _check_photos(run, *args: str) -> tuple[int, dict]:  # type: ignore[no-untyped-def,type-arg]
    code, out = run("prepub", "check", "--to", "website", "--on", ON, "--json", *args)
    assert code in (0, 3), out
    return code, json.loads(out)


SIS = PREPUB / "sis"


def test_a_powerschool_export_is_imported_audited_and_read_by_the_check(
    run, database: Database
) -> None:  # type: ignore[no-untyped-def]
    permission = "Permission_to_Publish=all:permission"
    code, out = run("consents", "import", str(SIS / "powerschool_permissions.csv"),
                    "--map", permission, "--school-year", "2027")  # fmt: skip
    assert code == 0, out
    assert "2 consents in powerschool_permissions.csv (powerschool): 2 added" in out
    with database.uow() as uow:
        afters = uow.session.scalars(
            select(AuditEntry.after).where(AuditEntry.event == "consents:imported")
        ).all()
    assert sorted(a["decision"] for a in afters) == ["opt_in", "opt_out"]
    assert {a["format"] for a in afters} == {"powerschool"}
    # Permission to Publish: Yes for Grace, No for Alan
    _, grace = _check(run, "Congratulations to Grace Hopper!", "social")
    assert grace["verdict"] == "safe"
    _, alan = _check(run, "Alan Turing read the morning announcements.", "website")
    assert alan["verdict"] == "unsafe" and alan["findings"][0]["kind"] == "opted_out"


def test_an_infinite_campus_flag_makes_a_tagged_photo_unsafe(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("consents", "import", str(SIS / "ic_flags.csv"), "--map", "No Media=photo",
                    "--school-year", "2027")  # fmt: skip
    assert code == 0 and "1 consents in ic_flags.csv (infinite-campus): 1 added" in out
    photo = PREPUB / "photos" / "coffee.jpg"
    code, out = run("prepub", "check", "--to", "website", "--photo", str(photo), "--photo-tag",
                    f"{photo.name}=200101", "--on", ON, "--json")  # fmt: skip
    assert code == 3, out
    assert '"opted_out"' in out


def test_a_bad_row_in_a_sis_export_refuses_the_whole_file(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("consents", "import", str(SIS / "powerschool_bad_value.csv"),
                    "--map", "Permission_to_Publish=all:permission")  # fmt: skip
    assert code == 1
    assert ("refused, nothing was written: powerschool_bad_value.csv, line 3, field "
            "'Permission_to_Publish': 'Maybe' is not Yes or No") in out  # fmt: skip
    # line 2 (Grace: Yes) was good, but nothing was written
    _, result = _check(run, "Congratulations to Grace Hopper!", "website")
    assert result["verdict"] == "review"
    code, out = run("consents", "import", str(SIS / "skyward_publication.csv"), "--map", "Public")
    assert code == 2 and "COLUMN=SCOPE" in out


def test_an_export_naming_a_student_not_in_the_directory_names_the_sis_column(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "skyward.csv"
    path.write_text("Student ID,Military,Higher Ed,Public,Library\n200101,Yes,Yes,Yes,Yes\n"
                    "999999,No,No,No,No\n")  # fmt: skip
    code, out = run("consents", "import", str(path))
    assert code == 1
    assert "skyward.csv, line 3, field 'Student ID': is not a student in the directory" in out


def test_a_coworker_tagged_without_consent_is_review_with_the_packs_clause_until_recorded(
    run, database: Database
) -> None:  # type: ignore[no-untyped-def]
    photo = str(PHOTOS / "hopper.jpg")  # one face: the co-worker tagged is the only person
    args = ("--photo", photo, "--photo-tag", "hopper.jpg=alovelace", "--pack", "wem-2143")
    code, out = _check_photos(run, *args)
    assert code == 3 and out["verdict"] == "review"
    (finding,) = out["photos"][0]["findings"]
    assert finding["kind"] == "coworker_no_consent"
    assert finding["reason"].startswith("review: co-worker pictured — consent needed")
    assert finding["citation"]["rule"] == "coworker-images-need-written-consent"
    assert "written consent" in finding["citation"]["quote"]
    # the same photo under another pack cites that pack's own clause
    _, wilmette = _check_photos(run, *args[:-1], "wilmette-39")
    citation = wilmette["photos"][0]["findings"][0]["citation"]
    assert citation["rule"] == "no-depictions-of-others-without-authorization"
    # a pack with no rule on co-workers' images: still review, no clause
    _, chsd = _check_photos(run, *args[:-1], "chsd-230")
    (finding,) = chsd["photos"][0]["findings"]
    assert finding["verdict"] == "review" and finding["citation"] is None
    assert "names no rule" in finding["reason"]
    # the building office records the written consent (by staff id), audited: safe
    code, text = run("consents", "coworker", "E1815", "--decision", "opt_in",
                     "--received", "2026-11-20", "--school-year", "2027")  # fmt: skip
    assert code == 0 and "added" in text, text
    code, out = _check_photos(run, *args)
    assert code == 0 and out["verdict"] == "safe"
    assert out["photos"][0]["findings"][0]["kind"] == "coworker_consent"
    with database.uow() as uow:
        (after,) = uow.session.scalars(
            select(AuditEntry.after).where(AuditEntry.event == "consents:changed")
        ).all()
    assert after["scope"] == "coworker_image" and after["decision"] == "opt_in"
    # a refusal is unsafe; consent on file for last school year is not this year's
    run("consents", "coworker", "alovelace", "--decision", "opt_out", "--school-year", "2027")
    _, out = _check_photos(run, *args)
    assert out["verdict"] == "unsafe"
    _, out = _check_photos(run, "--photo", photo, "--photo-tag", "hopper.jpg=cbabbage",
                           "--photo-tag", "hopper.jpg=200102")  # fmt: skip
    kinds = [f["kind"] for f in out["photos"][0]["findings"]]
    assert kinds == ["no_consent_on_file", "coworker_no_consent"]  # two tagged, one face


def test_a_photo_tag_naming_nobody_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    photo = str(PHOTOS / "hopper.jpg")
    code, out = run("prepub", "check", "--to", "website", "--photo", photo,
                    "--photo-tag", "hopper.jpg=staff:200101")  # fmt: skip
    assert code == 2 and "no staff member '200101'" in out
    code, out = run("consents", "coworker", "ghopper26", "--decision", "opt_in")
    assert code == 2 and "no staff member 'ghopper26'" in out


def _with_logo(tmp_path: Path, base: str, width: int, angle: float) -> Path:
    """A test photo with the district's logo pasted in: scaled, turned, saved as JPEG."""
    photo = Image.open(PHOTOS / base).convert("RGB")
    logo = Image.open(PREPUB / "district_logo.png").convert("RGBA")
    mark = logo.resize((width, width * logo.height // logo.width))
    mark = mark.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    photo.paste(mark, (photo.width - mark.width - 10, 10), mark)
    path = tmp_path / f"logo_{base}"
    photo.save(path, "JPEG", quality=80)
    return path


def test_the_district_logo_in_a_photo_is_review_without_approval(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANYARD_DISTRICT_LOGO", str(PREPUB / "district_logo.png"))
    with_logo = _with_logo(tmp_path, "group_three.jpg", 220, 12)
    tags = [a for n in ("200101", "200102", "cbabbage")
            for a in ("--photo-tag", f"{with_logo.name}={n}")]  # fmt: skip
    code, out = _check_photos(run, "--photo", str(with_logo), "--pack", "wem-2143", *tags)
    (photo,) = out["photos"]
    logo = [f for f in photo["findings"] if f["kind"] == "district_logo"]
    assert len(logo) == 1 and logo[0]["verdict"] == "review", photo["findings"]
    assert logo[0]["reason"].startswith(
        "review: logo needs approval: the district's logo appears in the photo"
    )
    assert (
        "it needs an approval (Permission to use or post a District or school logo"
        in (logo[0]["reason"])
    )
    assert logo[0]["citation"]["rule"] == "logo-needs-permission"  # WEM 2143 IV.F
    assert photo["logo"]["x"] > 900  # pasted at the top right of a 1280-wide photo
    # approved for this post: the logo is safe, the rest of the verdict is the tags'
    _, out = _check_photos(run, "--photo", str(with_logo), "--pack", "wem-2143", *tags,
                           "--logo-approved")  # fmt: skip
    kinds = {f["kind"]: f["verdict"] for f in out["photos"][0]["findings"]}
    assert kinds["logo_approved"] == "safe" and "district_logo" not in kinds
    # the test photos as they are (faces, a cat, a cup, a camera): no logo found
    _, out = _check_photos(run, "--photo", str(PHOTOS))
    assert len(out["photos"]) == 8
    assert [p["name"] for p in out["photos"] if p["logo"]] == []
