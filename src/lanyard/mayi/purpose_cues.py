"""The May I? reader's cues for why something is done (``purpose``): school business named
after "about / for / re:" or outright, and what is plainly personal. Read among the other
facts' cues by :mod:`lanyard.mayi.fact_cues`. Pure."""

from __future__ import annotations

from lanyard.mayi.cues import _FAMILY, _SCHOOL_ACCOUNT, _SCHOOL_KIND, _Cue, _cue

# A class's or team's thing ("for our class pet", "asking for the class list"): "class" names
# whose thing it is, not a school matter the message is for.
_A_THING = r" (?:list|lists|pet|pets|hamster|fish|guinea pig)\b"

_PURPOSE_CUES: tuple[_Cue, ...] = (
    # why: school work named after "about / for / regarding" (with its determiners and a
    # possessive: "about her son's grades"), or named outright where it can only be school
    # work ("the field trip permission slips")
    _cue(
        r"(?:\b(?:about|abt|bout|for|regarding|concerning|re|sobre|para|acerca del?|"
        r"pregunt(?:ando|ó|a) por|(?:asking|asked|asks) (?:me )?(?:if|whether|when|where|"
        r"what time))\b|\bre:)"
        r"(?: (?:the|a|an|our|their|his|her|my|your|la|el|su|sus|los|las|mi|mis|tu|nuestr[oa]s?|"
        r"tomorrow'?s|"
        r"today'?s|next|this|that|upcoming|missing|late|makeup|make-up|final|first|big|new|"
        r"spring|fall|winter|summer|annual|holiday|"
        r"saturday'?s|friday'?s|monday'?s|tonight'?s|next week'?s|(?<!\bmy )[\w-]+'s|"
        r"(?<=\bmy )(?!" + _FAMILY + r"'s)[\w-]+'s|"
        r"\w+s'|(?<!\bmy )(?<!\bmi )(?:kids|students|childs|sons|daughters)(?= \w)))*"
        r"(?: " + _SCHOOL_KIND + r")?"
        r" (?:practice|homework|hw|assignments?|missing (?:assignment|work)|game|schedule|grades?"
        r"|test|quiz|field trip|rehearsal|projects?|lessons?|tryouts|meet|match|tournament|"
        r"bus time|bus schedule|extension|rec(?:ommendation)? letter|college rec letter|"
        r"behavior|504(?: plan)?|iep|class(?:es|room)?|team|club|yearbook|band|choir|"
        r"orchestra|concert|school play|curriculum|absences?|attendance|dismissal|pick-?up "
        r"time|conferences?|parent-teacher conferences?|report cards?|progress reports?|"
        r"picture day|college (?:apps|applications?|essays?)|reading (?:level|log)s?|"
        r"science fair|book fair|spelling (?:list|words|test)|debate (?:tournament|meet)|"
        r"(?:starting )?lineup|fun run|spirit week|assembly|open gym|deadlines?|detention|"
        r"playing time|weigh-?ins?|cap and gown(?: pickup)?|scholarships?|sub plans|essays?|"
        r"evaluations?|(?:overdue|library) books|physical(?: forms?)?|bus (?:route|change)s?|"
        r"(?:staff|faculty|department|grade[- ]level|pto|pta|iep|504) meetings?|meetings?|"
        r"redo|retake|"
        r"junta|reunión de padres|feria de ciencias|"
        r"permission slips?|school event|open house|back[- ]to[- ]school night|"
        r"research project|school project|studying|exam|midterms?|finals|progress|"
        r"lab(?: reports?)?|worksheets?|study guides?|snow day|early dismissal|late start|"
        r"tarea|tareas|práctica|calificaciones|notas|excursión|partido|examen|juego|ensayo|"
        r"clase|clases|equipo|proyecto|reunión|conferencia|ausencias?|horario del partido|"
        # more of school life, named after "about" ("about the dance", "re: pickup time")
        r"dance|prom|homecoming|graduation|fundraisers?|complaints?|late work|summer reading|"
        r"make-?up (?:work|tests?|quiz(?:zes)?|exams?)|extra credit|retakes?|tard(?:y|ies)|"
        r"injur(?:y|ies)|concussion|paperwork|forms|transcripts?|uniforms?|jerseys?|equipment|"
        r"fees|school supplies|supplies|textbooks?|lockers?|syllabus|notes|lecture|experiments?|"
        r"presentations?|portfolios?|performances?|auditions?|season|banquet|awards?|"
        r"senior night|playoffs?|stats|workouts?|conditioning|registration|enrollment|"
        r"schedule change|coursework|credits|office hours|dress code|referrals?|suspension|"
        r"test scores|scores|testing|spelling bee|musical|field day|"
        r"(?:class|band|team|school|choir|senior|overnight|\d+th grade) trip|quiz(?:zes)?|"
        r"tests|exams|final|reading|recess|"
        r"tutorías|boletas?|uniformes?|baile|graduación|recaudación de fondos|calificaci[oó]n|"
        r"review|test prep|study session|bulletin boards?)\b"
        r"(?! teachers?| aides?| assistants?| management| teaching| dress(?:es)?| outfits?| date\b|"
        + _A_THING
        + r")",
        ("purpose", "district_business"),
    ),
    _cue(
        r"\b(?:de la|del|de las|de los) (?:tarea|tareas|práctica|calificaciones|notas|excursión|"
        r"examen)\b",
        ("purpose", "district_business"),
    ),
    _cue(
        r"\b(?:homework|assignments|field trip|permission slips?|gradebook|lesson plans?|"
        r"parent[- ]teacher conferences?|iep meeting|progress reports?|take attendance|"
        r"practice (?:times?|schedule|is (?:cancel+ed|moved))|tareas|grading|grade papers|"
        r"calificar|detention|playing time|open gym|cap and gown|sub plans|homebound instruction|"
        r"starting lineup|bus time|group project|(?:missed|missing|miss) the bus|uniform fittings?|"
        r"concert details|syllabus|study guides?|lecture notes|class notes|extra credit|"
        # the school day's business named outright (thirteenth round)
        r"picked up early|early pick-?up|(?:the )?bus (?:is )?(?:running )?late|late bus|"
        r"late for the bus|bus broke down|cover(?:ing)? (?:my|her|his|a|the) (?:[\w-]+ )?duty|"
        r"swap(?:ping)? (?:[\w-]+ )?(?:duty|duties|shifts?|gym times?|rooms?|classes)|"
        r"(?:canvas|google classroom|schoology|class|school|team) announcements?|"
        r"zero hour|"
        r"college (?:essays?|apps|applications?)|sub plans?|plan (?:tomorrow'?s |the |our |my )?"
        r"(?:lessons?|units?|curriculum)|did (?:great"
        r"|well|awesome|amazing|a great job) (?:today|on "
        r"(?:his|her|their|the) (?:test|quiz|project|exam|essay))|(?:she|he|they) made (?:the )?"
        r"(?:[\w-]+ )?(?:team|varsity|jv|cut)|cancel(?:l?ed|l?ing)? (?:the |tonight'?s |today'?s )?"
        r"practice|practice (?:is |got |was )?(?:cancel+ed|moved|postponed)|(?:class|weekly|school|"
        r"monthly) newsletter|the assignment|worksheets?|highlight (?:video|reel|tape)|college "
        r"recruiters?|"
        r"(?:money|forms?|slips?|fees?|homework|projects?|assignments?|essays?|papers?|books?) "
        r"(?:is|are) due|picture money|(?:field trip|class|club|team) (?:money|fees|dues)|"
        r"volunteer (?:at|for) (?:the |our )?(?:[\w-]+ )?(?:book fair|field day|fun run|"
        r"carnival|dance|game|concert)|bus (?:leaves|is leaving|"
        r"departs|will leave)|(?:school|student) store|"
        r"missing work|missing assignments|grade (?:quizzes|tests|papers|essays|exams|homework|"
        r"assignments)|(?:my|our) (?:[\w-]+ ){0,2}(?:lessons|lectures|units|worksheets)|"
        r"late work|make-?up (?:work|tests?|quiz(?:zes)?|exams?)|scholarship (?:forms?|"
        r"applications?)|college applications?|permission forms?|summer reading|textbooks?|"
        r"jerseys|(?:away|home|playoff) games?|notes from (?:today'?s |the |my )?(?:class|lecture|"
        r"lesson)|(?:set up|schedule|book|arrange) (?:a |an )?(?:parent[- ]teacher |parent )?"
        r"(?:conference|meeting)|sign (?:the |a |her |his |their )?(?:permission|field trip|"
        r"consent|trip) (?:slip|form)s?|cover (?:my|her|his|a|the) (?:[\w-]+ )?(?:duty|class|"
        r"classes|period|shift)|"
        r"(?:tell|telling|told) (?:him|her|them) (?:that )?(?:he|she|they) made (?:varsity|jv|"
        r"the team|the cut)|"
        r"so (?:she|he|they|i|we) can (?:grade|post (?:the )?assignments|enter grades|take "
        r"attendance)|" + _SCHOOL_ACCOUNT + r"|lockdown|open house|"
        r"parent conferences|(?:for|about|para) (?:the |our |my |"
        r"a |an |his |her |their )?(?:(?![\w-]+'s?\b|(?:booster|pto|pta|church|travel|rec|youth|"
        r"son|daughter|kid|personal|own|private|running|book|adult|hiking|cycling|knitting|"
        r"bowling|softball league|community|neighborhood)\b)[\w-]+ ){1,2}(?:team|club|class|"
        r"classes|classroom|band|choir)\b(?! teachers?| aides?| assistants?| management|"
        + _A_THING
        + r"))",
        ("purpose", "district_business"),
    ),
    _cue(
        r"\b(?:birthday|cumpleaños|just to chat|hang out|personal reasons?|family stuff|"
        r"non[- ]school stuff|not school related|my opinion|"
        r"private tutoring|(?:holiday |christmas |birthday |my |a house )party|wedding|"
        r"baby shower|happy hour|(?:my )?(?:husband|wife|spouse|partner)'s business|side job|"
        r"second job|side hustle|side business|on the side|family reunion|yard sale|"
        r"garage sale|retirement (?:party|dinner|celebration)|(?:going[- ]away|farewell|"
        r"engagement|pool|dinner) party|new baby|condolences|boda|happy (?:new year|holidays|"
        r"thanksgiving|easter|mother'?s day|father'?s day)|merry christmas|feliz navidad|"
        r"babysit(?:ting)?|mow (?:my|the) lawn|(?:out )?for drinks|ask (?:her|him) out|"
        r"on a date|a cenar|recipe|"
        r"vacation (?:pictures|photos|pics)|carpool(?:ing)? to work|"
        r"(?:my|our) lost (?:dog|cat|pet)|"
        r"(?:to|go to) (?:a|the) (?:concert|movie|movies|game) with me|"
        r"to play (?!kahoot|blooket|gimkit|quizlet)\w+ with me|"
        r"(?:selling|buying|buy|sell) (?:his|her|their|my|a) (?:old )?(?:house|car|truck|boat)|"
        r"a house (?:she|he)'?s selling|"
        r"my (?:own )?(?:[\w-]+ )?business(?! (?:hours|days?|cards?|email|phone|number|account))|"
        r"a job at my|church'?s (?:[\w-]+ )?(?:festival|youth group|bake sale|picnic|"
        r"event)|church bake sale|"
        r"my (?:own )?" + _FAMILY + r"'s (?:[\w-]+ )?(?:team|game|party|band|concert|recital|"
        r"business|wedding|shop|store|fundraiser|church|restaurant|salon|bakery|studio|"
        r"food truck|farm|campaign)"
        r"|political campaign|for fun|asuntos personales|(?:it'?s|it is|es|totally|just|purely|"
        r"strictly|100%) personal(?! (?:phone|cell|device|account|e-?mail|number|laptop|page|"
        r"instagram|facebook|computer))|es algo personal)\b",
        ("purpose", "personal"),
        negatable=False,
    ),
)
