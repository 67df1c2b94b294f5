"""Who is who in a message log, and what the district's pack says about each message.

Pure: values in, values out, the clock never read. The directory comes in as a
:class:`Directory` snapshot; a message becomes a situation of the public contract and
each rule of the pack that fires on it becomes a :class:`Finding`. Facts a log cannot
show (purpose, device, network, what the message carries) stay unknown: a rule that
needs them does not fire, and a rule that fired but that such a fact could lift says so
(``liftable``). Many messages share one shape, so a situation is decided once
(:class:`Evaluator` keeps the decisions by situation).
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lanyard.approvals import limits as approval_limits
from lanyard.policy.conditions import FIELD_DOMAINS, unknown_fields
from lanyard.policy.decision import Verdict
from lanyard.policy.engine import decide_flat
from lanyard.policy.loader import CompiledRule, Pack
from lanyard.policy.situation import FlatSituation

# ----------------------------------------------------------------------------- who is who


@dataclass(frozen=True, slots=True)
class Known:
    """What the directory says about one person."""

    person_id: str
    kind: str  # staff | student | parent | volunteer
    staff_role: str | None = None
    building_id: str | None = None
    grades: str | None = None
    birth_date: dt.date | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class Party:
    """One end of a message as resolved: the person when known, the situation's
    counterpart role and whose account the address is (``None``: unknown)."""

    key: str
    person: Known | None
    role: str | None
    account: str | None
    # the stored entry as JSON text: built once per party, many messages share it
    entry_json: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entry_json", json.dumps(list(self.entry)))

    @property
    def entry(self) -> tuple[str | None, str | None, str | None, str | None]:
        """As stored with the message: person id (or the address when nobody is known),
        role, account."""
        person = self.person
        if person is None:
            return (None, self.key, self.role, self.account)
        return (person.person_id, None, self.role, self.account)


# Person.kind (and staff role) -> the contract's counterpart role
def _counterpart_role(known: Known) -> str:
    if known.kind == "student":
        return "student"
    if known.kind == "parent":
        return "parent"
    if known.kind == "volunteer":
        return "community"
    return "administrator" if known.staff_role == "administrator" else "employee"


# (class id, first day, last day) of one enrollment; None: open
Span = tuple[str, dt.date | None, dt.date | None]


@dataclass(frozen=True)
class Teaching:
    """Enrollments in active classes: ``teachers`` (teacher and aide roles) and
    ``students``, each person id -> their spans."""

    teachers: Mapping[str, list[Span]]
    students: Mapping[str, list[Span]]

    def teaches(self, employee_id: str, student_id: str, on: dt.date) -> bool:
        """Both enrolled in one class on that day."""
        mine = {c for c, b, e in self.teachers.get(employee_id, ()) if _within(on, b, e)}
        return any(c in mine and _within(on, b, e) for c, b, e in self.students.get(student_id, ()))


def _within(on: dt.date, begin: dt.date | None, end: dt.date | None) -> bool:
    return (begin is None or begin <= on) and (end is None or on <= end)


class Directory:
    """The directory as the resolver reads it.

    ``people`` maps a party key to a person: directory e-mail addresses, personal
    addresses the district knows (a contacts list), and platform ids matched through the
    SIS id (``canvas:1815``). ``district_domains`` are the district's mail domains.
    ``district_platforms`` are key prefixes whose accounts the district provides
    (``canvas``). An address nobody knows stays unknown: no role, no account."""

    def __init__(
        self,
        *,
        district_domains: Iterable[str],
        people: Mapping[str, Known],
        personal_keys: Iterable[str] = (),
        district_platforms: Iterable[str] = ("canvas",),
        parent_links: Iterable[tuple[str, str]] = (),
        disclosures: Mapping[tuple[str, str], str] | None = None,
        approvals: Mapping[str, tuple[HeldApproval, ...]] | None = None,
        teaching: Teaching | None = None,
    ) -> None:
        self.domains = frozenset(d.lower() for d in district_domains)
        self.people = dict(people)
        self.personal_keys = frozenset(personal_keys)
        self.platforms = frozenset(district_platforms)
        # (parent person id, student person id)
        self.parent_links = frozenset(parent_links)
        # (employee id, student id) -> familial | religious | community
        self.disclosures = dict(disclosures or {})
        self.approvals = dict(approvals or {})
        # OneRoster enrollments; None: no classes on file, so "teaches" is unknown
        self.teaching = teaching
        self._cache: dict[str, Party] = {}
        self._facts: dict[tuple[str, dt.date], tuple[tuple[str, Any], ...]] = {}

    def student_facts(self, known: Known, on: dt.date) -> tuple[tuple[str, Any], ...]:
        """A student's counterpart facts on a day (enrolment, grade band, age)."""
        key = (known.person_id, on)
        facts = self._facts.get(key)
        if facts is None:
            found: dict[str, Any] = {"former_student": not known.active}
            band = grade_band(known.grades)
            if band is not None:
                found["grade_band"] = band
            found.update(_age_flags(known.birth_date, on))
            facts = tuple(sorted(found.items()))
            if len(self._facts) < 1_000_000:
                self._facts[key] = facts
        return facts

    def teaches(self, employee_id: str, student_id: str, on: dt.date) -> bool | None:
        """Does the employee teach the student on that day (both enrolled in one class)?
        None when no classes are on file."""
        if self.teaching is None:
            return None
        return self.teaching.teaches(employee_id, student_id, on)

    def is_district(self, key: str) -> bool:
        if "@" in key:
            return key.rsplit("@", 1)[1] in self.domains
        return key.split(":", 1)[0] in self.platforms

    def resolve(self, key: str) -> Party:
        party = self._cache.get(key)
        if party is None:
            party = self._resolve(key)
            if len(self._cache) < 500_000:
                self._cache[key] = party
        return party

    def _resolve(self, key: str) -> Party:
        known = self.people.get(key)
        district = self.is_district(key)
        if known is None:
            # A district address outside the directory (a shared mailbox, a list) is a
            # district account of somebody unknown; anything else is simply unknown.
            return Party(key, None, None, "district" if district else None)
        if key in self.personal_keys:
            account = "personal"
        elif district:
            account = "district"
        elif "@" in key:
            account = "personal"  # a person's address on a domain that is not the district's
        else:
            account = None
        return Party(key, known, _counterpart_role(known), account)


@dataclass(frozen=True, slots=True)
class HeldApproval:
    """An approval on file: its form, its term and the limits its approver ticked."""

    form: str
    granted_at: dt.datetime
    expires_at: dt.datetime | None = None
    limits: tuple[str, ...] = ()

    def in_force(self, at: dt.datetime) -> bool:
        return self.granted_at <= at and (self.expires_at is None or at < self.expires_at)


# ----------------------------------------------------------------------------- situations

ACTOR_KINDS = frozenset({"staff", "volunteer"})
# Platforms whose messages vanish after viewing by design (modes that users switch on,
# as in Signal or WhatsApp, stay unknown).
DISAPPEARING_PLATFORMS = frozenset({"snapchat"})


def grade_band(grades: str | None) -> str | None:
    """The band of a student's highest grade (OneRoster grade codes), or ``None``."""
    if not grades:
        return None
    top = -2
    for code in grades.replace(";", ",").split(","):
        code = code.strip().upper()
        if code in ("IT", "PR", "PK", "TK", "KG"):
            top = max(top, 0)
        elif code.isdigit():
            top = max(top, int(code))
        elif code in ("PS", "UG", "OTHER"):
            return None
    if top < 0:
        return None
    return "elementary" if top <= 5 else "middle" if top <= 8 else "high"


def _age_flags(birth: dt.date | None, on: dt.date) -> dict[str, bool]:
    if birth is None:
        return {}
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return {"age_under_13": years < 13, "age_18_or_over": years >= 18}


@dataclass(frozen=True, slots=True)
class Shape:
    """The facts of one message that a decision depends on: messages of one shape get
    one decision. ``counterparts`` are (role, account, extra facts, count), sorted."""

    actor_role: str
    approvals: tuple[str, ...]
    relationship: str | None
    medium: str
    platform: str | None
    account: str | None
    counterparts: tuple[tuple[str | None, str | None, tuple[tuple[str, Any], ...], int], ...]

    def situation(self, district: str) -> dict[str, Any]:
        """The flattened situation of the contract (what the engine reads)."""
        flat: dict[str, Any] = {
            "district": district,
            "action": "message",
            "actor.role": self.actor_role,
            "actor.approvals": self.approvals,
            "channel.medium": self.medium,
        }
        if self.relationship is not None:
            flat["actor.relationship"] = self.relationship
        if self.platform is not None:
            flat["channel.platform"] = self.platform
            if self.platform in DISAPPEARING_PLATFORMS:
                flat["channel.disappearing"] = True
        if self.account is not None:
            flat["channel.account"] = self.account
            if self.account == "district":
                flat["channel.district_alternative"] = True
        cps: list[dict[str, Any]] = []
        for role, account, extra, count in self.counterparts:
            cp: dict[str, Any] = {"count": count}
            if role is not None:
                cp["role"] = role
            if account is not None:
                cp["account"] = account
            cp.update(extra)
            cps.append(cp)
        flat["counterparts"] = tuple(cps)
        flat["group_size"] = sum(c for *_, c in self.counterparts)
        return flat

    def to_contract(self, district: str) -> dict[str, Any]:
        """The situation as the contract's nested document (kept with a finding)."""
        flat = self.situation(district)
        out: dict[str, Any] = {"district": district, "action": "message"}
        for key, value in flat.items():
            if "." in key:
                part, name = key.split(".", 1)
                out.setdefault(part, {})[name] = list(value) if isinstance(value, tuple) else value
        out["counterparts"] = [dict(cp) for cp in flat["counterparts"]]
        return out


def shape_of(
    directory: Directory,
    *,
    sender: Party,
    recipients: Iterable[Party],
    medium: str,
    platform: str | None,
    account: str | None,
    sent_at: dt.datetime,
) -> Shape | None:
    """The message's shape, or ``None`` when its sender is not an employee or volunteer
    the directory knows (the policies govern what staff send)."""
    actor = sender.person
    if actor is None or actor.kind not in ACTOR_KINDS:
        return None
    groups: dict[tuple[str | None, str | None, tuple[tuple[str, Any], ...]], int] = {}
    relationship: str | None = "none"
    on = sent_at.date()
    links = directory.parent_links
    disclosures = directory.disclosures
    for party in recipients:
        extra: tuple[tuple[str, Any], ...] = ()
        known = party.person
        if known is not None and party.role == "student":
            extra = directory.student_facts(known, on)
            pair = (actor.person_id, known.person_id)
            if links and pair in links:
                extra = tuple(sorted((*extra, ("own_child", True))))
            if disclosures:
                kind = disclosures.get(pair)
                if kind is not None:
                    relationship = kind
        group = (party.role, party.account, extra)
        groups[group] = groups.get(group, 0) + 1
    counterparts = tuple(
        sorted(
            ((role, acct, extra, n) for (role, acct, extra), n in groups.items()),
            key=lambda g: (g[0] or "", g[1] or "", g[2]),
        )
    )
    if account is None:
        account = sender.account
    role = "volunteer" if actor.kind == "volunteer" else actor.staff_role or "staff"
    shape = Shape(role, (), relationship, medium, platform, account, counterparts)
    held = directory.approvals.get(actor.person_id, ())
    if held:
        flat = shape.situation("")
        forms = tuple(
            sorted(
                {
                    a.form
                    for a in held
                    if a.in_force(sent_at)
                    and all(
                        approval_limits.BY_ID[i].compiled.predicate(flat) is True
                        for i in a.limits
                        if i in approval_limits.BY_ID
                    )
                }
            )
        )
        if forms:
            shape = Shape(role, forms, relationship, medium, platform, account, counterparts)
    return shape


class ShapeIndex:
    """Finds a message's shape without building it, for an import of many messages.

    Each recipient's counterpart group (role, account, extra facts on that day) gets a
    small number once per party and day; a message's key is its sender's facts and the
    sorted (group, count) pairs, and the :class:`Shape` is built once per key. Senders
    whose shape depends on the pair (a parent link, a disclosed relationship, an approval
    on file) take :func:`shape_of`, whose result is its own key. The result is always the
    shape :func:`shape_of` gives."""

    MAX_PARTY_DAYS = 1_000_000  # (party, day) group numbers kept; past that, forgotten
    MAX_SHAPES = 200_000

    def __init__(self, directory: Directory) -> None:
        self.directory = directory
        self._special = (
            {a for a, _ in directory.parent_links}
            | {e for e, _ in directory.disclosures}
            | set(directory.approvals)
        )
        self._number: dict[tuple[str | None, str | None, tuple[tuple[str, Any], ...]], int] = {}
        self._groups: list[tuple[str | None, str | None, tuple[tuple[str, Any], ...]]] = []
        self._days: dict[dt.date, dict[str, int]] = {}
        # party key -> (party, group number), by day (resolve_and_key)
        self._seen: dict[dt.date, dict[str, tuple[Party, int]]] = {}
        self._kept = 0  # entries in _days and _seen
        self._shapes: dict[Hashable, Shape] = {}

    def key(
        self,
        *,
        sender: Party,
        recipients: Sequence[Party],
        medium: str,
        platform: str | None,
        account: str | None,
        sent_at: dt.datetime,
    ) -> Hashable | None:
        """The message's shape key (``None``: the sender is not an actor, see
        :func:`shape_of`)."""
        actor = sender.person
        if actor is None or actor.kind not in ACTOR_KINDS:
            return None
        if actor.person_id in self._special:
            return shape_of(
                self.directory,
                sender=sender,
                recipients=recipients,
                medium=medium,
                platform=platform,
                account=account,
                sent_at=sent_at,
            )
        on = sent_at.date()
        if self._kept >= self.MAX_PARTY_DAYS:
            self._forget()
        day = self._days.get(on)
        if day is None:
            day = self._days[on] = {}
        counts: dict[int, int] = {}
        for party in recipients:
            number = day.get(party.key)
            if number is None:
                number = day[party.key] = self._group_number(party, on)
                self._kept += 1
            counts[number] = counts.get(number, 0) + 1
        return (
            actor.kind,
            actor.staff_role,
            medium,
            platform,
            sender.account if account is None else account,
            tuple(sorted(counts.items())),
        )

    def resolve_and_key(
        self,
        *,
        sender: Party,
        recipients: Sequence[str],
        medium: str,
        platform: str | None,
        account: str | None,
        sent_at: dt.datetime,
    ) -> tuple[list[Party], Hashable | None]:
        """The recipients' keys resolved, and the message's shape key (as :meth:`key`):
        one look-up per recipient for a sender the index takes."""
        actor = sender.person
        resolve = self.directory.resolve
        if actor is None or actor.kind not in ACTOR_KINDS or actor.person_id in self._special:
            resolved = [resolve(k) for k in recipients]
            return resolved, self.key(
                sender=sender,
                recipients=resolved,
                medium=medium,
                platform=platform,
                account=account,
                sent_at=sent_at,
            )
        if self._kept >= self.MAX_PARTY_DAYS:
            self._forget()
        on = sent_at.date()
        day = self._seen.get(on)
        if day is None:
            day = self._seen[on] = {}
        try:  # every recipient seen before on that day: the common case, in one pass
            hits = [day[k] for k in recipients]
        except KeyError:
            hits = []
            for k in recipients:
                hit = day.get(k)
                if hit is None:
                    party = resolve(k)
                    hit = day[k] = (party, self._group_number(party, on))
                    self._kept += 1
                hits.append(hit)
        groups: tuple[tuple[int, int], ...]
        if len(hits) == 1:
            groups = ((hits[0][1], 1),)
        else:
            counts: dict[int, int] = {}
            for _, number in hits:
                counts[number] = counts.get(number, 0) + 1
            groups = tuple(sorted(counts.items()))
        return [party for party, _ in hits], (
            actor.kind,
            actor.staff_role,
            medium,
            platform,
            sender.account if account is None else account,
            groups,
        )

    def shape(self, key: Hashable) -> Shape:
        """The shape of a key :meth:`key` gave."""
        if isinstance(key, Shape):
            return key
        found = self._shapes.get(key)
        if found is None:
            assert isinstance(key, tuple)
            kind: str = key[0]
            staff_role: str | None = key[1]
            medium: str = key[2]
            platform: str | None = key[3]
            account: str | None = key[4]
            counts: tuple[tuple[int, int], ...] = key[5]
            groups = [(self._groups[number], n) for number, n in counts]
            groups.sort(key=lambda g: (g[0][0] or "", g[0][1] or "", g[0][2]))
            role = "volunteer" if kind == "volunteer" else staff_role or "staff"
            counterparts = tuple((r, a, extra, n) for (r, a, extra), n in groups)
            found = Shape(role, (), "none", medium, platform, account, counterparts)
            if len(self._shapes) < self.MAX_SHAPES:
                self._shapes[key] = found
        return found

    def _forget(self) -> None:
        self._days.clear()
        self._seen.clear()
        self._kept = 0

    def _group_number(self, party: Party, on: dt.date) -> int:
        extra: tuple[tuple[str, Any], ...] = ()
        if party.person is not None and party.role == "student":
            extra = self.directory.student_facts(party.person, on)
        group = (party.role, party.account, extra)
        number = self._number.get(group)
        if number is None:
            number = self._number[group] = len(self._groups)
            self._groups.append(group)
        return number


# ----------------------------------------------------------------------------- findings


class FindingKind:
    VIOLATION = "violation"  # a rule of the pack fired
    REVIEW = "review"  # a pattern no clause names: for a person to look at, never a breach
    SOLICITATION = "solicitation"  # the body asks a student onto a personal channel


@dataclass(frozen=True, slots=True)
class RuleFinding:
    """A rule that fired on a shape: what it says, and whether a fact the log cannot show
    could still lift it (``liftable``: the engine's decision was not settled)."""

    rule_id: str
    verdict: str
    clause: str
    quote: str
    liftable: bool
    needs_facts: tuple[str, ...] = ()
    # A rule that did not fire but would on the worst answer to facts the log cannot show
    # (shown for review, never as a violation): what it turns on, each fact with the
    # values that would make it apply, in words too, and the other rules that could too.
    possible: bool = False
    turns_on: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    words: str = ""
    also: tuple[dict[str, str], ...] = ()


FINDING_VERDICTS = frozenset({Verdict.PROHIBITED, Verdict.NEEDS_APPROVAL})


class Evaluator:
    """Decides shapes against one pack, once per distinct shape."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._quotes = {r.rule.id: r.citation for r in pack.rules}
        self._cache: dict[Shape, tuple[RuleFinding, ...]] = {}
        self.decided = 0  # distinct situations decided

    def findings(self, shape: Shape) -> tuple[RuleFinding, ...]:
        found = self._cache.get(shape)
        if found is None:
            found = self._decide(shape)
            self._cache[shape] = found
        return found

    def _decide(self, shape: Shape) -> tuple[RuleFinding, ...]:
        self.decided += 1
        flat = shape.situation(self.pack.id)
        decision = decide_flat(self.pack, flat, explore=False)
        out: list[RuleFinding] = []
        for fired in decision.fired:
            if fired.possible or fired.satisfied_by is not None:
                continue
            if fired.verdict not in FINDING_VERDICTS:
                continue
            citation = self._quotes[fired.rule_id]
            out.append(
                RuleFinding(
                    rule_id=fired.rule_id,
                    verdict=str(fired.verdict),
                    clause=citation.clause,
                    quote=citation.quote,
                    liftable=not decision.settled,
                    needs_facts=decision.needs_facts if not decision.settled else (),
                )
            )
        if not out and not decision.settled and decision.most in FINDING_VERDICTS:
            if _off_district_channel(flat):
                found = self._possible(flat)
                if found is not None:
                    out.append(found)
        return tuple(out)

    def _possible(self, flat: FlatSituation) -> RuleFinding | None:
        """The rule a principal should look at when nothing fired but a rule could, on a
        message already off the district's channel: the strictest, then the one that
        turns on the fewest facts (the channel's own clauses first, then the pack's order);
        the others that could apply are listed with it. Rules that turn on what the
        message carries are left out: that is unknown for every message a log holds, so it
        says nothing of this one."""
        candidates: list[tuple[tuple[int, int, int, int], CompiledRule, PossibleTerms]] = []
        for compiled in self.pack.rules_for(str(flat["action"])):
            if compiled.verdict not in FINDING_VERDICTS:
                continue
            if compiled.condition.indexed(flat) is not None:
                continue  # fired (and was lifted or met), or cannot apply
            if compiled.exception is not None and compiled.exception.predicate(flat):
                continue
            approvals = flat.get("actor.approvals") or ()
            if compiled.form is not None and compiled.form in approvals:
                continue  # an approval on file meets it
            terms = possible_terms(compiled, flat)
            if terms is None:
                continue
            channel = not (compiled.condition.fields & _CHANNEL_FIELDS)
            key = (-compiled.rank, len(terms), int(channel), compiled.order)
            candidates.append((key, compiled, terms))
        if not candidates:
            return None
        candidates.sort(key=lambda c: c[0])
        _key, first, terms = candidates[0]
        citation = self._quotes[first.rule.id]
        also = tuple(
            {
                "rule": c.rule.id,
                "clause": self._quotes[c.rule.id].clause,
                "words": possible_words(c.verdict, t),
            }
            for _k, c, t in candidates[1:]
        )
        return RuleFinding(
            rule_id=first.rule.id,
            verdict=str(first.verdict),
            clause=citation.clause,
            quote=citation.quote,
            liftable=False,
            needs_facts=tuple(fact for fact, _values in terms),
            possible=True,
            turns_on=terms,
            words=possible_words(first.verdict, terms),
            also=also,
        )


def possible_entry(rule: RuleFinding) -> dict[str, Any]:
    """What a stored for-review finding keeps of a possible rule (in its ``situation``)."""
    return {
        "verdict": rule.verdict,
        "turns_on": [{"fact": f, "values": list(v)} for f, v in rule.turns_on],
        "words": rule.words,
        "also": list(rule.also),
    }


# Facts whose known value puts a message off the district's channel; a possible rule that
# reads them speaks of this message's channel, not of every message.
_CHANNEL_FIELDS = frozenset({"channel.account", "counterparts.account"})

PossibleTerms = tuple[tuple[str, tuple[Any, ...]], ...]


def _off_district_channel(flat: Mapping[str, Any]) -> bool:
    """Whether the message involves a student and a personal address: sent from a
    personal account, or to a student's personal address. Only then is a rule that could
    fire worth a person's look; ordinary district mail would otherwise be flagged for the
    purpose of every message, which no log shows."""
    counterparts = flat.get("counterparts") or ()
    students = [cp for cp in counterparts if cp.get("role") == "student"]
    if not students:
        return False
    if flat.get("channel.account") == "personal":
        return True
    return any(cp.get("account") == "personal" for cp in students)


def possible_terms(compiled: CompiledRule, flat: FlatSituation) -> PossibleTerms | None:
    """The unknown facts a rule's condition turns on, each with the values that would let
    it apply; ``None`` when it turns on what the message carries (``content.*``) or on a
    fact about the counterparts (unknown for each of them: not one fact a log lacks)."""
    missing = unknown_fields(compiled.condition, flat)
    if not missing:
        return None
    out: list[tuple[str, tuple[Any, ...]]] = []
    for fact in sorted(missing):
        if fact.startswith("content.") or fact.startswith("counterparts") or fact == "group_size":
            return None
        domain = FIELD_DOMAINS.get(fact)
        values: tuple[Any, ...] = ()
        if domain is not None and domain.kind == "enum":
            values = domain.values
        elif domain is not None and domain.kind == "bool":
            values = (True, False)
        keeps = tuple(
            v for v in values if compiled.condition.indexed({**flat, fact: v}) is not False
        )
        out.append((fact, keeps))
    return tuple(out)


_FACT_WORDS: dict[tuple[str, Any], str] = {
    ("purpose", "personal"): "it was for personal purposes",
    ("purpose", "district_business"): "it was District business",
    ("channel.device", "personal"): "it was sent from a personal device",
    ("channel.device", "district"): "it was sent from a District device",
    ("channel.network", "district"): "it went over the District's network",
    ("channel.network", "other"): "it went over another network",
    ("actor.on_duty", True): "the employee was on duty",
    ("actor.on_duty", False): "the employee was off duty",
    ("actor.duty_free", True): "it was the employee's duty-free time",
    ("actor.duty_free", False): "it was not the employee's duty-free time",
    ("emergency", True): "it was an emergency",
    ("emergency", False): "it was not an emergency",
}


def possible_words(verdict: Verdict | str, terms: PossibleTerms) -> str:
    """What a possible rule turns on, in plain words: "a violation if it was for personal
    purposes" (or "needs approval if …")."""
    parts: list[str] = []
    for fact, values in terms:
        name = fact.split(".")[-1].replace("_", " ")
        said = [_FACT_WORDS.get((fact, v)) or f"{name} was {str(v).lower()}" for v in values]
        parts.append(" or ".join(said) if said else f"{name} is known")
    lead = "needs approval" if str(verdict) == str(Verdict.NEEDS_APPROVAL) else "a violation"
    return f"{lead} if " + " and ".join(parts)


# ----------------------------------------------------------------------------- review


@dataclass(frozen=True)
class ReviewSettings:
    """When a pattern is worth a person's look (settings, not code)."""

    timezone: dt.tzinfo
    late_start_hour: int = 22  # local time, inclusive
    late_end_hour: int = 6  # local time, exclusive
    daily_volume: int = 15  # one-to-one messages with one student in a local day


def is_late(sent_at: dt.datetime, review: ReviewSettings) -> bool:
    hour = sent_at.astimezone(review.timezone).hour
    if review.late_start_hour <= review.late_end_hour:
        return review.late_start_hour <= hour < review.late_end_hour
    return hour >= review.late_start_hour or hour < review.late_end_hour


def one_student(recipients: Iterable[Party]) -> Party | None:
    """The one recipient when a message goes to exactly one person and that is a student."""
    parties = list(recipients)
    if len(parties) == 1 and parties[0].role == "student" and parties[0].person is not None:
        return parties[0]
    return None


class VolumeCounter:
    """One-to-one messages per (employee, student, local day); the pairs that reach the
    threshold, each reported once, with the message that reached it.

    Memory is bounded: past ``max_pairs`` distinct (employee, student, day) keys a new key
    is not counted, and ``uncounted`` says how many messages were left out, so that an
    import says when the pattern could not be checked in full instead of staying silent.
    The keys are numbers in an open-addressing table of two arrays (8 bytes a key, 2 a
    count, at most half full): about 54 MB at the 2,000,000-pair bound with its people,
    where a dict of number keys took 148 MB and a dict of tuples 275 MB."""

    def __init__(self, review: ReviewSettings, max_pairs: int = 2_000_000) -> None:
        self.review = review
        self.max_pairs = max_pairs
        self.uncounted = 0
        self.pairs = 0  # distinct keys counted
        self.people: dict[str, int] = {}  # a number for each person (bounded by the directory)
        self._slots = 1 << 10
        self._keys = array("Q", bytes(8 * self._slots))  # 0: an empty slot
        self._counts = array("H", bytes(2 * self._slots))

    def add(self, employee: str, student: str, sent_at: dt.datetime) -> bool:
        """Count one message; true when this one brings the day to the threshold."""
        people = self.people
        e = people.setdefault(employee, len(people))
        s = people.setdefault(student, len(people))
        if max(e, s) >= _PERSON_LIMIT:  # over two million people in one import: not counted
            self.uncounted += 1
            return False
        day = sent_at.astimezone(self.review.timezone).toordinal()  # 1 to 3,652,059
        slot = self._slot((e << 43) | (s << 22) | day)
        if slot < 0:
            self.uncounted += 1
            return False
        n = self._counts[slot]
        if n < 0xFFFF:
            n += 1
            self._counts[slot] = n
        return n == self.review.daily_volume

    def _slot(self, key: int) -> int:
        """The key's slot, taken if new (-1: new and the bound is reached)."""
        keys, mask = self._keys, self._slots - 1
        i = ((key * _MIX) >> 40) & mask
        while True:
            found = keys[i]
            if found == key:
                return i
            if found == 0:
                break
            i = (i + 1) & mask
        if self.pairs >= self.max_pairs:
            return -1
        if 2 * (self.pairs + 1) > self._slots:
            self._grow()
            return self._slot(key)
        keys[i] = key
        self.pairs += 1
        return i

    def _grow(self) -> None:
        old_keys, old_counts = self._keys, self._counts
        self._slots *= 2
        self._keys = array("Q", bytes(8 * self._slots))
        self._counts = array("H", bytes(2 * self._slots))
        self.pairs = 0
        for key, n in zip(old_keys, old_counts, strict=True):
            if key:
                self._counts[self._slot(key)] = n


_PERSON_LIMIT = 1 << 21  # people numbered in a key (and the day's ordinal under 2**22)
_MIX = 0x9E3779B97F4A7C15  # a multiplier that spreads neighbouring keys over the table
