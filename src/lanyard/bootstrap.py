"""Wiring: settings in, the objects the app, CLI and jobs share out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from lanyard.config import Settings
from lanyard.db.session import Database


@dataclass
class Services:
    settings: Settings

    @cached_property
    def db(self) -> Database:
        return Database(self.settings.database_url)


def services(settings: Settings | None = None) -> Services:
    return Services(settings or Settings())
