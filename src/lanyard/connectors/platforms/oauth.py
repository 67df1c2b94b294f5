"""Renewing the platforms' access tokens: the token endpoints, their shapes and errors.

- Facebook and Instagram (Meta, Facebook Login): ``POST {graph}/oauth/access_token`` with
  ``grant_type=fb_exchange_token``, ``client_id`` (app id), ``client_secret`` and
  ``fb_exchange_token`` (the current token) -> ``{"access_token", "token_type",
  "expires_in"}`` (a long-lived token; a Page token got from a long-lived user token has no
  ``expires_in``: it does not expire). Errors are Graph errors (190: the token cannot be
  renewed any more; 101 / 1: the app id or secret is wrong).
- YouTube (Google OAuth 2.0): ``POST https://oauth2.googleapis.com/token`` with
  ``grant_type=refresh_token``, ``refresh_token``, ``client_id``, ``client_secret`` ->
  ``{"access_token", "expires_in", "scope", "token_type"}``; errors ``{"error",
  "error_description"}`` (400 ``invalid_grant``: "Token has been expired or revoked.",
  401 ``invalid_client``).
- X (OAuth 2.0): ``POST {x}/2/oauth2/token`` with ``grant_type=refresh_token``,
  ``refresh_token`` and ``client_id`` (a confidential client authenticates with HTTP Basic
  instead) -> ``{"token_type", "expires_in", "access_token", "scope", "refresh_token"}``:
  X rotates the refresh token, the old one stops working. Errors ``{"error",
  "error_description"}``.

Every secret travels in the POST body or an Authorization header, never in a URL. A
failure is a :class:`PlatformError`: ``expired_token`` or ``refused`` mean the account must
be reconnected (with the platform's own words); ``transient`` and ``rate_limited`` are
tried again at the next run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from lanyard.connectors.platforms.base import (
    ErrorKind,
    PlatformError,
    body_of,
    network_error,
    retry_after_header,
)
from lanyard.connectors.platforms.graph import graph_error

# Which token endpoint renews each platform's tokens.
KIND_OF_PLATFORM = {"facebook": "meta", "instagram": "meta", "youtube": "google", "x": "x"}
# Kinds whose renewal needs the escrowed refresh token (Meta exchanges the access token).
NEEDS_REFRESH_TOKEN = frozenset({"google", "x"})


@dataclass(frozen=True)
class OAuthClient:
    """The district's app at the platform: where and as whom tokens are renewed."""

    kind: str  # meta | google | x
    token_url: str
    client_id: str
    client_secret: str | None

    def __repr__(self) -> str:  # never show the secret in a traceback or log
        return f"OAuthClient(kind={self.kind!r}, client_id={self.client_id!r})"


@dataclass(frozen=True)
class Renewed:
    access_token: str
    expires_in: int | None  # seconds; None: the token does not expire
    refresh_token: str | None = None  # a new one, when the platform rotates it

    def __repr__(self) -> str:
        return f"Renewed(expires_in={self.expires_in!r}, tokens=<hidden>)"


def _oauth_error(response: httpx.Response) -> PlatformError:
    """RFC 6749 section 5.2 errors (Google, X)."""
    body = body_of(response)
    code = str(body.get("error") or "") or None
    words = str(body.get("error_description") or code or f"HTTP {response.status_code}")[:300]
    status = response.status_code
    if status == 429:
        return PlatformError(
            ErrorKind.RATE_LIMITED,
            words,
            status=status,
            code=code,
            retry_after=retry_after_header(response),
        )
    if status >= 500 or code == "temporarily_unavailable":
        return PlatformError(ErrorKind.TRANSIENT, words, status=status, code=code)
    if code in ("invalid_grant", "invalid_token") or (code is None and status == 401):
        return PlatformError(ErrorKind.EXPIRED_TOKEN, words, status=status, code=code)
    if code == "invalid_request" and "token" in words.lower():
        return PlatformError(ErrorKind.EXPIRED_TOKEN, words, status=status, code=code)
    return PlatformError(ErrorKind.REFUSED, words, status=status, code=code)


def _post(
    http: httpx.Client, url: str, form: dict[str, str], auth: tuple[str, str] | None = None
) -> httpx.Response:
    try:
        return http.post(
            url,
            data=form,
            auth=httpx.BasicAuth(*auth) if auth else httpx.USE_CLIENT_DEFAULT,
            headers={"Accept": "application/json"},
        )
    except httpx.HTTPError as exc:
        raise network_error(exc) from None


def _renewed(body: dict[str, Any], what: str) -> Renewed:
    token = body.get("access_token")
    if not isinstance(token, str) or not token:
        raise PlatformError(ErrorKind.TRANSIENT, f"{what} answered without an access token")
    expires = body.get("expires_in")
    refresh = body.get("refresh_token")
    return Renewed(
        token,
        int(expires) if isinstance(expires, int | float | str) and str(expires).isdigit() else None,
        refresh if isinstance(refresh, str) and refresh else None,
    )


def renew(
    http: httpx.Client,
    oauth: OAuthClient,
    *,
    access_token: str,
    refresh_token: str | None,
) -> Renewed:
    """A new access token (and, from X, a new refresh token) for an account."""
    if oauth.kind == "meta":
        response = _post(
            http,
            oauth.token_url,
            {
                "grant_type": "fb_exchange_token",
                "client_id": oauth.client_id,
                "client_secret": oauth.client_secret or "",
                "fb_exchange_token": access_token,
            },
        )
        if response.status_code >= 400 or "error" in body_of(response):
            error = graph_error(response)
            if error.kind is ErrorKind.TRANSIENT and response.status_code < 500:
                # code 1 "Error validating client secret." is no outage: the app is wrong
                error.kind = ErrorKind.REFUSED
            raise error
        return _renewed(body_of(response), "Meta")
    if not refresh_token:
        raise PlatformError(
            ErrorKind.EXPIRED_TOKEN, "no refresh token is escrowed for this account"
        )
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    auth: tuple[str, str] | None = None
    if oauth.kind == "google":
        form |= {"client_id": oauth.client_id, "client_secret": oauth.client_secret or ""}
    elif oauth.client_secret:  # X, confidential client
        auth = (oauth.client_id, oauth.client_secret)
    else:  # X, public client
        form["client_id"] = oauth.client_id
    response = _post(http, oauth.token_url, form, auth)
    if response.status_code >= 400:
        raise _oauth_error(response)
    return _renewed(body_of(response), "Google" if oauth.kind == "google" else "X")
