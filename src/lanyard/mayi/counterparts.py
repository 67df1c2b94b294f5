"""Whom a May I? question is with: the people it names, less those who are only its topic,
its background, the one who would act or the asker. Pure."""

from __future__ import annotations

import re

from lanyard.mayi.actor import _ABOUT_THEM, actor_role_counterpart
from lanyard.mayi.clauses import _QUESTION_LEAD, _asking_sentence, _negated
from lanyard.mayi.cues import _KID, _PARENT, _PERIOD, Understood

# Counterparts: the people the question is with, by their own nouns.
_COUNTERPARTS: tuple[tuple[str, str, int], ...] = (
    # (pattern, role, count) — count 0: decided by the noun's number below
    (
        r"\b(?:my|our|the|their|his|her) (?:class(?:es)?|team|students|kids|players|club|"
        r"debate team|(?!(?:tech|it|admin|leadership|district|office|support|grade[- ]level|"
        r"data|crisis|safety|pto|pta|comms|communications|ela|math|science|english|sped|"
        r"teaching|department|front|custodial|cafeteria|transportation|counseling|nursing|"
        r"coaching|building|instructional)\b)\w+ team|roster)\b|\bteam members\b|\bwhole class\b|"
        r"\bthe (?:boys|girls)\b(?! (?:and|or) (?:girls|boys)'? (?:bathroom|restroom|locker))|"
        r"\b(?:el|al|mi|nuestro) equipo(?! de la escuela| del distrito| de c[óo]mputo)\b|"
        r"\b(?:mi|mis|nuestr[oa]s?)"
        r" (?:clase|equipo|estudiantes|alumnos|jugadores)\b"
        r"|\b(?:my|our|the) (?:whole|entire|full) (?:team|roster|squad)\b"
        r"|\b(?:my|our|the) (?:(?:jv|j\.v\.|varsity|freshman|middle school|high school|"
        r"\d+(?:st|nd|rd|th) grade|volleyball|basketball|hoops|soccer|softball|baseball|football|"
        r"track|cross country|xc|swim|tennis|golf|lacrosse|wrestling|cheer|dance|robotics|choir|"
        r"band|debate|drama|theater|theatre|homeroom) )+(?:girls|boys|ladies|gals|guys|squad)\b"
        r"|" + _PERIOD,
        "student",
        2,
    ),
    (r"\b" + _KID + r"\b", "student", 0),
    (r"\b(?:my|mi) (?:own )?(?:son|daughter|nephew|niece|hij[oa]|sobrin[oa])\b", "student", 1),
    (r"\bparents? list\b|\bclass list\b", "parent", 2),
    (r"\b" + _PARENT + r"\b", "parent", 0),
    (
        r"\b(?:colleagues?|co-?workers?|co-?teachers?|fellow teachers?|other (?:\w+ )?teachers"
        r"|another teacher"
        r"|my sub|the sub|substitute|staff members?|compañer[oa]s?(?: de trabajo)?|"
        r"(?:the |my |our |a |an |new )+(?:aide|para|paraprofessional|secretary|custodian|"
        r"librarian|counselor|nurse|it guy|tech guy|bus driver)s?|"
        r"maestr[oa]s? (?:sustitut[oa]s?|suplentes?)|sustitut[oa]|suplente|otr[oa]s? maestr[oa]s?|"
        r"compañeros de trabajo)\b(?! jobs)",
        "employee",
        0,
    ),
    (
        r"\b(?:the|our|all|whole|entire) staff\b(?! (?:members?|meetings?|party|lounge|room|"
        r"parking|bathroom|restroom|development|handbook|directory|ids?|badges?)\b)"
        r"|\b(?:invite|email|e-mail|text|txt|tell|ask|message|cc|notify) (?:the |all (?:the )?|"
        r"my |our |other |fellow )*teachers\b",
        "employee",
        2,
    ),
    (
        r"\b(?:the |my |our )(?:principal|superintendent|assistant principal|director[a]?)\b"
        r"|\b(?:mi|el|la|nuestr[oa]) (?:director[a]?|subdirector[a]?|superintendente)\b",
        "administrator",
        1,
    ),
    (
        r"(?<!is a )(?<!'s a )(?<!was a )"
        r"\b(?:reporter|journalist|periodista|reportero|news crew|(?:tv|news) station|"
        r"(?<!school )(?<!student )(?<!class )(?<!read the )(?<!reading the )(?<!read a )"
        r"newspaper|podcaster|news outlet|local paper)s?\b|\bletters? to the editor\b"
        r"|\bthe (?:local )?paper(?= (?:called|emailed|wants|asked|reached out|contacted|is doing|"
        r"is writing|messaged|dm'?d))",
        "media",
        0,
    ),
    (
        r"\b(?:his|her|their|a|an|the|(?:student|kid|child)'s|su|outside|private)\s+"
        r"(?:(?:outside|private|new|old|former) )?(?:tutor|therapist|probation officer|"
        r"case ?worker|pediatrician)s?\b(?! (?:company|business|program|session|sessions))"
        r"|\b(?:older|adult|grown|big) (?:brother|sister|sibling|cousin)s?\b",
        "community",
        0,
    ),
)

_PLURAL = re.compile(
    r"(?:s|es|men|ies|families|players|graders|padres|papás|chicos|niños)$", re.IGNORECASE
)

# A student noun used only to name whose parent it is ("a kid's dad", "my students'
# parents", "her son's grades"), or the class a parent or colleague belongs to.
_POSSESSED = re.compile(r"^'?s?'?\s+(?:" + _PARENT[3:-1] + r"|" + r"parent list)", re.IGNORECASE)

_BACKGROUND = re.compile(
    r"\b(?:(?:in|(?<!requests )(?<!request )(?<!messages )(?<!texts )(?<!emails )(?<!calls )"
    r"(?<!dms )(?<!comments )from|of|for|with|about|(?<!everyone )(?<!everybody )(?<!all )"
    r"(?<!anyone )(?<!kids )(?<!students )on) (?:my|our|the|your|his|her|their)|"
    r"(?:" + _PARENT[3:-1] + r"|maestr[oa]s?|entrenador(?:a|es)?|hermanos?|hermanas?) de(?: un| una"
    r"| la| el| mi| mis| los| las| su| sus| tu)?"
    r"|(?:" + _PARENT[3:-1] + r"|guardian) of (?:an?|one of)) $",
    re.IGNORECASE,
)

# A person noun used as a modifier ("parent conferences", "student council"): no one.
_MODIFIER = re.compile(
    r"^(?:[- ]teacher)? (?:conferences?|night|portal|council|government|handbook|id|ids|"
    r"lounge|parking|data|information|info|records?|files?|accounts?|devices?|chromebooks?|"
    r"laptops?|e-mail addresses|email addresses|addresses|newspaper|section|organization|stuff|"
    r"reasons?|matters?|emergency|business|friends?|members?|things|trip|vacation|plans|"
    r"folders?|binders?|tubs?|coverage)\b",
    re.IGNORECASE,
)

# A person noun naming whom calls or messages are with ("parent calls", "the parent email
# chain"): those people, but not how many.
_COUNTLESS = re.compile(
    r"^ (?:calls?|phone calls?|e-?mails?|e-?mail (?:chain|thread|list)|texts?|messages?|"
    r"contacts?|communications?|group ?chats?|grp chats?|chats?|newsletters?|superlatives|"
    r"portraits|awards|artwork|art ?work|work samples|projects|essays|spotlights?|photos?|"
    r"pictures?|pics?|videos?|images?|selfies)\b",
    re.IGNORECASE,
)

# Students in a picture are pictured: "photos of my students" names the counterparts.
_PICTURED = re.compile(
    r"\b(?:photos?|pictures?|pics?|videos?|images?|fotos?|selfies?) (?:of|with|de) "
    r"(?:my|our|the|mis|los|las)? ?$",
    re.IGNORECASE,
)

# A person right after the question's verb is the one who would act, not a counterpart.
_SUBJECT = re.compile(
    r"(?:^|\b(?:is|can|could|may|should|does|do|are|would|will|puede|pueden|i'?m|i am|im|as|"
    r"soy)) (?:a |an |the |"
    r"our |un |una |el |la )?$",
    re.IGNORECASE,
)

# A person's own phone, address or message ("my advisee's cell", "a student's email"): the
# person is whom it is with.
_THEIR_ADDRESS = re.compile(
    r"^(?:'s|s'|')\s+(?:(?:school|personal|district|own|new|home|private|class) )?(?:cell|phone|"
    r"number|e-?mail|account|texts?|messages?|dms?|posts?|comments?|voicemail|snap|instagram|insta|"
    r"facebook|fb|page|gmail)\b",
    re.IGNORECASE,
)

# Words that say something came to the asker ("texted me", "me escribió").
_CAME_TO_ME = (
    r"\b(?:texted|txted|messaged|msged|emailed|e-mailed|dm'?d|dmed|called|wrote|snapped|sent|"
    r"left|commented)\b(?: me\b)|\bme (?:escribi[óo]|mand[óo]|envi[óo]|llam[óo]|texte[óo]|"
    r"texti[óo]|marc[óo]|dej[óo])\b"
)

# A part of a group ("one of my students"): those people.
_SOME_OF = (
    r"(?:\b(?:one|some|any|all|each|few|several|two|three|four|five|six|many|most|none|both|"
    r"half|couple|handful|bunch|lot)|\b\d+) of $"
)

# A detail of a person that is sent ("the address of a student"): what, not to whom.
_DETAIL_OF = (
    r"\b(?:address|addresses|number|numbers|phone number|grades?|records?|info(?:rmation)?|"
    r"schedule|file|files|transcript|scores?|list|lists|names|roster|photos? and names) of "
    r"(?:a |an |the |one |this |that |my |our |his |her |their |all (?:the |my )?)?"
    r"(?:absent|tardy|missing|failing|new|sick|injured|eligible|ineligible|current|former|"
    r"(?:\d+(?:st|nd|rd|th) )?period|\w+ grade|[\w-]+ing) ?$"
    r"|\b(?:address|addresses|number|numbers|phone number|grades?|records?|info(?:rmation)?|"
    r"schedule|file|files|transcript|scores?|list|lists|names) of (?:a|an|the|one|"
    r"this|that|my|our|his|her|their)? ?$"
)

# What people do that only says when ("before the kids get here").
_ONLY_WHEN = (
    r"^ (?:get|gets|got|arrive|arrives|arrived|leave|leaves|left|come|comes|came|go|goes|went|"
    r"are|is|were|was|do|does|did|take|takes|have|has|eat|eats|start|starts|finish|finishes|"
    r"show up|shows up|wake up|head)\b"
)

# A child named as a parent's ("call a parent … when their kid is late").
_THEIR_CHILD = re.compile(r"\b(?:his|her|their|su|sus) $", re.IGNORECASE)

# Who someone may be, said with a doubt ("could be a student", "probably a parent"): unknown.
_HEDGED = re.compile(
    r"\b(?:(?:could|might|may|must|might've|could've) (?:have )?be(?:en)?|probably|maybe|"
    r"possibly|perhaps|i think (?:it'?s|it was|it is)|i (?:bet|guess|suspect)(?: it'?s)?|"
    r"tal vez|quizás|quizas|puede ser) (?:a |an |one of (?:my |the |our )?|some |my |the )?$",
    re.IGNORECASE,
)

# People something that arrived went on to reach ("spam to all the parents", "is following my
# students"): not who sent it.
_ONLY_REACHED = re.compile(
    r"\b(?:to|following|follows|followed|friending|friended|messaging|messaged|dming|"
    r"adding|added|contacting|contacted|tagging|tagged) (?:all |every |some |a few |"
    r"several |many )?(?:of )?(?:the |my |our |his |her |their )?(?:\w+ )?$",
    re.IGNORECASE,
)


def _counterparts(text: str, actor: str | None, action: str | None = None) -> list[Understood]:
    """The people the question is with. Students it is about are those people only in a post
    ("memes about my students"); elsewhere they are the topic ("a fake account posting
    about my students")."""
    mentions: list[tuple[int, str, int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, role, count in _COUNTERPARTS:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            if any(s <= m.start() < e for s, e in taken):
                continue
            after = text[m.end() : m.end() + 20]
            before = text[max(0, m.start() - 24) : m.start()]
            if role == "parent" and re.search(r"\b(?:my|mi|mis) (?:own )?$", before, re.I):
                continue  # the asker's own mother or family, not a student's parent
            if role == "parent" and re.match(
                r"^ (?:asked|asks|wants|wanted) (?:me )?(?:to |if i (?:can |could )?)(?:add|text|"
                r"txt|email|e-mail|call|include|message|invite) (?:her|his|their) (?:son|daughter|"
                r"kid|child|boy|girl)\b",
                text[m.end() : m.end() + 70],
                re.IGNORECASE,
            ):
                continue  # "a mom asked me to add her son to my Remind": he is whom it is with
            if role == "parent" and re.match(
                r"^ (?:volunteer|chaperone|liaison|helper)s?\b", after, re.IGNORECASE
            ):
                continue  # "a parent volunteer" is the one who would act
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
                continue  # "our team mom wants to start a group": she would act
            if re.search(
                r"\b(?:if|unless|once|as long as|when) (?:\w+ )?$", before, re.I
            ) and re.match(
                r"^ (?:says?|said|signs?|signed|agrees?|agreed|approves?|approved|gives?|gave|"
                r"okays?|ok'?s|is ok|is okay|consents?|allows?|(?:don'?t|doesn'?t|didn'?t|do not|"
                r"does not|won'?t|never) (?:know|find out|care|mind|agree|object))\b",
                after,
                re.IGNORECASE,
            ):
                continue  # "if his mom says ok", "if her parents don't know": a permission or a
                # condition, not whom it is with
            if role == "parent" and re.match(
                r"^ (?:(?:all |already |have |had |no |not |didn'?t |did not |haven'?t |never )*"
                r"(?:signed|sign|returned|return|gave (?:permission|consent)|give (?:permission|"
                r"consent)|consented|opted (?:in|out)|firmaron|firm[oó]|dieron (?:el )?permiso))\b",
                after,
                re.IGNORECASE,
            ):
                continue  # "parents signed the media release": a permission on file
            if role == "parent" and re.match(
                r"^(?:'s|s'|')? (?:permission|consent|signatures?|approval|release|waivers?|"
                r"permission slips?|consent forms?)\b",
                after,
                re.IGNORECASE,
            ):
                continue  # "do we need parents' permission?": a permission, not whom it is with
            if role == "student" and re.search(r"\b(?:his|her|their) own $", before, re.I):
                continue  # "an aide … her own kids": another's children, not said to be students
            if re.search(r"\bwhile (?:my |the |our |his |her |their |all )?$", before, re.I):
                continue  # "while my kids do independent work": when, not with whom
            if re.fullmatch(_PERIOD, m.group(0), re.I) and re.search(
                r"\b(?:during|before|after|until|till|til|by|at|since|through|for|in|from|of|"
                r"on|about|with|durante) $",
                before,
                re.I,
            ):
                continue  # "during my 3rd period": when, not with whom
            if re.search(
                r"\b(?:before|after|until|till|til|once|by the time|when) (?:my |the |our |his |"
                r"her |their |all (?:the )?)?$",
                before,
                re.I,
            ) and re.match(_ONLY_WHEN, after, re.IGNORECASE):
                continue  # "before the kids get here": when, not with whom
            if (
                action in ("post", "create_account")
                and role != "student"
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
                continue  # "livestream it for families who can't come", "a class page for
                # parents": who watches it
            if action in (None, "post", "create_account") and (
                re.search(r"\bfor (?:the )?(?:other|fellow) $", before, re.I)
                or (
                    re.search(r"\bfor (?:the )?$", before, re.I)
                    and m.group(0).lower().startswith(("other", "fellow"))
                )
            ):
                continue  # "on my website for other teachers": who may read it, not who is in it
            if (
                m.group(0).lower().endswith(("roster", "class list"))
                or after.startswith((" roster", " list"))
            ) and re.match(
                r"^(?: roster| list)?(?: with [\w ]{1,30}?)? to "
                r"(?:the|a|an|my|our|his|her|their)\b",
                text[m.end() : m.end() + 60],
                re.I,
            ):
                continue  # "email the class roster to the PTO president": what is sent
            if (
                role == "student"
                and count == 2
                and action != "post"
                and re.search(
                    r"\b(?:in|from|of|about|(?<!everyone )(?<!everybody )(?<!all )(?<!anyone )"
                    r"(?<!boys )(?<!girls )on) $",
                    before,
                    re.I,
                )
                and not re.search(_SOME_OF, before, re.I)
                and re.match(r"(?:my|our|the|their|his|her) ", m.group(0), re.I)
                and not _PICTURED.search(before)
            ):
                continue  # "her kid is in my class", "quotes from my players": not whom it is with
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
                continue  # "use a student's phone to call the office": whose it is, not whom
            if re.match(
                r"^ (?:won'?t|wouldn'?t|will not|would not|aren'?t|are not|isn'?t|is not|"
                r"(?:would|will) never|don'?t|do not|doesn'?t|does not) (?:be |show |appear )?"
                r"(?:in|on|shown|pictured|visible|identifiable|recognizable)\b",
                after,
                re.I,
            ):
                continue  # "the students wouldn't be in the picture": nobody pictured
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
                continue  # "call the police … if a parent threatens me": a condition, not whom
            if role == "student" and re.search(_DETAIL_OF, before, re.I):
                continue  # "send him the address of a student": what is sent, not to whom
            if _THEIR_CHILD.search(before) and re.match(
                r"^ (?:is|was|are|were) (?:in|on|one of)\b", after, re.IGNORECASE
            ):
                continue  # "her kid is in my class": who the friend's child is, not the friend
            if re.search(r"\bso (?:that )?(?:my |the |our |all |their )?$", before, re.I) and (
                re.match(r"^ (?:can|could|will|would|are able|know)\b", after, re.IGNORECASE)
            ):
                continue  # "so grandparents can watch": the audience, not the people in it
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
                continue  # "a family travel blog": the asker's family, nobody's parent
            if _MODIFIER.match(after) and not m.group(0).lower().endswith("s"):
                continue
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
                continue  # "write about a difficult parent": the topic, not whom it is with
            if role == "student" and (
                (action != "post" and re.search(r"\babout $", before, re.IGNORECASE))
                or _POSSESSED.match(after)
                or (_BACKGROUND.search(before) and not _PICTURED.search(before))
                or (
                    _THEIR_CHILD.search(before)
                    and re.search(_PARENT, text, re.IGNORECASE)
                    and not re.search(
                        r"\b(?:add|text|txt|email|e-mail|call|message|dm|invite|include|friend|"
                        r"follow) (?:his|her|their) $",
                        before,
                        re.IGNORECASE,
                    )
                )
                or (re.match(r"^(?:'s|s'|')\s", after) and not _THEIR_ADDRESS.match(after))
            ):
                continue
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
                continue  # "why she skipped my class", "if his daughter made the team": the topic
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
                continue
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
                continue
            if role == actor_role_counterpart(actor) and m.start() < 25:
                continue
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
                continue  # "… ? Their parents are cc'd already": said after the question, about
                # the people asked about
            if role in ("administrator", "employee") and (
                re.match(r"^ and i\b(?! (?:at|in|on|from|together)\b)", after, re.I)
                or re.search(r"(?:^|[.!?]\s*|\bcan )i and (?:my |our |the )?$", before, re.I)
            ):
                continue  # "my colleague and I want to start a channel": acts with the asker
            if role in ("administrator", "employee") and re.search(
                r"\bme,? (?:the |a |an |your )?$", before, re.I
            ):
                continue  # "texted me, the principal, at 2 am": the asker, not whom it is with
            if re.search(
                r"\b(?:impersonat\w+|pretending to be|pretends to be|posing as|poses as|"
                r"fake (?:account|profile|page|instagram|facebook|tiktok)s? (?:of|for)) (?:our |my "
                r"|the |a |an |one of (?:my |our |the )?)?(?:[\w-]+ )?$",
                before,
                re.I,
            ):
                continue  # "a fake account of our superintendent": whom it imitates, not the sender
            if re.search(
                r"\b(?:i'?m|i am|soy|as) (?:a |an |un |una )?(?:[\w-]+ )?$", before, re.I
            ) and not re.match(r"^(?:'s|s'|')", after):
                continue  # "I'm a PTO mom", "as a parent myself": the asker
            if role == "employee" and (
                _SUBJECT.search(before)
                or (
                    re.search(r"\bfor (?:a |an |the |our |my |any )?$", before, re.I)
                    and re.match(r"^s? to \w+", after, re.I)
                )
            ):
                continue  # the one who would act ("is a staff member allowed to …")
            if (
                role in ("employee", "administrator")
                and re.search(r"(?:^|[.!?]\s+)(?:(?:our|my|the|a|an) (?:\w+ )?)?$", before)
                and re.match(
                    r"^ (?:wants|needs|would like|plans|is planning|is trying|is going) to\b", after
                )
                and _ABOUT_THEM.search(text)
            ):
                continue  # "our counselor wants to start a Remind. Is that ok?": who would act
            if _negated(text, m.start()):
                continue
            if action != "post" and re.search(
                r"\b(?:about|regarding) (?:a |an |the |this |that |one of (?:my |our |the )?|"
                r"my |our |his |her |their )?$",
                before,
                re.IGNORECASE,
            ):
                continue  # "email the nurse about a kid who …": the topic, not whom it is with
            if role != "student" and re.search(
                r"\b(?:former|retired|old) $|\bex(?:-| |- )$", before, re.IGNORECASE
            ):
                continue  # "a former coworker": no longer the district's employee
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
                continue  # "My students keep asking about him": who talks of it, not who is in it
            if action == "post" and re.match(
                r"^ (?:who |that )?(?:follow|follows|followed|see|sees|read|reads) (?:me|my)\b",
                after,
                re.IGNORECASE,
            ):
                continue  # "if students follow me": who may see a post, not who is in it
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
                continue  # "text the bus driver that a kid will be late": what is said
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
                continue  # "tell my principal by text that a parent yelled at me": what is said
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
                continue  # "share a parent's complaint email with my team": whose it is, not whom
            if _HEDGED.search(before):
                continue  # "from a fake account. could be a student": who it is, not known
            if action == "receive" and _ONLY_REACHED.search(before):
                continue  # "my account was hacked and emails went out to parents": reached,
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
                continue  # who told the asker, not the one it is sent to ("… asked me to send her")
            taken.append((m.start(), m.end()))
            n = count or (
                2
                if _PLURAL.search(m.group(0)) and not m.group(0).lower().endswith(("ss", "class"))
                else 1
            )
            if re.search(
                r"\bone of (?:my|our|the|his|her|their)? ?(?:former |old |new |current )?"
                r"(?:\w+'s |\w+s' )?$",
                text[: m.start()],
                re.IGNORECASE,
            ):
                n = 1
            if count == 0 and not m.group(0).lower().endswith("s") and _COUNTLESS.match(after):
                n = 0  # "parent calls": parents, how many not said
            if (
                count == 0
                and n == 2
                and re.search(r"\b(?:a|an|one|this|that|each|every|another)\s+$", before, re.I)
            ):
                n = 1  # "a students drawing": one student's, the apostrophe left out
            if n == 1 and re.match(
                r"^ and (?:the|my|our|a|an|his|her|their|one) (?!(?:same|other)\b)[\w-]+",
                after,
                re.I,
            ):
                n = 0  # "my principal and the AP": more than one, who the other is not said
            if (
                count == 0
                and not _PLURAL.search(m.group(0))
                and re.search(r"\b(?:each|every|cada)\s+$", before, re.I)
            ):
                n = 2  # "message each kid individually", "every parent": a group
            if (
                count == 0
                and n == 0
                and re.search(r"\b(?:a|an|one|this|that)\s+$", before, re.I)
                and re.match(r"^ (?:texts|calls|emails|e-mails|messages)\b", after, re.I)
            ):
                n = 1  # "when a parent texts my cell": one, and the verb
            mentions.append((m.start(), role, n, m.group(0)))
    mentions.sort()
    roles = {r for _, r, _, _ in mentions}
    if len(roles) > 1:
        # people in a story told before the question are not who it is about
        leads = list(_QUESTION_LEAD.finditer(text))
        if leads:
            asked = [x for x in mentions if x[0] >= leads[-1].start()]
            if len({r for _, r, _, _ in asked}) == 1:
                mentions = asked
                roles = {r for _, r, _, _ in mentions}
    if len(roles) != 1:
        return []
    counts = {n for _, _, n, _ in mentions}
    leads = list(_QUESTION_LEAD.finditer(text))
    if len(counts) > 1 and leads:
        # "a kid kept snapping me … can I email my class?": the question's count
        asked_counts = {n for at, _, n, _ in mentions if at >= leads[-1].start()}
        if len(asked_counts) == 1:
            counts = asked_counts
            mentions = [x for x in mentions if x[2] in asked_counts]
    _, role, n, words = mentions[0]
    out = [Understood("counterparts.role", role, words)]
    if len(counts) == 1 and n:
        out.append(Understood("counterparts.count", n, words))
    return out
