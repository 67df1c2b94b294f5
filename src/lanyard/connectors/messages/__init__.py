"""Message-log connectors: Gmail logs, Microsoft 365 message trace, Canvas conversations
and a generic CSV, each streaming normalized records (formats.md 4.4)."""

from lanyard.connectors.messages.base import MessageLogError, MessageRecord
from lanyard.connectors.messages.registry import connector, registered

__all__ = ["MessageLogError", "MessageRecord", "connector", "registered"]
