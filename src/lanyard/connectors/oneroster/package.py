"""Opening a OneRoster CSV package: a folder or a .zip of CSV files (RFC 4180, UTF-8)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass(frozen=True)
class Table:
    """One CSV file: its header and its records. Row numbers count the header as row 1."""

    name: str
    header: tuple[str, ...]
    records: list[list[str]]

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, values by column) for every data record; missing cells are ''."""
        header = self.header
        width = len(header)
        for index, record in enumerate(self.records):
            if len(record) < width:
                record = record + [""] * (width - len(record))
            yield index + 2, dict(zip(header, record, strict=False))


@dataclass(frozen=True)
class Package:
    source: str
    tables: dict[str, Table]  # by file name, e.g. "users.csv"

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)


class PackageError(Exception):
    """The package cannot be opened at all (not a folder or zip, unreadable CSV)."""


def _parse(name: str, data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PackageError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        records = [r for r in reader if r and any(cell.strip() for cell in r)]
    except csv.Error as exc:
        raise PackageError(f"{name}: not valid CSV: {exc}") from None
    if not records:
        return Table(name, (), [])
    header = tuple(h.strip() for h in records[0])
    return Table(name, header, records[1:])


def open_package(path: Path) -> Package:
    """Read every ``*.csv`` of a folder or a zip (files may sit in one sub-folder)."""
    raw: dict[str, bytes] = {}
    if path.is_dir():
        for file in sorted(path.iterdir()):
            if file.is_file() and file.suffix.lower() == ".csv":
                raw[file.name] = file.read_bytes()
    elif path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                member = PurePosixPath(info.filename)
                if info.is_dir() or member.suffix.lower() != ".csv":
                    continue
                if member.name.startswith("._") or "__MACOSX" in member.parts:
                    continue
                if member.name in raw:
                    raise PackageError(f"{path.name}: {member.name} appears twice in the zip")
                raw[member.name] = archive.read(info)
    elif path.exists():
        raise PackageError(f"{path}: not a folder or a .zip file")
    else:
        raise PackageError(f"{path}: no such folder or file")
    return Package(str(path), {name: _parse(name, data) for name, data in raw.items()})
