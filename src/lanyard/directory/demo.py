"""The demo district: a synthetic OneRoster 1.1 export and ``lanyard demo seed``.

Everything here is invented: names come from the small lists below, addresses use
``example.org`` domains, the random seed is fixed so every run writes the same files.

Demo rules the data cannot express (documented in docs/directory.md):

* coaches: OneRoster has no coach role, so every fourth teacher of the middle and the
  high school (``COACH_EVERY``) is recorded as ``staff_role='coach'`` after the import
  (the import keeps that refinement on later imports);
* pack roles: building-scoped roles (the pack's ``scope: building``) go to each school's
  principal, district-wide roles to the district office by the keyword table
  ``DISTRICT_ROLE_HOLDERS`` (fallback: the superintendent's designee);
* when no role of the pack may manage roles, the director of technology is made Lanyard
  administrator (``lanyard_admin``), so that someone can grant the pack's roles;
* every holder of a role gets a demo sign-in, labelled with the plain names of its roles.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.orm import Account
from lanyard.auth.passwords import hash_password
from lanyard.auth.permissions import LANYARD_ADMIN, MANAGE_ROLES, RoleTable
from lanyard.auth.roles import role_label, role_table
from lanyard.db.session import Database
from lanyard.directory.orm import (
    ApprovalOnFile,
    Building,
    Person,
    RelationshipDisclosure,
    RoleAssignment,
)
from lanyard.directory.service import ImportResult, import_oneroster
from lanyard.policy.loader import safe_load

if TYPE_CHECKING:
    from lanyard.directory.demo_work import DemoWork
    from lanyard.messages.domain import ReviewSettings

SEED = 2026
SCHOOL_YEAR = 2026
DEMO_PASSWORD = "lanyard-demo"
STAFF_DOMAIN = "demo-district.example.org"
STUDENT_DOMAIN = "students.demo-district.example.org"
PARENT_DOMAINS = ("example.net", "example.com")
STUDENT_TARGET = 2000
COACH_EVERY = 4
DEMO_APPROVAL_FORM = "personal-technology-for-district-business"

GIVEN = (
    "Avery Blake Casey Dana Elliot Frankie Gray Harper Indy Jordan Kai Lane Morgan Noel "
    "Oakley Parker Quinn Reese Sage Tatum Umber Val Wren Xan Yael Zion Arden Bellamy "
    "Cove Darcy Ember Fable Hollis Juniper Kestrel Linden Marlow Nova Orrin Piper"
).split()
FAMILY = (
    "Ashdown Brightwater Corrow Dunmere Elswick Fairholt Glenmarsh Hazelby Ivers Jessamy "
    "Kettering Larkspur Merriwell Northcott Oakhurst Pellham Quillon Rowntree Stillwell "
    "Thistlewood Underhill Vantreight Westerly Yarborough Zeller Applegarth Blackwood "
    "Cinderford Dovecote Emberly Foxcombe Greywell Hollowell Inchmore Juniperhill"
).split()

# (sourcedId, name, identifier, grades, teachers, aides, counselors)
SCHOOLS = (
    ("b-maple", "Maple Elementary School", "990000100001", range(0, 6), 26, 5, 1),
    ("b-cedar", "Cedar Elementary School", "990000100002", range(0, 6), 26, 5, 1),
    ("b-ridge", "Ridge Middle School", "990000100003", range(6, 9), 24, 3, 2),
    ("b-lake", "Lakeview High School", "990000100004", range(9, 13), 34, 3, 3),
)
DISTRICT = ("d-demo", "Demo Unified School District", "9900001")
# district office: (sourcedId, title, OneRoster 1.1 role)
OFFICE = (
    ("u-do-supt", "superintendent", "administrator"),
    ("u-do-designee", "assistant superintendent (superintendent's designee)", "administrator"),
    ("u-do-tech", "director of technology", "administrator"),
    ("u-do-tech-1", "technology staff", "aide"),
    ("u-do-tech-2", "technology staff", "aide"),
    ("u-do-comms", "communications director", "administrator"),
    ("u-do-hr", "director of human resources", "administrator"),
    ("u-do-business", "business manager", "administrator"),
)
# The demo sign-ins, in the order the console and the sign-in page list them:
# (sourcedId, what the account demonstrates). One label per person, everywhere.
DEMO_SIGN_INS = (
    ("u-lake-t01", "teacher, Lakeview High School"),
    ("u-ridge-t04", "coach, Ridge Middle School"),
    ("u-lake-principal", "principal, Lakeview High School"),
    ("u-do-designee", "superintendent's designee"),
    ("u-do-tech", "director of technology"),
    ("u-do-comms", "communications director and site manager"),
)
# District-wide pack roles: the first keyword found in the role id names the holder.
DISTRICT_ROLE_HOLDERS = (
    ("superintendent_or_designee", "u-do-designee"),
    ("superintendent", "u-do-supt"),
    ("communications", "u-do-comms"),
    ("complaint", "u-do-comms"),
    ("district_administration", "u-do-comms"),
    ("public_information", "u-do-comms"),
    ("site_manager", "u-do-comms"),
    ("technology_staff", "u-do-tech-1"),
    ("technology", "u-do-tech"),
    ("network", "u-do-tech"),
    ("board", "u-do-supt"),
    ("cabinet", "u-do-supt"),
    ("district", "u-do-supt"),
)


def grade_code(grade: int) -> str:
    return "KG" if grade == 0 else f"{grade:02d}"


@dataclass
class DemoDistrict:
    """The sourcedIds the seed needs to find again after the import."""

    principals: dict[str, str] = field(default_factory=dict)  # building sid -> person sid
    teachers: dict[str, list[str]] = field(default_factory=dict)  # building sid -> sids
    coaches: list[str] = field(default_factory=list)
    students: dict[str, list[str]] = field(default_factory=dict)


class _Names:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.usernames: set[str] = set()

    def person(self, family: str | None = None) -> tuple[str, str]:
        return self.rng.choice(GIVEN), family or self.rng.choice(FAMILY)

    def username(self, given: str, family: str) -> str:
        base = (given[0] + family).lower()
        name, n = base, 1
        while name in self.usernames:
            n += 1
            name = f"{base}{n}"
        self.usernames.add(name)
        return name


USER_HEADER = (
    "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,"
    "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
).split(",")


def write_demo_district(folder: Path, *, seed: int = SEED) -> DemoDistrict:
    """Write the demo district as a OneRoster 1.1 bulk export into ``folder``."""
    rng = random.Random(seed)
    names = _Names(rng)
    demo = DemoDistrict()
    users: list[list[str]] = []
    births: list[tuple[str, dt.date]] = []
    classes: list[list[str]] = []
    courses: list[list[str]] = []
    enrollments: list[list[str]] = []

    def user(sid: str, role: str, orgs: list[str], given: str, family: str, **extra: str) -> None:
        username = extra.get("username", names.username(given, family))
        domain = STUDENT_DOMAIN if role == "student" else STAFF_DOMAIN
        email = extra.get("email", f"{username}@{domain}")
        users.append(
            [
                sid,
                "",
                "",
                "true",
                ",".join(orgs),
                role,
                username,
                "",
                given,
                family,
                "",
                extra.get("identifier", ""),
                email,
                "",
                "",
                extra.get("agents", ""),
                extra.get("grades", ""),
                "",
            ]
        )

    for n, (sid, _title, role) in enumerate(OFFICE):
        given, family = names.person()
        user(sid, role, [DISTRICT[0]], given, family, identifier=f"E{1000 + n}")

    staff_no = 2000
    for school, _name, _ident, grades, n_teachers, n_aides, n_counselors in SCHOOLS:
        principal = f"u-{school[2:]}-principal"
        given, family = names.person()
        user(principal, "administrator", [school], given, family, identifier=f"E{staff_no}")
        staff_no += 1
        demo.principals[school] = principal
        demo.teachers[school] = []
        for t in range(n_teachers):
            sid = f"u-{school[2:]}-t{t + 1:02d}"
            given, family = names.person()
            user(sid, "teacher", [school], given, family, identifier=f"E{staff_no}")
            staff_no += 1
            demo.teachers[school].append(sid)
            if min(grades) >= 6 and t % COACH_EVERY == COACH_EVERY - 1:
                demo.coaches.append(sid)
            grade = list(grades)[t % len(grades)]
            course = f"c-{school[2:]}-{t + 1:02d}"
            subject = ("Homeroom" if max(grades) <= 5 else rng.choice(_SUBJECTS)) + (
                f" {grade_code(grade)}"
            )
            courses.append(
                [course, "", "", "y-2026", subject, "", grade_code(grade), school, "", ""]
            )
            for period in range(1 if max(grades) <= 5 else 4):
                klass = f"k-{school[2:]}-{t + 1:02d}-{period + 1}"
                kind = "homeroom" if max(grades) <= 5 else "scheduled"
                classes.append(
                    [klass, "", "", f"{subject} - Period {period + 1}", grade_code(grade),
                     course, "", kind, "", school, "y-2026", "", "", str(period + 1)]
                )  # fmt: skip
                enrollments.append(
                    [f"e-{klass}-t", "", "", klass, school, sid, "teacher", "true", "", ""]
                )
        for role, count in (("aide", n_aides), ("aide", n_counselors)):
            for _ in range(count):
                given, family = names.person()
                user(f"u-{school[2:]}-s{staff_no}", role, [school], given, family,
                     identifier=f"E{staff_no}")  # fmt: skip
                staff_no += 1
        demo.students[school] = []

    # Families: 1-3 children each, 1-2 parents; children go to the school of their grade.
    by_grade = {g: [s for s in SCHOOLS if g in s[3]] for g in range(13)}
    student_no, family_no = 100001, 1
    class_index: dict[tuple[str, str], list[str]] = {}
    for row in classes:
        class_index.setdefault((row[9], row[4]), []).append(row[0])
    school_classes: dict[str, list[str]] = {}
    for row in classes:
        school_classes.setdefault(row[9], []).append(row[0])
    while student_no - 100001 < STUDENT_TARGET:
        family = rng.choice(FAMILY)
        children = []
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            grade = rng.randrange(13)
            school = rng.choice(by_grade[grade])[0]
            sid = f"u-st-{student_no}"
            given, _ = names.person(family)
            children.append((sid, school, grade, given))
            student_no += 1
        parents = [f"u-pa-{family_no:05d}-{k}" for k in range(rng.choice((1, 2, 2)))]
        family_no += 1
        for sid, school, grade, given in children:
            user(sid, "student", [school], given, family, identifier=sid[5:],
                 agents=",".join(parents), grades=grade_code(grade))  # fmt: skip
            born = dt.date(SCHOOL_YEAR - 7 - grade, 9, 1) + dt.timedelta(days=rng.randrange(365))
            births.append((sid, born))
            demo.students[school].append(sid)
            if school in ("b-maple", "b-cedar"):
                picks = class_index.get((school, grade_code(grade)), [])[:1]
            else:
                picks = rng.sample(school_classes[school], 5)
            for klass in picks:
                enrollments.append(
                    [f"e-{klass}-{sid}", "", "", klass, school, sid, "student", "", "", ""]
                )
        schools = sorted({c[1] for c in children})
        for k, parent in enumerate(parents):
            given, _ = names.person(family)
            both_ways = rng.random() < 0.3  # some exporters list the link on both rows
            username = names.username(given, family) if rng.random() < 0.7 else ""
            email = f"{given.lower()}.{family.lower()}{k or ''}@{rng.choice(PARENT_DOMAINS)}"
            user(parent, "parent" if k == 0 else "guardian", schools, given, family,
                 username=username, email=email,
                 agents=",".join(c[0] for c in children) if both_ways else "")  # fmt: skip

    _write(folder, "manifest.csv", ["propertyName", "value"], _MANIFEST)
    orgs = [[DISTRICT[0], "", "", DISTRICT[1], "district", DISTRICT[2], ""]] + [
        [s[0], "", "", s[1], "school", s[2], DISTRICT[0]] for s in SCHOOLS
    ]
    _write(folder, "orgs.csv", _ORG_HEADER, orgs)
    _write(folder, "academicSessions.csv", _SESSION_HEADER, _SESSIONS)
    _write(folder, "courses.csv", _COURSE_HEADER, courses)
    _write(folder, "classes.csv", _CLASS_HEADER, classes)
    _write(folder, "users.csv", USER_HEADER, users)
    _write(folder, "enrollments.csv", _ENROLLMENT_HEADER, enrollments)
    _write(
        folder,
        "demographics.csv",
        _DEMOGRAPHICS_HEADER,
        [[sid, "", "", born.isoformat()] + [""] * 12 for sid, born in births],
    )
    return demo


_SUBJECTS = ("Mathematics", "English", "Science", "Social Studies", "Art", "Music", "PE")
_MANIFEST = [
    ["manifest.version", "1.0"],
    ["oneroster.version", "1.1"],
    *[
        [f"file.{name}", mode]
        for name, mode in (
            ("academicSessions", "bulk"),
            ("categories", "absent"),
            ("classes", "bulk"),
            ("classResources", "absent"),
            ("courses", "bulk"),
            ("courseResources", "absent"),
            ("demographics", "bulk"),
            ("enrollments", "bulk"),
            ("lineItems", "absent"),
            ("orgs", "bulk"),
            ("resources", "absent"),
            ("results", "absent"),
            ("users", "bulk"),
        )
    ],
    ["source.systemName", "Lanyard demo generator"],
    ["source.systemCode", "demo-district"],
]
_ORG_HEADER = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId".split(",")
_SESSION_HEADER = (
    "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear"
).split(",")
_SESSIONS = [["y-2026", "", "", "2025-2026", "schoolYear", "2025-08-18", "2026-06-05", "", "2026"]]
_COURSE_HEADER = (
    "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,"
    "orgSourcedId,subjects,subjectCodes"
).split(",")
_CLASS_HEADER = (
    "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,"
    "location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods"
).split(",")
_ENROLLMENT_HEADER = (
    "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,"
    "primary,beginDate,endDate"
).split(",")
_DEMOGRAPHICS_HEADER = (
    "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,"
    "blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,"
    "demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,"
    "stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus"
).split(",")


def _write(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


# ----------------------------------------------------------------------------- seeding


def _pack_roles(pack_id: str) -> list[dict[str, object]]:
    entry = resources.files("lanyard") / "packs" / pack_id / "pack.yaml"
    if not entry.is_file():
        raise KeyError(f"no policy pack {pack_id!r}")
    data = safe_load(entry.read_text(encoding="utf-8")) or {}
    return list(data.get("roles") or [])


def pack_role_ids(pack_id: str) -> list[str]:
    """The ``roles:`` ids of a built-in pack, read from its pack.yaml."""
    return [str(role["id"]) for role in _pack_roles(pack_id)]


@dataclass(frozen=True)
class DemoSignIn:
    username: str
    name: str
    role: str  # what the account demonstrates (DEMO_SIGN_INS)
    policy_roles: tuple[str, ...]  # the pack's names of the roles it holds

    @property
    def label(self) -> str:
        """What the account demonstrates and, where the label does not already say them,
        the policy's names of its roles: "director of technology (in the policy: Technology
        Administrator)", so the sign-in matches what Home and the Roles page call it."""
        said = self.role.lower()
        missing = [name for name in self.policy_roles if name.lower() not in said]
        return f"{self.role} (in the policy: {'; '.join(missing)})" if missing else self.role


def demo_sign_ins(session: Session, pack_id: str, limit: int = 20) -> list[DemoSignIn]:
    """The demo accounts as the console and the sign-in page both list them: the demo's
    people first with their one label each, then any other local account."""
    try:
        table: RoleTable | None = role_table(pack_id)
    except KeyError:
        table = None
    order = {sid: n for n, (sid, _) in enumerate(DEMO_SIGN_INS)}
    labels = dict(DEMO_SIGN_INS)
    rows = session.execute(
        select(
            Person.id,
            Person.sourced_id,
            Person.given_name,
            Person.family_name,
            Person.staff_role,
            Account.username,
        )
        .join(Account, Account.person_id == Person.id)
        .where(Account.password_hash.is_not(None))
    ).all()
    rows = sorted(rows, key=lambda r: (order.get(r[1] or "", len(order)), r[5]))[:limit]
    held: dict[str, set[str]] = {}
    for person_id, role in session.execute(
        select(RoleAssignment.person_id, RoleAssignment.role).where(
            RoleAssignment.person_id.in_([row[0] for row in rows])
        )
    ):
        held.setdefault(person_id, set()).add(role)
    out = []
    for person_id, sid, given, family, staff_role, username in rows:
        roles = sorted(held.get(person_id, ()))
        names = [role_label(table, r) if table is not None else r for r in roles]
        label = labels.get(sid or "") or (
            f"{staff_role or 'staff'}: {'; '.join(names)}" if names else staff_role or "staff"
        )
        out.append(
            DemoSignIn(
                username=username,
                name=f"{given} {family}",
                role=label,
                policy_roles=tuple(names),
            )
        )
    return out


def is_building_role(role: str, table: RoleTable | None = None) -> bool:
    spec = table.get(role) if table is not None else None
    if spec is not None:
        return spec.scope == "building"
    return "building" in role or "principal" in role or role.startswith("school_")


def district_holder(role: str) -> str:
    for keyword, holder in DISTRICT_ROLE_HOLDERS:
        if keyword in role:
            return holder
    return "u-do-designee"


@dataclass(frozen=True)
class DemoOutcome:
    imported: ImportResult
    pack_id: str
    roles: dict[str, list[str]]  # role -> holders' usernames (with building)
    assignments_added: int
    accounts: list[tuple[str, str]]  # (username, what the account demonstrates)
    work: DemoWork  # what each role finds to do (added by this run)


def seed_demo(
    *,
    db: Database,
    pack_id: str,
    now: dt.datetime,
    district_domains: tuple[str, ...] = (),
    review: ReviewSettings | None = None,
    safety_contact: str | None = None,
) -> DemoOutcome:
    """Generate, import and staff the demo district, and give each demo role something to
    do (:mod:`lanyard.directory.demo_work`); running it again changes nothing. ``review``
    and ``safety_contact`` are the district's settings for the message log's review
    patterns and for a threat's case. Its steps happen a minute apart, ending at ``now`` at
    the latest (:class:`~lanyard.directory.demo_work.Moments`)."""
    from lanyard.directory.demo_work import SEED_SPAN, Moments, seed_demo_work

    moment = Moments(now - SEED_SPAN, now)
    started = moment()
    roles = pack_role_ids(pack_id)
    table = role_table(pack_id)
    with tempfile.TemporaryDirectory(prefix="lanyard-demo-") as tmp:
        demo = write_demo_district(Path(tmp))
        with db.uow(write=True) as uow:
            imported = import_oneroster(
                uow=uow,
                path=Path(tmp),
                dry_run=False,
                now=started,
                district_domains=district_domains,
            )
    with db.uow(write=True) as uow:
        s = uow.session
        sids = {
            *demo.principals.values(),
            *demo.coaches,
            *(sid for sid, _, _ in OFFICE),
            demo.teachers["b-lake"][0],
            demo.students["b-lake"][0],
        }
        people = {
            p.sourced_id: p for p in s.scalars(select(Person).where(Person.sourced_id.in_(sids)))
        }
        buildings = {
            b.sourced_id: b for b in s.scalars(select(Building).where(Building.kind == "school"))
        }
        coach_ids = [people[c].id for c in demo.coaches]
        coaches = list(
            s.scalars(
                select(Person).where(Person.id.in_(coach_ids), Person.staff_role == "teacher")
            )
        )
        for person in coaches:
            person.staff_role = "coach"
        coached = len(coaches)

        held = {(a.person_id, a.role, a.building_id) for a in s.scalars(select(RoleAssignment))}
        wanted: list[tuple[Person, str, Building | None]] = []
        for role in roles:
            if is_building_role(role, table):
                for school, principal in demo.principals.items():
                    wanted.append((people[principal], role, buildings[school]))
            else:
                wanted.append((people[district_holder(role)], role, None))
        if not any(MANAGE_ROLES in table[role].capabilities for role in roles):
            wanted.append((people["u-do-tech"], LANYARD_ADMIN, None))
        added = 0
        shown: dict[str, list[str]] = {}
        for person, role, building in wanted:
            key = (person.id, role, building.id if building else None)
            where = f" ({building.name})" if building else ""
            shown.setdefault(role, []).append(f"{person.username}{where}")
            if key not in held:
                s.add(RoleAssignment(person_id=key[0], role=role, building_id=key[2]))
                held.add(key)
                added += 1

        coach = people[demo.coaches[0]]
        teacher = people[demo.teachers["b-lake"][0]]
        student = people[demo.students["b-lake"][0]]
        designee = people["u-do-designee"]
        accounts_for = [(people[sid], label) for sid, label in DEMO_SIGN_INS]
        titles = {people[sid].id: title for sid, title, _ in OFFICE if sid in people}
        for school, sid in demo.principals.items():
            titles[people[sid].id] = f"principal, {buildings[school].name}"
        held_by: dict[str, dict[str, None]] = {}
        for person, role, _building in wanted:
            held_by.setdefault(person.id, {})[role_label(table, role)] = None
        listed = {person.id for person, _label in accounts_for}
        holders = {person.id: person for person, _role, _building in wanted}
        for person in sorted(holders.values(), key=lambda p: p.username or ""):
            if person.id in listed:
                continue
            title = titles.get(person.id, person.staff_role or "staff")
            accounts_for.append((person, f"{title}: {'; '.join(held_by[person.id])}"))
        existing = set(s.scalars(select(Account.person_id)))
        new_accounts = 0
        # Every demo account has the same published password: hash it once (argon2 takes
        # about a third of a second a hash, most of the seed's time otherwise).
        demo_hash = hash_password(DEMO_PASSWORD) if accounts_for else ""
        for person, _label in accounts_for:
            if person.id not in existing and person.username:
                s.add(
                    Account(
                        person_id=person.id,
                        username=person.username,
                        password_hash=demo_hash,
                    )
                )
                new_accounts += 1

        disclosed = s.scalars(
            select(RelationshipDisclosure).where(
                RelationshipDisclosure.employee_id == teacher.id,
                RelationshipDisclosure.student_id == student.id,
            )
        ).first()
        if disclosed is None:
            s.add(
                RelationshipDisclosure(
                    employee_id=teacher.id,
                    student_id=student.id,
                    kind="religious",
                    description="Both attend the same house of worship (demo record).",
                    disclosed_at=started,
                )
            )
        approval = s.scalars(
            select(ApprovalOnFile).where(
                ApprovalOnFile.person_id == coach.id,
                ApprovalOnFile.form == DEMO_APPROVAL_FORM,
                ApprovalOnFile.revoked.is_(False),
            )
        ).first()
        if approval is None:
            s.add(
                ApprovalOnFile(
                    person_id=coach.id,
                    form=DEMO_APPROVAL_FORM,
                    granted_by_id=designee.id,
                    granted_at=started,
                    expires_at=started + dt.timedelta(days=365),
                    # The approver ticked what Lanyard can check and wrote the rest.
                    limits=["group_only", "students_district_accounts"],
                    conditions="Team announcements only.",
                    details={"demo": True},
                )
            )
        created = {
            "coaches": coached,
            "role_assignments": added,
            "accounts": new_accounts,
            "disclosures": int(disclosed is None),
            "approvals": int(approval is None),
        }
        if any(created.values()):
            s.flush()
            record(
                s,
                event=AuditEvent.DEMO_SEEDED,
                subject_type="demo",
                subject_id=pack_id,
                now=started,
                after=created,
            )
            uow.commit()
        accounts = [(p.username or "", label) for p, label in accounts_for]
        designee_id = designee.id
    _open_demo_campaign(db, pack_id, moment(), designee_id)
    with tempfile.TemporaryDirectory(prefix="lanyard-demo-work-") as tmp:
        work = seed_demo_work(
            db=db,
            pack_id=pack_id,
            now=now,
            students=demo.students["b-lake"],
            folder=Path(tmp),
            district_domains=district_domains,
            staff_domain=STAFF_DOMAIN,
            review=review,
            safety_contact=safety_contact,
            moments=moment,
        )
    return DemoOutcome(imported, pack_id, shown, added, accounts, work)


# The demo's campaign sends its first round of reminders this long after the demo opened it,
# not at the first job round of the server that just started: a fresh demo e-mailed every
# member of staff at once (about 145 reminders in the server's log). Campaigns opened in
# use keep their rhythm (the first round reminds whoever was never reminded).
DEMO_FIRST_REMINDER = dt.timedelta(days=1)


def _open_demo_campaign(db: Database, pack_id: str, now: dt.datetime, actor_id: str) -> None:
    """Open the year's acknowledgment campaign for the pack, as the designee would, so a
    teacher signing in to the demo has the policy to read and sign (on Home, from the
    assignment). Only when the pack has never had a campaign: running the seed again, or
    after the designee closed it, opens nothing. Its first reminders are due
    :data:`DEMO_FIRST_REMINDER` later, then every week as in use."""
    from lanyard.acknowledgments.domain import REMIND_EVERY
    from lanyard.acknowledgments.orm import AckAssignment, AckCampaign
    from lanyard.acknowledgments.service import builtin_version, open_campaign

    with db.uow(write=True) as uow:
        if uow.session.scalars(
            select(AckCampaign.id).where(AckCampaign.pack_id == pack_id)
        ).first():
            return
        campaign = open_campaign(
            uow=uow,
            version=builtin_version(pack_id),
            title=f"Annual acknowledgment {now.year}-{now.year + 1}",
            opens_at=now,
            due_at=now + dt.timedelta(days=30),
            now=now,
            actor_id=actor_id,
        )
        # The reminder clock of each assignment starts so that the first round falls due
        # a day from now (no reminder was sent: the count stays 0).
        uow.session.execute(
            update(AckAssignment)
            .where(AckAssignment.campaign_id == campaign.id)
            .values(reminded_at=now + DEMO_FIRST_REMINDER - REMIND_EVERY)
            .execution_options(synchronize_session=False)
        )
        uow.commit()


# ----------------------------------------------------------------------------- sample export

SAMPLE_NEW_TEACHERS = (
    ("u-lake-t90", "Kestrel", "Ashdown"),
    ("u-lake-t91", "Linden", "Corrow"),
)
SAMPLE_RENAMED = ("u-maple-t03", "Westerly")  # a teacher whose family name changed


def sample_export_zip() -> bytes:
    """Next term's export of the demo district, as a OneRoster 1.1 bulk zip to try on the
    Import page: two teachers hired at Lakeview High School, one family name changed.
    The same format and files as a student information system writes."""
    import io
    import zipfile

    with tempfile.TemporaryDirectory(prefix="lanyard-sample-") as tmp:
        folder = Path(tmp)
        write_demo_district(folder)
        users_csv = folder / "users.csv"
        with users_csv.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        col = {name: n for n, name in enumerate(header)}
        model = next(r for r in body if r[col["sourcedId"]] == "u-lake-t01")
        for n, row in enumerate(body):
            if row[col["sourcedId"]] == SAMPLE_RENAMED[0]:
                body[n] = row[:]
                body[n][col["familyName"]] = SAMPLE_RENAMED[1]
        for k, (sid, given, family) in enumerate(SAMPLE_NEW_TEACHERS):
            row = model[:]
            username = f"{given[0]}{family}".lower()
            row[col["sourcedId"]] = sid
            row[col["givenName"]], row[col["familyName"]] = given, family
            row[col["username"]] = username
            row[col["email"]] = f"{username}@{STAFF_DOMAIN}"
            row[col["identifier"]] = f"E{9000 + k}"
            body.append(row)
        _write(folder, "users.csv", header, body)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.iterdir()):
                archive.write(path, path.name)
    return out.getvalue()
