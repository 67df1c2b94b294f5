"""Who may see and do what: pure answers that carry their reasons.

No framework, no database: a :class:`Principal` (built from the directory once per
request) goes in, a :class:`Permission` comes out. The web app turns every denial into
the same 403 page, so an answer never reveals whether the thing asked about exists.

Permissions follow the district's pack: every pack role declares its ``capabilities``
(``read_directory``, ``moderate``, ``manage_accounts``, ``reveal_credentials``,
``import_directory``, ``read_audit``, ``manage_roles``, ``review_messages``,
``record_consents``) and its
``scope`` (``building`` or ``district``); a check asks for a capability, never for a role
id. A building-scoped role held for a building reaches that building; held without one,
the buildings the person is assigned to. ``lanyard_admin`` (Lanyard administrator) is
Lanyard's own role, in no pack: it holds every capability district-wide. Least privilege
by role and building (student data is FERPA/SOPPA data): without a capability a person
sees only themself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from lanyard.words import the

READ_DIRECTORY = "read_directory"
MODERATE = "moderate"
MANAGE_ACCOUNTS = "manage_accounts"
REVEAL_CREDENTIALS = "reveal_credentials"
IMPORT_DIRECTORY = "import_directory"
READ_AUDIT = "read_audit"
MANAGE_ROLES = "manage_roles"
REVIEW_MESSAGES = "review_messages"
RECORD_CONSENTS = "record_consents"
ALL_CAPABILITIES = frozenset(
    {
        READ_DIRECTORY,
        MODERATE,
        MANAGE_ACCOUNTS,
        REVEAL_CREDENTIALS,
        IMPORT_DIRECTORY,
        READ_AUDIT,
        MANAGE_ROLES,
        REVIEW_MESSAGES,
        RECORD_CONSENTS,
    }
)
LANYARD_ADMIN = "lanyard_admin"


@dataclass(frozen=True)
class RoleSpec:
    """A role as permissions see it: its plain name, capabilities and scope."""

    id: str
    name: str
    capabilities: frozenset[str] = frozenset()
    scope: str = "district"  # building | district


RoleTable = Mapping[str, RoleSpec]
SYSTEM_ROLES: dict[str, RoleSpec] = {
    LANYARD_ADMIN: RoleSpec(LANYARD_ADMIN, "Lanyard administrator", ALL_CAPABILITIES, "district")
}


@dataclass(frozen=True, order=True)
class RoleGrant:
    """A pack role held district-wide (``building_id`` None) or for one building."""

    role: str
    building_id: str | None = None


@dataclass(frozen=True, order=True)
class CapabilityGrant:
    """A capability, district-wide (``building_id`` None) or for one building, and the
    role it comes from (for the reason a page gives)."""

    capability: str
    building_id: str | None
    role: str


@dataclass(frozen=True)
class Principal:
    """The signed-in person, as permissions see them. ``table`` is the district pack's
    role table (:func:`lanyard.auth.roles.role_table`): it turns roles into capabilities."""

    person_id: str
    kind: str  # staff | student | parent | volunteer
    staff_role: str | None = None
    display_name: str = ""
    roles: frozenset[RoleGrant] = field(default_factory=frozenset)
    buildings: frozenset[str] = field(default_factory=frozenset)
    table: RoleTable = field(default_factory=lambda: SYSTEM_ROLES, compare=False, repr=False)

    def holds(self, *roles: str) -> bool:
        return any(grant.role in roles for grant in self.roles)

    @property
    def role_names(self) -> frozenset[str]:
        return frozenset(grant.role for grant in self.roles)

    def spec(self, role: str) -> RoleSpec | None:
        return SYSTEM_ROLES.get(role) or self.table.get(role)

    @cached_property
    def capabilities(self) -> frozenset[CapabilityGrant]:
        out: set[CapabilityGrant] = set()
        for grant in self.roles:
            spec = self.spec(grant.role)
            if spec is None:
                continue  # a role the pack no longer names grants nothing
            if grant.building_id is not None:
                where: Iterable[str | None] = (grant.building_id,)
            elif spec.scope == "building":
                where = self.buildings
            else:
                where = (None,)
            for capability in spec.capabilities:
                out.update(CapabilityGrant(capability, b, grant.role) for b in where)
        return frozenset(out)

    def district_grant(self, capability: str) -> CapabilityGrant | None:
        """The principal's district-wide grant of ``capability``, if any."""
        held = sorted(
            g for g in self.capabilities if g.capability == capability and g.building_id is None
        )
        return held[0] if held else None

    def building_grants(self, capability: str) -> dict[str, CapabilityGrant]:
        """The buildings the principal holds ``capability`` for, building by building."""
        out: dict[str, CapabilityGrant] = {}
        for g in sorted(self.capabilities):
            if g.capability == capability and g.building_id is not None:
                out.setdefault(g.building_id, g)
        return out

    def can(self, capability: str, building_id: str | None = None) -> CapabilityGrant | None:
        """The grant that lets the principal use ``capability`` district-wide or (with
        ``building_id``) for that building, or None."""
        district = self.district_grant(capability)
        if district is not None or building_id is None:
            return district
        return self.building_grants(capability).get(building_id)

    def role_name(self, role: str) -> str:
        spec = self.spec(role)
        return spec.name if spec else human(role)


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
    """The buildings whose people the principal may see (``read_directory`` per building)."""
    return frozenset(principal.building_grants(READ_DIRECTORY))


def _as(principal: Principal, grant: CapabilityGrant) -> str:
    return f"as {principal.role_name(grant.role)}"


def directory_scope(principal: Principal) -> DirectoryScope:
    district = principal.district_grant(READ_DIRECTORY)
    if district is not None:
        return DirectoryScope(
            True,
            frozenset(),
            principal.person_id,
            f"{_as(principal, district)} you see the whole district",
        )
    grants = principal.building_grants(READ_DIRECTORY)
    if grants:
        first = sorted(grants.values())[0]
        return DirectoryScope(
            False,
            frozenset(grants),
            principal.person_id,
            f"{_as(principal, first)} you see the people of your building(s)",
        )
    return DirectoryScope(
        False,
        frozenset(),
        principal.person_id,
        # someone holding district roles without the directory among them is told so
        "your roles do not include the directory: you see only yourself"
        if principal.roles
        else "without a building or district role you see only yourself",
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


def _district_capability(principal: Principal, capability: str, what: str) -> Permission:
    grant = principal.district_grant(capability)
    if grant is not None:
        return _allow(f"{_as(principal, grant)} you may {what}")
    return _deny(f"only a role the district's policy gives this duty may {what}")


def can_import(principal: Principal) -> Permission:
    return _district_capability(principal, IMPORT_DIRECTORY, "import the directory")


def can_read_audit(principal: Principal) -> Permission:
    return _district_capability(principal, READ_AUDIT, "read the audit log")


def can_manage_holds(principal: Principal) -> Permission:
    """Legal holds (place, lift, see their reasons): the records officer's duty. No pack
    names a records officer; the district-wide role that keeps the audit log (``read_audit``:
    the superintendent or designee, the technology administrator) holds it."""
    return _district_capability(principal, READ_AUDIT, "place and lift legal holds")


def can_export_records(principal: Principal) -> Permission:
    """Records exports on the web (FOIA, litigation): the records officer, as for holds."""
    return _district_capability(principal, READ_AUDIT, "export records")


def can_manage_roles(principal: Principal) -> Permission:
    """The Roles page: grant and revoke the pack's roles."""
    return _district_capability(principal, MANAGE_ROLES, "grant and revoke roles")


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
    if principal.holds(LANYARD_ADMIN):
        return _allow("as Lanyard administrator you see every case")
    return _deny("only the reporter and the people handling a case see it")


def can_handle_case(principal: Principal, *, handler_ids: Iterable[str]) -> Permission:
    """Acknowledge and close: only the people the case is routed or escalated to."""
    if principal.person_id in set(handler_ids):
        return _allow("the case is routed to you")
    return _deny("only the people the case is routed to acknowledge or close it")


# ------------------------------------------------- official accounts and credential escrow
#
# Holders of ``manage_accounts`` see and edit the official accounts of their scope (the
# district, or their buildings); owners and managers their own. Revealing an escrowed
# credential is narrower, ``reveal_credentials``: the packs give credentials to
# *administration* ("log-in information, usernames, passwords and names of sites must be
# shared with school administration", Naperville 203, Site Security; "give building
# administration the user name, passwords", Wilmette 39).


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
    return principal.district_grant(MANAGE_ACCOUNTS) is not None


def account_buildings(principal: Principal) -> frozenset[str]:
    """Buildings whose accounts the principal administers."""
    return frozenset(principal.building_grants(MANAGE_ACCOUNTS))


def can_manage_account(
    principal: Principal,
    *,
    owner_id: str,
    manager_ids: Iterable[str],
    building_id: str | None,
) -> Permission:
    """See and edit an official account (managers, purpose, escrow a new password)."""
    district = principal.district_grant(MANAGE_ACCOUNTS)
    if district:
        return _allow(f"{_as(principal, district)} you manage the district's official accounts")
    building = principal.can(MANAGE_ACCOUNTS, building_id) if building_id else None
    if building:
        return _allow(f"{_as(principal, building)} you oversee your building's official accounts")
    if principal.person_id == owner_id:
        return _allow("you own this account")
    if principal.person_id in frozenset(manager_ids):
        return _allow("you manage this account")
    return _deny("only the account's owner and managers and its administrators see it")


def can_reveal_credential(principal: Principal, *, building_id: str | None) -> Permission:
    """Reveal an escrowed credential: the roles the policy gives credentials to, for the
    district or the account's building, with a reason."""
    district = principal.district_grant(REVEAL_CREDENTIALS)
    if district:
        return _allow(f"{_as(principal, district)} you may reveal escrowed credentials")
    building = principal.can(REVEAL_CREDENTIALS, building_id) if building_id else None
    if building:
        return _allow(f"{_as(principal, building)} you may reveal your building's credentials")
    return _deny(
        "only the roles the district's policy gives credentials to (for the district or the "
        "account's building) may reveal a credential"
    )


# -- comment moderation and archive (issue 5) ------------------------------------------------


@dataclass(frozen=True)
class ModerationScope:
    """Whose comments a principal moderates: every account (a district-wide moderation
    role), the accounts of some buildings (a moderation role held for a building), and
    the accounts they manage."""

    all_accounts: bool
    building_ids: frozenset[str]
    account_ids: frozenset[str]
    reason: str
    # the roles that moderate in the district's pack (to find the other moderators)
    moderator_roles: frozenset[str] = frozenset({LANYARD_ADMIN})

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
    roles = roles_with(principal.table, MODERATE)
    district = principal.district_grant(MODERATE)
    if district:
        return ModerationScope(
            True,
            frozenset(),
            managed,
            f"{_as(principal, district)} you moderate every account",
            roles,
        )
    buildings = frozenset(principal.building_grants(MODERATE))
    if buildings:
        return ModerationScope(
            False, buildings, managed, "you moderate your building's accounts", roles
        )
    if managed:
        return ModerationScope(
            False, frozenset(), managed, "you moderate the accounts you manage", roles
        )
    return ModerationScope(
        False,
        frozenset(),
        frozenset(),
        "only the roles the district's policy gives moderation and account managers "
        "moderate comments",
        roles,
    )


def roles_with(table: RoleTable, capability: str) -> frozenset[str]:
    """The role ids (the pack's and Lanyard's own) that carry ``capability``."""
    specs = [*table.values(), *SYSTEM_ROLES.values()]
    return frozenset(spec.id for spec in specs if capability in spec.capabilities)


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
    role = principal.role_name(approver_role)  # the pack's name for it, as the policy writes it
    if grant is None:
        if principal.holds(approver_role):
            return _deny(f"you are {role} for another building")
        return _deny(f"only {the(role)} decides this request")
    if requester_id is not None and requester_id == principal.person_id:
        return _deny("nobody approves their own request")
    where = "for the district" if grant.building_id is None else "for the building"
    return _allow(f"as {role} {where} you decide this request")


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
        return _allow(f"as {principal.role_name(approver_role)} you decide this request")
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
            return _allow(f"the policy tells the {principal.role_name(grant.role)} about it")
    return _deny("only the employee and the people the policy tells see a disclosure")


# -- communication audit (issue 12) ----------------------------------------------------------


@dataclass(frozen=True)
class ReviewScope:
    """Whose message findings a principal reviews: the whole district, or the findings of
    some buildings (a building-scoped review role)."""

    district: bool
    building_ids: frozenset[str]
    reason: str

    @property
    def empty(self) -> bool:
        return not self.district and not self.building_ids

    def covers(self, building_id: str | None) -> bool:
        return self.district or (building_id is not None and building_id in self.building_ids)


def review_scope(principal: Principal) -> ReviewScope:
    district = principal.district_grant(REVIEW_MESSAGES)
    if district is not None:
        return ReviewScope(
            True, frozenset(), f"{_as(principal, district)} you review the district's findings"
        )
    grants = principal.building_grants(REVIEW_MESSAGES)
    if grants:
        first = sorted(grants.values())[0]
        return ReviewScope(
            False,
            frozenset(grants),
            f"{_as(principal, first)} you review the findings of your building(s)",
        )
    return ReviewScope(
        False,
        frozenset(),
        "only the roles the district's policy gives the review of messages see findings",
    )


def can_review_messages(principal: Principal) -> Permission:
    """The communication-audit review queue and dashboard (of the principal's scope)."""
    if principal.kind != "staff":
        return _deny("the review of messages is for district staff")
    scope = review_scope(principal)
    return _deny(scope.reason) if scope.empty else _allow(scope.reason)
