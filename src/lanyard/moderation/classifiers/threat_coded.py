"""Coded threats against a school and threats against a group (grammar 2.9).

Coded threats name no act of harm the grammar knows: a warning to stay away from a school, a
period or an event ("idk who needs to hear this but skip 3rd lunch tmrw", "tell ur brother to
stay home wednesday. im not playing"), a bad day or a scene foretold for a place ("the east
hallway getting sprayed tomorrow", "the gym is gonna be a war zone at noon"), a weapon in slang
brought to a class ("bringing the heater to 5th period"), a last bell for many. Threats against
a group name a grade, a team, a club, a class period, the staff of a department, a religion or
an origin, with a fate and no verb the grammar reads as harm to a person ("every teacher on
the second floor has it coming", "all of you in the spanish club are finished. tuesday",
"the asian kids in ap chem are my first targets").

:data:`SHAPES` holds those shapes; the threat grammar
(:mod:`~lanyard.moderation.classifiers.threat`) reads them with the exclusions of its other late
shapes (negation, quotation, counter-speech, past news, a question, sport, games, the stage,
hunting), and :func:`benign` names their own look-alikes: a notice with an everyday reason
("don't come to school friday, it's a teacher workday", "stay out of the b wing, it's being
painted"), good news for the same groups ("every junior is gonna get their parking pass
monday"), a contest ("first period pe is getting smoked by the mile run"), a game.

Written from the misses and false flags of ``team_labeled_17.csv``'s tuning half and of the
other team sets' tuning rows; never from an evaluation set.
"""

from __future__ import annotations

import re

from lanyard.moderation.classifiers import threat_idioms
from lanyard.moderation.classifiers.screen import screened
from lanyard.moderation.classifiers.threat_cues import WEAPON_RE

_YOU = r"(?:you|u|ya|y'?all|yall|you all|you guys|u guys)"
_DAY = (
    r"(?:today|tonight|tomorrow|tmrw|tmr|tmrrw|tomoro|monday|tuesday|wednesday|thursday|friday"
    r"|mon|tues|wed|thurs|fri|next week|this week|after lunch|at lunch|after school|before school"
    r"|at noon|this morning|in the morning|(?:monday|tuesday|wednesday|thursday|friday) morning"
    r"|on the \d{1,2}(?:st|nd|rd|th)|the \d{1,2}(?:st|nd|rd|th)|\d{1,2}:\d\d)"
)
# A part of a school, a school day or a school event (a school's own name is not known here).
_SPOT = (
    r"(?:school|campus|class|classes|classroom|room \d+|cafeteria|caf|commons|lunchroom|library"
    r"|gym|auditorium|courtyard|bleachers|parking lot|bus loop|bus \d+|locker room|band (?:room"
    r"|hall)|front office|(?:east|west|north|south|main|upstairs|downstairs|\w) (?:hall|hallway"
    r"|wing)|(?:\w+ )?(?:hallway|wing)|(?:1st|2nd|3rd|4th|5th|6th|7th|8th|first|second|third"
    r"|fourth|fifth|sixth|seventh|eighth) (?:period|hour|block|lunch)|(?:\w+ )?period"
    r"|homeroom|advisory|study hall|assembly|pep rally|homecoming|prom|graduation|the game"
    r"|(?:\w+ )?(?:high|middle|elementary)(?: school)?)"
)
# Said to make a warning a threat: a secret kept, a tip, a last warning, a dare.
_MENACE = (
    r"(?:trust(?: me)?|ask around|just (?:a )?(?:friendly )?(?:tip|saying|sayin)|(?:last|final"
    r"|fair|only) warning|(?:you'?ve|you have|y'?all|yall|you|u) been warned|(?:i'?m|im|i am) not"
    r" (?:playing|joking|kidding|saying why)|not (?:saying|gonna say|telling) why|(?:don'?t|dont"
    r"|do not) ask(?: why)?|(?:that'?s|thats) all (?:i'?m|im) (?:saying|gonna say)"
    r"|(?:you'?ll|youll|ull|u'?ll|y'?all'?ll) (?:see|need (?:em|them|it)|thank me)"
    r"|if (?:you|u) (?:value|love|like|care about|want to see|wanna see) |if (?:you'?re|your|ur"
    r"|u r|you are) smart|who needs to hear this|for (?:your|ur) own good|mark my words"
    r"|you didn'?t hear (?:it|this) from me|remember (?:i|who) (?:said|told)|if i (?:were|was)"
    r" (?:you|u)|(?:i'?m|im|i am) (?:serious|dead serious)|deadass|i mean it|(?:you'?ve|you have"
    r"|u) been told|if (?:you|u|they|he|she) knows? what'?s good(?: for (?:you|u|them|him|her))?"
    r"|(?:don'?t|dont|do not) say (?:i|nobody|no one) (?:didn'?t |didnt |never )?warn(?:ed)?"
    r"|just (?:don'?t|dont)\b|not saying (?:anything|more|nothing)|iykyk|if you know,? you know"
    r"|🤫|😈|👀|🤐)"
)
_NOT = r"(?:don'?t|dont|do not|better not|shouldn'?t|wouldn'?t|would not|should not)"
_STAY_AWAY = (
    rf"(?:skip|avoid|stay (?:home|(?:far |very far |the hell |tf )?away|out)(?: (?:of|from))?"
    rf"|{_NOT} (?:come|go|show up)"
    rf"(?: (?:to|in|at|on))?|{_NOT} (?:be|sit|stand|hang out|eat) (?:in|at|on|near|around)"
    rf"|{_NOT} (?:ride|take|get on)|call in sick|be (?:sick|absent|somewhere else)"
    r"|not the day to (?:show up|come|be)|(?:pick|choose|find) (?:a )?(?:different|another) day"
    r" to (?:come|show up|be)"
    r"|(?:keep|pick up) (?:your|ur) (?:\w+ ){0,2}(?:kids?|brother|sister|son|daughter) home)"
)
# A fate for a place: lit up, aired out, sprayed, emptied; a scene, a war zone, a memorial.
_PLACE_DOOM = (
    r"(?:(?:get|gets|getting|got|be|is|'s) (?:lit up|aired out|sprayed(?: up)?|shot up|cleaned"
    r" out|emptied(?: out)?|wiped out|what it deserves|what'?s coming(?: to it)?)"
    r"|(?:is|will be|gonna be|going to be|'s gonna be|becomes?|turns? into|turning into) (?:a"
    r" )?(?:real )?(?:crime scene|war ?zone|memorial(?: page)?|graveyard|bloodbath|body count"
    r"|target practice|shooting gallery)(?! for (?:our|my|your|the) (?:wallets?|grades|gpa))"
    r"|(?:gonna|going to|will|'ll) rain (?:lead|bullets)|makes? the (?:news|headlines)"
    r"|(?:won'?t|wont|will not) look the same after|(?:is|'s|will be|gonna be|going to be) (?:one"
    r" )?for the (?:history books|news|headlines))"
)
# Slang for a gun, brought or carried to a part of a school or on a day.
_SLANG_GUN = (
    r"(?:the|my|a|his|her|our|(?:\w+'?s)) (?:stick|blick\w*|heater|piece|pole|iron|strap|choppa"
    r"|draco|glizzy|glick|toolies?|burner|gat|30|extendo|switch|deer rifle|rifle|shotgun|9)"
)
_GROUP_NOUN = (
    r"(?:kids?|students?|juniors?|seniors?|sophomores?|freshm[ae]n|(?:[1-8](?:st|nd|rd|th)|sixth"
    r"|seventh|eighth) grade(?:rs)?|graders|grade|class|team|squad|club|crowd|friend group|table"
    r"|period|members|teachers?|staff|custodians|janitors|lunch ladies|counselors|refs|board"
    r" members|families|cheerleaders|nerds|band|council|society|monitors|drivers|players|girls"
    r"|boys|guys|people|roster|choir|orchestra|cheer team|class of \d+|everyone|everybody)"
)
# Every, all, the whole: a group marked as one.
_EVERY = (
    r"(?:every(?: single| last)?(?: one of)?(?: the| those| them| these)?|all(?: of)?(?: the"
    r"| those| them| these| you| u| y'?all| yall)?|the (?:whole|entire)|each and every(?: one"
    r" of)?(?: the| those)?|that whole|those|everyone (?:in|on|at)|everybody (?:in|on|at))"
)
# Menace no good news shares: a life or a safety said to be ending.
_MENACE_FATE = (
    r"(?:(?:days|time) (?:are|is) (?:numbered|running out|almost up|up)|(?:are|is|'re|r) not safe"
    r"(?! (?:to|for|on|in|at|crossing|walking|driving|because|since|with))"
    r"|(?:won'?t|wont|will not) be safe(?! (?:to|for|on|in|at|crossing|walking|driving|because"
    r"|since|with|unless|if))|(?:have|has|'ve) been warned|(?:will|'ll|gonna|going to|are gonna"
    r"|are going to) (?:all )?(?:be dealt with|be taken care of|suffer|disappear|pay the price"
    r"|get what (?:they|you) deserve)|(?:won'?t|wont|will not) be around (?:much |for )?(?:longer"
    r"|long)|(?:won'?t|wont|will not) see (?:summer|graduation|christmas|another (?:week|day"
    r"|month|year)))"
)
_GROUP_FATE = (
    rf"(?:{_MENACE_FATE}|(?:(?:had |'d )?better (?:hide|run|watch out|watch (?:their|your"
    rf"|ur) backs?|pray|start"
    r" (?:praying|running|saying (?:their |your )?goodbyes?)|say (?:their|your|ur) goodbyes"
    r"|lock (?:themselves|yourselves|their doors)|enjoy (?:their|your|ur|the) (?:last|rest)"
    r"|stay home|not (?:come|show up)|be (?:scared|afraid|absent))"
    r"|(?:is|are|'re|'s|r) (?:so |all )?(?:finished|marked|cooked|dead|next)\b(?! (?:with|for"
    r"|by|at|in|on|to|early|up|out|cooking))"
    r"|(?:is|are|'re|'s|r) (?:so |all )?done\b(?! (?:with|for|by|at|in|early|up|out))"
    r"(?=[.!]*\s*(?:$|\.|friday|monday|tuesday|wednesday|thursday|tomorrow|tmrw|next|after"
    r"|when|on|this|trust|period|for good|forever|dead))"
    r"|(?:is|are|'re|'s|gonna|going to|bout to|about to|will|'ll) (?:all )?(?:get|getting|catch"
    r"|catching) (?:it|theirs|what(?:'s| is)? coming(?: to them)?|what (?:they|you) deserve"
    r"|hurt|jumped|stomped(?: out)?|stabbed|shot|drowned|wiped(?: out)?|handled|smoked|lit up"
    r"|sprayed|aired out|these hands|a (?:visit|surprise) (?:they|you) (?:won'?t|wont|will not)"
    r" (?:forget|survive|walk away from))"
    r"|(?:has|have|got) it coming|deserves? (?:what(?:'s| is)? coming|what (?:i'?m|im|we'?re)"
    r" (?:bringing|planning|gonna do)|to (?:bleed|die|suffer|get hurt))"
    r"|(?:are|is|'re|r) (?:my|the) (?:first |next |main )?targets?|(?:is|are) on (?:my|the) list"
    r"|(?:is|are|'re|gonna|going to|will|'ll) (?:all )?(?:gonna |going to )?(?:pay(?! ?(?:\$|\d"
    r"|for (?:the|their|a|lunch|tickets|prom|parking|it with)|dues|fees|attention|respects"
    r"|tribute|off|back|it forward|their way))|bleed|regret (?:it|this|ever)"
    r"|be sorry(?! (?:they|you|u|y'?all|yall) (?:missed|skipped|didn'?t|did not|weren'?t"
    r"|were not|couldn'?t|left|passed))|need (?:an )?ambulances?|end up in the ground"
    r"|find out what (?:pain|happens)|learn what happens|learn (?:their|a|your) lesson"
    r"|find out (?:soon|the hard way)|wish (?:they|you|u) (?:never|hadn'?t|had never))"
    r"|(?:is|are|'re) getting a (?:little |late night |surprise )?visit(?! from)"
    r"|enjoy (?:it|this|that|the (?:rest|week|year)) while (?:you|u|they|y'?all"
    r"|yall) (?:still )?can"
    r"|(?:is|are|'re|gonna|going to|will) (?:gonna |going to )?remember (?:this|that|it|the day)"
    r"[^.!?]{0,30} for the wrong reasons?"
    r"|(?:soon|one day|after \w+) (?:they|you|u) (?:won'?t|wont|will not) be (?:here|there|around)"
    r"|(?:gonna|going to|bout to|about to|finna|will|'ll|gon) catch (?:a |some )?strays?"
    r"|when it happens\s*(?:[.!]|$)|(?:that'?s|thats|this is) (?:where|when) it (?:all )?"
    r"(?:starts|begins|happens|goes down)\b"
    r"|(?:won'?t|wont|will not) survive|no survivors|(?:get|gets|getting) (?:it|wiped out|hit)"
    r" first|(?:should|better) be (?:very )?(?:scared|afraid|terrified)"
    r"|(?:their|its|his|her) last (?:one|week|day|meeting|competition|game|practice|dance"
    r"|show)(?: ever)?\s*(?:[.!]|$)|would (?:be|make) a good start|marked|start counting))"
)

# Fates that no good news or contest shares, for a group named without "every" or "all".
_STRONG_FATE = (
    rf"(?:{_MENACE_FATE}|(?:has|have|got) it coming|(?:is|are|'re|gonna|going to|will"
    rf"|'ll) (?:all )?(?:gonna"
    r" |going to )?(?:get|getting) what(?:'s| is) coming|deserves? what(?:'s| is) coming"
    r"|(?:are|is|'re|r) (?:my|the) (?:first |next )?targets?|(?:had |'d )?better (?:hide|pray"
    r"|start praying|watch (?:their|your|ur) backs?|lock (?:themselves|their doors))"
    r"|(?:won'?t|wont|will not) survive|(?:will|'ll|are gonna|are going to) (?:all )?(?:bleed"
    r"|end up in the ground|learn (?:their|a) lesson)|no survivors"
    r"|should be (?:very )?(?:scared|afraid|terrified)|(?:is|are|gonna|going to|will|'ll)"
    r" (?:gonna |going to )?wish (?:they|you|u) (?:never|hadn'?t|had never))"
)

# A group named by religion, origin, race or sexuality (the grammar's 2.5 shapes read some
# fates for them; these are the fates of 2.9).
_IDENTITY = (
    r"(?:muslims?|jews?|jewish|christians?|catholics?|mormons?|hindus?|sikhs?|black|white|brown"
    r"|asians?|hispanics?|latinos?|latinas?|latinx|mexicans?|africans?|arabs?|somalis?|hmong"
    r"|indians?|chinese|koreans?|haitians?|immigrants?|refugees?|migrants?|illegals?|gays?"
    r"|lesbians?|queers?|trans|transgender|lgbtq?\+?|gsa|pride)"
)

# The shapes in three families, each searched only where one of its words is (see possible()).
_WARNING_SHAPES = re.compile(
    # a stay-away warning with a part of a school or a day, and a secret, a tip or a dare
    rf"\b{_STAY_AWAY} (?:\w+ ){{0,4}}?(?:{_SPOT}|{_DAY})\b[^!?]{{0,60}}?{_MENACE}"
    rf"|{_MENACE}[^!?]{{0,30}}?\b{_STAY_AWAY} (?:\w+ ){{0,4}}?(?:{_SPOT}|{_DAY})\b"
    # a stay-away warning told to others, with a day and no reason (see benign()): "stay home
    # thursday.", "everyone at north should skip school on the 9th"
    rf"|(?:^|[.!,:;]\s*|\b(?:{_YOU}|everyone|everybody|people|kids|students|parents|families)"
    r"(?: (?:at|in|from|of) (?:\w+ ){0,2}?\w+)? (?:should|better|need to|gotta|might want to"
    r"|wanna) |\b(?:just|so|pls|please) |\btell (?:ur|your|yr) \w+(?: \w+)? to )(?:stay (?:home"
    r"|away|out)|skip school|(?:don'?t|dont|do not)"
    r" come(?: to school)?|keep (?:ur|your|yr) (?:kids?|children) home)"
    rf"(?: (?:on |this |next )?(?:{_DAY}))(?:\s*[^\w\s]*\s*$|\s*[.!,;:]+\s)"
    # a stay-away warning with both a part of a school and a day (no reason: see benign())
    rf"|\b{_STAY_AWAY} (?:\w+ ){{0,3}}?{_SPOT}\b[^.!?]{{0,25}}?\b{_DAY}\b"
    rf"|\b{_STAY_AWAY} (?:\w+ ){{0,3}}?{_DAY}\b[^.!?]{{0,25}}?\b(?:at|in|to|from|near) (?:the )?"
    rf"{_SPOT}\b"
    rf"|\b(?:i'?d|i would|id) (?:call in sick|stay home|skip|not (?:go|come|be))\b[^.!?]{{0,40}}"
    rf"\b(?:if i (?:went to|was at|were at|go to)|if i (?:was|were) (?:you|u))"
    rf"|\b{_DAY} (?:is|'s|isnt|isn'?t) (?:not )?the day to (?:show up|come|be (?:here|there"
    r"|around|at school))\b"
    rf"|\b(?:wear|bring) (?:ur|your|a) (?:\w+ ){{0,2}}?(?:running shoes|sneakers|helmet|vest"
    rf"|armor)\b[^.!?]{{0,30}}\b(?:{_SPOT}|{_DAY})\b[^!?]{{0,30}}{_MENACE}"
    r"|\bnot for (?:deer|hunting|the range|target practice|practice)\s*(?:[.!]|$)"
    r"|\b(?:something|a (?:little )?surprise|a present) (?:heavy |big |special )?(?:in|for) (?:my"
    rf" |the )?(?:backpack|bag|locker|trunk|car|bookbag|\w+ period|{_SPOT})\b[^!?]{{0,40}}"
    rf"{_MENACE}"
    rf"|\benough (?:for|to go around) (?:every|each|all)(?: the)? (?:desk|seat|kid|student|one)"
    rf"[^.!?]{{0,30}}\b(?:{_SPOT}|{_DAY}|😈)"
    rf"|(?:^|[.!]\s*)(?:on )?(?:{_DAY}|\d{{1,2}}/\d{{1,2}})\s*[.!,:]*\s*(?:\.\.\.\s*)?"
    rf"{_MENACE}"
    # the last bell, the last class for many
    r"|\b(?:last|final) (?:bell|class|period|lunch|ride|assembly|morning|day)(?: ever)? for (?:a"
    r" lot of|lots of|many of|most of|half of|some of|so many|a bunch of) (?:you|y'?all|yall|them"
    r"|us|people|kids|students)\b"
    rf"|\b(?:is|are|gets?) (?:cancel\w*|over) for (?:some|a lot|half|most) of {_YOU}\b"
    rf"(?=[^.!?]*\b(?:{_DAY}|check|forever|permanently)\b)"
    r"|\b(?:won'?t|wont|will not|never) (?:walk|come|make it|get) (?:away from|out of|home from)"
    rf" (?:it|that|this|the {_SPOT})\b"
    r"|\bsurprise (?:they|you|u|y'?all) (?:won'?t|wont|will not) (?:walk away from|survive"
    r"|forget)\b"
    # something big foretold for a part of a school or a day, with a secret or a dare
    r"|\bsomething(?:'s| is)? (?:(?:big|bad|crazy|huge|real bad|very bad|terrible) )?(?:is )?"
    r"(?:gonna |going to |about to |bout to |will )?(?:happen(?:ing)?|go(?:ing|es)? down|coming)\b"
    r"[^!?]{0,40}"
    rf"\b(?:{_SPOT}|{_DAY})\b[^!?]{{0,40}}{_MENACE}"
)
_FATE_SHAPES = re.compile(
    # a fate for a part of a school or for a day
    rf"\b{_SPOT}(?: \w+){{0,2}} (?:(?:is |'s |are )?(?:gonna |going to |bout to |about to"
    rf" |finna |will )?){_PLACE_DOOM}"
    rf"|\b{_DAY}(?: \w+){{0,2}} (?:(?:is |'s )?(?:gonna |going to |will )?){_PLACE_DOOM}"
    rf"|\b(?:turn|make|turning|making) (?:the |this |that |our )?(?:\w+ ){{0,2}}?{_SPOT} (?:into"
    r" |a )(?:a )?"
    r"(?:crime scene|war ?zone|graveyard|bloodbath|target practice|shooting gallery|memorial)"
    r"|\b(?:gets?|getting|gonna get|will get) what it deserves\b(?=[^?]*\b(?:don'?t come"
    rf"|dont come|stay (?:home|away)|before|b4|{_DAY})\b)"
    r"|\b(?:days?|hours?|weeks?) (?:till|until|til|before) (?:\w+ ){1,3}(?:makes? the news"
    r"|is on the news|becomes? a memorial)"
    r"|\b(?:a |the )?(?:bad|rough|terrible|real bad|very bad) (?:day|morning|afternoon) to be"
    rf" (?:at |in )?(?:(?:a |an )?\w+ )?(?:{_SPOT}|students?|kids?|freshm[ae]n"
    r"|juniors?|seniors?|sophomores?|teachers?)\b(?![^.!?]*\b(?:because|cause|since|the heat"
    r"|no heat|ac\b|a\.c\.|air condition\w*|testing|test|exams?|state tests?|the heat'?s out))"
    # a slang gun or a bag's secret brought to a part of a school or on a day
    rf"|\b(?:bring|bringing|bringin|brought|pull(?:ing|in)? up (?:to \w+ )?with|coming (?:to \w+ )?"
    rf"with|got|carry|carrying|packing|packin|taking|sending) {_SLANG_GUN}\b[^.!?]{{0,40}}?\b(?:to "
    rf"|in |at |for )?"
    rf"(?:{_SPOT}|{_DAY})\b"
    rf"|\b{_SLANG_GUN} (?:is |'s )?(?:coming|going) (?:to|with me to) (?:\w+ )?(?:{_SPOT}"
    rf"|{_DAY})\b"
    # a bare countdown or an hourglass for a school, a date and a dare
    r"|^(?![^!?]*(?:!|\b(?:until|till|til|to go|left|break|summer|vacation|christmas|graduation"
    r"|prom|birthday|weekend|holidays?)\b))\W*(?:\d+|one|two|three|four|five|six|seven|eight"
    r"|nine|ten) (?:more )?(?:days?|hours?|sleeps|mornings)\W*(?:[\w'-]+\W*){0,3}$"
    r"|[\u23F3\u231B\u23F0](?![^!?]*\b(?:until|till|til|break|summer|vacation|christmas"
    r"|graduation|prom|birthday|weekend|holidays?|game|kickoff|deadline|due|sign ?ups?)\b)"
    rf"[^.!?]{{0,30}}\b{_SPOT}\b"
    # a fate no look-alike shares, whoever it names
    r"|\b(?:gonna|going to|bout to|about to|finna|gon) catch (?:a |some )?strays?\b"
    rf"(?=[^.!?]{{0,30}}(?:\U0001F52B|\b{_SPOT}\b|\b{_DAY}\b))"
    r"|\b(?:leave|go|move) before (?:we|i) make (?:them|you|u|him|her|y'?all)\b"
    r"|\b(?:doors?|exits?) (?:\w+ ){0,2}(?:chained|locked from (?:the )?outside)\b"
    r"|\bhope (?:they|you|u|y'?all|yall) like surprises\b[^?]{0,20}\b(?:they|you|u) (?:won'?t"
    r"|wont|will not)\b"
    r"|\b(?:has|have|got|'ve got|'s got) all the time in the world\W+(?:they|you|u|he|she)"
    r" (?:don'?t|dont|do not|doesn'?t|doesnt)\b"
    r"|\bi know (?:all )?(?:your|ur|their) (?:names (?:and|&) (?:your|ur|their) )?(?:schedules"
    r"|addresses|routes|classes)\b(?! (?:are|is|were|was|for the))"
    rf"|\bput (?:{_EVERY} )?(?:[\w'-]+ ){{0,3}}?{_GROUP_NOUN} in the (?:dirt|ground|grave)\b"
    r"|\bthink (?:real |really |very |long and )?hard before (?:showing up|coming|going|walking)"
    rf"\b[^.!?]{{0,40}}\b(?:{_SPOT}|{_DAY}|meeting|practice|rehearsal)\b"
    rf"|\bbetter (?:stay|keep|not)\b[^.!?]{{0,60}}\bif (?:they|you|u|he|she) knows? what'?s"
    rf" good(?: for (?:them|you|u|him|her))?\b"
    rf"|[\U0001FAA6\u26B0]\ufe0f?[^.!?]{{0,20}}\b(?:{_EVERY} (?:\w+ ){{0,3}}?{_GROUP_NOUN}"
    rf"|{_SPOT})\b"
    rf"[^.!?]{{0,30}}\b{_DAY}\b"
    rf"|\b(?:rip|r\.i\.p\.?|rest in peace) (?:to )?(?:the )?(?:\w+ ){{0,3}}?(?:class of \d+|{_SPOT}"
    rf"|{_GROUP_NOUN})\b[^.!?]{{0,30}}(?:[\U0001F608\U0001F52B\U0001FAA6\u26B0]|see (?:u|you"
    rf"|y'?all|yall|everyone) {_DAY})"
    r"|\bhug (?:ur|your|yr) (?:kids?|babies|children|students) (?:\w+ ){0,2}(?:tight|tighter)\b"
    r"(?=[^.!?]*(?:[\u23F3\u231B]|\bcountdown\b))"
    r"|[\u23F3\u231B][^.!?]{0,60}\bhug (?:ur|your|yr) (?:kids?|babies|children)\b"
)
_GROUP_SHAPES = re.compile(
    # a fate for a group marked as one
    rf"\b{_EVERY} (?:[\w'-]+ ){{0,5}}?{_GROUP_NOUN}\b'?s?(?: [\w'-]+){{0,6}}? {_GROUP_FATE}"
    rf"|\b(?:all )?(?:u|you|y'?all|yall) (?:[\w'-]+ ){{0,3}}?{_GROUP_NOUN}(?: [\w'-]+){{0,6}}?"
    rf" {_GROUP_FATE}"
    rf"|\bthe (?:\w+ ){{0,2}}?(?:kids|students|families|club|team|class|crowd|group) (?:in|at|on"
    r"|from) (?:[\w'-]+ ){1,3}(?:are|is) (?:my|the) (?:first |next )?targets?\b"
    rf"|\b{_IDENTITY}(?: [\w'-]+){{0,2}}?(?: {_GROUP_NOUN})?(?: (?:at|in|on|from) [\w'-]+(?:"
    rf" [\w'-]+)?)? {_GROUP_FATE}"
    # a group named with "the" and a fate no look-alike shares
    rf"|\b(?:the|those|these|that) (?:[\w'-]+ ){{0,3}}?{_GROUP_NOUN}\b'?s?(?: [\w'-]+){{0,5}}?"
    rf" {_STRONG_FATE}"
)
SHAPES = re.compile("|".join(p.pattern for p in (_WARNING_SHAPES, _FATE_SHAPES, _GROUP_SHAPES)))

# What the same words mean elsewhere: a reason for a notice, good news for the group, a
# contest or a game, a rule or a renovation.
_BENIGN = re.compile(
    # a reason: a closure, a repair, the weather, an illness, a day off, a trip
    r"\b(?:because|cause|cuz|since|it'?s (?:a|an|the|being|closed|cancel\w*)|its (?:a|an|the"
    r"|being|closed)|closed|clos(?:es|ing)|opens?|hours|painted|painting|paint|repair\w*"
    r"|renovat\w*|construction|water main|power outage|heat is out|no heat|pests?|bugs"
    r"|exterminat\w*|termites|roaches|the flu|flu|fever|sick kids?|contagious|lice"
    r"|if (?:your|ur) (?:kid|child|son|daughter) is sick|(?:feel|feeling|are|is|you'?re|ur)"
    r" (?:sick|unwell|ill)|snow|weather|storm|ice|icy|roads? (?:are|is|will be)|rest up"
    r"|(?<!pep )rally|march"
    r"|protest|strike"
    r"|walkout|workday|work day|in-?service|holiday|break|vacation|field trip|bake sale|instead"
    r"|picture day|testing|exams?"
    # good news for the group
    r"|parking pass|caps? and gowns?|certificates?|donuts?|pizza|cookies|cupcakes|raise|raises"
    r"|smartboards?|lockers? (?:are|will be) (?:new|cleaned)|new (?:lockers|chairs|floors?|desks)"
    r"|thank(?!sgiving)\w*|congrat\w*|proud|love|welcome|appreciation|celebrat\w*|award\w*"
    r"|decorat\w*|lights|the dance committee|spirit week|ice cream|liquid nitrogen|science"
    # a contest or a game
    r"|won(?!'?t)|win|wins|state champs?|champions?|playoffs?|tournament|scrimmage"
    r"|meet(?! (?:me|us|behind|outside|after))|race|mile run|relay|rivals?|other team"
    r"|opponents?|friday night (?:lights|game)|kickoff|tip-?off|tryouts?|practice|rehearsal"
    r"|game|match|season|rematch|fortnite|warzone|minecraft|roblox|lobby|stream|server|esports"
    r"|squad night|duos|laser tag|nerf|paintball|airsoft|dodgeball|hockey|lacrosse"
    r"|chopper (?:lands|landing)|medflight|helicopter|career day"
    # someone else's words reported or condemned
    r"|(?:whoever|who|someone|somebody|the person|the kid) (?:wrote|said|posted|typed|sent)"
    r"|(?:we|i) stand with|solidarity)\b"
)


# Words one of which every shape holds, in three families: a warning or a dare, a fate for a
# place or a weapon in slang, and a group with its fate (both a group's word and a fate's).
# Most comments hold none, and the shapes (whose own screen passes any "all" or "class") are
# not searched: the classifier stays as fast as before.
_WARNING_WORDS = screened(
    # a stay-away word
    r"\b(?:skip|avoid|stay (?:home|away|far|very far|the hell|tf|out)|call in sick|be sick"
    r"|be absent|somewhere else|the day to|(?:kids?|children|sister|brother|son|daughter) home"
    r"|(?:different|another) day|(?:don'?t|dont|do not|not|won'?t|wont|can'?t|cant|shouldn'?t"
    r"|wouldn'?t) (?:come|go|show up|be (?:in|at|on|near|around)|sit|stand|hang out|eat|ride"
    r"|take|get on)"
    # a secret, a tip, a dare
    r"|trust me|trust|ask around|(?:a|friendly|little) tip|warn(?:ed|ing)?|just (?:don'?t|dont)"
    r"|not saying|iykyk|if you know|not (?:playing|joking|kidding)|just (?:saying|sayin)"
    r"|saying why|telling why|gonna say why|say (?:i|nobody|no one)|(?:don'?t|dont|do not) ask"
    r"|all i'?m saying|all im saying|all i'?m gonna say|all im gonna say|(?:you|u|y'?all"
    r"|yall)'?ll (?:see|need|thank)"
    r"|if (?:you|u) (?:value|love|like|care|want|wanna)|smart|needs to hear|own good"
    r"|mark my words|didn'?t hear|remember (?:i|who)|if i (?:were|was|went|go)|(?:im|i'?m|i am"
    r"|dead) serious|deadass|mean it|been told|what'?s good|whats good"
    # the other words a warning shape needs
    r"|running shoes|sneakers|helmet|vest|armor|not for|enough for|enough to go|for (?:a lot"
    r"|lots|many|most|half|some|so many|a bunch) of|(?:walk|come|make it|get) (?:away|out|home)"
    r" (?:from|of)|surprises?)\b"
    r"|[\U0001F92B\U0001F608\U0001F440\U0001F910]"
)
_FATE_WORDS = screened(
    r"\b(?:surprises?|lit up|aired out|sprayed|shot up|cleaned out|emptied|wiped out|deserves?"
    r"|crime scene"
    r"|war ?zone|memorial|history books|graveyard|bloodbath|body count|target|shooting gallery"
    r"|rain (?:lead"
    r"|bullets)|the news|headlines|look the same|day to be|morning to be|afternoon to be"
    r"|stick|blick\w*|heater|piece|pole|iron|strap|choppa|draco|glizzy|glick|toolies?|burner"
    r"|(?:the|my|a) gat|(?:the|my|a|his|her|our|\w+'?s) (?:30|9)|extendo|switch|rifle|shotgun"
    r"|strays?|make (?:them|you|u|him|her|y'?all)|chained|(?:\d+|one|two|three|four|five|six"
    r"|seven|eight|nine|ten) (?:more )?(?:days?|hours?|sleeps|mornings)|locked from"
    r"|all the time in the world"
    r"|i know|dirt|ground|grave|think (?:real |really"
    r" |very |long and )?hard|what'?s good|whats good|rip (?:to )?(?:the )?\w+|r\.i\.p"
    r"|rest in peace|(?:kids?|babies|children|students) (?:\w+ ){0,2}tight(?:er)?"
    r"|something(?:'s| is)? (?:big|bad|crazy|huge|real bad|very bad|terrible))\b"
    r"|[\U0001FAA6\u26B0\u23F3\u231B\u23F0]"
)
_GROUP_FATE_WORDS = screened(
    r"\b(?:hide|run|watch|pray|praying|goodbyes?|lock|enjoy|stay home|not (?:come|show up)"
    r"|finished|marked|cooked|dead|next|done|get|gets|getting|catch|catching|coming|deserves?"
    r"|target|targets|list|pay|paying|bleed|regret|sorry|ambulances?|ground|pain|happens|lesson"
    r"|soon"
    r"|hard way|wish|visit|remember|survive|survivors|first|scared|afraid|terrified|last|start"
    r"|counting|strays?|when it|where it|while|be (?:here|there|around)|safe|numbered|warned"
    r"|dealt|taken care|suffer|disappear|price|much longer|for long|see (?:summer|graduation"
    r"|christmas|another)|running out|almost up)\b"
)
_GROUP_WORDS = screened(
    r"\b(?:kids?|students?|juniors?|seniors?|sophomores?|freshm[ae]n|grade|graders|class|team"
    r"|squad|club|crowd|friend group|table|period|members|teachers?|staff|custodians|janitors"
    r"|lunch ladies|counselors|refs|board members|families|cheerleaders|nerds|band|council"
    r"|society|monitors|drivers|players|girls|boys|guys|people|roster|choir|orchestra"
    r"|cheer team|everyone|everybody)\b"
    rf"|\b{_IDENTITY}\b"
)


def possible(text: str) -> bool:
    """Whether a shape of grammar 2.9 is in ``text``: each family of shapes is searched only
    where one of its words is (most comments hold none)."""
    return bool(
        (_WARNING_WORDS.search(text) and _WARNING_SHAPES.search(text))
        or (_FATE_WORDS.search(text) and _FATE_SHAPES.search(text))
        or (
            _GROUP_FATE_WORDS.search(text)
            and _GROUP_WORDS.search(text)
            and _GROUP_SHAPES.search(text)
        )
    )


def benign(text: str) -> bool:
    """Whether the comment reads as a look-alike of grammar 2.9's shapes: a notice with an
    everyday reason, good news for a group (:func:`good_news`), a contest or a game."""
    return _BENIGN.search(text) is not None or threat_idioms.notice(text) or good_news(text)


# Something good handed to a group: "every junior is gonna get their yearbook friday".
_GIFT = screened(
    r"\b(?:get|gets|getting|got|receive|receives|receiving|pick up|picking up) (?:their|his|her"
    r"|your|ur|a|an|the|free|new|some) (?:new |free |own )?(?:yearbooks?|parking pass(?:es)?"
    r"|caps? and gowns?|class rings?|certificates?|awards?|diplomas?|schedules?|lockers?"
    r"|laptops?|chromebooks?|id cards?|ids|jerseys?|shirts?|t-shirts?|hoodies?|medals?|trophies"
    r"|letter jackets?|letters|report cards?|donuts?|pizza|treats?|snacks?|prizes?|raises?"
    r"|bonus(?:es)?|flowers|cards?|gift cards?|tickets?|passes)\b"
)


def good_news(text: str) -> bool:
    """Whether the comment hands a group something good (a yearbook, a parking pass, a
    raise), with no weapon named: the sentence stage reads "gonna get their…" as a threat."""
    return _GIFT.search(text) is not None and WEAPON_RE.search(text) is None
