from __future__ import annotations

import pytest

from lanyard.db.session import Database
from tests.integration.moderation.seed import Moderation, seed_moderation


@pytest.fixture
def mod(database: Database) -> Moderation:
    return seed_moderation(database)
