"""Signed checkpoints of the audit chain: the head, anchored outside the database.

Modelled on Certificate Transparency's signed tree head (RFC 6962 §3.5: tree size,
timestamp, root hash, signature by the log's key). The audit log is a linear hash chain,
so the head hash of entry N commits to entries 1..N exactly as a tree root would; a
later checkpoint extends an earlier one when the chain walk reaches the earlier head.

A checkpoint signs, in this order, one line each::

    lanyard-audit-checkpoint/v1
    <seq>            the number of the last entry it covers (0: an empty log)
    <head>           that entry's hash (64 hex; 64 zeros for an empty log)
    <at>             when it was made, ISO 8601 UTC
    <mac_from>       the first entry that carried a MAC then ("-" if none)

with Ed25519. ``key_id`` (SHA-256 of the public key, like a CT log id) names the key.
It is written as JSON (a file) or as one line (syslog, e-mail); both parse back.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from lanyard.audit.keys import key_id

FORMAT = "lanyard-audit-checkpoint/v1"
GENESIS = "0" * 64


class CheckpointFormatError(ValueError):
    """Text that is not a Lanyard audit checkpoint."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head: str
    at: dt.datetime
    mac_from: int | None
    key_id: str
    signature: str  # base64

    def signed_bytes(self) -> bytes:
        return signed_message(self.seq, self.head, self.at, self.mac_from)

    def verifies_with(self, public_key: Ed25519PublicKey) -> bool:
        try:
            raw = base64.b64decode(self.signature, validate=True)
            public_key.verify(raw, self.signed_bytes())
        except (InvalidSignature, binascii.Error, ValueError):
            return False
        return True

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "seq": self.seq,
                "head": self.head,
                "at": _iso(self.at),
                "mac_from": self.mac_from,
                "key_id": self.key_id,
                "signature": self.signature,
            },
            indent=2,
        )

    def to_line(self) -> str:
        mac_from = "-" if self.mac_from is None else str(self.mac_from)
        return (
            f"{FORMAT} seq={self.seq} head={self.head} at={_iso(self.at)} "
            f"mac_from={mac_from} key_id={self.key_id} signature={self.signature}"
        )

    def describe(self) -> str:
        return f"the checkpoint of {_iso(self.at)} (entries 1-{self.seq})"


def _iso(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def signed_message(seq: int, head: str, at: dt.datetime, mac_from: int | None) -> bytes:
    lines = [FORMAT, str(seq), head, _iso(at), "-" if mac_from is None else str(mac_from)]
    return ("\n".join(lines) + "\n").encode()


def sign(
    key: Ed25519PrivateKey, *, seq: int, head: str, at: dt.datetime, mac_from: int | None
) -> Checkpoint:
    signature = key.sign(signed_message(seq, head, at, mac_from))
    return Checkpoint(
        seq=seq,
        head=head,
        at=at.astimezone(dt.UTC),
        mac_from=mac_from,
        key_id=key_id(key.public_key()),
        signature=base64.b64encode(signature).decode(),
    )


def parse(text: str) -> Checkpoint:
    """A checkpoint from its JSON or its one-line form (the line may sit inside a syslog
    line or an e-mail: everything before ``lanyard-audit-checkpoint/v1`` is ignored)."""
    text = text.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise CheckpointFormatError("not valid JSON") from None
        if not isinstance(data, dict):
            raise CheckpointFormatError("not a checkpoint object")
        fields = {k: ("-" if v is None else str(v)) for k, v in data.items()}
    else:
        start = text.find(FORMAT + " ")
        if start < 0:
            raise CheckpointFormatError(f"no {FORMAT} found")
        line = text[start:].splitlines()[0]
        fields = {"format": FORMAT}
        for part in line.split()[1:]:
            name, sep, value = part.partition("=")
            if sep:
                fields[name] = value
    if fields.get("format") != FORMAT:
        raise CheckpointFormatError(f"format is not {FORMAT}")
    try:
        seq = int(fields["seq"])
        head = fields["head"]
        at = dt.datetime.fromisoformat(fields["at"].replace("Z", "+00:00"))
        mac_from = None if fields["mac_from"] == "-" else int(fields["mac_from"])
        checkpoint = Checkpoint(seq, head, at, mac_from, fields["key_id"], fields["signature"])
    except (KeyError, ValueError) as exc:
        raise CheckpointFormatError(f"a field is missing or malformed ({exc})") from None
    if seq < 0 or len(head) != 64 or at.tzinfo is None:
        raise CheckpointFormatError("seq, head or at is malformed")
    return checkpoint
