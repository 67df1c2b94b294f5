"""The consent-file readers, by format. Built-ins register the way a third party would:
``register(MyReader())``."""

from __future__ import annotations

from collections.abc import Sequence

from lanyard.connectors.consents.base import ConsentReader
from lanyard.prepub.domain import ConsentFileError

_READERS: dict[str, ConsentReader] = {}
# Detection tries the most specific formats first.
_ORDER = ("lanyard", "oneroster", "infinite-campus", "powerschool", "skyward")


def register(instance: ConsentReader) -> ConsentReader:
    existing = _READERS.get(instance.format)
    if existing is not None and type(existing) is not type(instance):
        raise ValueError(f"a consent reader for {instance.format!r} is registered twice")
    _READERS[instance.format] = instance
    return instance


def registered() -> tuple[str, ...]:
    _load_builtins()
    return tuple(sorted(_READERS))


def reader(format_name: str) -> ConsentReader:
    """The reader for ``format_name``; ``KeyError`` names the ones there are."""
    _load_builtins()
    try:
        return _READERS[format_name]
    except KeyError:
        known = ", ".join(sorted(_READERS))
        raise KeyError(f"no consent file format {format_name!r} (known: {known})") from None


def detect(source: str, columns: Sequence[str]) -> ConsentReader:
    """The reader whose columns the header row has (tried in a fixed order); refused, asking
    for ``--format``, when none has them."""
    _load_builtins()
    names = [*_ORDER, *sorted(set(_READERS) - set(_ORDER))]
    for name in names:
        found = _READERS.get(name)
        if found is not None and found.detect(columns):
            return found
    shown = ", ".join(repr(c) for c in columns) or "none"
    raise ConsentFileError(
        source, 1, "(header)",
        f"the columns ({shown}) are not a consent file Lanyard knows; choose the format "
        f"with --format ({', '.join(sorted(_READERS))})",
    )  # fmt: skip


def _load_builtins() -> None:
    from lanyard.connectors.consents import (  # noqa: F401
        infinite_campus,
        lanyard_csv,
        oneroster,
        powerschool,
        skyward,
    )
