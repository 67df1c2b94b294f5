"""Destinations from the official-accounts registry: the accounts a draft may go to, and
one chosen by id, handle or address for the check."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lanyard.official_accounts.domain import platform_name
from lanyard.official_accounts.orm import OfficialAccount, OfficialAccountManager
from lanyard.prepub.destinations import Destination, account_destination, destination


def _as_destination(account: OfficialAccount) -> Destination:
    return account_destination(
        account_id=account.id, platform=account.platform, handle=account.handle,
        url=account.url, building_id=account.building_id,
        platform_name=platform_name(account.platform),
    )  # fmt: skip


def destinations_for(
    session: Session, *, person_id: str, buildings: Iterable[str]
) -> list[Destination]:
    """The website, a newsletter and social media in general, then the active official
    accounts: first those of the district (no building), of ``buildings`` and those the
    person owns or manages, then every other building's (whoever may check a post reads
    every student's consents district-wide, and the district's communications staff post
    for every school), each group by platform and handle."""
    managed = set(
        session.scalars(
            select(OfficialAccountManager.account_id).where(
                OfficialAccountManager.person_id == person_id
            )
        )
    )
    home = set(buildings)
    accounts = session.scalars(
        select(OfficialAccount)
        .where(OfficialAccount.active.is_(True))
        .order_by(OfficialAccount.platform, OfficialAccount.handle)
    ).all()

    def theirs(account: OfficialAccount) -> bool:
        return (
            account.building_id is None
            or account.building_id in home
            or account.owner_id == person_id
            or account.id in managed
        )

    ordered = sorted(accounts, key=lambda a: not theirs(a))  # stable: platform, handle kept
    generic = [destination(to) for to in ("website", "newsletter", "social")]
    return [*generic, *(_as_destination(a) for a in ordered)]


def find_destination(session: Session, *, to: str | None, account: str | None) -> Destination:
    """The destination of a check: an official account (by id, handle or address; it must
    be active) or a kind (website, social, newsletter). Given both, they must agree. An
    unknown account is a :class:`LookupError`, a mismatch a :class:`ValueError`."""
    if account is None:
        if to is None:
            raise ValueError("give to (website, social or newsletter) or account")
        return destination(to)
    key = account.strip()
    found = session.get(OfficialAccount, key)
    if found is None:
        named = list(
            session.scalars(
                select(OfficialAccount).where(
                    OfficialAccount.active.is_(True),
                    or_(OfficialAccount.handle == key, OfficialAccount.url == key),
                )
            )
        )
        if len(named) > 1:
            raise LookupError(f"{len(named)} official accounts answer to {key!r}: give its id")
        found = named[0] if named else None
    if found is None or not found.active:
        raise LookupError(f"no active official account {key!r} in the registry")
    where = _as_destination(found)
    if to is not None and to != where.to:
        raise ValueError(f"account {key!r} is a {found.platform} account ({where.to}), not {to!r}")
    return where
