"""Requests and approvals, decided purely: the state machine, field validation against the
pack's form, and when an approval expires. No database, no web; the clock is passed in.

States::

    draft --submit--> submitted --approve--> approved --expire--> expired
      |                  |  \\--deny--> denied
      |                  \\--return--> returned --resubmit--> submitted
      \\--withdraw--> withdrawn   (from draft, submitted, returned and approved)

Expiry (``Form.expires``):

- ``yearly``: the approval holds for one year: it expires at the same moment on the same
  calendar day a year after it was granted (February 29 becomes February 28). We do not
  cut it at the end of the school year: none of the five policies names a school-year
  cycle, and a teacher approved in May should not lose the approval in June.
- ``never``: no expiry date.
- ``per_event``: no calendar term; it covers the event the request describes. The approver
  may set an end date for any approval (e.g. the day after the event); it must be later
  than the moment of approval and, for a yearly form, no later than the yearly term.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from lanyard.policy.pack import Form, FormField

REMIND_BEFORE = dt.timedelta(days=30)
MAX_VALUE_LENGTH = 5000
MAX_TEXT_LENGTH = 2000


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    DENIED = "denied"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.DRAFT: "Draft (not sent)",
    State.SUBMITTED: "Waiting for a decision",
    State.APPROVED: "Approved",
    State.DENIED: "Denied",
    State.RETURNED: "Returned for changes",
    State.WITHDRAWN: "Withdrawn",
    State.EXPIRED: "Expired",
}


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    APPROVE = "approve"
    DENY = "deny"
    RETURN = "return"
    RESUBMIT = "resubmit"
    WITHDRAW = "withdraw"
    EXPIRE = "expire"
    FOLLOW_UP = "follow_up"


# The order a request's steps take when two carry the same time (one form both started
# and sent it): a history reads by time, then in this order, then as stored.
LIFECYCLE: tuple[str, ...] = (
    "create",
    Action.EDIT,
    Action.SUBMIT,
    Action.RETURN,
    Action.RESUBMIT,
    Action.APPROVE,
    Action.DENY,
    Action.WITHDRAW,
    Action.FOLLOW_UP,
    Action.EXPIRE,
)


def lifecycle_rank(action: str) -> int:
    """Where ``action`` falls in :data:`LIFECYCLE` (an unknown one last)."""
    try:
        return LIFECYCLE.index(action)
    except ValueError:
        return len(LIFECYCLE)


TRANSITIONS: Mapping[tuple[State, Action], State] = {
    (State.DRAFT, Action.EDIT): State.DRAFT,
    (State.DRAFT, Action.SUBMIT): State.SUBMITTED,
    (State.DRAFT, Action.WITHDRAW): State.WITHDRAWN,
    (State.SUBMITTED, Action.APPROVE): State.APPROVED,
    (State.SUBMITTED, Action.DENY): State.DENIED,
    (State.SUBMITTED, Action.RETURN): State.RETURNED,
    (State.SUBMITTED, Action.WITHDRAW): State.WITHDRAWN,
    (State.RETURNED, Action.EDIT): State.RETURNED,
    (State.RETURNED, Action.RESUBMIT): State.SUBMITTED,
    (State.RETURNED, Action.WITHDRAW): State.WITHDRAWN,
    (State.APPROVED, Action.EXPIRE): State.EXPIRED,
    (State.APPROVED, Action.WITHDRAW): State.WITHDRAWN,
    (State.APPROVED, Action.FOLLOW_UP): State.APPROVED,
}

_WHY_NOT: Mapping[State, str] = {
    State.DRAFT: "the request is still a draft: it has not been submitted",
    State.SUBMITTED: "the request is waiting for a decision",
    State.APPROVED: "the request is already approved",
    State.DENIED: "the request was denied; file a new request",
    State.RETURNED: "the request was returned for changes; the requester resubmits it",
    State.WITHDRAWN: "the request was withdrawn",
    State.EXPIRED: "the approval has expired; file a new request",
}

_VERB: Mapping[Action, str] = {
    Action.EDIT: "change",
    Action.SUBMIT: "submit",
    Action.APPROVE: "approve",
    Action.DENY: "deny",
    Action.RETURN: "return",
    Action.RESUBMIT: "resubmit",
    Action.WITHDRAW: "withdraw",
    Action.EXPIRE: "expire",
    Action.FOLLOW_UP: "record the follow-up of",
}


class TransitionRefused(ValueError):
    """An action the request's state does not allow; the message says why."""

    def __init__(self, state: State, action: Action) -> None:
        super().__init__(f"You cannot {_VERB[action]} this request: {_WHY_NOT[state]}.")
        self.state, self.action = state, action


def next_state(state: State, action: Action) -> State:
    """The state after ``action``, or :class:`TransitionRefused` with the reason."""
    try:
        return TRANSITIONS[(state, action)]
    except KeyError:
        raise TransitionRefused(state, action) from None


def allowed_actions(state: State) -> frozenset[Action]:
    return frozenset(action for (s, action) in TRANSITIONS if s is state)


# ---------------------------------------------------------------------------- fields


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class FieldsInvalid(ValueError):
    """The values do not fit the form; every problem names its field."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)

    def by_field(self) -> dict[str, str]:
        return {p.field: p.message for p in self.problems}


_YES_NO = {"yes": "yes", "no": "no", "true": "yes", "false": "no", "on": "yes"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _clean(field: FormField, raw: object) -> tuple[str | None, str | None]:
    """(cleaned value or None when empty, problem or None)."""
    if raw is None:
        return None, None
    if isinstance(raw, bool):
        raw = "yes" if raw else "no"
    if not isinstance(raw, str):
        return None, "must be text"
    value = raw.strip().replace("\r\n", "\n")
    if not value:
        return None, None
    limit = MAX_VALUE_LENGTH if field.type == "long_text" else MAX_TEXT_LENGTH
    if len(value) > limit:
        return None, f"is too long (at most {limit} characters)"
    if field.type != "long_text" and "\n" in value:
        return None, "must be one line"
    if field.type == "choice" or field.choices:
        if value not in field.choices:
            return None, "choose one of: " + ", ".join(field.choices)
    elif field.type == "yes_no":
        if value.lower() not in _YES_NO:
            return None, "answer yes or no"
        value = _YES_NO[value.lower()]
    elif field.type == "date":
        if not _DATE.match(value):
            return None, "give a date as YYYY-MM-DD"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None, "is not a real date"
    elif field.type == "url":
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.netloc or " " in value:
            return None, "give a web address starting with https://"
    return value, None


def clean_values(form: Form, values: Mapping[str, object], *, complete: bool) -> dict[str, str]:
    """The values checked against the pack's form: unknown fields (a tampered form), values
    outside a field's choices or of the wrong shape are refused; with ``complete`` (to
    submit) every required field must be filled. Empty optional values are dropped."""
    known = {f.id: f for f in form.fields}
    problems = [
        FieldProblem(name, "is not a field of this form") for name in values if name not in known
    ]
    cleaned: dict[str, str] = {}
    for field in form.fields:
        value, problem = _clean(field, values.get(field.id))
        if problem:
            problems.append(FieldProblem(field.id, problem))
        elif value is not None:
            cleaned[field.id] = value
        elif complete and field.required:
            problems.append(FieldProblem(field.id, "is required"))
    if problems:
        raise FieldsInvalid(problems)
    return cleaned


def clean_text(name: str, value: str | None, *, required: bool, limit: int = 2000) -> str | None:
    """A free-text input of a decision (reason, conditions, follow-up note)."""
    text = (value or "").strip()
    if not text:
        if required:
            raise FieldsInvalid([FieldProblem(name, "is required")])
        return None
    if len(text) > limit:
        raise FieldsInvalid([FieldProblem(name, f"is too long (at most {limit} characters)")])
    return text


# ---------------------------------------------------------------------------- expiry


def one_year_after(moment: dt.datetime) -> dt.datetime:
    try:
        return moment.replace(year=moment.year + 1)
    except ValueError:  # February 29
        return moment.replace(year=moment.year + 1, day=28)


def default_expiry(form: Form, approved_at: dt.datetime) -> dt.datetime | None:
    if form.expires == "yearly":
        return one_year_after(approved_at)
    return None


def approval_expiry(
    form: Form, approved_at: dt.datetime, valid_until: dt.date | None
) -> dt.datetime | None:
    """When the approval ends: the pack's cycle, or the approver's earlier end date (the end
    of that day, UTC)."""
    term = default_expiry(form, approved_at)
    if valid_until is None:
        return term
    end = dt.datetime.combine(valid_until, dt.time(23, 59, 59), tzinfo=dt.UTC)
    if end <= approved_at:
        raise FieldsInvalid([FieldProblem("valid_until", "must be a later day than today")])
    if term is not None and end > term:
        raise FieldsInvalid(
            [FieldProblem("valid_until", f"must be no later than {term:%Y-%m-%d} (one year)")]
        )
    return end


def expiry_words(form: Form) -> str:
    return {
        "yearly": "for one year from approval",
        "never": "until withdrawn",
        "per_event": "for the event it describes",
    }[form.expires]


def reminder_due(expires_at: dt.datetime | None, now: dt.datetime) -> bool:
    return expires_at is not None and now < expires_at <= now + REMIND_BEFORE


# ---------------------------------------------------------------------------- follow-up


@dataclass(frozen=True)
class FollowUpDuty:
    do: str
    to: str
    to_name: str
    what: str


def follow_up_duties(form: Form, role_names: Mapping[str, str]) -> tuple[FollowUpDuty, ...]:
    """What the requester must do once approved, in the pack's words."""
    return tuple(
        FollowUpDuty(f.do, f.to, role_names.get(f.to, f.to.replace("_", " ")), f.what)
        for f in form.follow_up
    )


def follow_up_roles(form: Form) -> tuple[str, ...]:
    """The roles the requester's follow-up goes to (notify/report/document duties)."""
    return tuple(dict.fromkeys(f.to for f in form.follow_up))
