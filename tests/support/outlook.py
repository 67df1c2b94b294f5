"""Writes real Outlook messages (``.msg``): a Compound File Binary document laid out as
[MS-OXMSG] says (message properties, one storage per recipient with its type, display name
and SMTP address), written by ``extract-msg``'s own OLE writer."""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence

from extract_msg.ole_writer import OleWriter

TYPES = {"to": 1, "cc": 2, "bcc": 3}  # PidTagRecipientType
_READABLE_WRITABLE = 0x6


def _unicode(value: str) -> bytes:
    return value.encode("utf-16-le")


def _properties(fixed: Sequence[tuple[int, int]], header: bytes) -> bytes:
    """A ``__properties_version1.0`` stream: its header, then 16 bytes per fixed-length
    property (tag, flags, value)."""
    entries = b"".join(struct.pack("<IIQ", tag, _READABLE_WRITABLE, value) for tag, value in fixed)
    return header + entries


def outlook_message(
    recipients: Sequence[tuple[str, str, str]],
    *,
    sender: str = "alovelace@example.org",
    subject: str = "Field trip on Friday",
    message_class: str = "IPM.Note",
) -> bytes:
    """A saved message; ``recipients`` are (to|cc|bcc, display name, address)."""
    writer = OleWriter()
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("__substg1.0_00020102", "__substg1.0_00030102", "__substg1.0_00040102"):
        writer.addEntry(["__nameid_version1.0", stream], b"")
    count = len(recipients)
    # top level: 8 reserved, next recipient id, next attachment id, counts, 8 reserved
    writer.addEntry("__properties_version1.0",
                    _properties([], struct.pack("<8xIIII8x", count, 0, count, 0)))  # fmt: skip
    writer.addEntry("__substg1.0_001A001F", _unicode(message_class))
    writer.addEntry("__substg1.0_0037001F", _unicode(subject))
    writer.addEntry("__substg1.0_0C1F001F", _unicode(sender))  # PidTagSenderEmailAddress
    writer.addEntry("__substg1.0_0C1E001F", _unicode("SMTP"))
    writer.addEntry("__substg1.0_5D01001F", _unicode(sender))  # PidTagSenderSmtpAddress
    for number, (kind, name, address) in enumerate(recipients):
        storage = f"__recip_version1.0_#{number:08X}"
        writer.addEntry(storage, storage=True)
        writer.addEntry([storage, "__properties_version1.0"],
                        _properties([(0x0C150003, TYPES[kind])], bytes(8)))  # fmt: skip
        writer.addEntry([storage, "__substg1.0_3001001F"], _unicode(name))  # display name
        writer.addEntry([storage, "__substg1.0_3002001F"], _unicode("SMTP"))
        writer.addEntry([storage, "__substg1.0_3003001F"], _unicode(address))
        writer.addEntry([storage, "__substg1.0_39FE001F"], _unicode(address))  # SMTP address
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# The Outlook twin of tests/fixtures/prepub/group_to_parents.eml, and one sent BCC.
TO_PARENTS = [
    ("to", "Mary Hopper", "mary.hopper@example.net"),
    ("to", "R. Ramos", "rramos.family@example.com"),
    ("to", "", "aturing@gmail.example.com"),
    ("cc", "Charles Babbage", "cbabbage@example.org"),
]
IN_BCC = [
    ("to", "Ada Lovelace", "alovelace@example.org"),
    ("bcc", "Mary Hopper", "mary.hopper@example.net"),
    ("bcc", "R. Ramos", "rramos.family@example.com"),
]
