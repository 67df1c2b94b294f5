"""``POST /api/prepublish/check`` (a draft post's text and photos), ``POST
/api/prepublish/clean`` (a photo with chosen faces blurred, no metadata) and ``POST
/api/prepublish/bcc`` (a group e-mail's recipients), for the page and for a district's CMS or
newsletter tool. Photos are checked and cleaned in memory and never stored.

Both read the whole district's directory and consents, so they are for staff whose role
carries ``read_directory`` or ``moderate`` district-wide (the communications office, the
webmaster); a check is recorded in the audit log, never the draft or the names in it.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from lanyard.auth.permissions import (
    IMPORT_DIRECTORY,
    READ_DIRECTORY,
    RECORD_CONSENTS,
    Permission,
    Principal,
)
from lanyard.bootstrap import Services
from lanyard.config import Settings
from lanyard.policy import load_pack
from lanyard.prepub.accounts import destinations_for, find_destination
from lanyard.prepub.biometrics import face_keyring
from lanyard.prepub.domain import (
    can_check_publication,
    check_scope,
    recipients_from_eml,
    recipients_from_text,
)
from lanyard.prepub.outlook import recipients_from_msg
from lanyard.prepub.photos import (
    FORMATS,
    Photo,
    PhotoError,
    PhotoTooLarge,
    clean_photo,
    content_disposition,
    detect_faces,
    read_photo,
)
from lanyard.prepub.service import (
    district_logo,
    run_photo_check,
    run_recipients_check,
    run_text_check,
)
from lanyard.web.deps import now, require, services_of


def can_open_consents(principal: Principal) -> Permission:
    """The consents page: staff who record consents (``record_consents``: the building
    office under its principal or designee, or district-wide), or who read or import the
    directory (they see what is on file, they do not change it)."""
    if principal.kind == "staff":
        grant = principal.district_grant(RECORD_CONSENTS)
        if grant is not None:
            return Permission(True, f"as {grant.role} you may record consents for any student")
        if principal.building_grants(RECORD_CONSENTS):
            return Permission(True, "you may record consents for your buildings' students")
        for capability in (IMPORT_DIRECTORY, READ_DIRECTORY):
            grant = principal.district_grant(capability)
            if grant is not None:
                return Permission(True, f"as {grant.role} you may read any student's consents")
        if principal.building_grants(READ_DIRECTORY):
            return Permission(True, "you may read your buildings' students' consents")
    return Permission(
        False, "a family's consents are for the building office or the district's "
        "directory staff"
    )  # fmt: skip


def can_view_consents(principal: Principal, building_ids: Iterable[str]) -> Permission:
    """One student's consents, read: district-wide grants, or record_consents or
    read_directory for one of the student's buildings."""
    if principal.kind != "staff":
        return can_open_consents(principal)
    for capability in (RECORD_CONSENTS, IMPORT_DIRECTORY, READ_DIRECTORY):
        grant = principal.district_grant(capability)
        if grant is not None:
            return Permission(True, f"as {grant.role} you may read any student's consents")
    buildings = set(building_ids)
    for capability in (RECORD_CONSENTS, READ_DIRECTORY):
        if set(principal.building_grants(capability)) & buildings:
            return Permission(True, "the student is in a building you keep records for")
    return Permission(False, "the student is not in a building you keep records for")


def can_record_consents(principal: Principal, building_ids: Iterable[str]) -> Permission:
    """One student's consents, changed: ``record_consents`` district-wide or for one of the
    student's buildings. Reading the directory is not enough."""
    if principal.kind == "staff":
        grant = principal.district_grant(RECORD_CONSENTS)
        if grant is not None:
            return Permission(True, f"as {grant.role} you may record consents for any student")
        if set(principal.building_grants(RECORD_CONSENTS)) & set(building_ids):
            return Permission(True, "you record consents for the student's building")
    return Permission(
        False, "recording a family's consent is for the building office (the principal or "
        "designee) or the district: your role may read what is on file, not change it"
    )  # fmt: skip


def can_record_own_image_consent(principal: Principal) -> Permission:
    """A staff member's own co-worker image consent: anyone on the staff may record theirs."""
    if principal.kind == "staff":
        return Permission(True, "you may record your own consent to appear in photos")
    return Permission(False, "a co-worker's image consent is recorded by staff members")


router = APIRouter(prefix="/api/prepublish", tags=["prepub"])
Checker = Annotated[Principal, Depends(require(can_check_publication))]
Svc = Annotated[Services, Depends(services_of)]
Now = Annotated[Any, Depends(now)]


PHOTO_DATA = (
    "JPEG, PNG or WebP, base64: at most LANYARD_PHOTO_MAX_BYTES (413) and "
    "LANYARD_PHOTO_MAX_PIXELS pixels (422)."
)


class PhotoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=255, description="The photo's file name.")
    data: str = Field(description=PHOTO_DATA)
    tags: list[Annotated[str, Field(max_length=255)]] = Field(
        default_factory=list, max_length=200,
        description="People tagged in this photo: students by sourcedId or SIS number, "
        "staff (co-workers) by username or staff id (staff:KEY for staff only).",
    )  # fmt: skip
    preview: bool = Field(
        default=False, description="Return a small preview, metadata removed, as a data: URL."
    )


class TextCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(default="", max_length=100_000, description="The draft post's text.")
    to: Literal["website", "social", "newsletter"] | None = Field(
        default=None,
        description="Where it will go: website, social (media) or newsletter. Give this, "
        "account, or both (they must agree).",
    )
    account: str | None = Field(
        default=None, max_length=1024,
        description="The official account it will be posted on (GET "
        "/api/prepublish/destinations): its id, handle or address. The check then reads the "
        "consent uses that account needs (a YouTube or TikTok account: social media and "
        "video) and the pack's rules about posting on its platform.",
    )  # fmt: skip
    tags: list[Annotated[str, Field(max_length=255)]] = Field(
        default_factory=list,
        max_length=500,
        description="Students tagged in the post: sourcedId or SIS number.",
    )
    logo_approved: bool = Field(
        default=False,
        description="The use of the district's logo in this post is approved: a logo found "
        "in a photo (with the district_logo setting) is then safe, not review.",
    )
    photos: list[PhotoIn] = Field(
        default_factory=list, max_length=20,
        description="The post's photos: faces detected offline, the students tagged in "
        "each against their consents. Faces are matched to no one unless the district turned "
        "face recognition on (LANYARD_FACE_RECOGNITION): then a face near the template of a "
        "student with written biometric consent comes back in face_matches and as a "
        "face_match finding to confirm.",
    )  # fmt: skip


class CleanPhoto(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=255, description="The photo's file name.")
    data: str = Field(description=PHOTO_DATA)
    blur: list[Annotated[int, Field(ge=1)]] | Literal["all"] = Field(
        default_factory=list,
        description="Faces to blur or cover, numbered as the check lists them (1 = the "
        "first), or 'all'.",
    )
    how: Literal["blur", "cover"] = Field(default="blur", description="Blur or cover them.")


class RecipientsCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: str = Field(default="", max_length=100_000, description="Pasted To addresses.")
    cc: str = Field(default="", max_length=100_000, description="Pasted Cc addresses.")
    bcc: str = Field(default="", max_length=100_000, description="Pasted Bcc addresses.")
    eml: str | None = Field(
        default=None, max_length=5_000_000, description="A whole saved message (.eml text)."
    )
    msg: str | None = Field(
        default=None, max_length=6_666_668,
        description="A message saved from Outlook (.msg), base64: at most 5,000,000 bytes. "
        "Its recipient table is read, Bcc included.",
    )  # fmt: skip


class PhotoRefused(Exception):
    """A photo the API does not read, with the status and the words of the answer."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail

    def response(self, prefix: str = "") -> JSONResponse:
        return JSONResponse({"detail": prefix + self.detail}, status_code=self.status)


def _photo(name: str, data: str, settings: Settings) -> Photo:
    """A photo of the request: too many bytes is 413, too many pixels (a decompression
    bomb) 422, each naming the limit and its setting; not a photo 422."""
    limit = settings.photo_max_bytes
    if len(data) > limit * 4 // 3 + 4:  # base64: 4 characters for 3 bytes
        raise PhotoRefused(413, f"{name}: more than {limit:,} bytes (LANYARD_PHOTO_MAX_BYTES)")
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError:  # binascii.Error, or characters outside ASCII
        raise PhotoRefused(422, f"{name}: data is not base64") from None
    if len(raw) > limit:
        raise PhotoRefused(
            413, f"{name}: {len(raw):,} bytes, more than {limit:,} (LANYARD_PHOTO_MAX_BYTES)"
        )
    try:
        return read_photo(name, raw, max_pixels=settings.photo_max_pixels)
    except PhotoTooLarge as exc:
        raise PhotoRefused(422, f"{exc} (LANYARD_PHOTO_MAX_PIXELS)") from None
    except PhotoError as exc:
        raise PhotoRefused(422, str(exc)) from None


def _data_url(photo: Photo) -> str:
    data, media_type = clean_photo(photo, max_side=480)
    return f"data:{media_type};base64," + base64.b64encode(data).decode("ascii")


@router.get("/destinations", summary="Where a draft may go: the website, a newsletter, the "
            "district's active official accounts (the caller's buildings' first)")  # fmt: skip
def destinations_api(principal: Checker, services: Svc) -> JSONResponse:
    with services.db.uow() as uow:
        found = destinations_for(uow.session, person_id=principal.person_id,
                                 buildings=principal.buildings)  # fmt: skip
    return JSONResponse({"destinations": [d.to_dict() for d in found]})


@router.post("/check", summary="Check a draft post's text and photos before publishing")
def check_text_api(body: TextCheck, principal: Checker, services: Svc, at: Now) -> JSONResponse:
    pack = load_pack(services.settings.pack)
    try:
        photos = [(_photo(p.name, p.data, services.settings), p.tags) for p in body.photos]
    except PhotoRefused as exc:
        return exc.response("photos: ")
    try:
        with services.db.uow(write=True) as uow:
            try:
                where = find_destination(uow.session, to=body.to, account=body.account)
            except (LookupError, ValueError) as exc:
                return JSONResponse({"detail": f"account: {exc.args[0]}"}, status_code=422)
            out: dict[str, Any] = {"verdict": "safe", "findings": [], "fix": None}
            if body.text or not photos or where.account_id is not None:
                out = run_text_check(
                    uow=uow, text=body.text, use=where.use, tags=body.tags, pack=pack, now=at,
                    actor_id=principal.person_id,
                    where=where if where.account_id is not None else None,
                    buildings=check_scope(principal),
                ).to_dict()  # fmt: skip
            checked = run_photo_check(
                uow=uow, photos=photos, use=where.uses, pack=pack, now=at,
                actor_id=principal.person_id,
                logo=district_logo(services.settings.district_logo),
                logo_approved=body.logo_approved, recognition=face_keyring(services.settings),
                author_id=principal.person_id, buildings=check_scope(principal),
            ) if photos else []  # fmt: skip
    except LookupError as exc:
        return JSONResponse({"detail": str(exc.args[0])}, status_code=422)
    out["destination"] = where.to_dict()
    out["scope"] = _scope_of(principal)
    out["photos"] = []
    for (photo, _), result, asked in zip(photos, checked, body.photos, strict=True):
        item = {**result.to_dict(), "size": list(photo.image.size)}
        if asked.preview:
            item["preview"] = _data_url(photo)
        out["photos"].append(item)
    verdicts = [out["verdict"], *(p["verdict"] for p in out["photos"])]
    out["verdict"] = max(verdicts, key=("safe", "review", "unsafe").index)
    return JSONResponse(out)


@router.post(
    "/clean",
    summary="A photo with chosen faces blurred and no metadata (EXIF, XMP, GPS)",
    response_class=Response,
    responses={200: {"content": {t: {} for t in FORMATS.values()},
                     "description": "The cleaned photo, as an attachment."}},
)  # fmt: skip
def clean_photo_api(body: CleanPhoto, principal: Checker, services: Svc) -> Response:
    try:
        photo = _photo(body.name, body.data, services.settings)
    except PhotoRefused as exc:
        return exc.response()
    faces = detect_faces(photo.image)
    chosen = range(1, len(faces) + 1) if body.blur == "all" else body.blur
    if any(n > len(faces) for n in chosen):
        return JSONResponse(
            {"detail": f"blur: {body.name} has {len(faces)} faces found"}, status_code=422
        )
    data, media_type = clean_photo(photo, [faces[n - 1] for n in chosen], how=body.how)
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": content_disposition(body.name)})  # fmt: skip


@router.post("/bcc", summary="Check a group e-mail's recipients before sending")
def check_bcc_api(
    body: RecipientsCheck, principal: Checker, services: Svc, at: Now
) -> JSONResponse:
    if body.eml is not None and body.msg is not None:
        return JSONResponse({"detail": "give eml or msg, not both"}, status_code=422)
    if body.msg is not None:
        try:
            data = base64.b64decode(body.msg, validate=True)
        except ValueError:  # binascii.Error, or characters outside ASCII
            return JSONResponse({"detail": "msg: is not base64"}, status_code=422)
        try:
            recipients = recipients_from_msg(data)
        except ValueError as exc:
            return JSONResponse({"detail": f"msg: {exc}"}, status_code=422)
    elif body.eml is not None:
        try:
            recipients = recipients_from_eml(body.eml.encode("utf-8", "replace"))
        except ValueError as exc:
            return JSONResponse({"detail": f"eml: {exc}"}, status_code=422)
    elif body.to or body.cc or body.bcc:
        recipients = recipients_from_text(body.to, body.cc, body.bcc)
    else:
        return JSONResponse({"detail": "give eml, msg or to/cc/bcc addresses"}, status_code=422)
    with services.db.uow(write=True) as uow:
        result = run_recipients_check(
            uow=uow, recipients=recipients, district_domains=services.settings.district_domains,
            pack=load_pack(services.settings.pack), now=at, actor_id=principal.person_id,
            buildings=check_scope(principal),
        )  # fmt: skip
    return JSONResponse({**result.to_dict(), "scope": _scope_of(principal)})


def _scope_of(principal: Principal) -> dict[str, Any]:
    """What a check read: every student, or the students of the caller's buildings only
    (a student of another building named in the draft is not looked up)."""
    buildings = check_scope(principal)
    if buildings is None:
        return {"students": "district"}
    return {"students": "buildings", "buildings": sorted(buildings)}
