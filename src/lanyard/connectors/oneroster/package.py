"""Opening a OneRoster CSV package: a folder or a .zip of CSV files (RFC 4180, UTF-8).

A zip is checked against :class:`PackageLimits` from its central directory before any
member is decompressed (the archive's size, each member's and the total declared size,
the expansion ratio, the number of files), and again while it is read: a member that
yields more bytes than its header declared (a lying header) stops the import at once.
The CSV files are parsed as a stream, one record at a time, never held whole in memory.
Every error names the file in the zip.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO

MIB = 1024 * 1024
CHUNK = 64 * 1024
# Below this size a member's ratio is not checked: small files compress unpredictably.
RATIO_FLOOR = 1 * MIB


@dataclass(frozen=True)
class PackageLimits:
    """How large an export may be (settings ``LANYARD_IMPORT_MAX_*``)."""

    compressed_bytes: int = 512 * MIB
    uncompressed_bytes: int = 1024 * MIB
    ratio: int = 100
    files: int = 64


class PackageError(Exception):
    """The package cannot be opened at all (not a folder or zip, unreadable CSV, too large)."""


def _mib(n: int) -> str:
    if n < MIB:
        return f"{n} bytes"
    return f"{n / MIB:.1f} MiB" if n < 10 * MIB else f"{n // MIB} MiB"


class _Capped(io.RawIOBase):
    """A member's bytes, refusing to yield more than ``limit`` (its declared size)."""

    def __init__(self, raw: IO[bytes], limit: int, where: str) -> None:
        self.raw, self.limit, self.where, self.count = raw, limit, where, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self.raw.read(min(len(buffer), CHUNK))
        except zipfile.BadZipFile as exc:
            raise PackageError(f"{self.where}: the zip is damaged ({exc})") from None
        self.count += len(data)
        if self.count > self.limit:
            raise PackageError(
                f"{self.where}: expands beyond the {self.limit} bytes its zip header declares; "
                "refused (the archive's sizes are false)"
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


@dataclass(frozen=True)
class Table:
    """One CSV file: its header and a way to read its records again, as a stream. Row
    numbers count the header as row 1 (blank lines are skipped, not counted)."""

    name: str
    header: tuple[str, ...]
    opener: Callable[[], IO[bytes]] = field(repr=False, compare=False)

    def _lines(self, raw: IO[bytes]) -> Iterator[str]:
        for number, line in enumerate(raw):
            try:
                yield line.decode("utf-8-sig" if number == 0 else "utf-8")
            except UnicodeDecodeError as exc:
                raise PackageError(
                    f"{self.name}: not UTF-8 text (line {number + 1}, byte {exc.start + 1})"
                ) from None

    def _records(self) -> Iterator[list[str]]:
        with self.opener() as raw:
            reader = csv.reader(self._lines(raw), strict=True)
            try:
                for record in reader:
                    if record and any(cell.strip() for cell in record):
                        yield record
            except csv.Error as exc:
                raise PackageError(
                    f"{self.name}: not valid CSV at line {reader.line_num}: {exc}"
                ) from None

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, values by column) for every data record; missing cells are ''."""
        header = self.header
        width = len(header)
        records = self._records()
        next(records, None)  # the header
        for index, record in enumerate(records):
            if len(record) < width:
                record = record + [""] * (width - len(record))
            yield index + 2, dict(zip(header, record, strict=False))

    @property
    def records(self) -> list[list[str]]:
        """Every data record at once (small files and tests; the import streams)."""
        records = self._records()
        next(records, None)
        return list(records)


@dataclass(frozen=True)
class Package:
    source: str
    tables: dict[str, Table]  # by file name, e.g. "users.csv"
    archive: zipfile.ZipFile | None = field(default=None, repr=False, compare=False)

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _table(name: str, opener: Callable[[], IO[bytes]]) -> Table:
    probe = Table(name, (), opener)
    first = next(probe._records(), None)
    header = tuple(h.strip() for h in first) if first else ()
    return Table(name, header, opener)


def check_zip(archive: zipfile.ZipFile, label: str, size: int, limits: PackageLimits) -> None:
    """Refuse a zip whose central directory declares too much, before reading a byte of
    any member."""
    if size > limits.compressed_bytes:
        raise PackageError(
            f"{label}: {_mib(size)} is larger than the {_mib(limits.compressed_bytes)} an "
            "import may be (LANYARD_IMPORT_MAX_COMPRESSED_BYTES)"
        )
    members = [i for i in archive.infolist() if not i.is_dir()]
    if len(members) > limits.files:
        raise PackageError(
            f"{label}: {len(members)} files; an export may hold {limits.files} "
            "(LANYARD_IMPORT_MAX_FILES)"
        )
    total = 0
    for info in members:
        where = f"{info.filename} in {label}"
        total += info.file_size
        if info.file_size > limits.uncompressed_bytes:
            raise PackageError(
                f"{where}: expands to {_mib(info.file_size)}, more than the "
                f"{_mib(limits.uncompressed_bytes)} an import may be "
                "(LANYARD_IMPORT_MAX_UNCOMPRESSED_BYTES)"
            )
        if info.file_size >= RATIO_FLOOR:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.ratio:
                raise PackageError(
                    f"{where}: expands {ratio:.0f} times ({_mib(info.compress_size)} to "
                    f"{_mib(info.file_size)}); an export compresses at most {limits.ratio} "
                    "times (LANYARD_IMPORT_MAX_RATIO). Refused as a possible zip bomb"
                )
    if total > limits.uncompressed_bytes:
        raise PackageError(
            f"{label}: its files expand to {_mib(total)}, more than the "
            f"{_mib(limits.uncompressed_bytes)} an import may be "
            "(LANYARD_IMPORT_MAX_UNCOMPRESSED_BYTES)"
        )


def _open_file(path: Path) -> IO[bytes]:
    return path.open("rb")


def _wanted(member: PurePosixPath) -> bool:
    if member.suffix.lower() != ".csv":
        return False
    return not (member.name.startswith("._") or "__MACOSX" in member.parts)


def open_package(path: Path, limits: PackageLimits | None = None) -> Package:
    """Open every ``*.csv`` of a folder or a zip (files may sit in one sub-folder); the
    zip is checked against ``limits`` before anything is decompressed."""
    limits = limits or PackageLimits()
    tables: dict[str, Table] = {}
    archive: zipfile.ZipFile | None = None
    if path.is_dir():
        for file in sorted(path.iterdir()):
            if file.is_file() and file.suffix.lower() == ".csv":
                size = file.stat().st_size
                if size > limits.uncompressed_bytes:
                    raise PackageError(
                        f"{file.name}: {_mib(size)} is more than the "
                        f"{_mib(limits.uncompressed_bytes)} an import may be "
                        "(LANYARD_IMPORT_MAX_UNCOMPRESSED_BYTES)"
                    )
                tables[file.name] = _table(file.name, partial(_open_file, file))
    elif path.is_file() and zipfile.is_zipfile(path):
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise PackageError(f"{path.name}: not a readable zip ({exc})") from None
        try:
            check_zip(archive, path.name, path.stat().st_size, limits)
        except PackageError:
            archive.close()
            raise
        zipped = archive
        for info in archive.infolist():
            member = PurePosixPath(info.filename)
            if info.is_dir() or not _wanted(member):
                continue
            if member.name in tables:
                raise PackageError(f"{path.name}: {member.name} appears twice in the zip")
            where = f"{member.name} in {path.name}"

            def opener(info: zipfile.ZipInfo = info, where: str = where) -> IO[bytes]:
                try:
                    raw = zipped.open(info)
                except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
                    raise PackageError(f"{where}: cannot be read ({exc})") from None
                return io.BufferedReader(_Capped(raw, info.file_size, where), CHUNK)

            tables[member.name] = _table(member.name, opener)
    elif path.exists():
        raise PackageError(f"{path}: not a folder or a .zip file")
    else:
        raise PackageError(f"{path}: no such folder or file")
    return Package(str(path), tables, archive)
