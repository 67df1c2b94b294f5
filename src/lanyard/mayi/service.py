"""The "may I?" use case: fill from the record, decide, and keep the decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from lanyard.audit import service as audit
from lanyard.audit.service import AuditEvent
from lanyard.db.hot import HotStatement
from lanyard.db.session import UnitOfWork
from lanyard.directory import service as directory
from lanyard.directory.orm import ApprovalOnFile, ParentLink, Person
from lanyard.mayi.approvals import (
    ApprovalCheck,
    ApprovalNote,
    weigh_approvals,
    with_approval_conditions,
    with_forms,
)
from lanyard.mayi.domain import FactFromRecord, HeldApproval, RecordFacts, fill_from_record
from lanyard.mayi.interpret import Interpretation, next_question, read
from lanyard.mayi.proposals import ModelServer, propose
from lanyard.mayi.understand import understand
from lanyard.policy import Decision, Situation, decide, load_pack
from lanyard.policy.decision import Dependence
from lanyard.prepub.domain import school_year_of
from lanyard.prepub.orm import Consent

_ROLE_OF_KIND = {"volunteer": "volunteer"}


@dataclass(frozen=True)
class Answer:
    situation: Situation
    decision: Decision
    from_record: tuple[FactFromRecord, ...]
    # Approvals on file a rule would accept but that do not count for this question.
    approval_notes: tuple[ApprovalNote, ...] = ()
    # The limits of each approval that counted (form -> their plain words).
    limits_of: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class AskerOnFile:
    """The asker's columns that the record's facts read (kind, staff role), when the caller
    has them already: a page's signed-in person was read with the session moments before,
    so an ask from the web does not read them again."""

    kind: str
    staff_role: str | None


def record_facts(
    uow: UnitOfWork,
    *,
    asker_id: str,
    counterpart_id: str | None,
    now: dt.datetime,
    asker_on_file: AskerOnFile | None = None,
) -> RecordFacts:
    session = uow.session
    asker = asker_on_file or _person_facts(session, asker_id)
    if asker is None:
        return RecordFacts()
    role = _ROLE_OF_KIND.get(asker.kind, asker.staff_role)
    held = tuple(
        HeldApproval(a.form, tuple(a.limits or ()), a.conditions)
        for a in _approvals_held(session, asker_id, now)
    )
    approvals = tuple(sorted({a.form for a in held}))
    relationship = None
    birth = None
    consents: tuple[dict[str, str], ...] | None = None
    counterpart = _person_facts(session, counterpart_id) if counterpart_id else None
    if counterpart is not None:
        students = {counterpart.id}
        if counterpart.kind == "parent":
            students = set(
                session.scalars(
                    select(ParentLink.student_id).where(ParentLink.parent_id == counterpart.id)
                )
            )
        for disclosure in directory.disclosures_of(session, asker_id):
            if disclosure.student_id in students:
                relationship = disclosure.kind
                break
        if counterpart.kind == "student":
            birth = counterpart.birth_date
            consents = (_consents_of(session, counterpart.id, now),)
    return RecordFacts(
        role=role,
        approvals=approvals,
        held=held,
        approvals_known=True,
        relationship=relationship,
        counterpart_birth_date=birth,
        counterpart_consents=consents,
    )


# The statements every ask runs, made once: building a statement and working out its cache
# key cost more than running it.
_PERSON_FACTS = select(Person.id, Person.kind, Person.staff_role, Person.birth_date).where(
    Person.id == bindparam("person_id")
)
_APPROVALS_HELD = HotStatement(  # through the driver on PostgreSQL (lanyard.db.hot)
    select(ApprovalOnFile.form, ApprovalOnFile.limits, ApprovalOnFile.conditions)
    .where(*directory.held_approvals(bindparam("person_id"), now=bindparam("now")))
    .order_by(ApprovalOnFile.granted_at, ApprovalOnFile.id)
)


def _person_facts(session: Session, person_id: str) -> Any:
    """The columns of a person that the record's facts read (id, kind, staff role, birth
    date): one statement, not the whole person with their buildings. Run on the unit of
    work's connection: rows, not entities, so the ORM's execution (half the CPU of running
    such a statement through the session) has nothing to do."""
    return session.connection().execute(_PERSON_FACTS, {"person_id": person_id}).first()


def _approvals_held(session: Session, person_id: str, now: dt.datetime) -> Any:
    """The columns of :func:`lanyard.directory.service.approvals_held` that the facts read:
    rows, not ORM objects, on every ask (on the connection, as :func:`_person_facts`)."""
    return _APPROVALS_HELD.rows(session.connection(), {"person_id": person_id, "now": now})


def _consents_of(session: Session, student_id: str, now: dt.datetime) -> dict[str, str]:
    """A student's consents for the school year, as the pre-publication check reads them."""
    year = school_year_of(now.date())
    return {
        c.scope: c.decision
        for c in session.scalars(
            select(Consent).where(Consent.student_id == student_id, Consent.school_year == year)
        )
    }


def ask(
    *,
    uow: UnitOfWork,
    asker_id: str | None,
    draft: dict[str, Any],
    counterpart_id: str | None,
    now: dt.datetime,
    question: str | None = None,
    asker_on_file: AskerOnFile | None = None,
) -> Answer:
    """Decide the draft situation for the asker; the decision is kept in the audit log with
    the pack's content hash and the exact situation, so it can be replayed (and, when it
    was asked in words, the question as typed). ``asker_on_file``: the asker's kind and
    staff role when the caller has read them (see :class:`AskerOnFile`)."""
    facts = (
        record_facts(
            uow,
            asker_id=asker_id,
            counterpart_id=counterpart_id,
            now=now,
            asker_on_file=asker_on_file,
        )
        if asker_id
        else RecordFacts()
    )
    filled, from_record = fill_from_record(draft, facts, now.date())
    return _decide(
        uow=uow,
        asker_id=asker_id,
        filled=filled,
        from_record=tuple(from_record),
        facts=facts,
        counterpart_id=counterpart_id,
        now=now,
        question=question,
    )


@dataclass(frozen=True)
class Reading:
    """A question in words answered: what was read and answered, the answer, and the next
    question that could change it (None when none can)."""

    interpretation: Interpretation
    answer: Answer
    following: Dependence | None


def ask_in_words(
    *,
    uow: UnitOfWork,
    asker_id: str | None,
    question: str,
    answered: Mapping[str, Any],
    district: str,
    now: dt.datetime,
    model: ModelServer | None = None,
) -> Reading:
    """A question in the asker's words with the answers given so far, merged with the
    record by `interpret.read` exactly as the command line does, decided and kept in the
    audit log like any other question. With ``model`` (the district's model server), a
    question the offline reader leaves largely unknown gets the model's proposals as
    labelled understood facts (``lanyard.mayi.proposals``). Raises FactProblem or
    ValidationError for answers that are not facts of the contract or do not fit together."""
    facts = (
        record_facts(uow, asker_id=asker_id, counterpart_id=None, now=now)
        if asker_id
        else RecordFacts()
    )
    proposed = propose(question, understand(question), model)
    interpretation = read(
        question, answered, district=district, record=facts, today=now.date(), proposed=proposed
    )
    answer = _decide(
        uow=uow,
        asker_id=asker_id,
        filled=interpretation.situation(),
        from_record=interpretation.from_record,
        facts=facts,
        counterpart_id=None,
        now=now,
        question=question,
    )
    # The facts that decide whether an approval on file counts (its approver's limits).
    limits = [f for n in answer.approval_notes if n.status == "unknown" for f in n.facts]
    following = next_question(
        answer.decision,
        interpretation,
        approvals_counted=answer.situation.actor.approvals,
        approvals_turn_on=limits,
    )
    return Reading(interpretation, answer, following)


def _decide(
    *,
    uow: UnitOfWork,
    asker_id: str | None,
    filled: dict[str, Any],
    from_record: tuple[FactFromRecord, ...],
    facts: RecordFacts,
    counterpart_id: str | None,
    now: dt.datetime,
    question: str | None,
) -> Answer:
    situation = Situation.model_validate(filled)
    pack = load_pack(situation.district)
    checks: tuple[ApprovalCheck, ...] = ()
    notes: tuple[ApprovalNote, ...] = ()
    limits_of: dict[str, tuple[str, ...]] = {}
    if facts.approvals_known and facts.held:
        weighed = weigh_approvals(situation, facts.held, lambda s: decide(pack, s))
        situation = with_forms(situation, weighed.counted)
        checks, notes, limits_of = weighed.checks, weighed.notes, weighed.limits_of
        decision = with_approval_conditions(weighed.decision, checks)
    else:
        decision = decide(pack, situation)
    audit.append_then_commit(
        uow.session,
        event=AuditEvent.DECISION_ASKED,
        subject_type="decision",
        subject_id=None,
        actor_id=asker_id,
        now=now,
        after={
            "pack": pack.id,
            "pack_version": pack.document.version,
            "pack_hash": pack.content_hash,
            "situation": situation.model_dump(mode="json", exclude_none=True),
            "counterpart_id": counterpart_id,
            **({"question": question} if question else {}),
            "from_record": [f.field for f in from_record],
            "approvals": [
                {
                    "form": c.approval.form,
                    "limits": list(c.approval.limits),
                    "status": c.status,
                    "outside": [limit.id for limit in c.outside],
                    "unknown": [limit.id for limit, _ in c.unknown],
                }
                for c in checks
            ],
            "decision": decision.to_dict(),
        },
    )  # the commit follows at once: the entry's INSERT goes with it
    uow.commit()
    return Answer(situation, decision, tuple(from_record), notes, limits_of)
