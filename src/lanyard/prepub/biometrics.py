"""Biometric consents and face templates in the database (face recognition, off by default).

Only a district that turns face recognition on (``LANYARD_FACE_RECOGNITION``) makes or reads
a template, and only for a student whose parent's written biometric consent the building
office recorded here (who, when, the date it was signed). A template is the 128 numbers of
the student's reference photo, AES-GCM encrypted under the escrow key ring (context
``face-template:<student id>``); the photo is not kept. Withdrawing the consent deletes the
template; ``lanyard escrow rotate`` re-encrypts templates with the other secrets;
``lanyard consents purge-face-templates`` deletes those of students who left (or all).
Every change is audited by the student's Lanyard id, never with a template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.crypto import KeyRing, Sealed, keyring_from_settings
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Person
from lanyard.prepub.faces import reference_descriptor, template_bytes, template_of
from lanyard.prepub.orm import BiometricConsent, FaceTemplate
from lanyard.prepub.photos import Photo, detect_faces

if TYPE_CHECKING:
    from lanyard.config import Settings

BIOMETRIC_SCOPE = "biometric"  # as the consents:viewed entry names it


class FaceRecognitionOff(Exception):
    """Face recognition is off: no template is made."""

    def __str__(self) -> str:
        return (
            "face recognition is off in this district (LANYARD_FACE_RECOGNITION): no face "
            "template is made"
        )


class NoBiometricConsent(Exception):
    """No written biometric consent on file for the student."""

    def __str__(self) -> str:
        return (
            "no written biometric consent from the student's parent is recorded: record the "
            "signed consent first"
        )


def context_of(student_id: str) -> str:
    return f"face-template:{student_id}"


def face_keyring(settings: Settings) -> KeyRing | None:
    """The key ring that opens face templates when face recognition is on; None when off
    (the check then detects faces and relies on tags, exactly as without this module)."""
    return keyring_from_settings(settings) if settings.face_recognition else None


@dataclass(frozen=True)
class BiometricStatus:
    consent: BiometricConsent | None
    recorded_by: str | None  # the name of who recorded it
    enrolled_at: dt.datetime | None


def biometric_status(
    uow: UnitOfWork, student: Person, *, now: dt.datetime, actor_id: str | None
) -> BiometricStatus:
    """A student's biometric consent and whether a template is enrolled (never the
    template), the read audited (``consents:viewed``, scope biometric); commits."""
    session = uow.session
    consent = session.get(BiometricConsent, student.id)
    template = session.get(FaceTemplate, student.id)
    by = session.get(Person, consent.recorded_by_id) if consent and consent.recorded_by_id else None
    record(session, event=AuditEvent.CONSENTS_VIEWED, subject_type="person",
           subject_id=student.id, now=now, actor_id=actor_id,
           after={"scope": BIOMETRIC_SCOPE})  # fmt: skip
    uow.commit()
    return BiometricStatus(consent, by.display_name if by else None,
                           template.enrolled_at if template else None)  # fmt: skip


def record_biometric_consent(
    *,
    uow: UnitOfWork,
    student: Person,
    signed_on: dt.date,
    note: str | None,
    now: dt.datetime,
    actor_id: str | None,
) -> str:
    """The parent's signed written consent to face recognition, recorded by the building
    office: "added", "changed" (another date or note) or "unchanged"; one
    ``biometric_consent:recorded`` entry with before and after; commits."""
    if student.kind != "student":
        raise ValueError("a biometric consent is recorded for a student")
    if signed_on > now.date():
        raise ValueError("the date the consent was signed is in the future")
    text = (note or "").strip()[:255] or None
    session = uow.session
    row = session.get(BiometricConsent, student.id)
    before = None
    if row is None:
        row = BiometricConsent(student_id=student.id)
        session.add(row)
        outcome = "added"
    elif (row.signed_on, row.note) != (signed_on, text):
        before = {"signed_on": row.signed_on}
        outcome = "changed"
    else:
        return "unchanged"
    row.signed_on, row.note = signed_on, text
    row.recorded_at, row.recorded_by_id = now, actor_id
    record(session, event=AuditEvent.BIOMETRIC_CONSENT_RECORDED, subject_type="person",
           subject_id=student.id, now=now, actor_id=actor_id, before=before,
           after={"signed_on": signed_on, "written": True})  # fmt: skip
    uow.commit()
    return outcome


def withdraw_biometric_consent(
    *, uow: UnitOfWork, student: Person, now: dt.datetime, actor_id: str | None
) -> bool:
    """The parent withdrew the consent: the consent and the student's face template are
    deleted in one transaction (``biometric_consent:withdrawn``, saying whether a template
    was deleted); False when there was none. Commits."""
    session = uow.session
    row = session.get(BiometricConsent, student.id)
    if row is None:
        return False
    template = session.get(FaceTemplate, student.id)
    if template is not None:
        session.delete(template)
        session.flush()  # the template first (the consent's foreign key cascades too)
    session.delete(row)
    record(session, event=AuditEvent.BIOMETRIC_CONSENT_WITHDRAWN, subject_type="person",
           subject_id=student.id, now=now, actor_id=actor_id,
           before={"signed_on": row.signed_on},
           after={"template_deleted": template is not None})  # fmt: skip
    uow.commit()
    return True


def enroll_face(
    *,
    uow: UnitOfWork,
    student: Person,
    photo: Photo,
    keyring: KeyRing | None,
    now: dt.datetime,
    actor_id: str | None,
) -> bool:
    """The student's face template from a reference photo (one face), encrypted and stored,
    replacing any earlier one; the photo is not kept. Refused while face recognition is off
    (``keyring`` None: :func:`face_keyring`) or without the written consent; a photo with no
    face or several raises :class:`lanyard.prepub.faces.ReferencePhotoError`. True when a
    template was replaced. One ``face_template:enrolled`` entry; commits."""
    if keyring is None:
        raise FaceRecognitionOff()
    session = uow.session
    if session.get(BiometricConsent, student.id) is None:
        raise NoBiometricConsent()
    descriptor = reference_descriptor(photo.image, detect_faces(photo.image))
    sealed = keyring.seal(template_bytes(descriptor), context=context_of(student.id))
    row = session.get(FaceTemplate, student.id)
    replaced = row is not None
    if row is None:
        row = FaceTemplate(student_id=student.id)
        session.add(row)
    row.key_id, row.nonce, row.ciphertext = sealed.key_id, sealed.nonce, sealed.ciphertext
    row.enrolled_at, row.enrolled_by_id = now, actor_id
    record(session, event=AuditEvent.FACE_TEMPLATE_ENROLLED, subject_type="person",
           subject_id=student.id, now=now, actor_id=actor_id,
           after={"replaced": replaced, "key_id": sealed.key_id})  # fmt: skip
    uow.commit()
    return replaced


def _sealed(row: FaceTemplate) -> Sealed:
    return Sealed(row.key_id, bytes(row.nonce), bytes(row.ciphertext))


@dataclass(frozen=True)
class FaceGallery:
    """The enrolled templates a check compares faces with (student id -> descriptor), and
    how the check names each student to the person confirming (name and student number)."""

    templates: dict[str, np.ndarray]
    names: dict[str, str]


def face_gallery(
    session: Session, keyring: KeyRing, students: frozenset[str] | None = None
) -> FaceGallery:
    """Every template of an active, enabled student whose biometric consent is on file, opened in
    memory for one check (never written anywhere in the clear); with ``students`` (a
    building-scoped check), theirs only."""
    query = (
        select(FaceTemplate, Person)
        .join(BiometricConsent, BiometricConsent.student_id == FaceTemplate.student_id)
        .join(Person, Person.id == FaceTemplate.student_id)
        .where(Person.active.is_(True), Person.enabled.is_(True), Person.kind == "student")
    )
    if students is not None:
        query = query.where(Person.id.in_(tuple(students)))
    rows = session.execute(query).all()
    templates: dict[str, np.ndarray] = {}
    names: dict[str, str] = {}
    for template, person in rows:
        data = keyring.open(_sealed(template), context=context_of(person.id))
        templates[person.id] = template_of(data)
        number = f" (student {person.identifier})" if person.identifier else ""
        names[person.id] = f"{person.display_name}{number}"
    return FaceGallery(templates, names)


def reseal_face_templates(session: Session, keyring: KeyRing, now: dt.datetime) -> int:
    """Every template not under the current key re-encrypted under it (``lanyard escrow
    rotate``, in its transaction: no commit here); how many. A template that does not open
    raises :class:`lanyard.crypto.DecryptionFailed` and nothing changes."""
    rows = list(session.scalars(select(FaceTemplate).where(FaceTemplate.key_id != keyring.current)))
    for row in rows:
        old = row.key_id
        sealed = keyring.reseal(_sealed(row), context=context_of(row.student_id))
        row.key_id, row.nonce, row.ciphertext = sealed.key_id, sealed.nonce, sealed.ciphertext
        record(session, event=AuditEvent.FACE_TEMPLATE_ROTATED, subject_type="person",
               subject_id=row.student_id, now=now, before={"key_id": old},
               after={"key_id": sealed.key_id})  # fmt: skip
    return len(rows)


@dataclass(frozen=True)
class Purged:
    left: int  # students no longer active in the directory
    all_others: int  # with everything: the rest


def purge_face_templates(
    *, uow: UnitOfWork, now: dt.datetime, everything: bool = False, actor_id: str | None = None
) -> Purged:
    """Delete the templates of students who are no longer active in the directory (an
    import removed them, or their account is disabled: they left, the purpose is over), or
    with ``everything`` every template (the district turns face recognition off for good).
    The written consents stay on file (they are not biometric data); one
    ``face_templates:purged`` entry per template; commits."""
    session = uow.session
    rows = session.execute(
        select(FaceTemplate, Person.active & Person.enabled).join(
            Person, Person.id == FaceTemplate.student_id
        )
    ).all()
    left = others = 0
    for template, active in rows:
        if active and not everything:
            continue
        why = "left the district" if not active else "all templates purged"
        session.delete(template)
        record(session, event=AuditEvent.FACE_TEMPLATES_PURGED, subject_type="person",
               subject_id=template.student_id, now=now, actor_id=actor_id,
               after={"reason": why})  # fmt: skip
        left += not active
        others += bool(active)
    uow.commit()
    return Purged(left, others)
