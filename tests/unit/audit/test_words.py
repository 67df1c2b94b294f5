"""Every audit event has words for the log page, and no two events read the same."""

from __future__ import annotations

from lanyard.audit.service import AuditEvent
from lanyard.audit.words import EVENT_WORDS, event_words, subject_words


def test_every_event_reads_as_words_on_the_audit_log_page() -> None:
    missing = [str(e) for e in AuditEvent if e not in EVENT_WORDS]
    assert not missing, f"add words for these events to lanyard.audit.words: {missing}"
    said = list(EVENT_WORDS.values())
    assert len(said) == len(set(said)), "two events read the same"
    assert all(":" not in w and "_" not in w for w in said)


def test_a_name_this_version_does_not_know_is_spelled_out_not_refused() -> None:
    assert event_words("comment:restored") == "Comment put back (hide or delete undone)"
    assert event_words("widget:frobbed_twice") == "Widget frobbed twice"
    assert subject_words("message_finding") == "Message finding"
    assert subject_words("new_kind") == "New kind"
