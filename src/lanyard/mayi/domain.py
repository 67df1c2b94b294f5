"""Filling a situation from the record (pure: values in, values out)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lanyard.policy.situation import UMBRELLAS
from lanyard.prepub.domain import StudentConsent


@dataclass(frozen=True)
class HeldApproval:
    """An approval on file as "May I?" weighs it: the form it is for, the checkable limits
    the approver ticked and the conditions the approver wrote."""

    form: str
    limits: tuple[str, ...] = ()
    conditions: str | None = None


@dataclass(frozen=True)
class RecordFacts:
    """What the directory knows about the asker and the counterpart."""

    role: str | None = None  # situation actor.role
    approvals: tuple[str, ...] = ()  # the forms of the approvals on file
    held: tuple[HeldApproval, ...] = ()  # the approvals themselves, limits and conditions
    approvals_known: bool = False  # the asker is in the directory, so "none on file" is a fact
    relationship: str | None = None  # a disclosure on file with the counterpart
    counterpart_birth_date: dt.date | None = None
    # The counterpart students' media releases and opt-outs for the school year (one
    # scope -> decision map per student, as the pre-publication check reads them); None
    # when there is no counterpart student on file.
    counterpart_consents: tuple[Mapping[str, str], ...] | None = None


@dataclass(frozen=True)
class FactFromRecord:
    field: str
    value: Any
    source: str


RECORD_LABELS: dict[str, str] = {
    "actor.role": "Your role",
    "actor.approvals": "Approvals on file",
    "actor.relationship": "Your relationship with them",
    "counterparts[0].age_under_13": "The student is under 13",
    "content.media_permission_denied": "A pictured student's family opted out",
}

# Where a post goes, as the consents name the use.
_USE_OF_MEDIUM = {"social_post": "social_media", "website": "website"}


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


_SCALARS = (str, int, float, bool, type(None))


def _copied(value: Any) -> Any:
    """A deep copy of a draft (dicts and lists of plain values, as a form or JSON gives
    it), without ``copy.deepcopy``'s memo and dispatch: every ask copies one, and
    ``deepcopy`` took ~46 µs of a draft's ~80 values, this ~9. Anything else is copied by
    ``deepcopy``."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    if isinstance(value, _SCALARS):
        return value
    return copy.deepcopy(value)


def fill_from_record(
    draft: dict[str, Any], record: RecordFacts, today: dt.date
) -> tuple[dict[str, Any], list[FactFromRecord]]:
    """The situation with the record's facts in place, and which facts came from it.

    The record wins over what the asker typed for approvals and role (they are what is on
    file), and adds a relationship only where one is disclosed; a relationship the asker
    claims without a disclosure stays as claimed.
    """
    situation = _copied(draft)
    actor = situation.setdefault("actor", {})
    facts: list[FactFromRecord] = []
    if record.role is not None:
        actor["role"] = record.role
        facts.append(FactFromRecord("actor.role", record.role, "your role in the directory"))
    if record.approvals_known:
        actor["approvals"] = list(record.approvals)
        source = "approvals on file" if record.approvals else "no approval on file"
        facts.append(FactFromRecord("actor.approvals", list(record.approvals), source))
    if record.relationship is not None:
        actor["relationship"] = record.relationship
        facts.append(
            FactFromRecord(
                "actor.relationship", record.relationship, "your relationship disclosure on file"
            )
        )
    counterparts = situation.get("counterparts") or []
    if record.counterpart_birth_date is not None and counterparts:
        under_13 = age_on(record.counterpart_birth_date, today) < 13
        counterparts[0]["age_under_13"] = under_13
        facts.append(
            FactFromRecord(
                "counterparts[0].age_under_13", under_13, "the student's birth date on file"
            )
        )
    facts.extend(_consent_facts(situation, record))
    return situation, facts


def _consent_facts(situation: dict[str, Any], record: RecordFacts) -> list[FactFromRecord]:
    """A post showing or naming the counterpart students, against their consents on file
    (the same ones the pre-publication check reads): an opt-out for the post's use (or of
    every use, or of photos when it shows them) sets ``media_permission_denied``; a release
    for that use for every one of them clears it. Nothing on file decides nothing: the
    answer still asks. A media release is not ``parental_permission``: that fact lifts the
    confidentiality of student records in some packs, which a photo release does not."""
    consents = record.counterpart_consents
    counterparts = situation.get("counterparts") or []
    if (
        consents is None
        or situation.get("action") != "post"
        or not counterparts
        or counterparts[0].get("role") != "student"
    ):
        return []
    content = situation.setdefault("content", {})
    medium = (situation.get("channel") or {}).get("medium")
    use = _USE_OF_MEDIUM.get(medium) if isinstance(medium, str) else None
    photo = content.get("student_images") is True
    on_file = [StudentConsent(c) for c in consents]
    if any(c.opted_out(use or "", photo=photo) for c in on_file):
        content["media_permission_denied"] = True
        return [FactFromRecord("content.media_permission_denied", True,
                               "an opt-out on file for this school year")]  # fmt: skip
    released = (
        use is not None
        and on_file
        and all("opt_in" in (c.decisions.get(use), c.decisions.get("all")) for c in on_file)
    )
    if not released:
        return []
    content["media_permission_denied"] = False
    what = (use or "").replace("_", " ")
    return [FactFromRecord("content.media_permission_denied", False,
                           f"a release for {what} on file for this school year")]  # fmt: skip


# -- the plain-words form -----------------------------------------------------------------

ACTIONS: dict[str, str] = {
    "message": "Send a message (e-mail, text, DM, LMS message, call)",
    "respond_to_contact": "Reply to someone who contacted me first",
    "friend_or_follow": "Friend, follow or connect with someone on social media",
    "post": "Post on a website or social media",
    "create_account": "Create a social media account or website",
    "use_logo": "Use the district's logo, mascot or marks",
    "personal_use": "Use technology for personal things (browsing, personal e-mail, social media)",
    "share_credentials": "Share a password or let someone use an account",
    "install_software": "Install or download software",
    "play_games": "Play games on district technology",
    "commercial_use": "Use district resources for a commercial purpose",
    "disable_filter": "Have the web filter disabled for research",
    "media_contact": "Talk with, or give access to, news media",
    "receive": "Deal with something I received (a threat, a security breach, signs of abuse)",
}
MEDIUMS: dict[str, str] = {
    "email": "E-mail",
    "text_message": "Text message",
    "instant_message": "Instant message / chat",
    "social_dm": "Social media direct message",
    "lms_message": "Learning platform (LMS) message",
    "notification_app": "Class notification app (e.g. Remind)",
    "phone": "Phone call",
    "social_post": "Social media post",
    "website": "Website",
    "comment_reply": "Comment or reply on a page",
}
COUNTERPART_ROLES: dict[str, str] = {
    "student": "Student(s)",
    "parent": "Parent(s) or guardian(s)",
    "employee": "Co-worker(s)",
    "administrator": "District administration (principal, superintendent, technology)",
    "community": "Community members",
    "media": "News media",
    "public": "The public",
}
CONTENT_FLAGS: dict[str, str] = {
    "student_images": "It shows students (photos or video)",
    "student_pii": "It names students or shows their work, grades or records",
    "public_extracurricular": "They are pictured at a public sports, theatre or music event",
    "media_permission_denied": "A pictured student's parent has opted out",
    "parental_permission": "Written parental permission is on file for the students shown or named",
    "coworker_images": "It shows co-workers",
    "coworker_consent": "The co-workers gave their consent",
    "district_logo": "It carries the district's logo, mascot or marks",
    "copyrighted_material": "It uses copyrighted material (music, video, text)",
    "speaks_for_district": "It refers to the district or could be read as the district's view",
    "visible_recipient_addresses": "Outside addresses are visible in To/Cc of a group e-mail",
    "inappropriate": "It is sexual, harassing, threatening or defamatory",
    "threatening": "It threatens someone",
    "student_records": "It carries something from a student's record (grades, IEP/504, "
    "discipline, health)",
    "coworker_consent_written": "The co-workers' consent is in writing",
    "security_breach": "It is evidence of a security breach",
    "suspected_abuse": "It shows signs of abuse or neglect",
}
COUNTERPART_FLAGS: dict[str, str] = {
    "age_under_13": "Any of them is under 13",
    "initiated_contact": "They contacted me first",
    "contact_inappropriate": "What they sent me was inappropriate",
    "own_child": "The student is my own child",
    "former_student": "The student has left the district (graduated or moved away)",
    "age_18_or_over": "The student is 18 or older",
}
_TRISTATE = {"yes": True, "no": False}


class FormProblem(ValueError):
    """A form value outside the allowed choices (a tampered or stale form)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def _choice(form: Mapping[str, str], name: str, allowed: Iterable[str]) -> str | None:
    value = (form.get(name) or "").strip()
    if not value or value == "unknown":
        return None
    if value not in set(allowed):
        raise FormProblem(name, f"{value!r} is not one of the choices")
    return value


def draft_from_form(form: Mapping[str, str], district: str) -> dict[str, Any]:
    """The situation a person described on the "May I?" form. A question left unanswered
    ("I don't know") stays unknown, so the answer says which facts it needed."""
    action = _choice(form, "action", ACTIONS)
    if action is None:
        raise FormProblem("action", "choose what you want to do")
    actor: dict[str, Any] = {}
    for name in ("on_duty", "duty_free"):
        value = _choice(form, name, _TRISTATE)
        if value is not None:
            actor[name] = _TRISTATE[value]
    relationship = _choice(form, "relationship", ("familial", "religious", "community", "none"))
    if relationship is not None:
        actor["relationship"] = relationship
    draft: dict[str, Any] = {"district": district, "action": action, "actor": actor}
    emergency = _choice(form, "emergency", _TRISTATE)
    if emergency is not None:
        draft["emergency"] = _TRISTATE[emergency]
    purpose = _choice(form, "purpose", ("district_business", "personal"))
    if purpose is not None:
        draft["purpose"] = purpose
    channel: dict[str, Any] = {}
    medium = _choice(form, "medium", MEDIUMS)
    if medium is not None:
        channel["medium"] = medium
    platform = (form.get("platform") or "").strip().lower()
    if platform:
        channel["platform"] = platform[:64]
    for name, allowed in (
        ("account", ("district", "personal")),
        ("device", ("district", "personal")),
        ("network", ("district", "other")),
    ):
        value = _choice(form, name, allowed)
        if value is not None:
            channel[name] = value
    for name in ("district_alternative", "disappearing"):
        answer = _choice(form, name, _TRISTATE)
        if answer is not None:
            channel[name] = _TRISTATE[answer]
    draft["channel"] = channel
    role = _choice(form, "counterpart_role", COUNTERPART_ROLES)
    if role is not None:
        counterpart: dict[str, Any] = {"role": role}
        count = (form.get("count") or "").strip()
        if count:
            if not count.isdigit() or int(count) < 1:
                raise FormProblem("count", "give how many people, a whole number of 1 or more")
            counterpart["count"] = int(count)
        their_account = _choice(form, "counterpart_account", ("district", "personal"))
        if their_account is not None:
            counterpart["account"] = their_account
        attempts = (form.get("contact_attempts") or "").strip()
        if attempts:
            if not attempts.isdigit():
                raise FormProblem("contact_attempts", "give a whole number")
            counterpart["contact_attempts"] = int(attempts)
        for name in COUNTERPART_FLAGS:
            counterpart[name] = form.get(name) == "on"
        if counterpart["age_under_13"] and counterpart["age_18_or_over"]:
            raise FormProblem("age_18_or_over", "a student cannot be both under 13 and 18 or older")
        draft["counterparts"] = [counterpart]
    else:
        draft["counterparts"] = []
    content = {name: form.get(name) == "on" for name in CONTENT_FLAGS}
    for umbrella, details in UMBRELLAS.items():  # a ticked detail ticks what it is part of
        if umbrella in content and any(content.get(d) for d in details):
            content[umbrella] = True
    draft["content"] = content
    return draft
