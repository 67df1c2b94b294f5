"""Confidential information: phone numbers, e-mail addresses, identifiers, home addresses,
student names from a list, and medical or education-record details about a person."""

from __future__ import annotations

import re

from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.registry import register
from lanyard.moderation.classifiers.screen import screened
from lanyard.moderation.classifiers.text import may_hold_address
from lanyard.moderation.domain import Signal

ID = "recognizers-pii"
VERSION = "2.0"

_PHONE = screened(r"(?<![\d-])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\d-])")
_EMAIL = screened(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
# Shared mailboxes of an organization are published contact points, not personal data.
_ROLE_MAILBOX = re.compile(
    r"(?:info|office|contact|admin|support|help|pto|pta|news|hello|frontdesk|attendance"
    r"|registrar|webmaster|communications|media|press|events|noreply|no-reply)@",
    re.IGNORECASE,
)
_SSN = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
_STUDENT_ID = re.compile(r"\b(?:student|lunch|locker|id) (?:id |number |#|no\.? )?:? ?#?\d{4,}\b")
_ADDRESS = re.compile(
    r"\b\d{1,5} (?:[a-z]+ ){1,3}(?:st|street|ave|avenue|rd|road|dr|drive|ln|lane|ct|court"
    r"|blvd|boulevard|way|pl|place|cir|circle|ter|terrace|pkwy)\b\.?"
)
_LIVES = re.compile(r"\b(?:lives?|living|stays?|address is|house is) (?:at|on|is)\b")
_MEDICAL = screened(
    r"\b(?:diagnos\w+|adhd|autism|autistic|asperger\w*|iep|504 plan|diabet\w+|epilep\w+"
    r"|seizures?|asthma\w*|cancer|chemo\w*|leukemia|hiv|aids|stds?|pregnan\w+|abortion"
    r"|miscarriage|depression|depressed|anxiety disorder|bipolar|schizophreni\w+|ocd|ptsd"
    r"|eating disorder|anorexi\w+|bulimi\w+|medication|meds|prescri\w+|therapy|therapist"
    r"|psychiatri\w+|rehab|dyslexi\w+|learning disabilit\w+|special ed\w*|mental illness"
    r"|mental health (?:issues|problems|condition)|hospitali[sz]ed|surgery|tested positive"
    r"|covid positive|lice|concussion|disabilit\w+|overdos\w+|suicide attempt|self[- ]harm\w*"
    r"|(?:on|in) (?:an? )?(?:iep|504)|allerg\w+|insulin|cutting (?:herself|himself))\b"
)
_RECORD = screened(
    r"\b(?:gpa|report cards?|grades? (?:is|are|was|were)|(?:his|her|their) grades?"
    r"|failing|flunking|flunked|failed (?:the |his |her |their )?(?:class|test|exam|final|course"
    r"|\w+ class|math|english|science|history|spanish|algebra|biology|chemistry)"
    r"|got an? (?:d|f|zero|0)\b|straight (?:d|f)s|held back"
    r"|repeating (?:a |the )?(?:grade|\w+ grade|year|class)|retained|summer school"
    r"|credit recovery|academic probation|reading level"
    r"|below grade level|reads at a|test scores?|map scores?|sat scores?|act scores?|iq"
    r"|detention|detentions|suspended|suspension|in-school suspension|iss|oss|expelled"
    r"|expulsion|disciplin\w+|referrals?|sent to the office|write-?ups?|probation|truan\w+"
    r"|absent|absences|absent \w+ days|skips? (?:school|class)|skipping (?:school|class)"
    r"|missed \d+ days|chronically absent|attendance|tard(?:y|ies)|custody|restraining order"
    r"|foster care|foster kid|dcfs|cps case|cps|arrested|juvenile record|juvie|on probation"
    r"|free lunch|reduced lunch|homeless)\b"
)
_SCHOOL_CONTEXT = re.compile(
    r"\b(?:class|classes|period|grade|grader|school|teacher|homeroom|room \d+|mr|mrs|ms|miss"
    r"|coach|team|bus|cafeteria|lunch|recess|kindergarten|freshman|sophomore|junior|senior"
    r"|\d(?:st|nd|rd|th)|in the back|front row|my (?:son|daughter|kid|child)'?s?)\b"
)
_PERSON = re.compile(
    r"\b(?:(?:my|his|her|their|your|our|that|this|the) (?:son|daughter|child|kid|boy|girl"
    r"|student|teacher|coach|classmate|friend|neighbor)|(?:mr|mrs|ms|miss|dr|coach)\.? [a-z]+"
    r"|he|she|he's|she's|him|her)\b"
)
# Phone numbers published by an organization (the office, a hotline) are contact points.
_ORG_PHONE = re.compile(
    r"\b(?:office|main line|front desk|attendance line|district|school|hotline|helpline|crisis"
    r"|988|reception|switchboard|call us|our number|nurse'?s office|transportation|tip line)\b"
)
_HOME = re.compile(
    r"\b(?:lives?|living|stays?|address|house|home|apartment|apt|place is|moved to|crib"
    r"|residence|door)\b(?<!moved to)"
)
_STREET_HOME = screened(
    r"\b(?:lives?|living|stays?|house is|home is) (?:on|at|off of|off) (?:\w+ ){1,2}(?:st|street"
    r"|ave|avenue|rd|road|dr|drive|ln|lane|ct|court|blvd|way|pl|place|cir|circle|ter|terrace)\b"
)


class PiiRecognizer:
    id = ID
    version = VERSION
    categories = ("confidential_information",)

    def analyze(self, comment: Comment) -> list[Signal]:
        raw = comment.plain
        text = comment.norm
        found: list[tuple[float, str]] = []
        for m in _SSN.finditer(raw):
            found.append((0.97, f"identification number {m.group(0)}"))
        for m in _PHONE.finditer(raw):
            if not _SSN.fullmatch(m.group(0).strip()):
                before = raw[max(0, m.start() - 40) : m.start()].lower()
                score = 0.4 if _ORG_PHONE.search(before) else 0.9
                found.append((score, f"phone number {m.group(0).strip()}"))
        for m in _EMAIL.finditer(raw) if may_hold_address(raw) else ():
            if _ROLE_MAILBOX.match(m.group(0)):
                found.append((0.3, f"organization's mailbox {m.group(0)}"))
            else:
                found.append((0.9, f"e-mail address {m.group(0)}"))
        for m in _STUDENT_ID.finditer(text):
            found.append((0.9, m.group(0)))
        addresses = [m.group(0) for m in _ADDRESS.finditer(text)]
        if addresses:
            found.append((0.88 if _HOME.search(text) else 0.5, f"address {addresses[0]}"))
        street = _STREET_HOME.search(text)
        if street and not addresses:
            found.append((0.7, f"where someone lives: {street.group(0)}"))

        hits = comment.student_names.find(comment.plain) if comment.student_names else []
        medical = [m.group(0) for m in _MEDICAL.finditer(text)]
        record = [m.group(0) for m in _RECORD.finditer(text)]
        details = medical + record
        full = [h for h in hits if h.full]
        first = [h for h in hits if not h.full]
        if full:
            what = f"student name {full[0].words}"
            if details:
                found.append((0.95, f"{what} with {details[0]}"))
            elif found:
                found.append((0.95, f"{what} with contact details"))
            else:
                found.append((0.4, what))
        elif first and details:
            what = f"student first name {first[0].words} with {details[0]}"
            in_school = _SCHOOL_CONTEXT.search(text)
            found.append((0.85 if in_school else 0.5, what))
        elif details:
            person = _PERSON.search(text)
            own_child = re.search(r"\bmy (?:son|daughter|kid|child|boy|girl)\b", text)
            if own_child and not re.search(r"\b(?:his|her) (?:friend|classmate)", text):
                found.append((0.3, f"a parent about their own child: {details[0]}"))
            elif person and medical:
                # A pronoun alone ("she is diabetic") may be anyone; a role or a title less so.
                pronoun = person.group(0) in ("he", "she", "he's", "she's", "him", "her")
                score = 0.5 if pronoun else 0.75
                found.append((score, f"medical detail '{medical[0]}' about '{person.group(0)}'"))
            elif person:
                found.append((0.45, f"record detail '{record[0]}' about '{person.group(0)}'"))
            else:
                found.append((0.3, details[0]))
        if not found:
            return []
        found.sort(reverse=True)
        score = found[0][0]
        if len(found) > 1 and score < 0.95:
            score = min(0.97, score + 0.05)
        evidence = tuple(e for _, e in found[:4])
        return [Signal("confidential_information", score, evidence, ID, VERSION)]


register(ID, PiiRecognizer)
