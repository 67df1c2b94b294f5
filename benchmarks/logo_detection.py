"""The district's logo in photos: found where it was pasted, and not found where it is not.

    .venv/bin/python benchmarks/logo_detection.py [--seed 7] [--per-photo 6]

The logo is the test logo (tests/fixtures/prepub/district_logo.png, a generated crest).
Negatives (no logo): the eight test photos (tests/fixtures/prepub/photos), scikit-learn's
two sample photos (china.jpg, flower.jpg; never looked at while the settings were chosen),
and look-alike crests (a sister school's: the same shield, star and font, other letters)
pasted on each. Positives: every photo with the logo pasted ``--per-photo`` times at random:
its width 12–45 % of the photo's shorter side, turned -20° to +20°, brightness 0.7–1.2,
saved again as JPEG quality 75; and once each the logo recoloured (red and white). Prints
the share found by the logo's width in pixels in the photo, any false find, and photos per
second (one core).
"""

from __future__ import annotations

import argparse
import io
import random
import time
from pathlib import Path

import cv2
from PIL import Image, ImageDraw, ImageEnhance, ImageFont

from lanyard.prepub.logos import find_logo, read_logo

ROOT = Path(__file__).resolve().parents[1]
PHOTOS = ROOT / "tests" / "fixtures" / "prepub" / "photos"
LOGO = ROOT / "tests" / "fixtures" / "prepub" / "district_logo.png"
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def sample_photos() -> list[tuple[str, Image.Image]]:
    photos = [(p.name, Image.open(p).convert("RGB")) for p in sorted(PHOTOS.glob("*.jpg"))]
    try:
        from sklearn.datasets import load_sample_image

        for name in ("china.jpg", "flower.jpg"):
            photos.append((f"sklearn/{name}", Image.fromarray(load_sample_image(name))))
    except ImportError:  # pragma: no cover - scikit-learn is a dependency
        pass
    return photos


def lookalike(letters: str, field: tuple[int, int, int], trim: tuple[int, int, int]) -> Image.Image:
    """A crest in the test logo's style (shield, star, bold letters): another school's."""
    import math

    img = Image.new("RGB", (320, 320), "white")
    draw = ImageDraw.Draw(img)
    shape = [(40, 30), (280, 30), (280, 170), (160, 295), (40, 170)]
    draw.polygon(shape, fill=field)
    draw.line([*shape, shape[0]], fill=trim, width=8)
    points = []
    for i in range(10):
        angle, radius = -math.pi / 2 + i * math.pi / 5, 42 if i % 2 == 0 else 17
        points.append((160 + radius * math.cos(angle), 95 + radius * math.sin(angle)))
    draw.polygon(points, fill=trim)
    font = ImageFont.truetype(str(BOLD), 54) if BOLD.exists() else ImageFont.load_default(54)
    draw.text((160, 185), letters, font=font, fill="white", anchor="mm")
    return img


def paste(photo: Image.Image, logo: Image.Image, rng: random.Random) -> tuple[int, Image.Image]:
    width = int(min(photo.size) * rng.uniform(0.12, 0.45))
    mark = logo.convert("RGBA").resize((width, width * logo.height // logo.width))
    mark = mark.rotate(rng.uniform(-20, 20), expand=True, resample=Image.Resampling.BICUBIC)
    out = photo.copy()
    x = rng.randint(0, max(0, out.width - mark.width))
    y = rng.randint(0, max(0, out.height - mark.height))
    out.paste(mark, (x, y), mark)
    out = ImageEnhance.Brightness(out).enhance(rng.uniform(0.7, 1.2))
    buffer = io.BytesIO()
    out.save(buffer, "JPEG", quality=75)
    return width, Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-photo", type=int, default=6)
    args = parser.parse_args()
    cv2.setNumThreads(1)
    rng = random.Random(args.seed)
    logo_image = Image.open(LOGO)
    logo = read_logo(logo_image)
    photos = sample_photos()
    others = [lookalike("WHS", (12, 45, 110), (200, 160, 20)),
              lookalike("LMS", (12, 45, 110), (200, 160, 20))]  # fmt: skip
    recoloured = lookalike("LHS", (120, 20, 30), (230, 230, 230))
    negatives = [(n, p) for n, p in photos]
    negatives += [(f"{n} + look-alike {i + 1}", paste(p, o, rng)[1])
                  for n, p in photos for i, o in enumerate(others)]  # fmt: skip
    positives = [(n, *paste(p, logo_image, rng)) for n, p in photos for _ in range(args.per_photo)]
    false_finds = [(n, m) for n, p in negatives if (m := find_logo(p, logo))]
    buckets = {"under 60 px": [0, 0], "60-119 px": [0, 0], "120 px and more": [0, 0]}
    start = time.process_time()
    for _, width, photo in positives:
        key = "under 60 px" if width < 60 else "60-119 px" if width < 120 else "120 px and more"
        buckets[key][1] += 1
        buckets[key][0] += find_logo(photo, logo) is not None
    elapsed = time.process_time() - start
    total = sum(c[0] for c in buckets.values())
    share = 100 * total / len(positives)
    print("logo pasted (width 12-45 % of the shorter side, -20..20 deg, JPEG q75): "
          f"found in {total} of {len(positives)} ({share:.0f} %)")  # fmt: skip
    for key, (hit, count) in buckets.items():
        print(f"  logo {key} wide: {hit} of {count}")
    again = sum(find_logo(paste(p, recoloured, rng)[1], logo) is not None for _, p in photos)
    print(f"logo recoloured (red and white): found in {again} of {len(photos)}")
    looks = sum(1 for n, _ in negatives if "look-alike" in n)
    print(
        f"no logo: {len(false_finds)} false finds in {len(negatives)} photos "
        f"({len(photos)} as they are, {looks} with a sister school's look-alike crest)"
    )
    for name, match in false_finds:
        print(f"  false find: {name} ({match.inliers} matches agree)")
    print(f"matching speed: {len(positives) / elapsed:.1f} photos per second (CPU time, one core)")


if __name__ == "__main__":
    main()
