"""Every ORM module, imported so that the metadata is complete (migrations, checks)."""

from lanyard.acknowledgments import orm as acknowledgments_orm  # noqa: F401
from lanyard.approvals import orm as approvals_orm  # noqa: F401
from lanyard.audit import orm as audit_orm
from lanyard.auth import orm as auth_orm
from lanyard.cases import orm as cases_orm  # noqa: F401
from lanyard.db.base import Base
from lanyard.directory import orm as directory_orm
from lanyard.jobs import orm as jobs_orm  # noqa: F401
from lanyard.messages import orm as messages_orm  # noqa: F401
from lanyard.moderation import orm as moderation_orm  # noqa: F401
from lanyard.moderation import platform_orm  # noqa: F401
from lanyard.notify import orm as notify_orm
from lanyard.official_accounts import orm as official_accounts_orm  # noqa: F401
from lanyard.prepub import orm as prepub_orm  # noqa: F401
from lanyard.records import orm as records_orm  # noqa: F401

__all__ = ["Base", "audit_orm", "auth_orm", "directory_orm", "notify_orm"]
