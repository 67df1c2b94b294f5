"""Zip bombs (issue 10, finding 4): a OneRoster zip is checked from its central directory
before anything is decompressed (archive size, declared sizes, expansion ratio, number of
files) and again while it is read (a header that lies about a member's size); the error
names the file in the zip. The CSV files are parsed as a stream."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from lanyard.connectors.oneroster import PackageError, PackageLimits, open_package, read_roster

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "oneroster" / "v1p1"
MIB = 1024 * 1024


def _export(
    path: Path, *, users: bytes | None = None, extra: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(FIXTURES.glob("*.csv")):
            data = file.read_bytes()
            if users is not None and file.name == "users.csv":
                data = users
            archive.writestr(file.name, data)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _bomb_users(size: int) -> bytes:
    header = (FIXTURES / "users.csv").read_bytes().splitlines(keepends=True)[0]
    row = b"u-x,,,true,s-110,teacher,x,,X,Y,,,x@example.org,,,,,,\n"
    return header + row * (size // len(row))


def test_a_zip_bomb_is_refused_from_its_directory_before_it_is_read(tmp_path: Path) -> None:
    bomb = _export(tmp_path / "bomb.zip", users=_bomb_users(60 * MIB))
    assert bomb.stat().st_size < 1 * MIB  # a small upload ...
    tracemalloc.start()
    try:
        with pytest.raises(PackageError) as refused:
            open_package(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(refused.value)
    assert "users.csv in bomb.zip" in message
    assert "zip bomb" in message and "LANYARD_IMPORT_MAX_RATIO" in message
    assert peak < 2 * MIB, f"{peak} bytes allocated: the bomb was read"


def test_declared_sizes_over_the_limits_are_refused(tmp_path: Path) -> None:
    export = _export(tmp_path / "export.zip")
    with pytest.raises(PackageError, match=r"export.zip: .*LANYARD_IMPORT_MAX_COMPRESSED_BYTES"):
        open_package(export, PackageLimits(compressed_bytes=1024))
    biggest = max(f.stat().st_size for f in FIXTURES.glob("*.csv"))
    total = sum(f.stat().st_size for f in FIXTURES.glob("*.csv"))
    with pytest.raises(
        PackageError, match=r"\w+\.csv in export.zip: expands to .*UNCOMPRESSED_BYTES"
    ):
        open_package(export, PackageLimits(uncompressed_bytes=biggest - 1))
    with pytest.raises(PackageError, match=r"export.zip: its files expand to .*UNCOMPRESSED"):
        open_package(export, PackageLimits(uncompressed_bytes=total - 1))
    many = _export(tmp_path / "many.zip", extra={f"notes-{i}.txt": b"x" for i in range(70)})
    with pytest.raises(PackageError, match=r"many.zip: 79 files; .*LANYARD_IMPORT_MAX_FILES"):
        open_package(many)


def _lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite the zip so that its headers declare ``declared`` bytes for ``member``."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", data, at + name_at - (4 if name_at == 30 else 18))[0]
            if data[at + name_at : at + name_at + length] == name:
                struct.pack_into("<I", data, at + offset, declared)
            start = at + 4
    path.write_bytes(bytes(data))


def test_a_header_that_lies_about_the_size_is_caught_while_streaming(tmp_path: Path) -> None:
    users = _bomb_users(3 * MIB)
    export = _export(tmp_path / "liar.zip", users=users)
    _lie_about_size(export, "users.csv", 4096)  # "4 KiB", so the directory checks pass
    with zipfile.ZipFile(export) as archive:
        assert archive.getinfo("users.csv").file_size == 4096
    with pytest.raises(PackageError) as refused:
        with open_package(export) as package:
            read_roster(package)
    assert "users.csv in liar.zip" in str(refused.value)


def test_a_legitimate_export_streams_and_reads_like_the_folder(tmp_path: Path) -> None:
    export = _export(tmp_path / "export.zip")
    with open_package(export) as zipped, open_package(FIXTURES) as folder:
        assert read_roster(zipped) == read_roster(folder)


def test_bad_text_in_a_streamed_file_names_the_file(tmp_path: Path) -> None:
    header = (FIXTURES / "users.csv").read_bytes().splitlines(keepends=True)[0]
    export = _export(tmp_path / "export.zip", users=header + b"u-1,\xff\xfe,bad\n")
    with (
        open_package(export) as package,
        pytest.raises(PackageError, match=r"users.csv: not UTF-8 text \(line 2, byte 5\)"),
    ):
        read_roster(package)
    broken = _export(tmp_path / "broken.zip", users=header + b'u-1,"unterminated\n')
    with open_package(broken) as package, pytest.raises(PackageError, match="users.csv: not valid"):
        read_roster(package)


def test_the_streamed_parse_does_not_hold_the_file(tmp_path: Path) -> None:
    """A 12 MiB users.csv (within every limit) is read a record at a time: the reader's
    own allocations stay far below the file's size (tracemalloc makes every allocation
    slow, so the file is no bigger than it needs to be to tell the two apart)."""
    header = (FIXTURES / "users.csv").read_bytes().splitlines(keepends=True)[0]
    body = io.BytesIO()
    body.write(header)
    i = 0
    while body.tell() < 12 * MIB:
        body.write(
            f"u-{i},,,true,s-110,teacher,user{i},,Given{i},Family{i},,E{i},,,,,,,\n".encode()
        )
        i += 1
    export = _export(tmp_path / "large.zip", users=body.getvalue())
    with open_package(export) as package:
        table = package.table("users.csv")
        assert table is not None
        tracemalloc.start()
        try:
            count = sum(1 for _ in table.rows())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert count == i
    assert peak < 3 * MIB, f"{peak} bytes: the file was held in memory"
