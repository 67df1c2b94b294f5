"""The district pack's roles as permissions see them, and role management (grant, revoke).

:func:`role_table` turns a pack's ``roles:`` (each with ``capabilities`` and ``scope``)
into the table a :class:`~lanyard.auth.permissions.Principal` carries; :func:`role_label`
is the one plain name of a role id used on every page.
"""

from __future__ import annotations

from functools import cache
from types import MappingProxyType

from lanyard.auth.permissions import SYSTEM_ROLES, RoleSpec, RoleTable, human
from lanyard.policy import load_pack


@cache
def role_table(pack_id: str) -> RoleTable:
    """The pack's roles (and Lanyard's own ``lanyard_admin``) by id."""
    table: dict[str, RoleSpec] = dict(SYSTEM_ROLES)
    for role in load_pack(pack_id).document.roles:
        table[role.id] = RoleSpec(role.id, role.name, frozenset(role.capabilities), role.scope)
    return MappingProxyType(table)


def role_label(table: RoleTable, role: str) -> str:
    """One plain name per role id, everywhere: the pack's ``name`` (or the id in words for
    a role the pack does not name)."""
    spec = table.get(role)
    return spec.name if spec else human(role)
