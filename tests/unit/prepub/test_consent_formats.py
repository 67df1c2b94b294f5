"""The consent readers on exports written from each SIS's documented shape: what each
row records, the format told from the header, and refusals naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from lanyard.connectors.consents.base import ColumnMap, ReadOptions, header, parse_map
from lanyard.connectors.consents.registry import detect, reader, registered
from lanyard.prepub.domain import ConsentFileError

SIS = Path(__file__).resolve().parents[2] / "fixtures" / "prepub" / "sis"
YEAR = 2027


def _read(name: str, fmt: str | None = None, *maps: str) -> list[tuple[str, str, str]]:
    text = (SIS / name).read_text(encoding="utf-8")
    chosen = reader(fmt) if fmt else detect(name, header(text))
    rows = chosen.read(name, text, ReadOptions(YEAR, tuple(parse_map(m) for m in maps)))
    assert all(r.school_year == YEAR for r in rows)
    return [(r.student, r.scope, r.decision) for r in rows]


def test_every_documented_format_is_registered() -> None:
    assert set(registered()) >= {"lanyard", "oneroster", "infinite-campus", "skyward",
                                 "powerschool"}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("users.csv", "oneroster"), ("ic_flags.csv", "infinite-campus"),
     ("skyward_publication.csv", "skyward"), ("powerschool_permissions.csv", "powerschool")],
)  # fmt: skip
def test_the_format_is_told_from_the_header_row(name: str, fmt: str) -> None:
    assert detect(name, header((SIS / name).read_text())).format == fmt


def test_an_unknown_header_is_refused_asking_for_the_format() -> None:
    with pytest.raises(ConsentFileError, match=r"x.csv, line 1.*choose the format with --format"):
        detect("x.csv", ["id", "name", "photo ok"])


def test_oneroster_extension_columns_read_through_the_mapping_students_only() -> None:
    rows = _read("users.csv", None, "metadata.district.mediaOptOut=photo",
                 "metadata.district.publishName=name:permission")  # fmt: skip
    # the teacher's TRUE is not a student's consent; the parent row is blank
    assert rows == [
        ("u-s-2001", "photo", "opt_out"), ("u-s-2001", "name", "opt_in"),
        ("u-s-2002", "photo", "opt_in"), ("u-s-2002", "name", "opt_out"),
    ]  # fmt: skip


def test_oneroster_without_a_mapping_is_refused_never_guessed() -> None:
    with pytest.raises(ConsentFileError, match=r"users.csv, line 1.*give one --map"):
        _read("users.csv", "oneroster")
    with pytest.raises(ConsentFileError, match=r"field 'metadata.district.noSuch': no such column"):
        _read("users.csv", "oneroster", "metadata.district.noSuch=photo")


def test_infinite_campus_reads_the_mapped_flag_still_running_this_year() -> None:
    # Alan's Food Allergy flag is not a consent; his No Media flag ended in June 2026
    assert _read("ic_flags.csv", None, "No Media=photo", "No Media=video") == [
        ("200101", "photo", "opt_out"), ("200101", "video", "opt_out"),
    ]  # fmt: skip
    text = (SIS / "ic_flags.csv").read_text()
    maps = (parse_map("No Media=photo"), parse_map("No Media=video"))
    (row, _) = reader("infinite-campus").read("ic_flags.csv", text, ReadOptions(YEAR, maps))
    assert str(row.recorded_on) == "2026-08-20" and row.source == "Infinite Campus flag No Media"


def test_infinite_campus_bad_date_names_line_and_column() -> None:
    with pytest.raises(ConsentFileError) as caught:
        _read("ic_flags_bad_date.csv", None, "No Media=photo")
    assert str(caught.value).startswith("ic_flags_bad_date.csv, line 3, field 'startDate'")


def test_skyward_allow_publication_defaults_and_a_district_mapping() -> None:
    assert _read("skyward_publication.csv") == [
        ("200101", "name", "opt_in"), ("200101", "military", "opt_out"),
        ("200101", "higher_ed", "opt_in"),
        ("200102", "name", "opt_out"), ("200102", "military", "opt_in"),
        ("200102", "higher_ed", "opt_in"),
    ]  # fmt: skip
    assert _read("skyward_publication.csv", None, "Library=newsletter:permission") == [
        ("200101", "newsletter", "opt_in"), ("200102", "newsletter", "opt_out"),
    ]  # fmt: skip


def test_powerschool_permission_and_opt_out_fields() -> None:
    rows = _read("powerschool_permissions.csv", None, "Permission_to_Publish=all:permission",
                 "Media_Opt_Out=photo")  # fmt: skip
    assert rows == [
        ("200101", "all", "opt_in"), ("200101", "photo", "opt_in"),
        ("200102", "all", "opt_out"), ("200102", "photo", "opt_out"),
    ]  # fmt: skip


def test_powerschool_value_that_is_not_yes_or_no_is_refused() -> None:
    with pytest.raises(ConsentFileError) as caught:
        _read("powerschool_bad_value.csv", None, "Permission_to_Publish=all:permission")
    assert str(caught.value) == (
        "powerschool_bad_value.csv, line 3, field 'Permission_to_Publish': 'Maybe' is not Yes or No"
    )


def test_the_mapping_is_checked() -> None:
    assert parse_map("No Media=photo") == ColumnMap("No Media", "photo", "opt_out")
    for bad in ("No Media", "x=pictures", "x=photo:maybe"):
        with pytest.raises(ValueError):
            parse_map(bad)


def test_every_bad_row_is_refused_at_once_not_only_the_first() -> None:
    text = (
        "Student_Number,Permission_to_Publish,Media_Opt_Out\n"
        "200101,Yes,No\n"
        "200102,Maybe,Perhaps\n"  # two bad cells on one row
        "200103,No,Yes\n"
        ",Yes,No\n"  # no student
        "200105,Sometimes,No\n"
    )
    maps = (parse_map("Permission_to_Publish=all:permission"), parse_map("Media_Opt_Out=photo"))
    with pytest.raises(ConsentFileError) as caught:
        reader("powerschool").read("fall.csv", text, ReadOptions(YEAR, maps))
    assert [str(r) for r in caught.value.refusals] == [
        "fall.csv, line 3, field 'Permission_to_Publish': 'Maybe' is not Yes or No",
        "fall.csv, line 3, field 'Media_Opt_Out': 'Perhaps' is not Yes or No",
        "fall.csv, line 5, field 'Student_Number': is empty",
        "fall.csv, line 6, field 'Permission_to_Publish': 'Sometimes' is not Yes or No",
    ]
    # the good rows are kept on the error (for the directory look-up), never written by it
    assert [r.student for r in caught.value.rows] == ["200101", "200101", "200103", "200103"]


def test_infinite_campus_lists_every_bad_date_and_empty_cell() -> None:
    text = (
        "studentNumber,flagName,startDate,endDate\n"
        "200101,No Media,2026-13-01,\n"
        "200102,,2026-08-20,\n"
        ",No Media,08/20/2026,06/31/2027\n"
    )
    with pytest.raises(ConsentFileError) as caught:
        reader("infinite-campus").read(
            "ic.csv", text, ReadOptions(YEAR, (parse_map("No Media=photo"),))
        )
    assert [(r.line, r.column) for r in caught.value.refusals] == [
        (2, "startDate"), (3, "flagName"), (4, "studentNumber"), (4, "endDate"),
    ]  # fmt: skip
