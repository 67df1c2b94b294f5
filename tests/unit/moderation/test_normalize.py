"""Spelling tricks are undone before any recognizer reads a comment."""

from __future__ import annotations

import pytest

from lanyard.moderation.classifiers.text import normalize, plain


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
