"""The district's students as the classifier's student names, for every intake path.

A comment that names a student from the directory together with grades, discipline,
health, IEP/504 or attendance is confidential student information; the classifier can only
see that if it is given the directory's names. :func:`student_names` builds the
:class:`~lanyard.moderation.classifiers.names.StudentNames` index once per district (one
database) and keeps it until the directory changes: its key is the last directory import
(the ``directory:imported`` audit entry) and the number of active students, two indexed
aggregate queries per intake call, so a OneRoster import, a student added or one
deactivated is seen by the next comment that comes in. The names stay in memory only; they
are never logged.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent
from lanyard.directory.orm import Person
from lanyard.moderation.classifiers.names import StudentNames

DirectoryVersion = tuple[int | None, int]

_CACHE: WeakKeyDictionary[Engine, tuple[DirectoryVersion, StudentNames]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def _active_students() -> ColumnElement[bool]:
    return (Person.kind == "student") & Person.active.is_(True)


def directory_version(session: Session) -> DirectoryVersion:
    """What changes when the directory's students change: the last import, the count."""
    last_import = session.scalar(
        select(func.max(AuditEntry.seq)).where(AuditEntry.event == AuditEvent.DIRECTORY_IMPORTED)
    )
    students = session.scalar(select(func.count()).select_from(Person).where(_active_students()))
    return last_import, int(students or 0)


def _engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def student_names(session: Session) -> StudentNames:
    """The active students of this district's directory (legal and preferred first names),
    from the cache while the directory has not changed."""
    engine = _engine_of(session)
    version = directory_version(session)
    with _LOCK:
        cached = _CACHE.get(engine)
    if cached is not None and cached[0] == version:
        return cached[1]
    people = session.scalars(select(Person).where(_active_students()))
    names = StudentNames.from_people(people)
    with _LOCK:
        _CACHE[engine] = (version, names)
    return names
