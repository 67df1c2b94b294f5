"""What Facebook and Instagram share: the Graph API's error payload
(``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}``) and its
recovery kinds, from Meta's "Handling Errors" guide."""

from __future__ import annotations

from typing import Any

import httpx

from lanyard.connectors.platforms.base import (
    ErrorKind,
    PlatformError,
    body_of,
    by_status,
    network_error,
    retry_after_header,
)

# API Too Many Calls, User Too Many Calls, Rate limit (Pages), application limit,
# Page-level throttling, business use case limits (80001-80009)
RATE_LIMIT_CODES = frozenset({4, 17, 32, 341, 613, *range(80001, 80010)})
TRANSIENT_CODES = frozenset({1, 2})
EXPIRED_CODES = frozenset({102, 190})
PERMISSION_CODES = frozenset({3, 10, *range(200, 300)})
NOT_FOUND_SUBCODES = frozenset({33})  # "Object with ID ... does not exist"


def graph_error(response: httpx.Response) -> PlatformError:
    error: dict[str, Any] = body_of(response).get("error") or {}
    message = str(error.get("message") or f"HTTP {response.status_code}")[:300]
    code = error.get("code")
    subcode = error.get("error_subcode")
    tag = f"{code}/{subcode}" if subcode else (str(code) if code is not None else None)
    retry = retry_after_header(response)
    if code in EXPIRED_CODES or (error.get("type") == "OAuthException" and code is None):
        return PlatformError(
            ErrorKind.EXPIRED_TOKEN, message, status=response.status_code, code=tag
        )
    if code in RATE_LIMIT_CODES:
        return PlatformError(
            ErrorKind.RATE_LIMITED,
            message,
            status=response.status_code,
            code=tag,
            retry_after=retry,
        )
    if code in TRANSIENT_CODES:
        return PlatformError(ErrorKind.TRANSIENT, message, status=response.status_code, code=tag)
    if subcode in NOT_FOUND_SUBCODES:
        return PlatformError(ErrorKind.NOT_FOUND, message, status=response.status_code, code=tag)
    if code in PERMISSION_CODES:
        return PlatformError(ErrorKind.REFUSED, message, status=response.status_code, code=tag)
    return by_status(response, message, tag)


def call(
    http: httpx.Client,
    method: str,
    url: str,
    token: str,
    params: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One Graph call with the token as a bearer header (never in the URL, so it stays out
    of access logs); the parameters go in the query string as the reference shows them."""
    try:
        response = http.request(
            method, url, params=params, headers={"Authorization": f"Bearer {token}"}
        )
    except httpx.HTTPError as exc:
        raise network_error(exc) from None
    if response.status_code >= 400 or "error" in body_of(response):
        raise graph_error(response)
    return body_of(response)


def succeeded(answer: dict[str, Any], what: str) -> dict[str, Any]:
    if answer.get("success") is not True:
        raise PlatformError(ErrorKind.REFUSED, f"the platform did not confirm the {what}")
    return answer
