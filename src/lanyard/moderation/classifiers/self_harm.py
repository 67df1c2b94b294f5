"""Self-harm signals: a comment whose writer, or a friend the writer tells of, may be about to
hurt themselves. Every one must reach a person (the threat grammar scores it as safety and as a
threat, so that it escalates: :mod:`~lanyard.moderation.classifiers.threat`).

:data:`SIGNAL` holds the shapes, read over each sentence of the normalized text (spelling
tricks and accents already undone): intent and ideation said outright ("i want to die"), a plan
or a method (pills saved, a place chosen, "i know how i'd do it"), goodbyes ("this is the last
time you'll hear from me", "by the time anyone reads this"), things given away, hopelessness
("i'm a burden", "i can't see a future where i'm still here"), indirect phrasing ("i'm done.
with all of it. for good", "can't do this anymore", "everyone would be happier if i was gone"),
texting shorthand and typos ("idw be here anymore", "ctb", "sucide"), and Spanish-English ("me
quiero morir", "ya no quiero estar aqui"). :func:`across` reads the shapes whose words run over
a full stop ("giving away my games … i won't need them").

Look-alikes are told apart precisely (:func:`lookalike`): hyperbole over a test, the wifi or a
Monday ("this test is killing me", "kill me now, monday again") and laughter; life events
(moving, a vacation, retiring, graduating: "we're moving so i won't be around for the
fundraiser"); recovery told in the past ("i used to think everyone would be better off
without me. therapy helped"); advice that imagines a friend ("if a friend tells you they want
to hurt themselves, tell a trusted adult"); an alarm at six ("i don't want to wake up at 6").

Written from the tuning halves of the team sets (``team_labeled_18.csv`` among them); never
from an evaluation set.
"""

from __future__ import annotations

import re

from lanyard.moderation.classifiers.screen import screened

# -- the shapes --------------------------------------------------------------------------
# The grammar before this module (2.4–2.8): intent, wishes to die, a burden, goodbye letters,
# pills made ready, a method looked up, a place to jump.
_SAID_BEFORE = (
    r"\b(?:i|im|i'm|ima|imma)(?: \w+){0,3} (?:kill|hurt|cut|end|off|unalive) (?:my ?self|me)\b"
    r"|\b(?:kms|killing myself|kill myself|end my life|end it all|ending it all"
    r"|take my (?:own )?life|hurt myself|slit my wrists|cut my wrists|cutting myself"
    r"|cut myself|cutting again|unalive myself)\b"
    r"|\b(?:i|i'm|im|i am|i just|i really|i kinda|i honestly)"
    r" (?:want|wanna|wish i (?:could|was|were)|going|gonna) (?:to )?(?:die|dead|disappear"
    r"|not exist|not wake up|be dead|never wake up)\b"
    r"|\b(?:don'?t|do not|dont) want to (?:live|be alive|be here|exist|wake up)\b"
    r"|\bno (?:reason|point) (?:to|in) (?:live|living|going on)\b"
    r"|\b(?:everyone|everybody|they|the world|my family) (?:would be|'d be) better off without me\b"
    r"|\bnobody would (?:miss|care if) (?:me|i)\b|\b(?:i'?m|i am|im) (?:so |really )?suicidal\b"
    r"|\bsuicidal (?:thoughts|again)\b"
    r"|\bthinking (?:about|of) (?:suicide|killing myself|ending it)\b"
    r"|\bgoodbye (?:everyone|forever|world)\b|\bthis is my last (?:post|message|day)\b"
    r"|\b(?:i|i'm|im) (?:won'?t|will not|am not going to|'m not going to) be (?:around|here)"
    r" (?:much )?(?:longer|anymore|tomorrow)\b|\b(?:wrote|written|writing) my (?:suicide )?note\b"
    r"|\bthis is (?:my )?goodbye\b"
    r"|\b(?:wrote|written|writing|left) (?:goodbye )?(?:letters|notes) (?:to|for)"
    r" (?:every(?:one|body)|my (?:family|mom|dad|parents|friends))\b"
    r"(?!.*\b(?:thank|christmas|holiday|valentine|pen pal"
    r"|santa|senator|board|teacher appreciation)\w*)"
    r"|\b(?:i'?m |i am |im )?(?<!we're )(?<!we are )(?<!they're )(?<!they are )(?<!we )"
    r"(?:planning|plan|going|gonna|ready|decided|want) to end it(?: all)?"
    r"(?= (?:after|before|tonight|tomorrow|this|on|when|soon|today)\b|\s*[.!]*$)"
    r"|\b(?:have|got) (?:the |my |all the |enough )?pills (?:ready|saved|counted|lined up|hidden)\b"
    r"|\bi'?m (?:just |such )?a burden (?:to|on) (?:everyone|everybody|my (?:family|parents|mom"
    r"|dad|friends))\b"
    r"|\b(?:tired|sick) of (?:being alive|living|life|existing|waking up)\b"
    r"|\bhow many (?:pills|tylenol|sleeping pills|of (?:my|these) pills)\b"
    r"|\b(?:nobody|no one|noone) (?:would|will) (?:even )?(?:notice|care|miss me) if i (?:was|were"
    r"|am) gone\b|\bif i (?:was|were) gone\b[^.!?]{0,30}\b(?:nobody|no one|better|happier)\b"
    r"|\b(?:given|giving|gave) away (?:all )?my (?:stuff|things|belongings|games|room)\b"
    r"|\b(?:i|i'?m|im) (?:won'?t|will not|am not going to|'m not going to|not gonna) (?:still )?be"
    r" (?:here|around) (?:after|by|for|next|when|much longer)\b(?![^.!?]*\b(?:moving|move|moved"
    r"|vacation|trip|visit\w*|travel\w*|out of town|transferr?\w*|new school|graduat\w*)\b)"
    r"|\bi (?:just )?want (?:it all|everything|the pain|all of it) to (?:stop|end)(?: for good"
    r"| forever| permanently)?\s*(?:[.!]|$)"
    r"|\b(?:don'?t|do not|dont|can'?t|cannot) see (?:a |any |the )?(?:reason|point) (?:to|in)"
    r" (?:wake|waking|live|living|go on|going on|get up|getting up|be here|being here|keep going"
    r"|stay|staying)\b"
    r"|\b(?:decided|i think|i know) (?:that )?(?:tonight|today) is the (?:night|day)"
    r"(?=\s*[.!,]*\s*(?:$|thank|goodbye|bye|sorry|love you|i'?m sorry|to (?:all|the few)))"
    r"|\b(?:research\w*|look\w* up|googl\w*) (?:the )?(?:easiest|best|fastest|quickest"
    r"|painless\w*|surest) ways? to (?:die|end it|kill myself|end my life)\b"
    r"|\b(?:can'?t|cannot) stop thinking (?:about|of) (?:ending my life|ending it|dying|killing"
    r" myself|suicide|not being here)\b|\bthinking (?:about|of) ending my life\b"
    r"|\b(?:thinking about|think about|want to|wanna|going to|gonna|plan to|planning to)"
    r" (?:jump|jumping) off (?:the|a|that|this) (?:overpass|bridge|roof|parking garage|building"
    r"|cliff)\b"
    r"|\bi (?:just )?(?:wish|want) (?:i could|to) (?:just )?(?:fall asleep|go to sleep|sleep)"
    r" and (?:not|never) (?:wake up|come back)\b"
    r"|\bmy (?:wrists|thighs) (?:are|r) (?:a mess|cut up|bleeding|all cut)\b"
)
# Dying, death and suicide as the writer's own end, and the ways it is spelled in a hurry.
_END = (
    r"(?:dying|suicide|sucide|suicde|suiside|sewer ?slide|killing myself|kms|ending it"
    r"|ending my life|ending everything|not existing|not being alive|not being here"
    r"|not waking up|disappearing forever)"
)
_ME_GONE = (
    r"(?:was gone|were gone|was gon|wasn'?t here|weren'?t here|was dead|were dead|disappeared"
    r"|vanished|died|just (?:disappeared|died|left|vanished)|stopped existing|left for good"
    r"|wasn'?t around|weren'?t around|wasn'?t alive)"
)
_INTENT = (
    # "i'm so close to ending everything", "thinking bout ending it tn"
    r"\b(?:close to|thinking (?:about|of|bout|abt)|thinkin (?:about|bout|abt)|about to|ready to"
    r"|want to|wanna|going to|gonna|planning (?:on|to)|plan to|decided to|tempted to)"
    r" (?:ending|end) (?:it|everything|it all|it al|my life|my own life|my suffering)\b"
    r"(?! (?:with|between|for (?:the|this) (?:season|year|semester)|on a (?:high|good|win)))"
    r"|\bend it al\b|\bctb\b|\bsewer ?slide\b"
    # a want said in shorthand: "idw be here anymore", "i dont wanna be alive"
    r"|\bidw(?:anna)? (?:be here|live|exist|be alive|wake up)\b"
    r"|\b(?:don'?t|dont|do not) wanna (?:live|be alive|be here|exist|wake up)\b"
    # a typo for die: "i want to dye. im not kidding" (not "dye my hair")
    r"|\b(?:want|wanna|going|gonna|gona|ready) (?:to )?dye\b"
    r"(?! (?:my|her|his|the|it|them|our|your|a|an|some|hair|shirts?|eggs|clothes|fabric|easter"
    r"|tie|this|that|these|those|for|with|\w+ (?:hair|shirt)))"
    # "i'd rather be dead than face another day like this" (not "than wear that")
    r"|\b(?:i'?d|i would|id) (?:honestly |literally |just )?rather (?:be dead|die|not exist"
    r"|not be alive|not wake up)(?= than (?:face|live|go on|keep (?:going|living)|wake up"
    r"|spend another|be alive|deal with (?:this|it|life)|exist)\b|\s*[.!]*$)"
)
_IDEATION = (
    # "i think about dying constantly", "thinkin bout sucide alot"
    r"\b(?:(?:can'?t|cannot|cant) stop (?:thinking|dreaming)|(?:think|thinking|thinkin|thought"
    r"|dream|dreaming|obsessing|obsessed)) (?:about|of|bout|abt) "
    + _END
    + r"\b(?! (?:my|her|his|the|your|our|their|hair|eggs|clothes) )"
    # "sometimes i wish i could just stop existing"
    r"|\b(?:wish i could|want to|wanna|i'?d like to|just want to|i could just) (?:just )?"
    r"(?:stop existing|not exist|cease to exist|vanish forever|disappear forever"
    r"|disappear for good|stop breathing|stop living)\b|\b(?:stop|quit) existing\b"
    # "every night i pray i dont wake up" (not "hope i don't wake up late")
    r"|\b(?:pray|praying|hope|hoping|wish|wishing) (?:that )?i (?:don'?t|dont|won'?t|wont|never"
    r"|do not|will not) wake up\b(?! (?:at|early|late|before|for|in time|on time|to|sick))"
    r"|\bwish i (?:was|were|had) never (?:been )?born\b"
    r"|\b(?:wish|wished|hope|hoped|hoping)(?: that)? (?:the |that |a )?(?:car|bus|truck|train)"
    r" (?:had |would(?:'ve| have)? |would )?(?:hit|hits|run over|ran over|killed?) me\b"
    # "some days i want to walk into the lake and keep walking"
    r"|\b(?:want|wanna|wish i could|thinking about|think about|tempted|urge) (?:to )?(?:just )?"
    r"(?:walk|step|jump|run|drive|swim) (?:out )?(?:into|in front of) (?:the |a |oncoming )?"
    r"(?:lake|ocean|sea|river|traffic|train|car|bus|truck)\b"
    # "dying sounds peaceful right now"
    r"|\b(?:dying|death|being dead|not existing|not waking up|not being here|suicide)"
    r" (?:sounds|seems|feels|looks|would be|is starting to sound)"
    r" (?:so |really |kind of |kinda |pretty )?(?:peaceful|nice|easier|better|easy|tempting"
    r"|like (?:a relief|the only way|an option|the answer|peace))\b"
    # "i just want to sleep forever" (not "sleep for a week")
    r"|\b(?:want|wanna|wish i could|going) (?:to )?(?:just )?(?:sleep forever|sleep for good"
    r"|sleep permanently|sleep and never wake up|asleep forever|asleep and never wake up)\b"
)
_PLAN = (
    # a method hidden or saved: "a razor hidden in my pencil case", "stockpiling my adderall"
    r"\b(?:hid|hidden|hiding|stash\w*|stockpil\w*|hoard\w*|saving up|saved up|been saving)"
    r" (?:a |my |some |the |all (?:my|the) )?(?:\w+'s )?(?:razors?|blades?|pills|meds"
    r"|medication|sleeping pills|adderall|tylenol|xanax|insulin)\b"
    r"|\b(?:razors?|blades?)\b[^.!?]{0,40}\bfor when (?:it|things|everything) gets?"
    r" (?:bad|too much|worse|too hard)\b"
    # a dose asked ("how much of my meds it would take"), not a fever's
    r"|\bhow (?:much|many) (?:of )?(?:my |these |the )?(?:meds|medication|pills|tylenol|advil"
    r"|sleeping pills|xanax|adderall|insulin|tablets)(?: it)? (?:would|it'?d|will) (?:take"
    r"|kill|do it|be enough)\b(?! (?:to (?:bring|help|treat|lower|work|kick in)|for (?:a|my|the"
    r"|her|his|your) ))"
    r"|\b(?:lethal|fatal|deadly) (?:dose|amount)\b"
    # a place or a means known: "i know which bridge.", "the key to my dad's gun safe"
    r"|\bi know (?:which|what) (?:bridge|building|roof|overpass|train|tree|pills)"
    r"(?=\s*(?:[.!]|$))"
    r"|\b(?:found|got|have|know) (?:the |my )?(?:key|code|combination|combo) (?:to|for)"
    r" (?:my |the )?(?:\w+'?s )?gun ?(?:safe|cabinet|case|locker)\b"
    r"|\b(?:the |a )?noose\b(?! (?:incident|found|was found|in the (?:locker|tree)))"
    r"|\b(?:wrote|written|planned|figured|decided|worked) (?:out |down )?(?:the )?how and"
    r" (?:when|where)\b"
    r"|\bi know (?:exactly )?how i'?(?:d|m going to|ll|m gonna) do it\b"
    r"(?! (?:differently|better|next time|if))"
)
_GOODBYE = (
    # "this is the last time you'll hear from me" (not "… about the parking lot")
    r"\blast time (?:you(?:'ll| will)?|anyone(?:'ll| will)?|y'?all(?:'ll| will)?|u(?:'ll| will)?"
    r"|everyone(?:'ll| will)?) (?:ever )?(?:hears? from|sees?|hears?) me\b"
    r"(?! (?:about|on|complain\w*|talk\w*|mention\w*|rant\w*|say|ask\w*|post\w*|in (?:this|the)))"
    r"|\blast (?:message|post|text|words) (?:from me|ever|i'?ll (?:ever )?(?:send|write|post))\b"
    r"|\bby the time (?:you|anyone|someone|u|y'?all|people|my \w+) (?:read|reads|see|sees|find"
    r"|finds) this,? (?:i'?ll|i will|ill|i'?m|im) (?:be )?(?:gone|dead|not here|already)\b"
    r"|\bif (?:you'?re|your|youre|you are|u r|ur) reading this,? i (?:didn'?t|did not|didnt)"
    r" make it\b"
    r"|\b(?:i'?m |im )?sorry i (?:wasn'?t|was not|couldn'?t be|could not be) (?:stronger"
    r"|strong enough|enough|better)\b"
    r"|\bit was (?:nice|good|fun) knowing (?:y'?all|everyone|some of you|all of you|you all)\b"
    r"|\b(?:tell|let) (?:my \w+(?: \w+)?|him|her|them|everyone|\w+) (?:that )?i (?:love|loved)"
    r" (?:him|her|them|you|everyone)\b[^.!?]{0,40}\bnot (?:his|her|their|your|anyone'?s) fault\b"
    r"|\b(?:she|he|they)'?ll find (?:it|the (?:letter|note)|me) (?:tomorrow|in the morning"
    r"|tonight|after)\b"
)
_GIVING = (
    r"\b(?:who gets|who should get|who can have|list of who(?: gets)?) (?:all )?my\b"
    r"|\b(?:gave|giving|given|give) (?:away )?(?:\w+ ){0,2}my (?:\w+ ){0,2}(?:necklace|ring"
    r"|guitar|xbox|games|clothes|hoodies|stuff|things|jewelry|phone|switch|ps5|bike|shoes|books"
    r"|art|journals?)\b[^.!?]{0,60}\b(?:keep it forever|keep them forever|doesn'?t know why"
    r"|to remember me|won'?t need)"
)
_HOPELESS = (
    r"\b(?:there'?s|theres|there is) no (?:point|reason|use) anymore\b(?=\s*[.!]*\s*(?:$|none"
    r"|at all|to anything|in anything|in living|in trying))"
    r"|\bwhat'?s the point (?:of|in) (?:anything|living|going on|being here|waking up|trying"
    r" anymore)\b"
    r"|\b(?:no|only one) way out\b[^.!?]{0,20}\b(?:except one|but one|except that|except dying"
    r"|but to die)\b"
    r"|\b(?:can'?t|cannot|cant|don'?t|dont) see (?:a |any |my )?future (?:where i'?m|with me|for me"
    r"|in which i'?m)\b"
    r"|\blife (?:feels|is|seems) (?:so )?(?:pointless|meaningless|not worth (?:living|it))\b"
    r"|\b(?:don'?t|dont|do not) (?:want|wanna) to be (?:in it|in this world|on this earth"
    r"|in this life|alive|here) anymore\b"
    r"|\b(?:nobody|no one|noone|no1|none of you) (?:would|will|'d|wud) (?:even )?(?:notice|care"
    r"|mis{1,2}(?: me)?|cry|come to my funeral) if i " + _ME_GONE + r"\b"
    r"|\bnobody would mis me\b"
    r"|\b(?:better off|happier|better|easier|quieter|lighter|calmer) (?:without me|if i "
    + _ME_GONE
    + r"|with me gone|once i'?m gone|when i'?m gone|not having (?:to deal with )?me)\b"
    r"|\b(?:better off|happier|easier|quieter) without me in (?:it|the world|their lives)\b"
)
# "can't go on", each way it is spelled, as whole strings (so that the pattern's screen needs one)
_CANT_GO_ON = (
    "(?:"
    + "|".join(
        f"{cant} {what}"
        for cant in ("can't", "cant", "cannot")
        for what in (
            "do this",
            "take it",
            "take this",
            "go on",
            "keep going",
            "keep doing this",
            "live like this",
        )
    )
    + ")"
)
_INDIRECT = (
    # "i'm done. with all of it. for good", "im so done w everything"
    r"\b(?:i'?m|im|i am) (?:so |just |really )?(?:done|finished)\b[^a-z]{0,4}(?:with|w) (?:all of"
    r" it|everything|it all|life|living|being alive|everyone)\b"
    r"|\b(?:i'?m|im|i am) (?:so |just |really )?(?:done|finished)\b[^.!?]{0,24}\b(?:for good"
    r"|permanently)\b"
    # "i'm done." as the whole comment
    r"|^\s*(?:i'?m|im|i am) (?:so |just |really |honestly )?(?:done|finished)\s*[.!]*\s*$"
    # "can't do this anymore" as the comment's last word on it, no cause named after it
    r"|(?:^|[.!]\s*)(?:i )?(?:honestly |literally |just |really )?"
    + _CANT_GO_ON
    + r"(?: anymore| any more| much longer)?\s*[.!]*\s*$"
    r"|\bidk how much longer i can (?:do this|go on|take (?:it|this)|keep going)\b"
    # "soon it won't matter what anyone says about me"
    r"|\b(?:soon|after tonight) (?:it|nothing|none of (?:it|this)) (?:won'?t|will not|wont|will)"
    r" matter\b"
    # "i won't be a problem for you much longer", "nobody has to put up with me"
    r"|\bi (?:won'?t|will not|wont) be (?:a |your |anyone'?s )?(?:problem|burden|bother)"
    r" (?:for|to) (?:you|anyone|anybody|everyone|y'?all) (?:much longer|for long|anymore"
    r"|after (?:tonight|today|this))\b"
    r"|\b(?:nobody|no one|noone) (?:has to|will have to|needs to) (?:put up with|deal with"
    r"|worry about) me\b"
    r"|\bdon'?t (?:worry|bother) about me (?:after (?:tonight|today)|anymore|when i'?m gone"
    r"|ever again)\b"
    r"|\b(?:checking out|signing off|logging off|clocking out|tapping out)\b[^a-z]{0,4}"
    r"(?:permanently|for good|forever|for the last time)\b"
    r"|\bi (?:won'?t|will not|wont) be (?:here|around|alive) to\b[^.!?]{0,30}\b(?:much longer"
    r"|anymore)\b"
    # "i'm not going to be at graduation. trust me"
    r"|\b(?:not (?:going to|gonna)|never going to|won'?t|will not|wont) (?:be (?:at|around for"
    r"|here for|alive for|there for)|make it to|see) (?:graduation|prom|my (?:\d+\w* )?birthday"
    r"|christmas|summer|next (?:year|semester)|the end of (?:the|this) (?:year|semester))\b"
    r"(?=\s*[.!]*\s*(?:$|trust me|you'?ll see|believe me|i just know))"
)
# Spanish-English (accents already undone): "me quiero morir", "ya no quiero estar aqui",
# "quiero matarme"; not "me muero de risa", "me quiero morir de verguenza".
_SPANISH = (
    r"\b(?:me quiero|quiero|me voy a|voy a|pienso|deseo) (?:morir(?:me)?|matarme|suicidarme"
    r"|quitarme la vida|desaparecer para siempre)\b(?! de\b)"
    r"|\bme (?:quiero|voy a) (?:matar|suicidar)\b"
    r"|\b(?:ya )?no quiero (?:vivir|seguir viviendo|seguir aqui|estar aqui|despertar|existir)\b"
    r"|\bya no (?:puedo|aguanto) mas\b(?! (?:con|with) )"
    r"|\badios a todos\b|\bno vale la pena (?:vivir|seguir)\b|\bmejor (?:estarian|sin mi)\b"
)
SIGNAL = screened(
    "|".join((_SAID_BEFORE, _INTENT, _IDEATION, _PLAN, _GOODBYE, _GIVING, _HOPELESS))
    + "|"
    + "|".join((_INDIRECT, _SPANISH))
)

# Shapes whose two halves sit in different sentences: a thing given away and no further need
# of it ("giving away my xbox and all my games, i won't need them"; "my guitar goes to
# whoever wants it, i'm not going to be playing anymore"); a farewell with a charge to those
# left ("love you all. take care of each other. i'm done"); a plan kept for an empty house
# ("ready to go. just waiting for the house to be empty").
_GIVE_AWAY = screened(
    r"\b(?:giv\w* away|gave away|getting rid of|get rid of|goes to whoever|go to whoever"
    r"|(?:anyone|who) wants? my|can have my)\b"
)
_NO_NEED = re.compile(
    r"\b(?:won'?t|wont|will not) (?:be )?need(?:ing)? (?:it|them|any of (?:it|them|this)"
    r"|anything|these|those)\b|\b(?:not|never) (?:going to|gonna) be (?:playing|using|needing"
    r"|here|around|doing)\b[^.!?]{0,16}\b(?:anymore|again|or anything)\b|\bwhere i'?m going\b"
)
_FAREWELL = screened(
    r"\b(?:take care of (?:each other|yourselves|my \w+)|look after (?:each other|my \w+))\b"
)
_FAREWELL_END = re.compile(
    r"\b(?:i'?m done|im done|goodbye|forgive me|i'?m sorry|love you all|i love you all)\b"
)
_EMPTY_HOUSE = screened(
    r"\bready\b[^?]{0,40}\bwaiting (?:for|until|till) (?:the house to be empty|everyone to"
    r" (?:leave|go to sleep|fall asleep)|my (?:parents|mom|dad|family) to (?:leave|go to sleep"
    r"|fall asleep))\b"
)


def across(text: str) -> str | None:
    """A self-harm shape whose halves run over a full stop, as the words that show it; None
    where there is none."""
    give = _GIVE_AWAY.search(text)
    if give and (need := _NO_NEED.search(text)):
        return f"{give.group(0)} … {need.group(0)}"
    care = _FAREWELL.search(text)
    if care and (end := _FAREWELL_END.search(text)):
        return f"{care.group(0)} … {end.group(0)}"
    house = _EMPTY_HOUSE.search(text)
    return house.group(0) if house else None


# -- look-alikes -------------------------------------------------------------------------
# Laughter and jokes: any shape said with them asks for review, not escalation.
LAUGH = screened(r"\b(?:lol|lmao|lmfao|haha\w*|jk|jkjk|just kidding)\b|😂|🤣|💀|😭|😅")
# A trivial cause: a shape said of a test, the wifi or a Monday is hyperbole where the shape is
# one that hyperbole uses ("this test is killing me", "kill me now, monday again").
_TRIVIAL = screened(
    r"\b(?:if i (?:have to|fail|get|see|hear)|this (?:test|homework|class|heat|song)|homework"
    r"|exam|test|finals|math|mondays?|this weather|cringe|embarrass\w*|so cute"
    r"|dying of laughter|wifi|wi-fi|internet|charger|gym clothes|group projects?|pep rally"
    r"|traffic|lunch line|cafeteria food|essay|quiz|pacer|report card|grounded|permission slip"
    r"|group chat|meme|alarm clock|the bus is late|bus is late|die of|died of|dying to)\b"
)
# The shapes hyperbole borrows; the others (a plan, a goodbye, a method, things given away)
# are not undone by a test named beside them ("what's the point of studying for finals when i
# won't be here for the results").
_FIGURATIVE = re.compile(
    r"\b(?:die|dying|dead|dye|kms|kill|killing|end it|done|can'?t|cant|anymore|disappear\w*"
    r"|sleep|wake up|over|rather)\b"
)
# Life events that explain an absence, a goodbye or things given away.
_LIFE_EVENT = re.compile(
    r"\b(?:moving|move to|moved|we'?re leaving|vacation|trip|out of town|transferr?\w*"
    r"|new (?:school|job|house)|retir\w*|graduat\w*|outgrew|outgrown|downsiz\w*|deploy\w*"
    r"|surgery|wedding|tournament|camp|spring break|summer break|winter break"
    r"|as (?:the |your |our )?(?:[\w-]+ ){0,2}(?:president|captain|secretary|treasurer|chair"
    r"|coach|principal|teacher|moderator|admin|editor|volunteer|announcer))\b"
)
_ABSENCE = re.compile(
    r"\b(?:won'?t|wont|will not|not|never)\b.*\b(?:be|make it)\b|\blast\b|\bgoodbye\b|\bbye\b"
    r"|\badios\b|\bgiv|\bgave\b|\bgetting rid\b|\bleaving\b|\bchecking out\b|\bsigning off\b"
    r"|\btake care\b|\bfarewell\b|\bnice knowing\b|\bwho gets\b"
)
# Recovery told in the past: "a year ago i wanted to die. today i'm graduating".
_PAST = re.compile(
    r"\b(?:used to|a year ago|years ago|months ago|last (?:year|spring|fall|winter|summer)"
    r"|back (?:then|when)|there was a time|i was in a dark place)\b"
)
_RECOVERED = re.compile(
    r"\b(?:it gets better|therapy helped|helped me|doing (?:so much |a lot )?better|clean (?:from"
    r"|for)|recovery|recovering|survived|graduating|proud of (?:myself|me)|glad i (?:stayed"
    r"|didn'?t|reached))\b"
)
# Advice that imagines someone: "if a friend tells you they want to hurt themselves, tell a
# trusted adult", "when someone talks about being a burden, ask directly".
_IMAGINED = re.compile(
    r"\b(?:if|when|whenever) (?:a|an|your|you|u|someone|somebody|anyone|anybody|they|a friend"
    r"|a classmate|a student|a child|a kid)\b|\b(?:anyone|someone|anybody|somebody) who\b"
    r"|\bwarning signs?\b|\bsigns? (?:of|like|include)\b|\bsuch as\b"
)
HELP = re.compile(
    r"\b(?:988|741741|hotline|lifeline|crisis (?:line|text line)|trusted adult|tell an adult"
    r"|warning signs?|counselors?|reach out|get help|talk to someone|prevention|awareness)\b"
)
# An alarm, not a life: "i don't want to wake up at 6 for zero period anymore".
_EARLY = re.compile(
    r"^\s*(?:at \d|early|so early|before \d|for (?:school|practice|class|zero"
    r"|work|\d)|on (?:time|a saturday|weekends))"
)


# The notes the threat grammar adds to self-harm words it explained away by what the comment
# is about (see :func:`lookalike`): the sentence stage does not read such a comment as possible
# self-harm. Hyperbole and figures of speech are not among them: a real signal may name a test
# beside it, and the stage still judges those.
EXPLAINED = ("(life event)", "(recovery)", "(advice)", "(alarm)")


# Where a clause of another begins: a negation in it ("if nothing changes i'm going to hurt
# myself") does not reach the shape after it.
_CLAUSE = re.compile(r"\b(?:if|unless|because|cause|but|so|when|until)\b")


def own_clause(before: str) -> str:
    """The words of ``before`` (the few words before a shape) that may negate it: those before
    a conditional or another clause opened in them."""
    return _CLAUSE.split(before)[0]


def lookalike(text: str, start: int, end: int) -> str | None:
    """Why the shape found at ``text[start:end]`` is not a self-harm signal, or None where it
    is one: ``"laughter"``, ``"hyperbole"``, ``"life event"``, ``"recovery"``, ``"advice"`` or
    ``"alarm"``."""
    said = text[start:end]
    sentence_start = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    before = text[sentence_start:start]
    if LAUGH.search(text):
        return "laughter"
    if _FIGURATIVE.search(said) and _TRIVIAL.search(text):
        return "hyperbole"
    if _ABSENCE.search(said) and _LIFE_EVENT.search(text):
        return "life event"
    if _PAST.search(text) and _RECOVERED.search(text):
        return "recovery"
    if _IMAGINED.search(before) and HELP.search(text):
        return "advice"
    if said.endswith("wake up") and _EARLY.match(text[end:]):
        return "alarm"
    return None


# Self-harm words that hyperbole borrows ("can't do this anymore, the wifi keeps cutting out",
# "i'm dead 😂"): said with laughter or a trivial cause and no shape of :data:`SIGNAL`, they
# are read as a figure of speech, so that a learned model's word counts do not escalate them.
FIGURE = screened(
    r"\b(?:can'?t|cant|cannot) (?:do this|take (?:it|this)|deal) anymore\b|\bkill me now\b"
    r"|\b(?:i'?m|im|i am) (?:so )?(?:dead|ded|done|over it)\b|\b(?:i )?(?:want|wanna) to (?:die"
    r"|disappear)\b|\bkms\b|\bdeath of me\b|\bkilling me\b|\bme muero\b|\bme quiero morir\b"
    r"|\bestoy muert[oa]\b|\bya no puedo\b|\bgoodbye cruel world\b|\bunalive\b"
)


def figure(text: str) -> str | None:
    """Self-harm words said as a figure of speech (laughter or a trivial cause beside them),
    as the words; None otherwise. Read only where :data:`SIGNAL` found nothing."""
    m = FIGURE.search(text)
    if m is None or not (LAUGH.search(text) or _TRIVIAL.search(text)):
        return None
    return m.group(0)


def possible(text: str) -> bool:
    """Whether any self-harm shape of this module is in ``text``."""
    return SIGNAL.search(text) is not None or across(text) is not None
