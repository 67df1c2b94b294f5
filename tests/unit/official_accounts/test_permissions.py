"""Who sees an official account and who may reveal its credential."""

from __future__ import annotations

from lanyard.auth.permissions import (
    Principal,
    RoleGrant,
    can_manage_account,
    can_register_account,
    can_reveal_credential,
)
from lanyard.auth.roles import role_table

# communications roles and building administration are Naperville 203's
TABLE = {**role_table("chsd-230"), **role_table("naperville-203")}


def _p(*roles: tuple[str, str | None], pid: str = "me", kind: str = "staff") -> Principal:
    return Principal(pid, kind, roles=frozenset(RoleGrant(r, b) for r, b in roles), table=TABLE)


def _manage(principal: Principal, building: str | None = "north") -> bool:
    return bool(
        can_manage_account(principal, owner_id="owner", manager_ids=["mgr"], building_id=building)
    )


def test_owner_manager_and_district_communications_see_the_account() -> None:
    assert _manage(_p(pid="owner"))
    assert _manage(_p(pid="mgr"))
    assert _manage(_p(("communications_department", None)))
    assert _manage(_p(("site_manager", None)))


def test_building_principal_sees_only_their_buildings_accounts() -> None:
    paula = _p(("building_principal", "north"))
    assert _manage(paula, "north")
    assert not _manage(paula, "south")
    assert not _manage(paula, None)


def test_another_teacher_sees_nothing() -> None:
    answer = can_manage_account(_p(), owner_id="owner", manager_ids=["mgr"], building_id="north")
    assert not answer and "owner and managers" in answer.reason


def test_reveal_is_for_administration_not_the_owner_or_communications() -> None:
    assert can_reveal_credential(_p(("lanyard_admin", None)), building_id=None)
    assert can_reveal_credential(_p(("director_of_technology", None)), building_id="north")
    assert can_reveal_credential(_p(("building_principal", "north")), building_id="north")
    assert not can_reveal_credential(_p(("building_principal", "north")), building_id="south")
    assert not can_reveal_credential(_p(("communications_department", None)), building_id=None)
    assert not can_reveal_credential(_p(pid="owner"), building_id="north")


def test_only_employees_register_accounts() -> None:
    assert can_register_account(_p())
    assert not can_register_account(_p(kind="student"))
