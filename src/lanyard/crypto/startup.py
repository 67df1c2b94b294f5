"""The secrets every Lanyard process needs before it starts, and no built-in one.

- ``LANYARD_SECRET_KEY`` is the installation's secret: it keys the stable student
  pseudonyms of a redacted records export and opens credentials escrowed under the former
  derived key (sessions are kept on the server and no longer signed with it). Unset, the
  web app, the worker and every command that uses the database refuse to start, naming
  the variable and how to make one. There is no default: a key anyone can read in the
  source would let anyone reverse a redacted export's pseudonyms.
- ``LANYARD_ENCRYPTION_KEYS`` (or ``LANYARD_ENCRYPTION_KEY``) encrypts escrowed
  credentials. Unset, start-up is refused the same way; the escrow key is never derived
  from the secret key.
- Demo mode (``LANYARD_DEMO=true``, which ``script/server`` sets) may leave both unset on
  a SQLite file: each is generated once and kept beside the database file
  (``<file>.secret-key``, ``<file>.escrow-keys``, mode 0600), so a restart keeps sessions
  and escrow. Every page then says it is a demo.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from pydantic import SecretStr

from lanyard.config import Settings

MIN_SECRET_CHARS = 32
MAKE_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


class MissingSecret(ValueError):
    """A secret Lanyard needs is not configured; the message names the variable."""


def _sqlite_file(settings: Settings) -> Path | None:
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _demo_file(settings: Settings, suffix: str, make: str) -> str | None:
    """The value kept beside the demo's SQLite file (made now if missing), else None."""
    database = _sqlite_file(settings)
    if database is None:
        return None
    path = database.with_name(database.name + suffix)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(make + "\n")
    value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise MissingSecret(f"{path} is empty: delete it and start again")
    return value


def resolve_secrets(settings: Settings) -> Settings:
    """The settings with a secret key and an escrow key ring, or :class:`MissingSecret`."""
    update: dict[str, SecretStr] = {}
    secret = settings.secret_key
    if secret is None:
        if not settings.demo:
            raise MissingSecret(
                "LANYARD_SECRET_KEY is not set. It is the installation's secret (it keys the "
                "pseudonyms of redacted records exports and opens older escrowed "
                "credentials), and Lanyard has no built-in one. Make one with\n"
                f"    {MAKE_SECRET}\n"
                "and set LANYARD_SECRET_KEY to it in every Lanyard process (web, worker, "
                "commands). For a demo on a SQLite file, use script/server (LANYARD_DEMO=true)."
            )
        value = _demo_file(settings, ".secret-key", secrets.token_urlsafe(48))
        # demo mode without a file: a secret for this process only (sessions end at restart)
        update["secret_key"] = SecretStr(value or secrets.token_urlsafe(48))
    elif len(secret.get_secret_value()) < MIN_SECRET_CHARS:
        raise MissingSecret(
            f"LANYARD_SECRET_KEY is too short: use at least {MIN_SECRET_CHARS} random "
            f"characters, e.g. from\n    {MAKE_SECRET}"
        )
    if settings.encryption_keys is None and settings.encryption_key is None:
        ring = None
        if settings.demo:
            key = base64.b64encode(secrets.token_bytes(32)).decode()
            ring = _demo_file(settings, ".escrow-keys", f"demo:{key}")
        if ring is None:
            raise MissingSecret(
                "LANYARD_ENCRYPTION_KEYS is not set. It encrypts escrowed account "
                "credentials and is never derived from the secret key. Make one with\n"
                "    lanyard escrow new-key\n"
                "keep it outside the database (a secret store, the service's environment "
                "file) and set LANYARD_ENCRYPTION_KEYS to it."
            )
        update["encryption_keys"] = SecretStr(ring)
    return settings.model_copy(update=update) if update else settings
