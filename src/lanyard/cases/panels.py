"""Panels other features add to a case page: a registry.

A provider is a function ``(session, case, viewer) -> CasePanel | None``; register it with
``@case_panel`` in the feature's ``case_panel`` module (``lanyard.<feature>.case_panel``).
:func:`panels_for` imports every feature's ``case_panel`` module before it asks, the way the
job runner finds ``jobs`` modules, so a case shows its panels in any process (web, CLI, a
job, a test) whatever was imported before. The case page calls
the providers only for a viewer who may see the case (checked first, and the read audited),
so a panel shows what the case is about to exactly the people the case is routed to, its
reporter and the Lanyard administrators, and to nobody else. Providers must not commit.

    @case_panel
    def the_comment(session, case, viewer):
        if case.source != "moderation":
            return None
        return CasePanel("moderation/case_comment.html", {"comment": ...})
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

import lanyard
from lanyard.auth.permissions import Principal
from lanyard.cases.orm import Case


@dataclass(frozen=True)
class CasePanel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


CasePanelProvider = Callable[[Session, Case, Principal], CasePanel | None]

PROVIDERS: list[CasePanelProvider] = []


def case_panel(provider: CasePanelProvider) -> CasePanelProvider:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


_DISCOVERED = False


def discover() -> list[CasePanelProvider]:
    """Import every feature's ``case_panel`` module so its providers register (once)."""
    global _DISCOVERED
    if not _DISCOVERED:
        for info in pkgutil.iter_modules(lanyard.__path__):
            if not info.ispkg:
                continue
            name = f"lanyard.{info.name}.case_panel"
            try:
                importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
        _DISCOVERED = True
    return list(PROVIDERS)


def panels_for(session: Session, case: Case, viewer: Principal) -> list[CasePanel]:
    """The panels of ``case`` for ``viewer`` (who may see it: the caller checked)."""
    discover()
    panels: list[CasePanel] = []
    for provider in PROVIDERS:
        panel = provider(session, case, viewer)
        if panel is not None:
            panels.append(panel)
    return panels
