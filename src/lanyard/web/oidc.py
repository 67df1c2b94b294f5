"""The OpenID Connect client (Authlib's Starlette integration), built from settings.

Discovery from ``{issuer}/.well-known/openid-configuration``; the authorization code
flow with PKCE (S256), ``state`` and ``nonce`` kept in the signed session; the ID token
verified by Authlib (signature against the provider's JWKS, issuer, audience, expiry,
nonce). Microsoft Entra ID: configure the tenant's own issuer
(``https://login.microsoftonline.com/{tid}/v2.0``), not ``common``.
"""

from __future__ import annotations

from authlib.integrations.starlette_client import (  # type: ignore[import-untyped]
    OAuth,
    StarletteOAuth2App,
)

from lanyard.config import Settings

CLIENT_NAME = "district"


def oidc_configured(settings: Settings) -> bool:
    return bool(settings.oidc_issuer and settings.oidc_client_id)


def build_oidc_client(settings: Settings) -> StarletteOAuth2App | None:
    if not oidc_configured(settings) or settings.oidc_issuer is None:
        return None
    oauth = OAuth()
    secret = settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else None
    client: StarletteOAuth2App = oauth.register(
        name=CLIENT_NAME,
        client_id=settings.oidc_client_id,
        client_secret=secret,
        server_metadata_url=settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
    )
    return client


def authorize_params(settings: Settings) -> dict[str, str]:
    """Extra authorization parameters: Google's ``hd`` narrows the account chooser to
    the district's domain (the ``hd`` claim is still checked on the way back)."""
    if (
        "accounts.google.com" in (settings.oidc_issuer or "")
        and len(settings.district_domains) == 1
    ):
        return {"hd": settings.district_domains[0]}
    return {}
