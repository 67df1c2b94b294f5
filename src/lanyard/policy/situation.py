"""The situation: what an employee wants to do, in the fields of the public contract.

A field that is absent is *unknown* (``None``); rules that need it report it in
``needs_facts`` instead of guessing. Unknown fields are an error, so a typo cannot
silently change a verdict.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ActorRole = Literal[
    "teacher", "coach", "administrator", "staff", "volunteer", "superintendent", "student_teacher"
]
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
    "receive",
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
GradeBand = Literal["elementary", "middle", "high"]
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
    disappearing: bool | None = None

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
    former_student: bool | None = None
    age_18_or_over: bool | None = None
    grade_band: GradeBand | None = None
    own_child: bool | None = None

    @model_validator(mode="after")
    def _ages_agree(self) -> Counterpart:
        if self.age_under_13 and self.age_18_or_over:
            raise ValueError("age_under_13 and age_18_or_over cannot both be true")
        return self


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
    student_directory_info: bool | None = None
    student_work: bool | None = None
    student_records: bool | None = None
    learned_through_employment: bool | None = None
    confidential_information: bool | None = None
    copyright_permission: bool | None = None
    coworker_consent_written: bool | None = None
    vulgar: bool | None = None
    harassing: bool | None = None
    threatening: bool | None = None
    defamatory: bool | None = None
    sexual: bool | None = None
    security_breach: bool | None = None
    suspected_abuse: bool | None = None

    @model_validator(mode="after")
    def _umbrellas_agree(self) -> Content:
        for umbrella, details in UMBRELLAS.items():
            if getattr(self, umbrella) is False:
                said = [d for d in details if getattr(self, d) is True]
                if said:
                    raise ValueError(
                        f"{umbrella} is false but {', '.join(said)} is true "
                        f"({umbrella} covers {', '.join(details)})"
                    )
        return self


# A detail flag that is true makes its umbrella true; an umbrella that is false makes its
# details false. These follow from the contract's definitions; nothing else is inferred.
UMBRELLAS: dict[str, tuple[str, ...]] = {
    "inappropriate": ("vulgar", "harassing", "threatening", "defamatory", "sexual"),
    "student_pii": ("student_work", "student_records"),
    "coworker_consent": ("coworker_consent_written",),
}


def _derive_content(flat: dict[str, Any]) -> None:
    for umbrella, details in UMBRELLAS.items():
        key = f"content.{umbrella}"
        if any(flat.get(f"content.{d}") is True for d in details):
            flat[key] = True
        elif flat.get(key) is False:
            for d in details:
                flat.setdefault(f"content.{d}", False)


def _derive_counterpart(cp: dict[str, Any]) -> dict[str, Any]:
    if cp.get("age_18_or_over") is True:
        cp.setdefault("age_under_13", False)
    elif cp.get("age_under_13") is True:
        cp.setdefault("age_18_or_over", False)
    return cp


class Situation(BaseModel):
    model_config = _STRICT

    district: str
    action: Action
    emergency: bool | None = None
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
        if self.emergency is not None:
            flat["emergency"] = self.emergency
        for prefix, part in (
            ("actor", self.actor),
            ("channel", self.channel),
            ("content", self.content),
        ):
            for name, value in part:
                if value is not None:
                    flat[f"{prefix}.{name}"] = value
        _derive_content(flat)
        if self.counterparts is not None:
            cps = tuple(
                _derive_counterpart({name: value for name, value in cp if value is not None})
                for cp in self.counterparts
            )
            flat["counterparts"] = cps
            counts = [cp.get("count") for cp in cps]
            if all(c is not None for c in counts):
                flat["group_size"] = sum(c for c in counts if c is not None)
        return flat


FlatSituation = dict[str, Any]


def _scalar_fields() -> dict[str, Any]:
    """Every condition-addressable field path with its annotation."""
    fields: dict[str, Any] = {
        "district": str,
        "action": Action,
        "purpose": Purpose,
        "emergency": bool,
        # Derived: the sum of count over all counterparts (unknown while any count is).
        "group_size": int,
    }
    for prefix, model in (("actor", Actor), ("channel", Channel), ("content", Content)):
        for name, info in model.model_fields.items():
            fields[f"{prefix}.{name}"] = info.annotation
    return fields


SITUATION_FIELDS: dict[str, Any] = _scalar_fields()
COUNTERPART_FIELDS: dict[str, Any] = {
    name: info.annotation for name, info in Counterpart.model_fields.items()
}
