"""The directory's pure logic: roster records, role mapping, e-mail domains and the diff
between what the database holds and a complete (bulk) roster. No SQLAlchemy here."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

# ----------------------------------------------------------------------------- roles

# OneRoster role word -> (Person.kind, Person.staff_role), formats.md 1.11.
ROLE_MAP: dict[str, tuple[str, str | None]] = {
    "teacher": ("staff", "teacher"),
    "principal": ("staff", "administrator"),
    "siteAdministrator": ("staff", "administrator"),
    "districtAdministrator": ("staff", "administrator"),
    "administrator": ("staff", "administrator"),
    "aide": ("staff", "staff"),
    "counselor": ("staff", "staff"),
    "proctor": ("staff", "staff"),
    "systemAdministrator": ("staff", "staff"),
    "student": ("student", None),
    "parent": ("parent", None),
    "guardian": ("parent", None),
    "relative": ("parent", None),
}

# When one person holds several roles (1.2 roles.csv), the person's kind and staff
# role come from the highest of them in this order.
_ROLE_RANK = {"administrator": 0, "teacher": 1, "staff": 2}
_KIND_RANK = {"staff": 0, "student": 1, "parent": 2}

# Staff roles Lanyard's own roster refines and an import must not undo: OneRoster has
# no coach role, so a coach arrives as a teacher (formats.md 1.11).
LOCAL_REFINEMENTS: dict[str, frozenset[str]] = {"teacher": frozenset({"coach"})}


def map_role(role: str) -> tuple[str, str | None]:
    """Kind and staff role for a OneRoster role word; ``ext:`` roles count as staff."""
    if role.startswith("ext:"):
        return ("staff", "staff")
    return ROLE_MAP[role]


def primary_of(roles: Iterable[str]) -> str:
    """The role word that decides kind and staff role among several."""

    def rank(word: str) -> tuple[int, int]:
        kind, staff_role = map_role(word)
        return (_KIND_RANK[kind], _ROLE_RANK.get(staff_role or "", 9))

    return min(roles, key=rank)


def merge_staff_role(existing: str | None, imported: str | None) -> str | None:
    """Keep a local refinement (teacher -> coach) that the import cannot express."""
    if imported is not None and existing in LOCAL_REFINEMENTS.get(imported, frozenset()):
        return existing
    return imported


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class OrgRecord:
    sourced_id: str
    name: str
    kind: str  # school | district | department | local | state | national | ext:...
    identifier: str | None
    active: bool = True


@dataclass(frozen=True, slots=True)
class PersonRecord:
    sourced_id: str
    kind: str
    source_role: str
    staff_role: str | None
    given_name: str
    family_name: str
    preferred_given_name: str | None
    email: str | None
    username: str | None
    identifier: str | None
    grades: str | None
    enabled: bool
    primary_org: str | None
    orgs: tuple[str, ...]
    active: bool = True
    birth_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ClassRecord:
    """A OneRoster class (a section): who teaches whom is its enrollments."""

    sourced_id: str
    title: str
    class_type: str  # homeroom | scheduled
    school: str  # the org's sourcedId
    course: str | None
    active: bool = True


@dataclass(frozen=True, slots=True)
class EnrollmentRecord:
    """A person in a class with a role (teacher, student, aide ...), within its dates."""

    class_id: str  # the class's sourcedId
    user: str  # the user's sourcedId
    role: str
    primary: bool = False
    begin: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Roster:
    """A complete roster read from a bulk export. ``None`` collections were absent
    from the package (nothing to change); ``birth_dates_present`` is false when the
    export carried no demographics, so stored birth dates are kept."""

    version: str
    system_code: str | None
    orgs: dict[str, OrgRecord] | None
    people: dict[str, PersonRecord] | None
    parent_links: frozenset[tuple[str, str]] | None  # (parent sourcedId, student sourcedId)
    birth_dates_present: bool = False
    classes: dict[str, ClassRecord] | None = None
    enrollments: tuple[EnrollmentRecord, ...] | None = None


# Person fields the import owns and compares (besides buildings and active).
PERSON_FIELDS = (
    "kind",
    "source_role",
    "staff_role",
    "given_name",
    "family_name",
    "preferred_given_name",
    "email",
    "username",
    "identifier",
    "grades",
    "enabled",
    "primary_org",
    "active",
)
BUILDING_FIELDS = ("name", "kind", "identifier", "active")


def person_values(record: PersonRecord, *, with_birth_date: bool) -> dict[str, object]:
    values: dict[str, object] = {f: getattr(record, f) for f in PERSON_FIELDS}
    if with_birth_date:
        values["birth_date"] = record.birth_date
    return values


def building_values(record: OrgRecord) -> dict[str, object]:
    return {f: getattr(record, f) for f in BUILDING_FIELDS}


# ----------------------------------------------------------------------------- diff


@dataclass(frozen=True)
class EntityDiff:
    """Added, changed (with the changed field names) and deactivated, by sourcedId."""

    added: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    deactivated: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.deactivated)

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "deactivated": len(self.deactivated),
        }


@dataclass(frozen=True)
class LinkDiff:
    added: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    removed: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed)


def diff_entities(
    existing: Mapping[str, Mapping[str, object]],
    incoming: Mapping[str, Mapping[str, object]],
) -> EntityDiff:
    """Compare stored values with a complete incoming set, both keyed by sourcedId.

    Only the fields present in the incoming values are compared. Stored rows absent
    from the incoming set are deactivated (never deleted) unless already inactive."""
    added: list[str] = []
    changed: list[tuple[str, tuple[str, ...]]] = []
    for sid, new in incoming.items():
        old = existing.get(sid)
        if old is None:
            added.append(sid)
            continue
        fields = tuple(name for name, value in new.items() if old.get(name) != value)
        if fields:
            changed.append((sid, fields))
    deactivated = [
        sid for sid, old in existing.items() if sid not in incoming and old.get("active", True)
    ]
    return EntityDiff(tuple(added), tuple(changed), tuple(sorted(deactivated)))


def diff_links(
    existing: Iterable[tuple[str, str]],
    incoming: Iterable[tuple[str, str]],
    *,
    scope: Callable[[tuple[str, str]], bool] | None = None,
) -> LinkDiff:
    """Links to add and remove; only existing links ``scope`` accepts may be removed."""
    old = set(existing)
    new = set(incoming)
    removable = {link for link in old - new if scope is None or scope(link)}
    return LinkDiff(frozenset(new - old), frozenset(removable))


# ----------------------------------------------------------------------------- domains


def domain_of(email: str | None) -> str | None:
    if not email or "@" not in email:
        return None
    return email.rsplit("@", 1)[1].strip().lower() or None


def is_district_address(email: str | None, domains: Iterable[str]) -> bool:
    """A district account only if the address's domain is listed (formats.md 1.15)."""
    domain = domain_of(email)
    return domain is not None and domain in set(domains)


def derive_domains(people: Iterable[PersonRecord]) -> dict[str, str]:
    """District domains read off a roster: the staff domain is the one most staff
    addresses use (at least half of them); the student domain is the one most student
    addresses use, only when it is the staff domain or a subdomain of it, so that a
    common personal provider never becomes a district domain."""
    staff: Counter[str] = Counter()
    students: Counter[str] = Counter()
    for person in people:
        domain = domain_of(person.email)
        if domain is None:
            continue
        if person.kind == "staff":
            staff[domain] += 1
        elif person.kind == "student":
            students[domain] += 1
    found: dict[str, str] = {}
    if not staff:
        return found
    staff_domain, count = staff.most_common(1)[0]
    if count * 2 < sum(staff.values()):
        return found
    found[staff_domain] = "staff"
    if students:
        student_domain, count = students.most_common(1)[0]
        related = student_domain == staff_domain or student_domain.endswith("." + staff_domain)
        if related and count * 2 >= sum(students.values()):
            found[student_domain] = "both" if student_domain == staff_domain else "student"
    return found


def merge_domains(
    configured: Iterable[str], derived: Mapping[str, str], stored: Iterable[str]
) -> dict[str, str]:
    """Domains to add: configured ones (kind from the roster when it knows, else
    ``both``) and derived ones not yet stored. Stored domains are never removed."""
    have = {d.lower() for d in stored}
    wanted: dict[str, str] = {}
    for domain in configured:
        d = domain.strip().lower()
        if d:
            wanted[d] = derived.get(d, "both")
    for domain, kind in derived.items():
        wanted.setdefault(domain, kind)
    return {d: k for d, k in wanted.items() if d not in have}
