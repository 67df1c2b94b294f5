"""Threats that name no harm, no place and no time (grammar 2.8), and notices that name a
staff member, a place and a time with no threat at all.

"you're next", "this isnt over. not even close", "you picked the wrong person to mess with",
"i don't get mad. i get even", "the bus driver keeps writing me up. she's about to learn":
menace said in fixed turns of phrase, with no verb of harm, no weapon, no place and no time,
so that neither the threat grammar's shapes (:mod:`~lanyard.moderation.classifiers.threat`)
nor its second reader (which needs a person, a place or a time with a harm word) see them.
:data:`SHAPES` holds those turns, each told to a person ("you", "he", "that teacher") or
said by the speaker of their own act; the threat grammar reads them with the exclusions of
its other late shapes (negation, quotation, counter-speech, past news, a question, sport,
games and the stage), and the look-alikes of :data:`BENIGN` (an exam's time, a season, a
line, a civic complaint) stop them.

:func:`notice` names the other side: a notice of who will be away, where a bus leaves and
when practice meets ("coach won't be at practice friday, the bus leaves at 3"). It names a
staff member, a place and a time, which is what the grammar's second reader and the sentence
stage's cue words look for; a comment that is such a notice is not sent to either on those
words alone.

Written from the misses and false flags of ``team_labeled_14.csv`` and the tuning halves of
the other team sets; never from an evaluation set.
"""

from __future__ import annotations

import re

from lanyard.moderation.classifiers.screen import screened

_YOU = r"(?:you|u|ya|y'?all|yall)"
_YOU_ARE = r"(?:you'?re|youre|ur|you are|u r|u are|y'?all are|yall are)"
_THIRD = r"(?:he|she|they|that \w+|this \w+|the \w+)"
_HARM_DONE = (
    r"(?:rough\w* up|jump(?:s|ed|ing)?|beat(?:s|ing)? up|hit(?:s|ting)?|punch(?:es|ed|ing)?"
    r"|shov(?:e|es|ed|ing)|smack(?:s|ed|ing)?|slap(?:s|ped|ping)?|trip(?:s|ped|ping)?"
    r"|key(?:s|ed|ing)?|slash(?:es|ed|ing)?|egg(?:s|ed|ing)?|push(?:es|ed|ing)?)"
)

SHAPES = screened(
    # the next one: "you're next", "she's next." (not "next in line", "next up", "next week")
    rf"\b(?:{_YOU_ARE}|(?:he|she)'?s|they'?re|you) next\b"
    r"(?!\s*(?:in|to|up|on|for|at|after|week|year|time|period|class|game|round|turn|door|batter"
    r"|!|\?|,? (?:then|and then)))"
    # it is not over: "this isnt over. not even close", "this ain't over"
    r"|\b(?:this|it) (?:isn'?t|isnt|is not|ain'?t|aint|'s not|s not) over\b"
    r"(?=\s*(?:[.!]*\s*$|[.!,]+ (?:not (?:even close|by a long shot)|you|u|trust|mark|believe"
    r"|watch|just wait)|,? (?:not even close|not by a long shot|by a long shot)))"
    # the wrong one crossed: "you picked the wrong person to mess with"
    r"|\b(?:picked|chose|messed with|messing with|crossed|pissed off|pushed) the wrong"
    r" (?:person|people|family|kid|guy|girl|one|dude|student|parent|mom|dad)\b"
    # the speaker's own reckoning: "i get even", "you won't see me coming"
    r"|\bi (?:always |will |'ll |ll )?get even\b(?=\s*(?:[.!,]|$| with (?:you|u|him|her|them)))"
    rf"|\b{_YOU} (?:won'?t|wont|will not|will never|'ll never|never) see (?:me|us) coming\b"
    r"(?! (?:to|home|back|over|in|out|for|by|at|with))"
    r"|\b(?:i'?m|im|i am) done (?:being|playing) nice\b(?! (?:to|about|with|for) )"
    # a fate with no act: "people like you don't last long", "nobody is going to save you"
    rf"|\b(?:people|kids|snitches|rats|teachers|guys|girls) like {_YOU}"
    r" (?:don'?t|dont|never|won'?t|wont|do not) (?:last|make it|stay)\b(?! (?:in|on|at) )"
    rf"|\b(?:nobody|no one|noone)(?:'s| is)? (?:going to|gonna|can|will|could) (?:save|help"
    rf"|protect) {_YOU}\b(?! (?:a |the |with |from |on |out |find |get |study ))"
    r"|\b(?:your|ur|his|her|their) time(?:'s| is| has)? (?:almost |nearly |about |finally |just"
    r" )?(?:up|running out)\s*(?:[.!]|$)"
    r"|\b(?:only |just )?a matter of time(?: now| for (?:you|u|him|her|them))?\s*(?:[.!]|$)"
    rf"|\b(?:this|it)(?: all)? ends with {_YOU}\s*(?:[.!]|$)"
    rf"|\b{_YOU}(?:'ll| will|'re gonna| are gonna| are going to|'re going to) get (?:yours"
    r"|what'?s yours)\b(?! (?:in|at|when|from|back|by|after|on|with|too|tomorrow|monday|next))"
    rf"|\b(?:{_THIRD})(?:'s| is|'re| are) (?:about to|gonna|going to) (?:learn|find out)\s*"
    r"(?:[.!]|$)"
    # a list and a last look: "they're first on my list", "next time hes the one on the ground"
    r"|\b(?:you'?re|ur|you are|he'?s|she'?s|they'?re|they are|he is|she is|(?:mr|mrs|ms|coach"
    r"|dr)\.? \w+ is) (?:first|next|top|number one|#1) on my list\s*(?:[.!]|$)"
    r"|\b(?:he'?s|she'?s|you'?re|ur|they'?re|it'?s (?:him|her|you)) (?:gonna be |going to be )?"
    r"the one (?:on the (?:ground|floor)|bleeding|in the hospital|in an ambulance)\b"
    r"|\b(?:won'?t|wont|will not) be (?:yelling|screaming|bossing|talking|writing)"
    r"(?: \w+)? (?:at |to )?(?:anyone|anybody|us|me|people|nobody)\b[^.!?]{0,20}"
    r"\b(?:after|again|ever|much longer)\b"
    # the way home known: "i saw where u parked", "funny how you walk home the same way"
    r"|\b(?:i|we) (?:saw|seen|found out|figured out) where (?:you|u|he|she|they|your \w+)"
    r" (?:park|parked|live|lives|sleep|sleeps|stay|stays)\b"
    r"|\b(?:funny|interesting|crazy) how (?:you|u|he|she|they) (?:walk|walks|drive|drives|leave"
    r"|leaves|go|goes|take|takes)\b[^.!?]{0,25}\b(?:same way|same route|alone|by (?:your|him"
    r"|her)sel(?:f|ves))\b"
    r"|\b(?:shame|pity) if (?:your|ur|his|her|their) \w+ (?:wasn'?t|weren'?t|isn'?t) (?:there"
    r"|around)\b"
    r"|\b(?:don'?t|dont|do not|never) get a second (?:warning|chance)\b[^!?]{0,10}\bthis is"
    r" (?:yours|it)\b"
    # the staff made afraid, a regret made: incitement without a verb of harm
    r"|\bmak(?:e|ing) (?:the |all the |every |our |those |these )?(?:\w+ ){0,2}(?:afraid|scared"
    r"|terrified) to (?:show up|come (?:back|in|to)|leave|go home|walk)\b"
    r"|\bmake (?:the |that |this |our )?(?:new )?(?:teacher|coach|counselor|principal|sub"
    r"|driver|bus driver|nurse|lunch lady|monitor|kid|girl|boy|guy) regret (?:coming|ever"
    r"|being|showing|moving|taking)\b"
    rf"|\bshow (?:him|her|them|that \w+) how (?:we|i) (?:feel|really feel)\b"
    r"|\bfear for (?:their|your|ur|his|her) (?:homes?|lives|life|families|family|kids|safety)\b"
    r"|\b(?:picking|pick) (?:your|ur|his|her|their) teeth (?:up )?off\b"
    r"|\bneed (?:a )?new (?:face|teeth|kneecaps)\b"
    # a consequence for a staff member: "one more detention and that teacher is finished"
    r"|\b(?:one more|if|unless|keep)\b[^.!?]{0,60}\b(?:that|the|this) (?:teacher|coach"
    r"|principal|kid|driver|bus driver|counselor|sub|ref|nurse) is (?:done|finished|history"
    r"|toast)\b(?! (?:with|for|at|by|early))"
    # from the other tuning halves: a misfortune wished on a family, a pet or a car, a fate
    # before a holiday, safety that will not help, an address that is public
    r"|\b(?:be|'d be|would be|it'?d be) (?:a )?(?:real |really |very |so )?(?:sad|awful|terrible"
    r"|tragic|a tragedy|shame|pity|too bad) if (?:anything|something) (?:bad )?(?:happened"
    r"|happens|were to happen) to (?:them|him|her|you|u|your|ur|his|their)\b"
    r"|\b(?:be|'d be|would be|it'?d be) (?:a )?(?:real |really |very |so )?(?:sad|awful|terrible"
    r"|tragic|shame|pity|too bad) if (?:the|your|ur|his|her|their|that) [\w' ]{1,30}?"
    r" (?:got out|got hurt|went missing|caught fire|didn'?t|wasn'?t|got loose|got lost"
    r"|disappeared)\b"
    r"|\b(?:won'?t|wont|will not|never) (?:see|make it to) (?:christmas|thanksgiving|summer"
    r"|graduation|retirement|the end of the (?:year|semester)|another \w+)\b[^.!?]{0,30}"
    r"\bif i (?:have anything to (?:say|do) (?:about|with) it|get near|get my hands on|see)\b"
    r"|\bthinks? (?:he'?s|she'?s|they'?re|you'?re|he is|she is|they are|you are) safe\b"
    r"[^.!?]{0,60}[.,;]\s*(?:he'?s|she'?s|they'?re|you'?re|he is|she is|they are|you are) not\b"
    rf"|\b(?:you|they|he|she|everyone|everybody)(?:'ll| will) (?:all )?know it was me\s*(?:[.!]|$)"
    r"|\b(?:(?:the|those|these|your|ur|his|her) )?(?:new )?(?:cameras?|security|guards?"
    r"|resource officers?|sro|police|cops|metal"
    r" detectors?) (?:won'?t|will not|can'?t|cannot) (?:help|save|protect) (?:you|u|him|her"
    r"|them)\b"
    r"|\b(?:you'?d|you would|u'?d) be surprised (?:what|how much) i know(?: now)?\s*(?:[.!]|$)"
    r"|\b(?:ask for|get|hire|bring) (?:a )?police escort\b"
    r"|\b(?:nobody|no one|no cameras|no adults?) (?:around|watching|out) (?:back )?there\b"
    r"[^!?]{0,30}\bjust (?:saying|sayin)\b"
    r"|\bcheck (?:their|your|ur|his|her) cars? before (?:they|you|u|he|she) (?:get in|start"
    r"|drive)\b"
    r"|\bthink (?:real |really |long and |very )?hard (?:about|before) (?:using|coming|showing"
    r" up|walking|going|sitting)\b[^.!?]{0,40}\bagain\b"
    r"|\blast warning before (?:we|i)\b"
    r"|\b(?:won'?t|wont|will not) all be (?:going|coming|walking|making it) home\b"
    r"|\b(?:won'?t|wont|will not) be walking (?:after|by|past"
    r"|come) (?:friday|monday|tuesday|wednesday|thursday|saturday|sunday|this week|the weekend"
    r"|tonight|tomorrow)\b"
    r"|\bwhen (?:nobody|no one)(?:'s| is) around to (?:help|save|protect)\b"
    r"|\bpeople (?:disappear|go missing|get hurt) (?:every day|all the time)\b"
    r"|\b(?:your|ur|his|her) (?:daughter|son|kids?|wife|husband|house|car|truck|family)\b"
    r"[^?]{0,60}\bright\?\s*(?:just (?:making conversation|checking|asking|curious|wondering)"
    r"|🙂)"
    r"|\b(?:addresses|address) (?:is|are) public(?: record| info)?\b"
    r"|\bproperty records are public\b"
    r"|\benjoy (?:walking|driving|going) (?:to (?:your|ur) car |home )?alone\b"
    r"|\bi (?:have|got|made|keep) a list\b[^.!?]{0,30}\b(?:your|ur|his|her) name\b"
    r"|\b(?:nobody|no one|none of (?:you|them|y'?all))(?: \w+){0,8} should feel safe\b"
    # coded and implied: a day told as a dare, a plan timed, a bag packed for a gathering
    r"|\b(?:absent|home|elsewhere|out sick|somewhere else)\b[^.!?]{0,30}\b(?:on |this |next )?"
    r"(?:the \d{1,2}(?:st|nd|rd|th)|monday|tuesday|wednesday|thursday|friday|tomorrow|tmrw)\b"
    r"[^!?]{0,12}\b(?:that'?s|thats) all (?:i'?m|im|i am) (?:saying|gonna say)\b"
    r"|\beverything changes (?:at|on|after|for) (?:[\w':]+ ){0,3}?(?:high|middle|school|monday"
    r"|tuesday|wednesday|thursday|friday|tomorrow|\d{1,2}(?::\d\d)?)\b"
    r"(?![^!?]*\b(?:schedule|bell|lunch|menu|rules?|policy|hours|new)\b)"
    r"|\bnews vans?\b[^.!?]{0,40}\b(?:outside|at|in front of) (?:our|the|this) (?:school|building"
    r"|campus)\b"
    r"|\bcountdown (?:is (?:on|almost over|starting)|has started|begins)\b[^!?]{0,20}\d"
    r"(?![^!?]*\b(?:until|till|til|to|break|summer|vacation|graduation|holiday|weekend|prom"
    r"|days? left|happy|new year|launch|lift ?off|blast ?off|party|birthday)\b)"
    r"|\btimed it(?: out)?\b[^!?]{0,20}\bminutes? from the (?:parking lot|lot|door|doors|gym"
    r"|bus loop|entrance|office)\b"
    r"|\b(?:duffel|duffle|bag|backpack|trunk)(?: \w+){0,2} (?:is )?(?:packed|loaded|heavy)\b"
    r"[^!?]{0,40}\bsee (?:y'?all|yall|(?:you|u)(?: all| guys)?|everyone|every1) (?:at|in)"
    r" (?:the )?(?:assembly|pep rally|graduation|game|prom|school|cafeteria|gym|homecoming"
    r"|dance)\b"
    # a reward for harm: "$100 to anybody who shoves …", "if anyone roughs up …, i got you"
    rf"|(?:\$ ?\d+|\b\d+ (?:bucks|dollars))[^.!?]{{0,30}}\b(?:anybody|anyone|whoever|somebody"
    rf"|someone)(?: who| that)? {_HARM_DONE}\b"
    rf"|\b(?:if|whoever) (?:anyone |anybody |someone |somebody )?{_HARM_DONE}\b[^.!?]{{0,60}}"
    r"\b(?:i got (?:you|u|your back)(?: covered)?|i'?ll (?:pay|cover|owe)|(?:lunch|drinks|pizza)"
    r" on me)\b"
)

# Words that make one of the shapes something else: an exam's clock, a season or a line, a
# game of tag, a complaint to the board, a checklist, a class.
BENIGN = screened(
    r"\b(?:test|exam|quiz|pencils?|timer|minutes|proctor\w*|parking meter|in line|line up"
    r"|batter|tag|season|playoffs?|game|games|shopping|to-?do|bucket list|reading list|wish ?list"
    r"|christmas list|groceries|good luck|break a leg|shirts?|t-?shirts|yearbooks?|certificates?"
    r"|crosswalk|intersection|traffic|speeding|ice|icy|roof|leak\w*|potholes?|blocking|block"
    r"|driveway|fire lane|pick-?up line"
    r"|recipe|raffle|giveaway|prize|winner|sign ?up|lesson|homework|chores?|laundry|dishes"
    r"|diet|workout|gym membership|movie|tv show|episode|book|chapter|retir\w*|celebrat\w*)\b"
)


def possible(text: str) -> bool:
    """Whether a shape of grammar 2.8 may be in ``text`` (a screened search: most comments
    hold none of its words)."""
    return SHAPES.search(text) is not None


# A notice of who will be away, where a bus leaves, when and where a group meets.
_NOTICE = screened(
    r"\b(?:won'?t|wont|will not) be (?:at|in) (?:practice|rehearsal|school|class|the (?:meeting"
    r"|board meeting|banquet|game|assembly|concert|parent meeting|practice|rehearsal"
    r"|conference|tournament|meet|match))\b"
    r"|\b(?:bus|buses|busses|van|vans|shuttle) (?:leaves?|leave|departs?|will (?:leave|depart"
    r"|be (?:about |around )?\d+))\b"
    r"|\b(?:practice|rehearsal|tutoring|dismissal|pick-?up|tryouts|retakes|pep rally|meeting"
    r"|his classes|her classes|(?:\w+ )?period) (?:is|are|will be|starts?|begins?|ends?"
    r"|meets?|moved|cancel\w*) (?:at|in|on|to|today|tomorrow|cancel\w*)\b"
    r"|\b(?:is|are) (?:out (?:sick|all week|today|tomorrow|for)|cancel\w*)\b"
    r"|\bwill be out (?:on )?(?:sick|all week|today|tomorrow|next week|this week|monday|tuesday"
    r"|wednesday|thursday|friday)\b|\ba sub(?:stitute)? (?:will|is going to|is gonna) (?:cover"
    r"|be (?:in|there|here))\b"
    r"|\b(?:reminder|heads up):|\bjust a reminder\b|\bcome say goodbye\b"
    r"|\b(?:last|first) day to (?:pay|sign|turn in|order|register|return)\b"
)


# A request for the school ("can we get more lights in the back lot?") or praise of a staff
# member ("the bus driver deserves a raise"), naming a person, a place and a time.
_REQUEST_OR_PRAISE = screened(
    r"\bcan (?:we|they|you|the (?:district|school)|someone|somebody) (?:please )?(?:get|add|put"
    r"|install|have|hire)\b|\bdeserves? (?:a raise|an award|a medal|a break|better|more)\b"
    r"|\bshout ?out\b|\b(?:bringing|bring|brought) (?:them|her|him|the \w+(?: \w+)?) (?:flowers"
    r"|cookies|donuts|coffee|treats|a card|cards|gifts?|breakfast|lunch)\b"
)


# The everyday reason a notice gives: a day off, a closure, a repair, a trip, a deadline, an
# errand ("don't come to school tomorrow! snow day", "i'd skip the main lot wednesday, it's
# being repaved", "i'll be waiting at the front entrance after practice to pick up my son").
_REASON = screened(
    r"\b(?:snow day|in-?service|teacher (?:work ?day|planning day)|no school|school is closed"
    r"|closed (?:for|due)|repav\w*|paving|construction|(?:band|field|class|choir) trip"
    r"|turf|orientation|spirit (?:lunch|week|day)|deadlines?|(?:is|are) due|college apps?"
    r"|new gym|mural|open house|reading goal|pie in the face|fundrais\w*|balloons"
    r"|pick (?:up )?(?:my|our) (?:son|daughter|kids?|child|twins|boys|girls)(?: up)?"
    r"|(?:being|getting|gets|be) (?:painted|repainted|cleaned|deep cleaned|repaired|renovated"
    r"|fixed|redone|inspected|resurfaced|refinished|waxed|mopped|stripped|sanitized"
    r"|disinfected)|water main|power outage|no heat|heat is out)\b"
)


def notice(text: str) -> bool:
    """Whether ``text`` reads as a notice of who will be away, where a bus leaves or when a
    group meets ("coach won't be at practice friday, the bus leaves at 3"), a request for the
    school or praise of its staff ("the bus driver on route 9 deserves a raise"), or gives an
    everyday reason (a snow day, a repaving, a trip, a deadline, an errand)."""
    return (
        _NOTICE.search(text) is not None
        or _REQUEST_OR_PRAISE.search(text) is not None
        or _REASON.search(text) is not None
    )


# Intra-word apostrophes ("it'd", "i'm", "you're") are no quotation marks.
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def quoted(text: str, start: int, end: int) -> bool:
    """Whether the span sits inside quotation marks (mentioned, not used), as
    :func:`~lanyard.moderation.classifiers.text.quoted` tells it, but with the apostrophes of
    contractions not counted as marks: "the number of 'you're next' comments i get", "a
    message saying 'it'd be a shame if something happened to you'"."""
    before = _APOSTROPHE.sub("", text[:start])
    after = _APOSTROPHE.sub("", text[end:])
    if before.count('"') % 2 == 1 and '"' in after:
        return True
    if before.count("'") % 2 == 1 and "'" in after:
        return re.search(r"(?:^|\s)'[^']*$", before) is not None
    return False


# Idioms read as their meaning before the grammar reads the comment: "you're dead to me",
# "take a stab at it", "took out the trash".
_IDIOMS = re.compile(
    r"\b(?:dead to (?:me|us)|(?:take|takes|taking|took|have|had|make|made) a stab at|fight"
    r" (?:anyone|anybody|whoever) (?:who|that) (?:says|thinks|disagrees|tells)"
    r"|(?:take|takes|taking|took) out the (?:trash|garbage|recycling|compost|bins?|trash (?:bins?"
    r"|cans?)|garbage (?:bins?|cans?)))\b"
)
_IDIOM_WORDS = ("dead to", "a stab at", "out the", "fight any", "fight who")


def unidiom(text: str) -> str:
    """``text`` with its idioms replaced by the word "idiom" (the threat grammar reads it so)."""
    if not any(w in text for w in _IDIOM_WORDS):
        return text
    return _IDIOMS.sub(lambda m: "idiom", text)
