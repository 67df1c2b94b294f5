"""Spelling tricks are undone before any recognizer reads a comment."""

from __future__ import annotations

import pytest

from lanyard.moderation.classifiers.text import normalize, plain, sentence_text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("k i l l you", "kill you"),
        ("s.h.o.o.t up the school", "shoot up the school"),
        ("I will klil you", "i will kill you"),
        ("kiiiiill", "kill"),
        ("you are a stuuupid id10t", "you are a stupid idiot"),
        ("$hit", "shit"),
        ("sh!t", "shit"),
        ("th3 b0mb", "the bomb"),
        ("ѕhооt", "shoot"),
        ("k\u200bill", "kill"),
        # a "1" read as an "l", an "@" as an "o", digits at the end of a word
        ("i will ki11 you", "i will kill you"),
        ("shoot up the schoo1 tmrw", "shoot up the school tmrw"),
        ("sh@@t up the c1ass", "shoot up the class"),
        ("bring a gunn to class", "bring a gun to class"),
        ("k!ll", "kill"),
        # letters split by dashes, full-width letters, accents, invisible joiners
        ("k-i-l-l them", "kill them"),
        ("\uff4b\uff49\uff4c\uff4c", "kill"),
        ("k\u00edll", "kill"),
        ("k\u2060i\u2060l\u2060l", "kill"),
        ("k\u00adill", "kill"),
        ("\u0455\u0441h\u043e\u043el", "school"),
        # a pipe for an "l" or an "i"
        ("ki|| u", "kill u"),
        ("k|ll", "kill"),
        # written as it sounds
        ("bringing gunz to skool", "bringing guns to school"),
        ("shoot up the sk00l", "shoot up the school"),
        ("i h8 u", "i hate u"),
        ("u r ded", "u r dead"),
        ("i will b0m the gym", "i will bomb the gym"),
        ("gonna unal1ve myself", "gonna unalive myself"),
        ("k.m.s", "kms"),
        ("shoooooot", "shoot"),
        # a digit for a syllable
        ("kill every1 2day", "kill everyone today"),
        ("see you 2morrow", "see you tomorrow"),
    ],
)
def test_spelling_tricks_are_undone(written: str, read: str) -> None:
    assert normalize(written) == read


@pytest.mark.parametrize(
    "text",
    [
        "u r a idiot",
        "3rd period",
        "at 5pm",
        "flu shots",
        "the form is due",
        "beta test",
        "room b11 at 10",
        "covid19 rules",
        "i got 1st place",
        "mp3 player",
        "2nd period",
        "4th of july",
        "tickets are $5 at the door",
        "$10.50 for lunch",
        "we raised $1,000",
        "call 555-0134",
        "pick up at 3:15",
        "doors open 10:30am",
        "a 4.0 gpa",
        "the 2024-25 school year",
        "k-12 schools",
        "24/7",
        "9/11 memorial",
        "class of 2000",
        "soo proud",
        "the bell|whistle",
        "a || b",
    ],
)
def test_ordinary_words_are_left_alone(text: str) -> None:
    assert normalize(text) == text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("go to bit dot ly/abc", "go to bit.ly/abc"),
        ("visit example(.)com now", "visit example.com now"),
        ("cheap-pills [.] ru", "cheap-pills.ru"),
    ],
)
def test_written_out_domains_are_joined(written: str, read: str) -> None:
    assert plain(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # a handle keeps its "@" ("@USER" once read "auser")
        ("@USER you are so right", "@user you are so right"),
        ("RT @someone: this test is killing me", "rt @someone: this test is killing me"),
        ("thanks @lincoln_hs and @Coach_B", "thanks @lincoln_hs and @coach_b"),
        ("k1ll @USER", "kill @user"),
        # an e-mail address stays whole, the "@" and the letters around it
        ("write to jane.doe@gmail.com", "write to jane.doe@gmail.com"),
        ("mail j0hn@example.org today", "mail j0hn@example.org today"),
        # a handle, then an address, then leetspeak, in one comment
        (
            "thanks @Coach_B, write to jane.doe@gmail.com or st@b",
            "thanks @coach_b, write to jane.doe@gmail.com or stab",
        ),
        # a "." only before the "@": no address, the "@" is leetspeak
        ("mr.smith@home is b@d", "mr.smithahome is bad"),
        # an "@" inside a word, or a handle that spells a word the recognizers know, is still
        # leetspeak
        ("st@b him", "stab him"),
        ("b@d call", "bad call"),
        ("you @ss", "you ass"),
        ("what an @sshole", "what an asshole"),
    ],
)
def test_handles_and_addresses_keep_their_at(written: str, read: str) -> None:
    assert normalize(written) == read


def test_the_sentence_encoder_reads_handles_as_its_heads_were_trained() -> None:
    # the sentence stages' heads learned from text where "@USER" read "auser"
    assert sentence_text("@USER you are so right") == "auser you are so right"
    assert sentence_text("k1ll them all") == normalize("k1ll them all")
