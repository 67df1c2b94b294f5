"""Pre-publication check: a draft's text (drafts per second, recall of planted opted-out
names in generated captions) and its photos (photos per second, face detection recall).

    .venv/bin/python benchmarks/prepublish.py [--students 5000] [--drafts 4000] [--seed 7]
                                              [--photos 30]

A synthetic directory (first and family names drawn from small lists, some preferred
names) with a tenth of the students opted out of social media; captions are generated in
five forms: naming nobody, an opted-out student's full name, a possessive ("Jake Marsh's"),
the name split across two lines, and the partial form "Jake M." in a class. The pure check
(:func:`lanyard.prepub.domain.check_text`, the directory index built once, not timed) runs
over them on one core; it prints drafts per second, the share of planted opted-out names
found per form (found = a finding for that student marked unsafe, or a first name shared by
several students sent for review naming that student among those opted out), the share of
drafts naming no student that were flagged (anything other than safe).

Photos: the test photos whose faces were counted by hand (tests/fixtures/prepub/photos,
faces.csv, PROVENANCE.md), each padded and scaled onto a 1920 x 1080 frame; face detection
(:func:`lanyard.prepub.photos.detect_faces`, OpenCV on one thread) timed over ``--photos``
of them, decoded photos in memory, then again from the 1080p JPEG bytes (decode included).
Recall per photo is min(found, counted) / counted, from counts alone (no boxes were drawn by
hand, so a false face can stand in for a missed one: the "found more than counted" line says
when that could happen).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
from PIL import Image

from lanyard.moderation.classifiers.names import StudentNames
from lanyard.prepub.domain import Directory, StudentConsent, Verdict, check_text
from lanyard.prepub.photos import detect_faces, read_photo

FIRST = """Avery Jordan Priya Mateo Sofia Liam Noah Emma Olivia Ava Elijah Lucas Mia Amelia
Harper Evelyn Benjamin Henry Theodore Camila Aria Luna Ezra Nora Zoe Leah Isaiah Caleb
Naomi Aaliyah Kai Rowan Jacob Jayden Dmitri Yusuf Mei Hana Tariq Ingrid""".split()
FAMILY = """Marsh Natarajan Okafor Lindqvist Petrov Alvarez Nakamura Kowalski Haddad
Brennan Castillo Dubois Fitzgerald Gutierrez Holloway Ivanova Jablonski Kaur Larsen
Moreau Novak Oyelaran Pellegrini Quintero Rasmussen Sandoval Takahashi Underwood
Vasquez Whitfield Xiong Yamamoto Zielinski Abernathy Beaumont Carrington""".split()
NICK = {"Jacob": "Jake", "Benjamin": "Ben", "Theodore": "Teddy", "Olivia": "Liv"}
NOBODY = [
    "The fall concert is on Thursday at 7 pm in the gym. Doors open at 6:30.",
    "Congratulations to our robotics team on a great season!",
    "Picture day is moved to October 14. Order forms went home today.",
    "Thank you to every family who came to the book fair this week.",
    "Our 4th grade classes planted a pollinator garden behind the library.",
    "Reminder: no school Monday for the teacher institute day.",
]


@dataclass
class _Student:
    given_name: str
    family_name: str
    preferred_given_name: str | None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=5000)
    parser.add_argument("--drafts", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--photos", type=int, default=30)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    people: dict[str, _Student] = {}
    seen: set[tuple[str, str]] = set()
    while len(people) < args.students:
        given, family = rnd.choice(FIRST), rnd.choice(FAMILY) + rnd.choice(["", "-Lee", "son", "e"])
        if (given, family) in seen:
            continue
        seen.add((given, family))
        people[f"s{len(people)}"] = _Student(given, family, NICK.get(given))
    ids: dict[str, str] = {}
    for sid, p in people.items():
        for g in (p.preferred_given_name, p.given_name):
            if g:
                ids.setdefault(f"{g} {p.family_name}", sid)
    opted = [sid for sid in people if rnd.random() < 0.1]
    consents = {sid: StudentConsent({"social_media": "opt_out"}) for sid in opted}
    directory = Directory(StudentNames.from_people(people.values()), ids, consents)

    forms = ("nobody", "full", "possessive", "split", "initial")
    drafts: list[tuple[str, str | None, str]] = []
    for i in range(args.drafts):
        form = forms[i % len(forms)]
        if form == "nobody":
            drafts.append((rnd.choice(NOBODY), None, form))
            continue
        sid = rnd.choice(opted)
        p = people[sid]
        given = p.preferred_given_name or p.given_name
        text = {
            "full": f"Great job to {given} {p.family_name} at the regional science fair!",
            "possessive": f"{given} {p.family_name}'s painting is in the district art show.",
            "split": f"Our student of the month is {given}\n{p.family_name}, congratulations!",
            "initial": f"{given} {p.family_name[0]}. from Ms. Rivera's 5th grade class won the "
            "spelling bee.",
        }[form]
        drafts.append((text, sid, form))

    start, cpu = time.perf_counter(), time.process_time()
    results = [check_text(t, use="social_media", directory=directory) for t, _, _ in drafts]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{len(drafts)} drafts, {args.students} students ({len(opted)} opted out)")
    print(f"text drafts per second: {len(drafts) / cpu:,.0f} per CPU second "
          f"({len(drafts) / elapsed:,.0f} wall, one core)")  # fmt: skip
    for form in forms[1:]:
        planted = [(r, sid) for r, (_, sid, f) in zip(results, drafts, strict=True) if f == form]
        found = sum(
            any(
                (x.student_id == sid and x.verdict is Verdict.UNSAFE)
                or sid in x.candidates_opted_out
                for x in r.findings
            )
            for r, sid in planted
        )
        print(f"recall, {form:<10}: {found}/{len(planted)} = {found / len(planted):.1%}")
    clean = [r for r, (_, _, f) in zip(results, drafts, strict=True) if f == "nobody"]
    flagged = sum(r.verdict is not Verdict.SAFE for r in clean)
    partial = [r for r, (_, _, f) in zip(results, drafts, strict=True) if f == "initial"]
    unsafe = sum(r.verdict is Verdict.UNSAFE for r in partial)
    print(f"  of the partial forms, unsafe (one student only): {unsafe}, the rest review")
    print(f"drafts naming no student flagged: {flagged}/{len(clean)} = {flagged / len(clean):.1%}")
    photos(args.photos)


PHOTOS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "prepub" / "photos"


def _full_hd(image: Image.Image) -> Image.Image:
    frame = Image.new("RGB", (1920, 1080), (128, 128, 128))
    scale = min(1920 / image.width, 1080 / image.height)
    fitted = image.resize((round(image.width * scale), round(image.height * scale)))
    frame.paste(fitted, ((1920 - fitted.width) // 2, (1080 - fitted.height) // 2))
    return frame


def _recall(
    images: list[tuple[dict[str, str], Image.Image]], profile: bool
) -> tuple[int, int, int, list[int]]:
    counted = found = extra = 0
    got_each = []
    for row, image in images:
        n, got = int(row["faces"]), len(detect_faces(image, profile=profile))
        counted, found, extra = counted + n, found + min(n, got), extra + max(0, got - n)
        got_each.append(got)
    return counted, found, extra, got_each


def _speed(frames: list[Image.Image], encoded: list[bytes], profile: bool) -> tuple[float, float]:
    detect_faces(frames[0], profile=profile)  # the cascades load once
    start = time.process_time()
    for frame in frames:
        detect_faces(frame, profile=profile)
    detection = len(frames) / (time.process_time() - start)
    start = time.process_time()
    for i, data in enumerate(encoded):
        detect_faces(read_photo(f"{i}.jpg", data).image, profile=profile)
    return detection, len(encoded) / (time.process_time() - start)


def photos(count: int) -> None:
    cv2.setNumThreads(1)
    rows = list(csv.DictReader((PHOTOS / "faces.csv").open(encoding="utf-8")))
    print(f"\nphotos: {len(rows)} hand-counted test photos ({PHOTOS.name}/faces.csv)")
    originals = [(r, read_photo(r["file"], (PHOTOS / r["file"]).read_bytes()).image) for r in rows]
    counted, found, extra, got = _recall(originals, profile=False)
    for row, n in zip(rows, got, strict=True):
        print(f"  {row['file']:<20} counted {row['faces']}, found {n}  ({row['what']})")
    print(f"face detection recall: {found}/{counted} = {found / counted:.0%}; "
          f"found more than counted: {extra}")  # fmt: skip
    frames = [_full_hd(Image.open(PHOTOS / r["file"]).convert("RGB")) for r in rows]
    in_1080p = list(zip(rows, frames, strict=True))
    counted, found, extra, _ = _recall(in_1080p, profile=False)
    print(f"  the same photos on a 1080p frame: {found}/{counted}, more than counted: {extra}")
    frames = [frames[i % len(frames)] for i in range(count)]
    encoded = []
    for frame in frames:
        out = io.BytesIO()
        frame.save(out, "JPEG", quality=85)
        encoded.append(out.getvalue())
    detection, decoded = _speed(frames, encoded, profile=False)
    print(f"photos per second, 1080p, detection only: {detection:.1f} (one core, CPU time)")
    print(f"photos per second, 1080p JPEG, decode + detection: {decoded:.1f} (one core)")
    # The profile cascade (both ways), measured and not used: see docs/prepub.md
    counted, found, extra, got = _recall(originals, profile=True)
    print(f"with the profile cascade too (not used): recall {found}/{counted}, "
          f"more than counted {extra}, per photo {got}")  # fmt: skip
    counted, found, extra, _ = _recall(in_1080p, profile=True)
    print(f"  the same photos on a 1080p frame: {found}/{counted}, more than counted: {extra}")
    detection, decoded = _speed(frames, encoded, profile=True)
    print(
        f"  photos per second, 1080p: detection only {detection:.1f}, with decoding {decoded:.1f}"
    )


if __name__ == "__main__":
    main()
