"""The situation: what an employee wants to do, in the fields of the public contract.

A field that is absent is *unknown* (``None``); rules that need it report it in
``needs_facts`` instead of guessing. Unknown fields are an error, so a typo cannot
silently change a verdict.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ActorRole = Literal["teacher", "coach", "administrator", "staff", "volunteer", "superintendent"]
Relationship = Literal["familial", "religious", "community", "none"]
Action = Literal[
    "message",
    "friend_or_follow",
    "post",
    "create_account",
    "use_logo",
    "personal_use",
    "share_credentials",
    "install_software",
    "play_games",
    "commercial_use",
    "respond_to_contact",
    "disable_filter",
    "media_contact",
]
Purpose = Literal["district_business", "personal"]
Medium = Literal[
    "email",
    "text_message",
    "instant_message",
    "social_dm",
    "lms_message",
    "notification_app",
    "phone",
    "social_post",
    "website",
    "comment_reply",
]
Ownership = Literal["district", "personal"]
Network = Literal["district", "other"]
CounterpartRole = Literal[
    "student", "parent", "employee", "administrator", "community", "media", "public"
]

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Actor(BaseModel):
    model_config = _STRICT

    role: ActorRole | None = None
    on_duty: bool | None = None
    duty_free: bool | None = None
    approvals: tuple[str, ...] | None = None
    relationship: Relationship | None = None


class Channel(BaseModel):
    model_config = _STRICT

    medium: Medium | None = None
    platform: str | None = None
    account: Ownership | None = None
    device: Ownership | None = None
    network: Network | None = None
    district_alternative: bool | None = None

    @field_validator("platform")
    @classmethod
    def _lower_platform(cls, value: str | None) -> str | None:
        return value.strip().lower() if value is not None else None


class Counterpart(BaseModel):
    model_config = _STRICT

    role: CounterpartRole | None = None
    count: int | None = Field(default=None, ge=1)
    account: Ownership | None = None
    age_under_13: bool | None = None
    initiated_contact: bool | None = None
    contact_attempts: int | None = Field(default=None, ge=0)
    contact_inappropriate: bool | None = None


class Content(BaseModel):
    model_config = _STRICT

    student_pii: bool | None = None
    student_images: bool | None = None
    coworker_images: bool | None = None
    coworker_consent: bool | None = None
    district_logo: bool | None = None
    copyrighted_material: bool | None = None
    public_extracurricular: bool | None = None
    media_permission_denied: bool | None = None
    parental_permission: bool | None = None
    speaks_for_district: bool | None = None
    visible_recipient_addresses: bool | None = None
    inappropriate: bool | None = None


class Situation(BaseModel):
    model_config = _STRICT

    district: str
    action: Action
    actor: Actor = Actor()
    purpose: Purpose | None = None
    channel: Channel = Channel()
    counterparts: tuple[Counterpart, ...] | None = None
    content: Content = Content()

    def flatten(self) -> FlatSituation:
        """The situation as the engine reads it: dotted paths to known values."""
        flat: dict[str, Any] = {"district": self.district, "action": self.action}
        if self.purpose is not None:
            flat["purpose"] = self.purpose
        for prefix, part in (
            ("actor", self.actor),
            ("channel", self.channel),
            ("content", self.content),
        ):
            for name, value in part:
                if value is not None:
                    flat[f"{prefix}.{name}"] = value
        if self.counterparts is not None:
            flat["counterparts"] = tuple(
                {name: value for name, value in cp if value is not None} for cp in self.counterparts
            )
        return flat


FlatSituation = dict[str, Any]


def _scalar_fields() -> dict[str, Any]:
    """Every condition-addressable field path with its annotation."""
    fields: dict[str, Any] = {
        "district": str,
        "action": Action,
        "purpose": Purpose,
    }
    for prefix, model in (("actor", Actor), ("channel", Channel), ("content", Content)):
        for name, info in model.model_fields.items():
            fields[f"{prefix}.{name}"] = info.annotation
    return fields


SITUATION_FIELDS: dict[str, Any] = _scalar_fields()
COUNTERPART_FIELDS: dict[str, Any] = {
    name: info.annotation for name, info in Counterpart.model_fields.items()
}
