"""Acting on the platforms themselves: hide, delete and reply to a comment, and read new
comments, through each platform's API with the account's escrowed access token.

One small client per platform behind :class:`PlatformClient`, listed in the registry the
way a third party would add one (``register(MyClient())``)."""

from lanyard.connectors.platforms.base import (
    ErrorKind,
    PlatformClient,
    PlatformError,
    PollPage,
    Target,
)
from lanyard.connectors.platforms.registry import client, register, registered

__all__ = [
    "ErrorKind",
    "PlatformClient",
    "PlatformError",
    "PollPage",
    "Target",
    "client",
    "register",
    "registered",
]
