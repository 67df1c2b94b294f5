"""An approval on file counts only within the limits its approver ticked, on SQLite and
PostgreSQL: a coach approved to text his team from his own phone (wilmette-39) is not told
his approval covers a text to one student; a fact a limit needs that he did not give is
asked for; what the approver wrote in words is a duty of the answer."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sqlalchemy import select

from lanyard.approvals.limits import LIMITS, clean_limits
from lanyard.audit.orm import AuditEntry
from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile, Person
from lanyard.mayi.approvals import CONDITIONS_WHEN
from lanyard.mayi.service import Answer, ask

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
FORM = "personal-technology-for-district-business"
TEAM_TEXT: dict[str, Any] = {
    "district": "wilmette-39",
    "actor": {"on_duty": True, "relationship": "none"},
    "action": "message",
    "purpose": "district_business",
    "channel": {
        "medium": "text_message",
        "account": "personal",
        "device": "personal",
        "network": "other",
        "district_alternative": False,
        "disappearing": False,
    },
    "counterparts": [
        {
            "role": "student",
            "count": 20,
            "account": "district",
            "initiated_contact": False,
            "contact_inappropriate": False,
        }
    ],
    "content": {
        "inappropriate": False,
        "copyrighted_material": False,
        "coworker_images": False,
        "student_images": False,
    },
}


def _coach(database: Database, *limits: str, conditions: str | None = None) -> str:
    with database.uow() as uow:
        coach = Person(kind="staff", staff_role="coach", given_name="Bo", family_name="Ray")
        uow.session.add(coach)
        uow.session.flush()
        uow.session.add(
            ApprovalOnFile(
                person_id=coach.id,
                form=FORM,
                granted_at=NOW - dt.timedelta(days=3),
                expires_at=NOW + dt.timedelta(days=300),
                limits=list(limits),
                conditions=conditions,
            )
        )
        uow.commit()
        return coach.id


def _ask(database: Database, coach: str, **counterpart: Any) -> Answer:
    draft = copy.deepcopy(TEAM_TEXT)
    for name, value in counterpart.items():
        if value is None:
            draft["counterparts"][0].pop(name)
        else:
            draft["counterparts"][0][name] = value
    with database.uow() as uow:
        return ask(uow=uow, asker_id=coach, draft=draft, counterpart_id=None, now=NOW)


def _covered(answer: Answer) -> bool:
    return any(f.satisfied_by == FORM for f in answer.decision.fired)


def test_the_vocabulary_compiles_and_refuses_what_it_does_not_know() -> None:
    assert {limit.id for limit in LIMITS} >= {
        "group_only",
        "students_district_accounts",
        "district_business_only",
        "district_account_only",
        "no_disappearing",
    }
    assert clean_limits(["no_disappearing", "group_only", "group_only"]) == (
        "group_only",
        "no_disappearing",
    )


def test_an_approval_for_groups_covers_the_team_but_not_one_student(database: Database) -> None:
    coach = _coach(database, "group_only")
    team = _ask(database, coach)
    assert team.decision.verdict == "allowed"
    assert _covered(team)
    assert team.limits_of[FORM] == ("groups only, not one student",)

    one = _ask(database, coach, count=1)
    assert one.decision.verdict == "prohibited"
    assert not _covered(one)  # never "No" and "your approval covers this" together
    (note,) = one.approval_notes
    assert note.status == "outside"
    assert note.outside == (("groups only, not one student", "this is to one person"),)


def test_a_limit_whose_fact_is_unknown_asks_for_it(database: Database) -> None:
    coach = _coach(database, "students_district_accounts")
    answer = _ask(database, coach, account=None)
    decision = answer.decision
    assert not _covered(answer)
    assert not decision.settled
    assert decision.verdict == "needs_approval"  # not yet covered: never milder
    assert "counterparts.account" in decision.needs_facts
    first = decision.deciding_question
    assert first is not None and first.fact == "counterparts.account"
    leads = {o.value: o.verdict for o in first.outcomes}
    assert leads == {"district": "allowed", "personal": "needs_approval"}
    (note,) = answer.approval_notes
    assert note.status == "unknown" and note.facts == ("counterparts.account",)

    told = _ask(database, coach, account="district")
    assert told.decision.verdict == "allowed" and _covered(told)


def test_conditions_in_words_are_a_duty_of_the_answer(database: Database) -> None:
    words = "Team announcements only, to the team's district accounts."
    coach = _coach(database, "group_only", conditions=words)
    answer = _ask(database, coach)
    assert answer.decision.verdict == "allowed_with_obligations"
    duty = next(o for o in answer.decision.obligations if o.when == CONDITIONS_WHEN)
    assert (duty.do, duty.what, duty.strength) == ("verify", words, "must")
    # The answer kept for replay is the one shown, with the limits weighed.
    with database.uow() as uow:
        kept = uow.session.scalars(
            select(AuditEntry.after).where(AuditEntry.event == "decision:asked")
        ).one()
    assert kept is not None
    assert kept["decision"] == answer.decision.to_dict()
    assert kept["approvals"] == [
        {"form": FORM, "limits": ["group_only"], "status": "counts", "outside": [], "unknown": []}
    ]
    # Outside the limits, the conditions are not a duty: the approval does not count.
    one = _ask(database, coach, count=1)
    assert all(o.when != CONDITIONS_WHEN for o in one.decision.obligations)
    with database.uow() as uow:
        kept_one = uow.session.scalars(
            select(AuditEntry.after)
            .where(AuditEntry.event == "decision:asked")
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert kept_one is not None
    assert kept_one["situation"]["actor"]["approvals"] == []
