"""The communication audit's Celery task: one chunk of an import split for workers
(:mod:`lanyard.messages.distributed`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from lanyard.jobs.registry import task
from lanyard.messages.distributed import TASK, run_chunk
from lanyard.messages.service import review_settings
from lanyard.policy import load_pack

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


@task(TASK)
def import_chunk(*, services: Services, now: dt.datetime, ids: list[str]) -> int:
    """Evaluate and write the chunks named ``import_id:seq``; how many were written."""
    settings = services.settings
    return sum(
        run_chunk(
            services.db,
            task_id,
            review=review_settings(settings),
            load_pack=load_pack,
            district_domains=settings.district_domains,
        )
        for task_id in ids
    )
