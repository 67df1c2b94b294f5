"""Which OpenID Connect identities may sign in: pure checks on validated ID-token claims.

Authlib validates the token itself (signature against the provider's JWKS, ``iss``,
``aud``, ``exp``, ``nonce``); this module decides whether the person it names belongs
to the district (``docs/formats.md`` section 5):

- Google Workspace: ``email_verified`` must be true and the e-mail's domain one of the
  district's; the ``hd`` claim (present for Workspace accounts) must be a district
  domain too — the ``hd`` request parameter only filters the account chooser.
- Microsoft Entra ID (a ``tid`` claim): the tenant must be one of the district's when
  tenants are configured; ``email`` is "not guaranteed to be correct", so the address
  used is ``preferred_username`` (the UPN), and its domain must be a district domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OidcIdentity:
    issuer: str
    subject: str
    email: str
    name: str | None


@dataclass(frozen=True)
class OidcRefusal:
    reason: str


def _domain(email: str) -> str:
    return email.rpartition("@")[2].lower()


def identity_from_claims(
    claims: Mapping[str, Any],
    *,
    district_domains: Iterable[str],
    tenant_ids: Iterable[str] = (),
) -> OidcIdentity | OidcRefusal:
    domains = {d.lower() for d in district_domains}
    issuer, subject = str(claims.get("iss", "")), str(claims.get("sub", ""))
    if not issuer or not subject:
        return OidcRefusal("the ID token names no issuer or subject")
    if not domains:
        return OidcRefusal("no district domains are configured for sign-in")
    name = claims.get("name")
    if "tid" in claims:
        tenants = set(tenant_ids)
        if tenants and str(claims["tid"]) not in tenants:
            return OidcRefusal("the account belongs to another organization's tenant")
        email = str(claims.get("preferred_username") or "").strip().lower()
        # Entra's user key is tid + oid (sub is per application and would do as well).
        subject = f"{claims['tid']}:{claims.get('oid') or subject}"
    else:
        if claims.get("email_verified") is not True:
            return OidcRefusal("the provider has not verified this e-mail address")
        email = str(claims.get("email") or "").strip().lower()
        hosted = claims.get("hd")
        if hosted is not None and str(hosted).lower() not in domains:
            return OidcRefusal("the account is not part of the district's organization")
    if "@" not in email:
        return OidcRefusal("the ID token carries no e-mail address")
    if _domain(email) not in domains:
        return OidcRefusal("the e-mail address is not in one of the district's domains")
    return OidcIdentity(
        issuer=issuer, subject=subject, email=email, name=str(name) if name else None
    )
