"""What the reader's rules take from a question, for the tests of its phrasings: the facts
read (:func:`rules`; what the learned second reader changes is tested in test_learned.py),
and the check every row of those tests makes (:func:`assert_reads`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lanyard.mayi.understand import understand_by_rules


def rules(question: str) -> dict[str, object]:
    """The rules' reading of a question, as field -> value."""
    return {u.field: u.value for u in understand_by_rules(question)}


def assert_reads(question: str, expected: Mapping[str, object], absent: Iterable[str] = ()) -> None:
    """The rules read each ``expected`` field with its value and none of the ``absent``
    fields; a failure names the field and shows the whole reading."""
    read = rules(question)
    for field, value in expected.items():
        assert read.get(field) == value, (field, read)
    for field in absent:
        assert field not in read, (field, read)
