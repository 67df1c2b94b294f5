"""Whether a person's noun in a May I? question names someone the question is not with: the
one who would act, the asker, a topic, a condition, a time, whose thing it is (used by
:mod:`lanyard.mayi.counterparts`). Pure."""

from __future__ import annotations

import re

from lanyard.mayi.actor import _ABOUT_THEM, actor_role_counterpart
from lanyard.mayi.clauses import _QUESTION_LEAD, _asking_sentence, _negated
from lanyard.mayi.counterpart_cues import (
    _BACKGROUND,
    _DETAIL_OF,
    _HEDGED,
    _MODIFIER,
    _ONLY_REACHED,
    _ONLY_WHEN,
    _PARENTS_OF,
    _PICTURED,
    _POSSESSED,
    _SOME_OF,
    _SUBJECT,
    _THEIR_ADDRESS,
    _THEIR_CHILD,
)
from lanyard.mayi.cues import _PARENT, _PERIOD

# Said to be on the message itself ("their moms are on the group text too").
_ON_THE_MESSAGE = (
    r"^ (?:is|are|were|was) (?:also |already |all )?(?:in|on) (?:the|a|our|my|this|that) "
    r"(?:group )?(?:text|txt|chat|thread|e-?mail|call|message|groupme|dm)s?\b"
)

# A person's thing that is the topic ("about my student's mom's complaint"), not their
# address or account, after "about".
_WHOSE_TOPIC = r"^'s? (?!(?:own|personal|school|cell|phone|number|e-?mail|account|home)\b)\w+"
_ABOUT_SOMEONES = (
    r"\b(?:about|regarding|abt) (?:(?:my|our|the|a|an|his|her|their|this|that) )?"
    r"(?:[\w-]+(?:'s|s') )*$"
)

_ONE_OF = re.compile(_SOME_OF[:-1] + r"(?:my|our|the|his|her|their) $", re.IGNORECASE)


def _not_with(
    text: str,
    m: re.Match[str],
    role: str,
    count: int,
    before: str,
    after: str,
    actor: str | None,
    action: str | None,
) -> bool:
    """True when the noun ``m`` (a ``role``, ``count`` 0 when its number decides) names
    someone the question is not with; ``before`` and ``after`` are the words around it."""
    if role == "parent" and re.search(r"\b(?:my|mi|mis) (?:own )?$", before, re.I):
        return True  # the asker's own mother or family, not a student's parent
    if re.match(_WHOSE_TOPIC, after, re.IGNORECASE) and re.search(
        _ABOUT_SOMEONES, text[max(0, m.start() - 60) : m.start()], re.IGNORECASE
    ):
        # "about my student's mom's complaint": whose the topic is, not whom it is with
        return True
    if role == "parent" and re.match(
        r"^ (?:asked|asks|wants|wanted) (?:me )?(?:to |if i (?:can |could )?)(?:add|text|"
        r"txt|email|e-mail|call|include|message|invite) (?:her|his|their) (?:son|daughter|"
        r"kid|child|boy|girl)\b",
        text[m.end() : m.end() + 70],
        re.IGNORECASE,
    ):
        return True  # "a mom asked me to add her son to my Remind": he is whom it is with
    if role == "parent" and re.match(
        r"^ (?:volunteer|chaperone|liaison|helper)s?\b", after, re.IGNORECASE
    ):
        return True  # "a parent volunteer" is the one who would act
    if (
        role == "parent"
        and re.search(
            r"\b(?:team|room|class|band|booster|pto|pta|cheer|dance|choir|sports|"
            r"football|soccer|baseball|softball|hockey|swim|theater|drama) $",
            before,
            re.I,
        )
        and re.match(
            r"^s? (?:wants|wanted|would like|asked|asks|is|was|needs|plans|keeps|started|"
            r"starts|made|makes|runs|set up|sets up|created|creates|said|says)\b",
            after,
            re.I,
        )
    ):
        return True  # "our team mom wants to start a group": she would act
    if re.search(r"\b(?:if|unless|once|as long as|when) (?:\w+ )?$", before, re.I) and re.match(
        r"^ (?:says?|said|signs?|signed|agrees?|agreed|approves?|approved|gives?|gave|"
        r"okays?|ok'?s|is ok|is okay|consents?|allows?|(?:don'?t|doesn'?t|didn'?t|do not|"
        r"does not|won'?t|never) (?:know|find out|care|mind|agree|object))\b",
        after,
        re.IGNORECASE,
    ):
        return True  # "if his mom says ok", "if her parents don't know": a permission or a
        # condition, not whom it is with
    if role == "parent" and re.match(
        r"^ (?:(?:all |already |have |had |no |not |didn'?t |did not |haven'?t |never )*"
        r"(?:signed|sign|returned|return|gave (?:permission|consent)|give (?:permission|"
        r"consent)|consented|opted (?:in|out)|firmaron|firm[oó]|dieron (?:el )?permiso))\b",
        after,
        re.IGNORECASE,
    ):
        return True  # "parents signed the media release": a permission on file
    if role == "parent" and re.match(
        r"^(?:'s|s'|')? (?:permission|consent|signatures?|approval|release|waivers?|"
        r"permission slips?|consent forms?)\b",
        after,
        re.IGNORECASE,
    ):
        return True  # "do we need parents' permission?": a permission, not whom it is with
    if role == "student" and re.search(r"\b(?:his|her|their) own $", before, re.I):
        return True  # "an aide … her own kids": another's children, not said to be students
    if re.search(r"\bwhile (?:my |the |our |his |her |their |all )?$", before, re.I):
        return True  # "while my kids do independent work": when, not with whom
    if re.fullmatch(_PERIOD, m.group(0), re.I) and re.search(
        r"\b(?:during|before|after|until|till|til|by|at|since|through|for|in|from|of|"
        r"on|about|with|durante) $",
        before,
        re.I,
    ):
        return True  # "during my 3rd period": when, not with whom
    if re.search(
        r"\b(?:before|after|until|till|til|once|by the time|when) (?:my |the |our |his |"
        r"her |their |all (?:the )?)?$",
        before,
        re.I,
    ) and re.match(_ONLY_WHEN, after, re.IGNORECASE):
        return True  # "before the kids get here": when, not with whom
    if (
        action in ("post", "create_account")
        and role != "student"
        and not re.search(r"\b(?:remind|class ?dojo|groupme|group ?chat)\b", text, re.I)
        and (
            re.search(r"\bfor (?:the |our |all |my |any |those )?(?:\w+ )?$", before, re.I)
            or re.match(
                r"^ (?:still |who |that )?(?:follow|follows|see|sees|watch|watches|read|"
                r"reads|view|views|can'?t come|cannot come|couldn'?t come)\b",
                after,
                re.I,
            )
        )
    ):
        return True  # "livestream it for families who can't come", "a class page for
        # parents": who watches it
    if action in (None, "post", "create_account") and (
        re.search(r"\bfor (?:the )?(?:other|fellow) $", before, re.I)
        or (
            re.search(r"\bfor (?:the )?$", before, re.I)
            and m.group(0).lower().startswith(("other", "fellow"))
        )
    ):
        return True  # "on my website for other teachers": who may read it, not who is in it
    if (
        m.group(0).lower().endswith(("roster", "class list"))
        or after.startswith((" roster", " list"))
    ) and re.match(
        r"^(?: roster| list)?(?: with [\w ]{1,30}?)? to "
        r"(?:the|a|an|my|our|his|her|their)\b",
        text[m.end() : m.end() + 60],
        re.I,
    ):
        return True  # "email the class roster to the PTO president": what is sent
    if (
        role == "student"
        and count == 2
        and action != "post"
        and re.search(
            r"\b(?:in|from|of|about|de|del|en|(?<!everyone )(?<!everybody )(?<!all )(?<!anyone )"
            r"(?<!boys )(?<!girls )on) $",
            before,
            re.I,
        )
        and not re.search(_SOME_OF, before, re.I)
        and re.match(
            r"(?:my|our|the|their|his|her|mi|mis|nuestr[oa]s?|el|la|los) ", m.group(0), re.I
        )
        and not _PICTURED.search(before)
    ):
        return True  # "her kid is in my class", "quotes from my players": not whom it is with
    if re.search(
        r"\b(?:use|using|borrow|borrowing|take|taking|grab|grabbing) (?:a |an |the |one "
        r"of (?:my |the |our )?)?$",
        before,
        re.I,
    ) and re.match(
        r"^(?:'s|s'|')?\s+(?:(?:own|personal|school|cell|work) )?(?:phone|cell|laptop|"
        r"computer|chromebook|ipad|tablet|device|hotspot|car)\b",
        after,
        re.I,
    ):
        return True  # "use a student's phone to call the office": whose it is, not whom
    if re.match(
        r"^ (?:won'?t|wouldn'?t|will not|would not|aren'?t|are not|isn'?t|is not|"
        r"(?:would|will) never|don'?t|do not|doesn'?t|does not) (?:be |show |appear )?"
        r"(?:in|on|shown|pictured|visible|identifiable|recognizable)\b",
        after,
        re.I,
    ):
        return True  # "the students wouldn't be in the picture": nobody pictured
    lead = _QUESTION_LEAD.search(text[: m.start()])
    if (
        lead is not None
        and re.search(
            r"(?<!what )\b(?:if|unless|in case|in case that) (?:a |an |the |my |one of "
            r"(?:my |the )?|some |any )?$",
            before,
            re.I,
        )
        and re.match(r"^ (?!is\b|was\b|has\b|does\b)\w+s\b", after, re.I)
        and not re.match(
            r"^ (?:texts|messages|emails|e-mails|calls|writes|dms|snaps|sends|asks|"
            r"requests|reaches|contacts|comments|follows|friends|adds|tags|wants|needs)\b",
            after,
            re.I,
        )
    ):
        return True  # "call the police … if a parent threatens me": a condition, not whom
    if role == "student" and re.search(_DETAIL_OF, before, re.I):
        return True  # "send him the address of a student": what is sent, not to whom
    if (
        _THEIR_CHILD.search(before)
        and re.match(r"^ (?:is|was|are|were) (?:in|on|one of)\b", after, re.IGNORECASE)
        and not re.match(_ON_THE_MESSAGE, text[m.end() :], re.IGNORECASE)
    ):
        return True  # "her kid is in my class": who the friend's child is, not the friend
        # (but "if their moms are on the group text too": they are on it)
    if re.search(r"\bso (?:that )?(?:my |the |our |all |their )?$", before, re.I) and (
        re.match(r"^ (?:can|could|will|would|are able|know)\b", after, re.IGNORECASE)
    ):
        return True  # "so grandparents can watch": the audience, not the people in it
    if m.group(0).lower() == "family" and (
        re.match(
            r"^ (?:travel|blog|vacation|trip|reunion|dinner|wedding|business|photos?|"
            r"pictures?|emergency|friends?|members?|stuff|matters?|reasons?|tree|dog|car|"
            r"house|home|time)\b",
            after,
            re.IGNORECASE,
        )
        or (
            re.search(r"\b(?:a|our) $", before, re.IGNORECASE)
            and re.match(
                r"^ (?!about|of|who|that|and|or|to|for|from|with|on|in|at|is|was|"
                r"has|had|wants|asked|says|said|called|emailed|texted)\w+ \w+",
                after,
                re.IGNORECASE,
            )
        )
    ):
        return True  # "a family travel blog": the asker's family, nobody's parent
    if _MODIFIER.match(after) and not m.group(0).lower().endswith("s"):
        return True
    if (
        role != "student"
        and action != "post"
        and re.search(
            r"\b(?:write|writing|blog|blogging|talk|talking|vent|venting|"
            r"complain|complaining) about (?:a |an |the |my |our |this |that )?(?:\w+ )?$",
            before,
            re.IGNORECASE,
        )
    ):
        return True  # "write about a difficult parent": the topic, not whom it is with
    if (
        role == "student"
        and (
            (action != "post" and re.search(r"\babout $", before, re.IGNORECASE))
            or _POSSESSED.match(after)
            or (
                _BACKGROUND.search(before)
                and not _PICTURED.search(before)
                and not _ONE_OF.search(before)  # "one of my freshmen": those people
                and not (  # "a Remind class for my 7th graders": whom the class reaches
                    action == "create_account"
                    and re.search(r"\bfor (?:my|our|the) $", before, re.IGNORECASE)
                    and re.search(r"\b(?:remind|class ?dojo|groupme)\b", text, re.IGNORECASE)
                )
            )
            or _PARENTS_OF.search(text[max(0, m.start() - 60) : m.start()])
            or (
                _THEIR_CHILD.search(before)
                and re.search(_PARENT, text, re.IGNORECASE)
                and not re.search(
                    r"\b(?:add|text|txt|email|e-mail|call|message|dm|invite|include|friend|"
                    r"follow|cc|bcc|and|y|w/|with) (?:his|her|their) $",
                    before,
                    re.IGNORECASE,
                )
            )
            or (re.match(r"^(?:'s|s'|')\s", after) and not _THEIR_ADDRESS.match(after))
        )
    ):
        return True
    if (
        role == "student"
        and count == 2
        and re.search(
            r"\b(?:skipped|skip|skipping|missed|miss|missing|made|make|makes|join|joined|"
            r"cut from|off|left|leave|quit|out for|sponsor|sponsors|sponsoring|"
            r"support|supports|supporting|fund|funds|donate to|cheer for|cheer on|"
            r"beat|beats|play for|plays for|root for) $",
            before,
            re.IGNORECASE,
        )
        and not re.match(r"^(?:'s)? (?:a |an |the )?(?:text|email|message|update)", after)
    ):
        return True  # "why she skipped my class", "if his daughter made the team": the topic
    if (
        role == "student"
        and count == 2
        and m.group(0).lower().startswith(("my class", "the class", "our class"))
        and re.match(
            r"^(?:'s)? ?(?:instagram|insta|ig|facebook|fb|twitter|tiktok|page|account"
            r"|website|site|blog|channel|remind|group chat|newsletter|youtube|pets?\b|"
            r"ipads?\b|chromebooks?\b|laptops?\b|computers?\b|tablets?\b|devices?\b|"
            r"supplies\b|rules\b|library\b|party\b|fund\b|budget\b|wish ?list\b|"
            r"garden\b|schedule\b|calendar\b|syllabus\b|materials\b|store\b|"
            r"printer\b|smart ?board\b)",
            after,
            re.IGNORECASE,
        )
    ):
        return True
    if (
        role == "student"
        and count == 2
        and re.match(
            r"^(?:'s)? (?:captains?|coach(?:es)?|moms?|dads?|parents?|page|account|"
            r"chat|website|booster|instagram|insta|ig|facebook|fb|twitter|tiktok|youtube|"
            r"snapchat|remind|groupme|group chat|site|blog|channel|logos?|mascot|"
            r"colou?rs|(?:t-)?shirts?|uniforms?|"
            r"jerseys?|gear|equipment|fundraiser|gofundme|budget|funds|banner|store|"
            r"merch|hoodies?|sweatshirts?|hats?)\b",
            after,
            re.IGNORECASE,
        )
    ):
        return True
    if role == actor_role_counterpart(actor) and m.start() < 25:
        return True
    if (
        _THEIR_CHILD.search(before)
        and m.start() >= _asking_sentence(text)[1]
        and not re.match(
            r"^ (?:want|wants|asked|asks|said|say|says|need|needs|texted|emailed|called|"
            r"wrote|messaged)\b",
            after,
            re.I,
        )
    ):
        return True  # "… ? Their parents are cc'd already": said after the question, about
        # the people asked about
    if role in ("administrator", "employee") and (
        re.match(r"^ and i\b(?! (?:at|in|on|from|together)\b)", after, re.I)
        or re.search(r"(?:^|[.!?]\s*|\bcan )i and (?:my |our |the )?$", before, re.I)
    ):
        return True  # "my colleague and I want to start a channel": acts with the asker
    if role in ("administrator", "employee") and re.search(
        r"\bme,? (?:the |a |an |your )?$", before, re.I
    ):
        return True  # "texted me, the principal, at 2 am": the asker, not whom it is with
    if re.search(
        r"\b(?:impersonat\w+|pretending to be|pretends to be|posing as|poses as|"
        r"fake (?:account|profile|page|instagram|facebook|tiktok)s? (?:of|for)) (?:our |my "
        r"|the |a |an |one of (?:my |our |the )?)?(?:[\w-]+ )?$",
        before,
        re.I,
    ):
        return True  # "a fake account of our superintendent": whom it imitates, not the sender
    if re.search(
        r"\b(?:i'?m|i am|soy|as) (?:a |an |un |una )?(?:[\w-]+ )?$", before, re.I
    ) and not re.match(r"^(?:'s|s'|')", after):
        return True  # "I'm a PTO mom", "as a parent myself": the asker
    if role == "employee" and (
        _SUBJECT.search(before)
        or (
            re.search(r"\bfor (?:a |an |the |our |my |any )?$", before, re.I)
            and re.match(r"^s? to \w+", after, re.I)
        )
    ):
        return True  # the one who would act ("is a staff member allowed to …")
    if (
        role in ("employee", "administrator")
        and re.search(r"(?:^|[.!?]\s+)(?:(?:our|my|the|a|an) (?:\w+ )?)?$", before)
        and re.match(
            r"^ (?:wants|needs|would like|plans|is planning|is trying|is going) to\b", after
        )
        and _ABOUT_THEM.search(text)
    ):
        return True  # "our counselor wants to start a Remind. Is that ok?": who would act
    if _negated(text, m.start()):
        return True
    if action != "post" and re.search(
        r"\b(?:about|regarding) (?:a |an |the |this |that |one of (?:my |our |the )?|"
        r"my |our |his |her |their )?$",
        before,
        re.IGNORECASE,
    ):
        return True  # "email the nurse about a kid who …": the topic, not whom it is with
    if role != "student" and re.search(
        r"\b(?:former|retired|old) $|\bex(?:-| |- )$", before, re.IGNORECASE
    ):
        return True  # "a former coworker": no longer the district's employee
    if (
        action == "post"
        and re.search(r"(?:^|[.!?]\s+)(?:my |our |the |some |all |a few )?$", before, re.I)
        and re.match(
            r"^ (?:keep|kept|always|often|asked|ask|want|wanted|love|loved|like|liked|"
            r"follow|see|saw|are|were|have|had|know|knew|made|make|gave|give|wrote|drew|"
            r"sent|bought|got|painted|built|surprised|threw)\b",
            after,
            re.IGNORECASE,
        )
    ):
        return True  # "My students keep asking about him": who talks of it, not who is in it
    if action == "post" and re.match(
        r"^ (?:who |that )?(?:follow|follows|followed|see|sees|read|reads) (?:me|my)\b",
        after,
        re.IGNORECASE,
    ):
        return True  # "if students follow me": who may see a post, not who is in it
    if re.search(
        r"\b(?:that|que) (?:a |an |the |my |one of my |his |her |their |one )?$",
        before,
        re.I,
    ) and re.match(
        r"^ (?:is|was|will|won'?t|has|had|got|needs|can'?t|didn'?t|did|missed|left|"
        r"forgot|made|lost|isn'?t|wasn'?t|should|might|may)\b",
        after,
        re.IGNORECASE,
    ):
        return True  # "text the bus driver that a kid will be late": what is said
    if (
        re.search(
            r"\b(?:tell|telling|told|text|txt|texting|email|e-mail|emailing|message|messaging|"
            r"let (?:\w+ ){1,2}know|inform|notify|report|write|call)\b[^.?!;]{0,40}"
            r"\b(?:that|que) "
            r"(?:a |an |the |my |one of (?:my |the )?|his |her |their |one |some |two )?$",
            text[max(0, m.start() - 80) : m.start()],
            re.I,
        )
        and not re.search(
            r"\b(?:texts?|e-?mails?|messages?|chats?|threads?|posts?|calls?|dms?|notes?|"
            r"letters?|forms?|group) that (?:\w+ )?$",
            before,
            re.I,
        )
        and re.match(
            r"^ (?:\w+ed|got|said|says|told|hit|threw|ran|stole|broke|cut|came|"
            r"went|keeps|kept|yells|swore|fought|sent|wrote)\b",
            after,
            re.I,
        )
    ):
        return True  # "tell my principal by text that a parent yelled at me": what is said
    if (
        role != "student"
        and re.match(r"^(?:'s|s'|')\s+\w+", after)
        and re.search(
            r"\b(?:share|sharing|forward|forwarding|show|showing|pass(?:ing)? (?:on|along)|"
            r"screenshot|screenshotting) (?:a |an |the |this |that |one )?$",
            before,
            re.I,
        )
    ):
        return True  # "share a parent's complaint email with my team": whose it is, not whom
    if _HEDGED.search(before):
        return True  # "from a fake account. could be a student": who it is, not known
    if action == "receive" and _ONLY_REACHED.search(before):
        return True  # "my account was hacked and emails went out to parents": reached,
        # not the sender
    if (
        role == "administrator"
        and re.match(
            r"^(?:'s)? (?:wants|asked|told|says|said|needs|approved|okayed|ok'?d|"
            r"signed off|thinks|suggested|allows?|allowed|lets|gave|quiere|dijo|"
            r"pidi[oó]|me pidi[oó])\b",
            after,
            re.IGNORECASE,
        )
        and not re.match(r"^ (?:wants|asked) (?:me )?for\b", after, re.IGNORECASE)
        and not re.search(
            r"\b(?:send|text|email|e-mail|give|show|forward|call|message) (?:him|her)\b"
            r"|\ble (?:mande|envíe|envie|mando|envío|escriba|llame|dé)\b",
            text,
            re.IGNORECASE,
        )
    ):
        return True  # who told the asker, not the one it is sent to ("… asked me to send her")
    return False
