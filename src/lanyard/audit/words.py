"""The audit log's events and subjects in words, for the people who read the log page (a
records officer, a technology director answering a records request). The stored names
(``comment:restored``) stay what the log and its exports carry; the page shows these words
beside them. A test fails when an event has no words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from lanyard.audit.service import AuditEvent

EVENT_WORDS: Mapping[AuditEvent, str] = {
    AuditEvent.DIRECTORY_IMPORTED: "Directory imported",
    AuditEvent.DIRECTORY_IMPORT_UNDONE: "Directory import undone",
    AuditEvent.PERSON_VIEWED: "A person's record viewed",
    AuditEvent.PERSON_ROLE_GRANTED: "Role given",
    AuditEvent.PERSON_ROLE_REVOKED: "Role taken away",
    AuditEvent.ACCOUNT_CREATED: "Sign-in account created",
    AuditEvent.ACCOUNT_SIGNED_IN: "Signed in",
    AuditEvent.ACCOUNT_SIGN_IN_FAILED: "Sign-in refused",
    AuditEvent.ACCOUNT_SIGNED_OUT: "Signed out",
    AuditEvent.ACCOUNT_PASSWORD_CHANGED: "Password changed",
    AuditEvent.APPROVAL_RECORDED: "Approval recorded",
    AuditEvent.DISCLOSURE_RECORDED: "Relationship with a student disclosed",
    AuditEvent.DECISION_ASKED: "“May I?” asked",
    AuditEvent.AUDIT_VERIFIED: "Audit log checked",
    AuditEvent.DEMO_SEEDED: "Demo district created",
    AuditEvent.REQUEST_DRAFTED: "Request drafted",
    AuditEvent.REQUEST_EDITED: "Request edited",
    AuditEvent.REQUEST_SUBMITTED: "Request submitted",
    AuditEvent.REQUEST_APPROVED: "Request approved",
    AuditEvent.REQUEST_DENIED: "Request denied",
    AuditEvent.REQUEST_RETURNED: "Request returned for changes",
    AuditEvent.REQUEST_RESUBMITTED: "Request submitted again",
    AuditEvent.REQUEST_WITHDRAWN: "Request withdrawn",
    AuditEvent.REQUEST_EXPIRED: "Approval expired",
    AuditEvent.REQUEST_REMINDED: "Reminder sent about a request",
    AuditEvent.REQUEST_FOLLOWED_UP: "Follow-up on a request done",
    AuditEvent.REQUEST_VIEWED: "Request viewed",
    AuditEvent.DISCLOSURE_WITHDRAWN: "Disclosure withdrawn",
    AuditEvent.DISCLOSURE_VIEWED: "Disclosure viewed",
    AuditEvent.CASE_OPENED: "Case opened",
    AuditEvent.CASE_VIEWED: "Case viewed",
    AuditEvent.CASE_ACKNOWLEDGED: "Case acknowledged",
    AuditEvent.CASE_NOTE_ADDED: "Note added to a case",
    AuditEvent.CASE_FILE_ATTACHED: "File attached to a case",
    AuditEvent.CASE_FILE_DOWNLOADED: "Case file downloaded",
    AuditEvent.CASE_ESCALATED: "Case escalated",
    AuditEvent.CASE_CLOSED: "Case closed",
    AuditEvent.CONTACT_ATTEMPT_RECORDED: "Contact from a student reported",
    AuditEvent.MANDATED_DUTY_SHOWN: "Mandated-reporter notice shown",
    AuditEvent.OFFICIAL_ACCOUNT_REGISTERED: "Official account registered",
    AuditEvent.OFFICIAL_ACCOUNT_UPDATED: "Official account changed",
    AuditEvent.OFFICIAL_ACCOUNT_MANAGER_ADDED: "Manager added to an official account",
    AuditEvent.OFFICIAL_ACCOUNT_MANAGER_REMOVED: "Manager removed from an official account",
    AuditEvent.OFFICIAL_ACCOUNT_DEACTIVATED: "Official account deactivated",
    AuditEvent.ESCROW_DEPOSITED: "Account credentials put in escrow",
    AuditEvent.ESCROW_REVEALED: "Escrowed credentials revealed",
    AuditEvent.ESCROW_MARKED_STALE: "Escrowed credentials marked out of date",
    AuditEvent.ESCROW_ROTATED: "Escrowed credentials re-encrypted with a new key",
    AuditEvent.COMMENTS_INGESTED: "Comments taken in from a platform",
    AuditEvent.COMMENT_ARCHIVED: "Comment archived",
    AuditEvent.COMMENT_KEPT: "Comment kept",
    AuditEvent.COMMENT_HIDDEN: "Comment hidden",
    AuditEvent.COMMENT_DELETED: "Comment deleted",
    AuditEvent.COMMENT_ESCALATED: "Comment escalated",
    AuditEvent.COMMENT_REPORTED: "Comment reported to district administration",
    AuditEvent.COMMENT_ARCHIVE_EXPORTED: "Comment archive exported",
    AuditEvent.COMMENT_ASSIGNED: "Comment assigned to a moderator",
    AuditEvent.COMMENT_RESTORED: "Comment put back (hide or delete undone)",
    AuditEvent.COMMENT_REPLIED: "Reply to a comment sent",
    AuditEvent.PLATFORM_ACTION_DONE: "Done on the platform",
    AuditEvent.PLATFORM_ACTION_FAILED: "The platform refused or failed",
    AuditEvent.PLATFORM_TOKEN_DEPOSITED: "Platform access token deposited",
    AuditEvent.PLATFORM_TOKEN_REFRESHED: "Platform access token renewed",
    AuditEvent.PLATFORM_TOKEN_REFRESH_FAILED: "Platform access token could not be renewed",
    AuditEvent.WEBHOOK_SECRET_SET: "Webhook secret set",
    AuditEvent.SESSIONS_REVOKED: "Sessions ended (signed out everywhere)",
    AuditEvent.MESSAGES_IMPORTED: "Message log imported",
    AuditEvent.MESSAGES_PURGED: "Old messages without findings deleted",
    AuditEvent.MESSAGE_FINDINGS_READ: "Message findings viewed",
    AuditEvent.KNOWN_ADDRESSES_IMPORTED: "Known personal addresses imported",
    AuditEvent.MESSAGE_FINDING_DISMISSED: "Message finding dismissed",
    AuditEvent.MESSAGE_FINDING_CASE_OPENED: "Case opened from a message finding",
    AuditEvent.MESSAGE_FINDINGS_EXPORTED: "Message findings exported",
    AuditEvent.ACK_CAMPAIGN_OPENED: "Acknowledgment campaign opened",
    AuditEvent.ACK_CAMPAIGN_CLOSED: "Acknowledgment campaign closed",
    AuditEvent.ACK_CAMPAIGN_ASSIGNED: "People asked to acknowledge the policy",
    AuditEvent.ACK_CAMPAIGN_REMINDED: "Acknowledgment reminders sent",
    AuditEvent.ACK_CAMPAIGN_ESCALATED: "Overdue acknowledgments sent to principals",
    AuditEvent.ACK_COMPLETION_EXPORTED: "Acknowledgment completion exported",
    AuditEvent.POLICY_ACKNOWLEDGED: "Policy acknowledged",
    AuditEvent.POLICY_REVIEW_RECORDED: "Annual review of the policy recorded",
    AuditEvent.CONSENTS_IMPORTED: "Media consents imported",
    AuditEvent.PREPUB_CHECKED: "Post checked before publishing",
    AuditEvent.CONSENTS_CHANGED: "Media consent changed",
    AuditEvent.CONSENTS_VIEWED: "Media consents viewed",
    AuditEvent.BIOMETRIC_CONSENT_RECORDED: "Biometric consent recorded",
    AuditEvent.BIOMETRIC_CONSENT_WITHDRAWN: "Biometric consent withdrawn",
    AuditEvent.FACE_TEMPLATE_ENROLLED: "Face template enrolled",
    AuditEvent.FACE_TEMPLATES_PURGED: "Face templates deleted",
    AuditEvent.FACE_TEMPLATE_ROTATED: "Face template re-encrypted with a new key",
    AuditEvent.RECORDS_EXPORTED: "Records exported",
    AuditEvent.LEGAL_HOLD_PLACED: "Legal hold placed",
    AuditEvent.LEGAL_HOLD_LIFTED: "Legal hold lifted",
    AuditEvent.RETENTION_SET: "Retention period set",
    AuditEvent.RECORDS_DISPOSED: "Records destroyed at the end of their retention",
    AuditEvent.RECORDS_EXPORT_DOWNLOADED: "Records export downloaded",
    AuditEvent.RECORDS_EXPORT_EXPIRED: "Records export removed after its keeping time",
}

SUBJECT_WORDS: Mapping[str, str] = {
    "account": "Sign-in account",
    "ack_campaign": "Acknowledgment campaign",
    "audit_log": "Audit log",
    "case": "Case",
    "comment": "Comment",
    "contact_attempt": "Contact report",
    "decision": "“May I?” answer",
    "demo": "Demo",
    "directory": "Directory",
    "directory_import": "Directory import",
    "disclosure": "Disclosure",
    "known_addresses": "Known addresses",
    "legal_hold": "Legal hold",
    "mandated_duty": "Mandated-reporter notice",
    "message_finding": "Message finding",
    "message_findings": "Message findings",
    "message_import": "Message log",
    "messages": "Messages",
    "moderation_archive": "Comment archive",
    "official_account": "Official account",
    "person": "Person",
    "policy_review": "Policy review",
    "prepub": "Pre-publication check",
    "records_disposition": "Records disposition",
    "records_export": "Records export",
    "request": "Request",
    "retention_schedule": "Retention schedule",
    "username": "Username",
}


def event_words(event: str) -> str:
    """An event in words; a name this version does not know, spelled out."""
    try:
        return EVENT_WORDS[AuditEvent(event)]
    except (ValueError, KeyError):
        return event.replace(":", " ").replace("_", " ").capitalize()


def subject_words(subject_type: str) -> str:
    return SUBJECT_WORDS.get(subject_type, subject_type.replace("_", " ").capitalize())


# An entry's details (its ``after``) in words: each key, and the keys of a count.
DETAIL_WORDS: Mapping[str, str] = {
    "sha256": "SHA-256",
    "pack": "Policy pack",
    "pack_id": "Policy pack",
    "pack_hash": "Pack content hash",
    "content_hash": "Pack content hash",
    "pack_version": "Policy version",
    "form": "Form",
    "building_id": "Building",
    "building_ids": "Buildings",
    "owner_id": "Owner",
    "managers": "Managers",
    "contacts": "Told",
    "subjects": "About",
    "counterpart_id": "With",
    "import_id": "Import",
    "case_id": "Case",
    "approval_id": "Approval",
    "approval_on_file_id": "Approval on file",
    "archive_entry_id": "Archive entry",
    "comment_id": "Comment",
    "comment_ids": "Comments",
    "finding_ids": "Findings",
    "findings": "Findings",
    "audit_entries": "Audit entries",
    "ack_due_at": "Acknowledge by",
    "due_at": "Due",
    "opens_at": "Opens",
    "expires_at": "Expires",
    "dry_run": "Dry run",
    "by_rule": "By rule",
    "from_record": "From the record",
    "url": "Address",
    "why": "Why",
}
_HEX_ID = re.compile(r"^[0-9a-f]{32}$")
_HASH = re.compile(r"^[0-9a-f]{40,128}$")
_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def detail_key(key: str) -> str:
    """A detail's key in words: ``building_id`` is "Building", ``domains_added`` "Domains
    added"."""
    if key in DETAIL_WORDS:
        return DETAIL_WORDS[key]
    words = key.removesuffix("_ids").removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]


def ids_in(value: object) -> set[str]:
    """The ids (32 hex digits) ``value`` holds, at any depth: to look their names up."""
    if isinstance(value, str):
        return {value} if _HEX_ID.match(value) else set()
    if isinstance(value, dict):
        return set().union(*(ids_in(v) for v in value.values())) if value else set()
    if isinstance(value, list | tuple):
        return set().union(*(ids_in(v) for v in value)) if value else set()
    return set()


def detail_value(
    value: object, names: Mapping[str, str], when: Callable[[dt.datetime], str]
) -> str:
    """A detail's value in words: a person's or building's id as their name (another id
    as its first eight digits), a list of ids as their names or their number, a count as
    "added 5, changed 0", a time in the district's time zone, a hash shortened, yes/no."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        if _HEX_ID.match(value):
            return names.get(value) or f"{value[:8]}…"
        if _HASH.match(value):
            return f"{value[:12]}…"
        if _MOMENT.match(value):
            try:
                return when(dt.datetime.fromisoformat(value))
            except ValueError:
                return value
        return value.replace("_", " ") if re.fullmatch(r"[a-z_]+", value) else value
    if isinstance(value, dict):
        if not value:
            return "none"
        return ", ".join(
            f"{detail_key(str(k)).lower()} {detail_value(v, names, when)}" for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        if not value:
            return "none"
        if all(isinstance(v, str) and _HEX_ID.match(v) for v in value):
            known = [names[v] for v in value if v in names]
            if len(known) == len(value) and len(known) <= 5:
                return ", ".join(known)
            return str(len(value))
        return ", ".join(detail_value(v, names, when) for v in value)
    return str(value)


def details(
    after: Mapping[str, object] | None,
    names: Mapping[str, str],
    when: Callable[[dt.datetime], str],
) -> list[tuple[str, str]]:
    """An entry's details as (key in words, value in words), in the stored order."""
    if not isinstance(after, Mapping):
        return []
    return [(detail_key(k), detail_value(v, names, when)) for k, v in after.items()]
