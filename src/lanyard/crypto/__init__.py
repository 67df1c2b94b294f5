"""Secrets at rest: AES-GCM under a key ring (see :mod:`lanyard.crypto.keyring`)."""

from lanyard.crypto.keyring import (
    DecryptionFailed,
    KeyRing,
    KeyRingError,
    Sealed,
    keyring_from_settings,
    parse_keys,
)

__all__ = [
    "DecryptionFailed",
    "KeyRing",
    "KeyRingError",
    "Sealed",
    "keyring_from_settings",
    "parse_keys",
]
