"""Which comments the sentence-embedding threat stage reads although the grammar saw no harm.

Implied, group and coded threats name no act ("the whole 3rd period will pay", "something
big is going to happen at the high school tomorrow, stay home", "🔫 friday", "pulling up with
the strap"), so the threat grammar (:mod:`~lanyard.moderation.classifiers.threat`) gives them
no signal and the sentence stage, which reads only what the grammar left unsettled, never
sees them. :func:`cue` is the cheap test that sends such a comment to the stage anyway: a
fate foretold for a group or a place, a warning to stay away, knowledge of someone's
movements, a weapon in slang or emoji, a school shooting named as a plan. Most comments hold
none of its words (the pattern is screened), so the encoder's cost stays on the few that do;
the stage, not the cue, decides whether the comment is a threat.

:func:`hyperbole` names the look-alikes the stage must not flag, whatever it reads: harm
wished on the speaker ("my mom is going to kill me"), on the speaker's own family over a
chore ("I'm going to strangle my son if he loses his retainer"), and a joke ("lol", "😂")
with no weapon in it. The grammar treats them the same way.
"""

from __future__ import annotations

import re

from lanyard.moderation.classifiers import threat_idioms
from lanyard.moderation.classifiers.screen import screened

# Words that, with nothing the grammar calls harm, still make a comment worth reading as a
# possible threat. Written from the kinds missed in the tuning halves of the team sets
# (``team_labeled_6.csv`` to ``team_labeled_8.csv``); never from an evaluation set.
_CUE = screened(
    # weapons and death in emoji
    r"[\U0001F52B\U0001F52A\U0001F4A3\U0001F9E8\U0001F4A5\U0001F480\u2620\U0001FAA6\U0001FA78"
    r"\U0001F608\u26B0]"
    # weapons and shooting in slang
    r"|\b(?:strap|strapped|blick\w*|choppa|switch on me|the pole|the stick|the piece"
    r"|packing|packin|heat on me|loaded|rounds|body count|bodies|catch(?:ing)? a body"
    r"|opps?|smoke (?:him|her|them|that|u|you)|air (?:it |the \w+ )?out|slid(?:e|ing) on"
    r"|clap(?:ped)? (?:him|her|them|u|you|some|that|mr|ms|mrs|coach)|get(?:ting)? clapped"
    r"|murk\w*|spray(?:ing)? (?:the|up|it)|shooters?|trench ?coat|pressure cooker"
    r"|gasoline|gas can|pipes and powder|powder|fuses?"
    r"|columbine|sandy hook|parkland|uvalde|virginia tech)\b"
    # a fate foretold, for a person, a group or a place
    r"|\b(?:will|gonna|going to|'ll|is|are) (?:all )?(?:pay|regret|be sorry|learn|find out"
    r"|see|get what)\b"
    r"|\bwhat(?:'s| is) coming\b|\bdays are numbered|\bcount (?:your|their|ur) days"
    r"|\bwon'?t (?:be (?:laughing|smiling|around|here|teaching|coaching|coming back)"
    r"|make it|see (?:the|another|summer|graduation)|know what hit|forget)"
    r"|\b(?:last (?:day|week|month|time)|say goodbye|make peace|memorial|crime scene"
    r"|body bags?|on the news|national news|trending|the flag|empty (?:desks|seats|chairs)"
    r"|statistic|famous|know my name|remember (?:me|my name)|nobody (?:forgets|will forget"
    r"|walks|gets to|is safe|in (?:that|this|the))|no one is safe|not safe|fewer (?:people|kids"
    r"|students)|quiet|changes everything|your turn|with me|coming down|in flames|burn"
    r"|been warned|final warning|bad day|first ones?|something (?:big|bad|permanent|special)"
    r"|one way or another|permanent\w*|for good)\b"
    # stay away
    r"|\b(?:stay (?:home|away|out)|don'?t (?:come|be|go|show up)|dont (?:come|be|go)"
    r"|skip (?:school|class|\w+ period)|if (?:u|you) (?:like|want|wanna) (?:living|to live|see)"
    r"|wanna see (?:summer|tomorrow|graduation)|alive|survive)\b"
    # knowing someone's movements
    r"|\b(?:(?:i|we) know (?:where|which|what|when|your|how)|been watching|watching (?:you|u"
    r"|her|him|them|how)|parked outside|(?:i|we) have (?:photos|pictures|addresses|a list)"
    r"|a list|on (?:it|my list)|names written|see (?:you|u) soon|real soon|accidents?"
    r"|lock (?:your|his|her|their) doors|over (?:your|his|her|their) shoulders?|one eye open"
    r"|long drive|dark road|alone)\b"
    # plans against someone
    r"|\b(?:what happens when|too far|capable of|dealt? with|take care of|handle (?:her|him"
    r"|them|it)|a lesson|make (?:them|him|her|you|u) (?:pay|bleed|hurt|suffer)|bleed|suffer"
    r"|whoever|stops? breathing|safely|in the ground|make sure of it|here i come|not for long"
    r"|would hate for|get hurt|(?:the|my) plan|right day|just run|it'?s happening|what it'?s for"
    r"|my aim|the range|smash\w*|slash\w*|drag \w+|a match|asking for it|earned it"
    r"|whatever happens|pulling up|the switch|where (?:\w+ ){0,3}lives?|(?:your|ur) (?:daughter"
    r"|son|kids?|wife|husband)"
    # grammar 2.7's kinds, from the tuning halves: the staff as a group, dares, conditions,
    # the way home known, a plan hinted at
    r"|(?:has|have|had|got) it coming|no (?:idea|clue) what|(?:not going to|not gonna|won'?t"
    r"|wont|ain'?t gonna) like|come back with|consequences|following (?:you|u|him|her|them)"
    r"|lights on|help me (?:jump|beat|hurt|fight|get|corner|rush)|(?:don'?t|dont) bring (?:your"
    r"|ur)|look like this|it'?s not a (?:cheer|joke|prank|drill)|better (?:hope|pray)"
    r"|run into me|watch(?:ing)? (?:out|(?:your|ur|their|his|her) backs?)|the hard way"
    r"|deserves? (?:whatever|what'?s)|(?:i'?m|i am|we'?re) planning|for different reasons"
    r"|(?:my|a|the) (?:bat|brick|crowbar|hammer|machete|lighter)|(?:he|she|they) earned"
    r"|(?:very )?short (?:graduation|ceremony|assembly|school year)|stop(?:s)? being the one"
    # and from the stage's own set (team_labeled_12.csv): a fate with a deadline, a day to be
    # elsewhere, gear and a plan made ready
    r"|borrowed time|(?:one|a|two) (?:week|day)s? left|good to know|(?:^|\. )noted"
    r"|somewhere else|every channel|headlines|goodbyes|be sick that day|(?:a|my|the) vest"
    r"|scope|every exit|the exits|enough for everyone|heavier than usual|everything i need"
    r"|lock the doors|remember the date|no clue|a memory by|worst mistake of|get (?:hers|his"
    r"|theirs)|learn (?:their|his|her|your) place|before it'?s too late|or else"
    r"|make sure nobody|security system|no cameras|your wife|ur wife|just in case"
    # from team_labeled_14.csv: time left to enjoy, a fate soon, the wrong person
    r"|while (?:it lasts|(?:you|u|ya|y'?all) (?:still )?can)|very soon|not even close"
    r"|sweet dreams|(?:you'?ll|you will|u'?ll) need (?:them|it)\s*[.!]*$|just checking"
    r"|taking (?:people|them|everyone|some) with|nobody gets|no one gets|if (?:they|you|u"
    r"|he|she|anyone|anybody|somebody|someone) [^.!?]{0,60}(?:nobody|no one|everyone|people"
    r"|watch|see what|coming (?:back|for)|taking|sorry|pay))\b"
)

# Harm wished on the speaker ("my mom is going to kill me"), on the speaker's own family over
# everyday things ("I'll kill my husband if he forgets the cupcakes"), or said with a laugh.
_HARM_WORDS = (
    r"(?:kill|murder|shoot|strangle|throttle|choke|wring|skin|destroy|bury|beat|end|ground"
    r"|have my head|flip|freak)"
)
_ON_ME = re.compile(
    rf"\b(?:is|are|'s|'re|will|'ll|gonna|going to|gon|about to) (?:\w+ )?{_HARM_WORDS}\w* "
    r"(?:me|us)\b(?! (?:and|or))"
)
_FAMILY = (
    r"(?:my|our) (?:son|sons|daughter|daughters|kid|kids|child|children|husband|wife|hubby"
    r"|mom|mother|dad|father|brother|sister|twins|boys|girls|teen|teenager|grandma|grandpa"
    r"|family)"
)
_ON_FAMILY = re.compile(
    rf"\b(?:kill|murder|strangle|throttle|choke|wring|shoot|skin|sell)\w* {_FAMILY}\b"
    rf"|\b{_FAMILY}(?:'s)? neck\b"
)
_HEDGED = re.compile(
    r"\b(?:i|we) (?:could|can|would|swear i'?ll|swear ill) (?:\w+ )?(?:kill|strangle|throttle"
    r"|murder|choke) (?:whoever|the next|anyone who|the person)\b"
)
_LAUGH = re.compile(r"\b(?:lol|lmao|lmfao|haha\w*|jk|just kidding)\b|😂|🤣|😅|😆")
_WEAPON = re.compile(
    r"\b(?:guns?|rifles?|pistols?|glocks?|shotguns?|ar-?15|knife|knives|bombs?|strap|blicky"
    r"|ammo|bullets?)\b|[\U0001F52B\U0001F52A\U0001F4A3\U0001F9E8]"
)
WEAPON_RE = _WEAPON  # a weapon named, in words or emoji (read by :mod:`threat_coded` too)


# The cues that seldom mean anything else (a weapon in emoji, "body count", "days are
# numbered", "you'll pay for", "I know where"): the stage may flag them at a lower probability.
_STRONG = screened(
    r"[\U0001F52B\U0001F52A\U0001F4A3\U0001F9E8\u2620\U0001FAA6\U0001FA78]"
    r"|\b(?:columbine|sandy hook|parkland|uvalde|virginia tech|body count|catch(?:ing)? a body"
    r"|bodies|crime scene|body bags?|memorial|say goodbye|make peace|days are numbered"
    r"|count (?:your|their|ur) days|won'?t see (?:the|another|summer|graduation)"
    r"|if (?:u|you) (?:like|want|wanna) (?:living|to live)|wanna see (?:summer|tomorrow)"
    r"|(?:will|gonna|going to|'ll) (?:all )?(?:pay(?! \$| \d| a | the | for (?:the|their|a|lunch"
    r"|tickets))|regret|be sorry)|what'?s coming|get what (?:they|he|she|you|u)"
    r"|strapped|the strap|blick\w*|choppa|pressure cooker|pipes and powder|trench ?coat"
    r"|been warned|final warning|(?:nobody|no one) is safe|taking (?:people|them|everyone|some)"
    r" with|(?:nobody|no one) gets to|(?:i|we) know (?:where|which|what|when)|been watching"
    r"|parked outside|one eye open|over (?:your|his|her|their) shoulders?"
    r"|lock (?:your|his|her|their) doors|dark road|stops? breathing|in the ground|not for long"
    r"|would hate for (?:\w+ ){1,3}(?:get|be) hurt|whoever (?:\w+ ){0,3}(?:smash|slash|bleed"
    r"|break|beat|hurt|kill|shoot|stab)\w*|make (?:\w+ )?bleed)\b"
)


# What a cue word means elsewhere: sport against a rival ("they won't know what hit them
# Friday, go Hawks 🏈"), good news and thanks, a neighbor's visit, a drill or a closure
# announced, traffic ("the kids are not safe at that intersection"). A comment holding one of
# these is not read on a cue alone.
_LOOKALIKE = screened(
    r"[\U0001F3C8\U0001F3C0\u26BD\u26BE\U0001F3D0\U0001F3D2\U0001F389\U0001F393]"
    r"|\b(?:go [a-z]+s|scoreboard|playoffs?|tournament|varsity|jv|refs?|rivalry|game day"
    r"|season|congrat\w*|proud|thank\w*|welcome|neighbou?r\w*|casserole|dropping off"
    r"|fundrais\w*|sign ?ups?|field trip|picture day|holiday|in-service|closed|drill"
    r"|diplomas?|graduates|class of|flu|sick|covid|virus|snow|weather|retir\w*|farewell"
    r"|maternity|baby shower|sign (?:his|her|their|the) card|arrested|pleaded guilty|sentenced"
    r"|convicted|charged with|intersection|crosswalk|crossing guard|traffic|speeding)\b"
)


def cue(norm: str) -> tuple[str, bool] | None:
    """The words that make a comment without any grammar signal worth the sentence stage,
    and whether they are a strong cue; None where there are none or the comment reads as a
    look-alike (sport, good news, a neighbor, a drill)."""
    m = _CUE.search(norm)
    if m is None or _LOOKALIKE.search(norm) or threat_idioms.notice(norm):
        return None
    strong = _STRONG.search(norm)
    return " ".join((strong or m).group(0).split()), strong is not None


# Self-harm said without the grammar's words: things given away, letters and notes, a last
# post, a method or a place found, not being around, a burden, an ending. A comment with one of
# these (or a self-harm score from the first stage) is read by the stage, which must reach its
# own bar (``flag_at``): "i'm so tired, been up since 5 for swim" or "gave my dog to the
# neighbor for the band trip" use the same words. Written from the team sets' tuning halves.
_SELF_HARM = screened(
    r"\b(?:won'?t (?:be )?(?:needing|need|around|here)|not (?:be )?around(?! to)|goodbye"
    r"|good bye|last (?:post|week on earth|night on earth)|letters? to|my (?:will|note)"
    r"|made (?:my )?peace|ready to go|end (?:it|it all|my life|things|the pain)|it ends"
    r"|make (?:the|it) (?:pain )?stop|pills|meds|rope|bridge|roof|overpass|burden"
    r"|better off without|disappear\w*|wake up|no (?:reason|point)|can'?t (?:do this|go on"
    r"|take (?:it|this))|anymore|done (?:waiting|trying)|tired of (?:living|being|everything)"
    r"|gave (?:away|my)|giving away|finish(?:es)? the job|nobody (?:would|will) (?:notice|care"
    r"|miss)|(?:the|my) (?:tallest|highest))\b"
)


def self_harm(norm: str) -> str | None:
    """The words that make a comment worth the sentence stage as a possible self-harm signal
    said indirectly; None where there are none."""
    m = _SELF_HARM.search(norm)
    return " ".join(m.group(0).split()) if m else None


def family_hyperbole(norm: str) -> bool:
    """Harm wished on the speaker or on the speaker's own family, no weapon named."""
    if _WEAPON.search(norm):
        return False
    return bool(_ON_ME.search(norm) or _ON_FAMILY.search(norm) or _HEDGED.search(norm))


def hyperbole(norm: str) -> bool:
    """Harm wished on the speaker, on the speaker's family over a chore, or said in jest
    without a weapon: the sentence stage may not flag it."""
    if _WEAPON.search(norm):
        return False
    return family_hyperbole(norm) or bool(_LAUGH.search(norm))
