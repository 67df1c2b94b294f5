"""Reports and cases, decided purely: routing, deadlines, escalation, contact counting,
attachment checks and the mandated reporter's duty. Values in, values out; the clock is
passed in.

Deadlines (the time a handler has to acknowledge a case):

- the pack's ``within_hours`` when it is above 0;
- ``within_hours: 0`` or wording with "immediately": **1 hour**;
- wording with "next school day": **24 hours**;
- anything else ("not stated", "before responding"): **72 hours** (Lanyard's default, so
  that no report waits unseen).

An overdue case escalates one step of the ladder and gets a fresh deadline of the same
length. The ladder goes up from the roles the report is routed to: the supervisor, then
the building's administration, then the superintendent (or designee); a report routed to
a district-level role (technology administrator, complaint manager, ...) escalates
straight to the superintendent. Only roles the pack has are used.

Repeated contact: a report type of the pack with a ``threshold`` and "contact" in its id
is the one a contact attempt counts towards; the case opens when the employee's count of
attempts by one student *reaches* the threshold (``threshold: 2`` = at the second attempt,
``threshold: 1`` = at once).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from lanyard.policy.pack import PackDocument, ReportType

IMMEDIATELY = dt.timedelta(hours=1)
NEXT_SCHOOL_DAY = dt.timedelta(hours=24)
NOT_STATED = dt.timedelta(hours=72)

# Outside agencies Lanyard cannot route a case to: the employee contacts them directly.
OUTSIDE = frozenset({"mandated_reporting_agency", "law_enforcement"})

# Escalation ladder, lowest first; each step lists interchangeable roles (first in the pack
# wins).
LADDER: tuple[tuple[str, ...], ...] = (
    ("supervisor",),
    ("building_principal", "building_administration"),
    ("superintendent_or_designee", "superintendent"),
)
_DISTRICT_STEP = 1  # a routed role outside the ladder ranks just below the superintendent

# How the contact came in (the "via ..." of "a student contacted me via ...").
CHANNELS: dict[str, str] = {
    "text_message": "Text message",
    "phone": "Phone call",
    "social_dm": "Social media direct message",
    "social_friend_request": "Social media friend or follow request",
    "social_post": "Social media post or comment",
    "personal_email": "Personal e-mail",
    "other": "Other",
}


class CaseState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    CLOSED = "closed"


class CaseProblem(ValueError):
    """A bad input to a case use case, naming the field; nothing was changed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# -- report types -----------------------------------------------------------------------


def report_type(pack: PackDocument, report_type_id: str) -> ReportType:
    for report in pack.reports:
        if report.id == report_type_id:
            return report
    if report_type_id == THREATENING_COMMENT and threat_report(pack) is None:
        return builtin_threat_report(pack)
    if report_type_id == DEFAMATORY_COMMENT and defamation_report(pack) is None:
        return builtin_defamation_report(pack)
    if report_type_id == MESSAGE_FINDING:
        return builtin_message_finding_report(pack)
    raise CaseProblem("report_type", f"{report_type_id!r} is not a report type of {pack.id}")


# Every threat opens a case, in every pack (issue 9). A pack with a report type for threats
# ("threat" in its id) routes it to the roles it names; for a pack without one Lanyard
# defines this one: the building administration (with the district's safety contact, a
# setting, named on the case), within the hour. It is never filed from the reports page.
THREATENING_COMMENT = "threatening-comment"
BUILDING_ADMINISTRATION = ("building_principal", "building_administration")


def threat_report(pack: PackDocument) -> ReportType | None:
    """The pack's own report type for threats, if it has one."""
    return next((r for r in pack.reports if "threat" in r.id), None)


def is_builtin(pack: PackDocument, report: ReportType) -> bool:
    builtin = (THREATENING_COMMENT, DEFAMATORY_COMMENT, MESSAGE_FINDING)
    return report.id in builtin and report not in pack.reports


# A comment that may be defamatory is reported to district administration before it may be
# removed. A pack with a report type for it ("defam" in its id) routes it; for a pack
# without one Lanyard defines this one, for the district administration roles the pack has.
DEFAMATORY_COMMENT = "defamatory-comment"
DISTRICT_ADMINISTRATION = (
    "district_administration",
    "district_administrator",
    "superintendent_or_designee",
    "superintendent",
)


def defamation_report(pack: PackDocument) -> ReportType | None:
    return next((r for r in pack.reports if "defam" in r.id), None)


def builtin_defamation_report(pack: PackDocument) -> ReportType:
    criterion = next((c for c in pack.deletion_criteria if c.category == "defamation"), None)
    pack_roles = {r.id for r in pack.roles}
    held = tuple(r for r in DISTRICT_ADMINISTRATION if r in pack_roles)
    return ReportType(
        id=DEFAMATORY_COMMENT,
        title="A possibly defamatory comment on a district account",
        what=(
            "A comment on one of the district's official accounts may be defamatory. "
            "Lanyard reports it to district administration, and archives it, before it "
            "can be removed."
        ),
        to=held[:1] or DISTRICT_ADMINISTRATION[:1],
        within="immediately",
        within_hours=0,
        clause=criterion.clause if criterion else "Lanyard: report before removal",
        quote=criterion.quote
        if criterion
        else "A possibly defamatory comment is reported to district administration "
        "before it is removed.",
    )


def builtin_threat_report(pack: PackDocument) -> ReportType:
    """Lanyard's report type for a threatening comment in a pack that names nobody to tell.
    Its words are the pack's threat criterion where it has one (they are quoted verbatim),
    else Lanyard's own (the case page says so)."""
    criterion = next((c for c in pack.deletion_criteria if c.category == "threat"), None)
    pack_roles = {r.id for r in pack.roles}
    roles = tuple(r for r in BUILDING_ADMINISTRATION if r in pack_roles) or BUILDING_ADMINISTRATION
    return ReportType(
        id=THREATENING_COMMENT,
        title="A threatening comment on a district account",
        what=(
            "A comment on one of the district's official accounts was found threatening. "
            f"{pack.district}'s policy names nobody to report a threat to, so Lanyard routes "
            "it to the building administration and the district's safety contact (the Lanyard "
            "administrators when no safety contact is set)."
        ),
        to=roles,
        within="immediately",
        within_hours=0,
        clause=criterion.clause if criterion else "Lanyard: every threat escalates",
        quote=criterion.quote
        if criterion
        else "A threat of violence opens a case for the building administration and the "
        "district's safety contact at once.",
    )


# A communication-audit finding a reviewer opens a case for (issue 12): no pack names a
# report type for it, so Lanyard defines one, routed to the building administration the
# pack has, to be acknowledged within Lanyard's default window.
MESSAGE_FINDING = "message-finding"


def builtin_message_finding_report(pack: PackDocument) -> ReportType:
    pack_roles = {r.id for r in pack.roles}
    roles = tuple(r for r in BUILDING_ADMINISTRATION if r in pack_roles) or BUILDING_ADMINISTRATION
    return ReportType(
        id=MESSAGE_FINDING,
        title="A message an employee sent, found by the communication audit",
        what=(
            "The communication audit found a message an employee sent that the district's "
            "policy forbids or asks to review; a reviewer opened this case from the finding."
        ),
        to=roles[:1],
        within="not stated",
        clause="Lanyard: communication audit",
        quote="A finding the reviewer cannot dismiss becomes a case for the building "
        "administration.",
    )


MANDATED_REFUSAL = (
    "suspected abuse or neglect is reported by you to the state hotline, not in Lanyard"
)


def is_mandated(report: ReportType) -> bool:
    """A report only the employee makes, to an outside agency (suspected abuse or neglect)."""
    return "mandated_reporting_agency" in report.to


def fileable(pack: PackDocument) -> tuple[ReportType, ...]:
    """The report types an employee files in Lanyard (mandated reports are not among them)."""
    return tuple(r for r in pack.reports if not is_mandated(r) and routed_roles(r))


def routed_roles(report: ReportType) -> tuple[str, ...]:
    """The district roles a report goes to (outside agencies left out)."""
    return tuple(role for role in report.to if role not in OUTSIDE)


def outside_contacts(report: ReportType) -> tuple[str, ...]:
    return tuple(role for role in report.to if role in OUTSIDE)


# -- deadlines and escalation ---------------------------------------------------------------


def ack_window(report: ReportType) -> dt.timedelta:
    """How long the handlers have to acknowledge (see the module docstring)."""
    if report.within_hours is not None and report.within_hours > 0:
        return dt.timedelta(hours=report.within_hours)
    wording = report.within.lower()
    if report.within_hours == 0 or "immediately" in wording:
        return IMMEDIATELY
    if "next school day" in wording:
        return NEXT_SCHOOL_DAY
    return NOT_STATED


def ack_due(report: ReportType, opened_at: dt.datetime) -> dt.datetime:
    return opened_at + ack_window(report)


def _rank(role: str) -> int:
    for index, step in enumerate(LADDER):
        if role in step:
            return index
    return _DISTRICT_STEP


def escalation_ladder(pack_roles: Iterable[str], routed: Sequence[str]) -> tuple[str, ...]:
    """The roles an overdue case goes to, one per step, above the routed roles."""
    available = set(pack_roles)
    top = max((_rank(role) for role in routed), default=-1)
    ladder: list[str] = []
    for step in LADDER[top + 1 :]:
        for role in step:
            if role in available and role not in routed:
                ladder.append(role)
                break
    return tuple(ladder)


@dataclass(frozen=True)
class Escalation:
    level: int
    role: str
    ack_due_at: dt.datetime


def next_escalation(
    *,
    state: str,
    ack_due_at: dt.datetime,
    level: int,
    ladder: Sequence[str],
    window: dt.timedelta,
    now: dt.datetime,
) -> Escalation | None:
    """The next step for an unacknowledged case past its deadline, or None."""
    if state != CaseState.OPEN or now < ack_due_at or level >= len(ladder):
        return None
    return Escalation(level + 1, ladder[level], now + window)


def overdue(*, state: str, ack_due_at: dt.datetime, now: dt.datetime) -> bool:
    return state == CaseState.OPEN and now >= ack_due_at


# -- repeated contact -----------------------------------------------------------------------


def contact_report_type(pack: PackDocument) -> ReportType | None:
    """The pack's report type that contact attempts count towards (the highest threshold
    among the contact report types that have one), or None."""
    candidates = [
        r
        for r in pack.reports
        if r.threshold is not None and "contact" in r.id and not is_mandated(r)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda r: (r.threshold or 0, r.id))


def threshold_reached(count: int, threshold: int | None) -> bool:
    return threshold is not None and count >= threshold


def channel(value: str) -> str:
    value = value.strip()
    if value not in CHANNELS:
        raise CaseProblem("channel", "choose how the student contacted you from the list")
    return value


# -- text -----------------------------------------------------------------------------------

MAX_SUMMARY = 4000


def text(field: str, value: str | None, *, required: bool = True, limit: int = MAX_SUMMARY) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise CaseProblem(field, "this is required")
    if len(cleaned) > limit:
        raise CaseProblem(field, f"keep it under {limit} characters")
    return cleaned


# -- attachments ----------------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES: dict[str, str] = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "image/gif": "GIF image",
    "text/plain": "plain text",
}
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
}


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    size: int
    sha256: str


def check_attachment(
    filename: str, content_type: str, data: bytes, *, limit: int = MAX_ATTACHMENT_BYTES
) -> CheckedFile:
    """Refuse an empty, oversized or disallowed file, and one whose bytes are not what its
    type says (a renamed executable is not a PDF)."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '"<>|:*?')[:200]
    if not name:
        raise CaseProblem("file", "choose a file to attach")
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind not in ALLOWED_TYPES:
        allowed = ", ".join(ALLOWED_TYPES.values())
        raise CaseProblem("file", f"this type of file cannot be attached (allowed: {allowed})")
    if not data:
        raise CaseProblem("file", "the file is empty")
    if len(data) > limit:
        raise CaseProblem("file", f"the file is larger than {limit // (1024 * 1024)} MB")
    if kind == "text/plain":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise CaseProblem("file", "the file is not plain text") from None
    elif not data.startswith(_MAGIC[kind]):
        raise CaseProblem("file", f"the file is not a {ALLOWED_TYPES[kind]}")
    return CheckedFile(name, kind, len(data), hashlib.sha256(data).hexdigest())


# -- the mandated reporter's duty -----------------------------------------------------------


@dataclass(frozen=True)
class Hotline:
    name: str
    phone: str | None
    instructions: str


HOTLINES: dict[str, Hotline] = {
    "IL": Hotline(
        "Illinois DCFS Child Abuse Hotline",
        "1-800-252-2873",
        "Call the DCFS hotline yourself (1-800-25-ABUSE, open 24 hours). If a child is in "
        "immediate danger, call 911 first.",
    ),
    "MN": Hotline(
        "Your county's child protection agency",
        None,
        "Call the county child protection (social services) agency or local law enforcement "
        "yourself, within 24 hours at most. If a child is in immediate danger, call 911.",
    ),
}
_UNKNOWN_STATE = Hotline(
    "Your state's child abuse hotline",
    None,
    "Call your state's child abuse hotline yourself. If a child is in immediate danger, call 911.",
)


@dataclass(frozen=True)
class MandatedDuty:
    state: str
    hotline: Hotline
    clause: str | None
    quote: str | None
    what: str | None


def mandated_duty(pack: PackDocument) -> MandatedDuty:
    """The duty in the pack's own words where it has them, and the state's hotline."""
    report = next((r for r in pack.reports if is_mandated(r)), None)
    return MandatedDuty(
        state=pack.state,
        hotline=HOTLINES.get(pack.state, _UNKNOWN_STATE),
        clause=report.clause if report else None,
        quote=report.quote if report else None,
        what=report.what if report else None,
    )
