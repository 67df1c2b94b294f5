"""A checkpoint reads back from its JSON, its one-line form and a syslog line or e-mail
holding it; any change to what it signs breaks the signature."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from lanyard.audit.anchoring import email
from lanyard.audit.checkpoint import CheckpointFormatError, parse, sign
from lanyard.audit.keys import (
    key_id,
    load_public_key,
    mac_keys_from_settings,
    public_key_pem,
    signing_key_from_settings,
    write_signing_key,
)
from lanyard.config import Settings

AT = dt.datetime(2026, 12, 5, 8, 0, 0, 123456, tzinfo=dt.UTC)


@pytest.fixture
def signing_key(tmp_path: Path) -> Ed25519PrivateKey:
    return write_signing_key(tmp_path / "k.pem")


def test_every_form_reads_back_and_verifies(signing_key: Ed25519PrivateKey) -> None:
    cp = sign(signing_key, seq=4212, head="ab" * 32, at=AT, mac_from=17)
    syslog_line = f"Dec  5 08:00:00 host lanyard[311]: {cp.to_line()}"
    for text in (cp.to_json(), cp.to_line(), syslog_line, email(cp).body):
        back = parse(text)
        assert back == cp
        assert back.verifies_with(signing_key.public_key())


@pytest.mark.parametrize(
    "change",
    [{"seq": 4211}, {"head": "cd" * 32}, {"at": AT + dt.timedelta(seconds=1)}, {"mac_from": None}],
)
def test_any_signed_field_changed_breaks_the_signature(
    signing_key: Ed25519PrivateKey, change: dict[str, object]
) -> None:
    cp = sign(signing_key, seq=4212, head="ab" * 32, at=AT, mac_from=17)
    changed = dataclasses.replace(cp, **change)  # type: ignore[arg-type]
    assert not changed.verifies_with(signing_key.public_key())


def test_another_key_does_not_verify(signing_key: Ed25519PrivateKey, tmp_path: Path) -> None:
    other = write_signing_key(tmp_path / "other.pem")
    cp = sign(other, seq=1, head="ab" * 32, at=AT, mac_from=1)
    assert cp.key_id != key_id(signing_key.public_key())
    assert not cp.verifies_with(signing_key.public_key())


@pytest.mark.parametrize("text", ["", "{}", "[1]", "lanyard-audit-checkpoint/v1 seq=x", "hello"])
def test_text_that_is_not_a_checkpoint_is_refused(text: str) -> None:
    with pytest.raises(CheckpointFormatError):
        parse(text)


def test_the_exported_public_key_verifies(signing_key: Ed25519PrivateKey, tmp_path: Path) -> None:
    pem = tmp_path / "public.pem"
    pem.write_text(public_key_pem(signing_key.public_key()))
    cp = sign(signing_key, seq=3, head="ab" * 32, at=AT, mac_from=None)
    assert cp.verifies_with(load_public_key(pem))


def test_demo_mode_generates_its_keys_once_beside_the_database(tmp_path: Path) -> None:
    settings = Settings(demo=True, database_url=f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    first = mac_keys_from_settings(settings)
    assert first is not None and first == mac_keys_from_settings(settings)
    signer = signing_key_from_settings(settings)
    again = signing_key_from_settings(settings)
    assert signer is not None and again is not None
    assert key_id(signer.public_key()) == key_id(again.public_key())
    for name in ("demo.sqlite3.audit-keys", "demo.sqlite3.audit-signing-key.pem"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o600


def test_no_key_outside_demo_mode(tmp_path: Path) -> None:
    settings = Settings(demo=False, database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert mac_keys_from_settings(settings) is None
    assert signing_key_from_settings(settings) is None
    assert not list(tmp_path.iterdir())
