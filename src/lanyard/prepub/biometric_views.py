"""The building office's page for a parent's written biometric consent (face recognition):
record it (the date it was signed), withdraw it (the student's face template is deleted with
it), and, where the district turned face recognition on, enroll the student's reference
photo (one face; the photo is not kept, only the encrypted template). Same permissions as the
consents page: ``record_consents`` for the student's building (or district-wide) changes,
read_directory reads. Every look and change is audited."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from lanyard.auth.permissions import Principal
from lanyard.bootstrap import Services
from lanyard.directory.orm import Person
from lanyard.prepub.api import can_open_consents, can_record_consents, can_view_consents
from lanyard.prepub.biometrics import (
    FaceRecognitionOff,
    NoBiometricConsent,
    biometric_status,
    enroll_face,
    face_keyring,
    record_biometric_consent,
    withdraw_biometric_consent,
)
from lanyard.prepub.faces import ReferencePhotoError
from lanyard.prepub.photos import PhotoError, read_photo
from lanyard.prepub.service import find_student
from lanyard.web.deps import now, render, require, services_of

router = APIRouter()
Office = Annotated[Principal, Depends(require(can_open_consents))]
Svc = Annotated[Services, Depends(services_of)]
PAGE = "/prepub/consents/biometric"
UNWRITTEN = (
    "Not recorded: face recognition needs the parent's signed, written consent. Record it "
    "once the signed form is received."
)


def _student(session: Session, principal: Principal, key: str) -> tuple[Person | None, bool]:
    """The student the principal may read (else None: "not found", as for one who does not
    exist) and whether they may record for them."""
    person = find_student(session, key) if key else None
    if person is None:
        return None, False
    buildings = [b.id for b in person.buildings]
    if not can_view_consents(principal, buildings).allowed:
        return None, False
    return person, can_record_consents(principal, buildings).allowed


def _page(
    request: Request,
    services: Services,
    principal: Principal,
    key: str,
    *,
    message: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    at = now(request)
    context: dict[str, Any] = {
        "key": key, "student": None, "status": None, "may_record": False,
        "message": message, "error": error, "today": at.date().isoformat(),
        "recognition_on": services.settings.face_recognition,
    }  # fmt: skip
    if key:
        with services.db.uow(write=True) as uow:
            person, may_record = _student(uow.session, principal, key)
            if person is None:
                context["error"] = error or f"No student {key!r} in your buildings."
                status_code = status_code if status_code != 200 else 404
            else:
                number = f" (student {person.identifier})" if person.identifier else ""
                context["student"] = {"name": person.display_name + number, "id": person.id}
                context["may_record"] = may_record
                context["status"] = biometric_status(
                    uow, person, now=at, actor_id=principal.person_id
                )
    return render(request, "prepub/biometric.html", context, status_code=status_code)


@router.get(PAGE, name="prepub_biometric")
def biometric_page(
    request: Request,
    principal: Office,
    services: Svc,
    student: Annotated[str, Query(max_length=255)] = "",
) -> Response:
    return _page(request, services, principal, student.strip())


@router.post(PAGE, name="prepub_biometric_record")
def record_biometric(
    request: Request,
    principal: Office,
    services: Svc,
    student: Annotated[str, Form(max_length=255)],
    action: Annotated[str, Form(max_length=16)] = "record",
    written: Annotated[str, Form(max_length=3)] = "",
    signed_on: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=255)] = "",
) -> Response:
    """Record the written consent (``action=record``: the form must be in writing, with the
    date it was signed) or withdraw it (``action=withdraw``: the template goes with it)."""
    at = now(request)
    signed: dt.date | None = None
    if action == "record":
        if written != "yes":
            return _page(request, services, principal, student, status_code=422, error=UNWRITTEN)
        try:
            signed = dt.date.fromisoformat(signed_on)
        except ValueError:
            return _page(request, services, principal, student, status_code=422,
                         error=f"Date signed: {signed_on!r} is not a date.")  # fmt: skip
    elif action != "withdraw":
        return _page(request, services, principal, student, status_code=422,
                     error="Record or withdraw the consent.")  # fmt: skip
    status, error, message = 200, None, ""
    with services.db.uow(write=True) as uow:
        person, may_record = _student(uow.session, principal, student)
        if person is None:
            status = 404
        elif not may_record:
            status, error = (
                403,
                (
                    "Not recorded: recording a family's consent is for the building office (the "
                    "principal or designee) or the district."
                ),
            )
        elif signed is not None:
            try:
                outcome = record_biometric_consent(
                    uow=uow, student=person, signed_on=signed, note=note, now=at,
                    actor_id=principal.person_id,
                )  # fmt: skip
            except ValueError as exc:
                status, error = 422, f"Not recorded: {exc}."
            else:
                said = {"added": "Recorded", "changed": "Changed", "unchanged": "Already on file"}
                message = f"{said[outcome]}: written biometric consent signed {signed.isoformat()}."
        elif withdraw_biometric_consent(
            uow=uow, student=person, now=at, actor_id=principal.person_id
        ):
            message = "Withdrawn: the consent and the student's face template are deleted."
        else:
            message = "Nothing to withdraw: no biometric consent was on file."
    if status != 200:
        return _page(request, services, principal, student, status_code=status, error=error)
    return _page(request, services, principal, student, message=message)


@router.post(PAGE + "/photo", name="prepub_biometric_photo")
async def enroll_photo(
    request: Request,
    principal: Office,
    services: Svc,
    student: Annotated[str, Form(max_length=255)],
    photo: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """The student's reference photo: its face template is made, encrypted and kept; the
    photo is not."""
    limit = services.settings.photo_max_bytes
    data = await photo.read(limit + 1) if photo is not None and photo.filename else b""
    if not data:
        return _page(request, services, principal, student, status_code=422,
                     error="Choose the student's reference photo.")  # fmt: skip
    if len(data) > limit:
        return _page(request, services, principal, student, status_code=413,
                     error=f"The photo is larger than {limit:,} bytes.")  # fmt: skip
    at = now(request)
    try:
        image = read_photo(photo.filename or "photo", data,  # type: ignore[union-attr]
                           max_pixels=services.settings.photo_max_pixels)  # fmt: skip
    except PhotoError as exc:
        return _page(request, services, principal, student, status_code=422,
                     error=f"Not enrolled: {exc}.")  # fmt: skip
    status, error, replaced = 200, None, False
    with services.db.uow(write=True) as uow:
        person, may_record = _student(uow.session, principal, student)
        if person is None:
            status = 404
        elif not may_record:
            status, error = (
                403,
                (
                    "Not enrolled: enrolling a reference photo is for the building office (the "
                    "principal or designee) or the district."
                ),
            )
        else:
            try:
                replaced = enroll_face(
                    uow=uow, student=person, photo=image,
                    keyring=face_keyring(services.settings), now=at,
                    actor_id=principal.person_id,
                )  # fmt: skip
            except (FaceRecognitionOff, NoBiometricConsent, ReferencePhotoError) as exc:
                status, error = 422, f"Not enrolled: {exc}."
    if status != 200:
        return _page(request, services, principal, student, status_code=status, error=error)
    what = "replaced" if replaced else "enrolled"
    return _page(
        request,
        services,
        principal,
        student,
        message=f"Face template {what}: kept encrypted; the photo was not kept.",
    )
