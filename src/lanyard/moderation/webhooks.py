"""Webhook signatures: every delivery is signed with a secret only the platform (or the
district's relay) and Lanyard know; anything unsigned or wrongly signed is refused.

- facebook, instagram: ``X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>``
  with the Meta app secret (``LANYARD_META_APP_SECRET``);
- x: ``X-Twitter-Webhooks-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`` with the
  consumer secret (``LANYARD_X_CONSUMER_SECRET``);
- youtube, csv (a district's own relay; the body is the export shape):
  ``X-Lanyard-Signature: sha256=<hex HMAC-SHA256 of the raw body>`` with
  ``LANYARD_COMMENT_RELAY_SECRET``.

Comparisons are constant-time. The handshakes: Meta's ``hub.mode=subscribe`` with the
verify token (``LANYARD_META_VERIFY_TOKEN``) answers ``hub.challenge``; X's CRC check
answers ``{"response_token": "sha256=<base64 HMAC of crc_token>"}``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import SecretStr

from lanyard.config import Settings

META = ("facebook", "instagram")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    status: int = 200
    reason: str = ""


def _scheme(platform: str, settings: Settings) -> tuple[str, SecretStr | None, str, str]:
    """(header, secret, encoding, setting name) for a platform."""
    if platform in META:
        return "X-Hub-Signature-256", settings.meta_app_secret, "hex", "LANYARD_META_APP_SECRET"
    if platform == "x":
        return (
            "X-Twitter-Webhooks-Signature",
            settings.x_consumer_secret,
            "base64",
            "LANYARD_X_CONSUMER_SECRET",
        )
    return (
        "X-Lanyard-Signature",
        settings.comment_relay_secret,
        "hex",
        "LANYARD_COMMENT_RELAY_SECRET",
    )


def sign(secret: str, body: bytes, encoding: str = "hex") -> str:
    digest = hmac.new(secret.encode(), body, hashlib.sha256)
    if encoding == "base64":
        return "sha256=" + base64.b64encode(digest.digest()).decode()
    return "sha256=" + digest.hexdigest()


def verify(
    platform: str,
    body: bytes,
    headers: Mapping[str, str],
    settings: Settings,
    account_secret: str | None = None,
) -> Verdict:
    """Check the delivery's signature with the account's own secret when it has one, else
    with the platform-wide setting; refuse when neither is set."""
    header, secret, encoding, setting = _scheme(platform, settings)
    if account_secret:
        secret = SecretStr(account_secret)
    if secret is None or not secret.get_secret_value():
        return Verdict(False, 403, f"{platform} webhooks are not configured ({setting} unset)")
    sent = headers.get(header)
    if not sent:
        return Verdict(False, 401, f"unsigned: the {header} header is missing")
    expected = sign(secret.get_secret_value(), body, encoding)
    if not hmac.compare_digest(expected.encode(), sent.strip().encode()):
        return Verdict(False, 403, f"the {header} signature does not match")
    return Verdict(True)


def handshake(
    platform: str, params: Mapping[str, str], settings: Settings
) -> str | dict[str, str] | None:
    """The answer to a subscription check, or None to refuse it."""
    if platform in META:
        token = settings.meta_verify_token
        sent = params.get("hub.verify_token", "")
        if (
            token is not None
            and params.get("hub.mode") == "subscribe"
            and hmac.compare_digest(token.get_secret_value().encode(), sent.encode())
            and params.get("hub.challenge")
        ):
            return params["hub.challenge"]
        return None
    if platform == "x":
        secret = settings.x_consumer_secret
        crc = params.get("crc_token")
        if secret is None or not crc:
            return None
        return {"response_token": sign(secret.get_secret_value(), crc.encode(), "base64")}
    return None
