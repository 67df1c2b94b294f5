"""The district's logo found in photos by ORB feature matching (pure, real image files)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

from lanyard.prepub.logos import find_logo, read_logo

PREPUB = Path(__file__).resolve().parents[2] / "fixtures" / "prepub"


def test_the_logo_is_found_where_it_was_pasted_scaled_and_turned() -> None:
    logo_image = Image.open(PREPUB / "district_logo.png")
    logo = read_logo(logo_image)
    photo = Image.open(PREPUB / "photos" / "coffee.jpg").convert("RGB")  # 600 x 400
    mark = logo_image.convert("RGBA").resize((150, 150)).rotate(15, expand=True)
    photo.paste(mark, (20, 30), mark)
    match = find_logo(photo, logo)
    assert match is not None
    x, y, width, height = match.box
    assert abs(x - 20) < 40 and abs(y - 30) < 40 and 100 < width < 230
    # the cup alone: no logo
    assert find_logo(Image.open(PREPUB / "photos" / "coffee.jpg"), logo) is None


def test_a_logo_image_with_nothing_to_match_is_refused() -> None:
    """An empty or blurred-out file (a colour swatch, a soft gradient) has no corners."""
    plain = Image.new("RGB", (300, 300), "white")
    ImageDraw.Draw(plain).rectangle((0, 150, 300, 300), fill=(235, 235, 240))
    with pytest.raises(ValueError, match="too few to find it"):
        read_logo(plain.filter(ImageFilter.GaussianBlur(40)))


def test_a_logo_setting_that_cannot_be_used_stops_start_up(tmp_path: Path) -> None:
    from pydantic import ValidationError

    from lanyard.config import Settings

    blank = tmp_path / "blank.png"
    Image.new("RGB", (300, 300), "white").save(blank)
    with pytest.raises(ValidationError, match="too few to find it"):
        Settings(district_logo=blank)  # type: ignore[call-arg]
    text = tmp_path / "logo.png"
    text.write_text("not an image")
    with pytest.raises(ValidationError, match="not an image Lanyard reads"):
        Settings(district_logo=text)  # type: ignore[call-arg]
    assert Settings(district_logo=PREPUB / "district_logo.png").district_logo is not None  # type: ignore[call-arg]
