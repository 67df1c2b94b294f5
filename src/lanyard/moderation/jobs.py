"""Background work of moderation: the calls to the platforms and intake by polling.

- task ``moderation.platform_action``: sent after a decision commits (after the undo window
  for a delete), runs the named platform actions;
- ``moderation.platform_actions`` (every minute): whatever is due, retries after backoff,
  anything a lost delivery left behind;
- ``moderation.poll_accounts`` (every minute): each account whose polling round is due;
- ``moderation.refresh_tokens`` (every hour): renews the access tokens that expire soon
  (:mod:`lanyard.moderation.tokens`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lanyard.crypto import keyring_from_settings
from lanyard.jobs.dispatch import send
from lanyard.jobs.registry import periodic, task
from lanyard.moderation import platform_actions, polling, tokens

if TYPE_CHECKING:
    from lanyard.bootstrap import Services

TASK = "moderation.platform_action"


def sender(services: Services) -> platform_actions.Send:
    """The after-commit hook that sends platform actions to the job runner."""

    def send_actions(ids: list[str], delay: float) -> None:
        send(services, TASK, ids, delay=delay)

    return send_actions


@task(TASK)
def run_platform_actions(*, services: Services, now: dt.datetime, ids: list[str]) -> int:
    counts = platform_actions.run_due(
        db=services.db,
        keyring=keyring_from_settings(services.settings),
        settings=services.settings,
        now=now,
        ids=ids,
    )
    return sum(counts.values())


@periodic("moderation.platform_actions", every=dt.timedelta(minutes=1))
def platform_actions_due(*, services: Services, now: dt.datetime) -> int:
    """Hide, delete and reply on the platforms: what is due, retries after backoff."""
    due = platform_actions.due_ids(services.db, now)
    if not due:  # nothing to open the key ring for
        return 0
    counts = platform_actions.run_due(
        db=services.db,
        keyring=keyring_from_settings(services.settings),
        settings=services.settings,
        now=now,
        ids=due,
    )
    return sum(counts.values())


@periodic("moderation.poll_accounts", every=dt.timedelta(minutes=1))
def poll_accounts(*, services: Services, now: dt.datetime) -> int:
    """Read new comments from each account whose polling round is due."""
    if not polling.due_accounts(services.db, now):
        return 0
    results = polling.poll_due(
        db=services.db,
        keyring=keyring_from_settings(services.settings),
        settings=services.settings,
        pack_id=services.settings.pack,
        now=now,
        deliver=services.deliver,
    )
    return sum(r.added for r in results)


@periodic("moderation.refresh_tokens", every=dt.timedelta(hours=1))
def refresh_tokens(*, services: Services, now: dt.datetime) -> int:
    """Renew the platforms' access tokens that expire soon (or that the platform refused)."""
    if not tokens.due_accounts(services.db, services.settings, now):
        return 0  # nothing to open the key ring for
    outcomes = tokens.refresh_due(
        db=services.db,
        keyring=keyring_from_settings(services.settings),
        settings=services.settings,
        now=now,
    )
    return sum(1 for o in outcomes if o.refreshed)
