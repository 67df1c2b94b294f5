"""Directory use cases (the OneRoster import) and the read helpers other features use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.sessions import Reason, revoke_for
from lanyard.connectors.oneroster import PackageLimits, open_package, read_roster
from lanyard.db.base import new_id
from lanyard.db.session import UnitOfWork
from lanyard.directory.domain import (
    ClassRecord,
    EntityDiff,
    LinkDiff,
    Roster,
    building_values,
    derive_domains,
    diff_entities,
    diff_links,
    merge_domains,
    merge_staff_role,
    person_values,
)
from lanyard.directory.orm import (
    ApprovalOnFile,
    Building,
    DirectoryImport,
    EmailDomain,
    Enrollment,
    ParentLink,
    Person,
    PersonBuilding,
    RelationshipDisclosure,
    RoleAssignment,
    SchoolClass,
)

# ----------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ImportResult:
    """What an import changed (or, in a dry run, would change), by sourcedId."""

    version: str
    dry_run: bool
    buildings: EntityDiff = field(default_factory=EntityDiff)
    people: EntityDiff = field(default_factory=EntityDiff)
    parent_links: LinkDiff = field(default_factory=LinkDiff)
    domains_added: tuple[str, ...] = ()
    classes: EntityDiff = field(default_factory=EntityDiff)
    # (class sourcedId, user sourcedId, role, primary, begin, end)
    enrollments_added: frozenset[Enrolled] = frozenset()
    enrollments_removed: frozenset[Enrolled] = frozenset()
    audit_seq: int | None = None
    import_id: str | None = None  # the import to undo (``lanyard import undo ID``)
    active_people: int = 0  # before the import
    # "Given Family (role)" of the first PREVIEW_NAMED people added, changed and
    # deactivated, by sourcedId: what the Import page lists beside their ids.
    names: Mapping[str, str] = field(default_factory=dict)

    def needs_typed_count(self, threshold: float) -> bool:
        """Does this import deactivate more than ``threshold`` of the active people?"""
        return len(self.people.deactivated) > threshold * self.active_people

    @property
    def changed(self) -> bool:
        return not (
            self.buildings.empty
            and self.people.empty
            and self.parent_links.empty
            and not self.domains_added
            and self.classes.empty
            and not self.enrollments_added
            and not self.enrollments_removed
        )

    def counts(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "buildings": self.buildings.counts(),
            "people": self.people.counts(),
            "parent_links": {
                "added": len(self.parent_links.added),
                "removed": len(self.parent_links.removed),
            },
            "domains_added": list(self.domains_added),
            "classes": self.classes.counts(),
            "enrollments": {
                "added": len(self.enrollments_added),
                "removed": len(self.enrollments_removed),
            },
        }


Enrolled = tuple[str, str, str, bool, dt.date | None, dt.date | None]


@dataclass
class _State:
    """What the database holds, keyed by sourcedId."""

    building_ids: dict[str, str]
    buildings: dict[str, dict[str, object]]
    person_ids: dict[str, str]
    people: dict[str, dict[str, object]]
    links: set[tuple[str, str]]
    domains: set[str]


def _load_state(session: Session, roster: Roster) -> _State:
    building_ids: dict[str, str] = {}
    buildings: dict[str, dict[str, object]] = {}
    sid_of_building: dict[str, str] = {}
    for b in session.execute(
        select(
            Building.id, Building.sourced_id, Building.name, Building.kind, Building.identifier
        ).add_columns(Building.active)
    ):
        if b.sourced_id is None:
            continue
        building_ids[b.sourced_id] = b.id
        sid_of_building[b.id] = b.sourced_id
        buildings[b.sourced_id] = {
            "name": b.name,
            "kind": b.kind,
            "identifier": b.identifier,
            "active": b.active,
        }
    person_ids: dict[str, str] = {}
    people: dict[str, dict[str, object]] = {}
    links: set[tuple[str, str]] = set()
    if roster.people is not None:
        sid_of_person: dict[str, str] = {}
        columns = [getattr(Person, name) for name in _PERSON_COLUMNS]
        for p in session.execute(
            select(Person.id, Person.sourced_id, Person.primary_building_id, *columns).where(
                Person.sourced_id.is_not(None)
            )
        ):
            values: dict[str, object] = {name: getattr(p, name) for name in _PERSON_COLUMNS}
            values["primary_org"] = sid_of_building.get(p.primary_building_id or "")
            values["buildings"] = set()
            person_ids[p.sourced_id] = p.id
            sid_of_person[p.id] = p.sourced_id
            people[p.sourced_id] = values
        for pb in session.execute(select(PersonBuilding.person_id, PersonBuilding.building_id)):
            psid = sid_of_person.get(pb.person_id)
            bsid = sid_of_building.get(pb.building_id)
            if psid is not None and bsid is not None:
                cast(set[str], people[psid]["buildings"]).add(bsid)
        for person in people.values():
            person["buildings"] = frozenset(cast(set[str], person["buildings"]))
        for link in session.execute(select(ParentLink.parent_id, ParentLink.student_id)):
            parent = sid_of_person.get(link.parent_id)
            student = sid_of_person.get(link.student_id)
            if parent is not None and student is not None:
                links.add((parent, student))
    domains = set(session.scalars(select(EmailDomain.domain)))
    return _State(building_ids, buildings, person_ids, people, links, domains)


_PERSON_COLUMNS = (
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
    "active",
    "birth_date",
)


def _incoming_people(roster: Roster, state: _State) -> dict[str, dict[str, object]]:
    assert roster.people is not None
    out: dict[str, dict[str, object]] = {}
    for sid, rec in roster.people.items():
        values = person_values(rec, with_birth_date=roster.birth_dates_present)
        old = state.people.get(sid)
        if old is not None:
            values["staff_role"] = merge_staff_role(
                cast(str | None, old["staff_role"]), rec.staff_role
            )
        values["buildings"] = frozenset(rec.orgs)
        out[sid] = values
    return out


class ImportRefused(ValueError):
    """An import that would do harm (deactivate many people unconfirmed, or the person
    running it): nothing is written."""


UNDO_WINDOW = dt.timedelta(days=7)


PREVIEW_NAMED = 50  # people named per list (added, changed, deactivated) in a result


def _preview_names(
    people: EntityDiff,
    incoming: Mapping[str, Mapping[str, object]],
    existing: Mapping[str, Mapping[str, object]],
) -> dict[str, str]:
    """The names and roles of the first people of each list, as the export (or, for people
    it drops, the directory) gives them."""
    names: dict[str, str] = {}
    shown = (
        *people.added[:PREVIEW_NAMED],
        *(sid for sid, _ in people.changed[:PREVIEW_NAMED]),
        *people.deactivated[:PREVIEW_NAMED],
    )
    for sid in shown:
        values = incoming.get(sid) or existing.get(sid)
        if values is None:
            continue
        given = values.get("preferred_given_name") or values.get("given_name") or ""
        name = f"{given} {values.get('family_name') or ''}".strip()
        role = values.get("staff_role") or values.get("kind")
        names[sid] = f"{name} ({role})" if role and name else name or str(role or "")
    return names


def import_oneroster(
    *,
    uow: UnitOfWork,
    path: Path,
    dry_run: bool,
    now: dt.datetime,
    actor_id: str | None = None,
    district_domains: Iterable[str] = (),
    limits: PackageLimits | None = None,
    deactivation_threshold: float = 0.05,
    confirmed_deactivations: int | None = None,
) -> ImportResult:
    """Import a OneRoster bulk package: one transaction, one audit entry.

    Raises :class:`~lanyard.connectors.oneroster.RosterError` (or ``PackageError``)
    naming file, row and column before anything is written. People and buildings
    absent from the package are deactivated, never deleted. A dry run computes the
    same diff and writes nothing; an import that changes nothing writes nothing.

    Safety: an import that would deactivate more than ``deactivation_threshold`` of the
    active people is refused (:class:`ImportRefused`) unless ``confirmed_deactivations``
    is that exact number (typed by the person running it); an import never deactivates
    the person running it. What it changed is kept for :func:`undo_import`."""
    with open_package(path, limits) as package:  # checked before anything is read
        roster = read_roster(package)
    session = uow.session
    state = _load_state(session, roster)

    buildings = EntityDiff()
    incoming_buildings: dict[str, dict[str, object]] = {}
    if roster.orgs is not None:
        incoming_buildings = {sid: building_values(o) for sid, o in roster.orgs.items()}
        buildings = diff_entities(state.buildings, incoming_buildings)

    people = EntityDiff()
    links = LinkDiff()
    incoming_people: dict[str, dict[str, object]] = {}
    derived: dict[str, str] = {}
    if roster.people is not None:
        incoming_people = _incoming_people(roster, state)
        people = diff_entities(state.people, incoming_people)
        present = roster.people
        links = diff_links(
            state.links,
            roster.parent_links or frozenset(),
            scope=lambda link: link[0] in present and link[1] in present,
        )
        derived = derive_domains(roster.people.values())
    domains = merge_domains(district_domains, derived, state.domains)
    stored_classes, class_ids, stored_enrollments = _load_classes(session, state)
    incoming_classes: dict[str, dict[str, object]] = {}
    classes = EntityDiff()
    if roster.classes is not None:
        incoming_classes = {sid: _class_values(c) for sid, c in roster.classes.items()}
        classes = diff_entities(stored_classes, incoming_classes)
    enrolled_added: frozenset[Enrolled] = frozenset()
    enrolled_removed: frozenset[Enrolled] = frozenset()
    if roster.enrollments is not None:
        incoming_enrollments = {
            (e.class_id, e.user, e.role, e.primary, e.begin, e.end) for e in roster.enrollments
        }
        enrolled_added = frozenset(incoming_enrollments - stored_enrollments)
        enrolled_removed = frozenset(stored_enrollments - incoming_enrollments)

    active = session.scalar(select(func.count()).select_from(Person).where(Person.active.is_(True)))
    result = ImportResult(
        version=roster.version,
        dry_run=dry_run,
        buildings=buildings,
        people=people,
        parent_links=links,
        domains_added=tuple(sorted(domains)),
        classes=classes,
        enrollments_added=enrolled_added,
        enrollments_removed=enrolled_removed,
        active_people=int(active or 0),
        names=_preview_names(people, incoming_people, state.people),
    )
    if dry_run or not result.changed:
        return result
    count = len(people.deactivated)
    if result.needs_typed_count(deactivation_threshold) and confirmed_deactivations != count:
        raise ImportRefused(
            f"This import would deactivate {count} of {result.active_people} active people "
            f"(more than {deactivation_threshold:.0%}). Check that the export is complete; "
            f"to import it anyway, confirm by typing the number {count}."
        )
    if actor_id is not None:
        me = next((sid for sid, pid in state.person_ids.items() if pid == actor_id), None)
        if me is not None and me in people.deactivated:
            raise ImportRefused(
                "This import would deactivate your own account (you are not in the export). "
                "Nothing was imported: ask another administrator to run it, or add yourself "
                "to the export."
            )

    _write_buildings(session, state, buildings, incoming_buildings, now)
    _write_people(session, state, people, incoming_people, now)
    _write_links(session, state, links)
    _write_classes(session, state, class_ids, classes, incoming_classes)
    _write_enrollments(session, state, class_ids, enrolled_added, enrolled_removed)
    _end_sessions(session, state, people, incoming_people, now)
    if people.added:
        # New hires are assigned the open acknowledgment campaign in this same transaction.
        from lanyard.acknowledgments.service import assign_new_people

        assign_new_people(
            uow=uow,
            person_ids=[state.person_ids[sid] for sid in people.added],
            now=now,
            actor_id=actor_id,
        )
    run = DirectoryImport(
        at=now,
        actor_id=actor_id,
        changes={
            "buildings_added": [state.building_ids[sid] for sid in buildings.added],
            "buildings_deactivated": [state.building_ids[sid] for sid in buildings.deactivated],
            "people_added": [state.person_ids[sid] for sid in people.added],
            "people_deactivated": [state.person_ids[sid] for sid in people.deactivated],
            "links_added": [[state.person_ids[p], state.person_ids[c]] for p, c in links.added],
            "links_removed": [[state.person_ids[p], state.person_ids[c]] for p, c in links.removed],
        },
    )
    session.add(run)
    session.flush()
    if domains:
        session.execute(insert(EmailDomain), [{"domain": d, "kind": k} for d, k in domains.items()])
    entry = record(
        session,
        event=AuditEvent.DIRECTORY_IMPORTED,
        subject_type="directory",
        subject_id=roster.system_code,
        now=now,
        actor_id=actor_id,
        after={**result.counts(), "import_id": run.id},
    )
    uow.commit()
    return ImportResult(
        version=result.version,
        dry_run=False,
        buildings=buildings,
        people=people,
        parent_links=links,
        domains_added=result.domains_added,
        classes=classes,
        enrollments_added=enrolled_added,
        enrollments_removed=enrolled_removed,
        audit_seq=entry.seq,
        import_id=run.id,
        active_people=result.active_people,
        names=result.names,
    )


def _class_values(c: ClassRecord) -> dict[str, object]:
    return {
        "title": c.title,
        "class_type": c.class_type,
        "building": c.school,
        "course_sourced_id": c.course,
        "active": c.active,
    }


def _load_classes(
    session: Session, state: _State
) -> tuple[dict[str, dict[str, object]], dict[str, str], set[Enrolled]]:
    """Stored classes (values by sourcedId), their ids, and enrollments as sourcedIds."""
    sid_of_building = {bid: sid for sid, bid in state.building_ids.items()}
    sid_of_person = {pid: sid for sid, pid in state.person_ids.items()}
    classes: dict[str, dict[str, object]] = {}
    ids: dict[str, str] = {}
    sid_of_class: dict[str, str] = {}
    for c in session.execute(select(SchoolClass)).scalars():
        ids[c.sourced_id] = c.id
        sid_of_class[c.id] = c.sourced_id
        classes[c.sourced_id] = {
            "title": c.title,
            "class_type": c.class_type,
            "building": sid_of_building.get(c.building_id or ""),
            "course_sourced_id": c.course_sourced_id,
            "active": c.active,
        }
    enrolled: set[Enrolled] = set()
    for e in session.execute(select(Enrollment)).scalars():
        person = sid_of_person.get(e.person_id)
        if person is not None:
            enrolled.add(
                (sid_of_class[e.class_id], person, e.role, e.primary, e.begin_date, e.end_date)
            )
    return classes, ids, enrolled


def _write_classes(
    session: Session,
    state: _State,
    ids: dict[str, str],
    diff: EntityDiff,
    incoming: Mapping[str, Mapping[str, object]],
) -> None:
    def row(sid: str, fields: Iterable[str]) -> dict[str, object]:
        out = {f: incoming[sid][f] for f in fields if f != "building"}
        if "building" in fields:
            out["building_id"] = state.building_ids.get(str(incoming[sid]["building"]))
        return out

    added = []
    for sid in diff.added:
        ids[sid] = new_id()
        added.append({"id": ids[sid], "sourced_id": sid, **row(sid, incoming[sid])})
    if added:
        session.execute(insert(SchoolClass), added)
    for sid, fields in diff.changed:
        session.execute(update(SchoolClass), [{"id": ids[sid], **row(sid, fields)}])
    if diff.deactivated:
        session.execute(
            update(SchoolClass)
            .where(SchoolClass.id.in_([ids[sid] for sid in diff.deactivated]))
            .values(active=False)
        )


def _write_enrollments(
    session: Session,
    state: _State,
    class_ids: Mapping[str, str],
    added: frozenset[Enrolled],
    removed: frozenset[Enrolled],
) -> None:
    for class_sid, user, role, *_ in removed:
        session.execute(
            delete(Enrollment).where(
                Enrollment.class_id == class_ids[class_sid],
                Enrollment.person_id == state.person_ids[user],
                Enrollment.role == role,
            )
        )
    if added:
        session.execute(
            insert(Enrollment),
            [
                {
                    "class_id": class_ids[c],
                    "person_id": state.person_ids[u],
                    "role": role,
                    "primary": primary,
                    "begin_date": begin,
                    "end_date": end,
                }
                for c, u, role, primary, begin, end in sorted(added, key=lambda e: e[:3])
            ],
        )


ROLE_FIELDS = frozenset({"kind", "staff_role", "source_role"})


def _end_sessions(
    session: Session,
    state: _State,
    diff: EntityDiff,
    incoming: Mapping[str, Mapping[str, object]],
    now: dt.datetime,
) -> None:
    """Sign out everyone the import deactivated, disabled or gave another role."""
    ended = {state.person_ids[sid] for sid in diff.deactivated}
    role_changed: set[str] = set()
    for sid, fields in diff.changed:
        values = incoming[sid]
        if values.get("active") is False or values.get("enabled") is False:
            ended.add(state.person_ids[sid])
        elif ROLE_FIELDS & set(fields):
            role_changed.add(state.person_ids[sid])
    revoke_for(session, ended, Reason.DEACTIVATED, now=now)
    revoke_for(session, role_changed - ended, Reason.ROLE_CHANGED, now=now)


def _deactivate(
    session: Session, model: type[Building] | type[Person], ids: list[str], now: dt.datetime
) -> None:
    if not ids:
        return
    if model is Person:
        session.execute(
            update(Person), [{"id": i, "active": False, "deactivated_at": now} for i in ids]
        )
    else:
        session.execute(update(model), [{"id": i, "active": False} for i in ids])


def _write_buildings(
    session: Session,
    state: _State,
    diff: EntityDiff,
    incoming: Mapping[str, Mapping[str, object]],
    now: dt.datetime,
) -> None:
    rows = []
    for sid in diff.added:
        state.building_ids[sid] = new_id()
        rows.append({"id": state.building_ids[sid], "sourced_id": sid, **incoming[sid]})
    if rows:
        session.execute(insert(Building), rows)
    changes = [
        {"id": state.building_ids[sid], **{f: incoming[sid][f] for f in fields}}
        for sid, fields in diff.changed
    ]
    for row in changes:
        session.execute(update(Building), [row])
    _deactivate(session, Building, [state.building_ids[sid] for sid in diff.deactivated], now)


def _person_row(
    values: Mapping[str, object], fields: Iterable[str], state: _State
) -> dict[str, object]:
    row: dict[str, object] = {}
    for name in fields:
        if name == "buildings":
            continue
        if name == "primary_org":
            org = values["primary_org"]
            row["primary_building_id"] = (
                state.building_ids.get(org) if isinstance(org, str) else None
            )
        else:
            row[name] = values[name]
    return row


_PB = cast(Table, PersonBuilding.__table__)
_PL = cast(Table, ParentLink.__table__)


def _write_people(
    session: Session,
    state: _State,
    diff: EntityDiff,
    incoming: Mapping[str, Mapping[str, object]],
    now: dt.datetime,
) -> None:
    rows: list[dict[str, object]] = []
    memberships: list[dict[str, object]] = []
    for sid in diff.added:
        pid = state.person_ids[sid] = new_id()
        values = incoming[sid]
        rows.append({"id": pid, "sourced_id": sid, **_person_row(values, values, state)})
        for org in cast(frozenset[str], values["buildings"]):
            memberships.append({"person_id": pid, "building_id": state.building_ids[org]})
    if rows:
        session.execute(insert(Person), rows)

    removed: list[dict[str, object]] = []
    updates: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for sid, fields in diff.changed:
        pid = state.person_ids[sid]
        values = incoming[sid]
        row = _person_row(values, fields, state)
        if row:
            updates.setdefault(tuple(sorted(row)), []).append({"id": pid, **row})
        if "buildings" in fields:
            old = cast(frozenset[str], state.people[sid]["buildings"])
            new = cast(frozenset[str], values["buildings"])
            for org in new - old:
                memberships.append({"person_id": pid, "building_id": state.building_ids[org]})
            for org in old - new:
                removed.append({"p": pid, "b": state.building_ids[org]})
    for batch in updates.values():
        session.execute(update(Person), batch)
    if memberships:
        session.execute(insert(PersonBuilding), memberships)
    if removed:
        session.execute(
            delete(_PB).where(
                and_(_PB.c.person_id == bindparam("p"), _PB.c.building_id == bindparam("b"))
            ),
            removed,
        )
    _deactivate(session, Person, [state.person_ids[sid] for sid in diff.deactivated], now)


def _write_links(session: Session, state: _State, diff: LinkDiff) -> None:
    ids = state.person_ids
    if diff.added:
        session.execute(
            insert(ParentLink),
            [{"parent_id": ids[p], "student_id": ids[s]} for p, s in sorted(diff.added)],
        )
    if diff.removed:
        session.execute(
            delete(_PL).where(
                and_(_PL.c.parent_id == bindparam("p"), _PL.c.student_id == bindparam("s"))
            ),
            [{"p": ids[p], "s": ids[s]} for p, s in sorted(diff.removed)],
        )


def undo_import(
    *, uow: UnitOfWork, import_id: str, now: dt.datetime, actor_id: str | None = None
) -> DirectoryImport:
    """Undo an import within :data:`UNDO_WINDOW`: reactivate the people and buildings it
    deactivated, deactivate the ones it added, and put back the parent links it removed
    (removing the ones it added). Changed names and e-mails are not rolled back: the next
    import from the district's system sets them again. Audited; raises ImportRefused."""
    session = uow.session
    run = session.get(DirectoryImport, import_id)
    if run is None:
        raise ImportRefused(f"There is no import {import_id!r}.")
    if run.undone_at is not None:
        raise ImportRefused(f"Import {import_id} was already undone on {run.undone_at:%Y-%m-%d}.")
    if now - run.at > UNDO_WINDOW:
        raise ImportRefused(
            f"Import {import_id} ran on {run.at:%Y-%m-%d}: an import can be undone for "
            f"{UNDO_WINDOW.days} days only."
        )
    c = run.changes
    back = [str(i) for i in c.get("people_deactivated", [])]
    if back:
        session.execute(
            update(Person), [{"id": i, "active": True, "deactivated_at": None} for i in back]
        )
    added = [str(i) for i in c.get("people_added", [])]
    _deactivate(session, Person, added, now)
    for ids, active in (
        (c.get("buildings_deactivated", []), True),
        (c.get("buildings_added", []), False),
    ):
        if ids:
            session.execute(update(Building), [{"id": str(i), "active": active} for i in ids])
    removed = [cast(list[str], pair) for pair in c.get("links_removed", [])]
    if removed:
        session.execute(insert(ParentLink), [{"parent_id": p, "student_id": s} for p, s in removed])
    added_links = [cast(list[str], pair) for pair in c.get("links_added", [])]
    if added_links:
        session.execute(
            delete(_PL).where(
                and_(_PL.c.parent_id == bindparam("p"), _PL.c.student_id == bindparam("s"))
            ),
            [{"p": p, "s": s} for p, s in added_links],
        )
    run.undone_at, run.undone_by_id = now, actor_id
    record(
        session,
        event=AuditEvent.DIRECTORY_IMPORT_UNDONE,
        subject_type="directory_import",
        subject_id=run.id,
        now=now,
        actor_id=actor_id,
        after={
            "people_reactivated": len(back),
            "people_deactivated": len(added),
            "links_restored": len(removed),
            "links_removed": len(added_links),
        },
    )
    uow.commit()
    return run


# ----------------------------------------------------------------------------- reads


def search_people(
    session: Session,
    *,
    query: str,
    building_ids: set[str] | None,
    limit: int = 50,
    include_inactive: bool = False,
) -> list[Person]:
    """Active people whose name, e-mail, username or identifier contains ``query``
    (case-insensitive), within ``building_ids`` (``None`` = district-wide)."""
    stmt = select(Person)
    if not include_inactive:
        stmt = stmt.where(Person.active.is_(True))
    for word in query.split():
        escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{escaped}%"
        stmt = stmt.where(
            or_(
                *(
                    column.is_not(None) & column.ilike(like, escape="\\")
                    for column in (
                        Person.given_name,
                        Person.family_name,
                        Person.preferred_given_name,
                        Person.email,
                        Person.username,
                        Person.identifier,
                        Person.sourced_id,
                    )
                )
            )
        )
    if building_ids is not None:
        if not building_ids:
            return []
        stmt = stmt.where(
            exists().where(
                PersonBuilding.person_id == Person.id,
                PersonBuilding.building_id.in_(building_ids),
            )
        )
    stmt = stmt.order_by(Person.family_name, Person.given_name, Person.id).limit(limit)
    return list(session.scalars(stmt))


def get_person(session: Session, person_id: str) -> Person | None:
    return session.get(Person, person_id)


def get_person_by_sourced_id(session: Session, sourced_id: str) -> Person | None:
    return session.scalars(select(Person).where(Person.sourced_id == sourced_id)).first()


def roles_of(session: Session, person_id: str) -> list[RoleAssignment]:
    """The pack roles a person holds (district-wide ones have no building)."""
    return list(
        session.scalars(
            select(RoleAssignment)
            .where(RoleAssignment.person_id == person_id)
            .order_by(RoleAssignment.role, RoleAssignment.building_id)
        )
    )


def holders_of(session: Session, role: str, *, building_id: str | None = None) -> list[Person]:
    """Active people holding ``role`` for ``building_id`` or district-wide."""
    scope: ColumnElement[bool] = RoleAssignment.building_id.is_(None)
    if building_id is not None:
        scope = or_(scope, RoleAssignment.building_id == building_id)
    stmt = (
        select(Person)
        .join(RoleAssignment, RoleAssignment.person_id == Person.id)
        .where(RoleAssignment.role == role, scope, Person.active.is_(True))
        .order_by(Person.family_name, Person.given_name)
    )
    return list(session.scalars(stmt).unique())


def approvals_on_file(session: Session, person_id: str, *, now: dt.datetime) -> list[str]:
    """Form ids of the person's approvals that are neither revoked nor expired."""
    stmt = select(ApprovalOnFile.form).where(
        ApprovalOnFile.person_id == person_id,
        ApprovalOnFile.revoked.is_(False),
        or_(ApprovalOnFile.expires_at.is_(None), ApprovalOnFile.expires_at > now),
    )
    return sorted(set(session.scalars(stmt)))


def approvals_held(session: Session, person_id: str, *, now: dt.datetime) -> list[ApprovalOnFile]:
    """The person's approvals that are neither revoked nor expired, with their limits and
    conditions, oldest first."""
    stmt = (
        select(ApprovalOnFile)
        .where(*held_approvals(person_id, now=now))
        .order_by(ApprovalOnFile.granted_at, ApprovalOnFile.id)
    )
    return list(session.scalars(stmt))


def held_approvals(
    person_id: str | BindParameter[str], *, now: dt.datetime | BindParameter[dt.datetime]
) -> tuple[ColumnElement[bool], ...]:
    """Where a person's approval is held: theirs, neither revoked nor expired (for a query
    of the columns it needs: the "May I?" reads three on every ask, in a statement made
    once with parameters for the person and the time)."""
    return (
        ApprovalOnFile.person_id == person_id,
        ApprovalOnFile.revoked.is_(False),
        or_(ApprovalOnFile.expires_at.is_(None), ApprovalOnFile.expires_at > now),
    )


def disclosures_of(session: Session, employee_id: str) -> list[RelationshipDisclosure]:
    """The employee's relationship disclosures on file (withdrawn ones left out)."""
    return list(
        session.scalars(
            select(RelationshipDisclosure)
            .where(
                RelationshipDisclosure.employee_id == employee_id,
                RelationshipDisclosure.withdrawn.is_(False),
            )
            .order_by(RelationshipDisclosure.disclosed_at)
        )
    )


def district_domains(session: Session) -> dict[str, str]:
    """The district's e-mail domains and their kind (staff | student | both)."""
    return {d.domain: d.kind for d in session.scalars(select(EmailDomain))}


def parents_of(session: Session, student_id: str) -> list[Person]:
    stmt = (
        select(Person)
        .join(ParentLink, ParentLink.parent_id == Person.id)
        .where(ParentLink.student_id == student_id)
        .order_by(Person.family_name, Person.given_name)
    )
    return list(session.scalars(stmt))
