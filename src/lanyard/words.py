"""Generated English: indefinite articles and plurals come from ``inflect``, never from
hand-written rules ("an escalated comment", "an Instagram account", "1 comment",
"3 comments").

``inflect`` decorates its methods with typeguard's ``@typechecked``, which re-parses
inflect's whole source once per method while it is imported: 2.5 s of CPU, in stretches of
tens of milliseconds that hold the GIL (on a loaded machine, seconds during which a
worker of ``lanyard serve --workers N`` could not answer its supervisor's health check
and was killed), and a run-time type check on every call. It is imported here with
``@typechecked`` as the no-op it is under ``python -O`` (0.1 s; the same answers, five
times faster per call). It is still loaded on first use; the web app loads it while it
starts (:func:`warm`, on the main thread), and commands that generate no sentence never
pay for it.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import inflect


_IMPORTING = threading.Lock()


@cache
def _engine() -> inflect.engine:
    with _IMPORTING:
        return _import_engine()


def _import_engine() -> inflect.engine:
    import typeguard

    def unchecked(target: Any = None, **_options: Any) -> Any:
        return target if target is not None else unchecked

    typechecked = typeguard.typechecked
    typeguard.typechecked = unchecked  # what inflect's import binds (see the module)
    try:
        import inflect
    finally:
        typeguard.typechecked = typechecked
    return inflect.engine()


def a(phrase: str) -> str:
    """``phrase`` with its indefinite article: "an escalated comment", "a YouTube account"."""
    return str(_engine().a(phrase))


_ARTICLES = ("a ", "an ", "the ")


def the(phrase: str) -> str:
    """``phrase`` after "the", unless it starts with an article of its own, which is then
    lowered to run on in a sentence: "the building principal", but "a member of the
    District's technology staff" (a pack names that role "A member of …")."""
    if phrase.lower().startswith(_ARTICLES):
        return phrase[:1].lower() + phrase[1:]
    return f"the {phrase}"


def count(n: int, noun: str) -> str:
    """``n`` and the noun in agreement: "1 comment", "3 comments", "0 requests"."""
    return f"{n} {_engine().plural_noun(noun, n)}"


def warm() -> None:
    """Load the engine now, so no request pays for it (or imports it on a worker thread)."""
    _engine()
