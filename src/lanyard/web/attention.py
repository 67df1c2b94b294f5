""" "What needs my attention" on the home page: a registry of attention providers.

A provider is a function ``(context) -> Iterable[AttentionItem]``; register it with
``@attention_provider`` in a module the app imports (a feature's ``views.py``), the way
the built-in one below is registered. Providers run in registration order; each gets a
read-only database session, the principal and the clock, and must not commit.

    from lanyard.web.attention import AttentionContext, AttentionItem, attention_provider

    @attention_provider
    def requests_awaiting_me(ctx: AttentionContext) -> Iterable[AttentionItem]:
        for req in pending_for(ctx.session, ctx.principal):
            yield AttentionItem("Request awaiting your approval", req.title,
                                href=f"/requests/{req.id}", urgent=True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.auth.permissions import Principal
from lanyard.directory.orm import ApprovalOnFile


@dataclass(frozen=True)
class AttentionContext:
    session: Session
    principal: Principal
    now: dt.datetime
    zone: dt.tzinfo = dt.UTC  # the district's time zone: show times in it (:meth:`when`)

    def when(self, at: dt.datetime, fmt: str = "%B %-d, %H:%M") -> str:
        """A stored time as the district reads it, with the zone's abbreviation."""
        return utc(at).astimezone(self.zone).strftime(fmt + " %Z")


@dataclass(frozen=True)
class AttentionItem:
    title: str
    detail: str = ""
    href: str | None = None
    urgent: bool = False
    # For a notification: the page it is about. When a task already leads there (the
    # report to acknowledge, the request to decide, the policy to sign), the two are one
    # item: the task's words, opened through the notification (which marks it read).
    about: str | None = None


AttentionProvider = Callable[[AttentionContext], Iterable[AttentionItem]]
# Given links (``/reports/cases/ID``), say which point to something settled (a closed
# case, a decided request) and since when: {link: settled_at}.
SettledLinks = Callable[[Session, Sequence[str]], Mapping[str, dt.datetime]]

PROVIDERS: list[AttentionProvider] = []
SETTLED: list[SettledLinks] = []


def settled_links(check: SettledLinks) -> SettledLinks:
    """Register a feature's check: a home item (a notification) about something that has
    since been settled no longer needs anyone's attention and leaves the home page."""
    if check not in SETTLED:
        SETTLED.append(check)
    return check


def settled_since(session: Session, links: Sequence[str]) -> dict[str, dt.datetime]:
    found: dict[str, dt.datetime] = {}
    if links:
        for check in SETTLED:
            found.update(check(session, links))
    return found


def utc(at: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back: they are UTC."""
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def attention_provider(provider: AttentionProvider) -> AttentionProvider:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def collect(context: AttentionContext) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for provider in PROVIDERS:
        items.extend(provider(context))
    return merge(items)


def merge(items: list[AttentionItem]) -> list[AttentionItem]:
    """One item per thing to do, urgent first. A notification about a task another item
    already leads to ("New report for you" beside "Report to acknowledge", "A request
    awaits your decision" beside the request itself) is not a second item: the task keeps
    its words, takes the notification's urgency, and is opened through the notification,
    so that opening it still marks the notification read (a threat's recipients are seen
    to have opened it)."""
    tasks = {item.href: item for item in items if item.about is None and item.href}
    folded: dict[str, AttentionItem] = {}  # task href -> the first notification about it
    for item in items:
        if item.about is not None and item.about in tasks:
            folded.setdefault(item.about, item)
    merged: list[AttentionItem] = []
    for item in items:
        if item.about is not None and item.about in tasks:
            continue
        note = folded.get(item.href or "") if item.about is None else None
        if note is not None:
            item = replace(item, href=note.href, urgent=item.urgent or note.urgent)
        merged.append(item)
    return sorted(merged, key=lambda item: not item.urgent)


EXPIRY_NOTICE = dt.timedelta(days=30)


@attention_provider
def approvals_expiring(ctx: AttentionContext) -> Iterable[AttentionItem]:
    """Approvals on file that have expired or expire within 30 days."""
    approvals = ctx.session.scalars(
        select(ApprovalOnFile).where(
            ApprovalOnFile.person_id == ctx.principal.person_id,
            ApprovalOnFile.revoked.is_(False),
            ApprovalOnFile.expires_at.is_not(None),
            ApprovalOnFile.expires_at <= ctx.now + EXPIRY_NOTICE,
        )
    )
    for approval in approvals:
        if approval.expires_at is None:
            continue
        if approval.expires_at <= ctx.now:
            yield AttentionItem(
                f"Your {approval.form} approval has expired",
                f"It expired on {approval.expires_at:%B %-d, %Y}. Ask for it again before "
                "you rely on it.",
                urgent=True,
            )
        elif approval.expires_at - ctx.now <= EXPIRY_NOTICE:
            yield AttentionItem(
                f"Your {approval.form} approval expires soon",
                f"It expires on {approval.expires_at:%B %-d, %Y}.",
            )
