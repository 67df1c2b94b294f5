"""Lanyard's settings: one typed object, built once at start-up from LANYARD_* variables.

A bad value stops start-up with the variable's name.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LANYARD_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///lanyard.sqlite3",
        description="SQLAlchemy URL: the embedded SQLite file by default, "
        "postgresql+psycopg://... in production.",
    )
    secret_key: SecretStr = Field(
        default=SecretStr("dev-only-secret-key-change-me-0000000000"),
        description="Signs session cookies and CSRF tokens. Set a long random value in production.",
    )
    encryption_key: SecretStr | None = Field(
        default=None,
        description="Base64 32-byte key for secrets at rest (AES-GCM). Derived from the "
        "secret key when unset (embedded default only).",
    )
    session_max_age_minutes: int = Field(default=480, ge=5, le=60 * 24 * 14)
    secure_cookies: bool = Field(
        default=False, description="Send cookies over HTTPS only (set true behind TLS)."
    )
    # NoDecode: the variable is a comma-separated list, not JSON.
    district_domains: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="The district's e-mail domains (comma-separated); staff and student "
        "addresses in them are district accounts, and OIDC sign-in is limited to them.",
    )
    pack: str = Field(default="wilmette-39", description="The district's policy pack id.")
    oidc_issuer: str | None = Field(default=None, description="OpenID Connect issuer URL.")
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_provider_name: str = Field(
        default="Google Workspace", description="Shown on the sign-in button: Sign in with ..."
    )
    oidc_tenant_ids: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="Microsoft Entra ID: the district's tenant ids (comma-separated); an ID "
        "token whose tid is not one of them is refused.",
    )
    sign_in_max_failures: int = Field(
        default=5, ge=1, le=100, description="Failed sign-ins per username before a pause."
    )
    sign_in_failure_window_minutes: int = Field(
        default=15, ge=1, le=24 * 60, description="The window the failures are counted in."
    )
    mailer: str = Field(default="console", description="console | smtp")
    smtp_url: str | None = Field(default=None, description="smtp://user:pass@host:port")
    mail_from: str = Field(
        default="Lanyard <lanyard@localhost>", description="The From address of Lanyard's e-mail."
    )
    demo: bool = Field(default=False, description="Show demo sign-ins on the sign-in page.")

    @field_validator("district_domains", "oidc_tenant_ids", mode="before")
    @classmethod
    def _split_domains(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(d.strip().lower() for d in value.split(",") if d.strip())
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("use a sqlite:/// or postgresql+psycopg:// URL")
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value
