"""The small seeded district on both databases, with Tina's seeded approval revoked so that
her requests start from nothing on file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile, RoleAssignment
from tests.support.district import District, seed_district

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def district(database: Database) -> District:
    seeded = seed_district(database)
    with database.uow() as uow:
        uow.session.execute(update(ApprovalOnFile).values(revoked=True))
        # Ada is also the district's superintendent's designee (district-wide).
        uow.session.add(RoleAssignment(person_id=seeded.admin, role="superintendent_or_designee"))
        uow.session.add(
            RoleAssignment(
                person_id=seeded.south_teacher, role="director_of_technology", building_id=None
            )
        )
        uow.commit()
    return seeded
