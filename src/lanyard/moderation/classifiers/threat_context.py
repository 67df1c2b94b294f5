"""Two look-alikes every threat path can flag: a past incident told as news, and an angry
complaint whose consequence is a vote, a job lost, a lawsuit or a complaint. Both are asked
for review, not escalated.

Parents and neighbours write about what already happened: "two years ago someone threatened
to shoot up marston high and the police caught him the same day", "the teacher who was
punched at glenhollow last year testified today", "last fall a student was found with a
knife in his backpack. nobody was hurt thankfully". Each path to a threat flag can read such
a comment as a threat (the grammar's reported threat, its threat model's second reading, the
sentence stage), and the grammar's own news exclusion knows only some verbs of the past.

:func:`past_incident` is read once, after every stage, and only for a comment flagged as a
threat or a safety danger (most comments never reach it). It names the words that put the
comment in the past (a time gone by, an arrest, a sentence, a trial) where the comment also
holds nothing that points ahead or at a reader: no future or warning word ("will",
"gonna", "next", "again", "watch", "just saying"), no "you", no wish or "should" aimed at a
person ("hope he rots", "should be shot" stay threats), no question, and no self-harm. The
classifier then only asks for review (:mod:`lanyard.moderation.classifier`). Quoted words
are left out first, so a threat quoted to condemn it ("'you're next' was written on…") does
not count as the comment's own future.

:func:`civic_consequence` names the civic or official means of an angry complaint ("there will
be consequences at the ballot box", "his days as coach are numbered if parents keep
complaining", "you will all be voted out in november", "should all be fired"), or the blame for
a hazard laid on the district ("someone is going to get killed and it will be on the
district", "a menace behind the wheel"), where the comment names no weapon and no harm the
speaker will do ("i'll", "we'll", "im gonna" before a verb of harm). The same words with a
threat ("vote yes and dont expect to make it to your cars") have no such means and stay
threats.

Written from the look-alikes of ``team_labeled_15.csv`` and the team sets' tuning rows;
never from an evaluation set.

:func:`reported_quote` names the third: words quoted to report, debunk or condemn them ("the
rumor about 'something big happening tuesday' was checked by police. there is no threat",
"whoever said the lunch ladies 'have it coming' needs help. this was reported"). The sentence
stage reads the quoted words as if the comment meant them; a comment it alone flagged that
way only asks for review (``team_labeled_17.csv``'s tuning half).
"""

from __future__ import annotations

import re

from lanyard.moderation.classifiers.screen import screened
from lanyard.moderation.classifiers.threat import WEAPON_RE

# A time gone by, or the end of a past incident (an arrest, a sentence, a trial).
_PAST = screened(
    r"\b(?:(?:\d+|a|one|two|three|four|five|six|ten|few|couple(?: of)?|many) (?:years?|months?"
    r"|weeks?|days?) ago|years ago|a while ago|long ago|last (?:year|spring|fall|autumn"
    r"|winter|summer|month|week|night|semester|school year|season|friday|monday|tuesday"
    r"|wednesday|thursday|saturday|sunday)|yesterday|earlier this (?:year|month|week)"
    r"|back in (?:19|20)?\d\d|in (?:19|20)\d\d|(?:was|were|got|been) (?:sentenced|arrested"
    r"|charged|convicted|expelled|caught|found guilty|banned for life|identified)"
    r"|pleaded|testified|sentenced to|the (?:trial|hearing|court case|settlement|lawsuit)"
    r"|turned out to be|(?:was|were) (?:stabbed|shot|killed|attacked|assaulted|injured"
    r"|wounded|murdered|punched|beaten))\b"
)
# Anything that points ahead, at a reader, or makes a wish: the comment may be a threat.
_AHEAD = re.compile(
    r"\b(?:will|wont|won'?t|'ll|ll|gonna|gon|going to|about to|next|tomorrow|tonight|soon"
    r"|again|this (?:time|year|week|friday|monday|weekend)|until|till|or else|better"
    r"|watch (?:out|your|ur|yourself|it|me|this|what)|(?:just )?wait (?:and|till|until|for)"
    r"|coming|you|u|ur|your|youre|ya|yall|y'?all|just saying|same thing"
    r"|what happened to|remember what|be next|hope|wish|(?<!one )(?<!nobody )should"
    r"|deserves?|ought|needs? to"
    r"|i'?m|im|i am|i want|i wanna|i feel|i can'?t|we'?re|with me|(?:do|does)n'?t get to"
    r"|(?:do|does)nt get to|not leaving"
    # the speaker as the actor ("i followed the vice principal home last night"), a clock
    # time or a start ahead ("packed the ammo last night, assembly starts at 9:30")
    r"|i|we|starts?|begins?|\d{1,2}:\d\d|\d{1,2} ?(?:am|pm))\b|\?"
)
# Wishes that are no harm ("hope he gets justice", "hope everyone is okay").
_KIND_WISH = re.compile(
    r"\bhope (?:\w+ ){0,3}(?:gets? justice|is (?:okay|ok|safe|alright|all right|doing)"
    r"|are (?:okay|ok|safe|alright|all right|doing)|heals?|recovers?|feels? better"
    r"|gets? (?:help|better|the help))\b"
)
# "my last week", "their last day": a possessive before "last" names a time to come.
_OWNED = re.compile(r"\b(?:my|your|ur|his|her|their|our|its|the)\s+$")
_QUOTED = re.compile(r"\"[^\"]{1,200}\"|“[^”]{1,200}”|(?<!\w)'[^']{1,200}'(?!\w)")
_SELF_HARM = re.compile(
    r"\b(?:myself|suicid\w*|kill (?:him|her|them)self|self[- ]harm|end(?:ed)? (?:it|my life)"
    r"|took (?:his|her|their) (?:own )?life|overdos\w*)\b"
)


def past_incident(norm: str) -> str | None:
    """The words that place the comment in a past incident, where it points at nothing to
    come (see the module's docstring); else None."""
    found = _PAST.search(norm)
    if found is None:
        return None
    if _OWNED.search(norm[: found.start()]):
        return None  # "my last week on earth", "your last day": a time still to come
    rest = _QUOTED.sub(" ", _KIND_WISH.sub(" ", norm))
    if _AHEAD.search(rest) or _SELF_HARM.search(norm):
        return None
    return found.group(0)


# The consequence is a vote, the law, a complaint or the press; or a hazard's blame is laid.
_CIVIC = screened(
    r"\b(?:at the (?:ballot box|polls|voting booth|next (?:election|board election))"
    r"|(?:be|get|getting|are|were) voted out|vote (?:you|them|him|her|every one of you|all of"
    r" you|the whole board) out|recall (?:election|petition|the board)|(?:a|my|our) (?:lawyer"
    r"|attorney)|lawsuit|(?:will|'ll|gonna|going to) sue|(?:if|when|as) parents keep"
    r" complaining|formal complaint|file a complaint|(?:days|time|career) as (?:a |the |our )?"
    r"(?:coach|principal|superintendent|teacher|board member|ad|athletic director)"
    r"|(?:it|that)(?:'ll| will) be on (?:the district|the school|the board|you|them)"
    r"|blood (?:will be |is )?on (?:your|their|the board'?s|the district'?s) hands"
    r"|(?:drives?|driving) (?:way )?too fast|speeding|behind the wheel|reckless\w*"
    # a vote to come, a job lost, a school emptied
    r"|we vote|vote (?:in|this) (?:may|november|april|march|june|the fall|the spring)"
    r"|(?:be|get|got|all be|were) (?:fired|replaced|removed)(?! (?:at|on|upon|shots?)\b)"
    r"|lose (?:their|his|her|your) jobs?|a new job|put on leave"
    r"|enrollment|property values|test scores)\b"
)
# The speaker's own harm to come: "i'll hurt", "we're gonna make them bleed".
_OWN_HARM = re.compile(
    r"\b(?:i|we|imma|ima)(?:'ll|ll| will| am gonna| m gonna|'m gonna|m gonna| am going to"
    r"|'m going to|'re gonna|re gonna| are gonna) (?:\w+ ){0,2}(?:kill|hurt|shoot|stab|beat"
    r"|burn|bleed|end|get|find|make (?:them|him|her|you) (?:bleed|pay|suffer|regret))\b"
    # harm wished or asked of someone else: "i hope someone runs mr. okafor over"
    r"|\b(?:hope|wish|someone|somebody|anybody|anyone|whoever) (?:\w+ ){0,3}(?:runs?|kills?"
    r"|hurts?|shoots?|stabs?|beats?|hits?|jumps?)\b|\b(?:hope|wish) (?:\w+ ){0,3}(?:dies|die)\b"
)


def civic_consequence(norm: str) -> str | None:
    """The civic, legal or official means of an angry complaint, or a hazard's blame laid on
    the district, where the comment names no weapon and no harm the speaker will do (see the
    module's docstring); else None."""
    found = _CIVIC.search(norm)
    if found is None or WEAPON_RE.search(norm) or _OWN_HARM.search(norm):
        return None
    return found.group(0)


# A threat's words inside quotation marks: the comment talks about a threat ("teach your
# kids that "im gonna kill you" in a group chat can get them expelled").
_QUOTED_THREAT = re.compile(
    r"\b(?:kill|shoot|shot|stab|hurt|bomb|gun|knife|dead|die|next|watch your back|regret"
    r"|pay|gonna|going to|will|'ll|ll|last (?:day|week))\b"
)


def quotes_a_threat(norm: str) -> bool:
    """Whether a quoted stretch of the comment holds a threat's words: a cue word elsewhere
    in it then does not lower the sentence stage's bar (the stage reads the quote as if it
    were meant)."""
    return any(_QUOTED_THREAT.search(m.group(0)) for m in _QUOTED.finditer(norm))


# What a comment does with the words it quotes: reports them, debunks them, condemns them.
_REPORTED = re.compile(
    r"\b(?:rumou?rs?|hoax|no (?:credible |real |actual )?threat|not a (?:real |credible )?threat"
    r"|(?:was|were|been|got|has been|have been) (?:checked|investigated|looked into|handled"
    r"|cleared|reported|traced)|stop (?:spreading|sharing|reposting)|(?:don'?t|dont|do not)"
    r" (?:share|repost|spread)|needs? (?:help|counseling)|is sick|not (?:a joke|funny)"
    r"|reported|report (?:it|this|them|that)|tip line|safe2tell|(?:called|told|contacted)"
    r" (?:the )?(?:police|office|principal|school|sro|cops|911))\b"
)
# The poster's own words around the quote still threaten: their own harm, a weapon.
_OWN_HARM_AROUND = re.compile(
    r"\b(?:i|we|imma|ima)(?:'ll|ll| will| am gonna|'m gonna|m gonna| am going to|'m going to"
    r"|'re gonna| are gonna) |\b(?:you'?re|ur|you are|y'?all are) next\b"
)


def reported_quote(norm: str) -> str | None:
    """The words with which a comment reports, debunks or condemns what it quotes (a quoted
    stretch of two words or more), where its own words around the quote name no weapon and
    no harm the poster will do; else None."""
    quotes = [m for m in _QUOTED.finditer(norm) if len(m.group(0).split()) >= 2]
    if not quotes:
        return None
    rest = _QUOTED.sub(" ", norm)
    if WEAPON_RE.search(rest) or _OWN_HARM_AROUND.search(rest):
        return None
    found = _REPORTED.search(rest)
    return found.group(0) if found is not None else None
