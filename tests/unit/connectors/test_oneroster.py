"""Reading OneRoster 1.1 / 1.2 bulk packages: what is accepted, what is refused and how
the refusal names file, row and column."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from lanyard.connectors.oneroster import PackageError, RosterError, open_package, read_roster
from lanyard.directory.domain import Roster

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "oneroster"


def copy_set(tmp_path: Path, version: str = "v1p1") -> Path:
    folder = tmp_path / version
    shutil.copytree(FIXTURES / version, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def read(folder: Path) -> Roster:
    return read_roster(open_package(folder))


def refusal(folder: Path) -> str:
    with pytest.raises(RosterError) as info:
        read(folder)
    return str(info.value)


def test_reads_a_1_1_set_with_roles_orgs_agents_and_birth_dates() -> None:
    roster = read(FIXTURES / "v1p1")
    assert roster.version == "1.1"
    assert roster.orgs is not None and roster.people is not None
    assert roster.orgs["d-100"].kind == "district"
    teacher = roster.people["u-t-1815"]
    assert (teacher.kind, teacher.staff_role) == ("staff", "teacher")
    assert teacher.orgs == ("s-110", "s-120")
    assert roster.people["u-a-1900"].staff_role == "administrator"
    assert roster.people["u-x-1950"].staff_role == "staff"
    assert roster.people["u-p-3002"].kind == "parent"  # guardian
    assert roster.people["u-s-2001"].birth_date == dt.date(2010, 12, 9)
    assert roster.birth_dates_present


def test_agent_links_are_undirected_and_deduplicated() -> None:
    roster = read(FIXTURES / "v1p1")
    # u-s-2001 lists u-p-3001 and u-p-3001 lists u-s-2001: one link
    assert roster.parent_links == {("u-p-3001", "u-s-2001"), ("u-p-3002", "u-s-2002")}


def test_tolerates_upper_case_booleans_blank_usernames_metadata_and_gradebook_files() -> None:
    roster = read(FIXTURES / "v1p1")
    assert roster.people is not None
    assert roster.people["u-a-1900"].enabled is True  # TRUE
    assert roster.people["u-s-2002"].enabled is False  # FALSE
    assert roster.people["u-s-2002"].username is None


def test_passwords_are_never_read() -> None:
    roster = read(FIXTURES / "v1p1")
    assert "s3cret-do-not-keep" not in repr(roster)
    roster12 = read(FIXTURES / "v1p2")
    assert "hunter2" not in repr(roster12)  # userProfiles.csv is skipped


def test_reads_a_1_2_set_roles_from_roles_csv_and_preferred_names() -> None:
    roster = read(FIXTURES / "v1p2")
    assert roster.version == "1.2" and roster.people is not None
    teacher = roster.people["u-t-1815"]
    assert teacher.source_role == "teacher"  # primary teacher, secondary counselor
    assert teacher.preferred_given_name == "Ada"
    assert teacher.orgs == ("s-110", "s-120")
    assert roster.people["u-a-1900"].source_role == "principal"
    assert roster.people["u-a-1900"].staff_role == "administrator"
    assert roster.people["u-c-1960"].primary_org == "d-100"
    assert not roster.birth_dates_present  # demographics absent: keep stored dates


def test_a_zip_reads_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in (FIXTURES / "v1p1").iterdir():
            zf.write(file, f"export/{file.name}")
    assert read(archive) == read(FIXTURES / "v1p1")


def test_an_unknown_role_names_file_row_column_and_the_allowed_words(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    edit(folder, "users.csv", "s-120,aide,", "s-120,wizard,")
    message = refusal(folder)
    assert message.startswith("users.csv, row 4, column role: 'wizard' is not a OneRoster 1.1 role")
    assert "(allowed: administrator, aide, guardian" in message


def test_a_1_2_role_word_is_refused_in_a_1_1_file(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    edit(folder, "users.csv", "s-110,administrator,", "s-110,principal,")
    assert "column role: 'principal' is not a OneRoster 1.1 role" in refusal(folder)


def test_a_dangling_enrollment_names_the_missing_user(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    edit(folder, "enrollments.csv", "s-120,u-s-2002,", "s-120,u-9,")
    assert refusal(folder) == (
        "enrollments.csv, row 5, column userSourcedId: 'u-9' is not defined in users.csv"
    )


def test_1_0_role_words_in_enrollments_are_accepted() -> None:
    read(FIXTURES / "v1p1")  # e-5 has role "aide"


def test_an_undefined_org_and_agent_are_refused(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    edit(folder, "users.csv", '"s-110,s-120",teacher', '"s-110,s-999",teacher')
    edit(folder, "users.csv", ",u-p-3001,09,", ",u-p-9999,09,")
    message = refusal(folder)
    assert "users.csv, row 2, column orgSourcedIds: 's-999' is not defined in orgs.csv" in message
    assert "and 1 more" in message


def test_a_missing_required_header_is_refused_but_optional_ones_are_not(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    lines = (folder / "orgs.csv").read_text().splitlines()
    (folder / "orgs.csv").write_text(
        "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 5) for line in lines)
    )
    read(folder)  # identifier dropped: fine
    edit(folder, "users.csv", "givenName", "firstName")
    assert refusal(folder) == (
        "users.csv, row 1, column givenName: required column is missing from the header"
    )


def test_bad_booleans_and_dates_are_refused(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    edit(folder, "users.csv", "u-x-1950,,,true", "u-x-1950,,,yes")
    edit(folder, "demographics.csv", "2013-06-23", "23/06/2013")
    message = refusal(folder)
    assert "users.csv, row 4, column enabledUser: 'yes' is not a boolean" in message
    assert "demographics.csv, row 3, column birthDate" in str(message) or "1 more" in message


def test_duplicate_sourced_ids_are_refused(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    edit(folder, "orgs.csv", "s-120,,,Hopper", "s-110,,,Hopper")
    assert "orgs.csv, row 4, column sourcedId: 's-110' is already defined in row 3" in refusal(
        folder
    )


def test_delta_files_are_refused_with_the_reason(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    edit(folder, "manifest.csv", "file.users,bulk", "file.users,delta")
    assert "file.users is delta: Lanyard imports bulk exports only" in refusal(folder)


def test_an_unsupported_version_is_refused(tmp_path: Path) -> None:
    folder = copy_set(tmp_path)
    edit(folder, "manifest.csv", "oneroster.version,1.1", "oneroster.version,1.0")
    assert refusal(folder).startswith(
        "manifest.csv, row 3, column value: oneroster.version is '1.0'"
    )


def test_a_manifest_only_package_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "manifest.csv").write_text(
        "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\n"
    )
    roster = read(folder)
    assert roster.orgs is None and roster.people is None


def test_a_user_without_a_role_row_is_refused_in_1_2(tmp_path: Path) -> None:
    folder = copy_set(tmp_path, "v1p2")
    edit(folder, "roles.csv", "r-5,,,u-c-1960,primary,districtAdministrator,,,d-100,\n", "")
    assert (
        refusal(folder) == "users.csv, row 4, column sourcedId: 'u-c-1960' has no role in roles.csv"
    )


def test_not_a_package(tmp_path: Path) -> None:
    bogus = tmp_path / "users.txt"
    bogus.write_text("hello")
    with pytest.raises(PackageError, match="not a folder or a .zip"):
        open_package(bogus)
    with pytest.raises(RosterError, match="no manifest.csv"):
        read(tmp_path)
