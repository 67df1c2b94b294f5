"""Generated English (``lanyard.words``): the sentences, and a web worker's start-up cost
of loading inflect (2.5 s of CPU with typeguard re-parsing inflect once per method)."""

from __future__ import annotations

import subprocess
import sys

from lanyard import words


def test_articles_and_plurals() -> None:
    assert words.a("escalated comment") == "an escalated comment"
    assert words.a("YouTube account") == "a YouTube account"
    assert words.a("Instagram account") == "an Instagram account"
    assert words.count(1, "comment") == "1 comment"
    assert words.count(3, "comment") == "3 comments"
    assert words.count(0, "request") == "0 requests"


def test_loading_inflect_takes_a_fraction_of_a_second_of_cpu() -> None:
    probe = (
        "import time, typeguard; before = typeguard.typechecked; start = time.process_time()\n"
        "from lanyard import words; words.warm()\n"
        "print(time.process_time() - start, typeguard.typechecked is before)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    seconds, restored = out.stdout.split()
    assert float(seconds) < 1.0  # 2.5 s before
    assert restored == "True"  # typeguard is left as it was for everyone else


def test_the_keeps_a_role_names_own_article() -> None:
    assert words.the("building principal") == "the building principal"
    assert words.the("Building Principal or designee") == "the Building Principal or designee"
    assert words.the("A member of the District's technology staff") == (
        "a member of the District's technology staff"
    )
    assert words.the("The superintendent") == "the superintendent"
