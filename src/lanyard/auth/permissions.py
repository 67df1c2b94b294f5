"""Who may see and do what: pure answers that carry their reasons.

No framework, no database: a :class:`Principal` (built from the directory once per
request) goes in, a :class:`Permission` comes out. The web app turns every denial into
the same 403 page, so an answer never reveals whether the thing asked about exists.

Least privilege by role and building (student data is FERPA/SOPPA data):

- ``superintendent_or_designee``, ``superintendent`` and ``lanyard_admin`` see the
  whole district's directory;
- ``building_principal`` and ``building_administration`` see the people of their
  building(s): the building named on the role assignment, or, for an assignment without
  a building, the buildings the person is assigned to;
- everyone else sees only themself;
- only ``lanyard_admin``, the superintendent's designee and the director of technology
  may import the directory and read the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

DISTRICT_READERS = frozenset({"superintendent_or_designee", "superintendent", "lanyard_admin"})
BUILDING_READERS = frozenset({"building_principal", "building_administration"})
ADMINISTRATORS = frozenset(
    {
        "lanyard_admin",
        "superintendent_or_designee",
        "director_of_technology",
        "director_of_media_and_technology",
    }
)


@dataclass(frozen=True, order=True)
class RoleGrant:
    """A pack role held district-wide (``building_id`` None) or for one building."""

    role: str
    building_id: str | None = None


@dataclass(frozen=True)
class Principal:
    """The signed-in person, as permissions see them."""

    person_id: str
    kind: str  # staff | student | parent | volunteer
    staff_role: str | None = None
    display_name: str = ""
    roles: frozenset[RoleGrant] = field(default_factory=frozenset)
    buildings: frozenset[str] = field(default_factory=frozenset)

    def holds(self, *roles: str) -> bool:
        return any(grant.role in roles for grant in self.roles)

    @property
    def role_names(self) -> frozenset[str]:
        return frozenset(grant.role for grant in self.roles)


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str

    def __bool__(self) -> bool:
        return self.allowed


def human(role: str) -> str:
    """A role id as words for a reason: ``building_principal`` -> ``building principal``."""
    return role.replace("_", " ")


def _allow(reason: str) -> Permission:
    return Permission(True, reason)


def _deny(reason: str) -> Permission:
    return Permission(False, reason)


@dataclass(frozen=True)
class DirectoryScope:
    """Whom a principal's directory search may return."""

    district: bool
    building_ids: frozenset[str]
    person_id: str
    reason: str

    @property
    def self_only(self) -> bool:
        return not self.district and not self.building_ids


def building_scope(principal: Principal) -> frozenset[str]:
    """The buildings whose people a building principal or administration may see."""
    scope: set[str] = set()
    for grant in principal.roles:
        if grant.role not in BUILDING_READERS:
            continue
        if grant.building_id is not None:
            scope.add(grant.building_id)
        else:
            scope.update(principal.buildings)
    return frozenset(scope)


def directory_scope(principal: Principal) -> DirectoryScope:
    district_roles = sorted(principal.role_names & DISTRICT_READERS)
    if district_roles:
        return DirectoryScope(
            True,
            frozenset(),
            principal.person_id,
            f"as {human(district_roles[0])} you see the whole district",
        )
    buildings = building_scope(principal)
    if buildings:
        roles = sorted(principal.role_names & BUILDING_READERS)
        return DirectoryScope(
            False,
            buildings,
            principal.person_id,
            f"as {human(roles[0])} you see the people of your building(s)",
        )
    return DirectoryScope(
        False,
        frozenset(),
        principal.person_id,
        "without a building or district role you see only yourself",
    )


def can_use_directory(principal: Principal) -> Permission:
    if principal.kind not in {"staff", "volunteer"}:
        return _deny("the directory is for staff")
    return _allow(directory_scope(principal).reason)


def can_view_person(
    principal: Principal, *, person_id: str, person_buildings: Iterable[str]
) -> Permission:
    """May ``principal`` open the record of the person ``person_id`` (in those buildings)?"""
    if person_id == principal.person_id:
        return _allow("your own record")
    if principal.kind not in {"staff", "volunteer"}:
        return _deny("only staff see other people's records")
    scope = directory_scope(principal)
    if scope.district:
        return _allow(scope.reason)
    shared = scope.building_ids & frozenset(person_buildings)
    if shared:
        return _allow(scope.reason)
    if scope.building_ids:
        return _deny("the person is not in a building you administer")
    return _deny(scope.reason)


def can_ask(principal: Principal) -> Permission:
    """The "May I?" page: every staff member and volunteer."""
    if principal.kind in {"staff", "volunteer"}:
        return _allow("staff and volunteers ask about their own conduct")
    return _deny("May I? is for staff and volunteers")


def _administrator(principal: Principal, what: str) -> Permission:
    held = sorted(principal.role_names & ADMINISTRATORS)
    if held:
        return _allow(f"as {human(held[0])} you may {what}")
    return _deny(
        f"only a Lanyard administrator, the superintendent's designee or the director of "
        f"technology may {what}"
    )


def can_import(principal: Principal) -> Permission:
    return _administrator(principal, "import the directory")


def can_read_audit(principal: Principal) -> Permission:
    return _administrator(principal, "read the audit log")


# -- reports and cases (issue 4) ------------------------------------------------------------


def can_report(principal: Principal) -> Permission:
    """The reports page (file a report, record a contact attempt): staff and volunteers."""
    if principal.kind in {"staff", "volunteer"}:
        return _allow("staff and volunteers report what the policy asks them to report")
    return _deny("reports are filed by staff and volunteers")


def can_see_case(
    principal: Principal, *, reporter_id: str | None, handler_ids: Iterable[str]
) -> Permission:
    """A case holds student data: only its reporter, the people handling it (holders of the
    roles it is routed or escalated to, for its building) and a Lanyard administrator."""
    if principal.person_id in set(handler_ids):
        return _allow("the case is routed to you")
    if reporter_id is not None and principal.person_id == reporter_id:
        return _allow("you filed this report")
    if principal.holds("lanyard_admin"):
        return _allow("as Lanyard administrator you see every case")
    return _deny("only the reporter and the people handling a case see it")


def can_handle_case(principal: Principal, *, handler_ids: Iterable[str]) -> Permission:
    """Acknowledge and close: only the people the case is routed or escalated to."""
    if principal.person_id in set(handler_ids):
        return _allow("the case is routed to you")
    return _deny("only the people the case is routed to acknowledge or close it")


# ------------------------------------------------- official accounts and credential escrow
#
# District-wide: the communications office, site managers, the superintendent's designee,
# the director of technology and Lanyard administrators see and edit every official
# account; a building principal (or building administration) those of their building;
# owners and managers their own. Revealing an escrowed credential is narrower: the packs
# give credentials to *administration* ("log-in information, usernames, passwords and
# names of sites must be shared with school administration", Naperville 203, Site
# Security; "give building administration the user name, passwords", Wilmette 39), so
# only district administrators and the account's building administration may reveal one.

ACCOUNT_DISTRICT_ROLES = frozenset(
    {
        "communications_department",
        "executive_director_of_communications",
        "public_information_office",
        "site_manager",
        "superintendent_or_designee",
        "director_of_technology",
        "director_of_media_and_technology",
        "lanyard_admin",
    }
)
ACCOUNT_BUILDING_ROLES = frozenset({"building_principal", "building_administration"})
ESCROW_DISTRICT_ROLES = frozenset(
    {
        "lanyard_admin",
        "superintendent_or_designee",
        "director_of_technology",
        "director_of_media_and_technology",
    }
)


def _district_grant(principal: Principal, roles: frozenset[str]) -> str | None:
    held = sorted(g.role for g in principal.roles if g.role in roles and g.building_id is None)
    return held[0] if held else None


def _building_grant(principal: Principal, building_id: str | None) -> str | None:
    if building_id is None:
        return None
    for grant in sorted(principal.roles):
        if grant.role in ACCOUNT_BUILDING_ROLES and building_id in building_scope(principal):
            return grant.role
    return None


def can_use_accounts(principal: Principal) -> Permission:
    """The official-accounts registry page: staff (each sees the accounts they may)."""
    if principal.kind != "staff":
        return _deny("the official-account registry is for district staff")
    return _allow("staff register and manage the district's official accounts")


def can_register_account(principal: Principal) -> Permission:
    if principal.kind != "staff":
        return _deny("only district employees register official accounts")
    return _allow("employees register the official accounts they own")


def sees_every_account(principal: Principal) -> bool:
    return _district_grant(principal, ACCOUNT_DISTRICT_ROLES) is not None


def account_buildings(principal: Principal) -> frozenset[str]:
    """Buildings whose accounts the principal administers (principal, administration)."""
    return building_scope(principal)


def can_manage_account(
    principal: Principal,
    *,
    owner_id: str,
    manager_ids: Iterable[str],
    building_id: str | None,
) -> Permission:
    """See and edit an official account (managers, purpose, escrow a new password)."""
    district = _district_grant(principal, ACCOUNT_DISTRICT_ROLES)
    if district:
        return _allow(f"as {human(district)} you manage the district's official accounts")
    building = _building_grant(principal, building_id)
    if building:
        return _allow(f"as {human(building)} you oversee your building's official accounts")
    if principal.person_id == owner_id:
        return _allow("you own this account")
    if principal.person_id in frozenset(manager_ids):
        return _allow("you manage this account")
    return _deny("only the account's owner and managers and its administrators see it")


def can_reveal_credential(principal: Principal, *, building_id: str | None) -> Permission:
    """Reveal an escrowed credential: district administrators and the building's
    administration (the packs give credentials to administration), with a reason."""
    district = _district_grant(principal, ESCROW_DISTRICT_ROLES)
    if district:
        return _allow(f"as {human(district)} you may reveal escrowed credentials")
    building = _building_grant(principal, building_id)
    if building:
        return _allow(f"as {human(building)} you may reveal your building's credentials")
    return _deny(
        "only a Lanyard administrator, the superintendent's designee, the director of "
        "technology or the account's building administration may reveal a credential"
    )


# -- comment moderation and archive (issue 5) ------------------------------------------------

MODERATION_DISTRICT_ROLES = frozenset(
    {
        "lanyard_admin",
        "communications_department",
        "executive_director_of_communications",
        "public_information_office",
        "site_manager",
    }
)


@dataclass(frozen=True)
class ModerationScope:
    """Whose comments a principal moderates: every account (a district-wide moderation
    role), the accounts of some buildings (a moderation role held for a building), and
    the accounts they manage."""

    all_accounts: bool
    building_ids: frozenset[str]
    account_ids: frozenset[str]
    reason: str

    @property
    def empty(self) -> bool:
        return not self.all_accounts and not self.building_ids and not self.account_ids

    def covers(self, account_id: str, building_id: str | None) -> bool:
        if self.all_accounts or account_id in self.account_ids:
            return True
        return building_id is not None and building_id in self.building_ids


def moderation_scope(
    principal: Principal, *, managed_account_ids: Iterable[str] = ()
) -> ModerationScope:
    managed = frozenset(managed_account_ids)
    district = sorted(
        g.role for g in principal.roles if g.role in MODERATION_DISTRICT_ROLES and not g.building_id
    )
    if district:
        return ModerationScope(
            True, frozenset(), managed, f"as {human(district[0])} you moderate every account"
        )
    buildings = frozenset(
        g.building_id
        for g in principal.roles
        if g.role in MODERATION_DISTRICT_ROLES and g.building_id is not None
    )
    if buildings:
        return ModerationScope(False, buildings, managed, "you moderate your building's accounts")
    if managed:
        return ModerationScope(False, frozenset(), managed, "you moderate the accounts you manage")
    return ModerationScope(
        False,
        frozenset(),
        frozenset(),
        "only site managers, the communications office and account managers moderate comments",
    )


def can_moderate(principal: Principal, *, managed_account_ids: Iterable[str] = ()) -> Permission:
    """The moderation queue and the archive (of the accounts in the principal's scope)."""
    if principal.kind != "staff":
        return _deny("comment moderation is for district staff")
    scope = moderation_scope(principal, managed_account_ids=managed_account_ids)
    return _deny(scope.reason) if scope.empty else _allow(scope.reason)


# -- requests, approvals and disclosures (issue 4) -------------------------------------------


def can_use_requests(principal: Principal) -> Permission:
    """The requests page (file requests, decide the ones routed to you): staff and
    volunteers."""
    if principal.kind in {"staff", "volunteer"}:
        return _allow("staff and volunteers file requests")
    return _deny("requests are filed by staff and volunteers")


def approver_grant(
    principal: Principal, *, approver_role: str, building_id: str | None
) -> RoleGrant | None:
    """The principal's grant of ``approver_role`` that covers ``building_id``: a district-wide
    one (no building) covers every request; a building's covers that building's requests."""
    for grant in sorted(principal.roles, key=lambda g: (g.building_id is not None, g)):
        if grant.role != approver_role:
            continue
        if grant.building_id is None or grant.building_id == building_id:
            return grant
    return None


def can_decide_request(
    principal: Principal,
    *,
    approver_role: str,
    building_id: str | None,
    requester_id: str | None,
) -> Permission:
    """Approve, deny or return a request: a holder of the form's approver role for the
    request's building (or district-wide), and never for their own request."""
    grant = approver_grant(principal, approver_role=approver_role, building_id=building_id)
    if grant is None:
        if principal.holds(approver_role):
            return _deny(f"you are {human(approver_role)} for another building")
        return _deny(f"only the {human(approver_role)} decides this request")
    if requester_id is not None and requester_id == principal.person_id:
        return _deny("nobody approves their own request")
    where = "for the district" if grant.building_id is None else "for the building"
    return _allow(f"as {human(approver_role)} {where} you decide this request")


def can_view_request(
    principal: Principal,
    *,
    approver_role: str,
    building_id: str | None,
    requester_id: str | None,
) -> Permission:
    """The requester and whoever may decide it (the requester's own approval included)."""
    if requester_id is not None and requester_id == principal.person_id:
        return _allow("your own request")
    if approver_grant(principal, approver_role=approver_role, building_id=building_id):
        return _allow(f"as {human(approver_role)} you decide this request")
    return _deny("only the requester and the approver see a request")


def can_disclose(principal: Principal) -> Permission:
    """Relationship disclosures are made by employees."""
    if principal.kind == "staff":
        return _allow("employees disclose their outside relationships with students")
    return _deny("relationship disclosures are made by employees")


def can_view_disclosure(
    principal: Principal,
    *,
    employee_id: str,
    employee_buildings: Iterable[str],
    told_roles: Iterable[str],
) -> Permission:
    """The employee, and the holders of the roles the pack tells about it (for one of the
    employee's buildings, or district-wide)."""
    if principal.person_id == employee_id:
        return _allow("your own disclosure")
    buildings = frozenset(employee_buildings)
    roles = frozenset(told_roles)
    for grant in principal.roles:
        if grant.role in roles and (grant.building_id is None or grant.building_id in buildings):
            return _allow(f"the policy tells the {human(grant.role)} about it")
    return _deny("only the employee and the people the policy tells see a disclosure")
