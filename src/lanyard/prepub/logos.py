"""The district's logo in a photo, pure: no database, web or job frameworks.

The logo image (``LANYARD_DISTRICT_LOGO``) and each photo are described by OpenCV's ORB
features (corners with binary descriptors, invariant to rotation and, over an image
pyramid, to scale); descriptors are matched with Lowe's ratio test and the matches must
agree on one perspective transform of the logo into the photo (RANSAC): the logo is
"found" when at least ``MIN_INLIERS`` matches agree and the transform keeps the logo a
plausible shape (not folded, not squashed to a line). Offline, nothing is downloaded.

Where it misses (docs/prepub.md): a logo much smaller than about 80 pixels across in the
photo, strongly tilted or bent (a logo on a shirt), redrawn in other colours only partly,
or a logo with few corners (a plain circle or a word mark in a thin font).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from PIL import Image

DETECT_SIDE = 1200  # the longer side a photo is shrunk to before matching
LOGO_SIDE = 400  # the longer side the logo is described at
MIN_INLIERS = 15  # matches agreeing on one transform for the logo to count as found
RATIO = 0.75  # Lowe's ratio test


@dataclass(frozen=True)
class Logo:
    """The district's logo, described once."""

    keypoints: Any  # tuple of cv2.KeyPoint
    descriptors: Any  # numpy uint8 array
    size: tuple[int, int]


@dataclass(frozen=True)
class LogoMatch:
    inliers: int
    box: tuple[int, int, int, int]  # x, y, width, height in the photo's pixels

    def to_dict(self) -> dict[str, Any]:
        x, y, w, h = self.box
        return {"inliers": self.inliers, "x": x, "y": y, "width": w, "height": h}


def _orb(features: int) -> Any:
    return cv2.ORB_create(nfeatures=features, scaleFactor=1.2, nlevels=8)  # type: ignore[attr-defined]


def _gray(image: Image.Image, side: int) -> tuple[Any, float]:
    gray = image.convert("L")
    scale = min(1.0, side / max(gray.size))
    if scale < 1.0:
        gray = gray.resize(
            (max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
            Image.Resampling.LANCZOS,
        )
    return np.asarray(gray), scale


def read_logo(image: Image.Image) -> Logo:
    """Describe the district's logo; a logo with too few features to be found refuses."""
    flat = image
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
    pixels, scale = _gray(flat, LOGO_SIDE)
    if scale == 1.0 and max(flat.size) < LOGO_SIDE:  # a small logo file: enlarge it
        factor = LOGO_SIDE / max(flat.size)
        pixels = np.asarray(
            flat.convert("L").resize(
                (round(flat.width * factor), round(flat.height * factor)),
                Image.Resampling.LANCZOS,
            )
        )
    keypoints, descriptors = _orb(1000).detectAndCompute(pixels, None)
    if descriptors is None or len(keypoints) < MIN_INLIERS * 2:
        raise ValueError(
            f"the logo image has {len(keypoints or ())} features, too few to find it in "
            "photos: use a larger or more detailed image of the logo"
        )
    return Logo(tuple(keypoints), descriptors, (pixels.shape[1], pixels.shape[0]))


def find_logo(image: Image.Image, logo: Logo) -> LogoMatch | None:
    """Where the logo is in the photo, or None."""
    pixels, scale = _gray(image, DETECT_SIDE)
    keypoints, descriptors = _orb(5000).detectAndCompute(pixels, None)
    if descriptors is None or len(keypoints) < MIN_INLIERS:
        return None
    matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
    pairs = matcher.knnMatch(logo.descriptors, descriptors, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < RATIO * p[1].distance]
    if len(good) < MIN_INLIERS:
        return None
    source = np.array([logo.keypoints[m.queryIdx].pt for m in good], dtype=np.float32).reshape(
        -1, 1, 2
    )
    target = np.array([keypoints[m.trainIdx].pt for m in good], dtype=np.float32).reshape(-1, 1, 2)
    transform, mask = cv2.findHomography(source, target, cv2.RANSAC, 5.0)
    if transform is None or mask is None:
        return None
    inliers = int(mask.sum())
    if inliers < MIN_INLIERS:
        return None
    w, h = logo.size
    corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32).reshape(-1, 1, 2)
    placed = cv2.perspectiveTransform(corners, transform).reshape(-1, 2)
    if not _plausible(placed, (w, h)):
        return None
    x0, y0 = placed.min(axis=0) / scale
    x1, y1 = placed.max(axis=0) / scale
    return LogoMatch(inliers, (round(x0), round(y0), round(x1 - x0), round(y1 - y0)))


def _plausible(corners: Any, size: tuple[int, int]) -> bool:
    """The logo's corners in the photo make a convex shape of sensible size and aspect:
    a transform that folds or squashes the logo is a chance agreement, not the logo."""
    polygon = corners.astype(np.float32)
    if not cv2.isContourConvex(polygon.reshape(-1, 1, 2)):
        return False
    area = abs(cv2.contourArea(polygon))
    if area < 20 * 20:
        return False
    sides = [float(np.linalg.norm(polygon[i] - polygon[(i + 1) % 4])) for i in range(4)]
    aspect = (sides[0] + sides[2]) / max(1e-6, sides[1] + sides[3])
    expected = size[0] / size[1]
    return 0.5 < aspect / expected < 2.0
