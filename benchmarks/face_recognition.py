"""Face recognition (off by default; docs/face-recognition.md): how fast, and how far apart
the same person and two different people are on photos whose people are known.

    .venv/bin/python benchmarks/face_recognition.py [--rounds 20]

Photos: the project's test photos (tests/fixtures/prepub/photos, PROVENANCE.md: NASA's
Eileen Collins, the U.S. Navy's Grace Hopper, and group_three.jpg composed of them) and the
shared face photos (``$LANYARD_SHARED_DIR/data/faces``: obama.jpg, biden.jpg,
obama_and_biden.jpg; PROVENANCE.md there), read in place, never copied. Who each face is
was looked up by hand, by the face's position (``WHO`` below).

Prints, timed as CPU seconds of this process (the machine is shared; wall time beside it):
- the model load (dlib's 5-point landmarks and the ResNet descriptor, from the
  face-recognition-models package);
- descriptors per CPU second (faces already found);
- photos per CPU second on a 1920 x 1080 photo with three faces: detection alone (what the
  check does with recognition off) and detection + recognition against 500 enrolled
  templates (what it does with recognition on);
- every pair of faces: its distance, "same person (other photo)", "same photo (resized or
  mirrored)" or "different people", and the largest same-person and smallest
  different-person distance beside the threshold (lanyard.prepub.faces.MATCH_DISTANCE).
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import time
from pathlib import Path

import numpy as np
from PIL import Image

from lanyard.prepub.faces import MATCH_DISTANCE, _models, describe_faces, distance, match_faces
from lanyard.prepub.photos import detect_faces, read_photo

ROOT = Path(__file__).resolve().parents[1]
PHOTOS = ROOT / "tests" / "fixtures" / "prepub" / "photos"
SHARED = Path(os.environ.get("LANYARD_SHARED_DIR", ROOT.parent / "shared")) / "data" / "faces"

# photo -> the people in it from left to right (faces sorted by x), and the source image
# each face was cut from (two faces of one source are the same photo, resized or mirrored)
WHO: dict[str, list[tuple[str, str]]] = {
    "astronaut_gps.jpg": [("Collins", "astronaut")],
    "hopper.jpg": [("Hopper", "hopper")],
    "group_three.jpg": [
        ("Collins", "astronaut"),
        ("Hopper", "hopper"),
        ("Collins", "astronaut"),
    ],  # fmt: skip
    "obama.jpg": [("Obama", "obama")],
    "biden.jpg": [("Biden", "biden")],
    "obama_and_biden.jpg": [("Biden", "pair"), ("Obama", "pair")],
}


def _path(name: str) -> Path:
    return (SHARED if name.startswith(("obama", "biden")) else PHOTOS) / name


def _cpu(fn, rounds: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        fn()
    return (time.process_time() - cpu) / rounds, (time.perf_counter() - wall) / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} on {os.cpu_count()} cores")  # fmt: skip

    cpu, wall = time.process_time(), time.perf_counter()
    _models()
    print(f"model load: {time.process_time() - cpu:.2f} CPU s ({time.perf_counter() - wall:.2f} s)")

    faces: list[tuple[str, str, str, np.ndarray]] = []  # photo, person, source, descriptor
    for name, people in WHO.items():
        if not _path(name).is_file():
            print(f"skipped {name}: not found at {_path(name)}")
            continue
        photo = read_photo(name, _path(name).read_bytes())
        found = sorted(detect_faces(photo.image), key=lambda f: f.x)
        if len(found) != len(people):
            print(f"{name}: {len(found)} faces found, {len(people)} known: pairs skipped")
            continue
        for (person, source), descriptor in zip(
            people, describe_faces(photo.image, found), strict=True
        ):
            faces.append((name, person, source, descriptor))

    group = read_photo("group_three.jpg", (PHOTOS / "group_three.jpg").read_bytes())
    frame = group.image.resize((1920, 1080))
    out = io.BytesIO()
    frame.save(out, "JPEG", quality=85)
    hd = read_photo("group_1080p.jpg", out.getvalue())
    found = detect_faces(hd.image)
    per_face, wall_face = _cpu(lambda: describe_faces(hd.image, found[:1]), args.rounds)
    print(f"descriptors: {1 / per_face:.1f} per CPU second ({per_face * 1000:.0f} ms CPU, "
          f"{wall_face * 1000:.0f} ms wall, one face of a 1080p photo)")  # fmt: skip
    rng = np.random.default_rng(7)
    gallery = {f"s{i}": rng.normal(0, 0.1, 128).astype(np.float32) for i in range(500)}
    gallery["hopper"] = faces[1][3] if len(faces) > 1 else gallery["s0"]
    detect_only, wall_d = _cpu(lambda: detect_faces(hd.image), args.rounds)

    def both() -> None:
        seen = detect_faces(hd.image)
        match_faces(describe_faces(hd.image, seen), gallery)

    detect_and_match, wall_b = _cpu(both, args.rounds)
    print(f"photos (1920 x 1080, {len(found)} faces), decoded, one thread:")
    print(
        f"  detection only (recognition off): {1 / detect_only:.1f} per CPU second "
        f"({detect_only * 1000:.0f} ms CPU, {wall_d * 1000:.0f} ms wall)"
    )
    print(
        f"  detection + recognition, 500 templates: {1 / detect_and_match:.1f} per CPU "
        f"second ({detect_and_match * 1000:.0f} ms CPU, {wall_b * 1000:.0f} ms wall)"
    )

    same: list[float] = []
    same_photo: list[float] = []
    different: list[float] = []
    print("pairs:")
    for (pa, a, sa, da), (pb, b, sb, db) in itertools.combinations(faces, 2):
        gap = distance(da, db)
        if a != b:
            kind, bucket = "different people", different
        elif sa == sb:
            kind, bucket = "same photo (resized or mirrored)", same_photo
        else:
            kind, bucket = "same person (other photo)", same
        bucket.append(gap)
        print(f"  {gap:.3f}  {kind:34} {a} in {pa} / {b} in {pb}")
    print(
        f"threshold {MATCH_DISTANCE}: same person in other photos {len(same)} pairs, "
        f"largest {max(same, default=float('nan')):.3f}; same photo {len(same_photo)} pairs, "
        f"largest {max(same_photo, default=float('nan')):.3f}; different people "
        f"{len(different)} pairs, smallest {min(different, default=float('nan')):.3f}"
    )
    wrong = [g for g in same if g >= MATCH_DISTANCE] + [g for g in different if g < MATCH_DISTANCE]
    print(f"pairs on the wrong side of the threshold: {len(wrong)}")


if __name__ == "__main__":
    Image.MAX_IMAGE_PIXELS = None
    main()
