"""Consents in the database, and the checks fed from the directory and the consents.

The import is one transaction and one audit entry per changed consent (the student by
Lanyard id, never by name); a check records one ``prepub:checked`` entry with the verdict
and the number of findings, never the draft's text or the names in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lanyard.approvals.orm import ApprovalRequest
from lanyard.audit.service import AuditEvent, record
from lanyard.auth.orm import Account
from lanyard.connectors.consents.base import ColumnMap, ReadOptions, header
from lanyard.connectors.consents.registry import detect, reader
from lanyard.crypto import KeyRing
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import EmailDomain, ParentLink, Person, PersonBuilding
from lanyard.directory.service import approvals_held
from lanyard.messages.orm import KnownAddress
from lanyard.moderation.classifiers.names import StudentNames
from lanyard.moderation.students import student_names
from lanyard.policy.loader import Pack
from lanyard.prepub.destinations import Destination, destination_findings
from lanyard.prepub.domain import (
    ALL_USES,
    DECISIONS,
    SCOPES,
    AddressBook,
    CheckResult,
    Citation,
    ConsentFileError,
    ConsentRow,
    Directory,
    Recipients,
    Refusals,
    StudentConsent,
    check_recipients,
    check_text,
    school_year_of,
    worst_verdict,
)
from lanyard.prepub.faces import describe_faces, match_faces, match_findings
from lanyard.prepub.logos import Logo, find_logo, read_logo
from lanyard.prepub.orm import Consent
from lanyard.prepub.photos import (
    STAFF_IMAGE_SCOPE,
    LogoApproval,
    Photo,
    PhotoResult,
    check_photo,
    coworker_citation,
    detect_faces,
    logo_approval_form,
    logo_citation,
)

# The student column each format's refusal names.
_KEY_COLUMNS = {
    "oneroster": "sourcedId",
    "powerschool": "Student_Number",
    "skyward": "Student ID",
    "infinite-campus": "studentNumber",
}


@dataclass(frozen=True)
class ConsentImport:
    format: str
    rows: int
    added: int
    changed: int
    unchanged: int


def read_consent_file(
    path: Path,
    *,
    format_name: str | None = None,
    maps: Sequence[ColumnMap] = (),
    school_year: int,
) -> tuple[str, list[ConsentRow]]:
    """The format (chosen, or detected from the header row) and every row of a consent
    file; any bad row refuses the whole file (:class:`ConsentFileError`, every refusal)."""
    return read_consent_bytes(path.name, path.read_bytes(), format_name=format_name, maps=maps,
                              school_year=school_year)  # fmt: skip


def read_consent_bytes(
    name: str,
    data: bytes,
    *,
    format_name: str | None = None,
    maps: Sequence[ColumnMap] = (),
    school_year: int,
) -> tuple[str, list[ConsentRow]]:
    """:func:`read_consent_file` for a file's bytes (an upload), named ``name``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConsentFileError(name, 1, "(file)", "is not UTF-8 text") from None
    chosen = reader(format_name) if format_name else detect(name, header(text))
    options = ReadOptions(school_year=school_year, maps=tuple(maps))
    return chosen.format, chosen.read(name, text, options)


def import_consents(
    *,
    uow: UnitOfWork,
    path: Path | None = None,
    now: dt.datetime,
    actor_id: str | None = None,
    format_name: str | None = None,
    maps: Sequence[ColumnMap] = (),
    school_year: int | None = None,
    upload: tuple[str, bytes] | None = None,
    dry_run: bool = False,
    buildings: frozenset[str] | None = None,
) -> ConsentImport:
    """Add or change consents from a consent file (``consents.csv``, OneRoster extension
    columns, an Infinite Campus, Skyward or PowerSchool export) at ``path`` or uploaded
    (``upload``: its name and bytes); all or nothing; commits. With ``dry_run``, counts
    what it would add and change and writes nothing. With ``buildings``, a student outside
    them is refused like one not in the directory (the building office's own students)."""
    session = uow.session
    year = school_year or school_year_of(now.date())
    if upload is None:
        if path is None:
            raise ValueError("give path or upload")
        upload = (path.name, path.read_bytes())
    name = upload[0]
    refusals = Refusals(name)
    try:
        format_name, rows = read_consent_bytes(name, upload[1], format_name=format_name,
                                               maps=maps, school_year=year)  # fmt: skip
    except ConsentFileError as exc:
        if not exc.rows:
            raise
        # Rows were refused: look the others up too, so one answer lists every refusal.
        refusals.take(exc)
        rows = list(exc.rows)
        format_name = format_name or detect(name, header(upload[1].decode("utf-8-sig"))).format
    students = session.execute(
        select(Person.id, Person.sourced_id, Person.identifier).where(Person.kind == "student")
    ).all()
    by_sourced = {s.sourced_id: s.id for s in students if s.sourced_id}
    by_identifier = {s.identifier: s.id for s in students if s.identifier}
    yours: set[str] | None = None
    if buildings is not None:
        yours = set(session.scalars(
            select(PersonBuilding.person_id).where(PersonBuilding.building_id.in_(buildings))
        ))  # fmt: skip
    wanted: dict[tuple[str, str, int], tuple[str, dt.date | None, str | None]] = {}
    for row in rows:
        index = by_identifier if row.by_identifier else by_sourced
        student_id = index.get(row.student)
        if student_id is None or (yours is not None and student_id not in yours):
            column = _KEY_COLUMNS.get(format_name) or (
                "student_identifier" if row.by_identifier else "student_sourced_id"
            )
            where = "the directory" if yours is None else "your buildings"
            refusals.add(row.line, column, f"is not a student in {where}")
            continue
        wanted[(student_id, row.scope, row.school_year)] = (
            row.decision, row.recorded_on, row.source
        )  # fmt: skip
    refusals.check()
    existing = {(c.student_id, c.scope, c.school_year): c for c in session.scalars(select(Consent))}
    added = changed = unchanged = 0
    for (student_id, scope, year), (decision, recorded, source) in wanted.items():
        current = existing.get((student_id, scope, year))
        if dry_run:
            outcome = _outcome(current, decision, recorded, source)
        else:
            outcome = _put_consent(
                session, current, student_id, scope, year, decision, recorded, source,
                now=now, actor_id=actor_id, event=AuditEvent.CONSENTS_IMPORTED,
                note={"file": name, "format": format_name},
            )  # fmt: skip
        added += outcome == "added"
        changed += outcome == "changed"
        unchanged += outcome == "unchanged"
    if not dry_run:
        uow.commit()
    return ConsentImport(format_name, len(rows), added, changed, unchanged)


def _outcome(
    current: Consent | None, decision: str, recorded: dt.date | None, source: str | None
) -> str:
    if current is None:
        return "added"
    if (current.decision, current.recorded_on, current.source) != (decision, recorded, source):
        return "changed"
    return "unchanged"


def _put_consent(
    session: Session,
    current: Consent | None,
    student_id: str,
    scope: str,
    year: int,
    decision: str,
    recorded: dt.date | None,
    source: str | None,
    *,
    now: dt.datetime,
    actor_id: str | None,
    event: AuditEvent,
    note: dict[str, str],
) -> str:
    """Add or change one consent, audited with the decision before and after (the student
    by Lanyard id); "added", "changed" or "unchanged"."""
    before = None
    outcome = _outcome(current, decision, recorded, source)
    if outcome == "unchanged":
        return outcome
    if current is None:
        current = Consent(student_id=student_id, scope=scope, school_year=year)
        session.add(current)
    else:
        before = {"decision": current.decision, "recorded_on": current.recorded_on}
    current.decision, current.recorded_on, current.source = decision, recorded, source
    current.updated_at = now
    record(
        session, event=event, subject_type="person", subject_id=student_id, now=now,
        actor_id=actor_id, before=before,
        after={**note, "scope": scope, "school_year": year, "decision": decision,
               "recorded_on": recorded},
    )  # fmt: skip
    return outcome


def find_student(session: Session, key: str) -> Person | None:
    """A student by sourcedId, SIS number or Lanyard id."""
    return session.scalar(
        select(Person).where(
            Person.kind == "student",
            (Person.sourced_id == key) | (Person.identifier == key) | (Person.id == key),
        )
    )


def student_consents(
    uow: UnitOfWork, student: Person, year: int, *, now: dt.datetime, actor_id: str | None
) -> list[Consent]:
    """A student's consents for a school year, the read audited (``consents:viewed``)."""
    rows = list(
        uow.session.scalars(
            select(Consent)
            .where(Consent.student_id == student.id, Consent.school_year == year)
            .order_by(Consent.scope)
        )
    )
    record(uow.session, event=AuditEvent.CONSENTS_VIEWED, subject_type="person",
           subject_id=student.id, now=now, actor_id=actor_id,
           after={"school_year": year})  # fmt: skip
    uow.commit()
    return rows


def record_consent_change(
    *,
    uow: UnitOfWork,
    student: Person,
    scope: str,
    decision: str,
    school_year: int,
    recorded_on: dt.date | None,
    note: str | None,
    now: dt.datetime,
    actor_id: str | None,
) -> str:
    """The building office records a family's change during the year (a new form, a
    withdrawn release): one ``consents:changed`` entry with before and after; commits."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
    if decision not in DECISIONS:
        raise ValueError("decision must be opt_out or opt_in")
    source = (note or "").strip()[:255] or "recorded by the building office"
    return _change_consent(
        uow, student.id, scope, school_year, decision, recorded_on, source,
        now=now, actor_id=actor_id, via="building office page",
    )  # fmt: skip


def _consent_of(session: Session, person_id: str, scope: str, year: int) -> Consent | None:
    return session.scalar(
        select(Consent).where(Consent.student_id == person_id, Consent.scope == scope,
                              Consent.school_year == year)
    )  # fmt: skip


def _change_consent(
    uow: UnitOfWork,
    person_id: str,
    scope: str,
    year: int,
    decision: str,
    recorded_on: dt.date | None,
    source: str,
    *,
    now: dt.datetime,
    actor_id: str | None,
    via: str,
) -> str:
    """One consent changed by hand (a page or a command): ``consents:changed``; commits."""
    outcome = _put_consent(
        uow.session, _consent_of(uow.session, person_id, scope, year), person_id, scope, year,
        decision, recorded_on, source, now=now, actor_id=actor_id,
        event=AuditEvent.CONSENTS_CHANGED, note={"via": via},
    )  # fmt: skip
    uow.commit()
    return outcome


def students_of(session: Session, buildings: Iterable[str]) -> frozenset[str]:
    """The Lanyard ids of the students of ``buildings`` (a building-scoped check reads
    only their names and consents)."""
    return frozenset(session.scalars(
        select(PersonBuilding.person_id).join(Person, Person.id == PersonBuilding.person_id)
        .where(PersonBuilding.building_id.in_(tuple(buildings)), Person.kind == "student")
    ))  # fmt: skip


def consents_for_year(
    session: Session, year: int, students: frozenset[str] | None = None
) -> dict[str, StudentConsent]:
    """What is on file for the school year, person by person; with ``students``, only
    theirs (and staff members' co-worker consents), nobody else's read."""
    decisions: dict[str, dict[str, str]] = {}
    query = select(Consent).where(Consent.school_year == year)
    if students is not None:
        query = query.where(
            Consent.student_id.in_(tuple(students)) | (Consent.scope == STAFF_IMAGE_SCOPE)
        )
    for consent in session.scalars(query):
        decisions.setdefault(consent.student_id, {})[consent.scope] = consent.decision
    return {k: StudentConsent(v) for k, v in decisions.items()}


def directory(
    session: Session, today: dt.date, students: frozenset[str] | None = None
) -> Directory:
    """The students' names and consents a text check reads; with ``students`` (a
    building-scoped check), theirs only."""
    query = select(Person).where(Person.kind == "student", Person.active.is_(True))
    if students is None:
        names = student_names(session)
    else:
        query = query.where(Person.id.in_(tuple(students)))
    people = list(session.scalars(query))
    if students is not None:
        names = StudentNames.from_people(people)
    ids: dict[str, str] = {}
    for person in people:
        for given in (person.preferred_given_name, person.given_name):
            if given:
                ids.setdefault(" ".join(f"{given} {person.family_name}".split()), person.id)
    return Directory(names, ids, consents_for_year(session, school_year_of(today), students))


def resolve_students(
    session: Session, tags: Iterable[str], students: frozenset[str] | None = None
) -> list[str]:
    """Tagged students by sourcedId, SIS number or Lanyard id; an unknown tag is an error,
    and so is one outside ``students`` (a building-scoped check)."""
    found: list[str] = []
    for tag in tags:
        person = find_student(session, tag)
        if person is None:
            raise LookupError(f"no student {tag!r} in the directory")
        if students is not None and person.id not in students:
            raise LookupError(f"no student {tag!r} in your buildings")
        found.append(person.id)
    return found


def find_staff(session: Session, key: str) -> Person | None:
    """A staff member by username (the directory's or the Lanyard account's), staff id
    (SIS number), sourcedId or Lanyard id."""
    account = select(Account.person_id).where(Account.username == key)
    return session.scalar(
        select(Person).where(
            Person.kind == "staff",
            (Person.username == key) | (Person.identifier == key)
            | (Person.sourced_id == key) | (Person.id == key) | Person.id.in_(account),
        ).limit(1)
    )  # fmt: skip


def find_staff_by_name(session: Session, name: str) -> list[Person]:
    """Staff members whose full name (given or preferred given name and family name) is
    ``name``, case and spacing aside; several people may share one."""
    wanted = " ".join(name.casefold().split())
    if " " not in wanted:
        return []
    family = wanted.rsplit(" ", 1)[1]
    candidates = session.scalars(
        select(Person).where(Person.kind == "staff", func.lower(Person.family_name) == family)
    )
    found = []
    for person in candidates:
        for given in (person.preferred_given_name, person.given_name):
            full = " ".join(f"{given or ''} {person.family_name}".casefold().split())
            if given and full == wanted:
                found.append(person)
                break
    return found


def staff_username(session: Session, person: Person) -> str:
    """The name a staff member is looked up by: the directory's username, else the Lanyard
    account's, else the staff id; "" when none."""
    account = session.scalar(select(Account.username).where(Account.person_id == person.id))
    return person.username or account or person.identifier or ""


def staff_image_consent(
    uow: UnitOfWork, staff: Person, year: int, *, now: dt.datetime, actor_id: str | None
) -> Consent | None:
    """A staff member's co-worker image consent for a school year, the read audited
    (``consents:viewed``); commits."""
    row = _consent_of(uow.session, staff.id, STAFF_IMAGE_SCOPE, year)
    record(uow.session, event=AuditEvent.CONSENTS_VIEWED, subject_type="person",
           subject_id=staff.id, now=now, actor_id=actor_id,
           after={"school_year": year, "scope": STAFF_IMAGE_SCOPE})  # fmt: skip
    uow.commit()
    return row


def resolve_photo_tags(
    session: Session, tags: Iterable[str], scope: frozenset[str] | None = None
) -> tuple[list[str], list[str]]:
    """The people tagged in a photo: (students, staff). A tag is a student (sourcedId or
    SIS number) or a staff member (username or staff id); ``staff:KEY`` is a staff member
    only. A tag both a student and a staff member answer to is refused, never guessed; with
    ``scope`` (a building-scoped check), a student outside it is refused."""
    students: list[str] = []
    staff: list[str] = []
    for tag in tags:
        if tag.startswith("staff:"):
            employee = find_staff(session, tag.removeprefix("staff:"))
            if employee is None:
                raise LookupError(
                    f"no staff member {tag.removeprefix('staff:')!r} in the directory"
                )
            staff.append(employee.id)
            continue
        student, employee = find_student(session, tag), find_staff(session, tag)
        if student is not None and employee is not None:
            raise LookupError(
                f"{tag!r} is both a student and a staff member: write staff:{tag} for the "
                "staff member"
            )
        if student is None and employee is None:
            raise LookupError(f"no student or staff member {tag!r} in the directory")
        if student is not None and scope is not None and student.id not in scope:
            raise LookupError(f"no student {tag!r} in your buildings")
        (students if student is not None else staff).append((student or employee).id)  # type: ignore[union-attr]
    return students, staff


def record_staff_image_consent(
    *,
    uow: UnitOfWork,
    staff: Person,
    decision: str,
    school_year: int,
    recorded_on: dt.date | None,
    note: str | None,
    now: dt.datetime,
    actor_id: str | None,
) -> str:
    """A co-worker's consent to appear in the district's photos (``opt_in``, given in
    writing) or refusal (``opt_out``) for a school year, in the consents store: one
    ``consents:changed`` entry with before and after; commits."""
    if staff.kind != "staff":
        raise ValueError("a co-worker's consent is recorded for a staff member")
    if decision not in DECISIONS:
        raise ValueError("decision must be opt_out or opt_in")
    source = (note or "").strip()[:255] or "co-worker's written consent form"
    return _change_consent(
        uow, staff.id, STAFF_IMAGE_SCOPE, school_year, decision, recorded_on, source,
        now=now, actor_id=actor_id, via="co-worker consent",
    )  # fmt: skip


def run_text_check(
    *,
    uow: UnitOfWork,
    text: str,
    use: str,
    tags: Iterable[str],
    pack: Pack | None,
    now: dt.datetime,
    actor_id: str | None = None,
    where: Destination | None = None,
    buildings: frozenset[str] | None = None,
) -> CheckResult:
    """A draft's text and its tagged students for ``use``; with ``where`` (an official
    account), for the uses it needs and with the pack's rules about posting there. With
    ``buildings`` (a building administrator's check), only those buildings' students are
    read: their names, their consents, their tags."""
    session = uow.session
    scope = students_of(session, buildings) if buildings is not None else None
    tagged = resolve_students(session, tags, scope)
    uses = where.uses if where is not None else use
    result = check_text(
        text, use=uses, directory=directory(session, now.date(), scope), tagged=tagged, pack=pack
    )
    if where is not None:
        findings = (*result.findings, *destination_findings(pack, where))
        result = CheckResult(worst_verdict(findings), findings, result.fix)
    extra: dict[str, object] = {"account": where.account_id} if where is not None else {}
    _audit(uow, "text", result, now, actor_id, use=use if where is None else where.use,
           extra={**extra, **_scoped(buildings)} or None)  # fmt: skip
    return result


@lru_cache(maxsize=2)
def _logo_at(path: Path, modified: float) -> Logo:
    with Image.open(path) as image:
        image.load()
        return read_logo(image)


def district_logo(path: Path | None) -> Logo | None:
    """The district's logo (the ``district_logo`` setting) described for matching, read
    again when the file changes; None when unset."""
    if path is None:
        return None
    return _logo_at(path, path.stat().st_mtime)


def run_photo_check(
    *,
    uow: UnitOfWork,
    photos: Sequence[tuple[Photo, Iterable[str]]],
    use: str | tuple[str, ...],
    pack: Pack | None,
    now: dt.datetime,
    actor_id: str | None = None,
    logo: Logo | None = None,
    logo_approved: bool = False,
    recognition: KeyRing | None = None,
    author_id: str | None = None,
    buildings: frozenset[str] | None = None,
) -> list[PhotoResult]:
    """Each photo with the people tagged in it: faces detected offline, tagged students
    against the consents of the school year, tagged staff against their co-worker consent;
    with ``logo``, the district's logo looked for: review unless ``logo_approved`` or the
    person checking (``author_id``) holds the approval the pack's logo rule names (the
    form's approval on file, neither revoked nor expired). Faces
    are matched to no one unless face recognition is on (``recognition``: the key ring that
    opens the enrolled templates, :func:`lanyard.prepub.biometrics.face_keyring`): then a
    face near a consenting student's template is a suggestion to confirm and that student's
    consents apply. One audit entry for the batch: how many photos and the worst verdict,
    never the photos or who is tagged or matched."""
    session = uow.session
    scope = students_of(session, buildings) if buildings is not None else None
    tagged = [resolve_photo_tags(session, tags, scope) for _, tags in photos]
    consents = consents_for_year(session, school_year_of(now.date()), scope)
    primary = use if isinstance(use, str) else use[0]
    clause = coworker_citation(pack, primary) if any(staff for _, staff in tagged) else None
    logos = [find_logo(photo.image, logo) if logo else None for photo, _ in photos]
    logo_clause = logo_citation(pack, primary) if any(logos) else None
    logo_approval = _logo_approval(session, pack, logo_clause, author_id, now)
    gallery = None
    if recognition is not None:
        from lanyard.prepub.biometrics import face_gallery

        gallery = face_gallery(session, recognition, scope)
    results = []
    for (photo, _), (students, staff), found in zip(photos, tagged, logos, strict=True):
        faces = detect_faces(photo.image)
        matches, recognised = [], []
        if gallery is not None and gallery.templates:
            matches = match_faces(describe_faces(photo.image, faces), gallery.templates)
            recognised = match_findings(matches, use=use, tagged=students, consents=consents,
                                        names=gallery.names, pack=pack)  # fmt: skip
        results.append(
            check_photo(photo.name, faces, use=use, tagged=students,
                        consents=consents, pack=pack, staff=staff, coworker_clause=clause,
                        logo=found, logo_approved=logo_approved, logo_clause=logo_clause,
                        logo_approval=logo_approval,
                        matches=matches, recognised=recognised)
        )  # fmt: skip
    findings = tuple(f for r in results for f in r.findings)
    summary = CheckResult(worst_verdict(findings), findings)
    extra: dict[str, object] = _scoped(buildings)
    if gallery is not None:
        extra |= {"face_recognition": True,
                  "faces_matched": sum(len(r.matches) for r in results)}  # fmt: skip
    _audit(uow, "photos", summary, now, actor_id, use=primary, count=len(results),
           extra=extra or None)  # fmt: skip
    return results


def _logo_approval(
    session: Session,
    pack: Pack | None,
    clause: Citation | None,
    author_id: str | None,
    now: dt.datetime,
) -> LogoApproval | None:
    """The approval the cited logo rule names, held by ``author_id`` if it is on file."""
    form = logo_approval_form(pack, clause)
    if form is None:
        return None
    if author_id is None:
        return LogoApproval(*form, looked_up=False)
    held = None
    if author_id is not None:
        held = next((a for a in approvals_held(session, author_id, now=now)
                     if a.form == form[0]), None)  # fmt: skip
    if held is None:
        return LogoApproval(*form)
    approved_for = ""
    request_id = (held.details or {}).get("request_id")
    request = session.get(ApprovalRequest, request_id) if isinstance(request_id, str) else None
    fields = next((f.fields for f in pack.document.forms if f.id == form[0]), ()) if pack else ()
    if request is not None:
        labels = {f.id: f.label for f in fields}
        approved_for = "; ".join(f"{labels.get(k, k)}: {v}" for k, v in request.values.items()
                                 if v)[:300]  # fmt: skip
    return LogoApproval(*form, granted_at=held.granted_at, expires_at=held.expires_at,
                        conditions=held.conditions, limits=tuple(held.limits or ()),
                        approved_for=approved_for)  # fmt: skip


def address_book(
    session: Session,
    district_domains: Iterable[str],
    today: dt.date,
    scope: frozenset[str] | None = None,
) -> AddressBook:
    """Who each address belongs to, by family; with ``scope`` (a building-scoped check),
    only those students and their parents are read: another family's address is then an
    external address like any other."""
    domains = {d.lower() for d in district_domains}
    domains |= {d.lower() for d in session.scalars(select(EmailDomain.domain))}
    links: dict[str, set[str]] = {}
    parent_links = select(ParentLink.parent_id, ParentLink.student_id)
    if scope is not None:
        parent_links = parent_links.where(ParentLink.student_id.in_(tuple(scope)))
    for parent_id, student_id in session.execute(parent_links):
        links.setdefault(parent_id, set()).add(student_id)
    addresses: dict[str, str] = {}  # address -> person id
    kinds: dict[str, str] = {}
    people = select(Person).where(Person.kind.in_(("student", "parent")))
    if scope is not None:
        people = people.where(Person.id.in_((*scope, *links)))
    for person in session.scalars(people):
        kinds[person.id] = person.kind
        if person.email:
            addresses[person.email.strip().lower()] = person.id
    for known in session.scalars(select(KnownAddress)):
        if "@" in known.address and known.person_id in kinds:
            addresses.setdefault(known.address.lower(), known.person_id)
    consents = consents_for_year(session, school_year_of(today), scope)
    opted_out = frozenset(
        s for s, c in consents.items() if any(c.decisions.get(x) == "opt_out" for x in ALL_USES)
    )
    family_of: dict[str, str] = {}
    students: set[str] = set()
    families_out: set[str] = set()
    for address, person_id in addresses.items():
        if kinds[person_id] == "student":
            members = {person_id}
            students.add(address)
        else:
            members = links.get(person_id, set()) or {person_id}
        key = "family:" + ",".join(sorted(members))
        family_of[address] = key
        if members & opted_out:
            families_out.add(key)
    return AddressBook(frozenset(domains), family_of, frozenset(students), frozenset(families_out))


def run_recipients_check(
    *,
    uow: UnitOfWork,
    recipients: Recipients,
    district_domains: Iterable[str],
    pack: Pack | None,
    now: dt.datetime,
    actor_id: str | None = None,
    buildings: frozenset[str] | None = None,
) -> CheckResult:
    """A group e-mail's recipients; with ``buildings``, only those buildings' students and
    their families are looked up."""
    scope = students_of(uow.session, buildings) if buildings is not None else None
    book = address_book(uow.session, district_domains, now.date(), scope)
    result = check_recipients(recipients, book=book, pack=pack)
    _audit(uow, "group_email", result, now, actor_id, extra=_scoped(buildings) or None)
    return result


def _scoped(buildings: frozenset[str] | None) -> dict[str, object]:
    return {} if buildings is None else {"buildings": sorted(buildings)}


def _audit(
    uow: UnitOfWork,
    what: str,
    result: CheckResult,
    now: dt.datetime,
    actor_id: str | None,
    use: str | None = None,
    count: int | None = None,
    extra: dict[str, object] | None = None,
) -> None:
    record(
        uow.session,
        event=AuditEvent.PREPUB_CHECKED,
        subject_type="prepub",
        subject_id=None,
        now=now,
        actor_id=actor_id,
        after={"checked": what, "use": use, "verdict": str(result.verdict),
               "findings": len(result.findings), **({"photos": count} if count else {}),
               **(extra or {})},
    )  # fmt: skip
    uow.commit()
