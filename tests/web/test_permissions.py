"""The pure permission answers and the OIDC identity checks (no app, no database)."""

from __future__ import annotations

from lanyard.auth.oidc import OidcIdentity, OidcRefusal, identity_from_claims
from lanyard.auth.permissions import (
    Principal,
    RoleGrant,
    can_import,
    can_read_audit,
    can_view_person,
    directory_scope,
)
from lanyard.auth.roles import role_table

WILMETTE = role_table("wilmette-39")
CHSD = role_table("chsd-230")


def principal(
    *roles: RoleGrant, buildings: tuple[str, ...] = ("N",), table: object = WILMETTE
) -> Principal:
    return Principal(
        "me", "staff", "teacher", "Me", frozenset(roles), frozenset(buildings), table=table
    )  # type: ignore[arg-type]


def test_building_principal_sees_their_building_only() -> None:
    p = principal(RoleGrant("building_principal", "N"))
    assert can_view_person(p, person_id="x", person_buildings={"N", "S"}).allowed
    denied = can_view_person(p, person_id="x", person_buildings={"S"})
    assert not denied and "not in a building you administer" in denied.reason


def test_building_role_without_a_building_uses_the_persons_buildings() -> None:
    p = principal(RoleGrant("building_administration"), buildings=("S",))
    assert directory_scope(p).building_ids == {"S"}


def test_district_roles_see_everyone() -> None:
    for role in ("superintendent_or_designee", "lanyard_admin"):
        p = principal(RoleGrant(role))
        assert directory_scope(p).district
        assert can_view_person(p, person_id="x", person_buildings=set()).allowed


def test_teacher_sees_only_themself() -> None:
    p = principal()
    assert directory_scope(p).self_only
    assert can_view_person(p, person_id="me", person_buildings=set()).reason == "your own record"
    assert not can_view_person(p, person_id="x", person_buildings={"N"})


def test_students_never_see_others() -> None:
    p = Principal("kid", "student", roles=frozenset({RoleGrant("lanyard_admin")}))
    assert not can_view_person(p, person_id="x", person_buildings={"N"})


def test_import_and_audit_are_for_administrators() -> None:
    assert not can_import(principal(RoleGrant("building_principal", "N")))
    assert not can_read_audit(principal())
    for role, name in (
        ("lanyard_admin", "Lanyard administrator"),
        ("superintendent_or_designee", "Superintendent or his/her designee"),
        ("director_of_technology", "Director of Technology"),
    ):
        assert can_import(principal(RoleGrant(role), table=CHSD)).allowed
        answer = can_read_audit(principal(RoleGrant(role), table=CHSD))
        assert answer and name in answer.reason


def test_capabilities_follow_the_pack_not_the_role_id() -> None:
    """Wilmette's Technology Administrator imports and reads the audit log; a role id the
    pack does not give those capabilities does not, whatever it is called."""
    tech = principal(RoleGrant("technology_administrator"))
    assert can_import(tech) and can_read_audit(tech)
    assert "Technology Administrator" in can_import(tech).reason
    assert not can_import(principal(RoleGrant("director_of_technology")))  # not a Wilmette role
    assert not can_import(principal(RoleGrant("technology_staff")))


GOOGLE = {
    "iss": "https://accounts.google.com",
    "sub": "110000000000000000001",
    "email": "alovelace@example.org",
    "email_verified": True,
    "hd": "example.org",
    "name": "Ada Lovelace",
}
ENTRA = {
    "iss": "https://login.microsoftonline.com/00000000-0000-4000-8000-00000000d157/v2.0",
    "tid": "00000000-0000-4000-8000-00000000d157",
    "oid": "11111111-2222-4333-8444-555555555555",
    "sub": "pairwise",
    "preferred_username": "ALovelace@Example.org",
    "name": "Ada Lovelace",
}


def check(claims: dict[str, object], **kw: object) -> OidcIdentity | OidcRefusal:
    return identity_from_claims(claims, district_domains=("example.org",), **kw)  # type: ignore[arg-type]


def test_google_workspace_identity() -> None:
    identity = check(GOOGLE)
    assert isinstance(identity, OidcIdentity)
    assert identity.email == "alovelace@example.org" and identity.subject == GOOGLE["sub"]


def test_google_refuses_unverified_foreign_domain_and_foreign_hd() -> None:
    assert isinstance(check({**GOOGLE, "email_verified": False}), OidcRefusal)
    assert isinstance(check({**GOOGLE, "email": "a@gmail.com", "hd": None}), OidcRefusal)
    assert isinstance(check({**GOOGLE, "hd": "other.org"}), OidcRefusal)


def test_entra_uses_upn_and_tenant() -> None:
    identity = check(ENTRA, tenant_ids=(ENTRA["tid"],))
    assert isinstance(identity, OidcIdentity)
    assert identity.email == "alovelace@example.org"
    assert identity.subject == f"{ENTRA['tid']}:{ENTRA['oid']}"
    assert isinstance(check(ENTRA, tenant_ids=("another-tenant",)), OidcRefusal)
    # the optional email claim is never trusted over the UPN
    spoof = {**ENTRA, "preferred_username": "x@other.org", "email": "a@example.org"}
    assert isinstance(check(spoof), OidcRefusal)
