"""Photos of a draft post, pure: no database, web or job frameworks.

* :func:`read_photo` opens a JPEG, PNG or WebP file (turned upright by its EXIF
  orientation); a file that is not one refuses with its name;
* :func:`detect_faces` finds faces offline with the frontal-face Haar cascade that ships
  inside the OpenCV wheel (``cv2.data``): nothing is downloaded, nothing leaves the server.
  The photo is shrunk to at most 800 pixels on its longer side first (a 1080p photo is
  detected at 800 x 450). It misses faces in profile, faces narrower than about 1/40 of the
  photo's width, and faces half covered (masks): see docs/prepub.md. The profile cascade
  (``profile=True``) is measured by the benchmark, not used;
* :func:`check_photo` gives the photo's verdict from the faces found, the students tagged
  and their consents;
* :func:`clean_photo` blurs or covers chosen faces and writes the image again from its
  pixels alone, so no EXIF, XMP, GPS or camera data goes back to anyone.

Face *recognition* is off by default: no face is matched to a student (biometric
processing, Illinois BIPA and similar laws), and who is pictured comes from the tags alone.
A district that turns it on (``LANYARD_FACE_RECOGNITION``) gets suggestions to confirm for
students with written biometric consent on file (:mod:`lanyard.prepub.faces`,
docs/face-recognition.md).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps, UnidentifiedImageError

from lanyard.policy.decision import Verdict as PolicyVerdict
from lanyard.policy.engine import decide
from lanyard.policy.loader import Pack
from lanyard.policy.situation import Situation
from lanyard.prepub.domain import (
    Citation,
    Finding,
    StudentConsent,
    Verdict,
    _keys,
    consent_finding,
    worst_verdict,
)
from lanyard.prepub.faces import FaceMatch
from lanyard.prepub.logos import LogoMatch

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
DETECT_SIDE = 800  # the longer side a photo is shrunk to before detection
MAX_PIXELS = 60_000_000  # the default pixel limit (a 60-megapixel photo is plenty)
CASCADE = "haarcascade_frontalface_alt2.xml"
# Faces turned to one side; run on the mirrored photo too for the other side.
PROFILE_CASCADE = "haarcascade_profileface.xml"


class PhotoError(ValueError):
    """A file that is not a photo Lanyard reads; names the file."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name, self.problem = name, problem


class PhotoTooLarge(PhotoError):
    """More pixels than the limit (a decompression bomb, or a photo too large to check):
    refused from the header, before the pixels are decoded."""

    def __init__(self, name: str, pixels: int, limit: int) -> None:
        super().__init__(name, f"{pixels:,} pixels, more than the limit of {limit:,}")
        self.pixels, self.limit = pixels, limit


@dataclass(frozen=True)
class Face:
    """A face found, in the upright photo's pixels."""

    x: int
    y: int
    width: int
    height: int

    def to_dict(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "width": self.width, "height": self.height}


@dataclass(frozen=True)
class Photo:
    name: str
    image: Image.Image
    format: str  # JPEG | PNG | WEBP


def read_photo(name: str, data: bytes, *, max_pixels: int = MAX_PIXELS) -> Photo:
    """Open a photo (JPEG, PNG, WebP), upright by its EXIF orientation. Its size is read
    from the header first: more than ``max_pixels`` is refused before anything is decoded
    (:class:`PhotoTooLarge`)."""
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb warning: the limit below decides, not a process-wide one
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise PhotoTooLarge(name, _pixels_of(exc), max_pixels) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise PhotoError(name, "not a JPEG, PNG or WebP image") from None
    if image.format not in FORMATS:
        raise PhotoError(name, f"{image.format} images are not read: JPEG, PNG or WebP")
    if image.width * image.height > max_pixels:
        raise PhotoTooLarge(name, image.width * image.height, max_pixels)
    try:
        image.load()
    except (OSError, ValueError):
        raise PhotoError(name, "not a JPEG, PNG or WebP image (the file is damaged)") from None
    fmt = image.format
    upright = ImageOps.exif_transpose(image)
    upright.info = dict(image.info)
    return Photo(name, upright, fmt)


def _pixels_of(error: Exception) -> int:
    """The pixel count Pillow's own refusal names ("Image size (N pixels) exceeds ...")."""
    found = re.search(r"\((\d+) pixels\)", str(error))
    return int(found[1]) if found else 0


@lru_cache(maxsize=2)
def _cascade(name: str = CASCADE) -> Any:
    path = cv2.data.haarcascades + name  # type: ignore[attr-defined]
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():  # pragma: no cover - a broken OpenCV install
        raise RuntimeError(f"the face detector's model {name} did not load from OpenCV")
    return cascade


def _boxes(cascade: Any, pixels: Any) -> list[tuple[int, int, int, int]]:
    found = cascade.detectMultiScale(pixels, scaleFactor=1.2, minNeighbors=5, minSize=(20, 20))
    return [(int(x), int(y), int(w), int(h)) for x, y, w, h in (found if len(found) else [])]


def _same_face(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Two boxes of one face: either's centre inside the other."""

    def inside(p: tuple[int, int, int, int], q: tuple[int, int, int, int]) -> bool:
        cx, cy = p[0] + p[2] / 2, p[1] + p[3] / 2
        return q[0] <= cx <= q[0] + q[2] and q[1] <= cy <= q[1] + q[3]

    return inside(a, b) or inside(b, a)


def detect_faces(image: Image.Image, *, profile: bool = False) -> list[Face]:
    """Faces in the photo (frontal; offline), largest first. With ``profile``, faces in
    profile either way too (a face found by both detectors counted once, the frontal box
    kept): not used by the check, because on the test photos it found one more face only at
    some scales and cost more than half the speed (``benchmarks/prepublish.py``)."""
    gray = image.convert("L")
    scale = min(1.0, DETECT_SIDE / max(gray.size))
    if scale < 1.0:
        gray = gray.resize(
            (max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
            Image.Resampling.BILINEAR,
        )
    pixels = cv2.equalizeHist(np.asarray(gray))
    boxes = _boxes(_cascade(CASCADE), pixels)
    if profile:
        side = _cascade(PROFILE_CASCADE)
        width = pixels.shape[1]
        turned = _boxes(side, pixels) + [
            (width - x - w, y, w, h)
            for x, y, w, h in _boxes(side, np.ascontiguousarray(pixels[:, ::-1]))
        ]
        for box in sorted(turned, key=lambda b: -b[2] * b[3]):
            if not any(_same_face(box, kept) for kept in boxes):
                boxes.append(box)
    faces = [
        Face(round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        for x, y, w, h in boxes
    ]
    return sorted(faces, key=lambda f: (-f.width * f.height, f.x, f.y))


@dataclass(frozen=True)
class PhotoResult:
    name: str
    verdict: Verdict
    faces: tuple[Face, ...]
    tagged: int
    findings: tuple[Finding, ...]
    logo: LogoMatch | None = None
    # faces matched by face recognition (on only where the district turned it on)
    matches: tuple[FaceMatch, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = {
            "name": self.name,
            "verdict": str(self.verdict),
            "faces": [f.to_dict() for f in self.faces],
            "tagged": self.tagged,
            "findings": [f.to_dict() for f in self.findings],
            "logo": self.logo.to_dict() if self.logo else None,
        }
        if self.matches:
            out["face_matches"] = [m.to_dict() for m in self.matches]
        return out


# A co-worker's consent to appear in the district's posts: a scope of the consents store
# recorded for a staff member (opt_in: consent on file, in writing; opt_out: refused).
STAFF_IMAGE_SCOPE = "coworker_image"
# Where a post goes, as the situation contract's channel medium (a newsletter is e-mailed).
_MEDIUM = {"website": "website", "social_media": "social_post", "newsletter": "email"}
_COWORKER_FACTS = ("content.coworker_images", "content.coworker_consent",
                   "content.coworker_consent_written")  # fmt: skip


_LOGO_FACTS = ("content.district_logo",)


def _engine_citation(
    pack: Pack | None, situation: dict[str, Any], facts: tuple[str, ...]
) -> Citation | None:
    """The first rule the engine fired (or that an unknown fact could fire) on this
    situation, reading one of ``facts``, that prohibits or needs approval."""
    if pack is None:
        return None
    rules = {r.id: r for r in pack.document.rules}
    decision = decide(pack, Situation.model_validate({"district": pack.id, **situation}))
    for fired in decision.fired:
        rule = rules.get(fired.rule_id)
        if rule is None or fired.verdict.rank < PolicyVerdict.NEEDS_APPROVAL.rank:
            continue
        if set(facts) & (_keys(rule.when) | _keys(rule.unless or {})):
            return Citation(rule.id, rule.clause, rule.quote)
    return None


def coworker_citation(pack: Pack | None, use: str) -> Citation | None:
    """The pack's own clause on a co-worker pictured without consent: the engine decides
    a district post (``use``) showing a co-worker with no consent, and the first rule that
    fired (or could fire) on the co-worker facts against it is cited. None when the pack
    has no such rule."""
    return _engine_citation(pack, {
        "action": "post", "purpose": "district_business",
        "channel": {"account": "district", "medium": _MEDIUM.get(use, "website")},
        "content": {"coworker_images": True, "coworker_consent": False,
                    "coworker_consent_written": False},
    }, _COWORKER_FACTS)  # fmt: skip


def logo_citation(pack: Pack | None, use: str) -> Citation | None:
    """The pack's own clause on the district's logo in a post: the engine decides a post
    (``use``) showing the logo, the account left unknown (the check does not know whether
    the post goes out on an official account), so a rule about personal accounts is cited
    as one that could apply. None when the pack has no such rule."""
    return _engine_citation(pack, {
        "action": "post",
        "channel": {"medium": _MEDIUM.get(use, "website")},
        "content": {"district_logo": True},
    }, _LOGO_FACTS)  # fmt: skip


@dataclass(frozen=True)
class LogoApproval:
    """What the check knows of the approval the cited rule asks for: the pack's form (id
    and title) and, when the person checking holds it (neither revoked nor expired), that
    approval's dates, conditions and ticked limits."""

    form: str
    title: str
    granted_at: dt.datetime | None = None
    expires_at: dt.datetime | None = None
    conditions: str | None = None
    limits: tuple[str, ...] = ()
    approved_for: str = ""  # what the request said (the form's fields), shown as it was
    looked_up: bool = True  # False: no one to look up (the command line runs as no one)

    @property
    def held(self) -> bool:
        return self.granted_at is not None


def logo_approval_form(pack: Pack | None, citation: Citation | None) -> tuple[str, str] | None:
    """The form (id, title) the cited logo rule's approval names, or None when the rule
    names none (a prohibition, or a pack with no logo form)."""
    if pack is None or citation is None:
        return None
    rule = next((r for r in pack.document.rules if r.id == citation.rule), None)
    if rule is None or rule.approval is None or rule.approval.form is None:
        return None
    form = next((f for f in pack.document.forms if f.id == rule.approval.form), None)
    return rule.approval.form, form.title if form else rule.approval.form


def logo_finding(
    match: LogoMatch,
    approved: bool,
    citation: Citation | None,
    approval: LogoApproval | None = None,
) -> Finding:
    """The district's logo found in a photo. Safe when the caller says the post is approved
    (``approved``) or the person checking holds the approval the cited rule names, with no
    conditions or limits to confirm; review otherwise ("logo needs approval"), with the
    clause. An approval with conditions or limits is review: whether this post is within
    them is not something the check can know."""
    where = f"around x {match.box[0]}, y {match.box[1]}"
    if approved:
        return Finding(Verdict.SAFE, "logo_approved",
                       "the district's logo appears in the photo: approval recorded for "
                       "this post", None, citation)  # fmt: skip
    if approval is not None and approval.held:
        granted = approval.granted_at.date().isoformat() if approval.granted_at else ""
        until = f", until {approval.expires_at.date().isoformat()}" if approval.expires_at else ""
        on_file = f"your approval is on file: {approval.title} (granted {granted}{until})"
        if approval.approved_for:
            on_file += f", for {approval.approved_for}"
        if approval.conditions or approval.limits:
            said = "; ".join(x for x in (approval.conditions, ", ".join(approval.limits)) if x)
            return Finding(Verdict.REVIEW, "logo_approval_conditions",
                           f"review: the district's logo appears in the photo ({where}); "
                           f"{on_file} with conditions to confirm for this post: {said}",
                           None, citation)  # fmt: skip
        return Finding(Verdict.SAFE, "logo_approval_on_file",
                       f"the district's logo appears in the photo ({where}): {on_file}",
                       None, citation)  # fmt: skip
    if citation is None:
        why = "the district's policy pack names no rule on it"
    elif approval is None:
        why = "the policy names no approval that allows it"
    elif not approval.looked_up:
        why = (
            f"it needs an approval ({approval.title}); none was looked up, since the "
            "check runs as no one (--logo-approved says the post's use is approved)"
        )
    else:
        why = f"no approval ({approval.title}) is on file for you"
    return Finding(Verdict.REVIEW, "district_logo",
                   f"review: logo needs approval: the district's logo appears in the photo "
                   f"({where}) and {why}", None, citation)  # fmt: skip


def coworker_finding(staff_id: str, consent: StudentConsent | None,
                     citation: Citation | None) -> Finding:  # fmt: skip
    """A staff member tagged in a photo: consent on file is safe, a refusal unsafe,
    nothing on file "review: co-worker pictured — consent needed" (missing is not consent)."""
    decision = (consent or StudentConsent()).decisions.get(STAFF_IMAGE_SCOPE)
    if decision == "opt_in":
        return Finding(Verdict.SAFE, "coworker_consent",
                       "a co-worker tagged in the photo: consent on file", staff_id,
                       citation)  # fmt: skip
    if decision == "opt_out":
        return Finding(Verdict.UNSAFE, "coworker_refused",
                       "a co-worker tagged in the photo refused consent to appear in posts "
                       "this school year", staff_id, citation)  # fmt: skip
    where = "" if citation else " (the district's policy pack names no rule on it: ask them)"
    return Finding(Verdict.REVIEW, "coworker_no_consent",
                   "review: co-worker pictured — consent needed: no consent on file for this "
                   f"school year{where}", staff_id, citation)  # fmt: skip


def check_photo(
    name: str,
    faces: Sequence[Face],
    *,
    use: str | tuple[str, ...],
    tagged: Iterable[str],
    consents: Mapping[str, StudentConsent],
    pack: Pack | None = None,
    staff: Iterable[str] = (),
    coworker_clause: Citation | None = None,
    logo: LogoMatch | None = None,
    logo_approved: bool = False,
    logo_clause: Citation | None = None,
    logo_approval: LogoApproval | None = None,
    matches: Sequence[FaceMatch] = (),
    recognised: Sequence[Finding] = (),
) -> PhotoResult:
    """A photo's verdict: a tagged student opted out of ``use`` (or of photos) is unsafe,
    nothing on file is review; a tagged co-worker (``staff``) without consent on file is
    review (``coworker_clause``: :func:`coworker_citation`); more faces than tagged people
    is review; the district's logo found (``logo``) without ``logo_approved`` is review;
    no face found and nobody tagged is safe. ``matches`` and ``recognised``: faces matched
    by face recognition and their findings (:func:`lanyard.prepub.faces.match_findings`)."""
    students = list(dict.fromkeys(tagged))
    employees = [s for s in dict.fromkeys(staff) if s not in students]
    findings = [
        consent_finding(s, "a student tagged in the photo", use, consents.get(s), pack, photo=True)
        for s in students
    ]
    findings += [coworker_finding(s, consents.get(s), coworker_clause) for s in employees]
    findings += recognised
    if logo is not None:
        findings.append(logo_finding(logo, logo_approved, logo_clause, logo_approval))
    people_tagged = len(students) + len(employees)
    untagged = len(faces) - people_tagged
    if untagged > 0:
        people = "person" if untagged == 1 else "people"
        findings.append(
            Finding(Verdict.REVIEW, "untagged_faces",
                    f"review: {untagged} {people} not tagged ({len(faces)} faces found, "
                    f"{people_tagged} tagged): tag them from the roster or blur their faces")
        )  # fmt: skip
    if not faces and not people_tagged:
        findings.append(
            Finding(Verdict.SAFE, "no_faces",
                    "no faces found (the detector misses faces in profile, very small or "
                    "masked: look before publishing)")
        )  # fmt: skip
    return PhotoResult(name, worst_verdict(findings), tuple(faces), people_tagged,
                       tuple(findings), logo, tuple(matches))  # fmt: skip


def clean_photo(
    photo: Photo,
    faces: Sequence[Face] = (),
    *,
    how: Literal["blur", "cover"] = "blur",
    max_side: int | None = None,
) -> tuple[bytes, str]:
    """The photo with ``faces`` blurred (or covered) and no metadata at all: the pixels are
    copied into a new image, so EXIF (camera, GPS), XMP, comments and ICC profiles are gone.
    Returns the bytes and their media type (the photo's own format)."""
    source = photo.image
    mode = "RGBA" if source.mode in ("RGBA", "LA", "P") and photo.format != "JPEG" else "RGB"
    clean = Image.new(mode, source.size)
    clean.paste(source.convert(mode))
    for face in faces:
        pad_w, pad_h = face.width // 6, face.height // 6
        box = (
            max(0, face.x - pad_w),
            max(0, face.y - pad_h),
            min(clean.width, face.x + face.width + pad_w),
            min(clean.height, face.y + face.height + pad_h),
        )
        if how == "cover":
            ImageDraw.Draw(clean).rectangle(box, fill=(40, 40, 40))
        else:
            region = clean.crop(box)
            # pixelate then blur: nothing of the face can be sharpened back
            small = region.resize((max(1, region.width // 16), max(1, region.height // 16)))
            region = small.resize(region.size, Image.Resampling.NEAREST)
            clean.paste(region.filter(ImageFilter.GaussianBlur(max(4, face.width // 10))), box)
    if max_side is not None and max(clean.size) > max_side:
        clean.thumbnail((max_side, max_side))
    out = io.BytesIO()
    if photo.format == "JPEG":
        clean.save(out, "JPEG", quality=90)
    else:
        clean.save(out, photo.format)
    return out.getvalue(), FORMATS[photo.format]


def cleaned_name(name: str) -> str:
    """The file name a cleaned copy is handed back under: ``cleaned-<name>``, safe ASCII."""
    stem = "".join(c if c.isalnum() or c in "._-" else "_" for c in name.rsplit("/", 1)[-1])
    return f"cleaned-{stem or 'photo'}"


def content_disposition(name: str) -> str:
    return f'attachment; filename="{cleaned_name(name)}"'
