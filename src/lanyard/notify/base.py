"""The notifier interface: one e-mail out, errors typed transient or permanent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str


class TransientError(Exception):
    """Worth retrying later (connection refused, 4xx from the server)."""


class PermanentError(Exception):
    """Will never succeed as it is (no address, 5xx recipient refused)."""


class Notifier(Protocol):
    def send(self, email: Email) -> None: ...
