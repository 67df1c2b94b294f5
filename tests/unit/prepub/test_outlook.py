"""Group e-mails saved from Outlook (``.msg``): real Compound File documents written by
``tests.support.outlook``, read back for their recipients."""

from __future__ import annotations

from pathlib import Path

import pytest

from lanyard.policy import load_pack
from lanyard.prepub.domain import AddressBook, Verdict, check_recipients
from lanyard.prepub.outlook import recipients_from_file, recipients_from_msg
from tests.support.outlook import IN_BCC, TO_PARENTS, outlook_message

EML = Path(__file__).resolve().parents[2] / "fixtures" / "prepub" / "group_to_parents.eml"
BOOK = AddressBook(frozenset({"example.org"}), {}, frozenset(), frozenset())


def test_an_outlook_message_gives_to_cc_bcc_and_sender() -> None:
    message = recipients_from_msg(outlook_message(TO_PARENTS))
    assert message.to == ("mary.hopper@example.net", "rramos.family@example.com",
                          "aturing@gmail.example.com")  # fmt: skip
    assert message.cc == ("cbabbage@example.org",) and message.bcc == ()
    assert message.sender == "alovelace@example.org"
    hidden = recipients_from_msg(outlook_message(IN_BCC))
    assert hidden.bcc == ("mary.hopper@example.net", "rramos.family@example.com")


def test_the_same_group_email_as_msg_or_eml_gets_the_same_verdict() -> None:
    pack = load_pack("naperville-203")
    as_msg = check_recipients(recipients_from_file(outlook_message(TO_PARENTS)), book=BOOK,
                              pack=pack)  # fmt: skip
    as_eml = check_recipients(recipients_from_file(EML.read_bytes()), book=BOOK, pack=pack)
    assert as_msg == as_eml and as_msg.verdict is Verdict.UNSAFE
    assert as_msg.findings[0].citation is not None
    assert as_msg.findings[0].citation.rule == "group-email-bcc"
    sent_bcc = recipients_from_file(outlook_message(IN_BCC))
    assert check_recipients(sent_bcc, book=BOOK, pack=pack).verdict is Verdict.SAFE


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda d: d[:1000], "too short"),
        (lambda d: d[: len(d) // 2], "a damaged Outlook message"),
        (lambda d: d[:8] + b"\x00" * (len(d) - 8), "a damaged Outlook message"),
    ],
    ids=["truncated-header", "truncated-half", "header-zeroed"],
)
def test_a_damaged_msg_is_refused_in_words(damage, said: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=said):
        recipients_from_msg(damage(outlook_message(TO_PARENTS)))


def test_an_outlook_item_that_is_not_mail_or_has_no_recipients_is_refused() -> None:
    with pytest.raises(ValueError, match="an Outlook contact, not an e-mail message"):
        recipients_from_msg(outlook_message(TO_PARENTS, message_class="IPM.Contact"))
    with pytest.raises(ValueError, match="no recipients"):
        recipients_from_msg(outlook_message([]))
    with pytest.raises(ValueError, match="not an Outlook message"):
        recipients_from_msg(EML.read_bytes())
