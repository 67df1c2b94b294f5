"""Generated English: indefinite articles and plurals come from ``inflect``, never from
hand-written rules ("an escalated comment", "an Instagram account", "1 comment",
"3 comments").

``inflect`` takes a second or more of CPU to import (it type-checks itself on import), so
it is loaded on first use; the web app loads it while it starts (:func:`warm`, on the
main thread: importing it on two threads at once trips a CPython AST error), and
commands that generate no sentence never pay for it.
"""

from __future__ import annotations

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
    """Load the engine now, so no request pays for it (or imports it on a worker thread)."""
    _engine()
