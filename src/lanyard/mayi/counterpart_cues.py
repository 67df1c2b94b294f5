"""What the May I? reader takes a person's noun for: the nouns of the people a question can
be with (:data:`_COUNTERPARTS`) and the words around a noun that say it is not whom the question
is with (its topic, its background, a detail of it), used by :mod:`lanyard.mayi.counterparts`.
Pure."""

from __future__ import annotations

import re

from lanyard.mayi.cues import _KID, _PARENT, _PERIOD

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
        r"|\b(?:my|our|the) (?:whole|entire|full) (?:team|roster|squad|homeroom)\b"
        r"|\b(?:my|our) homeroom\b(?! (?:teacher|class|classroom|room|period|time|kids|"
        r"students)\b)"
        r"|\b(?:my|our|the) (?:(?:jv|j\.v\.|varsity|freshman|middle school|high school|"
        r"\d+(?:st|nd|rd|th) grade|volleyball|basketball|hoops|soccer|softball|baseball|football|"
        r"track|cross country|xc|swim|tennis|golf|lacrosse|wrestling|cheer|dance|robotics|choir|"
        r"band|debate|drama|theater|theatre|homeroom) )+(?:girls|boys|ladies|gals|guys|squad)\b"
        r"|" + _PERIOD,
        "student",
        2,
    ),
    (
        # a class named by its subject or grade ("my AP Bio class", "my whole 7th grade science
        # class") and a team named by what its members do ("my runners", "our band kids")
        r"(?<!for )\b(?:my|our) (?:whole |entire )?(?:(?:\d+(?:st|nd|rd|th)[- ]grade|ap|honors|ib|"
        r"advanced|intro|science|math|english|history|bio(?:logy)?|chem(?:istry)?|physics|art|"
        r"music|pe|gym|spanish|french|reading|writing|ela|civics|government|econ(?:omics)?|"
        r"psych(?:ology)?|coding|health|geometry|algebra|calc(?:ulus)?|stats|statistics|"
        r"orchestra|drama|journalism|ceramics|photography|computer science|social studies|"
        r"world history|us history) ){1,3}class(?:es)?\b(?!'s|\s+(?:page|website|site|"
        r"account|instagram|insta|ig|facebook|fb|twitter|tiktok|blog|channel|remind|"
        r"group ?chat|newsletter|youtube|pets?|ipads?|chromebooks?|laptops?|computers?|"
        r"supplies|rules|library|party|fund|budget|schedule|calendar|syllabus|materials|store|"
        r"room|roster|list|period|time|teachers?)\b)"
        r"|\b(?:my|our) (?:runners|swimmers|wrestlers|cheerleaders|golfers|gymnasts|lifters|"
        r"dancers|singers|debaters|mathletes|band kids|choir kids|drama kids|theater kids)\b",
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
        r"|my sub(?! list)|the sub(?! list)|substitute(?! list)|staff members?|"
        r"(?:a|the|all the|our) (?:long[- ]term )?subs?\b(?! list| plans| folder| binder| tub)|"
        r"teaching partner|(?:school )?psychologist|social worker|department head|"
        r"(?:other|assistant) coaches|(?<!soy )(?<!como )\b(?:mi|a) asistente\b(?! de)|colegas?|"
        r"(?:\d+(?:st|nd|rd|th)[- ]grade|kinder(?:garten)?|math|science|english|ela|history|sped"
        r"|pe|art|music|special ed) teachers|"
        r"compañer[oa]s?(?: de trabajo)?|"
        r"(?:the |my |our |a |an |new )+(?:aide|para|paraprofessional|secretary|custodian|"
        r"librarian|counselor|nurse|it guy|tech guy|bus driver)s?|"
        r"maestr[oa]s? (?:sustitut[oa]s?|suplentes?)|sustitut[oa]|suplente|otr[oa]s? maestr[oa]s?|"
        r"(?<=\bla )sub|(?<=\bel )sub|otr[oa]s (?:teachers|profesor(?:es|as))|"
        r"compañeros de trabajo)\b(?! jobs)",
        "employee",
        0,
    ),
    (
        r"\b(?:the|our|all|whole|entire) staff\b(?! (?:members?|meetings?|party|lounge|room|"
        r"parking|bathroom|restroom|development|handbook|directory|ids?|badges?|newsletters?|"
        r"bulletin|calendar|website|page|drive|shirts?)\b)"
        r"|\b(?:the|our|my) sub(?:stitute)? list\b"
        r"|\b(?:the|our|my) (?:whole|entire) (?:department|dept|faculty)\b"
        r"|\b(?:invite|email|e-mail|text|txt|tell|ask|message|cc|notify) (?:the |all (?:the )?|"
        r"my |our |other |fellow )*teachers\b"
        r"|\ba (?:tod[oa]s )?(?:l[oa]s|mis|nuestr[oa]s) (?:otr[oa]s )?(?:maestr[oa]s|"
        r"profesor(?:es|as))\b|\bal personal\b",
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
        r"newspaper|podcaster|news outlet|local paper)s?\b"
        r"|\bletters? to the editor\b|\bchannel \d+\b"
        r"|\b(?:on|for|to) (?:a|an|the|their|his|her) (?:\w+ )?podcast\b"
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
    # more people by their own nouns (thirteenth round): a colleague named by the job, the
    # assistant principal or dean, a class's advisory, the school's graduates
    (
        r"\b(?:a|the|my|our|another|one|this|that|new) (?:(?:\d+(?:st|nd|rd|th)[- ]grade|math|"
        r"science|english|history|sped|special ed|pe|art|music|spanish|band|choir|kindergarten|"
        r"first[- ]year|new|veteran|fellow|co-?|former|other|partner|mentor) )?teacher\b"
        r"(?!'s|s'| (?:aides?|assistants?|accounts?|e-?mails?|pages?|websites?|instagram|"
        r"appreciation|workdays?|in-?service|evaluations?|contract|union|meeting|lounge|"
        r"facebook|fb|insta|twitter|tiktok|youtube|blog|site|channel|profile|workroom|"
        r"conferences?|planning|portal|login|password|handbook|training|"
        r"certification|license|friends?|here|and i|allowed|can|should|may|could|would|is|was|"
        r"wants|needs|has|had|at|in|from|who|that)\b)"
        r"|\b(?:una|la|otra|un|el|otro|mi) (?:maestr[oa]|profesor(?:a)?)\b(?! de (?:mi|mis|su|sus|"
        r"la|el|los|las)\b)"
        r"|\b(?:the |my |our |a |an )(?:band|choir|orchestra|theater|drama) director\b"
        r"|\b(?:the |my |our |a )(?:department|dept\.?|grade[- ]level) (?:chair|lead)\b"
        r"|\b(?:the |my |our |a |an )(?:instructional coach|co-?coach(?:es)?)\b"
        r"|(?:(?<=\bthe )|(?<=\bmy )|(?<=\bour )|(?<=\ban ))assistant coach\b(?!es)"
        r"|\b(?:the |our )(?:lunch ladies|cafeteria (?:staff|workers|ladies)|custodial staff|"
        r"office staff)\b",
        "employee",
        0,
    ),
    (
        r"\b(?:the |my |our |an? )(?:vice principal|assistant principal|dean(?: of students)?)\b"
        r"(?!'s office)"
        r"|\b(?:my|the|our) ap(?= (?:on|about|at|from|if|and|or|to|via|through|over|wants|said|"
        r"asked|texted|emailed|keeps|is|was|a|an|the)\b|[?.,!]|$)"
        r"|\b(?:la|el|mi) subdirector[a]?\b",
        "administrator",
        1,
    ),
    (
        r"\b(?:my|our) advisory\b(?! (?:teacher|period|class|time|lesson|room|group|board|"
        r"council|committee)\b)",
        "student",
        2,
    ),
    (
        r"\b(?:alums?|alumni|alumnus|ex-?alumn[oa]s?|exalumn[oa]s?|ex-?estudiantes?)\b"
        r"|\b(?:a|an|one|our|my|the) (?:recent |former )?(?:graduates?|grads?)\b(?! (?:school|"
        r"students?|program|degree|class(?:es)?|courses?|assistants?)\b)",
        "student",
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

# The students whose parents are named ("the parents of my JV players", "the parents of kids
# who were absent"), read over the 60 characters before the students' noun.
_PARENTS_OF = re.compile(
    r"\b(?:" + _PARENT[3:-1] + r"|guardians?) of(?: (?:the|my|our|his|her|their|all|those|these))*"
    r"(?: [\w-]+){0,3} $",
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
    r"left|commented)\b(?: me\b| my (?:\w+ )?(?:cell|phone|number|e-?mail|gmail|inbox)\b)"
    r"|\bme (?:escribi[óo]|mand[óo]|envi[óo]|llam[óo]|texte[óo]|"
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
    r"|\b(?:calificaciones|notas|nombres|informaci[oó]n|datos|direcciones|n[uú]meros|"
    r"tel[eé]fonos|expedientes?) de (?:l[oa]s |mis |sus |un |una |el |la |"
    r"nuestr[oa]s )?$"
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

# Several people named as whom one message is with, read between two people's nouns: joined
# ("my players and their parents", "a parent and cc the student", "a student and both of her
# parents", "a group text w/ their parents", "mis jugadores y sus papás") …
_JOINED_BY = re.compile(
    r"^(?:\s+(?:on|in|from|of) (?:the|my|our) [\w-]+)?"  # "one kid on the team and his dad"
    r"(?:[^.?!;:]{0,30}\b(?:cc|bcc|cc'?ing|copy|copying)|,? (?:and|&|\+|y|plus)(?: also)?"
    r"(?: (?:cc|bcc|cc'?ing|copy|copying|include|including|loop in))?"
    r"|[^.?!;:]{0,30}\b(?:group (?:text|chat|email|e-mail|call|message|thread)|"
    r"chat|thread) (?:with|w/))"
    r"(?: (?:both|all|each|one|two) of)?"
    r" (?:their|his|her|the|my|our|a|an|all|su|sus|los|las|el|la|mis|a l[oa]s|a mis)?"
    r"(?: ?[\w-]+(?:'s|s'))?\s*$",  # "the nurse and the student's mom"
    re.IGNORECASE,
)
# … listed before the last is joined ("my players, their parents and the AD") …
_LISTED = re.compile(
    r"^, (?:their|his|her|the|my|our|a|an|all|su|sus|los|las|el|la|mis)?\s*$", re.IGNORECASE
)
# … or the second is said to be on the message too ("text players if a parent is on the group
# text too", "if their parents are en el chat").
_JOINED_IF = re.compile(
    r"^[^.?!;:]{0,40}\b(?:if|when|as long as|si) (?:a|an|the|their|his|her|sus|los|las)?\s*$",
    re.IGNORECASE,
)
_JOINED_AFTER = re.compile(
    r"^[\w' -]+?s? (?:is|are|were|was|will be|would be|gets?|get added|est[aá]n?) "
    r"(?:also |already |all )?(?:on|in|en|cc'?d|copied|included|added)\b",
    re.IGNORECASE,
)
