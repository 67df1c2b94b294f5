"""A group e-mail saved from Outlook (``.msg``, a Compound File Binary document) read for
its recipients, with ``extract-msg``; pure like :mod:`lanyard.prepub.domain`.

:func:`recipients_from_file` tells an Outlook message from an RFC 5322 ``.eml`` by its
first bytes (the Compound File signature), never by the file's name, so the page, the API
and the command take either through one field.
"""

from __future__ import annotations

import logging
from email.utils import getaddresses

import extract_msg
from extract_msg.enums import RecipientType
from extract_msg.exceptions import ExMsgBaseException
from extract_msg.msg_classes import CalendarBase, Message, MessageBase, MessageSignedBase

from lanyard.prepub.domain import Recipients, _clean, recipients_from_eml

# Every Compound File Binary document (.msg, and .doc or .xls too) starts with these bytes.
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Olefile reads shorter bytes as a file name: nothing that short is a saved message.
_SMALLEST = 1536
# What carries recipients who see each other: e-mail (signed or not) and meeting invitations.
_MAIL = (Message, MessageSignedBase, CalendarBase)
_KINDS = {RecipientType.TO: "to", RecipientType.CC: "cc", RecipientType.BCC: "bcc"}

# extract-msg logs a refused file at ERROR with its own words; the refusal reaches the
# person who uploaded it as an answer, so the log need not repeat it.
logging.getLogger("extract_msg").setLevel(logging.CRITICAL)


def is_outlook_message(data: bytes) -> bool:
    return data[:8] == CFB_SIGNATURE


def recipients_from_msg(data: bytes) -> Recipients:
    """To, Cc, Bcc and the sender of an Outlook message (``.msg``): its recipient table,
    which keeps Bcc recipients too. A file that is not an e-mail message, or is damaged, is
    a :class:`ValueError` saying so."""
    if not is_outlook_message(data):
        raise ValueError("not an Outlook message (.msg): it does not start as one")
    if len(data) < _SMALLEST:
        raise ValueError(f"a damaged Outlook message (.msg): {len(data)} bytes, too short")
    try:
        message = extract_msg.openMsg(data, delayAttachments=True)
    except ExMsgBaseException as exc:
        raise ValueError(f"not an Outlook e-mail message (.msg): {exc}") from None
    except Exception as exc:  # olefile and struct errors of a damaged file, in many kinds
        raise ValueError(f"a damaged Outlook message (.msg): {exc}") from None
    try:
        if not isinstance(message, _MAIL) or not isinstance(message, MessageBase):
            what = (message.classType or "item").removeprefix("IPM.").lower()
            raise ValueError(f"an Outlook {what}, not an e-mail message")
        try:
            found: dict[str, list[tuple[str, str]]] = {"to": [], "cc": [], "bcc": []}
            for recipient in message.recipients:
                field = _KINDS.get(recipient.type)
                if field is not None and recipient.email:
                    found[field].append((recipient.name or "", recipient.email))
            sender = _clean(getaddresses([message.sender or ""]))
        except (ExMsgBaseException, OSError, LookupError, TypeError, ValueError) as exc:
            raise ValueError(f"a damaged Outlook message (.msg): {exc}") from None
    finally:
        message.close()
    recipients = Recipients(_clean(found["to"]), _clean(found["cc"]), _clean(found["bcc"]),
                            sender[0] if sender else None)  # fmt: skip
    if not (recipients.to or recipients.cc or recipients.bcc):
        raise ValueError("an Outlook message with no recipients (no To, Cc or Bcc)")
    return recipients


def recipients_from_file(data: bytes) -> Recipients:
    """The recipients of a saved message: an Outlook ``.msg`` or an ``.eml``."""
    return recipients_from_msg(data) if is_outlook_message(data) else recipients_from_eml(data)
