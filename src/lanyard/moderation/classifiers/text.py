"""Text normalization shared by the rules and the learned models (training uses it too).

:func:`plain` undoes tricks that change how text looks but keep it readable for a person:
Unicode compatibility forms and accents, look-alike letters from other scripts, zero-width
characters, and domains written out ("bit dot ly", "example[.]com"). :func:`normalize`
then lower-cases and undoes spelling tricks: leetspeak ("k1ll", "$hit"), letters spaced or
dotted apart ("k i l l", "s.h.o.o.t"), letters repeated ("kiiiill") and adjacent letters
swapped or doubled in the words the recognizers look for ("klil", "shooot"). Every
recognizer reads the result, so one fix reaches all of them.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from lanyard.moderation.classifiers.screen import screened

_RT = re.compile(r"^\s*(?:rt\s+)?@\w+:?\s*", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_URL = screened(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|ly|co|io)\b\S*")
# A letter (never a digit: "$1,000", "555-0100") written three times or more.
_REPEAT = re.compile(r"([a-z])\1{2,}")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_LEET = str.maketrans(
    {"@": "a", "$": "s", "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "!": "i"}
)
_LEET_WORD = screened(
    r"(?<![\w@$])[a-z@$]*[0134578@$][a-z@$0134578]*[a-z]\b|\b[a-z]+[@$!][a-z]+\b"
    r"|\b[a-z]{2,}[0134]{1,3}\b"
)
# What each leetspeak character may stand for: "1" is an "i" in "k1ll" but an "l" in "ki11"
# and "schoo1", "@" an "a" in "b@d" but an "o" in "sh@@t". A reading that is one of the
# recognizers' words wins; otherwise the first letter of each.
_LEET_CHOICES = {
    "@": "ao", "$": "s", "0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "!": "il",
}  # fmt: skip
_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"}
)
# Letters from other scripts that look like Latin ones (Cyrillic and Greek), and invisibles.
_HOMOGLYPHS = str.maketrans(
    {
        "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
        "\u0443": "y", "\u0445": "x", "\u0456": "i", "\u0455": "s", "\u0458": "j", "\u04bb": "h",
        "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M",
        "\u041d": "H", "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T",
        "\u0425": "X", "\u03bf": "o", "\u03b1": "a", "\u03b5": "e", "\u03b9": "i",
        "\u03ba": "k", "\u03bd": "v", "\u03c1": "p", "\u03c4": "t", "\u03c5": "u",
        "\u200b": "", "\u200c": "", "\u200d": "", "\u2060": "", "\ufeff": "", "\u00ad": "",
    }
)  # fmt: skip
_TLD = (
    r"(?:com|net|org|info|biz|io|co|ly|me|tv|gl|us|xyz|top|club|online|site|shop|store|link|gg"
    r"|app|ru|cn)"
)
# "bit dot ly", "bit(.)ly", "bit [.] ly", "example . com", "example,com". The name is taken
# whole ("{2,}+", no backtracking): no separator can follow one of its own letters, so the
# matches are those of "{2,}", without the engine trying every shorter name first.
_DOMAIN_WRITTEN = re.compile(
    rf"\b([a-z0-9-]{{2,}}+)\s*(?:[\(\[\{{<]\s*(?:dot|\.)\s*[\)\]\}}>]|\s+dot\s+|\s\.\s?|\.\s|,)\s*({_TLD})\b",
    re.IGNORECASE,
)
# Three or more single letters split by one space, dot, dash, underscore or star: "k i l l".
_SPACED = re.compile(r"(?<![\w'])(?:[a-z][ ._*-]){2,}[a-z](?![\w'])")
_STANDALONE = frozenset("a i u".split())

# Words the recognizers look for. Spelling tricks are undone towards these only, so ordinary
# words are never "corrected" (a swapped "form" stays "form").
KEYWORDS = frozenset(
    """
    kill kills killing killed killer murder murdered shoot shoots shooting shooter shot guns gun
    rifle pistol glock shotgun knife knives machete bomb bombs bombing explosive explosives
    grenade weapon weapons ammo bullets bullet stab stabbing strangle choke hurt harm attack
    massacre slaughter burn hang lynch rape raped rapist beat punch slap die dies dead death
    blood bleed suicide suicidal kms unalive myself threat threaten school class campus everyone
    everybody teacher principal students
    fuck fucking fucker fucked shit shitty bitch bitches bastard asshole cunt dick pussy whore
    slut damn crap piss stupid idiot idiots moron morons dumb loser losers retard retarded
    trash garbage ugly hate hater kys stfu gtfo ugly pathetic worthless disgusting freak
    nigger nigga faggot fag dyke tranny spic chink kike wetback beaner gook coon paki
    free money cash click subscribe follow channel promo code discount sale crypto bitcoin
    weed drugs pills cocaine vape vapes
    locker lockers monday tuesday wednesday thursday friday tomorrow
    """.split()
)

# Short common words that happen to be swaps or squeezes of a keyword: never rewritten.
_REAL_WORDS = frozenset(
    "form from gnu ide dei ides beta con carp coed niger wed shots pis sult stuf shoto".split()
)


def _squeeze(word: str) -> str:
    return re.sub(r"(\w)\1+", r"\1", word)


def _typo_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for word in sorted(KEYWORDS):
        if len(word) >= 4:
            for i in range(len(word) - 1):
                if word[i] != word[i + 1]:
                    swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                    if swapped not in KEYWORDS and swapped not in _REAL_WORDS:
                        out.setdefault(swapped, word)
        squeezed = _squeeze(word)
        if squeezed != word and squeezed not in KEYWORDS | _REAL_WORDS:
            out.setdefault(squeezed, word)
    return out


_TYPOS = _typo_map()
_TYPO_KEYS = frozenset(_TYPOS)
_SQUEEZED = frozenset(_squeeze(w) for w in KEYWORDS) | _TYPO_KEYS
_TOKEN = re.compile(r"[a-z]{3,}")

_NEGATORS = frozenset(
    "not never no nobody nothing neither nor without n't cannot cant dont don't wont won't "
    "wouldn't wouldnt shouldn't shouldnt didn't didnt isn't isnt aren't arent ain't "
    "couldn't couldnt stop against".split()
)
_CLAUSE_BREAK = re.compile(r"[.!?;\n]|\bbut\b|\bhowever\b|\balthough\b")


@lru_cache(maxsize=256)
def plain(text: str) -> str:
    """The text as a reader sees it: compatibility forms, no accents, no look-alike letters
    from other scripts, no invisible characters, written-out domains joined ("bit.ly").
    Cached for the few comments in flight: a comment, its normal form and the learned
    models' text usually read the same string."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(_HOMOGLYPHS))
        decomposed = unicodedata.normalize("NFKD", text)
        # the accents, looked up once per distinct character and removed in one pass
        marks = [ch for ch in set(decomposed) if unicodedata.combining(ch)]
        text = decomposed.translate(dict.fromkeys(map(ord, marks))) if marks else decomposed
        text = text.translate(_APOSTROPHES)
    if "dot" in text or "." in text or "," in text or "(" in text or "[" in text:
        text = _DOMAIN_WRITTEN.sub(r"\1.\2", text)
    return text


_NUMBER_WORD = re.compile(
    r"\d+(?:st|nd|rd|th|s|am|pm|k|m|x|d|h|min|yr|yrs|lbs|mm|ft|in)|mp[34]|covid1|[a-z]+[0-9]{2,}"
)


@lru_cache(maxsize=65536)
def _keyword_reading(word: str) -> str | None:
    """The reading of a leetspeak word that is one of the recognizers' words, if any
    (remembered per word: up to 2**4 spellings are tried, and handles and words recur)."""
    slots = [_LEET_CHOICES.get(ch, ch) for ch in word]
    if sum(len(slot) > 1 for slot in slots) > 4:
        return None
    for letters in itertools.product(*slots):
        candidate = "".join(letters)
        if candidate in KEYWORDS:
            return candidate
        squeezed = _squeeze(candidate)
        if squeezed in KEYWORDS:
            return squeezed
    return None


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    keyword = _keyword_reading(word)
    if keyword is not None:
        return keyword
    return word if _NUMBER_WORD.fullmatch(word) else word.translate(_LEET)


# A handle ("@lincoln_hs", "@USER") and an e-mail address are kept as written: their "@" is
# not an "a". A handle reads as leetspeak only when it spells one of the recognizers' words
# ("@sshole") or is too short to be a name ("@ss").
_HANDLE = re.compile(r"@\w{3,}")
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b")


def may_hold_address(text: str) -> bool:
    """Whether ``text`` may hold an e-mail address: an "@" with a "." somewhere after it (every
    match of an address pattern has both). Most comments with an "@" hold a handle only."""
    at = text.find("@")
    return at >= 0 and text.find(".", at) >= 0


def _unleet_around_at(text: str) -> str:
    """:func:`_unleet` over a text holding an "@", leaving handles and addresses alone."""
    addresses: list[tuple[int, int]] | None = None  # found when a word first needs them

    def unleet(match: re.Match[str]) -> str:
        nonlocal addresses
        word = match.group(0)
        if "@" in word:
            start, end = match.span()
            if word[0] == "@" and _HANDLE.fullmatch(word) and _keyword_reading(word) is None:
                return word
            if addresses is None:
                addresses = (
                    [m.span() for m in _ADDRESS.finditer(text)] if may_hold_address(text) else []
                )
            if any(a <= start and end <= b for a, b in addresses):
                return word
        return _unleet(match)

    return _LEET_WORD.sub(unleet, text)


def _respell(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in KEYWORDS:
        return word
    fixed = _TYPOS.get(word)
    if fixed is None and word[-1] == "s" and word[:-1] in _TYPOS:
        fixed = _TYPOS[word[:-1]] + "s"
    if fixed is None:
        squeezed = _squeeze(word)
        fixed = squeezed if squeezed in KEYWORDS else _TYPOS.get(squeezed)
    return fixed or word


def _known(letters: str) -> bool:
    word = _REPEAT.sub(r"\1\1", letters)
    return word in KEYWORDS or word in _TYPOS or _squeeze(word) in KEYWORDS


def _join_spaced(match: re.Match[str]) -> str:
    spaced = match.group(0)
    letters = re.sub(r"[ ._*-]", "", spaced)
    if _known(letters):
        return letters
    # "a g u n": an article or pronoun before the spaced word
    if letters[0] in _STANDALONE and len(letters) > 3 and _known(letters[1:]):
        return spaced[:2] + letters[1:]
    return spaced


# Threat words with a letter masked or written as a digit ("m*rder", "k*ll", "d13"): undone
# only towards these words, so that a masked swear word stays as the swear lists know it.
_MASKABLE = (
    "kill killed killing murder shoot shooting stab bomb die dead gun guns knife blood hurt"
).split()
_MASKED = re.compile(r"(?<![\w*])[a-z][a-z0-9*]*(?:\*|(?<=[a-z])[0134])[a-z0-9*]*(?![\w*])")
_MASK_PATTERNS = tuple(
    (
        re.compile(
            "".join(
                f"[{ch}*{''.join(k for k, v in _LEET_DIGITS.items() if v == ch)}]" for ch in word
            )
            + "$"
        ),
        word,
    )
    for word in _MASKABLE
    for _LEET_DIGITS in ({"0": "o", "1": "i", "3": "e", "4": "a"},)
)


def _unmask(match: re.Match[str]) -> str:
    token = match.group(0)
    for pattern, word in _MASK_PATTERNS:
        if len(word) == len(token) and pattern.match(token):
            return word
    return token


# Words spelled the way they sound, or a pipe for an "l" ("ki||"): read as the word meant.
_SOUND_ALIKES = {
    "skool": "school", "skewl": "school", "scool": "school", "skul": "school", "skwl": "school",
    "gunz": "guns", "h8": "hate", "h8ed": "hated", "h8rs": "haters", "h8r": "hater",
    "ded": "dead", "bom": "bomb", "bomm": "bomb",
}  # fmt: skip
_SOUND_ALIKE = re.compile(r"\b(?:" + "|".join(_SOUND_ALIKES) + r")\b")
_PIPED = re.compile(r"(?<![\w|])[a-z]*[a-z|]\|[a-z|]*(?![\w|])")


def _unpipe(match: re.Match[str]) -> str:
    token = match.group(0)
    slots = ["li" if ch == "|" else ch for ch in token]
    if sum(len(slot) > 1 for slot in slots) > 3:
        return token
    for letters in itertools.product(*slots):
        word = "".join(letters)
        if _known(word):
            return word
    return token


# Words written with a digit for a syllable: "every1", "2day". Read before leetspeak, which
# would take the digit for a letter ("everyi").
_NUMBER_SLANG = {
    "every1": "everyone", "some1": "someone", "any1": "anyone", "no1": "no one",
    "2day": "today", "2nite": "tonight", "2night": "tonight", "2morrow": "tomorrow",
    "2moro": "tomorrow", "2mrw": "tomorrow",
}  # fmt: skip
_NUMBER_SLANG_RE = screened(r"\b(?:" + "|".join(_NUMBER_SLANG) + r")\b")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Lower-case, unescape HTML, undo obfuscation and spelling tricks, collapse spaces."""
    return _normalized(text, keep_at=True)


@lru_cache(maxsize=256)
def sentence_text(text: str) -> str:
    """What the sentence encoder reads: :func:`normalize`'s text, but with the "@" of a
    handle or an e-mail address read as leetspeak ("@USER" as "auser"), as the sentence
    stages' heads were trained (``train_embedding``, ``train_embedding_abuse``) before
    handles were kept; to be dropped when they are trained again."""
    kept = normalize(text)
    return kept if "@" not in kept else _normalized(text, keep_at=False)


def _normalized(text: str, *, keep_at: bool) -> str:
    text = plain(html.unescape(text)).translate(_APOSTROPHES).lower()
    text = _NUMBER_SLANG_RE.sub(lambda m: _NUMBER_SLANG[m.group(0)], text)
    if keep_at and "@" in text:
        text = _unleet_around_at(text)
    else:
        text = _LEET_WORD.sub(_unleet, text)
    if "|" in text:
        text = _PIPED.sub(_unpipe, text)
    text = _SPACED.sub(_join_spaced, text)
    if "*" in text or _DIGIT_IN_WORD.search(text):
        text = _MASKED.sub(_unmask, text)
    text = _REPEAT.sub(r"\1\1", text)
    text = _SOUND_ALIKE.sub(lambda m: _SOUND_ALIKES[m.group(0)], text)
    if _needs_respelling(text):
        text = _TOKEN.sub(_respell, text)
    return _SPACES.sub(" ", text).strip()


_DOUBLE = re.compile(r"([a-z])\1")
_DIGIT_IN_WORD = re.compile(r"[a-z][0134]")


def _needs_respelling(text: str) -> bool:
    """Cheap test before the word-by-word pass: a known misspelling, or a doubled letter."""
    tokens = set(_TOKEN.findall(text))
    if not _TYPO_KEYS.isdisjoint(tokens):
        return True
    return any(map(_doubled_keyword, tokens))


@lru_cache(maxsize=65536)
def _doubled_keyword(token: str) -> bool:
    """A word with a doubled letter that squeezes to a keyword or a known misspelling of one
    (remembered per word: most words recur from comment to comment)."""
    return bool(_DOUBLE.search(token)) and token not in KEYWORDS and _squeeze(token) in _SQUEEZED


def clear_caches() -> None:
    """Forget every text and word read (benchmarks start cold)."""
    for cached in (normalize, sentence_text, plain, _keyword_reading):
        cached.cache_clear()


def model_text(text: str) -> str:
    """The text the learned models see: no retweet header, mentions and links as tokens."""
    text = html.unescape(text)
    text = _RT.sub("", text)
    text = _URL.sub(" httplink ", plain(text))
    text = _MENTION.sub(" atuser ", text)
    return normalize(text)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def features(text: str) -> list[str]:
    """Unigrams and bigrams of the model text (the learned models' vocabulary)."""
    tokens = words(model_text(text))
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


_CHAR_SIZES = (3, 4, 5)
# A negated stretch: from "not", "never" or a "-n't" verb to the end of its clause.
_NEGATED_SPAN = re.compile(
    r"\b(?:not|never|no longer|(?:is|are|was|were|do|does|did|would|should|could|ca|wo|have|has)"
    r"n't|(?:is|are|was|were|do|does|did|would|should|could|wo|have|has)nt|cant|cannot)\b"
    r"[^,.;:!?\n]*"
)


def char_features(text: str, *, drop_negated: bool = False) -> set[str]:
    """Word uni- and bigrams plus character 3- to 5-grams inside each padded word of the
    model text (marked ``~``): a spelling the normalizer did not undo, a new compound or a
    word stem still shares most of its character grams with the words seen in training.

    ``drop_negated`` leaves out each negated stretch ("are not criminals", "would never
    hurt anyone"), to ask whether the comment still says it without them."""
    return char_grams(model_text(text), drop_negated=drop_negated)


def has_negation(model: str) -> bool:
    return _NEGATED_SPAN.search(model) is not None


_DENIAL = re.compile(r"\b(?:never|(?:would|will|could)(?: not|n't|nt)|wont|won't)\b")


def has_denial(model: str) -> bool:
    """A denial of intent ("I would never…", "I won't…"), not the "can't go on" of despair."""
    return _DENIAL.search(model) is not None


def char_grams(model: str, *, drop_negated: bool = False) -> set[str]:
    if drop_negated:
        model = without_negated(model)
    tokens = words(model)
    feats = set(tokens)
    feats.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    for token in tokens:
        feats.update(token_grams(token))
    return feats


def without_negated(model: str) -> str:
    """The model text with each negated stretch left out (see :func:`char_features`)."""
    return _NEGATED_SPAN.sub(" ", model)


def token_grams(token: str) -> list[str]:
    """A word's character 3- to 5-grams, padded with a space either side and marked ``~``."""
    padded = f" {token} "
    last = len(padded)
    return ["~" + padded[i : i + n] for n in _CHAR_SIZES for i in range(last - n + 1)]


def clause_before(text: str, start: int, max_words: int = 6) -> list[str]:
    """The last few words before ``start`` in the same clause (normalized text)."""
    prefix = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(prefix))
    if breaks:
        prefix = prefix[breaks[-1].end() :]
    return words(prefix)[-max_words:]


def negated(text: str, start: int, max_words: int = 6) -> bool:
    """Whether a negator stands shortly before ``start`` in the same clause."""
    return any(
        word in _NEGATORS or word.endswith("n't") for word in clause_before(text, start, max_words)
    )


def quoted(text: str, start: int, end: int) -> bool:
    """Whether the span sits inside quotation marks (mentioned, not used)."""
    before = text[:start]
    after = text[end:]
    for mark in ('"', "'"):
        if before.count(mark) % 2 == 1 and mark in after:
            if mark == "'" and not re.search(r"(?:^|\s)'\S*$", before):
                continue
            return True
    return False


def alternation(terms: Iterable[str]) -> str:
    """A regex alternation, longest first, of terms that may already hold regex syntax."""
    return "|".join(sorted(set(terms), key=len, reverse=True))
