"""The notifiers: console (embedded default) and SMTP (production), picked by a setting."""

from __future__ import annotations

import smtplib
import sys
from email.message import EmailMessage
from typing import TextIO
from urllib.parse import unquote, urlsplit

from lanyard.notify.base import Email, Notifier, PermanentError, TransientError


class ConsoleNotifier:
    """Writes each e-mail to a stream (standard output by default)."""

    def __init__(self, stream: TextIO | None = None, sender: str = "lanyard@localhost") -> None:
        self.stream = stream or sys.stdout
        self.sender = sender

    def send(self, email: Email) -> None:
        self.stream.write(
            f"--- e-mail from {self.sender} to {email.to}\nSubject: {email.subject}\n\n"
            f"{email.body}\n--- end of e-mail\n"
        )
        self.stream.flush()


class SmtpNotifier:
    """Sends through an SMTP server: ``smtp://user:pass@host:port`` (``smtps://`` for TLS,
    ``smtp+starttls://`` to upgrade)."""

    def __init__(self, url: str, sender: str, timeout: float = 10.0) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps", "smtp+starttls") or not parts.hostname:
            raise ValueError("LANYARD_SMTP_URL: use smtp://host:port, smtps:// or smtp+starttls://")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port or (465 if parts.scheme == "smtps" else 25)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.sender = sender
        self.timeout = timeout

    def send(self, email: Email) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = email.to
        message["Subject"] = email.subject
        message.set_content(email.body)
        smtp_class = smtplib.SMTP_SSL if self.scheme == "smtps" else smtplib.SMTP
        try:
            with smtp_class(self.host, self.port, timeout=self.timeout) as smtp:
                if self.scheme == "smtp+starttls":
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if all(500 <= code < 600 for code in codes):
                raise PermanentError(f"recipient refused ({codes[0]})") from None
            raise TransientError(f"recipient deferred ({codes[0]})") from None
        except smtplib.SMTPResponseException as exc:
            kind = PermanentError if 500 <= exc.smtp_code < 600 else TransientError
            raise kind(f"SMTP {exc.smtp_code}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}") from None


def build_notifier(kind: str, smtp_url: str | None, sender: str) -> Notifier:
    if kind == "console":
        return ConsoleNotifier(sender=sender)
    if kind == "smtp":
        if not smtp_url:
            raise ValueError("LANYARD_SMTP_URL is required when LANYARD_MAILER=smtp")
        return SmtpNotifier(smtp_url, sender)
    raise ValueError(f"LANYARD_MAILER: {kind!r} is not console or smtp")
