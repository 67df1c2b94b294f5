"""The full comment classifier: every registered recognizer, fused per category, then the
action decided by :func:`lanyard.moderation.domain.decide_action`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from lanyard.moderation.classifiers import (
    abuse_cues,
    registry,
    self_harm,
    threat_coded,
    threat_cues,
)
from lanyard.moderation.classifiers.abuse import MILD_NOTE
from lanyard.moderation.classifiers.base import Comment, Recognizer
from lanyard.moderation.classifiers.embedding_abuse import CATEGORIES as ABUSE_STAGE_CATEGORIES
from lanyard.moderation.classifiers.embedding_abuse import EmbeddingAbuseRecognizer
from lanyard.moderation.classifiers.embedding_threat import ID as EMBEDDING_THREAT_ID
from lanyard.moderation.classifiers.embedding_threat import EmbeddingThreatRecognizer
from lanyard.moderation.classifiers.embedding_threat import available as embedding_available
from lanyard.moderation.classifiers.embedding_threat import vectors as embedding_vectors
from lanyard.moderation.classifiers.evidence import rendered
from lanyard.moderation.classifiers.learned import REVIEW_ONLY
from lanyard.moderation.classifiers.names import StudentNames
from lanyard.moderation.classifiers.text import sentence_text
from lanyard.moderation.classifiers.threat import harm_named
from lanyard.moderation.classifiers.threat_context import (
    civic_consequence,
    past_incident,
    quotes_a_threat,
    reported_quote,
)
from lanyard.moderation.domain import (
    CATEGORY_IDS,
    Action,
    Criterion,
    ModerationResult,
    Signal,
    Threshold,
    decide_action,
)

MODEL_ID = "lanyard-moderation"
MODEL_VERSION = "2.1"
LEARNED_PREFIX = "lr-"
# A rule that saw the words but found them negated or only mentioned scores below this;
# it then damps what the learned models say about the same category.
_EXPLAINED_AWAY = 0.3
# The most a learned score alone gives a review-only category (below its flag threshold).
_REVIEW_CAP = 0.55
# The least a comment with mild profanity scores for vulgar language: the default review
# threshold (thresholds.json), so that a person reads it.
_MILD_REVIEW = 0.5
# The lowest threat score the sentence-embedding stage reads again (up to the flag threshold).
SECOND_STAGE_FROM = 0.3
# The lowest safety score (the grammar's or the learned model's: self-harm, dangers) at which
# the threat stage reads a comment with no threat signal and no cue word, as a possible
# self-harm signal said indirectly.
SELF_HARM_STAGE_FROM = 0.3
# The lowest personal-attack, discrimination or vulgar-language score (the highest of the
# three) at which the sentence-embedding abuse stage reads the comment, up to the flag
# threshold; a comment already flagged for any of them is not read.
ABUSE_STAGE_FROM = 0.3
# The lowest score whose evidence a moderator may read (every review threshold is higher):
# its phrases are shown as the comment writes them.
_SHOWN_FROM = 0.3


# The grammar's notes on a threat it read as mentioned, past news or a question: a cue word
# does not lower the stage's bar for such a comment.
_EXPLAINED_NOTES = ("(mentioned, not meant)", "(reported as past news)", "(asked as a question)")


@dataclass(frozen=True)
class _ThreatRead:
    """Why the threat stage reads a comment: the index of its threat signal (None: it has
    none), whether that signal is under ``SECOND_STAGE_FROM`` (a cue word alone sent it), and
    the cue word with its tier ("weak", "strong"; "self-harm" with no cue word: a self-harm
    word or a safety score sent it; None: the stage's own bar)."""

    at: int | None
    unsignalled: bool
    cue: str | None
    tier: str | None


def default_thresholds() -> dict[str, Threshold]:
    raw = (resources.files("lanyard.moderation") / "thresholds.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    return {c: Threshold(float(data[c]["flag"]), float(data[c]["review"])) for c in CATEGORY_IDS}


def fuse(signals: Iterable[Signal]) -> list[Signal]:
    """One signal per category: rules and learned models combined by noisy-OR.

    Where a rule recognized the words but explained them away (negation, counter-speech),
    the learned models' say is cut to 40 %.
    """
    # The strongest rule and the strongest learned signal of each category (the first of
    # equals, as ``max`` keeps it), in one pass; categories in the order they first appear.
    best: dict[str, list[Signal | None]] = {}
    for signal in signals:
        pair = best.get(signal.category)
        if pair is None:
            pair = best[signal.category] = [None, None]
        slot = signal.model_id.startswith(LEARNED_PREFIX)
        held = pair[slot]
        if held is None or signal.score > held.score:
            pair[slot] = signal
    fused: list[Signal] = []
    for category, (rule, model) in best.items():
        r = rule.score if rule else 0.0
        m = model.score if model else 0.0
        if rule is not None and r < _EXPLAINED_AWAY:
            m *= 0.4
        if category in REVIEW_ONLY:
            # A model alone may ask for review here, never add up to a flag.
            score = max(r, min(m, _REVIEW_CAP))
        else:
            score = 1.0 - (1.0 - r) * (1.0 - m)
        if rule is not None and MILD_NOTE in rule.evidence:
            score = max(score, _MILD_REVIEW)  # a person reads mild profanity
        shown = model is not None and m >= 0.15
        if rule is None and not shown:
            continue
        if rule is not None and shown:
            assert model is not None
            evidence = tuple(dict.fromkeys(rule.evidence + model.evidence))[:6]
            model_id = f"{rule.model_id}+{model.model_id}"
            version = f"{rule.model_version}+{model.model_version}"
        else:
            only = rule if rule is not None else model
            assert only is not None
            evidence = tuple(dict.fromkeys(only.evidence))[:6]
            model_id, version = only.model_id, only.model_version
        fused.append(Signal(category, round(min(score, 0.99), 4), evidence, model_id, version))
    return fused


class ModerationClassifier:
    """Scores comments against all twelve deletion criteria. Build once, reuse."""

    def __init__(
        self,
        *,
        recognizers: Sequence[Recognizer] | None = None,
        thresholds: Mapping[str, Threshold] | None = None,
        criteria: Mapping[str, Criterion] | None = None,
        embedding_threat: bool = False,
        embedding_abuse: bool | None = None,
        abuse_cues_on: bool = True,
    ) -> None:
        if recognizers is None:
            recognizers = [registry.create(rid) for rid in registry.registered()]
        self.recognizers = list(recognizers)
        self.thresholds = dict(thresholds or default_thresholds())
        self.criteria = criteria
        # The sentence-embedding threat model, when asked for and installed (a second stage).
        self.second_stage: EmbeddingThreatRecognizer | None = None
        if embedding_threat and embedding_available():
            self.second_stage = EmbeddingThreatRecognizer()
        # The sentence-embedding abuse heads: with the threat stage unless asked otherwise.
        if embedding_abuse is None:
            embedding_abuse = embedding_threat
        self.abuse_stage: EmbeddingAbuseRecognizer | None = None
        if embedding_abuse and embedding_available():
            self.abuse_stage = EmbeddingAbuseRecognizer()
        # How many comments each stage read (for the benchmark's report of the cascade).
        self.threat_stage_reads = 0
        self.threat_stage_cued_reads = 0
        self.abuse_stage_reads = 0
        # Whether a word of insult or invective alone sends a comment to the abuse stage.
        self.abuse_cues = abuse_cues_on

    def signals(self, comment: Comment) -> list[Signal]:
        return self.signals_many([comment])[0]

    def signals_many(self, comments: Sequence[Comment]) -> list[list[Signal]]:
        """The fused signals of each comment. Every recognizer reads each comment; then the
        comments the first stage left unsettled (:meth:`_reads_threat`, :meth:`_reads_abuse`)
        are encoded together, in one batched pass of the sentence encoder, and the two
        sentence stages read their vectors. The result for a comment does not depend on the
        others it is read with."""
        firsts: list[tuple[list[Signal], list[Signal]]] = []
        for comment in comments:
            out: list[Signal] = []
            for recognizer in self.recognizers:
                out.extend(recognizer.analyze(comment))
            firsts.append((out, fuse(out)))
        threat = [
            self._reads_threat(c, fused) for c, (_, fused) in zip(comments, firsts, strict=True)
        ]
        abuse = [
            self._reads_abuse(c, out, fused)
            for c, (out, fused) in zip(comments, firsts, strict=True)
        ]
        # What the encoder reads of each comment it is asked about (its normal form, handles
        # as the stages were trained: :func:`~lanyard.moderation.classifiers.text.sentence_text`).
        reads = {
            i: sentence_text(c.text) if "@" in c.norm else c.norm
            for i, (c, t, a) in enumerate(zip(comments, threat, abuse, strict=True))
            if t is not None or a
        }
        wanted = list(reads.values())
        vectors = dict(zip(wanted, embedding_vectors(wanted), strict=True)) if wanted else {}
        results: list[list[Signal]] = []
        for i, ((out, fused), at, reads_abuse) in enumerate(
            zip(firsts, threat, abuse, strict=True)
        ):
            if at is not None:
                assert self.second_stage is not None
                self.threat_stage_reads += 1
                self.threat_stage_cued_reads += at.unsignalled
                stage = self.second_stage.signal(vectors[reads[i]], cue=at.tier)
                fused = self._threat_opinion(fused, at, stage)
            if reads_abuse:
                assert self.abuse_stage is not None
                self.abuse_stage_reads += 1
                # A rule that saw the words and explained them away (negation,
                # counter-speech: "calling someone a … is never okay") is not overruled by
                # the sentence model.
                explained = {
                    s.category
                    for s in out
                    if not s.model_id.startswith(LEARNED_PREFIX) and s.score < _EXPLAINED_AWAY
                }
                second = self.abuse_stage.signals(vectors[reads[i]])
                fused = self._abuse_opinion(fused, second, explained)
            results.append(self._lookalike_review(comments[i], fused))
        return results

    def _reads_threat(self, comment: Comment, fused: list[Signal]) -> _ThreatRead | None:
        """Whether the sentence model reads the comment for a threat, and why: the rules and
        the learned models left a threat unsettled (a threat score of at least
        ``SECOND_STAGE_FROM`` but under the flag threshold), or gave it no signal but a cue
        word is there (:mod:`~lanyard.moderation.classifiers.threat_cues`: implied, group and
        coded threats name no harm the grammar knows). A cue also lowers the stage's bar for
        a comment left unsettled, unless the grammar read it as mentioned, past news or a
        question, or a quotation in it holds a threat's words (the comment talks about a
        threat: ``threat_context.quotes_a_threat``). Other comments, those already flagged, and harm
        wished on oneself or in jest ("my mom is going to kill me") are not read: the encoder
        costs more than all the rest; nor is a comment that hands a group something good
        ("every junior is gonna get their yearbook friday": ``threat_coded.good_news``)."""
        if self.second_stage is None:
            return None
        at = next((i for i, s in enumerate(fused) if s.category == "threat"), None)
        score = fused[at].score if at is not None else 0.0
        if score >= self.thresholds["threat"].flag:
            return None
        cue = threat_cues.cue(comment.norm)
        unsignalled = score < SECOND_STAGE_FROM
        sad = unsignalled and cue is None and self._may_be_self_harm(comment, fused)
        if unsignalled and cue is None and not sad and not self._names_harm(comment, fused):
            return None
        if threat_cues.hyperbole(comment.norm) or threat_coded.good_news(comment.norm):
            return None
        if sad:
            return _ThreatRead(at, unsignalled, None, "self-harm")
        explained = at is not None and any(e.endswith(_EXPLAINED_NOTES) for e in fused[at].evidence)
        if cue is None or explained or quotes_a_threat(comment.norm):
            return _ThreatRead(at, unsignalled, None, None)
        return _ThreatRead(at, unsignalled, cue[0], "strong" if cue[1] else "weak")

    def _names_harm(self, comment: Comment, fused: list[Signal]) -> bool:
        """A threat the grammar's shapes missed and its threat model declined, where the
        grammar still sees harm named with a person, a place or a time, or a staff member, a
        place or a time with nothing that reads as a look-alike
        (:func:`~lanyard.moderation.classifiers.threat.harm_named`: "stab jayden at lunch, watch
        me", "coach whitfield wont be walking after friday. promise"). The stage reads it at
        its own bar. Not a comment the first stage found vulgar (a score of at least the
        review threshold): the stage learned from district-page comments and reads profane
        chatter ("… at the mall, bitch") as a threat."""
        vulgar = self.thresholds["vulgar_language"].review
        if any(s.category == "vulgar_language" and s.score >= vulgar for s in fused):
            return False
        return harm_named(comment.norm) is not None

    @staticmethod
    def _may_be_self_harm(comment: Comment, fused: list[Signal]) -> bool:
        """A self-harm signal said without the grammar's words ("wrote letters to my little
        sister tonight, they'll understand someday"): the first stage gave a safety score of at
        least ``SELF_HARM_STAGE_FROM``, or a self-harm cue word is there
        (:func:`~lanyard.moderation.classifiers.threat_cues.self_harm`). The stage reads it at
        the bar chosen in training for such comments (``self_harm_flag_at``), never a threat
        cue's."""
        said = [s for s in fused if s.category == "safety"]
        if any(e.endswith(self_harm.EXPLAINED) for s in said for e in s.evidence):
            return False  # the grammar read the words as a move, recovery, advice, an alarm
        safety = max((s.score for s in said), default=0.0)
        return safety >= SELF_HARM_STAGE_FROM or threat_cues.self_harm(comment.norm) is not None

    def _threat_opinion(
        self, fused: list[Signal], read: _ThreatRead, second: Signal
    ) -> list[Signal]:
        """The stage's threat signal where it is higher than the first stage's; a comment a
        cue alone sent must reach the flag threshold (the cue word joins the evidence)."""
        if read.unsignalled and second.score < self.thresholds["threat"].flag:
            return fused
        if read.cue is not None:
            second = Signal(
                second.category,
                second.score,
                (*second.evidence, f"cue: {read.cue}"),
                second.model_id,
                second.model_version,
            )
        if read.at is None:
            return [*fused, second]
        return _stronger(fused, read.at, second)

    def _lookalike_review(self, comment: Comment, fused: list[Signal]) -> list[Signal]:
        """A threat flagged in a comment that tells of a past incident and points at nothing
        to come (:func:`~lanyard.moderation.classifiers.threat_context.past_incident`: "two
        years ago someone threatened to shoot up marston high and the police caught him"),
        or in an angry complaint whose consequence is a vote, the law or a complaint
        (:func:`~lanyard.moderation.classifiers.threat_context.civic_consequence`: "there
        will be consequences at the ballot box"), only asks for review, whichever stage
        flagged it; so does a comment the sentence stage flagged on words it quotes to report,
        debunk or condemn them
        (:func:`~lanyard.moderation.classifiers.threat_context.reported_quote`: "the rumor
        about 'something big tuesday' was checked by police"), and a safety danger flagged on
        the same words. Read only for a comment flagged as a threat."""
        flag = self.thresholds["threat"].flag
        at = next((i for i, s in enumerate(fused) if s.category == "threat"), None)
        if at is None or fused[at].score < flag:
            return fused
        # Self-harm, told with a past ("since last year i don't want to be here"), escalates.
        said = (e for s in fused if s.category in ("threat", "safety") for e in s.evidence)
        if any(e.startswith("self-harm") for e in said) or threat_cues.self_harm(comment.norm):
            return fused
        when = past_incident(comment.norm)
        why = f"a past incident ({when})" if when is not None else None
        if why is None and (means := civic_consequence(comment.norm)) is not None:
            why = f"a complaint's consequence ({means})"
        threat = fused[at]
        if (
            why is None
            and threat.model_id.split("+")[-1] == EMBEDDING_THREAT_ID
            and (told := reported_quote(comment.norm)) is not None
        ):
            why = f"a quoted threat, reported or condemned ({told})"
        if why is None:
            return fused
        fused = list(fused)
        for i, s in enumerate(fused):
            same = s.category == "safety" and set(s.evidence) & set(threat.evidence)
            if i == at or (same and s.score >= self.thresholds["safety"].flag):
                note = f"{why}: for a person to judge"
                fused[i] = Signal(
                    s.category,
                    min(s.score, _REVIEW_CAP),
                    (*s.evidence, note),
                    s.model_id,
                    s.model_version,
                )
        return fused

    def _reads_abuse(self, comment: Comment, out: list[Signal], fused: list[Signal]) -> bool:
        """Whether the sentence model reads the comment for abuse: the first stage saw a cue
        of abuse (a personal-attack, discrimination or vulgar-language score of at least
        ``ABUSE_STAGE_FROM``) but flagged none of the three, or scored less but the comment
        holds a word of insult, invective or mild profanity
        (:mod:`~lanyard.moderation.classifiers.abuse_cues`) that no rule explained away."""
        if self.abuse_stage is None:
            return False
        scores = {s.category: s.score for s in fused if s.category in ABUSE_STAGE_CATEGORIES}
        if any(score >= self.thresholds[c].flag for c, score in scores.items()):
            return False
        if scores and max(scores.values()) >= ABUSE_STAGE_FROM:
            return True
        if not self.abuse_cues or abuse_cues.cue(comment.norm) is None:
            return False
        return not any(
            s.category in ABUSE_STAGE_CATEGORIES
            and not s.model_id.startswith(LEARNED_PREFIX)
            and s.score < _EXPLAINED_AWAY
            for s in out
        )

    def _abuse_opinion(
        self, fused: list[Signal], seconds: list[Signal], explained: set[str]
    ) -> list[Signal]:
        """For each of the abuse stage's categories the higher score counts, except where a
        rule explained the words away."""
        at = {s.category: i for i, s in enumerate(fused) if s.category in ABUSE_STAGE_CATEGORIES}
        for second in seconds:
            if second.category in explained:
                continue
            i = at.get(second.category)
            if i is None:
                if second.score >= self.thresholds[second.category].review:
                    fused.append(second)
                continue
            fused = _stronger(fused, i, second)
        return fused

    def classify(
        self,
        text: str,
        *,
        site_purpose: str | None = None,
        student_names: StudentNames | tuple[str, ...] = (),
        own_sites: tuple[str, ...] = (),
    ) -> ModerationResult:
        """Score one comment. ``student_names`` are the directory's students: a
        :class:`StudentNames` index built once (``StudentNames.of(names)``) or a tuple of
        full names (indexed and cached on first use). ``own_sites`` are the district's web
        domains and official accounts (domains, addresses or handles): links to them, and
        short links named after them, are not spam."""
        return self.classify_many(
            [text], site_purpose=site_purpose, student_names=student_names, own_sites=own_sites
        )[0]

    def classify_many(
        self,
        texts: Sequence[str],
        *,
        site_purpose: str | None = None,
        student_names: StudentNames | tuple[str, ...] = (),
        own_sites: tuple[str, ...] = (),
    ) -> list[ModerationResult]:
        """Score many comments of one page, in order: each as :meth:`classify` scores it,
        with the sentence encoder run once over all the comments it reads."""
        comments = [
            Comment.of(
                text, site_purpose=site_purpose, student_names=student_names, own_sites=own_sites
            )
            for text in texts
        ]
        return [
            decide_action(
                [
                    Signal(
                        s.category,
                        s.score,
                        rendered(text, s.evidence),
                        s.model_id,
                        s.model_version,
                    )
                    if s.evidence and s.score >= _SHOWN_FROM
                    else s
                    for s in signals
                ],
                self.thresholds,
                self.criteria,
                MODEL_ID,
                MODEL_VERSION,
            )
            for text, signals in zip(texts, self.signals_many(comments), strict=True)
        ]


def _stronger(fused: list[Signal], at: int, second: Signal) -> list[Signal]:
    """``fused`` with the sentence stage's signal for the category at ``at`` where its score
    is higher than the first stage's (evidence of both, the stage's first)."""
    first = fused[at]
    if second.score <= first.score:
        return fused
    evidence = tuple(dict.fromkeys(second.evidence + first.evidence))[:6]
    fused[at] = Signal(
        second.category,
        second.score,
        evidence,
        f"{first.model_id}+{second.model_id}",
        f"{first.model_version}+{second.model_version}",
    )
    return fused


def criteria_from_pack(deletion_criteria: Iterable[object]) -> dict[str, Criterion]:
    """A pack's deletion criteria (objects with category, action, clause) by category."""
    out: dict[str, Criterion] = {}
    for item in deletion_criteria:
        category = str(getattr(item, "category"))  # noqa: B009
        clause = getattr(item, "clause", None)
        action = Action(str(getattr(item, "action", "remove")))
        if category in out:
            # Several clauses for one category: the most severe action, clauses joined.
            old = out[category]
            severe = max(old.action, action, key=lambda a: list(Action).index(a))
            clauses = "; ".join(c for c in (old.clause, clause) if c)
            out[category] = Criterion(category, severe, clauses or None)
        else:
            out[category] = Criterion(category, action, str(clause) if clause else None)
    return out
