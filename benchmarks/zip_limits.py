"""Peak memory of reading a OneRoster zip: a zip bomb (refused) vs a legitimate large export.

    .venv/bin/python benchmarks/zip_limits.py [--users 100000] [--bomb-mib 60]

Each case runs in a fresh Python process and prints its peak resident memory (ru_maxrss)
and the time it took:

- ``baseline``: the process with Lanyard's reader imported, reading nothing;
- ``bomb, unchecked``: the bomb (a users.csv of ``--bomb-mib`` MiB of one repeated row,
  deflated to well under a MiB) read the way the reader worked before the limits: the
  whole member into memory, then every record into a list;
- ``bomb``: the same zip through ``open_package`` with the default limits (refused from
  the zip's central directory, nothing decompressed);
- ``legitimate export``: ``--users`` distinct users (and the fixture's other files)
  through ``open_package`` + ``read_roster``, streamed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "oneroster" / "v1p1"
MIB = 1024 * 1024


def _header() -> str:
    return (FIXTURES / "users.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"


def write_bomb(path: Path, mib: int) -> None:
    row = "u-x,,,true,s-110,teacher,x,,X,Y,,,x@example.org,,,,,,\n"
    _write(path, _header() + row * (mib * MIB // len(row)))


def write_export(path: Path, users: int) -> None:
    rows = [_header()]
    for i in range(users):
        rows.append(
            f"u-{i:07d},,,true,s-110,teacher,user{i},,Given{i % 977},Family{i % 1913},,"
            f"E{i},user{i}@example.org,,,,,,\n"
        )
    _write(path, "".join(rows))


def _write(path: Path, users_csv: str) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(FIXTURES.glob("*.csv")):
            text = users_csv if file.name == "users.csv" else file.read_text(encoding="utf-8")
            if file.name in ("enrollments.csv", "demographics.csv"):
                text = text.splitlines()[0] + "\n"  # their rows name the fixture's users
            archive.writestr(file.name, text)


CHILD = r"""
import csv, io, json, resource, sys, time, zipfile
from pathlib import Path
case, path = sys.argv[1], Path(sys.argv[2])
from lanyard.connectors.oneroster import PackageError, open_package, read_roster
start = time.perf_counter()
outcome = ""
if case == "unchecked":
    with zipfile.ZipFile(path) as archive:
        data = archive.read("users.csv")
        records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        outcome = f"read {len(records):,} records"
elif case == "checked":
    try:
        with open_package(path) as package:
            roster = read_roster(package)
        outcome = f"read {len(roster.people or {}):,} people"
    except PackageError as exc:
        outcome = "refused: " + str(exc)
elapsed = time.perf_counter() - start
print(json.dumps({"peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": elapsed, "outcome": outcome}))
"""


def run(case: str, path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, case, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--bomb-mib", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bomb, export = Path(tmp) / "bomb.zip", Path(tmp) / "export.zip"
        write_bomb(bomb, args.bomb_mib)
        write_export(export, args.users)
        with zipfile.ZipFile(export) as archive:
            export_size = archive.getinfo("users.csv").file_size
        print(
            f"bomb: {bomb.stat().st_size / 1024:.0f} KiB zip, users.csv {args.bomb_mib} MiB; "
            f"export: {export.stat().st_size / MIB:.1f} MiB zip, users.csv "
            f"{export_size / MIB:.1f} MiB ({args.users:,} users)"
        )
        cases = [
            ("baseline (reader imported)", "none", bomb),
            ("bomb, unchecked (the former reader)", "unchecked", bomb),
            ("bomb, with the limits", "checked", bomb),
            ("legitimate export, streamed", "checked", export),
        ]
        print(f"{'case':40} {'peak RSS':>10} {'time':>8}  outcome")
        for label, case, path in cases:
            result = run(case, path)
            outcome = str(result["outcome"])
            if len(outcome) > 90:
                outcome = outcome[:87] + "..."
            print(
                f"{label:40} {result['peak_mib']:>7.0f} MiB {result['seconds']:>7.2f}s  {outcome}"
            )


if __name__ == "__main__":
    main()
