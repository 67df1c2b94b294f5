"""Which comments the sentence-embedding abuse stage reads although the first stage scored no
abuse worth a second look.

The abuse stage (:mod:`~lanyard.moderation.classifiers.embedding_abuse`) reads a comment only
where the lexicon or the n-gram models gave personal attack, discrimination or vulgar
language a score of at least ``ABUSE_STAGE_FROM`` (0.3). An insult word the attack patterns
could not tie to a target ("@coach_b clown show as usual", "what a fraud this whole board
is") scores 0.2, and invective the lists do not hold ("liar", "hypocrite", "fascist",
"corrupt", "disgrace", "sucks") scores nothing, so the stage never saw them: on OLID (never
trained on) about a third of the offensive tweets the classifier missed held one of these
words. :func:`cue` is the cheap test that sends such a comment to the stage anyway; the
stage, not the cue, decides at its own cut-offs. A comment whose abuse a rule explained away
(negation, counter-speech) is still never overruled.
"""

from __future__ import annotations

from lanyard.moderation.classifiers import lexicon
from lanyard.moderation.classifiers.screen import screened
from lanyard.moderation.classifiers.text import alternation

# Invective and contempt the insult list leaves out, and mild profanity. Written from the
# kinds of OLID's misses (aggregate word counts, never its rows) and the team sets' attacks.
_INVECTIVE = (
    r"liars?|lying|fraud\w*|frauds|hypocrit\w*|hypocrisy|fascis\w*|nazis?|commies?|corrupt\w*"
    r"|evil|disgrace\w*|shameful|shame on|traitors?|treasonous|deranged|unhinged|insane"
    r"|crazy|nutcase|psychos?|sociopaths?|brainwashed|sheeple|snowflakes?|libtards?"
    r"|cucks?|bigots?|bigoted|racists?|sexists?|misogynists?|arrogant|spineless|gutless"
    r"|selfish|greedy|entitled|smug|sleaze\w*|slimy|gross|embarrassing|embarrassment"
    r"|laughingstock|ridiculous|clowns?|clown show|circus|joke|puppet|shill|grifters?|crooks?"
    r"|crooked|thieves|thief|criminals?|thugs?|pigs?|rats?|sickening"
    r"|disgusted|pathetic|hopeless|brain ?dead|airhead|bimbo|karen|boomer|shut up|stfu|gtfo"
    r"|sucks?|suck it|crap\w*|hell|damn\w*|dammit|wtf|butt\w*|ass|asses|piss\w*|freaking"
    r"|frickin\w*|effing|bs"
)
_CUE = screened(rf"(?<![\w*#])(?:{alternation(lexicon.INSULTS)}|{_INVECTIVE})(?![\w*#])")


def cue(norm: str) -> str | None:
    """The first word of insult, invective or mild profanity in a normalized comment (the
    abuse stage reads it), or None."""
    m = _CUE.search(norm)
    return None if m is None else " ".join(m.group(0).split())
