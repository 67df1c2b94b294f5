"""Running Alembic migrations from code (``lanyard db upgrade``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head", *, audit_mac_keys: object = None) -> None:
    """``audit_mac_keys`` (a :class:`lanyard.crypto.KeyRing`): existing audit entries get
    their MAC when the migration that adds it runs."""
    config = alembic_config(url)
    config.attributes["audit_mac_keys"] = audit_mac_keys
    command.upgrade(config, revision)


def revision(url: str, message: str) -> None:
    """Autogenerate a migration from the models (developers only)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
