"""Plain-words questions for the facts of a situation, so that an answer that depends on an
unknown fact can ask for it as a person would ("Is it your personal phone or a district
phone?") and say what each answer leads to."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lanyard.policy.decision import Citation, Decision, Dependence, Obligation, Verdict

if TYPE_CHECKING:
    from lanyard.policy.loader import Pack

_YES_NO = {True: "Yes", False: "No"}


@dataclass(frozen=True)
class Question:
    text: str
    answers: dict[Any, str]
    # For a number: the words for a range of it, lowest to highest (None: no upper end).
    span: Callable[[int, int | None], str] | None = None

    def answer(self, value: Any) -> str:
        """The answer in plain words; a value with no words of its own is spelled out
        ("student_teacher" -> "Student teacher"), never shown as an identifier."""
        if isinstance(value, (tuple, list)):
            return ", ".join(map(plain, value)) if value else "None on file"
        if isinstance(value, bool) or value is None:
            return self.answers.get(value, "I don't know" if value is None else str(value))
        if value not in self.answers and self.span is not None and isinstance(value, int):
            return self.span(value, value)
        return self.answers.get(value, plain(value))

    def options(self, values: Sequence[Any]) -> list[str]:
        """The answers offered for these values. The numbers the engine tries each stand for
        the range up to the next one, the highest for itself "or more" (a count of 1 or 2
        is "One person" or "A group (two or more)", not "One person", "A group", "A group")."""
        numbers = sorted(v for v in values if isinstance(v, int) and not isinstance(v, bool))
        if self.span is None or len(numbers) != len(values):
            return [self.answer(v) for v in values]
        ends = {v: (nxt - 1 if nxt is not None else None) for v, nxt in _pairs(numbers)}
        return [self.span(v, ends[v]) for v in values]


def _pairs(numbers: list[int]) -> list[tuple[int, int | None]]:
    return list(zip(numbers, [*numbers[1:], None], strict=True))


def _people(low: int, high: int | None) -> str:
    """ "One person", "A group (two or more)", "3 people", "4 or more people"."""
    if high == low:
        return "One person" if low == 1 else f"{low} people"
    if high is None:
        return {1: "Any number of people", 2: "A group (two or more)"}.get(
            low, f"{low} or more people"
        )
    return f"{low} to {high} people"


_TIMES = {0: "Never", 1: "Once", 2: "Twice"}


def _times(low: int, high: int | None) -> str:
    """ "Never", "Once", "Twice or more", "3 to 4 times"."""
    one = _TIMES.get(low, f"{low} times")
    if high == low:
        return one
    if high is None:
        return {0: "Any number of times", 1: "At least once"}.get(low, f"{one} or more")
    return f"{low} to {high} times"


def plain(value: Any) -> str:
    """An identifier in plain words: "district-email" -> "District email"."""
    text = str(value).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:]


QUESTIONS: dict[str, Question] = {
    "counterparts.role": Question(
        "Who is it with?",
        {
            "student": "A student",
            "parent": "A parent or guardian",
            "employee": "A co-worker",
            "administrator": "The district's administration",
            "community": "Community members",
            "media": "News media",
            "public": "The public",
        },
    ),
    "channel.device": Question(
        "Will you use your own device or a district device?",
        {"personal": "My own device", "district": "A district device"},
    ),
    "channel.account": Question(
        "From your own account or a district account?",
        {"personal": "My own account", "district": "A district account"},
    ),
    "channel.network": Question(
        "On the district's network?",
        {"district": "The district's network", "other": "Another network"},
    ),
    "purpose": Question(
        "Is it for school business or personal?",
        {"district_business": "School business", "personal": "Personal"},
    ),
    "channel.medium": Question(
        "How will you send or share it?",
        {
            "email": "E-mail",
            "text_message": "Text message",
            "instant_message": "Instant message or chat",
            "social_dm": "Social media direct message",
            "lms_message": "Learning platform message",
            "notification_app": "Class notification app",
            "phone": "Phone call",
            "social_post": "Social media post",
            "website": "Website",
            "comment_reply": "Comment or reply",
        },
    ),
    "channel.platform": Question(
        "Which app or site?",
        {
            "other": "Another one",
            # as their makers write them ("GroupMe", not "Groupme")
            "canvas": "Canvas",
            "classdojo": "ClassDojo",
            "discord": "Discord",
            "district-email": "District e-mail",
            "facebook": "Facebook",
            "gmail": "Gmail",
            "groupme": "GroupMe",
            "instagram": "Instagram",
            "linkedin": "LinkedIn",
            "parentsquare": "ParentSquare",
            "pinterest": "Pinterest",
            "remind": "Remind",
            "schoology": "Schoology",
            "slack": "Slack",
            "snapchat": "Snapchat",
            "teams": "Microsoft Teams",
            "threads": "Threads",
            "tiktok": "TikTok",
            "whatsapp": "WhatsApp",
            "x": "X (Twitter)",
            "yahoo": "Yahoo Mail",
            "youtube": "YouTube",
        },
    ),
    "channel.district_alternative": Question(
        "Does the district provide or approve a way to do this?", dict(_YES_NO)
    ),
    "channel.disappearing": Question(
        "Do the messages disappear after they are read or after a time?", dict(_YES_NO)
    ),
    "counterparts.account": Question(
        "To their district address or account, or a personal one?",
        {"district": "Their district address", "personal": "A personal address"},
    ),
    "counterparts.count": Question(
        "One person or a group?", {1: "One person", 2: "A group"}, span=_people
    ),
    "counterparts.own_child": Question("Is the student your own child?", dict(_YES_NO)),
    "counterparts.former_student": Question(
        "Has the student left the district (graduated or moved away)?", dict(_YES_NO)
    ),
    "counterparts.age_18_or_over": Question("Is the student 18 or older?", dict(_YES_NO)),
    "counterparts.age_under_13": Question("Is any of them under 13?", dict(_YES_NO)),
    "counterparts.grade_band": Question(
        "Which grades?",
        {"elementary": "Elementary", "middle": "Middle school", "high": "High school"},
    ),
    "counterparts.initiated_contact": Question("Did they contact you first?", dict(_YES_NO)),
    "counterparts.contact_attempts": Question(
        "How many times have they contacted you?",
        {0: "Never", 1: "Once", 2: "Twice", 3: "Three times", 4: "Four times or more"},
        span=_times,
    ),
    "counterparts.contact_inappropriate": Question(
        "Was what they sent inappropriate?", dict(_YES_NO)
    ),
    "actor.role": Question(
        "What is your role?",
        {
            "teacher": "Teacher",
            "coach": "Coach",
            "administrator": "Principal, assistant principal or dean",
            "staff": "Other staff (aide, counselor, nurse, office, custodian)",
            "volunteer": "Volunteer",
            "superintendent": "Superintendent",
            "student_teacher": "Student teacher",
        },
    ),
    "actor.on_duty": Question("Will you be on duty (working time)?", dict(_YES_NO)),
    "actor.duty_free": Question(
        "Will it be on duty-free time (lunch, plan time, a break)?", dict(_YES_NO)
    ),
    "actor.relationship": Question(
        "Do you know them outside school?",
        {
            "familial": "Family",
            "religious": "Through a house of worship",
            "community": "Through a community group",
            "none": "No",
        },
    ),
    "actor.approvals": Question("Is an approval on file for this?", {}),
    "emergency": Question(
        "Is someone's health or safety in immediate danger, with no district means in time?",
        dict(_YES_NO),
    ),
}

_CONTENT = {
    "student_pii": "Does it name students or show their work, grades or records?",
    "student_images": "Does it show students (photos or video)?",
    "student_directory_info": "Does it carry student directory information (names, grade, "
    "activities, honours, event photos)?",
    "student_work": "Does it show a student's work?",
    "student_records": "Does it carry anything from a student's record (grades, IEP/504, "
    "discipline, health, attendance)?",
    "coworker_images": "Does it show co-workers?",
    "coworker_consent": "Did the co-workers consent?",
    "coworker_consent_written": "Is the co-workers' consent in writing?",
    "district_logo": "Does it carry the district's logo, mascot or marks?",
    "copyrighted_material": "Does it use copyrighted material (music, video, text)?",
    "copyright_permission": "Do you have the owner's permission or a licence?",
    "public_extracurricular": "Are they pictured at a public sports, theatre or music event?",
    "media_permission_denied": "Has a pictured student's parent opted out?",
    "parental_permission": "Is written parental permission on file?",
    "speaks_for_district": "Does it refer to the district or could it read as the district's view?",
    "visible_recipient_addresses": "Are outside addresses visible in To or Cc?",
    "inappropriate": "Is any of it sexual, harassing, threatening, defamatory or vulgar?",
    "vulgar": "Is any of it vulgar?",
    "harassing": "Is any of it harassing?",
    "threatening": "Is any of it threatening?",
    "defamatory": "Is any of it defamatory?",
    "sexual": "Is any of it sexual?",
    "learned_through_employment": "Did you learn it through your work for the district?",
    "confidential_information": "Is it confidential to the district or someone else?",
    "security_breach": "Is it evidence of a security breach?",
    "suspected_abuse": "Are there signs of abuse or neglect?",
}
for _name, _text in _CONTENT.items():
    QUESTIONS[f"content.{_name}"] = Question(_text, dict(_YES_NO))

SHORT_VERDICT = {
    Verdict.ALLOWED: "yes",
    Verdict.ALLOWED_WITH_OBLIGATIONS: "yes, with duties",
    Verdict.NEEDS_APPROVAL: "only with approval",
    Verdict.PROHIBITED: "no",
}


def question_for(fact: str) -> Question:
    fallback = Question(fact.split(".")[-1].replace("_", " ").capitalize() + "?", {})
    return QUESTIONS.get(fact, fallback)


# Facts only a record answers (the approvals on file): never asked of a person. Where no
# record was read (the command line runs as no one), an answer that turns on one says so
# as a statement, not as a question to the person.
RECORD_FACTS: dict[str, str] = {
    "actor.approvals": "Whether an approval is on file for you (no record was read)",
}

DONT_KNOW = "I don't know"


def open_fact(fact: str, declined: Collection[str] = ()) -> str:
    """What an open answer turns on, in words: the fact's question; a fact only the
    record answers as a statement; a question the person answered "I don't know" as
    that answer, never as the question again."""
    if fact in RECORD_FACTS:
        return RECORD_FACTS[fact]
    text = question_for(fact).text
    if fact in declined:
        return f"You answered \u201c{DONT_KNOW}\u201d to \u201c{text}\u201d"
    return text


def describe_dependence(
    dependence: Dependence, declined: Collection[str] = ()
) -> tuple[str, list[str]]:
    """The question (or what it turns on, :func:`open_fact`, for a record fact or a
    question answered "I don't know") and, for each answer, what it leads to ("My own
    device: no")."""
    question = question_for(dependence.fact)
    lines = []
    labels = question.options([o.value for o in dependence.outcomes])
    for outcome, label in zip(dependence.outcomes, labels, strict=True):
        if outcome.settled:
            lead = SHORT_VERDICT[outcome.verdict]
        else:
            lead = (
                f"depends on more (at best {SHORT_VERDICT[outcome.least]},"
                f" at worst {SHORT_VERDICT[outcome.most]})"
            )
        lines.append(f"{label}: {lead}")
    return open_fact(dependence.fact, declined), lines


def headline(decision: Decision) -> str:
    """The answer in a few words, the way the May I? page and the terminal lead with it."""
    if not decision.settled:
        return "It depends"
    return {
        Verdict.ALLOWED: "Yes, you may",
        Verdict.ALLOWED_WITH_OBLIGATIONS: "Yes, with conditions",
        Verdict.NEEDS_APPROVAL: "Not yet: it needs approval first",
        Verdict.PROHIBITED: "No, the policy does not allow this",
    }[decision.verdict]


def instead(decision: Decision) -> str | None:
    """What the policy says to do instead, for a settled "no" ("use your District email
    account ..."): the page and the terminal put it right under the headline."""
    if not decision.settled or decision.verdict is not Verdict.PROHIBITED:
        return None
    for obligation in decision.obligations:
        if obligation.do == "redirect" and (obligation.what or obligation.when):
            return obligation.what or obligation.when
    return None


@dataclass(frozen=True)
class Duties:
    """What an answer asks of you, split by whether it applies: ``sure`` (the clauses that
    apply to what is known, and the conditions of an approval on file) and, for an open
    answer, what each clause that only might apply would ask (``if_applies``, by its
    citation), shown with that clause. Listed together, they read as contradictions ("use
    your District email" next to "use a personal account registered with a personal
    email"), each true only in another case."""

    sure: tuple[Obligation, ...]
    if_applies: dict[Citation, tuple[Obligation, ...]]


def duties(decision: Decision, pack: Pack) -> Duties:
    """The decision's duties split into those that apply and those of clauses that might."""
    rules = pack.by_id
    owed: set[Obligation] = set()
    maybe: dict[Citation, list[Obligation]] = {}
    for fired in decision.fired:
        rule = rules.get(fired.rule_id)
        if rule is None:
            continue
        if fired.possible:
            for o in rule.obligations:
                maybe.setdefault(rule.citation, []).append(o)
        else:
            owed.update(rule.obligations)
            if fired.satisfied_by is not None:
                owed.update(rule.once_obligations)
    possible = {o for found in maybe.values() for o in found}
    sure = tuple(o for o in decision.obligations if o in owed or o not in possible)
    return Duties(
        sure,
        {c: tuple(dict.fromkeys(o for o in found if o not in sure)) for c, found in maybe.items()},
    )


# What each kind of obligation asks, as the start of a sentence ("Tell the building
# principal: ..."); the pack's own words (what, when) follow it unchanged.
OBLIGATION_VERBS = {
    "redirect": "Instead",
    "notify": "Tell",
    "report": "Report it to",
    "document": "Keep a record",
    "disclaim": "Add a disclaimer",
    "discourage": "Discourage it",
    "include": "Include",
    "monitor": "Keep watch",
    "verify": "Make sure of",
    "use_bcc": "Put the addresses in BCC",
    "retain": "Keep",
}
DEADLINE_WORDS = {
    "immediately": "immediately",
    "same_day": "the same day",
    "next_school_day": "by the next school day",
}


def obligation_verb(do: str, *, has_recipient: bool) -> str:
    """The plain-word verb of an obligation; "Keep a record for" when it names a role."""
    verb = OBLIGATION_VERBS.get(do, do.replace("_", " ").capitalize())
    if has_recipient and do in {"document", "disclaim", "include", "verify", "retain"}:
        verb += " for"
    return verb


_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second"}


def deadline_phrase(deadline: str) -> str:
    """ "immediately", "by the next school day", or an ISO 8601 duration in words
    ("P2D" -> "within 2 days", "PT30M" -> "within 30 minutes")."""
    if deadline in DEADLINE_WORDS:
        return DEADLINE_WORDS[deadline]
    parts = []
    in_time = False
    number = ""
    for char in deadline[1:] if deadline.startswith("P") else deadline:
        if char == "T":
            in_time = True
        elif char.isdigit():
            number += char
        elif number:
            unit = "minute" if (char == "M" and in_time) else _UNITS.get(char, char)
            parts.append(f"{number} {unit}{'' if number == '1' else 's'}")
            number = ""
    return "within " + " and ".join(parts) if parts else deadline
