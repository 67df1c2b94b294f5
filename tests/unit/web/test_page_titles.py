"""Every page's title is plain words: a browser shows the title block's text as it is, so
markup in it (a stray script tag) appears in the tab and never runs."""

from __future__ import annotations

import re
from pathlib import Path

import lanyard.web

TEMPLATES = Path(lanyard.web.__file__).resolve().parent / "templates"
TITLE = re.compile(r"{%-?\s*block title\s*-?%}(.*?){%-?\s*endblock", re.S)


def test_no_page_title_holds_markup() -> None:
    titles = {
        path.relative_to(TEMPLATES).as_posix(): match.group(1)
        for path in sorted(TEMPLATES.rglob("*.html"))
        for match in TITLE.finditer(path.read_text(encoding="utf-8"))
    }
    assert len(titles) > 20  # the pages were found
    with_markup = {name: title for name, title in titles.items() if "<" in title}
    assert with_markup == {}
