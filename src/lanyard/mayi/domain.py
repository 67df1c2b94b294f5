"""Filling a situation from the record (pure: values in, values out)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from lanyard.approvals import limits as approval_limits
from lanyard.approvals.limits import Limit
from lanyard.policy.decision import (
    Decision,
    Dependence,
    Obligation,
    Outcome,
    Verdict,
)
from lanyard.policy.situation import UMBRELLAS, FlatSituation, Situation


@dataclass(frozen=True)
class HeldApproval:
    """An approval on file as "May I?" weighs it: the form it is for, the checkable limits
    the approver ticked and the conditions the approver wrote."""

    form: str
    limits: tuple[str, ...] = ()
    conditions: str | None = None


@dataclass(frozen=True)
class RecordFacts:
    """What the directory knows about the asker and the counterpart."""

    role: str | None = None  # situation actor.role
    approvals: tuple[str, ...] = ()  # the forms of the approvals on file
    held: tuple[HeldApproval, ...] = ()  # the approvals themselves, limits and conditions
    approvals_known: bool = False  # the asker is in the directory, so "none on file" is a fact
    relationship: str | None = None  # a disclosure on file with the counterpart
    counterpart_birth_date: dt.date | None = None


@dataclass(frozen=True)
class FactFromRecord:
    field: str
    value: Any
    source: str


RECORD_LABELS: dict[str, str] = {
    "actor.role": "Your role",
    "actor.approvals": "Approvals on file",
    "actor.relationship": "Your relationship with them",
    "counterparts[0].age_under_13": "The student is under 13",
}


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def fill_from_record(
    draft: dict[str, Any], record: RecordFacts, today: dt.date
) -> tuple[dict[str, Any], list[FactFromRecord]]:
    """The situation with the record's facts in place, and which facts came from it.

    The record wins over what the asker typed for approvals and role (they are what is on
    file), and adds a relationship only where one is disclosed; a relationship the asker
    claims without a disclosure stays as claimed.
    """
    situation = copy.deepcopy(draft)
    actor = situation.setdefault("actor", {})
    facts: list[FactFromRecord] = []
    if record.role is not None:
        actor["role"] = record.role
        facts.append(FactFromRecord("actor.role", record.role, "your role in the directory"))
    if record.approvals_known:
        actor["approvals"] = list(record.approvals)
        source = "approvals on file" if record.approvals else "no approval on file"
        facts.append(FactFromRecord("actor.approvals", list(record.approvals), source))
    if record.relationship is not None:
        actor["relationship"] = record.relationship
        facts.append(
            FactFromRecord(
                "actor.relationship", record.relationship, "your relationship disclosure on file"
            )
        )
    counterparts = situation.get("counterparts") or []
    if record.counterpart_birth_date is not None and counterparts:
        under_13 = age_on(record.counterpart_birth_date, today) < 13
        counterparts[0]["age_under_13"] = under_13
        facts.append(
            FactFromRecord(
                "counterparts[0].age_under_13", under_13, "the student's birth date on file"
            )
        )
    return situation, facts


# -- approvals on file and their limits ---------------------------------------------------

CONDITIONS_WHEN = "conditions of your approval"
_FACT_OF_FIELD = {"group_size": "counterparts.count"}  # what to ask for a derived field


@dataclass(frozen=True)
class ApprovalCheck:
    """An approval's limits against the situation asked about: ``counts`` (within all of
    them), ``outside`` (outside at least one) or ``unknown`` (a fact a limit needs was not
    given, so it does not count yet)."""

    approval: HeldApproval
    status: Literal["counts", "outside", "unknown"]
    outside: tuple[Limit, ...] = ()
    unknown: tuple[tuple[Limit, tuple[str, ...]], ...] = ()  # the limit, the facts to ask
    unchecked: tuple[str, ...] = ()  # stored limit ids no longer in the vocabulary


def check_limits(approval: HeldApproval, situation: FlatSituation) -> ApprovalCheck:
    outside: list[Limit] = []
    unknown: list[tuple[Limit, tuple[str, ...]]] = []
    unchecked: list[str] = []
    for limit_id in approval.limits:
        limit = approval_limits.BY_ID.get(limit_id)
        if limit is None:
            unchecked.append(limit_id)
            continue
        truth, missing = limit.compiled.explain(situation)
        if truth is False:
            outside.append(limit)
        elif truth is None:
            facts = tuple(dict.fromkeys(_FACT_OF_FIELD.get(f, f) for f in sorted(missing)))
            unknown.append((limit, facts or (limit.fact,)))
    status: Literal["counts", "outside", "unknown"] = (
        "outside" if outside else "unknown" if unknown else "counts"
    )
    return ApprovalCheck(approval, status, tuple(outside), tuple(unknown), tuple(unchecked))


@dataclass(frozen=True)
class ApprovalNote:
    """What the answer says of an approval on file that a rule would accept but that does
    not count for this question: ``outside`` its limits, ``unknown`` (the answer asks for
    the facts), or ``no_change`` (its limits are open, but it would not change the answer)."""

    form: str
    status: Literal["outside", "unknown", "no_change"]
    limits: tuple[str, ...]  # the plain words of all its limits
    outside: tuple[tuple[str, str], ...] = ()  # (limit words, why this is outside it)
    open_limits: tuple[str, ...] = ()  # the words of the limits not known to hold
    facts: tuple[str, ...] = ()  # the facts that would settle them


@dataclass(frozen=True)
class Weighed:
    decision: Decision
    checks: tuple[ApprovalCheck, ...]
    counted: tuple[str, ...]  # the forms whose approvals count for this question
    notes: tuple[ApprovalNote, ...]
    limits_of: dict[str, tuple[str, ...]]  # form counted -> the words of its limits


def _differs(a: Decision, b: Decision) -> bool:
    return (a.verdict, a.obligations, a.settled, a.approval) != (
        b.verdict,
        b.obligations,
        b.settled,
        b.approval,
    )


def _rank(v: Verdict) -> int:
    return v.rank


def with_forms(situation: Situation, forms: Sequence[str]) -> Situation:
    """The situation with exactly these approvals on file."""
    actor = situation.actor.model_copy(update={"approvals": tuple(forms)})
    return situation.model_copy(update={"actor": actor})


def complete(situation: Situation, fact: str, value: Any) -> Situation | None:
    """The situation with an unknown fact given (for a counterpart fact: for every
    counterpart it is unknown for); None where there is nothing to give it to."""
    data = situation.model_dump(exclude_none=True)
    head, _, name = fact.partition(".")
    if head == "counterparts":
        cps = data.get("counterparts")
        if not cps:
            return None
        for cp in cps:
            cp.setdefault(name, value)
    elif name:
        data.setdefault(head, {})[name] = value
    else:
        data[head] = value
    try:
        return Situation.model_validate(data)
    except ValueError:
        return None


def _depends_on_limits(
    situation: Situation,
    base: Decision,
    maybe: Decision,
    open_checks: Sequence[ApprovalCheck],
    checks: Sequence[ApprovalCheck],
    decide_situation: Callable[[Situation], Decision],
) -> Decision:
    """``base`` (the approvals whose limits are open left out) made to depend on the facts
    those limits need, each with what an answer within the limit and one outside it lead
    to. The verdict stays ``base``'s, the stricter, until the facts are given."""
    asked: dict[str, Limit] = {}
    for check in open_checks:
        for limit, facts in check.unknown:
            for fact in facts:
                asked.setdefault(fact, limit)
    deps: list[Dependence] = []
    bounds = [base.least, base.most, maybe.least, maybe.most]
    for fact, limit in asked.items():
        outcomes = []
        for value, shown, fallback in (
            (limit.within_example, limit.within, maybe),
            (limit.outside, limit.outside, base),
        ):
            completed = complete(situation, fact, value)
            if completed is None:
                outcomes.append(Outcome(shown, fallback.verdict, False))
                continue
            flat = completed.flatten()
            forms = {
                c.approval.form for c in checks if check_limits(c.approval, flat).status == "counts"
            }
            answer = decide_situation(with_forms(completed, sorted(forms)))
            bounds += [answer.least, answer.most]
            outcomes.append(Outcome(shown, answer.verdict, answer.settled))
        deps.append(Dependence(fact, tuple(outcomes)))
    return replace(
        base,
        settled=False,
        needs_facts=tuple(sorted(set(base.needs_facts) | set(asked))),
        least=min(bounds, key=_rank),
        most=max(bounds, key=_rank),
        depends_on=tuple(deps) + tuple(d for d in base.depends_on if d.fact not in asked),
    )


def weigh_approvals(
    situation: Situation,
    held: Sequence[HeldApproval],
    decide_situation: Callable[[Situation], Decision],
) -> Weighed:
    """The decision with only the approvals on file that count for this question, and what
    the answer says of the others. An approval outside its limits does not count; one whose
    limits need a fact that was not given does not count yet, and if counting it would
    change the answer, the answer depends on that fact (and asks for it)."""
    flat = situation.flatten()
    checks = tuple(check_limits(a, flat) for a in held)

    def decide_for(forms: Sequence[str]) -> Decision:
        return decide_situation(with_forms(situation, forms))

    counted = tuple(sorted({c.approval.form for c in checks if c.status == "counts"}))
    base = decide_for(counted)
    limits_of = {
        form: tuple(
            dict.fromkeys(
                label
                for c in checks
                if c.approval.form == form and c.status == "counts"
                for label in approval_limits.labels(c.approval.limits)
            )
        )
        for form in counted
    }
    left_out = {c.approval.form for c in checks if c.status != "counts"} - set(counted)
    if not left_out:
        return Weighed(base, checks, counted, (), limits_of)
    everything = decide_for(tuple(sorted(set(counted) | left_out)))
    relevant = {f.satisfied_by for f in everything.fired if f.satisfied_by} & left_out
    open_forms = {c.approval.form for c in checks if c.status == "unknown"} & relevant
    open_checks = [c for c in checks if c.status == "unknown" and c.approval.form in open_forms]
    decision = base
    changes = False
    if open_forms:
        maybe = (
            everything
            if open_forms == relevant
            else decide_for(tuple(sorted(set(counted) | open_forms)))
        )
        changes = _differs(base, maybe)
        if changes:
            decision = _depends_on_limits(
                situation, base, maybe, open_checks, checks, decide_situation
            )
    notes: list[ApprovalNote] = []
    for form in sorted(relevant):
        mine = [c for c in checks if c.approval.form == form]
        words = tuple(
            dict.fromkeys(
                label for c in mine for label in approval_limits.labels(c.approval.limits)
            )
        )
        if form in open_forms:
            notes.append(
                ApprovalNote(
                    form,
                    "unknown" if changes else "no_change",
                    words,
                    open_limits=tuple(
                        dict.fromkeys(
                            limit.label
                            for c in open_checks
                            if c.approval.form == form
                            for limit, _ in c.unknown
                        )
                    ),
                    facts=tuple(
                        dict.fromkeys(
                            fact
                            for c in open_checks
                            if c.approval.form == form
                            for _, facts in c.unknown
                            for fact in facts
                        )
                    ),
                )
            )
        else:
            notes.append(
                ApprovalNote(
                    form,
                    "outside",
                    words,
                    outside=tuple(
                        dict.fromkeys(
                            (limit.label, limit.outside_words) for c in mine for limit in c.outside
                        )
                    ),
                )
            )
    return Weighed(decision, checks, counted, tuple(notes), limits_of)


def with_approval_conditions(decision: Decision, checks: Sequence[ApprovalCheck]) -> Decision:
    """The conditions the approver wrote, of each approval that counted and met a rule, as
    obligations in the approver's words (they cannot be checked). A settled "no" gets
    none: the approval does not change it."""
    if decision.verdict is Verdict.PROHIBITED and decision.settled:
        return decision
    used = {f.satisfied_by for f in decision.fired if f.satisfied_by}
    extra: list[Obligation] = []
    for check in checks:
        if check.status != "counts" or check.approval.form not in used:
            continue
        texts = list(check.unchecked and approval_limits.labels(check.unchecked))
        if check.approval.conditions:
            texts.append(check.approval.conditions)
        extra.extend(
            Obligation(do="verify", what=text, strength="must", when=CONDITIONS_WHEN)
            for text in texts
        )
    if not extra:
        return decision
    obligations = tuple(dict.fromkeys((*decision.obligations, *extra)))
    if decision.verdict is not Verdict.ALLOWED:
        return replace(decision, obligations=obligations)
    # A "yes" with duties to do is a yes with obligations.
    stricter = Verdict.ALLOWED_WITH_OBLIGATIONS
    return replace(
        decision,
        obligations=obligations,
        verdict=stricter,
        least=max(decision.least, stricter, key=_rank) if decision.settled else decision.least,
        most=max(decision.most, stricter, key=_rank),
    )


# -- the plain-words form -----------------------------------------------------------------

ACTIONS: dict[str, str] = {
    "message": "Send a message (e-mail, text, DM, LMS message, call)",
    "respond_to_contact": "Reply to someone who contacted me first",
    "friend_or_follow": "Friend, follow or connect with someone on social media",
    "post": "Post on a website or social media",
    "create_account": "Create a social media account or website",
    "use_logo": "Use the district's logo, mascot or marks",
    "personal_use": "Use technology for personal things (browsing, personal e-mail, social media)",
    "share_credentials": "Share a password or let someone use an account",
    "install_software": "Install or download software",
    "play_games": "Play games on district technology",
    "commercial_use": "Use district resources for a commercial purpose",
    "disable_filter": "Have the web filter disabled for research",
    "media_contact": "Talk with, or give access to, news media",
    "receive": "Deal with something I received (a threat, a security breach, signs of abuse)",
}
MEDIUMS: dict[str, str] = {
    "email": "E-mail",
    "text_message": "Text message",
    "instant_message": "Instant message / chat",
    "social_dm": "Social media direct message",
    "lms_message": "Learning platform (LMS) message",
    "notification_app": "Class notification app (e.g. Remind)",
    "phone": "Phone call",
    "social_post": "Social media post",
    "website": "Website",
    "comment_reply": "Comment or reply on a page",
}
COUNTERPART_ROLES: dict[str, str] = {
    "student": "Student(s)",
    "parent": "Parent(s) or guardian(s)",
    "employee": "Co-worker(s)",
    "administrator": "District administration (principal, superintendent, technology)",
    "community": "Community members",
    "media": "News media",
    "public": "The public",
}
CONTENT_FLAGS: dict[str, str] = {
    "student_images": "It shows students (photos or video)",
    "student_pii": "It names students or shows their work, grades or records",
    "public_extracurricular": "They are pictured at a public sports, theatre or music event",
    "media_permission_denied": "A pictured student's parent has opted out",
    "parental_permission": "Written parental permission is on file for the students shown or named",
    "coworker_images": "It shows co-workers",
    "coworker_consent": "The co-workers gave their consent",
    "district_logo": "It carries the district's logo, mascot or marks",
    "copyrighted_material": "It uses copyrighted material (music, video, text)",
    "speaks_for_district": "It refers to the district or could be read as the district's view",
    "visible_recipient_addresses": "Outside addresses are visible in To/Cc of a group e-mail",
    "inappropriate": "It is sexual, harassing, threatening or defamatory",
    "threatening": "It threatens someone",
    "student_records": "It carries something from a student's record (grades, IEP/504, "
    "discipline, health)",
    "coworker_consent_written": "The co-workers' consent is in writing",
    "security_breach": "It is evidence of a security breach",
    "suspected_abuse": "It shows signs of abuse or neglect",
}
COUNTERPART_FLAGS: dict[str, str] = {
    "age_under_13": "Any of them is under 13",
    "initiated_contact": "They contacted me first",
    "contact_inappropriate": "What they sent me was inappropriate",
    "own_child": "The student is my own child",
    "former_student": "The student has left the district (graduated or moved away)",
    "age_18_or_over": "The student is 18 or older",
}
_TRISTATE = {"yes": True, "no": False}


class FormProblem(ValueError):
    """A form value outside the allowed choices (a tampered or stale form)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def _choice(form: Mapping[str, str], name: str, allowed: Iterable[str]) -> str | None:
    value = (form.get(name) or "").strip()
    if not value or value == "unknown":
        return None
    if value not in set(allowed):
        raise FormProblem(name, f"{value!r} is not one of the choices")
    return value


def draft_from_form(form: Mapping[str, str], district: str) -> dict[str, Any]:
    """The situation a person described on the "May I?" form. A question left unanswered
    ("I don't know") stays unknown, so the answer says which facts it needed."""
    action = _choice(form, "action", ACTIONS)
    if action is None:
        raise FormProblem("action", "choose what you want to do")
    actor: dict[str, Any] = {}
    for name in ("on_duty", "duty_free"):
        value = _choice(form, name, _TRISTATE)
        if value is not None:
            actor[name] = _TRISTATE[value]
    relationship = _choice(form, "relationship", ("familial", "religious", "community", "none"))
    if relationship is not None:
        actor["relationship"] = relationship
    draft: dict[str, Any] = {"district": district, "action": action, "actor": actor}
    emergency = _choice(form, "emergency", _TRISTATE)
    if emergency is not None:
        draft["emergency"] = _TRISTATE[emergency]
    purpose = _choice(form, "purpose", ("district_business", "personal"))
    if purpose is not None:
        draft["purpose"] = purpose
    channel: dict[str, Any] = {}
    medium = _choice(form, "medium", MEDIUMS)
    if medium is not None:
        channel["medium"] = medium
    platform = (form.get("platform") or "").strip().lower()
    if platform:
        channel["platform"] = platform[:64]
    for name, allowed in (
        ("account", ("district", "personal")),
        ("device", ("district", "personal")),
        ("network", ("district", "other")),
    ):
        value = _choice(form, name, allowed)
        if value is not None:
            channel[name] = value
    for name in ("district_alternative", "disappearing"):
        answer = _choice(form, name, _TRISTATE)
        if answer is not None:
            channel[name] = _TRISTATE[answer]
    draft["channel"] = channel
    role = _choice(form, "counterpart_role", COUNTERPART_ROLES)
    if role is not None:
        counterpart: dict[str, Any] = {"role": role}
        count = (form.get("count") or "").strip()
        if count:
            if not count.isdigit() or int(count) < 1:
                raise FormProblem("count", "give how many people, a whole number of 1 or more")
            counterpart["count"] = int(count)
        their_account = _choice(form, "counterpart_account", ("district", "personal"))
        if their_account is not None:
            counterpart["account"] = their_account
        attempts = (form.get("contact_attempts") or "").strip()
        if attempts:
            if not attempts.isdigit():
                raise FormProblem("contact_attempts", "give a whole number")
            counterpart["contact_attempts"] = int(attempts)
        for name in COUNTERPART_FLAGS:
            counterpart[name] = form.get(name) == "on"
        if counterpart["age_under_13"] and counterpart["age_18_or_over"]:
            raise FormProblem("age_18_or_over", "a student cannot be both under 13 and 18 or older")
        draft["counterparts"] = [counterpart]
    else:
        draft["counterparts"] = []
    content = {name: form.get(name) == "on" for name in CONTENT_FLAGS}
    for umbrella, details in UMBRELLAS.items():  # a ticked detail ticks what it is part of
        if umbrella in content and any(content.get(d) for d in details):
            content[umbrella] = True
    draft["content"] = content
    return draft
