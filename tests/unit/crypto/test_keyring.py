"""AES-GCM key ring: round trip, binding to its context and key id, rotation, bad rings
refused with the entry named and the key never echoed."""

from __future__ import annotations

import base64
import os

import pytest
from pydantic import ValidationError

from lanyard.config import Settings
from lanyard.crypto import DecryptionFailed, KeyRingError, Sealed, keyring_from_settings, parse_keys


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
        ("bad id:" + base64.b64encode(os.urandom(32)).decode(), "key id"),
    ],
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


def test_embedded_default_derives_a_stable_key_from_the_secret_key() -> None:
    a = keyring_from_settings(Settings(secret_key="s" * 40))  # type: ignore[arg-type]
    b = keyring_from_settings(Settings(secret_key="s" * 40))  # type: ignore[arg-type]
    c = keyring_from_settings(Settings(secret_key="t" * 40))  # type: ignore[arg-type]
    sealed = a.seal(b"x", context="c")
    assert a.current == "derived" and b.open(sealed, context="c") == b"x"
    with pytest.raises(DecryptionFailed):
        c.open(sealed, context="c")


def test_the_key_ring_repr_shows_no_key() -> None:
    key = _key()
    assert key not in repr(parse_keys(f"k1:{key}"))


def test_configured_keys_still_open_secrets_of_the_embedded_default() -> None:
    embedded = keyring_from_settings(Settings(secret_key="s" * 40))  # type: ignore[arg-type]
    sealed = embedded.seal(b"old", context="c")
    configured = keyring_from_settings(
        Settings(secret_key="s" * 40, encryption_keys=f"k1:{_key()}")  # type: ignore[arg-type]
    )
    assert configured.current == "k1"
    assert configured.reseal(sealed, context="c").key_id == "k1"
