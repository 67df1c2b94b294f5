"""OneRoster CSV 1.1 and 1.2 bulk packages (formats.md section 1)."""

from lanyard.connectors.oneroster.package import (
    Package,
    PackageError,
    PackageLimits,
    open_package,
)
from lanyard.connectors.oneroster.parser import Problem, RosterError, read_roster

__all__ = [
    "Package",
    "PackageError",
    "PackageLimits",
    "Problem",
    "RosterError",
    "open_package",
    "read_roster",
]
