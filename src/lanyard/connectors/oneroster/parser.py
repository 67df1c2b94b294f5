"""Validating a OneRoster 1.1 / 1.2 bulk package into a :class:`Roster`.

Everything is checked before anything is written; every problem names the file, the
row (the header is row 1) and the column. Passwords are never read; userProfiles,
gradebook and resource files are ignored. Only ``birthDate`` is taken from
demographics.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace

from lanyard.connectors.oneroster.package import Package, Table
from lanyard.directory.domain import (
    ClassRecord,
    EnrollmentRecord,
    OrgRecord,
    PersonRecord,
    Roster,
    map_role,
    primary_of,
)

VERSIONS = ("1.1", "1.2")
USER_ROLES = {
    "1.1": (
        "administrator",
        "aide",
        "guardian",
        "parent",
        "proctor",
        "relative",
        "student",
        "teacher",
    ),
    "1.2": (
        "aide",
        "counselor",
        "districtAdministrator",
        "guardian",
        "parent",
        "principal",
        "proctor",
        "relative",
        "siteAdministrator",
        "student",
        "systemAdministrator",
        "teacher",
    ),
}
ENROLLMENT_ROLES = ("administrator", "proctor", "student", "teacher")
LEGACY_ENROLLMENT_ROLES = ("aide", "guardian", "parent", "relative")  # the 1.0 list
ORG_TYPES = ("department", "district", "local", "national", "school", "state")
CLASS_TYPES = ("homeroom", "scheduled")
SESSION_TYPES = ("gradingPeriod", "schoolYear", "semester", "term")
ROLE_TYPES = ("primary", "secondary")
STATUSES = {"": True, "active": True, "tobedeleted": False, "inactive": False}

# The data files Lanyard reads; every other file of the package is ignored.
READ_FILES = (
    "orgs",
    "academicSessions",
    "courses",
    "classes",
    "users",
    "roles",
    "enrollments",
    "demographics",
)
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "orgs": ("sourcedId", "name", "type"),
    "academicSessions": ("sourcedId", "title", "type"),
    "courses": ("sourcedId", "title", "orgSourcedId"),
    "classes": ("sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId"),
    "users": ("sourcedId", "enabledUser", "givenName", "familyName"),
    "roles": ("sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"),
    "enrollments": ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
    "demographics": ("sourcedId",),
}
MAX_PROBLEMS = 50
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class RosterError(Exception):
    """The package is refused; nothing was written."""

    def __init__(self, problems: list[Problem], more: bool = False) -> None:
        self.problems = problems
        self.more = more
        super().__init__(str(self))

    def __str__(self) -> str:
        first = str(self.problems[0])
        rest = len(self.problems) - 1
        if rest or self.more:
            return f"{first} (and {rest}{'+' if self.more else ''} more problem(s))"
        return first


class _TooMany(Exception):
    pass


@dataclass
class _Problems:
    items: list[Problem] = field(default_factory=list)
    more: bool = False

    def add(self, file: str, row: int | None, column: str | None, message: str) -> None:
        if len(self.items) >= MAX_PROBLEMS:
            self.more = True
            raise _TooMany
        self.items.append(Problem(file, row, column, message))


def _allowed(values: Iterable[str], version: str | None = None) -> str:
    extra = ", ext:<name>" if version == "1.2" else ""
    return f"(allowed: {', '.join(values)}{extra})"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.problems = _Problems()
        self.version = "1.1"
        self.modes: dict[str, str] = {}
        self.system_code: str | None = None

    # --- helpers ---------------------------------------------------------------------

    def add(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.problems.add(file, row, column, message)

    def bulk(self, name: str) -> Table | None:
        if self.modes.get(name) != "bulk":
            return None
        return self.package.table(f"{name}.csv")

    def rows(self, table: Table, name: str) -> Iterator[tuple[int, dict[str, str]]]:
        file = table.name
        missing = [c for c in REQUIRED_COLUMNS[name] if c not in table.header]
        if name == "users" and self.version == "1.1":
            missing += [c for c in ("orgSourcedIds", "role") if c not in table.header]
        for column in missing:
            self.add(file, 1, column, "required column is missing from the header")
        if missing:  # every later check would only repeat this problem
            raise _TooMany
        for row, values in table.rows():
            yield row, {k: v.strip() for k, v in values.items()}

    def required(self, file: str, row: int, values: dict[str, str], column: str) -> str:
        value = values.get(column, "")
        if not value:
            self.add(file, row, column, "a value is required")
        return value

    def status(self, file: str, row: int, values: dict[str, str]) -> bool:
        status = values.get("status", "")
        if status not in STATUSES:
            self.add(file, row, "status", f"{status!r} is not a status {_allowed(STATUSES)}")
            return True
        return STATUSES[status]

    def boolean(self, file: str, row: int, values: dict[str, str], column: str) -> bool | None:
        value = values.get(column, "").lower()
        if value == "":
            return None
        if value in ("true", "false"):
            return value == "true"
        self.add(file, row, column, f"{values[column]!r} is not a boolean (true or false)")
        return None

    def date(self, file: str, row: int, values: dict[str, str], column: str) -> dt.date | None:
        value = values.get(column, "")
        if not value:
            return None
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.add(file, row, column, f"{value!r} is not a date (YYYY-MM-DD)")
        return None

    def vocab(
        self,
        file: str,
        row: int,
        values: dict[str, str],
        column: str,
        allowed: tuple[str, ...],
        what: str,
        *,
        ext: bool = False,
    ) -> str | None:
        value = self.required(file, row, values, column)
        if not value:
            return None
        if value in allowed or (ext and value.startswith("ext:") and len(value) > 4):
            return value
        self.add(
            file,
            row,
            column,
            f"{value!r} is not {what} {_allowed(allowed, '1.2' if ext else None)}",
        )
        return None

    def refs(
        self,
        file: str,
        row: int,
        column: str,
        value: str,
        defined: Collection[str] | None,
        target: str,
    ) -> list[str]:
        ids = _split(value)
        if defined is None:
            return ids
        for ref in ids:
            if ref not in defined:
                self.add(file, row, column, f"{ref!r} is not defined in {target}")
        return ids

    def unique(self, file: str, row: int, sid: str, seen: dict[str, int]) -> None:
        if sid in seen:
            self.add(file, row, "sourcedId", f"{sid!r} is already defined in row {seen[sid]}")
        else:
            seen[sid] = row

    # --- manifest --------------------------------------------------------------------

    def manifest(self) -> None:
        table = self.package.table("manifest.csv")
        if table is None:
            self.add("manifest.csv", None, None, "the package has no manifest.csv")
            raise _TooMany
        if "propertyName" not in table.header or "value" not in table.header:
            self.add("manifest.csv", 1, None, "the header must be propertyName,value")
            raise _TooMany
        props: dict[str, tuple[int | None, str]] = {}
        for number, values in table.rows():
            props[values["propertyName"].strip()] = (number, values["value"].strip())
        where, version = props.get("oneroster.version", (None, ""))
        if version not in VERSIONS:
            shown = repr(version) if version else "missing"
            self.add(
                "manifest.csv",
                where,
                "value",
                f"oneroster.version is {shown}: not a supported version {_allowed(VERSIONS)}",
            )
            raise _TooMany
        self.version = version
        self.system_code = props.get("source.systemCode", (0, ""))[1] or None
        for name in READ_FILES:
            if name == "roles" and version == "1.1":
                continue
            present = self.package.table(f"{name}.csv") is not None
            where, mode = props.get(f"file.{name}", (None, "bulk" if present else "absent"))
            mode = mode.lower()
            if mode not in ("bulk", "delta", "absent"):
                self.add("manifest.csv", where, "value", f"file.{name}: {mode!r} is not a mode")
            elif mode == "delta":
                self.add(
                    "manifest.csv",
                    where,
                    "value",
                    f"file.{name} is delta: Lanyard imports bulk exports only "
                    "(export the complete set)",
                )
            elif mode == "bulk" and not present:
                self.add(
                    "manifest.csv", where, "value", f"file.{name} is bulk but {name}.csv is missing"
                )
            self.modes[name] = mode
        needs = {
            "users": ("orgs", "roles") if version == "1.2" else ("orgs",),
            "roles": ("users", "orgs"),
            "classes": ("orgs",),
            "courses": ("orgs",),
            "enrollments": ("classes", "users", "orgs"),
            "demographics": ("users",),
        }
        for name, deps in needs.items():
            if self.modes.get(name) != "bulk":
                continue
            for dep in deps:
                if self.modes.get(dep) != "bulk":
                    self.add(
                        "manifest.csv",
                        None,
                        None,
                        f"{name}.csv refers to {dep}.csv, which is not in the package as bulk",
                    )

    # --- files -----------------------------------------------------------------------

    def orgs(self) -> dict[str, OrgRecord] | None:
        table = self.bulk("orgs")
        if table is None:
            return None
        file = table.name
        out: dict[str, OrgRecord] = {}
        seen: dict[str, int] = {}
        parents: list[tuple[int, str]] = []
        for row, v in self.rows(table, "orgs"):
            sid = self.required(file, row, v, "sourcedId")
            name = self.required(file, row, v, "name")
            kind = self.vocab(
                file, row, v, "type", ORG_TYPES, "an org type", ext=self.version == "1.2"
            )
            active = self.status(file, row, v)
            if v.get("parentSourcedId"):
                parents.append((row, v["parentSourcedId"]))
            if sid:
                self.unique(file, row, sid, seen)
                out[sid] = OrgRecord(
                    sid, name, kind or "school", v.get("identifier") or None, active
                )
        for row, parent in parents:
            self.refs(file, row, "parentSourcedId", parent, out, "orgs.csv")
        return out

    def simple_ids(self, name: str, orgs: dict[str, OrgRecord] | None) -> set[str] | None:
        table = self.bulk(name)
        if table is None:
            return None
        file = table.name
        seen: dict[str, int] = {}
        for row, v in self.rows(table, name):
            sid = self.required(file, row, v, "sourcedId")
            if sid:
                self.unique(file, row, sid, seen)
            self.status(file, row, v)
            if name == "courses":
                self.refs(file, row, "orgSourcedId", v["orgSourcedId"], orgs, "orgs.csv")
            if name == "academicSessions":
                self.vocab(file, row, v, "type", SESSION_TYPES, "a session type")
                for column in ("startDate", "endDate"):
                    self.date(file, row, v, column)
        return set(seen)

    def classes(
        self,
        orgs: dict[str, OrgRecord] | None,
        courses: set[str] | None,
        sessions: set[str] | None,
    ) -> dict[str, ClassRecord] | None:
        table = self.bulk("classes")
        if table is None:
            return None
        file = table.name
        seen: dict[str, int] = {}
        out: dict[str, ClassRecord] = {}
        for row, v in self.rows(table, "classes"):
            sid = self.required(file, row, v, "sourcedId")
            if sid:
                self.unique(file, row, sid, seen)
            active = self.status(file, row, v)
            kind = self.vocab(file, row, v, "classType", CLASS_TYPES, "a class type")
            school = self.required(file, row, v, "schoolSourcedId")
            if school:
                self.refs(file, row, "schoolSourcedId", school, orgs, "orgs.csv")
            course = self.required(file, row, v, "courseSourcedId")
            if course:
                self.refs(file, row, "courseSourcedId", course, courses, "courses.csv")
            terms = v.get("termSourcedIds", "")
            self.refs(file, row, "termSourcedIds", terms, sessions, "academicSessions.csv")
            if sid:
                out[sid] = ClassRecord(
                    sourced_id=sid,
                    title=self.required(file, row, v, "title") or sid,
                    class_type=kind or "scheduled",
                    school=school,
                    course=course or None,
                    active=active,
                )
        return out

    def roles(
        self, users: dict[str, int], orgs: dict[str, OrgRecord] | None
    ) -> dict[str, list[tuple[str, str, str]]]:
        """1.2: (role, roleType, org) per user."""
        table = self.bulk("roles")
        out: dict[str, list[tuple[str, str, str]]] = {}
        if table is None:
            return out
        file = table.name
        seen: dict[str, int] = {}
        allowed = USER_ROLES["1.2"]
        for row, v in self.rows(table, "roles"):
            sid = self.required(file, row, v, "sourcedId")
            if sid:
                self.unique(file, row, sid, seen)
            if not self.status(file, row, v):
                continue
            user = self.required(file, row, v, "userSourcedId")
            if user and user not in users:
                self.add(file, row, "userSourcedId", f"{user!r} is not defined in users.csv")
            role_type = self.vocab(file, row, v, "roleType", ROLE_TYPES, "a roleType")
            role = self.vocab(file, row, v, "role", allowed, "a OneRoster 1.2 role", ext=True)
            org = self.required(file, row, v, "orgSourcedId")
            if org:
                self.refs(file, row, "orgSourcedId", org, orgs, "orgs.csv")
            self.date(file, row, v, "beginDate")
            self.date(file, row, v, "endDate")
            if user and role and role_type and org:
                out.setdefault(user, []).append((role, role_type, org))
        return out

    def users(
        self, orgs: dict[str, OrgRecord] | None
    ) -> tuple[dict[str, PersonRecord], frozenset[tuple[str, str]], dict[str, int]] | None:
        table = self.bulk("users")
        if table is None:
            return None
        file, version = table.name, self.version
        parsed: list[tuple[int, dict[str, str], bool]] = []
        seen: dict[str, int] = {}
        for row, v in self.rows(table, "users"):
            sid = self.required(file, row, v, "sourcedId")
            if sid:
                self.unique(file, row, sid, seen)
            parsed.append((row, v, self.status(file, row, v)))
        roles_by_user = self.roles(seen, orgs) if version == "1.2" else {}
        org_kinds = {sid: o.kind for sid, o in (orgs or {}).items()}
        allowed = USER_ROLES["1.1"]
        people: dict[str, PersonRecord] = {}
        edges: set[frozenset[str]] = set()
        for row, v, active in parsed:
            sid = v.get("sourcedId", "")
            given = self.required(file, row, v, "givenName")
            family = self.required(file, row, v, "familyName")
            enabled = self.boolean(file, row, v, "enabledUser")
            for agent in self.refs(
                file, row, "agentSourcedIds", v.get("agentSourcedIds", ""), seen, "users.csv"
            ):
                if agent != sid:
                    edges.add(frozenset((sid, agent)))
            primary_org: str | None = None
            if version == "1.1":
                role = self.vocab(file, row, v, "role", allowed, "a OneRoster 1.1 role")
                org_value = self.required(file, row, v, "orgSourcedIds")
                org_ids = self.refs(file, row, "orgSourcedIds", org_value, orgs, "orgs.csv")
                words = [role] if role else []
            else:
                held = roles_by_user.get(sid, [])
                if sid and not held and active:
                    self.add(file, row, "sourcedId", f"{sid!r} has no role in roles.csv")
                words = [r for r, _, _ in held]
                primary_words = [r for r, kind, _ in held if kind == "primary"] or words
                words = [primary_of(primary_words)] if primary_words else []
                org_ids = list(dict.fromkeys(org for _, _, org in held))
                primary_org = v.get("primaryOrgSourcedId") or None
                if primary_org:
                    self.refs(file, row, "primaryOrgSourcedId", primary_org, orgs, "orgs.csv")
            if primary_org is None and org_ids:
                schools = [o for o in org_ids if org_kinds.get(o) == "school"]
                primary_org = (schools or org_ids)[0]
            if not (sid and given and family and words):
                continue
            kind, staff_role = map_role(words[0])
            people[sid] = PersonRecord(
                sourced_id=sid,
                kind=kind,
                source_role=words[0],
                staff_role=staff_role,
                given_name=given,
                family_name=family,
                preferred_given_name=v.get("preferredGivenName") or None,
                email=v.get("email") or None,
                username=v.get("username") or None,
                identifier=v.get("identifier") or None,
                grades=",".join(_split(v.get("grades", ""))) or None,
                enabled=True if enabled is None else enabled,
                primary_org=primary_org,
                orgs=tuple(dict.fromkeys(org_ids)),
                active=active,
            )
        links: set[tuple[str, str]] = set()
        for edge in edges:
            a, b = tuple(edge)
            pa, pb = people.get(a), people.get(b)
            if pa is None or pb is None:
                continue
            if pa.kind == "parent" and pb.kind == "student":
                links.add((a, b))
            elif pb.kind == "parent" and pa.kind == "student":
                links.add((b, a))
        return people, frozenset(links), seen

    def enrollments(
        self,
        classes: dict[str, ClassRecord] | None,
        users: dict[str, int],
        orgs: dict[str, OrgRecord] | None,
    ) -> tuple[EnrollmentRecord, ...] | None:
        table = self.bulk("enrollments")
        if table is None:
            return None
        out: list[EnrollmentRecord] = []
        file = table.name
        seen: dict[str, int] = {}
        allowed = ENROLLMENT_ROLES + LEGACY_ENROLLMENT_ROLES
        ext = self.version == "1.2"
        for row, v in self.rows(table, "enrollments"):
            sid = self.required(file, row, v, "sourcedId")
            if sid:
                self.unique(file, row, sid, seen)
            active = self.status(file, row, v)
            for column, defined, target in (
                ("classSourcedId", classes, "classes.csv"),
                ("schoolSourcedId", orgs, "orgs.csv"),
                ("userSourcedId", users, "users.csv"),
            ):
                value = self.required(file, row, v, column)
                if value and defined is not None and value not in defined:
                    self.add(file, row, column, f"{value!r} is not defined in {target}")
            role = self.vocab(file, row, v, "role", allowed, "an enrollment role", ext=ext)
            primary = self.boolean(file, row, v, "primary")
            begin = self.date(file, row, v, "beginDate")
            end = self.date(file, row, v, "endDate")
            if active and role and v.get("classSourcedId") and v.get("userSourcedId"):
                out.append(
                    EnrollmentRecord(
                        class_id=v["classSourcedId"],
                        user=v["userSourcedId"],
                        role=role,
                        primary=bool(primary),
                        begin=begin,
                        end=end,
                    )
                )
        return tuple(out)

    def demographics(self, users: dict[str, int]) -> dict[str, dt.date] | None:
        table = self.bulk("demographics")
        if table is None:
            return None
        file = table.name
        seen: dict[str, int] = {}
        out: dict[str, dt.date] = {}
        for row, v in self.rows(table, "demographics"):
            sid = self.required(file, row, v, "sourcedId")
            if not sid:
                continue
            self.unique(file, row, sid, seen)
            if sid not in users:
                self.add(file, row, "sourcedId", f"{sid!r} is not defined in users.csv")
            born = self.date(file, row, v, "birthDate")
            if born is not None:
                out[sid] = born
        return out

    def read(self) -> Roster:
        self.manifest()
        orgs = self.orgs()
        courses = self.simple_ids("courses", orgs)
        sessions = self.simple_ids("academicSessions", orgs)
        classes = self.classes(orgs, courses, sessions)
        result = self.users(orgs)
        people, links, user_ids = result if result is not None else (None, None, {})
        enrollments = self.enrollments(classes, user_ids, orgs)
        births = self.demographics(user_ids)
        if self.problems.items:
            raise _TooMany
        if people is not None and births is not None:
            people = {
                sid: _with_birth_date(p, births.get(sid)) if sid in births else p
                for sid, p in people.items()
            }
        return Roster(
            version=self.version,
            system_code=self.system_code,
            orgs=orgs,
            people=people,
            parent_links=links,
            birth_dates_present=births is not None and people is not None,
            classes=classes,
            enrollments=enrollments,
        )


def _with_birth_date(person: PersonRecord, born: dt.date | None) -> PersonRecord:
    return replace(person, birth_date=born)


def read_roster(package: Package) -> Roster:
    """Validate the whole package; raise :class:`RosterError` naming every problem."""
    reader = _Reader(package)
    try:
        return reader.read()
    except _TooMany:
        raise RosterError(reader.problems.items, reader.problems.more) from None
