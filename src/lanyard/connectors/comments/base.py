"""The comment connector protocol and the normalized record every connector emits
(formats.md 3.5)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class CommentRecord:
    """One comment as Lanyard keeps it, whatever platform it came from."""

    platform: str
    platform_comment_id: str
    text: str
    created_at: dt.datetime  # aware, UTC
    author_platform_id: str | None = None
    author_display: str | None = None
    parent_id: str | None = None
    object_id: str | None = None
    permalink: str | None = None
    hidden: bool | None = None
    raw: dict[str, Any] = field(default_factory=dict)


class CommentError(ValueError):
    """The input is refused; the message names the file, the line or item, and the field."""

    def __init__(self, source: str, where: str | None, field_name: str | None, message: str):
        self.source = source
        self.where = where
        self.field_name = field_name
        self.message = message
        parts = [source]
        if where:
            parts.append(where)
        if field_name:
            parts.append(f"field '{field_name}'")
        super().__init__(f"{', '.join(parts)}: {message}")


class CommentConnector(Protocol):
    """Reads one platform's comments. ``read`` takes a whole export or API response
    (JSON, or JSON lines of objects); ``webhook`` takes one decoded webhook body and
    returns the comments it adds (``None`` when the platform has no webhooks)."""

    platform: str
    title: str

    def read(self, source: str, text: str) -> list[CommentRecord]: ...

    def webhook(self, body: dict[str, Any]) -> list[CommentRecord] | None: ...


# ---------------------------------------------------------------- helpers for connectors


@dataclass(frozen=True)
class Item:
    """One JSON object of an input, with where it was found (for error messages)."""

    value: Any
    where: str


def json_items(source: str, text: str, list_keys: tuple[str, ...] = ("data",)) -> Iterator[Item]:
    """The objects of a JSON document (a list, or a response with a list under one of
    ``list_keys``) or of JSON lines (each line an object or such a response)."""
    stripped = text.strip()
    if not stripped:
        return
    try:
        document = json.loads(stripped)
    except json.JSONDecodeError:
        document = None
        lines = True
    else:
        lines = False
    if not lines:
        yield from _unwrap(source, document, "", list_keys)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CommentError(
                source, f"line {number}", None, f"not valid JSON ({exc.msg})"
            ) from None
        yield from _unwrap(source, value, f"line {number}", list_keys)


def _unwrap(source: str, value: Any, where: str, list_keys: tuple[str, ...]) -> Iterator[Item]:
    if isinstance(value, list):
        for index, element in enumerate(value):
            yield Item(element, _join(where, f"item {index + 1}"))
        return
    if isinstance(value, dict):
        for key in list_keys:
            if isinstance(value.get(key), list):
                for index, element in enumerate(value[key]):
                    yield Item(element, _join(where, f"{key}[{index}]"))
                return
        yield Item(value, where or "item 1")
        return
    raise CommentError(source, where or None, None, "expected a JSON object or a list of them")


def _join(where: str, more: str) -> str:
    return f"{where}, {more}" if where else more


class Fields:
    """Typed reads from one object, with errors that name the source, item and field."""

    def __init__(self, source: str, item: Item, prefix: str = "") -> None:
        if not isinstance(item.value, dict):
            raise CommentError(source, item.where, None, "expected a JSON object")
        self.source = source
        self.item = item
        self.data: dict[str, Any] = item.value
        self.prefix = prefix

    def fail(self, name: str, message: str) -> CommentError:
        return CommentError(self.source, self.item.where, self.prefix + name, message)

    def get(self, path: str) -> Any:
        value: Any = self.data
        for part in path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def text(self, path: str, *, required: bool = False) -> str | None:
        value = self.get(path)
        if value is None or value == "":
            if required:
                raise self.fail(path, "is missing")
            return None if value is None else ""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.fail(path, f"must be a string, got {type(value).__name__}")
        return value

    def required(self, path: str) -> str:
        value = self.text(path, required=True)
        assert value is not None
        return value

    def body(self, path: str) -> str:
        """The comment text: required to be present, may be empty (a sticker, a photo)."""
        value = self.get(path)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(path, f"must be a string, got {type(value).__name__}")
        return value

    def time(self, path: str) -> dt.datetime:
        value = self.get(path)
        if value is None or value == "":
            raise self.fail(path, "is missing")
        parsed = parse_time(value)
        if parsed is None:
            raise self.fail(path, f"is not an ISO 8601 time with a zone or Unix seconds: {value!r}")
        return parsed

    def flag(self, path: str) -> bool | None:
        value = self.get(path)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self.fail(path, "must be true or false")
        return value


def parse_time(value: object) -> dt.datetime | None:
    """ISO 8601 with a zone (``+0000``, ``+00:00``, ``Z``, milliseconds) or Unix seconds."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isdigit():
        return dt.datetime.fromtimestamp(int(text), dt.UTC)
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S%z")
        except ValueError:
            return None
    if parsed.tzinfo is None:
        return None
    return parsed.astimezone(dt.UTC)
