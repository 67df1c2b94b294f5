"""AES-GCM key ring: round trip, binding to its context and key id, rotation, bad rings
refused with the entry named and the key never echoed."""

from __future__ import annotations

import base64
import os

import pytest
from pydantic import ValidationError

from lanyard.config import Settings
from lanyard.crypto import DecryptionFailed, KeyRingError, Sealed, keyring_from_settings, parse_keys
from lanyard.crypto.keyring import DERIVED_KEY_ID, KeyRing, derive_key


def _key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_sealed_secret_opens_and_holds_no_plaintext() -> None:
    ring = parse_keys(f"k1:{_key()}")
    sealed = ring.seal(b"hunter2-secret", context="official-account:a1")
    assert b"hunter2" not in sealed.ciphertext
    assert len(sealed.nonce) == 12
    assert ring.open(sealed, context="official-account:a1") == b"hunter2-secret"


def test_each_seal_uses_a_fresh_nonce() -> None:
    ring = parse_keys(f"k1:{_key()}")
    a = ring.seal(b"same", context="c")
    b = ring.seal(b"same", context="c")
    assert a.nonce != b.nonce and a.ciphertext != b.ciphertext


def test_ciphertext_moved_to_another_account_does_not_open() -> None:
    ring = parse_keys(f"k1:{_key()}")
    sealed = ring.seal(b"secret", context="official-account:a1")
    with pytest.raises(DecryptionFailed):
        ring.open(sealed, context="official-account:a2")


def test_relabelled_key_id_does_not_open() -> None:
    key = _key()
    ring = parse_keys(f"k2:{key},k1:{key}")  # same key under two ids
    sealed = ring.seal(b"secret", context="c")
    with pytest.raises(DecryptionFailed):
        ring.open(Sealed("k1", sealed.nonce, sealed.ciphertext), context="c")


def test_rotation_reseals_under_the_first_key_and_old_secrets_still_open() -> None:
    old, new = _key(), _key()
    before = parse_keys(f"k1:{old}")
    sealed = before.seal(b"secret", context="c")
    after = parse_keys(f"k2:{new},k1:{old}")
    assert after.open(sealed, context="c") == b"secret"
    resealed = after.reseal(sealed, context="c")
    assert resealed.key_id == "k2"
    assert parse_keys(f"k2:{new}").open(resealed, context="c") == b"secret"


def test_unknown_key_id_is_a_clear_failure() -> None:
    sealed = parse_keys(f"k1:{_key()}").seal(b"secret", context="c")
    with pytest.raises(DecryptionFailed, match="no key 'k1'"):
        parse_keys(f"k9:{_key()}").open(sealed, context="c")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no keys given"),
        ("k1", "write key-id:base64-key"),
        ("k1:not base64!", "not valid base64"),
        ("k1:" + base64.b64encode(b"short").decode(), "must be 32 bytes"),
        ("bad id:" + base64.b64encode(bytes(range(32))).decode(), "key id"),
    ],
    ids=["empty", "no colon", "not base64", "short key", "bad key id"],
)
def test_bad_key_rings_are_refused_naming_the_entry(text: str, message: str) -> None:
    with pytest.raises(KeyRingError, match=message):
        parse_keys(text)


def test_duplicate_key_ids_are_refused() -> None:
    key = _key()
    with pytest.raises(KeyRingError, match="appears twice"):
        parse_keys(f"k1:{key},k1:{key}")


def test_a_bad_setting_names_the_variable_and_never_echoes_the_key() -> None:
    secret_looking = "k1:" + base64.b64encode(b"short-but-secret").decode()
    with pytest.raises(ValidationError) as caught:
        Settings(encryption_keys=secret_looking)  # type: ignore[arg-type]
    text = str(caught.value)
    assert "encryption_keys" in text
    assert secret_looking.split(":")[1] not in text


def test_no_key_is_derived_from_the_secret_key() -> None:
    with pytest.raises(KeyRingError, match="LANYARD_ENCRYPTION_KEYS"):
        keyring_from_settings(
            Settings(secret_key="s" * 40, encryption_keys=None)  # type: ignore[arg-type]
        )
    ring = keyring_from_settings(
        Settings(secret_key="s" * 40, encryption_keys=f"k1:{_key()}")  # type: ignore[arg-type]
    )
    assert ring.current == "k1"


def test_the_key_ring_repr_shows_no_key() -> None:
    key = _key()
    assert key not in repr(parse_keys(f"k1:{key}"))


def test_configured_keys_still_open_secrets_escrowed_under_a_real_secret_key() -> None:
    # earlier versions derived the escrow key from LANYARD_SECRET_KEY when no key was set
    legacy = KeyRing({DERIVED_KEY_ID: derive_key("s" * 40)}, DERIVED_KEY_ID)
    sealed = legacy.seal(b"old", context="c")
    configured = keyring_from_settings(
        Settings(secret_key="s" * 40, encryption_keys=f"k1:{_key()}")  # type: ignore[arg-type]
    )
    assert configured.current == "k1"
    assert configured.reseal(sealed, context="c").key_id == "k1"


def test_a_demo_secret_key_never_opens_escrow() -> None:
    legacy = KeyRing({DERIVED_KEY_ID: derive_key("s" * 40)}, DERIVED_KEY_ID)
    sealed = legacy.seal(b"old", context="c")
    demo = keyring_from_settings(
        Settings(secret_key="s" * 40, encryption_keys=f"k1:{_key()}", demo=True)  # type: ignore[arg-type]
    )
    assert DERIVED_KEY_ID not in demo.keys
    with pytest.raises(DecryptionFailed):
        demo.open(sealed, context="c")
