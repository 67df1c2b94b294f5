"""Wiring: settings in, the objects the app, CLI and jobs share out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from lanyard.auth.sessions import (
    STORE_INFO_KEY,
    DatabaseSessionStore,
    RedisSessionStore,
    SessionStore,
)
from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.local_time import ZONE_INFO_KEY
from lanyard.notify.base import Notifier
from lanyard.notify.mailers import build_notifier
from lanyard.notify.service import send_pending


@dataclass
class Services:
    settings: Settings

    @cached_property
    def db(self) -> Database:
        from lanyard.audit.keys import SESSION_INFO_KEY, mac_keys_from_settings

        audit_keys = mac_keys_from_settings(self.settings)
        return Database(
            self.settings.database_url,
            info={
                SESSION_INFO_KEY: audit_keys,
                STORE_INFO_KEY: self._redis_sessions,
                ZONE_INFO_KEY: ZoneInfo(self.settings.time_zone),
            },
        )

    @cached_property
    def _redis_sessions(self) -> RedisSessionStore | None:
        url = self.settings.session_redis_url
        return RedisSessionStore(url) if url else None

    @cached_property
    def sessions(self) -> SessionStore:
        """Where web sessions are kept: Redis when configured, else the database."""
        return self._redis_sessions or DatabaseSessionStore(self.db)

    @cached_property
    def notifier(self) -> Notifier:
        s = self.settings
        return build_notifier(s.mailer, s.smtp_url, s.mail_from)

    def deliver(self, notification_ids: list[str]) -> None:
        """The after-commit hook of :func:`lanyard.notify.service.notify`: mail them now
        (in-process runner); whatever fails transiently stays pending for a retry."""
        send_pending(
            self.db,
            self.notifier,
            now=self.clock(),
            ids=notification_ids,
            base_url=self.settings.public_url,
        )

    def clock(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


def services(settings: Settings | None = None) -> Services:
    """The shared services; refuses (:class:`~lanyard.crypto.startup.MissingSecret`) when
    a secret Lanyard needs is not configured."""
    from lanyard.crypto.startup import resolve_secrets
    from lanyard.moderation.classifiers.minilm_onnx import use_cache_dir

    resolved = resolve_secrets(settings or Settings())
    use_cache_dir(resolved.model_cache_dir)  # where the sentence encoder's model is built
    return Services(resolved)
