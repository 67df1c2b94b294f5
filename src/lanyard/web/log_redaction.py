"""No token, no student data and no secret in a log line.

Uvicorn's access log writes every request's path and query with the client's address;
Lanyard's own loggers write exception tracebacks. Both pass through :class:`Redact`:

- a path segment that is a token (the private link of an anonymous request,
  ``/requests/anonymous/follow/<token>``, or any segment that looks like one: 20 or more
  URL-safe characters that are not a hex id) becomes ``[redacted]``;
- every query value is dropped but its name (``?q=[redacted]``): searches name students,
  sign-in callbacks carry codes, webhook handshakes carry verify tokens; a few harmless
  names (``page``, ``expired``) keep their value;
- an access line has no client address: an anonymous request's address would link a
  person to it, and so would the address of the style sheet the same browser loads a
  moment later (the reverse proxy's own access log needs the same care);
- a traceback's SQL parameters (``[parameters: ...]``) become ``[redacted]``.

``lanyard serve`` runs uvicorn with :func:`uvicorn_log_config` (the filter on every
handler, Lanyard's loggers included); :func:`install` also puts it on the uvicorn and
Lanyard loggers of a process that configured logging itself (``create_app`` calls it).
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

REDACTED = "[redacted]"
TOKEN_AFTER = frozenset({"follow", "token", "tokens", "invite", "reset", "verify"})
PLAIN_QUERY_NAMES = frozenset({"page", "expired", "sort", "view", "tab"})
_URLSAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
_HEX = frozenset("0123456789abcdefABCDEF")
_QUERY_PAIR = re.compile(r"([^&=#\s]+)=([^&#\s]*)")
_URL_IN_TEXT = re.compile(r"(?<![\w.])(/[^\s\"'<>]*)")
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.DOTALL)
_LONG_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])")


def _is_token(segment: str) -> bool:
    return (
        len(segment) >= 20
        and set(segment) <= _URLSAFE
        and not set(segment) <= _HEX  # ids are hex (uuid4), tokens are base64url
    )


def redact_path(target: str) -> str:
    """A request target (path and query) with tokens and query values removed."""
    path, sep, query = target.partition("?")
    segments = path.split("/")
    out = []
    for i, segment in enumerate(segments):
        after_token_word = i > 0 and segments[i - 1].lower() in TOKEN_AFTER and segment
        out.append(REDACTED if after_token_word or _is_token(segment) else segment)
    redacted = "/".join(out)
    if sep:
        redacted += "?" + _QUERY_PAIR.sub(_query_value, query)
    return redacted


def _query_value(match: re.Match[str]) -> str:
    name, value = match.group(1), match.group(2)
    return f"{name}={value if name in PLAIN_QUERY_NAMES else REDACTED}"


def redact_text(text: str) -> str:
    """Free text (a message, a traceback): paths in it redacted, SQL parameters and
    long token-like strings removed."""
    text = _SQL_PARAMETERS.sub(f"[parameters: {REDACTED}]", text)
    text = _URL_IN_TEXT.sub(lambda m: redact_path(m.group(1)), text)
    return _LONG_TOKEN.sub(lambda m: REDACTED if _is_token(m.group(0)) else m.group(0), text)


class Redact(logging.Filter):
    """Rewrites a record so that no token, student data or secret reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_lanyard_redacted", False):
            return True
        setattr(record, "_lanyard_redacted", True)  # noqa: B010 (a LogRecord has no such field)
        args = record.args
        if record.name == "uvicorn.access" and isinstance(args, tuple) and len(args) == 5:
            _, method, target, version, status = args
            record.args = ("-", method, redact_path(str(target)), version, status)
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = redact_text(message), None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact_text(formatted)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True


REDACT = Redact()
LOGGERS = (
    "uvicorn",
    "uvicorn.access",
    "uvicorn.error",
    "lanyard",
    "celery.app.trace",  # a failed task's traceback (lanyard worker)
    "celery.worker.request",
)


def install() -> None:
    """Put the filter on uvicorn's loggers and on every Lanyard logger that exists now
    (a filter on a logger sees only the records logged on it; handlers from
    :func:`uvicorn_log_config` see them all)."""
    names = set(LOGGERS)
    names.update(n for n in logging.root.manager.loggerDict if n.startswith("lanyard."))
    for name in names:
        logger = logging.getLogger(name)
        if REDACT not in logger.filters:
            logger.addFilter(REDACT)


def uvicorn_log_config() -> dict[str, Any]:
    """Uvicorn's logging configuration with the filter on its handlers and Lanyard's
    loggers written through them."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact": {"()": "lanyard.web.log_redaction.Redact"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    config["loggers"]["lanyard"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
