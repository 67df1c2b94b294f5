"""The answer's template picks its parts through lanyard.mayi.shown: the same values, in
the same order, as the Jinja filter chains it replaced."""

from __future__ import annotations

from jinja2 import Environment

from lanyard.mayi.shown import unique


def test_unique_keeps_the_first_of_each_as_jinjas_filter_does() -> None:
    values = ["Tell the principal", "tell the principal", "Keep a record", 3, 3, "Keep a record"]
    jinja = Environment().from_string("{{ values | unique | list }}").render(values=values)
    assert str(unique(values)) == jinja
    assert unique(values) == ["Tell the principal", "Keep a record", 3]
