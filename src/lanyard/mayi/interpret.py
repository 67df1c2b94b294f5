"""A question in words, the facts answered so far, and the facts on record, merged in one
place: the situation, what was understood (with its words), the next question that could
change the answer, and the decision for what is known. `lanyard interpret`, the API and the
May I? page all read a question through `read` (pure)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from lanyard.mayi.domain import ACTIONS, FactFromRecord, RecordFacts, fill_from_record
from lanyard.mayi.understand import Understood, situation_from, understand
from lanyard.policy import Decision, Pack, Situation, decide_flat, load_pack
from lanyard.policy.decision import Dependence, Outcome
from lanyard.policy.pack import PackDocument
from lanyard.policy.questions import QUESTIONS, plain, question_for
from lanyard.policy.situation import UMBRELLAS

_INDEXED = re.compile(r"^counterparts\.(\d+)\.")
# Counterparts a question or its answers may name: more are not a situation a person asks about.
MOST_COUNTERPARTS = 10
_ONE = re.compile(r"^counterparts\.[a-z_]+$")
_PATH = re.compile(r"[a-z_]+(\.[a-z_0-9]+)?")
# Facts a person may state, correct or be asked: the ones with a plain-words question.
# The approvals on file come from the record, never from the asker.
ASKABLE = (frozenset(QUESTIONS) | {"action"}) - {"actor.approvals"}
YOUR_ANSWER = "your answer"


class FactProblem(ValueError):
    """An answered fact that is not a fact of the contract, named."""


@dataclass(frozen=True)
class Confirmation(Dependence):
    """Usual facts confirmed under one question ("Is any of this so?"): one answer says
    which is so, "None of these" that none is, "I don't know" leaves them all unknown.
    ``fact`` and ``outcomes`` are the first one's, ``facts`` all of them, first to last."""

    facts: tuple[str, ...] = ()


CONFIRM_QUESTION = "Is any of this so?"
NONE_OF_THESE = "None of these"


def asked_facts(dependence: Dependence) -> tuple[str, ...]:
    """The facts a follow-up asks: one, or those a confirmation asks together."""
    if isinstance(dependence, Confirmation):
        return dependence.facts
    return (dependence.fact,)


@dataclass(frozen=True)
class Interpretation:
    """What is known, and from where: the question's words, the person's answers (which
    win over the words), and the record (which wins over both for role, approvals and a
    disclosed relationship: they are what is on file)."""

    facts: dict[str, Any]  # flat fact paths -> values: the question's, then the answers
    understood: tuple[Understood, ...]  # what the question itself said
    declined: frozenset[str]  # facts answered "I don't know"
    words: dict[str, str]  # fact -> the words it came from, or "your answer"
    draft: dict[str, Any]  # the situation draft, record facts filled in
    from_record: tuple[FactFromRecord, ...] = ()
    recorded: frozenset[str] = field(default=frozenset())

    def proposed_by(self, fact: str) -> str | None:
        """Who proposed a fact still as proposed (the district's model), else None."""
        if self.words.get(fact) == YOUR_ANSWER:
            return None
        for u in self.understood:
            if u.field == fact and u.source != "question":
                return u.source
        return None

    def situation(self, district: str | None = None) -> dict[str, Any]:
        if district is None or district == self.draft.get("district"):
            return self.draft
        return {**self.draft, "district": district}


def read(
    question: str,
    answered: Mapping[str, Any] | None = None,
    *,
    district: str = "",
    record: RecordFacts | None = None,
    today: dt.date | None = None,
    proposed: Sequence[Understood] = (),
) -> Interpretation:
    """The question's facts, the answers applied over them (dotted paths such as
    ``channel.account`` or ``counterparts.0.role``; ``None`` means "I don't know": the fact
    stays unknown and is not asked again), then the facts on record. ``proposed`` are
    facts the district's model server proposed (``lanyard.mayi.proposals``): they fill only
    what the question's own reading left unknown, and are understood facts like the
    others, each with its source."""
    understood = tuple(replace(u, words=natural_words(u.words)) for u in understand(question))
    read_fields = {u.field for u in understood}
    understood += tuple(p for p in proposed if p.field not in read_fields)
    facts: dict[str, Any] = {u.field: u.value for u in understood}
    words: dict[str, str] = {u.field: u.words for u in understood}
    declined: set[str] = set()
    # Several counterparts, from the question ("my players and their parents") or from an
    # answer about a second one: each keeps its own fields. With one, "counterparts.0.role"
    # is its "counterparts.role".
    several = any(_INDEXED.match(f) for f in facts) or any(
        _INDEXED.match(p) and not p.startswith("counterparts.0.") for p in answered or {}
    )
    if several:
        # the one counterpart the question named is the first of them
        for name in [f for f in facts if _ONE.match(f)]:
            first = name.replace("counterparts.", "counterparts.0.", 1)
            facts.setdefault(first, facts.pop(name))
            words.setdefault(first, words.pop(name))
    for raw_path, value in (answered or {}).items():
        path = (
            raw_path
            if several and _INDEXED.match(raw_path)
            else _INDEXED.sub("counterparts.", raw_path)
        )
        if not _PATH.fullmatch(_INDEXED.sub("counterparts.", path)):
            raise FactProblem(f"{raw_path!r} is not a fact path (e.g. channel.account)")
        at = _INDEXED.match(path)
        if at is not None and int(at.group(1)) >= MOST_COUNTERPARTS:
            raise FactProblem(
                f"{raw_path!r}: at most {MOST_COUNTERPARTS} counterparts (counterparts.0 to"
                f" counterparts.{MOST_COUNTERPARTS - 1})"
            )
        if value is None:
            facts.pop(path, None)
            words.pop(path, None)
            declined.add(path)
            # not asked again, for any of them
            declined.add(_INDEXED.sub("counterparts.", path))
        elif facts.get(path, _MISSING) != value:
            facts[path] = value
            words[path] = YOUR_ANSWER
    # What a "yes" presupposes is known too: "a pictured student's parent opted out" says a
    # student is pictured, so "Does it show students?" is not asked to confirm it.
    for narrow, broad in PRESUPPOSES.items():
        if facts.get(narrow) is True and broad not in facts and broad not in declined:
            facts[broad] = True
            words[broad] = words[narrow]
    draft = situation_from(district, facts)
    from_record: list[FactFromRecord] = []
    if record is not None:
        draft, from_record = fill_from_record(draft, record, today or dt.date.today())
    recorded = frozenset(
        _INDEXED.sub("counterparts.", f.field.replace("[0]", ".0")) for f in from_record
    )
    return Interpretation(
        facts, understood, frozenset(declined), words, draft, tuple(from_record), recorded
    )


_MISSING = object()

# Words a cue reads after the one that says the fact, to be sure of it ("friend a",
# "connect with the"): shown, they would be a fragment, not what the person said.
_TRAILING = frozenset(
    "a an the my your his their our some any to into onto with on of for at in and or "
    "un una unos unas el la los las al del mi mis".split()
)


def natural_words(words: str) -> str:
    """The words a fact came from as the person wrote them and as a span one would quote:
    without the articles and prepositions the reader looked at after them ("friend a" ->
    "friend", "connect with a" -> "connect"), case and spelling untouched."""
    tokens = words.split(" ")
    while len(tokens) > 1 and tokens[-1].lower() in _TRAILING:
        tokens.pop()
    return " ".join(tokens)


def next_question(
    decision: Decision,
    interpretation: Interpretation,
    *,
    approvals_counted: Sequence[str] | None = None,
    approvals_turn_on: Iterable[str] = (),
) -> Dependence | None:
    """The one follow-up worth asking, or None when asking is done.

    A settled answer asks nothing. A question is open when it was not answered "I don't
    know", is not on record, a person can answer it in plain words, and it does not only
    refine an uncertainty already answered "I don't know" ("Do you have the owner's
    permission?" after "Does it use copyrighted material?").

    The question asked is the one that decides the likeliest answers first. A fact the
    question stated, an answer or the record gave is never asked (the engine does not
    depend on it). Facts that are
    nearly always the same and that a person says when they are not (USUAL: is any of it
    inappropriate, is it an emergency, has the student left the district) are taken as
    usual: that gives the likely answer. Asked first is what changes the likely verdict
    (the first whose answer alone moves it; after an "I don't know" to such a question,
    only one of those), then what an approval on file turns on (``approvals_turn_on``: a
    coach's approval for groups of students counts only if it is to the team, which the
    pack alone cannot see; the likely answer counts only ``approvals_counted``, the forms
    whose approvals count as things stand, by default every one on record), then what
    changes what the likely answer asks of you (an approval, a duty: "Does the district
    provide a way to do this?" once a text from your own phone needs approval), what few
    know offhand (RARELY_KNOWN) last in each. Only then are the
    usual facts confirmed, those that fit the act first (whether it is inappropriate before
    whether it uses copyrighted music, for a text about practice), several details under
    one question ("Is any of it sexual, harassing, threatening, defamatory or vulgar?",
    not "Is any of it sexual?" then "... defamatory?"), and all of them that are left under
    one question (a :class:`Confirmation`: "Is any of this so?" with "None of these"), not
    one "No" after another: each is nearly always "no" and asking them one by one took a
    coach three taps to confirm what a text about practice implies. An "I don't know" ends
    it.
    What is not asked stays unknown: the decision is open, never a "yes", and says what it
    depends on."""
    if decision.settled:
        return None
    skipped = _refining(interpretation.declined)
    candidates = [
        d
        for d in decision.depends_on
        if d.fact not in interpretation.declined
        and d.fact not in interpretation.recorded
        and d.fact not in skipped
        and d.fact in ASKABLE
    ]
    main = [d for d in candidates if d.fact not in USUAL]
    # What few people know offhand comes after the rest, and not again once one of them
    # was answered "I don't know".
    if interpretation.declined & RARELY_KNOWN:
        main = [d for d in main if d.fact not in RARELY_KNOWN]
    main.sort(key=lambda d: d.fact in RARELY_KNOWN)
    context = _usual_situation(decision, interpretation, approvals_counted)
    unknown = interpretation.declined - USUAL.keys()  # what the person could not say
    plain = None
    if context is not None:
        pack, _, flat = context
        plain = decide_flat(pack, flat, explore=False)
    if main:
        if context is None or plain is None:
            return main[0]
        if not plain.settled:
            # The questions the plain answer still turns on, the first whose answer alone
            # moves it first, else the first in the engine's order.
            still = {_ASKED_AS.get(f, f) for f in plain.needs_facts}
            wanted = [d for d in main if d.fact in still]
            here = _gist(plain)
            for d in wanted:
                for o in d.outcomes:
                    after = decide_flat(pack, _with(flat, d.fact, o.value), explore=False)
                    if _gist(after) != here:
                        return d
            # Else the first of them, unless the person has already not known one of
            # them: then only a question whose answer alone moves the answer is asked.
            if wanted and not unknown:
                return wanted[0]
        # Then whether an approval on file counts, and what the likely answer asks of you:
        # an approval, a duty (not once the person could not say something it turns on).
        limits = set(approvals_turn_on)
        for d in main:
            if d.fact in limits:
                return d
        asks = _asks(plain)
        for d in main if not unknown else ():
            if any(
                _asks(decide_flat(pack, _with(flat, d.fact, o.value), explore=False)) != asks
                for o in d.outcomes
            ):
                return d
    # What remains turns on the usual facts: confirm the usual case where that changes the
    # answer, until the person cannot say ("I don't know" to one ends it). Once the person
    # could not say something else, only where the usual answer alone changes it or the
    # fact is about this kind of act (with the device unknown, whether a text is
    # inappropriate changes nothing; whether a post uses copyrighted music still may).
    if interpretation.declined & USUAL.keys():
        return None
    usual = [_as_asked(d, decision, interpretation, context) for d in candidates if d.fact in USUAL]
    usual = list({d.fact: d for d in usual}.values())
    fits = {d.fact: _pertinent(d.fact, interpretation) for d in usual}
    moves = {d.fact: _moves(d, decision) for d in usual}
    if unknown:
        kept = [d for d in usual if moves[d.fact] or (fits[d.fact] and d.fact in _OF_AN_ACT)]
        # With those answered as usual, another that fits may matter: asked with them,
        # not as a second "Is any of this so?" after "None of these".
        usual = kept + _mattering_after(kept, [d for d in usual if fits[d.fact]], context)
    # Those that fit the act and change the answer first; a picture's for a text, or
    # copyrighted music for a message, only when nothing else is left.
    usual.sort(key=lambda d: (not fits[d.fact], not moves[d.fact]))
    if len(usual) > 1:
        return Confirmation(usual[0].fact, usual[0].outcomes, tuple(d.fact for d in usual))
    return usual[0] if usual else None


def _mattering_after(
    confirmed: list[Dependence],
    others: list[Dependence],
    context: tuple[Pack, dict[str, Any], dict[str, Any]] | None,
) -> list[Dependence]:
    """Those of ``others`` whose usual answer changes the answer once the ``confirmed``
    usual facts are taken as usual (none when nothing is confirmed)."""
    if not confirmed or context is None:
        return []
    pack, known, _ = context
    base = dict(known)
    for d in confirmed:
        base = _as_usual(base, d.fact)
    here = _gist(decide_flat(pack, base, explore=False))
    taken = {d.fact for d in confirmed}
    return [
        d
        for d in others
        if d.fact not in taken
        and _gist(decide_flat(pack, _as_usual(base, d.fact), explore=False)) != here
    ]


def _as_usual(flat: dict[str, Any], fact: str) -> dict[str, Any]:
    """The situation with a usual fact as usual (an umbrella's details with it)."""
    out = _with(flat, fact, USUAL[fact])
    name = fact.removeprefix("content.")
    for part in UMBRELLAS.get(name, ()) if USUAL[fact] is False else ():
        out.setdefault(f"content.{part}", False)
    return out


def _gist(decision: Decision) -> tuple[Any, ...]:
    """The verdict and its bounds."""
    return (decision.verdict, decision.least, decision.most)


def _asks(decision: Decision) -> tuple[Any, ...]:
    """The verdict and what it asks of you: its approval and duties."""
    return (decision.verdict, decision.approval, frozenset(decision.obligations))


# Usual facts and the acts they fit. What a picture shows, copyrighted material and the
# district's marks fit where something is published (or pictures are sent); whether the
# student left the district or is your own child, a question about a student; whether what
# they sent was inappropriate, a reply; a breach or abuse, something received. The rest
# (inappropriate, an emergency, confidential, disappearing messages) fit any act.
_PUBLISHING = frozenset({"post", "create_account", "use_logo", "commercial_use", "media_contact"})
_PUBLISHED = (
    "content.coworker_images",
    "content.media_permission_denied",
    "content.copyrighted_material",
    "content.district_logo",
)
_ABOUT_A_STUDENT = ("counterparts.former_student", "counterparts.own_child")
_RECEIVED = ("content.security_breach", "content.suspected_abuse")
_OF_AN_ACT = frozenset(
    (*_PUBLISHED, *_ABOUT_A_STUDENT, *_RECEIVED, "counterparts.contact_inappropriate")
)


def _pertinent(fact: str, interpretation: Interpretation) -> bool:
    """Whether confirming a usual fact fits the act: "Does it show co-workers?" fits a post,
    not a text to a parent; "Does it use copyrighted material?" a post, not a text about
    practice (asked there only when nothing else is left)."""
    facts = interpretation.draft
    action = facts.get("action")
    content = facts.get("content") or {}
    if fact in _PUBLISHED:
        return action in _PUBLISHING or any(
            content.get(f) is True for f in ("student_images", "coworker_images", "student_work")
        )
    if fact in _ABOUT_A_STUDENT:
        return any(cp.get("role") == "student" for cp in facts.get("counterparts") or [])
    if fact == "counterparts.contact_inappropriate":
        return action == "respond_to_contact" or any(
            cp.get("initiated_contact") is True for cp in facts.get("counterparts") or []
        )
    if fact in _RECEIVED:
        return action == "receive"
    return True


def _as_asked(
    dependence: Dependence,
    decision: Decision,
    interpretation: Interpretation,
    context: tuple[Pack, dict[str, Any], dict[str, Any]] | None,
) -> Dependence:
    """A detail asked through what it is part of, where that is a question too: "Is any of
    it sexual, harassing, threatening, defamatory or vulgar?" for "Is any of it sexual?",
    a "No" settling every detail at once (a "Yes" then asks which)."""
    name = dependence.fact.removeprefix("content.")
    umbrella = next((u for u, parts in UMBRELLAS.items() if name in parts), None)
    fact = f"content.{umbrella}" if umbrella else ""
    if (
        context is None
        or fact not in USUAL
        or fact in interpretation.declined
        or fact in interpretation.facts
    ):
        return dependence
    pack, flat, _ = context
    outcomes = []
    for value in (True, False):
        after = {**flat, fact: value}
        if value is False:
            for part in UMBRELLAS[umbrella or ""]:
                after.setdefault(f"content.{part}", False)
        got = decide_flat(pack, after, explore=False)
        outcomes.append(Outcome(value, got.verdict, got.settled, got.least, got.most))
    return Dependence(fact, tuple(outcomes))


# Facts the engine names that are asked through another one.
_ASKED_AS = {"group_size": "counterparts.count", "counterparts": "counterparts.role"}


def _moves(dependence: Dependence, decision: Decision) -> bool:
    """Whether the usual answer to a fact changes the verdict or its bounds."""
    usual = USUAL[dependence.fact]
    return any(
        o.value == usual
        and (o.verdict, o.least, o.most) != (decision.verdict, decision.least, decision.most)
        for o in dependence.outcomes
    )


# Facts that are nearly always as written here, that a person states when they are not
# ("she's threatening me", "it's an emergency", "a former student"), and that few can
# answer when asked out of the blue. They are not asked; the decision still depends on
# them while they are unknown.
USUAL: dict[str, Any] = {
    "emergency": False,
    "content.inappropriate": False,
    "content.vulgar": False,
    "content.harassing": False,
    "content.threatening": False,
    "content.defamatory": False,
    "content.sexual": False,
    "content.copyrighted_material": False,
    "content.coworker_images": False,
    "content.confidential_information": False,
    "content.security_breach": False,
    "content.suspected_abuse": False,
    "content.media_permission_denied": False,
    "counterparts.former_student": False,
    "counterparts.contact_inappropriate": False,
    "counterparts.own_child": False,
    "channel.disappearing": False,
    "content.district_logo": False,
}

# What each usual fact is when it is not as usual, as one answer of "Is any of this so?".
UNUSUAL: dict[str, str] = {
    "emergency": "Someone's health or safety is in immediate danger",
    "content.inappropriate": "Some of it is sexual, harassing, threatening, defamatory or vulgar",
    "content.vulgar": "Some of it is vulgar",
    "content.harassing": "Some of it is harassing",
    "content.threatening": "Some of it is threatening",
    "content.defamatory": "Some of it is defamatory",
    "content.sexual": "Some of it is sexual",
    "content.copyrighted_material": "It uses copyrighted music, video or text",
    "content.coworker_images": "It shows co-workers",
    "content.confidential_information": "It is confidential",
    "content.security_breach": "It is evidence of a security breach",
    "content.suspected_abuse": "There are signs of abuse or neglect",
    "content.media_permission_denied": "A pictured student's parent opted out",
    "counterparts.former_student": "The student has left the district",
    "counterparts.contact_inappropriate": "What they sent was inappropriate",
    "counterparts.own_child": "The student is your own child",
    "channel.disappearing": "The messages disappear after a while",
    "content.district_logo": "It carries the district's logo, mascot or marks",
}


def confirm_options(confirmation: Confirmation) -> list[tuple[str, dict[str, Any]]]:
    """The answers to "Is any of this so?", each with the facts it answers: "None of these"
    first (the usual answer), then one per fact (that one is so)."""
    return [
        (NONE_OF_THESE, {f: USUAL.get(f, False) for f in confirmation.facts}),
        *(
            (UNUSUAL.get(f) or question_for(f).text, {f: not USUAL.get(f, False)})
            for f in confirmation.facts
        ),
    ]


# Facts that matter to some answers but that few people know offhand (which network the
# phone is on, whether the district offers its own way to do it).
RARELY_KNOWN = frozenset(
    {
        "channel.network",
        "channel.district_alternative",
        "content.learned_through_employment",
        "actor.duty_free",
    }
)


def _usual_situation(
    decision: Decision, interpretation: Interpretation, approvals: Sequence[str] | None = None
) -> tuple[Pack, dict[str, Any], dict[str, Any]] | None:
    """The pack, the situation as known (with ``approvals`` as the approvals on file, when
    given) and the same with the unknown USUAL facts taken as usual (None when the facts do
    not make a situation, or the pack is not a built-in one)."""
    if not decision.pack_id:
        return None
    try:
        pack = load_pack(decision.pack_id)
        situation = Situation.model_validate(interpretation.situation(decision.pack_id))
    except (KeyError, ValidationError):
        return None
    known = situation.flatten()
    if approvals is not None:
        known["actor.approvals"] = tuple(approvals)
    flat = dict(known)
    for fact, value in USUAL.items():
        if fact.startswith("counterparts."):
            name = fact.removeprefix("counterparts.")
            cps: tuple[dict[str, Any], ...] = flat.get("counterparts") or ({},)
            flat["counterparts"] = tuple(cp if name in cp else {**cp, name: value} for cp in cps)
        else:
            flat.setdefault(fact, value)
    return pack, known, flat


def _with(flat: dict[str, Any], fact: str, value: Any) -> dict[str, Any]:
    """The situation with one more fact (on every counterpart for a counterpart's)."""
    out = dict(flat)
    if fact.startswith("counterparts."):
        name = fact.removeprefix("counterparts.")
        cps: tuple[dict[str, Any], ...] = flat.get("counterparts") or ({},)
        out["counterparts"] = tuple({**cp, name: value} for cp in cps)
        counts = [cp.get("count") for cp in out["counterparts"]]
        if all(isinstance(c, int) for c in counts):
            out["group_size"] = sum(counts)
    else:
        out[fact] = value
    return out


# Questions that refine another: once the broader one is answered "I don't know", the
# narrower ones would only narrow an uncertainty the person could not resolve.
_REFINES: dict[str, tuple[str, ...]] = {
    "content.copyrighted_material": ("content.copyright_permission",),
    "content.coworker_images": ("content.coworker_consent", "content.coworker_consent_written"),
    "content.coworker_consent": ("content.coworker_consent_written",),
    "content.inappropriate": (
        "content.vulgar",
        "content.harassing",
        "content.threatening",
        "content.defamatory",
        "content.sexual",
    ),
    "content.student_images": (
        "content.media_permission_denied",
        "content.public_extracurricular",
    ),
    "content.student_pii": ("content.student_work", "content.student_records"),
    "counterparts.initiated_contact": (
        "counterparts.contact_attempts",
        "counterparts.contact_inappropriate",
    ),
    "actor.on_duty": ("actor.duty_free",),
}


# A fact whose "yes" says another is so: the question presupposes it ("Do you have the
# owner's permission?" of copyrighted material, "Was what they sent inappropriate?" of a
# student who wrote first).
PRESUPPOSES: dict[str, str] = {
    "content.copyright_permission": "content.copyrighted_material",
    "content.coworker_consent": "content.coworker_images",
    "content.coworker_consent_written": "content.coworker_images",
    "content.media_permission_denied": "content.student_images",
    "counterparts.contact_inappropriate": "counterparts.initiated_contact",
}


def answered_dont_know(declined: Iterable[str]) -> frozenset[str]:
    """The facts an "I don't know" answered: each fact, with the details an umbrella
    question stands for ("Is any of it sexual, harassing ...?" for each of them) and the
    facts the engine names that are asked through it (the group's size, through "One
    person or a group?"). The answer turns on them; they are not asked again."""
    out = set(declined)
    for fact in declined:
        name = fact.removeprefix("content.")
        if fact.startswith("content.") and name in UMBRELLAS:
            out.update(f"content.{part}" for part in UMBRELLAS[name])
    out.update(engine for engine, asked in _ASKED_AS.items() if asked in out)
    return frozenset(out)


def _refining(declined: frozenset[str]) -> frozenset[str]:
    return frozenset(f for d in declined for f in _REFINES.get(d, ()))


def option_label(fact: str, value: Any, pack: PackDocument | None = None) -> str:
    """An answer in plain words ("My own device", "A group"); with the district's pack,
    an app or site by its name and an approval by its form's title."""
    if fact == "action":
        return ACTIONS.get(str(value), plain(value))
    if pack is not None and fact == "channel.platform":
        names = {c.id: c.name for c in pack.channels}
        if value in names:
            return names[value]
    if pack is not None and fact == "actor.approvals" and isinstance(value, (tuple, list)):
        titles = {f.id: f.title for f in pack.forms}
        return ", ".join(titles.get(v, plain(v)) for v in value) if value else "None on file"
    return question_for(fact_name(fact)).answer(value)


def answer_options(
    dependence: Dependence, pack: PackDocument | None = None
) -> list[tuple[Outcome, str]]:
    """The answers a follow-up offers, each with its words. A number's answers name the
    range each stands for ("One person", "A group (two or more)")."""
    question = question_for(dependence.fact)
    values = [o.value for o in dependence.outcomes]
    if question.span is not None:
        labels = question.options(values)
    else:
        labels = [option_label(dependence.fact, v, pack) for v in values]
    return list(zip(dependence.outcomes, labels, strict=True))


def fact_question(fact: str) -> str:
    """The plain-words question a fact answers ("Will you use your own device …?"); of one
    of several counterparts, which one ("Who is it with? (the second you named)")."""
    if fact == "action":
        return "What do you want to do?"
    text = question_for(fact_name(fact)).text
    at = _INDEXED.match(fact)
    if at is None:
        return text
    n = int(at.group(1))
    nth = _NTH[n] if n < len(_NTH) else f"number {n + 1}"
    return f"{text} (the {nth} you named)"


_NTH = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def fact_name(path: str) -> str:
    """The contract's field a fact path is of: "counterparts.1.role" (the second of several
    counterparts) is a "counterparts.role"."""
    return _INDEXED.sub("counterparts.", path)


def askable(path: str) -> bool:
    """Whether a person may state, correct or be asked a fact path (:data:`ASKABLE`), also
    of one of several counterparts ("counterparts.1.count")."""
    at = _INDEXED.match(path)
    return fact_name(path) in ASKABLE and (at is None or int(at.group(1)) < MOST_COUNTERPARTS)


fact_label = option_label


def to_json(
    interpretation: Interpretation,
    situation: Situation,
    decision: Decision,
    following: Dependence | None,
    pack: PackDocument | None = None,
) -> dict[str, Any]:
    """The shape `lanyard interpret --json` and `POST /api/may-i/interpret` return."""
    nxt: dict[str, Any] | None = None
    if isinstance(following, Confirmation):
        nxt = {
            "field": following.fact,
            "fields": list(following.facts),
            "question": CONFIRM_QUESTION,
            "asks": [fact_question(f) for f in following.facts],
            # each answer with the facts to send back as they are (in ``facts``)
            "options": [
                {"label": label, "facts": facts} for label, facts in confirm_options(following)
            ],
        }
    elif following is not None:
        q = question_for(following.fact)
        nxt = {
            "field": following.fact,
            "question": q.text,
            "options": [
                {
                    "value": value,
                    "label": label,
                    "verdict": str(o.verdict),
                    "facts": {following.fact: value},
                }
                for o, label in answer_options(following, pack)
                for value in [list(o.value) if isinstance(o.value, tuple) else o.value]
            ],
        }
    return {
        "situation": situation.model_dump(mode="json", exclude_none=True),
        "understood": [
            {"field": u.field, "value": u.value, "words": u.words}
            | ({} if u.source == "question" else {"proposed_by": u.source})
            for u in interpretation.understood
        ],
        "from_record": [
            {"field": f.field, "value": f.value, "source": f.source}
            for f in interpretation.from_record
        ],
        "next": nxt,
        "decision": decision.to_dict(),
    }
