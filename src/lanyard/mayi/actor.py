"""Whose role the May I? reader reads as the one who would act ("I'm a para", "as principal",
"our coach wants to …"), and when the asker is not that person. Pure."""

from __future__ import annotations

import re

from lanyard.mayi.cues import Understood

# The asker's own role, from "I'm a …", "as a …", "I coach …", "can a coach …".
_ACTOR_ROLES: tuple[tuple[str, str], ...] = (
    (r"student[- ]teach(?:ers?|ing)|practicante|maestr[oa] practicante", "student_teacher"),
    (r"superintendent|superintendente", "superintendent"),
    (
        r"(?:assistant |vice )?principal|\bap\b|dean|director(?:a)?|athletic director|\bad\b|"
        r"administrator|admin|subdirector(?:a)?",
        "administrator",
    ),
    (
        r"(?:(?!instructional|academic|life|literacy|math|reading|data|tech|technology|"
        r"teaching)[\w-]+ )?coach(?:es)?|entrenador(?:a)?",
        "coach",
    ),
    (
        r"(?:teacher'?s )?aide|para(?:professional|educator)?|secretary|counselor|nurse|"
        r"custodian|janitor|office (?:staff|manager|clerk|assistant)|front office|"
        r"bus driver|registrar|receptionist|attendance clerk|clerk|"
        r"social worker|school psychologist|psychologist|speech (?:therapist|pathologist)|slp|"
        r"instructional assistant|teaching assistant|cafeteria (?:worker|staff|manager)|"
        r"lunch lady|it tech\w*|tech support|technician|interventionist|(?:communications?|"
        r"comms|pr|social media) (?:coordinator|director|specialist|staff|officer|manager|"
        r"person)|"
        r"consejer[oa]|enfermer[oa]|secretari[oa]|conserje|asistente|chofer|bibliotecari[oa]|"
        r"instructional aide|classroom aide|library (?:aide|assistant)|(?:lunch|recess|hall) "
        r"monitor",
        "staff",
    ),
    (
        r"(?:parent )?volunteer|pto (?:mom|dad|parent|member|president)|room (?:mom|parent)|"
        r"chaperone|"
        r"voluntari[oa]",
        "volunteer",
    ),
    (r"(?:\w+ )?teachers?|maestr[oa]s?|profesor(?:a|es)?", "teacher"),
)

_ACTOR_LEAD = re.compile(
    r"\b(?:i'?m|i am|im|as|soy|como|i work as|trabajo como|me,(?! as\b))\s+"
    r"(?:a |an |the |un |una |el |"
    r"la |(?:their|his|her|your|su|sus) (?=(?:coach|teacher|maestr[oa]|entrenador[a]?|counselor|"
    r"principal)\b))?(?:(?:new|first[- ]year|"
    r"elementary|middle|school|high|hs|\d+(?:st|nd|rd|th)|grade|pe|art|music|math|english|"
    r"science|history|spanish|sped|special ed|head|varsity|jv|kindergarten|"
    r"preschool|substitute|sub|ela|reading|resource|\w+ball|track|swim|cheer|"
    r"football|soccer|wrestling|school's) )*(?P<role>[\w' ]{2,30})",
    re.IGNORECASE,
)

_ACTOR_HERE = re.compile(
    r"(?:^|[.!?]\s*)(?:(?:a|an|the)\s+)?(?P<role>[\w' ]{2,30}?)\s+here\b"
    r"|\bi work (?:in|at) (?:the )?(?P<office>front office|main office|attendance office|"
    r"district office|cafeteria|library|nurse'?s office|counseling office)\b"
    r"|\btrabajo en (?:la )?(?P<oficina>oficina|cafetería|cafeteria|biblioteca)\b"
    r"|\bi drive (?:a |the )?(?:school )?(?P<bus>bus(?:es)?)\b"
    r"|\bi (?P<volunteer>volunteer) (?:in|at|with|for) "
    r"(?:the |our |my (?:kid|son|daughter|child)'s )?"
    r"(?:school|library|classroom|class|front office|office|pto|pta|cafeteria|book fair)\b",
    re.IGNORECASE,
)

_ACTOR_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+|\b(?:and|but|so),? )(?:one of )?(?:our|my|the|a|an|mi|el|la|nuestr[oa]|un|"
    r"una) (?P<role3>[\w' ]{2,30}?) "
    r"(?:(?:wants|needs|"
    r"would like|plans|is planning|is trying|is going) to\b|(?:asked|asks|wants to know|wanted "
    r"to know|is wondering|was wondering)(?: me)? (?:if|whether) (?:she|he|they) "
    r"|(?:quiere saber|(?:me )?pregunt[óoa]) si (?:puede|podría|debe)\b)"
    # "¿La enfermera puede mandar …?": the one named before "puede" would act
    r"|(?:^|[.!?¿]\s*)(?:el|la|nuestr[oa]|mi) (?P<role4>[\w' ]{2,30}?) (?:puede|podría|debe)\b"
    r"|\b(?:can|could|may|should|is it ok for|is it okay for|is it legal for|is it allowed for"
    r"|permitido que|permite que|bien que|ok que"
    r"|are|puede)\s+(?:a |an |the |our |un |una |el |la |los |las )?(?P<role>[\w' ]{2,30})"
    r"|\bfor (?:a|an|the) (?P<role2>[\w' ]{2,30}?) to\b"
    r"|\b(?:is|are) (?:a|an|the|our|my) (?P<role5>[\w' ]{2,30}?) (?:allowed|permitted|able|"
    r"supposed) to\b",
    re.IGNORECASE,
)

# The question is about what someone else would do ("… wants to start a Remind. Is that ok?").
_ABOUT_THEM = re.compile(
    r"\b(?:is that|is this|is it) (?:ok|okay|allowed|fine|legal|alright|permitted)\b|"
    r"\b(?:can|may|could|should) (?:she|he|they)\b|\b(?:is|are) (?:she|he|they) allowed\b|"
    r"\bshould i (?:allow|let|approve|permit|okay|ok)\b|\bfor (?:her|him|them)\?"
    r"|\bsi (?:puede|podría|debe)\b",
    re.IGNORECASE,
)

_ACTOR_VERB = re.compile(
    r"\b(?:i|yo) (?:also |still )?(?P<verb>coach|teach|sub|enseño|entreno)\b(?! with\b)"
    r"(?:[^.?!]{0,40}?\b(?:and|but)(?: i)? (?:also )?(?P<verb2>coach|teach)\b)?",
    re.IGNORECASE,
)

# The asker's own login or account, which another would use: the asker is the one sharing it.
_MY_LOGIN = re.compile(
    r"\b(?:my|mi) (?:\w+ )?(?:login|log-in|password|passcode|credentials|contraseña|usuario)s?\b",
    re.IGNORECASE,
)

# An asker with two hats ("I'm a coach and a parent"): which one asks is not said.
_TWO_HATS = re.compile(
    r"\b(?:i'?m|i am|im|soy)\s+(?:a |an |un |una )?[\w' ]{2,30}? (?:and|but|y) (?:also )?"
    r"(?:a |an |un |una )?(?:\w+ )?(?:parent|mom|dad|mother|father|teacher|coach|volunteer|sub|"
    r"aide|para\w*|padre|madre|mamá|papá|maestr[oa]|entrenador[a]?)\b"
    r"(?=\s*(?:[.,;!?]|$|too\b|also\b|as well\b|of\b|at\b|here\b|myself\b|también\b))",
    re.IGNORECASE,
)

# Another employee, whom the asker may supervise.
_STAFF = (
    r"(?:teacher|coach|para(?:professional|educator)?|aide|counselor|nurse|secretary|employee|"
    r"staff member|sub|substitute|custodian|librarian|colleague|co-?worker)"
)

# The asker asks what to tell someone who acts ("As principal, should I tell him to
# unfriend them?"): the one who would act is not the asker.
_SUPERVISES = re.compile(
    r"\b(?:should|can|do|must|may) i (?:tell|ask|make|warn|remind|order|require|direct) "
    r"(?:him|her|them|(?:the|my|our|a|an) \w+(?: \w+)?) (?:to|not to)\b"
    r"|\b(?:approve|allow|permit|deny|let|sign off on)\b (?:a |an |the |my |our |this |that |"
    r"his |her )?(?:\w+ )?" + _STAFF + r"(?:'s|s'|s)?\b"
    r"|\b(?:a|an|one of (?:my|our|the)|our|my|the) (?:new |\w+ ){0,2}"
    + _STAFF
    + r"(?:e?s)? (?:at (?:my|our) "
    r"school |here |on (?:my|our) staff )?(?:friended|texted|posted|followed|messaged|emailed|"
    r"dm'?d|called|added|snapped|shared|uploaded|sent|gave|has been|keeps|is)\b[^?]*\b(?:what "
    r"(?:should|do|can|must) i do|how (?:should|do) i (?:handle|deal|respond)|do i (?:have to )?"
    r"(?:report|tell|discipline|address))\b",
    re.IGNORECASE,
)


def _actor_role(text: str) -> Understood | None:
    found: dict[str, str] = {}
    passed_on = bool(_ASKED_FOR_THEM.search(text)) or bool(
        _ABOUT_THEM.search(text)
        and not _MY_LOGIN.search(text)
        and any(m.group("role3") for m in _ACTOR_SUBJECT.finditer(text))
    )
    for pattern in (_ACTOR_LEAD, _ACTOR_SUBJECT):
        for m in pattern.finditer(text):
            group = next(
                (
                    g
                    for g in ("role2", "role3", "role4", "role5")
                    if g in pattern.groupindex and m.group(g)
                ),
                "role",
            )
            if passed_on and group != "role3":
                continue  # "one of my teachers asked me if she can …. I'm the principal", "I'm the
                # principal. A coach on my staff wants to …": the other one acts
            if group == "role3" and not (_ABOUT_THEM.search(text) or passed_on):
                continue  # "my principal wants to meet, can I text her?": the asker acts
            if group in ("role3", "role4") and _MY_LOGIN.search(text):
                continue  # "my para needs to log in, can she use my login?": the asker shares
            phrase = m.group(group).lower()
            for role_pattern, role in _ACTOR_ROLES:
                rm = re.match(r"(?:" + role_pattern + r")\b", phrase)
                if rm:
                    found.setdefault(role, m.group(0)[: m.start(group) - m.start() + rm.end()])
                    break
    for m in _ACTOR_HERE.finditer(text) if not passed_on else ():
        if m.group("volunteer"):
            found.setdefault("volunteer", m.group(0))
            continue
        if m.group("office") or m.group("oficina") or m.group("bus"):
            found.setdefault("staff", m.group(0))
            continue
        phrase = m.group("role").lower()
        for role_pattern, role in _ACTOR_ROLES:
            if re.fullmatch(r"(?:\w+ )?(?:" + role_pattern + r")", phrase):
                found.setdefault(role, m.group(0))
                break
    for m in _ACTOR_VERB.finditer(text) if not passed_on else ():
        verb_role = {
            "coach": "coach",
            "teach": "teacher",
            "enseño": "teacher",
            "entreno": "coach",
        }.get(m.group("verb").lower())
        if verb_role:
            found.setdefault(verb_role, m.group(0))
        if m.group("verb2"):
            found.setdefault({"coach": "coach"}.get(m.group("verb2").lower(), "teacher"), "")
    if len(found) != 1 or _SUPERVISES.search(text) or _TWO_HATS.search(text):
        return None
    role, words = next(iter(found.items()))
    return Understood("actor.role", role, words)


def actor_role_counterpart(actor: str | None) -> str | None:
    return {"administrator": "administrator", "superintendent": "administrator"}.get(actor or "")


# A question passed on for someone who would act ("one of my teachers asked me if she can
# friend a parent"): the one who asked is no counterpart who wrote first.
_ASKED_FOR_THEM = re.compile(
    r"\b(?:asked|asks|asking|wants to know|wanted to know|wonders|wondered|(?:is|was) wondering)"
    r"(?: me)? (?:if|whether) (?:she|he|they|we) (?:can|could|may|might|should|is allowed|are "
    r"allowed)\b(?![^.?!]*\b(?:me|my|i)\b)"
    r"|\b(?:quiere saber|(?:me )?pregunt[óoa]) si (?:puede|podría|debe)\b",
    re.IGNORECASE,
)
