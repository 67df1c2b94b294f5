"""Face recognition, pure: no database, web or job frameworks. Off unless the district turns
it on (``LANYARD_FACE_RECOGNITION``); see docs/face-recognition.md.

* :func:`describe_faces` turns faces already found by the detector
  (:func:`lanyard.prepub.photos.detect_faces`) into 128-number face descriptors with dlib's
  ResNet model (5 landmarks, then the descriptor). The model files ship in the
  ``face-recognition-models`` package: nothing is downloaded, nothing leaves the server;
  dlib is imported only when recognition runs, so a district that leaves it off never
  loads it;
* :func:`reference_descriptor` is the template of a student's reference photo: exactly one
  face, or a refusal saying why;
* :func:`match_faces` compares a photo's descriptors with the enrolled templates: a face
  nearer than :data:`MATCH_DISTANCE` to a template is a *suggestion* to confirm, never a tag;
* :func:`match_findings` words those suggestions, and the matched student's consents apply
  as for a tag (:func:`lanyard.prepub.domain.consent_finding`).

A template is 128 float32 numbers (:func:`template_bytes`); it is stored only encrypted
(:mod:`lanyard.prepub.biometrics`) and never appears in a log, an answer or an export.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from PIL import Image

from lanyard.policy.loader import Pack
from lanyard.prepub.domain import Finding, StudentConsent, Verdict, consent_finding

# Two photos of one person are nearer than this (Euclidean distance between descriptors);
# two people farther. dlib's own figure is 0.6 (99.38 % on LFW pairs, adults); measured on
# the test photos (benchmarks/face_recognition.py): the same person in two different photos
# 0.38-0.39, two different people 0.67 and more. 0.5 sits between with room both sides and
# is stricter than dlib's 0.6, because the model was trained on adults and mistakes
# children's faces for one another more often.
MATCH_DISTANCE = 0.5
DESCRIPTOR_SIZE = 128
_MODELS = ("shape_predictor_5_face_landmarks.dat", "dlib_face_recognition_resnet_model_v1.dat")


class FaceBox(Protocol):
    """A face found in the upright photo's pixels (:class:`lanyard.prepub.photos.Face`)."""

    @property
    def x(self) -> int: ...
    @property
    def y(self) -> int: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


class ReferencePhotoError(ValueError):
    """A reference photo no template can be made from (no face, several faces)."""


def models_dir() -> Path:
    """The folder of dlib's model files inside the installed ``face_recognition_models``
    package, found without importing it (its ``__init__`` needs ``pkg_resources``)."""
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "face recognition is on but the face-recognition-models package is not installed"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "models"


@lru_cache(maxsize=1)
def _models() -> tuple[Any, Any]:
    import dlib

    folder = models_dir()
    missing = [m for m in _MODELS if not (folder / m).is_file()]
    if missing:  # pragma: no cover - a broken install
        raise RuntimeError(f"face recognition model files missing from {folder}: {missing}")
    landmarks = dlib.shape_predictor(str(folder / _MODELS[0]))
    descriptor = dlib.face_recognition_model_v1(str(folder / _MODELS[1]))
    return landmarks, descriptor


def describe_faces(image: Image.Image, faces: Sequence[FaceBox]) -> list[np.ndarray]:
    """One 128-number descriptor (float32) per face, in the order given."""
    if not faces:
        return []
    import dlib

    landmarks, descriptor = _models()
    pixels = np.ascontiguousarray(np.asarray(image.convert("RGB")))
    out = []
    for face in faces:
        box = dlib.rectangle(face.x, face.y, face.x + face.width, face.y + face.height)
        shape = landmarks(pixels, box)
        out.append(np.asarray(descriptor.compute_face_descriptor(pixels, shape), np.float32))
    return out


def reference_descriptor(image: Image.Image, faces: Sequence[FaceBox]) -> np.ndarray:
    """The template of a student's reference photo: exactly one face must be found."""
    if not faces:
        raise ReferencePhotoError(
            "no face found in the reference photo: use a recent photo of the student alone, "
            "facing the camera (a school portrait)"
        )
    if len(faces) > 1:
        raise ReferencePhotoError(
            f"{len(faces)} faces found in the reference photo: use a photo of the student "
            "alone (crop it to one face)"
        )
    return describe_faces(image, faces)[0]


def template_bytes(descriptor: np.ndarray) -> bytes:
    """A descriptor as the bytes that are encrypted: 128 little-endian float32 numbers."""
    values = np.asarray(descriptor, dtype="<f4").reshape(-1)
    if values.size != DESCRIPTOR_SIZE:
        raise ValueError(f"a face template has {DESCRIPTOR_SIZE} numbers, not {values.size}")
    return values.tobytes()


def template_of(data: bytes) -> np.ndarray:
    """The descriptor back from :func:`template_bytes`."""
    if len(data) != DESCRIPTOR_SIZE * 4:
        raise ValueError("not a face template")
    return np.frombuffer(data, dtype="<f4").astype(np.float32)


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(np.asarray(a, np.float64) - np.asarray(b, np.float64)))


@dataclass(frozen=True)
class FaceMatch:
    """A face (``face``: its index in the photo's faces, 0 = the first listed) near enough
    to one or more enrolled students' templates: a suggestion, nearest first."""

    face: int
    students: tuple[str, ...]
    distances: tuple[float, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "face": self.face + 1,
            "students": list(self.students),
            "distances": [round(d, 3) for d in self.distances],
        }


def match_faces(
    descriptors: Sequence[np.ndarray],
    templates: Mapping[str, np.ndarray],
    *,
    threshold: float = MATCH_DISTANCE,
) -> list[FaceMatch]:
    """Each face nearer than ``threshold`` to one or more templates (student id ->
    descriptor). A face near two students (twins, siblings) names both: the check never
    picks one."""
    if not templates:
        return []
    ids = list(templates)
    gallery = np.stack([np.asarray(templates[i], np.float64) for i in ids])
    matches = []
    for index, descriptor in enumerate(descriptors):
        gaps = np.linalg.norm(gallery - np.asarray(descriptor, np.float64), axis=1)
        near = [(float(gaps[k]), ids[k]) for k in np.argsort(gaps) if gaps[k] < threshold]
        if near:
            matches.append(FaceMatch(index, tuple(s for _, s in near), tuple(d for d, _ in near)))
    return matches


def match_findings(
    matches: Sequence[FaceMatch],
    *,
    use: str | tuple[str, ...],
    tagged: Sequence[str],
    consents: Mapping[str, StudentConsent],
    names: Mapping[str, str],
    pack: Pack | None,
) -> list[Finding]:
    """For each face matched to a student not tagged: a review finding "matched by face
    recognition — confirm" naming the student (``names``: id -> name and student number),
    never silent; then that student's consents as for a tag (an opt-out is unsafe). A face
    matched to a student already tagged confirms the tag: no finding."""
    findings: list[Finding] = []
    seen: set[str] = set()
    for match in matches:
        if any(s in tagged for s in match.students):
            continue  # the face is (or may be) a tagged student: the tag stands
        who = " or ".join(names.get(s, "an enrolled student") for s in match.students)
        several = " (as near as each other: the check does not choose)" if len(
            match.students) > 1 else ""  # fmt: skip
        for student in match.students:
            findings.append(
                Finding(Verdict.REVIEW, "face_match",
                        f"review: face {match.face + 1} matched by face recognition to {who}"
                        f"{several} — confirm: tag the student if it is them, or blur the "
                        "face", student)
            )  # fmt: skip
            if student not in seen:
                seen.add(student)
                label = (
                    f"face {match.face + 1}, matched by face recognition to "
                    f"{names.get(student, 'an enrolled student')} (confirm)"
                )
                findings.append(
                    consent_finding(student, label, use, consents.get(student), pack, photo=True)
                )
    return findings
