"""Time the OneRoster import on a generated 100,000-user bulk export.

    .venv/bin/python benchmarks/import_oneroster.py [--users 100000] [--postgres URL]

Prints the time of a first import, a re-import of the same files (no change) and a
dry run, on a fresh SQLite file (and on PostgreSQL when --postgres or
LANYARD_TEST_POSTGRES_URL is given; a temporary schema is created and dropped).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from lanyard.db.migrate import upgrade
from lanyard.db.session import Database
from lanyard.directory.service import ImportResult, import_oneroster
from schemas import postgres_schema

SCHOOLS = 20
CLASSES_PER_STUDENT = 4


def write_set(folder: Path, users: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    staff = users // 20
    students = users * 6 // 10
    parents = users - staff - students
    schools = [f"s-{n:03d}" for n in range(SCHOOLS)]

    def out(name: str, header: str, rows: Iterator[list[str]] | list[list[str]]) -> int:
        count = 0
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(header.split(","))
            for row in rows:
                writer.writerow(row)
                count += 1
        return count

    manifest = (
        [["manifest.version", "1.0"], ["oneroster.version", "1.1"]]
        + [
            [f"file.{n}", "bulk"]
            for n in ("orgs", "academicSessions", "courses", "classes", "users", "enrollments")
        ]
        + [["file.demographics", "bulk"]]
    )
    out("manifest.csv", "propertyName,value", manifest)
    out(
        "orgs.csv",
        "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId",
        [["d-1", "", "", "Benchmark District", "district", "", ""]]
        + [[s, "", "", f"School {s}", "school", "", "d-1"] for s in schools],
    )
    out(
        "academicSessions.csv",
        "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
        [["y-2026", "", "", "2025-2026", "schoolYear", "2025-08-18", "2026-06-05", "", "2026"]],
    )
    teachers = [f"u-t-{n}" for n in range(staff)]
    school_of_teacher = {t: schools[n % SCHOOLS] for n, t in enumerate(teachers)}
    out(
        "courses.csv",
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,"
        "orgSourcedId,subjects,subjectCodes",
        [
            [f"c-{t}", "", "", "y-2026", "Course", "", "", school_of_teacher[t], "", ""]
            for t in teachers
        ],
    )
    out(
        "classes.csv",
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
        "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
        [
            [
                f"k-{t}",
                "",
                "",
                "Class",
                "",
                f"c-{t}",
                "",
                "scheduled",
                "",
                school_of_teacher[t],
                "y-2026",
                "",
                "",
                "",
            ]
            for t in teachers
        ],
    )
    classes_by_school: dict[str, list[str]] = {}
    for t in teachers:
        classes_by_school.setdefault(school_of_teacher[t], []).append(f"k-{t}")

    def user_rows() -> Iterator[list[str]]:
        for n, t in enumerate(teachers):
            role = "administrator" if n % 25 == 0 else "teacher"
            yield [
                t,
                "",
                "",
                "true",
                school_of_teacher[t],
                role,
                f"staff{n}",
                "",
                "Given",
                f"Family{n}",
                "",
                f"E{n}",
                f"staff{n}@bench.example.org",
                "",
                "",
                "",
                "",
                "",
            ]
        for n in range(students):
            school = schools[n % SCHOOLS]
            parent = f"u-p-{n % parents}"
            yield [
                f"u-s-{n}",
                "",
                "",
                "true",
                school,
                "student",
                f"st{n}",
                "",
                "Given",
                f"Family{n}",
                "",
                f"S{n}",
                f"st{n}@students.bench.example.org",
                "",
                "",
                parent,
                f"{n % 12 + 1:02d}",
                "",
            ]
        for n in range(parents):
            yield [
                f"u-p-{n}",
                "",
                "",
                "true",
                schools[n % SCHOOLS],
                "parent",
                "",
                "",
                "Given",
                f"Family{n}",
                "",
                "",
                f"p{n}@example.net",
                "",
                "",
                "",
                "",
                "",
            ]

    counts = {
        "users": out(
            "users.csv",
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
            "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
            "password",
            user_rows(),
        )
    }

    def enrollment_rows() -> Iterator[list[str]]:
        for t in teachers:
            yield [f"e-{t}", "", "", f"k-{t}", school_of_teacher[t], t, "teacher", "true", "", ""]
        for n in range(students):
            school = schools[n % SCHOOLS]
            for k in rng.sample(classes_by_school[school], CLASSES_PER_STUDENT):
                yield [f"e-{n}-{k}", "", "", k, school, f"u-s-{n}", "student", "", "", ""]

    counts["enrollments"] = out(
        "enrollments.csv",
        "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
        "primary,beginDate,endDate",
        enrollment_rows(),
    )
    out(
        "demographics.csv",
        "sourcedId,status,dateLastModified,birthDate",
        ([f"u-s-{n}", "", "", f"{2008 + n % 12}-0{n % 9 + 1}-1{n % 9}"] for n in range(students)),
    )
    return counts


def timed(db: Database, folder: Path, dry_run: bool) -> tuple[float, ImportResult]:
    start = time.perf_counter()
    with db.uow() as uow:
        result = import_oneroster(
            uow=uow, path=folder, dry_run=dry_run, now=dt.datetime.now(dt.UTC)
        )
    return time.perf_counter() - start, result


def run(label: str, url: str, folder: Path) -> None:
    upgrade(url)
    db = Database(url)
    try:
        first, result = timed(db, folder, dry_run=False)
        assert result.people.counts()["added"] > 0
        again, same = timed(db, folder, dry_run=False)
        assert not same.changed, "a re-import of the same files changed something"
        dry, _ = timed(db, folder, dry_run=True)
    finally:
        db.engine.dispose()
    added = result.people.counts()["added"]
    print(
        f"{label:<11} first import {first:6.1f} s ({added} people)   "
        f"re-import (no change) {again:6.1f} s   dry run {dry:6.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("LANYARD_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lanyard-bench-") as tmp:
        folder = Path(tmp) / "export"
        folder.mkdir()
        start = time.perf_counter()
        counts = write_set(folder, args.users)
        print(
            f"generated {counts['users']} users, {counts['enrollments']} enrollments "
            f"in {time.perf_counter() - start:.1f} s"
        )
        run("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", folder)
        if args.postgres:
            url = args.postgres.replace("postgresql://", "postgresql+psycopg://", 1)
            with postgres_schema(url) as schema_url:
                run("PostgreSQL", schema_url, folder)


if __name__ == "__main__":
    main()
