"""Generated English: indefinite articles and plurals come from ``inflect``, never from
hand-written rules ("an escalated comment", "an Instagram account", "1 comment",
"3 comments").

``inflect`` takes a second or more of CPU to import (it type-checks itself on import), so
it is loaded on first use; the web app warms it in the background at start-up
(:func:`warm`), and commands that generate no sentence never pay for it.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import inflect


@cache
def _engine() -> inflect.engine:
    import inflect

    return inflect.engine()


def a(phrase: str) -> str:
    """``phrase`` with its indefinite article: "an escalated comment", "a YouTube account"."""
    return str(_engine().a(phrase))


def count(n: int, noun: str) -> str:
    """``n`` and the noun in agreement: "1 comment", "3 comments", "0 requests"."""
    return f"{n} {_engine().plural_noun(noun, n)}"


def warm() -> None:
    """Load the engine on a daemon thread so the first generated sentence is not slow."""
    threading.Thread(target=_engine, name="lanyard-words", daemon=True).start()
