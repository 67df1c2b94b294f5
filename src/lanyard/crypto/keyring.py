"""AES-GCM encryption of secrets at rest under a key ring.

- A key ring is an ordered set of named 256-bit keys; the first is *current* and
  encrypts, any of them decrypts. Rotation: put the new key first
  (``LANYARD_ENCRYPTION_KEYS=k2:<new>,k1:<old>``), run ``lanyard escrow rotate`` (every
  secret re-encrypted under the current key, in one transaction), then drop the old key.
- Each seal has a fresh random 96-bit nonce. The associated data binds the ciphertext
  to its *context* (e.g. ``official-account:<id>``) and to the key id, so a ciphertext
  copied to another row, or relabelled with another key id, does not decrypt.
- There is no built-in key and none derived from the secret key: production sets its
  own keys, demo mode generates one beside its SQLite file (:mod:`lanyard.crypto.startup`).
  A key derived from a real secret key by earlier versions stays readable (decrypt only).

Secrets never appear in exceptions, logs or reprs here.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

if TYPE_CHECKING:
    from lanyard.config import Settings

NONCE_BYTES = 12
KEY_BYTES = 32
DERIVED_KEY_ID = "derived"
_KID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class KeyRingError(ValueError):
    """A key ring that cannot be used (bad id, bad key, duplicate, empty)."""


class DecryptionFailed(Exception):
    """The ciphertext does not open: unknown key id, wrong key, tampered or moved."""


@dataclass(frozen=True)
class Sealed:
    key_id: str
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class KeyRing:
    keys: Mapping[str, bytes] = field(repr=False)
    current: str

    def __post_init__(self) -> None:
        if self.current not in self.keys:
            raise KeyRingError(f"the current key {self.current!r} is not in the key ring")
        for kid, key in self.keys.items():
            if not _KID.match(kid):
                raise KeyRingError(f"key id {kid!r}: use letters, digits, '.', '_' or '-'")
            if len(key) != KEY_BYTES:
                raise KeyRingError(f"key {kid!r}: must be {KEY_BYTES} bytes (base64)")

    def __repr__(self) -> str:
        return f"KeyRing(current={self.current!r}, key_ids={sorted(self.keys)!r})"

    @staticmethod
    def _aad(context: str, key_id: str) -> bytes:
        return f"lanyard/v1|{context}|{key_id}".encode()

    def seal(self, plaintext: bytes, *, context: str) -> Sealed:
        nonce = os.urandom(NONCE_BYTES)
        aead = AESGCM(self.keys[self.current])
        ciphertext = aead.encrypt(nonce, plaintext, self._aad(context, self.current))
        return Sealed(self.current, nonce, ciphertext)

    def open(self, sealed: Sealed, *, context: str) -> bytes:
        key = self.keys.get(sealed.key_id)
        if key is None:
            raise DecryptionFailed(f"no key {sealed.key_id!r} in the key ring")
        try:
            return AESGCM(key).decrypt(
                sealed.nonce, sealed.ciphertext, self._aad(context, sealed.key_id)
            )
        except InvalidTag:
            raise DecryptionFailed("the ciphertext does not open with its key") from None

    def reseal(self, sealed: Sealed, *, context: str) -> Sealed:
        """The same plaintext under the current key (a fresh nonce even if unchanged)."""
        return self.seal(self.open(sealed, context=context), context=context)


def parse_keys(text: str) -> KeyRing:
    """``kid1:base64key,kid2:base64key``; the first is current."""
    keys: dict[str, bytes] = {}
    order: list[str] = []
    for i, part in enumerate(p.strip() for p in text.split(",")):
        if not part:
            continue
        kid, sep, encoded = part.partition(":")
        kid = kid.strip()
        if not sep or not kid:
            raise KeyRingError(f"entry {i + 1}: write key-id:base64-key")
        if kid in keys:
            raise KeyRingError(f"key id {kid!r} appears twice")
        try:
            key = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise KeyRingError(f"key {kid!r}: not valid base64") from None
        keys[kid] = key
        order.append(kid)
    if not order:
        raise KeyRingError("no keys given")
    return KeyRing(keys, order[0])


def derive_key(secret_key: str) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=b"lanyard-escrow-v1",
        info=b"lanyard secrets at rest",
    )
    return hkdf.derive(secret_key.encode())


def keyring_from_settings(settings: Settings) -> KeyRing:
    """``encryption_keys`` if set, else ``encryption_key`` (id ``k1``); neither is an error
    (start-up refuses it first, see :mod:`lanyard.crypto.startup`). The key is never
    derived from the secret key. Secrets escrowed by earlier versions under a key derived
    from a real (non-demo) ``LANYARD_SECRET_KEY`` still open: that derived key stays in the
    ring to *decrypt* only, and ``lanyard escrow rotate`` moves them onto the configured key."""
    if settings.encryption_keys is not None:
        ring = parse_keys(settings.encryption_keys.get_secret_value())
    elif settings.encryption_key is not None:
        ring = parse_keys("k1:" + settings.encryption_key.get_secret_value())
    else:
        raise KeyRingError(
            "LANYARD_ENCRYPTION_KEYS is not set: `lanyard escrow new-key` makes a key"
        )
    if settings.secret_key is None or settings.demo:
        return ring
    keys = dict(ring.keys)
    keys.setdefault(DERIVED_KEY_ID, derive_key(settings.secret_key.get_secret_value()))
    return KeyRing(keys, ring.current)


def new_key() -> str:
    """A fresh random key, base64 (``lanyard escrow new-key``)."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode()
