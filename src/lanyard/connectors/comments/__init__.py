"""Comments on district accounts: platform exports, API responses and webhooks
(formats.md section 3) read into one normalized :class:`CommentRecord`."""

from lanyard.connectors.comments.base import CommentConnector, CommentError, CommentRecord
from lanyard.connectors.comments.registry import connector, registered

__all__ = ["CommentConnector", "CommentError", "CommentRecord", "connector", "registered"]
