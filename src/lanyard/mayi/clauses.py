"""Where a May I? question asks and what belongs to which clause: the question's start, the
action read there, negations, declined wishes, reported words, choices and what is someone
else's. Pure."""

from __future__ import annotations

import re
import unicodedata

from lanyard.mayi.action_cues import _ACTIONS, WHOLE_QUESTION_ACTIONS
from lanyard.mayi.cues import _FAMILY, _NEGATION, _SCHOOL_ACCOUNT, Understood, _Cue


def _normal(question: str) -> str:
    text = unicodedata.normalize("NFC", question).replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATION.search(text[max(0, start - 30) : start]))


# A cue under a wish or a plan that is turned down ("I don't want to use my personal cell",
# "I'd rather not give out my number"): not what is done, and not its opposite either.
_DECLINED = re.compile(
    r"(?:\b(?:rather not|prefer not to|won'?t|will not|wouldn'?t|would not|can'?t|cannot|"
    r"can not|no puedo|no podemos|no pueden|no puede|no debo|no debemos|no se puede|"
    r"(?:don'?t|do not|doesn'?t|does not|am not|i'?m not|not) (?:want|plan|mean|intend|like|"
    r"need|have|going|gonna|wanna|allowed|supposed)(?: to)?)\s+(?:[\w']+\s+){0,3}$)",
    re.IGNORECASE,
)

# A device or account that cannot be used ("my cell died, can i use …", "the school email is
# down") is not the one the asker would use.
_OUT_OF_USE = re.compile(
    r"^\s*(?:died|is dead|was dead|is broken|broke|got broken|was stolen|got stolen|is lost|"
    r"got lost|doesn'?t work|does not work|isn'?t working|is not working|stopped working|"
    r"(?:is|was) (?:at home|in my car)|(?:is|was) left at home|got confiscated|"
    r"(?:is|was) (?:out of|at \d+ ?%) ?battery|ran out of battery|is in the shop|got taken|"
    r"dies|breaks|runs out of battery|gets (?:lost|stolen|taken|confiscated|broken)|"
    r"(?:is|was|gets) (?:dead|stolen|lost|broken)|(?:is|was|went|goes) down|crashed)\b",
    re.IGNORECASE,
)

# What the asker told someone else to use ("after I told her to use school email"), a call
# to the police, or the words someone else said ("he said 'text me'") are not how the asker
# would do it.
_REPORTED = re.compile(
    r"\b(?:told|asked|tell|ask|reminded|remind|want(?:ed)?)\s+(?:her|him|them|the \w+|a \w+|"
    r"this \w+|that \w+|parents|students|kids)\s+(?:not\s+)?to\s+(?:use|call|email|text|go "
    r"through|contact)\b[^.,;?!]*"
    r"|\b(?:call|calling|report it to|tell) (?:the )?(?:police|cops|911|cps|dcfs|hotline|sro|"
    r"school resource officer)\b"
    r"|\b(?:said|says|told (?:me|us)) (?:to|i should|we should|we have to|i have to) use\b"
    r"[^.,;?!]*"
    r"|\b(?:said|says|saying|wrote|writes|texted|told me|asked me),?\s*[\"“][^\"”]{2,120}[\"”]",
    re.IGNORECASE,
)


def _masked(text: str) -> str:
    """The question with reported words blanked out (same length, so places still match)."""
    return _REPORTED.sub(lambda m: " " * len(m.group(0)), text)


# Where the question itself starts ("can I", "is it ok to", "puedo"): what the person wants
# to do is read there first, so that a story told before it ("a kid kept snapping me last
# spring … can I email my class?") does not become the action.
_QUESTION_LEAD = re.compile(
    r"\b(?:can|could|may|should|shall|would|do|does|am|is|are|will)\s+(?:i|we|u|you|a|an|the|"
    r"teachers?|coaches?|staff|it|my|our|employees?)\b|\b(?:ok|okay|alright|allowed|legal|"
    r"fine|permitted) (?:for (?:me|us|a \w+|teachers|staff) )?to\b|\b(?:puedo|podemos|se puede|"
    r"puede|es legal|está bien|esta bien)\b|\bi(?:'d| would)? (?:really )?(?:want|like|need|plan) "
    r"to\b|\b(?:quiero|quisiera|necesito)\b",
    re.IGNORECASE,
)

# Actions read over the whole question: they are about what happened before it (a
# message that arrived, a student who wrote first) or name their object wherever it is.
_WHOLE_QUESTION = sum(1 for c in _ACTIONS if c.facts[0][1] in WHOLE_QUESTION_ACTIONS)
assert all(c.facts[0][1] in WHOLE_QUESTION_ACTIONS for c in _ACTIONS[:_WHOLE_QUESTION])


def _action(text: str) -> Understood | None:
    """The action: the strongest reading over the whole question for the actions that are
    about what happened (_WHOLE_QUESTION), else the strongest reading after the last place
    a question starts that has one, else anywhere."""

    def first(cues: tuple[_Cue, ...], part: str) -> Understood | None:
        for cue in cues:
            for match in cue.pattern.finditer(part):
                if _USED_TO.search(part[: match.start()]):
                    continue  # "I used to post …, can I start a teacher account": the story
                if _NOUN_BEFORE.search(part[: match.start()]) and re.match(
                    r"(?:post|tweet|story|upload|livestream)", match.group(0), re.IGNORECASE
                ):
                    continue  # "a screenshot of her threatening post": the noun
                field, value = cue.facts[0]
                return Understood(field, value, match.group(0))
        return None

    found = first(_ACTIONS[:_WHOLE_QUESTION], text)
    if (
        found is not None
        and found.value == "disable_filter"
        and found.words.lower() == "vpn"
        and _INSTALL.pattern.search(text)
    ):
        return (
            None  # "install a vpn on my district computer": installing, or going round the filter?
        )
    if found is not None:
        return found
    rest = _ACTIONS[_WHOLE_QUESTION:]
    for lead in reversed(list(_QUESTION_LEAD.finditer(text))):
        found = first(rest, text[lead.start() :])
        if found is not None:
            break
    else:
        found = first(rest, text)
    if (
        found is not None
        and found.value == "respond_to_contact"
        and (request := _A_REQUEST.search(text)) is not None
    ):
        # "should I reply to her friend request?": the answer is the friendship
        return Understood("action", "friend_or_follow", request.group(0))
    if found is not None and found.value in _RIVALS:
        rival = _RIVALS[found.value]
        if re.search(rival, text, re.IGNORECASE) or any(
            c.pattern.search(text) for c in rest if c.facts[0][1] == rival
        ):
            return None  # "sell shirts with the mascot": selling, or using the logo?
    if found is not None and found.value == "message" and (selling := _selling(text, rest)):
        # "I sell Avon. Can I send my catalog to the staff list?": the message sells
        return selling
    if (
        found is not None
        and found.value == "message"
        and _OTHER_ACTION.search(_FROM_AN_ACCOUNT.sub(" ", text))
        and not re.search(r"\b(?:number|cell|phone|celular|n[uú]mero)\b", found.words, re.I)
        and not (
            re.search(
                r"\b(?:by|via|over|through|por)\s+$",
                text[: max(0, text.lower().find(found.words.lower()))],
                re.IGNORECASE,
            )
            and all(
                m.group(0).lower() in ("share", "sharing") for m in _OTHER_ACTION.finditer(text)
            )
            and not any(c.pattern.search(text) for c in rest if c.facts[0][1] != "message")
        )
    ):
        return None  # "message" is the broadest reading; another action is named too
    return found


# A request to be friends or to follow, answered ("reply to a parent's follow request").
_A_REQUEST = re.compile(
    r"\b(?:respond|reply|answer|accept|ignore)\w* to (?:a |an |the |her |his |their |this |that )?"
    r"(?:[\w-]+'s? )?(?:friend|follow|connection|linkedin) requests?\b",
    re.IGNORECASE,
)


# A sale the school, a class or a team makes, or a fundraiser: not the asker's own business.
_SCHOOL_SALE = re.compile(
    r"\b(?:fundraiser|fund-raiser|booster|pto|pta|(?:our|my|the) (?:class|team|club|students|"
    r"kids|band|choir|school|seniors|juniors) (?:is|are) selling|students (?:run|sell|are "
    r"selling|make))\b",
    re.IGNORECASE,
)


def _selling(text: str, cues: tuple[_Cue, ...]) -> Understood | None:
    """Selling said anywhere in the question (a story before it too), when no logo makes it a
    question of the logo."""
    if re.search(_RIVALS["commercial_use"], text, re.IGNORECASE) or _SCHOOL_SALE.search(text):
        return None  # "our class is selling cookie dough for the trip": the school's sale
    for cue in cues:
        if cue.facts[0][1] == "commercial_use" and (m := cue.pattern.search(text)):
            return Understood("action", "commercial_use", m.group(0))
    return None


_INSTALL = next(c for c in _ACTIONS if c.facts[0][1] == "install_software")

# Actions read from one question that are both likely what is asked: neither is kept.
_RIVALS = {
    "commercial_use": r"\b(?:logo|mascot|mascota|logotipo|letterhead|crest|emblem)s?\b",
    "use_logo": "create_account",
}

# Words of the other actions: with them in the question, a message is not the only reading.
_OTHER_ACTION = re.compile(
    r"\b(?:posts?|posting|page|story|stories|logo|mascot|sell\w*|interview\w*|"
    r"(?<!is a )(?<!'s a )(?<!was a )(?<!is an )reporters?|"
    r"install\w*|apps?|download\w*|blocked|unblock\w*|filter|passwords?|logins?|log ?in|"
    r"follow\w*|friend(?:s(?!')|ed|ing)?|website|blog|publish\w*|upload\w*|tag(?:s|ged|ging)?|"
    r"share|sharing)\b",
    re.IGNORECASE,
)

# Where a message is sent from ("message parents from the school's Facebook page"): the page
# or account is the sender, not another action.
_FROM_AN_ACCOUNT = re.compile(
    r"\b(?:from|through|via|using) (?:the |my |our |a )?(?:[\w'’-]+ ){0,3}"
    r"(?:page|account|acct|website|site|blog|app)s?\b",
    re.IGNORECASE,
)

# Words before "post" that make it the noun: a possessive, an adjective in -ing or -ed.
_NOUN_BEFORE = re.compile(
    r"(?:'s|s'|\b\w+ing|\b\w+ed|\b(?:this|that|these|those|his|her|your|each|every|any|some|"
    r"its|mean|funny|old|recent|new|latest|last|first|whose|which|what|blog|class|school|"
    r"district|team|student|kid|parent|job|guest|forum|original|facebook|instagram|fb|insta|"
    r"social media))\s+$",
    re.IGNORECASE,
)

_USED_TO = re.compile(r"\b(?:used to|i stopped|i quit) $", re.IGNORECASE)

_HYPOTHETICAL = re.compile(r"\b(?:if|in case|what if|si|en caso)\b", re.IGNORECASE)


def _last_question_sentence(text: str) -> int | None:
    """Where the last sentence that starts by asking ("… . Can I …") begins, when a
    sentence comes before it and it asks about one thing (no "or"); None otherwise."""
    starts = [
        m.start()
        for m in _QUESTION_LEAD.finditer(text)
        if m.start() > 0
        and re.search(
            r"[.!?]\s*(?:(?:so|now|but|and|then|ok|okay|well),? )?¿?$",
            text[: m.start()],
            re.IGNORECASE,
        )
    ]
    if not starts or re.search(r"\b(?:or|o)\b", text[starts[-1] :], re.IGNORECASE):
        return None  # "can I reply from Gmail or do I switch to school e-mail": both asked
    return starts[-1]


def _asking_sentence(text: str) -> tuple[int, int]:
    """Where the sentence that asks (the last one ending in "?", else the last) starts and
    ends."""
    asks = [m.end() for m in re.finditer(r"\?", text)]
    end = asks[-1] if asks else len(text)
    starts = [m.end() for m in re.finditer(r"[.!?]+\s+", text[:end]) if m.end() < end]
    return (starts[-1] if starts else 0), end


# The clause a cue is in, up to it: from the last sentence or clause break.
def _clause_before(text: str, start: int) -> str:
    return re.split(r"[.!?;,]|\bbut\b", text[:start])[-1]


# Whose the device, account or address is: someone else's ("a student's school account",
# "to her personal email") is where it goes, not what the asker sends from.
_SOMEONE_ELSES = re.compile(
    r"(?:\b(?!my\b|our\b|mi\b)\w+'s|s'|\b(?:to|into) (?:her|his|their))\s*$", re.IGNORECASE
)

_OWNED_CHANNEL = frozenset({"channel.device", "channel.account", "channel.platform"})

_ADDRESSES = ("e-mail", "email", "gmail", "yahoo")

# A clause that says why or for whom ("so she knows who to watch at lunch", "so they can
# reach me on weekends"): its time is not the asker's.
_SO_THEY = re.compile(
    r"\bso (?:that )?(?:she|he|they|the \w+|parents|students|kids|families|i can)\b[^.!?;]*$",
    re.IGNORECASE,
)

# Words of a relative clause about a person ("a student who's out on suspension"): what it
# says about them is not what the message carries.
_ABOUT_THE_PERSON = re.compile(
    r"\bwho(?:'s| is| was| has| had| got| keeps|'s been| has been)?\b"
    r"(?:(?!\babout\b|\bregarding\b)[^.!?;,]){0,40}$",
    re.IGNORECASE,
)

# A clause about something that comes to the asker ("if I get a text from a parent during
# class", "when a student emails me at night"): its time is when it came, not when the asker acts.
_WHEN_IT_CAME = re.compile(
    r"\b(?:if|when|whenever|si|cuando)\b[^.!?;,]*\b(?:get|gets|got|receive|receives|received|"
    r"recibo|(?:texts?|emails?|e-mails?|calls?|messages?|dms?|writes?|snaps?|sends?) me)\b"
    r"[^.!?;,]*$",
    re.IGNORECASE,
)

# The answer is given at another time than the thing came ("… can I call her at lunch instead").
_ANOTHER_TIME = re.compile(
    r"\b(?:instead|later|tomorrow|at lunch|during lunch|in the morning|after (?:school|class)|"
    r"the next day|next day|on monday|when i get (?:to school|in|home)|mañana|luego|después)\b",
    re.IGNORECASE,
)

# After a cue: the emergency is over ("the lockdown we had today").
_PAST = re.compile(
    r"^\w*\s+(?:(?:we|they|i|you) (?:had|went through)|(?:that |which )?(?:was|happened|ended)"
    r"|(?:last|yesterday|earlier|ago)\b)",
    re.IGNORECASE,
)

# A choice the question offers ("should I answer there or switch to school email", "desde mi
# cuenta personal o la de la escuela"): either side is asked, neither is said.
_CHOICE_AFTER = re.compile(
    r"^\s*,?\s*(?:or|o)\b(?:(?!\s+(?:not|do|does|should|must|can|could|would|will|i|is|are|just)\b)"
    r"|\s+(?:(?:do|should|must|can|would) i |i )?(?:just )?(?:have to |need to )?(?:switch|move|"
    r"go|stick|change|use)\b)",
    re.IGNORECASE,
)

_CHOICE_BEFORE = re.compile(
    r"\b(?:or|o) (?:only |just |solo |sólo )?(?:by |via |a |an |the |from |desde |con |on |in |"
    r"through |with )?(?:the |a |an |my |our )?$"
    r"|\b(?:or|o) (?:(?:do|should|must|can|would) i |i )?(?:just |only )?(?:switch|move|go|stick|"
    r"change|have to|need to|should|must|use|cambi\w+|pas\w+)\b[^.!?]*$",
    re.IGNORECASE,
)


def _in_choice(field: str, text: str, match: re.Match[str]) -> bool:
    """A channel the question offers as one of two ("… or switch to school email")."""
    return field.startswith("channel.") and bool(
        _CHOICE_AFTER.match(text[match.end() :]) or _CHOICE_BEFORE.search(text[: match.start()])
    )


# A channel named as what a link leads to ("send them the link to our class page").
_LINK_TO = re.compile(
    r"\blinks? (?:to|of) (?:the |our |my |a |an |his |her |their )?(?:[\w'-]+ ){0,2}$",
    re.IGNORECASE,
)

# Someone else wrote on or to the account ("if she messaged the school page").
_THEY_WROTE_THERE = re.compile(
    r"\b(?!i\b)(?:she|he|they|someone|somebody|a \w+|the \w+|\w+) (?:already |just |first )?"
    r"(?:messaged|dm'?d|dmed|wrote (?:on|to)|posted (?:on|to)|commented (?:on|under)|"
    r"emailed|e-mailed|tagged|reached out (?:on|to|through)|contacted)\s*$",
    re.IGNORECASE,
)


def _not_the_askers(field: str, text: str, match: re.Match[str]) -> bool:
    """A cue in words that are about someone else or another time: not a fact of the
    asker's situation."""
    start = match.start()
    if field.startswith("channel.") and re.search(
        r"\bscreen ?(?:shot|cap|grab)(?:s|ted|ting|bed)?(?: of)? (?:[\w']+ ){0,3}$",
        text[max(0, start - 40) : start],
        re.IGNORECASE,
    ):
        return True  # "screenshot a student's snap and send it": what is sent, not how
    if (
        field == "purpose"
        and re.match(r"(?:my |mi )?(?:own )?" + _FAMILY + r"'s ", match.group(0), re.I)
        and re.search(
            r"\b(?:at|from|during|while (?:i'?m |i am )?at|after|before) $",
            text[max(0, start - 20) : start],
            re.IGNORECASE,
        )
    ):
        return True  # "from my phone while I'm at my kid's game": where, not why
    if field == "purpose" and re.search(
        r"\bwhile (?:i'?m |i am )?$", text[max(0, start - 15) : start], re.IGNORECASE
    ):
        return True  # "stream music while grading": what else is done, not why
    if field in _OWNED_CHANNEL and (
        (field != "channel.platform" or match.group(0).lower().endswith(_ADDRESSES))
        and _SOMEONE_ELSES.search(text[max(0, start - 30) : start])
    ):
        return True
    if field in ("actor.on_duty", "actor.duty_free") and _SO_THEY.search(
        _clause_before(text, start) if "," not in text[max(0, start - 60) : start] else text[:start]
    ):
        return True
    if (
        field in ("actor.on_duty", "actor.duty_free")
        and _WHEN_IT_CAME.search(re.split(r"[.!?;,]", text[:start])[-1])
        and _ANOTHER_TIME.search(text[match.end() :])
    ):
        return True  # "if I get a text from a parent during class, can I call her at lunch"
    if (
        field == "actor.on_duty"
        and "duty" not in match.group(0).lower()
        and re.search(
            r"\b(?:game|games|concert|party|recital|tournament|meet|wedding|festival|event|show|movie|"
            r"trip|reunion|match) (?:with (?:me|us) )?$",
            text[max(0, start - 30) : start],
            re.IGNORECASE,
        )
    ):
        return True  # "carpool to my daughter's game this weekend": when the game is
    if field == "actor.on_duty" and re.search(
        r"\b(?:who|that|que) (?:was|is|were|are|has been|had been|keeps|kept|got|gets|fell|felt|"
        r"threw|cried|was crying|is crying)\b[\w\s']{0,25}$|\b(?:est[áa]|estaba|están|estaban) $"
        r"|\b(?:we'?re|we are|they'?re|they are) \w+ing $",
        re.split(r"[.!?;,]", text[:start])[-1],
        re.IGNORECASE,
    ):
        return True  # "about a student who was crying in class", "mi hijo está en la clase":
        # where someone else was, not the asker's time
    if field in ("channel.account", "channel.device") and re.search(
        r"\b(?:(?:do|would|will) (?:i|we) (?:have|need) to|(?:am i|are we|is it) (?:required|"
        r"expected|supposed|mandatory) to|must (?:i|we)|should i have to) use (?:my |our )?"
        r"(?:own |personal |real )?$",
        text[max(0, start - 50) : start],
        re.IGNORECASE,
    ):
        return True  # "do I have to use my own phone?": what is asked, not what is done
    if field in ("channel.account", "purpose") and re.search(
        r"\b(?:follow|follows|following|followed|like|likes|liking|liked|share|sharing|repost|"
        r"reposting) (?:the |our |a )?$",
        text[max(0, start - 20) : start],
        re.IGNORECASE,
    ):
        # "following the school's Instagram", "share the school's post on my own page": the
        # account followed or shared from, not the asker's, and no reason why
        return True
    if field.startswith("channel.") and _LINK_TO.search(text[max(0, start - 40) : start]):
        return True  # "give parents the link to our class Facebook page": what is sent
    if (
        field in ("purpose", "channel.account")
        and re.search(_SCHOOL_ACCOUNT + r"$", match.group(0), re.IGNORECASE)
        and _THEY_WROTE_THERE.search(_clause_before(text, start))
    ):
        return True  # "if she messaged the school page first": where she wrote, not the asker
    if field.startswith("content.student_") and _ABOUT_THE_PERSON.search(text[:start]):
        return True
    return field == "emergency" and bool(_PAST.match(text[match.end() :]))
