"""Face recognition on real photos: the same person in two different photos is matched,
other people are not, a reference photo needs exactly one face, and a match is a suggestion
to confirm with the matched student's consents applied (never silent).

The photos of two people (obama.jpg, biden.jpg, obama_and_biden.jpg) are read from the
shared data folder (PROVENANCE.md there), never copied into the project; the others are the
project's own test photos (tests/fixtures/prepub/photos/PROVENANCE.md)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lanyard.prepub.domain import StudentConsent, Verdict
from lanyard.prepub.faces import (
    MATCH_DISTANCE,
    FaceMatch,
    ReferencePhotoError,
    describe_faces,
    distance,
    match_faces,
    match_findings,
    reference_descriptor,
    template_bytes,
    template_of,
)
from lanyard.prepub.photos import Photo, check_photo, detect_faces, read_photo

PHOTOS = Path(__file__).resolve().parents[2] / "fixtures" / "prepub" / "photos"


@pytest.fixture(scope="module")
def faces_dir(shared: Path) -> Path:
    return shared / "data" / "faces"


def _read(path: Path) -> Photo:
    return read_photo(path.name, path.read_bytes())


def _reference(path: Path) -> np.ndarray:
    photo = _read(path)
    return reference_descriptor(photo.image, detect_faces(photo.image))


def test_the_same_person_in_another_photo_matches_and_another_person_does_not(
    faces_dir: Path,
) -> None:
    obama, biden = _reference(faces_dir / "obama.jpg"), _reference(faces_dir / "biden.jpg")
    pair = _read(faces_dir / "obama_and_biden.jpg")
    found = detect_faces(pair.image)
    assert len(found) == 2
    descriptors = describe_faces(pair.image, found)
    assert all(d.shape == (128,) for d in descriptors)
    # which face is whom: the nearer template, each well inside the threshold
    near_obama = min(range(2), key=lambda i: distance(descriptors[i], obama))
    near_biden = 1 - near_obama
    assert distance(descriptors[near_obama], obama) < MATCH_DISTANCE - 0.05
    assert distance(descriptors[near_biden], biden) < MATCH_DISTANCE - 0.05
    assert distance(descriptors[near_obama], biden) > MATCH_DISTANCE + 0.1
    assert distance(obama, biden) > MATCH_DISTANCE + 0.1
    matches = match_faces(descriptors, {"s-obama": obama})
    assert [(m.face, m.students) for m in matches] == [(near_obama, ("s-obama",))]
    # two women of the project's photos: not each other
    collins = _reference(PHOTOS / "astronaut_gps.jpg")
    hopper = _reference(PHOTOS / "hopper.jpg")
    assert distance(collins, hopper) > MATCH_DISTANCE
    assert match_faces([hopper], {"s-collins": collins, "s-obama": obama}) == []


def test_a_reference_photo_needs_exactly_one_face() -> None:
    coffee, group = _read(PHOTOS / "coffee.jpg"), _read(PHOTOS / "group_three.jpg")
    with pytest.raises(ReferencePhotoError, match="no face found in the reference photo"):
        reference_descriptor(coffee.image, detect_faces(coffee.image))
    with pytest.raises(ReferencePhotoError, match="3 faces found in the reference photo"):
        reference_descriptor(group.image, detect_faces(group.image))


def test_a_template_is_128_float32_numbers_and_reads_back() -> None:
    descriptor = _reference(PHOTOS / "hopper.jpg")
    data = template_bytes(descriptor)
    assert len(data) == 512
    assert np.allclose(template_of(data), descriptor)
    with pytest.raises(ValueError, match="not a face template"):
        template_of(data[:-4])


def test_a_match_is_a_suggestion_to_confirm_and_the_students_opt_out_applies() -> None:
    group = _read(PHOTOS / "group_three.jpg")
    found = detect_faces(group.image)
    hopper = _reference(PHOTOS / "hopper.jpg")
    matches = match_faces(describe_faces(group.image, found), {"s1": hopper})
    assert len(matches) == 1 and found[matches[0].face].width > found[1].width  # the middle one
    consents = {"s1": StudentConsent({"social_media": "opt_out"})}
    names = {"s1": "Grace Hopper (student 200101)"}
    recognised = match_findings(matches, use="social_media", tagged=[], consents=consents,
                                names=names, pack=None)  # fmt: skip
    assert [f.kind for f in recognised] == ["face_match", "opted_out"]
    assert recognised[0].verdict is Verdict.REVIEW
    assert recognised[0].reason.startswith(
        "review: face 1 matched by face recognition to Grace Hopper (student 200101) — confirm"
    )
    result = check_photo("group_three.jpg", found, use="social_media", tagged=[],
                         consents=consents, matches=matches, recognised=recognised)  # fmt: skip
    assert result.verdict is Verdict.UNSAFE
    assert result.to_dict()["face_matches"][0]["students"] == ["s1"]
    # tagged already: the match confirms the tag, no suggestion
    assert match_findings(matches, use="social_media", tagged=["s1"], consents=consents,
                          names=names, pack=None) == []  # fmt: skip


def test_a_face_as_near_two_students_names_both_and_picks_neither() -> None:
    match = FaceMatch(0, ("s1", "s2"), (0.31, 0.33))
    consents = {"s1": StudentConsent({"website": "opt_in"}),
                "s2": StudentConsent({"website": "opt_out"})}  # fmt: skip
    findings = match_findings([match], use="website", tagged=[], consents=consents,
                              names={"s1": "Ann Twin", "s2": "Bea Twin"}, pack=None)  # fmt: skip
    assert [f.kind for f in findings] == ["face_match", "student_name", "face_match", "opted_out"]
    assert "Ann Twin or Bea Twin (as near as each other" in findings[0].reason
