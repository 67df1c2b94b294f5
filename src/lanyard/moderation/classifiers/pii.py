"""Confidential information: phone numbers, e-mail addresses, identifiers, home addresses,
student names from a list, and medical or education-record details about a person."""

from __future__ import annotations

import re

from lanyard.moderation.classifiers.base import Comment
from lanyard.moderation.classifiers.registry import register
from lanyard.moderation.domain import Signal

ID = "recognizers-pii"
VERSION = "1.0"

_PHONE = re.compile(r"(?<![\d-])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?![\d-])")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
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
_MEDICAL = re.compile(
    r"\b(?:diagnos\w+|adhd|autism|autistic|asperger\w*|iep|504 plan|diabet\w+|epilep\w+"
    r"|seizures?|asthma\w*|cancer|chemo\w*|leukemia|hiv|aids|stds?|pregnan\w+|abortion"
    r"|miscarriage|depression|depressed|anxiety disorder|bipolar|schizophreni\w+|ocd|ptsd"
    r"|eating disorder|anorexi\w+|bulimi\w+|medication|meds|prescri\w+|therapy|therapist"
    r"|psychiatri\w+|rehab|dyslexi\w+|learning disabilit\w+|special ed\w*|mental illness"
    r"|mental health (?:issues|problems|condition)|hospitali[sz]ed|surgery|tested positive"
    r"|covid positive|lice|concussion|disabilit\w+|overdos\w+|suicide attempt|self[- ]harm\w*"
    r"|(?:on|in) (?:an? )?(?:iep|504)|allerg\w+|insulin|cutting (?:herself|himself))\b"
)
_RECORD = re.compile(
    r"\b(?:gpa|report card|grades? (?:is|are|was|were)|failing (?:math|english|science|class)"
    r"|detention|suspended|suspension|expelled|expulsion|disciplin\w+ record|test scores?"
    r"|custody|restraining order|foster care|dcfs|cps case|arrested|juvenile record)\b"
)
_PERSON = re.compile(
    r"\b(?:(?:my|his|her|their|your|our|that|this|the) (?:son|daughter|child|kid|boy|girl"
    r"|student|teacher|coach|classmate|friend|neighbor)|(?:mr|mrs|ms|miss|dr|coach)\.? [a-z]+"
    r"|he|she|he's|she's|him|her)\b"
)


class PiiRecognizer:
    id = ID
    version = VERSION
    categories = ("confidential_information",)

    def analyze(self, comment: Comment) -> list[Signal]:
        raw = comment.text
        text = comment.norm
        found: list[tuple[float, str]] = []
        for m in _SSN.finditer(raw):
            found.append((0.97, f"identification number {m.group(0)}"))
        for m in _PHONE.finditer(raw):
            if not _SSN.fullmatch(m.group(0).strip()):
                found.append((0.9, f"phone number {m.group(0).strip()}"))
        for m in _EMAIL.finditer(raw):
            if _ROLE_MAILBOX.match(m.group(0)):
                found.append((0.3, f"organization's mailbox {m.group(0)}"))
            else:
                found.append((0.9, f"e-mail address {m.group(0)}"))
        for m in _STUDENT_ID.finditer(text):
            found.append((0.9, m.group(0)))
        addresses = [m.group(0) for m in _ADDRESS.finditer(text)]
        if addresses:
            found.append((0.85 if _LIVES.search(text) else 0.55, f"address {addresses[0]}"))

        lowered = raw.lower()
        names = [
            name
            for name in comment.student_names
            if name.strip()
            and re.search(rf"(?<!\w){re.escape(name.strip().lower())}(?!\w)", lowered)
        ]
        medical = [m.group(0) for m in _MEDICAL.finditer(text)]
        record = [m.group(0) for m in _RECORD.finditer(text)]
        details = medical + record
        if names:
            what = f"student name {names[0]}"
            if details:
                found.append((0.95, f"{what} with {details[0]}"))
            elif found:
                found.append((0.95, f"{what} with contact details"))
            else:
                found.append((0.55, what))
        elif details:
            person = _PERSON.search(text)
            if person:
                kind = "medical" if medical else "record"
                found.append((0.75, f"{kind} detail '{details[0]}' about '{person.group(0)}'"))
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
