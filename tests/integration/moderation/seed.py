"""Moderators and official accounts on top of the small test district."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lanyard.auth.orm import Account
from lanyard.auth.permissions import ModerationScope, Principal, moderation_scope
from lanyard.auth.roles import role_table
from lanyard.auth.service import principal_for
from lanyard.db.session import Database
from lanyard.directory.orm import Person, PersonBuilding, RoleAssignment
from lanyard.official_accounts.orm import OfficialAccount, OfficialAccountManager
from tests.support.district import DOMAIN, District, password_hash, seed_district

NOW = dt.datetime(2026, 11, 23, 21, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Moderation:
    district: District
    site_manager: str  # Sue Site, site_manager district-wide (username sue)
    building_admin: str  # Bea Bldg, building_administration of North (username bea)
    district_admin: str  # Dan Dist, district_administration (username dan)
    north_page: str  # Facebook page of North Elementary
    south_insta: str  # Instagram of South Middle, managed by Steve South


def _staff(session: object, given: str, family: str, building: str, username: str) -> Person:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    person = Person(
        kind="staff",
        staff_role="staff",
        given_name=given,
        family_name=family,
        email=f"{given}.{family}@{DOMAIN}".lower(),
        primary_building_id=building,
    )
    session.add(person)
    session.flush()
    session.add(PersonBuilding(person_id=person.id, building_id=building))
    session.add(Account(person_id=person.id, username=username, password_hash=password_hash()))
    return person


def seed_moderation(db: Database, district: District | None = None) -> Moderation:
    district = district or seed_district(db)
    with db.uow() as uow:
        s = uow.session
        sue = _staff(s, "Sue", "Site", district.north, "sue")
        bea = _staff(s, "Bea", "Bldg", district.north, "bea")
        dan = _staff(s, "Dan", "Dist", district.north, "dan")
        s.add_all(
            [
                # Sue moderates under either pack the tests run: Naperville 203's site
                # manager and Wilmette 39's complaint manager both carry `moderate`.
                RoleAssignment(person_id=sue.id, role="site_manager"),
                RoleAssignment(person_id=sue.id, role="complaint_manager"),
                RoleAssignment(
                    person_id=bea.id, role="building_administration", building_id=district.north
                ),
                RoleAssignment(person_id=dan.id, role="district_administration"),
            ]
        )
        north = OfficialAccount(
            pack_id="wilmette-39",
            platform="facebook",
            handle="@north.elementary",
            url="https://www.facebook.com/north.elementary",
            purpose="North Elementary news, events, sports, concerts and the book fair",
            building_id=district.north,
            owner_id=district.principal,
            created_with_email=f"paula.prince@{DOMAIN}",
            created_at=NOW - dt.timedelta(days=100),
        )
        south = OfficialAccount(
            pack_id="wilmette-39",
            platform="instagram",
            handle="@south.middle",
            url="https://www.instagram.com/south.middle",
            purpose="South Middle School athletics and events",
            building_id=district.south,
            owner_id=district.south_teacher,
            created_with_email=f"steve.south@{DOMAIN}",
            created_at=NOW - dt.timedelta(days=100),
        )
        s.add_all([north, south])
        s.flush()
        s.add(OfficialAccountManager(account_id=south.id, person_id=district.south_teacher))
        uow.commit()
        return Moderation(district, sue.id, bea.id, dan.id, north.id, south.id)


def principal(db: Database, person_id: str, pack: str = "naperville-203") -> Principal:
    """The person as the web app sees them under ``pack`` (the roles above are Naperville
    203's: a site manager, building administration, district administration)."""
    with db.uow() as uow:
        found = principal_for(uow.session, person_id, table=role_table(pack))
    assert found is not None
    return found


def scope_of(db: Database, person_id: str, managed: tuple[str, ...] = ()) -> ModerationScope:
    return moderation_scope(principal(db, person_id), managed_account_ids=managed)
