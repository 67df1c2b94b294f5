"""Panels other features add to a case page: a registry.

A provider is a function ``(session, case, viewer) -> CasePanel | None``; register it with
``@case_panel`` in a module the app imports (a feature's ``views.py``). The case page calls
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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

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


def panels_for(session: Session, case: Case, viewer: Principal) -> list[CasePanel]:
    """The panels of ``case`` for ``viewer`` (who may see it: the caller checked)."""
    panels: list[CasePanel] = []
    for provider in PROVIDERS:
        panel = provider(session, case, viewer)
        if panel is not None:
            panels.append(panel)
    return panels
