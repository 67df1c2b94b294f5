"""Periodic work of reports and cases: escalating overdue cases."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from lanyard.audit.service import AuditEvent, record
from lanyard.cases import domain
from lanyard.cases.orm import Case
from lanyard.cases.routing import Deliver, deadline_words, holders, tell
from lanyard.db.session import UnitOfWork
from lanyard.jobs.registry import periodic
from lanyard.local_time import district_zone
from lanyard.policy import load_pack

if TYPE_CHECKING:
    from lanyard.bootstrap import Services


def escalate_overdue(*, uow: UnitOfWork, now: dt.datetime, deliver: Deliver | None = None) -> int:
    """Move every unacknowledged case past its deadline one step up the ladder (a fresh
    deadline of the same length), telling the new handlers. Claims each case with a
    conditional update, so two runners never escalate one twice."""
    session = uow.session
    due = list(
        session.scalars(
            select(Case).where(Case.state == domain.CaseState.OPEN, Case.ack_due_at <= now)
        )
    )
    count = 0
    for case in due:
        pack = load_pack(case.pack_id).document
        try:
            report_type = domain.report_type(pack, case.report_type)
        except domain.CaseProblem:
            continue
        routed = domain.routed_roles(report_type)
        ladder = [
            r
            for r in domain.escalation_ladder((r.id for r in pack.roles), routed)
            if r not in case.roles
        ]
        step = domain.next_escalation(
            state=case.state,
            ack_due_at=case.ack_due_at,
            level=0,
            ladder=ladder,
            window=domain.ack_window(report_type),
            now=now,
        )
        if step is None:
            continue
        claimed = session.execute(
            update(Case)
            .where(
                Case.id == case.id,
                Case.state == domain.CaseState.OPEN,
                Case.ack_due_at == case.ack_due_at,
            )
            .values(
                ack_due_at=step.ack_due_at,
                escalated_at=now,
                escalation_level=Case.escalation_level + 1,
                roles=[*case.roles, step.role],
            )
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            continue
        session.refresh(case)
        record(
            session,
            event=AuditEvent.CASE_ESCALATED,
            subject_type="case",
            subject_id=case.id,
            now=now,
            building_id=case.building_id,
            after={
                "role": step.role,
                "level": case.escalation_level,
                "ack_due_at": step.ack_due_at.isoformat(),
            },
        )
        tell(
            uow,
            holders(session, [step.role], case.building_id),
            subject=f"Overdue report escalated to you: {case.title}"[:200],
            body=(
                f"A report was not acknowledged in time and has been escalated to you. "
                "Please acknowledge it by "
                f"{deadline_words(step.ack_due_at, district_zone(session))}."
            ),
            case_id=case.id,
            now=now,
            deliver=deliver,
        )
        count += 1
    uow.commit()
    return count


@periodic("cases.escalate_overdue", every=dt.timedelta(minutes=5))
def escalate_overdue_cases(*, services: Services, now: dt.datetime) -> int:
    """Escalate unacknowledged cases past their deadline one step up the ladder."""
    with services.db.uow(write=True) as uow:
        return escalate_overdue(uow=uow, now=now, deliver=services.deliver)
