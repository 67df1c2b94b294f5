"""The audit log's two keys, both kept outside the database.

- The **MAC key ring** (``LANYARD_AUDIT_KEYS=kid:base64,...``, 32-byte keys): every
  entry carries HMAC-SHA256 of its chain hash under the current (first) key; any key of
  the ring verifies. Someone who can write the database but does not hold the key cannot
  edit an entry and recompute the chain without the MACs failing.
- The **checkpoint signing key** (``LANYARD_AUDIT_SIGNING_KEY_FILE``, an Ed25519 private
  key in PEM): signs checkpoints of the chain head. Its public key, exported with
  ``lanyard audit public-key``, verifies them and can be handed to an auditor.

In demo mode on SQLite, a missing key is generated once and kept beside the database
file (``<file>.audit-keys``, ``<file>.audit-signing-key.pem``, mode 0600), so a restart
keeps them. There is no built-in key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lanyard.crypto.keyring import KeyRing, KeyRingError, parse_keys

if TYPE_CHECKING:
    from lanyard.config import Settings

MAC_LABEL = b"lanyard-audit-mac/v1"
SESSION_INFO_KEY = "lanyard.audit_mac_keys"


class AuditKeyError(ValueError):
    """A key file that cannot be read or is not the right kind of key."""


def mac(keys: KeyRing, key_id: str, seq: int, entry_hash: str) -> str:
    """HMAC-SHA256 over the entry's sequence number and chain hash (which covers its
    content and, through the previous hash, every entry before it)."""
    message = b"|".join([MAC_LABEL, key_id.encode(), str(seq).encode(), entry_hash.encode()])
    return hmac.new(keys.keys[key_id], message, hashlib.sha256).hexdigest()


def mac_matches(keys: KeyRing, key_id: str, seq: int, entry_hash: str, value: str) -> bool:
    return hmac.compare_digest(mac(keys, key_id, seq, entry_hash), value)


def new_mac_key(key_id: str) -> str:
    """A ring entry ``kid:base64`` for LANYARD_AUDIT_KEYS (``lanyard audit new-key``)."""
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(32)).decode()}"


def _sqlite_file(settings: Settings) -> Path | None:
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def demo_key_path(settings: Settings, suffix: str) -> Path | None:
    """Where demo mode keeps a generated key: beside the SQLite file, else nowhere."""
    database = _sqlite_file(settings) if settings.demo else None
    return database.with_name(database.name + suffix) if database else None


def mac_keys_from_settings(settings: Settings) -> KeyRing | None:
    """LANYARD_AUDIT_KEYS; in demo mode on SQLite a generated key beside the database;
    else None (entries are then written without a MAC and verify says so)."""
    if settings.audit_keys is not None:
        return parse_keys(settings.audit_keys.get_secret_value())
    path = demo_key_path(settings, ".audit-keys")
    if path is None:
        return None
    if not path.exists():
        try:
            _write_private(path, new_mac_key("demo").encode())
        except FileExistsError:
            pass
    try:
        return parse_keys(path.read_text(encoding="utf-8").strip())
    except (OSError, KeyRingError) as exc:
        raise AuditKeyError(f"the demo audit key {path} cannot be read: {exc}") from None


def new_signing_key_pem() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def write_signing_key(path: Path) -> Ed25519PrivateKey:
    """A new Ed25519 key in PEM at ``path`` (mode 0600; an existing file is kept)."""
    _write_private(path, new_signing_key_pem())
    return load_signing_key(path)


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise AuditKeyError(f"{path}: not a readable PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AuditKeyError(f"{path}: not an Ed25519 key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """A PEM public key, or the public half of a PEM private key."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AuditKeyError(f"{path}: cannot be read ({exc})") from None
    if b"PRIVATE KEY" in data:
        return load_signing_key(path).public_key()
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise AuditKeyError(f"{path}: not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise AuditKeyError(f"{path}: not an Ed25519 public key")
    return key


def public_key_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def key_id(key: Ed25519PublicKey) -> str:
    """Like a Certificate Transparency log id: SHA-256 of the public key (first 32 hex)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:32]


def signing_key_from_settings(settings: Settings) -> Ed25519PrivateKey | None:
    """LANYARD_AUDIT_SIGNING_KEY_FILE; in demo mode on SQLite a generated key beside the
    database; else None (no checkpoints can be written)."""
    if settings.audit_signing_key_file is not None:
        return load_signing_key(settings.audit_signing_key_file)
    path = demo_key_path(settings, ".audit-signing-key.pem")
    if path is None:
        return None
    if not path.exists():
        try:
            return write_signing_key(path)
        except FileExistsError:
            pass
    return load_signing_key(path)
