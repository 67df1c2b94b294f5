"""Policy packs: one district's policy as validated data.

Every model forbids unknown keys so that a typo in a pack is an error, not a rule
that silently never fires. Conditions are compiled when the pack loads.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from lanyard.policy.decision import Verdict

_STRICT = ConfigDict(extra="forbid", frozen=True)
_SNAKE = r"^[a-z][a-z0-9_]*$"
_KEBAB = r"^[a-z0-9][a-z0-9-]*$"
_NOT_ROLE = "is not a role of the pack"
_NOT_FORM = "is not a form of the pack"

ObligationKind = Literal[
    "report",
    "notify",
    "document",
    "disclaim",
    "use_bcc",
    "discourage",
    "redirect",
    "retain",
    "include",
    "verify",
    "monitor",
]
DEADLINE = r"^(immediately|same_day|next_school_day|P(\d+[YMWD])+(T(\d+[HMS])+)?|PT(\d+[HMS])+)$"
ModerationCategory = Literal[
    "vulgar_language",
    "personal_attack",
    "discrimination",
    "spam_or_commercial_link",
    "off_topic",
    "illegal_activity",
    "marketing",
    "copyright",
    "confidential_information",
    "safety",
    "threat",
    "defamation",
]


class Quoted(BaseModel):
    """Anything that cites the policy: the clause as the document names it and its words."""

    model_config = _STRICT

    clause: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class PolicyMeta(BaseModel):
    model_config = _STRICT

    number: str
    title: str
    adopted: dt.date | None = None
    revised: tuple[dt.date, ...] = ()
    source: str = Field(description="File name of the source document the quotes come from.")


Capability = Literal[
    "read_directory",
    "moderate",
    "manage_accounts",
    "reveal_credentials",
    "import_directory",
    "read_audit",
    "manage_roles",
    "review_messages",
    "record_consents",
]
"""What a role may do in Lanyard (see docs/roles.md); permission checks go by capability."""
CAPABILITIES: tuple[str, ...] = Capability.__args__  # type: ignore[attr-defined]


class Role(BaseModel):
    model_config = _STRICT

    id: str = Field(pattern=_SNAKE)
    name: str
    duties: tuple[str, ...] = ()
    capabilities: tuple[Capability, ...] = Field(
        default=(), description="What the role's holders may do in Lanyard."
    )
    scope: Literal["building", "district"] = Field(
        default="district",
        description="building: the role is held for a building and its capabilities reach "
        "that building only; district: the whole district.",
    )


class Channel(Quoted):
    """A communication channel or platform the policy approves (or names and forbids)."""

    id: str = Field(pattern=_KEBAB)
    name: str
    medium: str | None = None
    approved: bool = True
    audience: tuple[str, ...] = ()


class FormField(BaseModel):
    model_config = _STRICT

    id: str = Field(pattern=_SNAKE)
    label: str
    type: Literal["text", "long_text", "choice", "date", "url", "people", "yes_no"] = "text"
    required: bool = True
    choices: tuple[str, ...] = ()


class FollowUp(BaseModel):
    model_config = _STRICT

    do: ObligationKind
    to: str = Field(pattern=_SNAKE)
    what: str


class Form(Quoted):
    id: str = Field(pattern=_KEBAB)
    title: str
    approver: str = Field(pattern=_SNAKE)
    fields: tuple[FormField, ...] = ()
    follow_up: tuple[FollowUp, ...] = ()
    written: bool = True
    anonymous_allowed: bool = False
    expires: Literal["yearly", "never", "per_event"] = "yearly"


class ReportType(Quoted):
    id: str = Field(pattern=_KEBAB)
    title: str
    what: str
    to: tuple[str, ...] = Field(min_length=1)
    within: str = Field(description="How fast, in the policy's words or ours: immediately, ...")
    within_hours: int | None = Field(default=None, ge=0)
    threshold: int | None = Field(default=None, ge=1, description="Occurrences before it is due.")

    @field_validator("to")
    @classmethod
    def _snake_roles(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for role in value:
            if not re.match(_SNAKE, role):
                raise ValueError(f"role id {role!r} is not lower_snake_case")
        return value


class DeletionCriterion(Quoted):
    category: ModerationCategory
    action: Literal["remove", "review", "escalate"] = "remove"


class ApprovalSpec(BaseModel):
    model_config = _STRICT

    by: str = Field(pattern=_SNAKE)
    any_of: tuple[str, ...] = Field(
        default=(),
        description="Every role the text lets approve, by first; empty when only by may.",
    )
    form: str | None = Field(default=None, pattern=_KEBAB)
    written: bool = True

    @model_validator(mode="after")
    def _by_first(self) -> ApprovalSpec:
        if self.any_of and self.any_of[0] != self.by:
            raise ValueError("any_of lists every role that may approve, starting with by")
        return self


class ObligationSpec(BaseModel):
    model_config = _STRICT

    do: ObligationKind
    to: str | None = Field(default=None, pattern=_SNAKE)
    when: str | None = None
    strength: Literal["must", "should"] = "must"
    deadline: str | None = Field(
        default=None,
        pattern=DEADLINE,
        description="immediately, same_day, next_school_day or an ISO 8601 duration (P5D).",
    )
    what: str | None = Field(
        default=None, description="For include, retain and verify: the thing itself."
    )


class OnceApproved(BaseModel):
    """What a needs_approval rule says once its form is approved and on file."""

    model_config = _STRICT

    verdict: Literal["allowed", "allowed_with_obligations"] = "allowed"
    obligations: tuple[ObligationSpec, ...] = ()


class Rule(Quoted):
    id: str = Field(pattern=_KEBAB)
    when: dict[str, Any]
    unless: dict[str, Any] | None = Field(
        default=None,
        description="An exception: the rule does not apply when this holds. If it is unknown, "
        "the rule applies and the facts that could lift it are listed in needs_facts.",
    )
    verdict: Verdict
    approval: ApprovalSpec | None = None
    once_approved: OnceApproved | None = None
    obligations: tuple[ObligationSpec, ...] = ()
    note: str | None = Field(default=None, description="Plain-words explanation for the employee.")

    @model_validator(mode="after")
    def _approval_matches_verdict(self) -> Rule:
        if self.verdict is Verdict.NEEDS_APPROVAL and self.approval is None:
            raise ValueError("a needs_approval rule names its approval (by, form)")
        if self.verdict is not Verdict.NEEDS_APPROVAL and (self.approval or self.once_approved):
            raise ValueError("approval and once_approved belong to needs_approval rules only")
        if self.verdict is Verdict.ALLOWED_WITH_OBLIGATIONS and not self.obligations:
            raise ValueError("an allowed_with_obligations rule lists its obligations")
        return self


class ReadingNote(Quoted):
    """A judgment call in reading the policy, with the sentence that decides it."""

    topic: str = Field(min_length=3)
    reading: str = Field(min_length=3, description="How the pack reads it, and why.")
    rules: tuple[str, ...] = Field(default=(), description="The rules that follow this reading.")


class PackDocument(BaseModel):
    """The YAML file as written by a pack author."""

    model_config = _STRICT

    id: str = Field(pattern=_KEBAB)
    version: str
    district: str
    state: str = Field(pattern=r"^[A-Z]{2}$")
    policy: PolicyMeta
    roles: tuple[Role, ...] = ()
    channels: tuple[Channel, ...] = ()
    forms: tuple[Form, ...] = ()
    reports: tuple[ReportType, ...] = ()
    deletion_criteria: tuple[DeletionCriterion, ...] = ()
    rules: tuple[Rule, ...] = Field(min_length=1)
    notes: tuple[ReadingNote, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> PackDocument:
        roles = {r.id for r in self.roles}
        forms = {f.id for f in self.forms}
        seen: set[str] = set()
        rule_ids = {r.id for r in self.rules}
        for note in self.notes:
            for rule_id in note.rules:
                if rule_id not in rule_ids:
                    raise ValueError(f"note {note.topic!r}: {rule_id!r} is not a rule of the pack")
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule {rule.id}: the id is used twice")
            seen.add(rule.id)
            if rule.approval is not None:
                for by in (rule.approval.by, *rule.approval.any_of):
                    if by not in roles:
                        raise ValueError(f"rule {rule.id}: approval.by {by!r} {_NOT_ROLE}")
                if rule.approval.form is not None and rule.approval.form not in forms:
                    raise ValueError(
                        f"rule {rule.id}: approval.form {rule.approval.form!r} {_NOT_FORM}"
                    )
            for ob in rule.obligations + (
                rule.once_approved.obligations if rule.once_approved else ()
            ):
                if ob.to is not None and ob.to not in roles:
                    raise ValueError(
                        f"rule {rule.id}: obligation to {ob.to!r} is not a role of the pack"
                    )
        for form in self.forms:
            if form.approver not in roles:
                raise ValueError(
                    f"form {form.id}: approver {form.approver!r} is not a role of the pack"
                )
        for report in self.reports:
            for role in report.to:
                if role not in roles:
                    raise ValueError(f"report {report.id}: {role!r} is not a role of the pack")
        return self
