"""Every audit event has words for the log page, and no two events read the same."""

from __future__ import annotations

from lanyard.audit.service import AuditEvent
from lanyard.audit.words import EVENT_WORDS, details, event_words, subject_words


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


def test_details_read_as_words_with_names_not_ids() -> None:
    building, person, finding = "d27af770bfa8403aacd36d25bb134a49", "9" * 32, "a" * 32
    names = {building: "Lakeview High School", person: "Darcy Greywell"}
    after = {
        "building_id": building,
        "managers": [person],
        "finding_ids": [finding, "b" * 32, "c" * 32],
        "people": {"added": 2, "changed": 1},
        "problems": [],
        "redacted": True,
        "archive_entry_id": finding,
        "sha256": "8fe7e6caf9dc709ef82e59cd0f91b229faedf792b672714e4d57f0bf14c7f9e6",
        "use": "social_media",
        "ack_due_at": "2026-12-07T04:04:45+00:00",
    }
    said = details(after, names, lambda at: at.strftime("%b %-d %H:%M"))
    assert said == [
        ("Building", "Lakeview High School"),
        ("Managers", "Darcy Greywell"),
        ("Findings", "3"),
        ("People", "added 2, changed 1"),
        ("Problems", "none"),
        ("Redacted", "yes"),
        ("Archive entry", "aaaaaaaa…"),
        ("SHA-256", "8fe7e6caf9dc…"),
        ("Use", "social media"),
        ("Acknowledge by", "Dec 7 04:04"),
    ]
    assert details(None, names, str) == []
