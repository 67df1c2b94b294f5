"""`lanyard check` reads plain JSON with msgspec: for any document, valid or not, the
situations, the decisions (byte for byte) and the error text are those of the policy's
pydantic model, which reads whatever msgspec hands back."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from lanyard.cli import check as check_module
from lanyard.cli.main import cli
from lanyard.cli.situation_structs import read_document, read_one
from lanyard.cli.situations import load_document
from lanyard.policy import Situation, builtin_pack_ids, decide_flat, load_pack
from lanyard.policy.batch import BatchDecider
from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS, Domain
from lanyard.policy.situation import UMBRELLAS

PACKS = builtin_pack_ids()
FORMS = ["social-media-request", "official-account"]

# What the model coerces, refuses or normalises, for any field.
ODDS = [None, "true", "false", "yes", 1, 0, -1, 1.0, 15.0, "15", 10**30, "", [], {}, ["x", 1]]
ODD = st.sampled_from(ODDS)
PLATFORMS = ["snapchat", " Instagram ", "FACEBOOK\t", "remind", "Ünïcode"]


def _valid(domain: Domain, name: str) -> st.SearchStrategy[Any]:
    if domain.kind == "enum":
        return st.sampled_from(domain.values)
    if domain.kind == "bool":
        return st.booleans()
    if domain.kind == "int":
        return st.integers(min_value=1 if name == "count" else 0, max_value=40)
    if domain.kind == "list":
        return st.lists(st.sampled_from(FORMS), max_size=2)
    return st.sampled_from(PLATFORMS)


def _odd(domain: Domain) -> st.SearchStrategy[Any]:
    """A value the model coerces or refuses (or, for text, normalises)."""
    shouted = [v.upper() for v in domain.values if isinstance(v, str)]
    return ODD | st.sampled_from(shouted or [" Snapchat "]) | st.integers(-(2**70), 2**70)


def _part(domains: dict[str, Domain]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={n: _valid(d, n) for n, d in domains.items()})


PARTS = {
    part: {n.split(".", 1)[1]: d for n, d in FIELD_DOMAINS.items() if n.startswith(part + ".")}
    for part in ("actor", "channel", "content")
}


def _agree(raw: dict[str, Any], keep: bool) -> dict[str, Any]:
    """Most situations keep the contract's umbrellas and ages consistent; the others hold
    what the model's validators refuse."""
    if keep:
        content = raw.get("content", {})
        for umbrella, details in UMBRELLAS.items():
            if any(content.get(d) for d in details):
                content[umbrella] = True
        for cp in raw.get("counterparts", []):
            if cp.get("age_under_13") and cp.get("age_18_or_over"):
                cp["age_18_or_over"] = False
    return raw


plain_situations = st.builds(
    _agree,
    st.fixed_dictionaries(
        {
            "district": st.sampled_from(PACKS),
            "action": st.sampled_from(FIELD_DOMAINS["action"].values),
        },
        optional={
            "purpose": st.sampled_from(FIELD_DOMAINS["purpose"].values),
            "emergency": st.booleans(),
            **{part: _part(domains) for part, domains in PARTS.items()},
            "counterparts": st.lists(_part(COUNTERPART_DOMAINS), max_size=3),
        },
    ),
    st.sampled_from([True, True, True, False]),
)
# Where one odd value goes: a top-level field, a part's field, a counterpart's field, a
# whole part, or a field the contract does not have.
PLACES: list[tuple[tuple[Any, ...], Domain | None]] = [
    *(((name,), FIELD_DOMAINS.get(name)) for name in ("district", "action", "purpose")),
    (("emergency",), FIELD_DOMAINS["emergency"]),
    *(((part, n), d) for part, domains in PARTS.items() for n, d in domains.items()),
    *((("counterparts", 0, n), d) for n, d in COUNTERPART_DOMAINS.items()),
    *(((part,), None) for part in ("actor", "channel", "content", "counterparts")),
    (("counterparts", 0), None),
    (("colour",), None),
    (("actor", "colour"), None),
    (("counterparts", 0, "colour"), None),
]


@st.composite
def odd_situations(draw: st.DrawFn) -> dict[str, Any]:
    """A valid situation with one value the model coerces, refuses or normalises."""
    raw = draw(plain_situations)
    path, domain = draw(st.sampled_from(PLACES))
    value = draw(_odd(domain) if domain is not None else ODD | st.just("red"))
    if path[0] == "counterparts" and len(path) > 1:
        raw["counterparts"] = raw.get("counterparts") or [{}]
    target = raw
    for key in path[:-1]:
        target = target.setdefault(key, {}) if isinstance(key, str) else target[key]
    target[path[-1]] = value
    return raw


items = st.one_of(plain_situations, plain_situations, odd_situations(), odd_situations(), ODD)
documents = st.one_of(items, st.lists(items, max_size=4))


def _model_flat(item: Any) -> dict[str, Any] | None:
    try:
        return Situation.model_validate(item).flatten()
    except ValidationError:
        return None


def _reference(text: str, label: str) -> tuple[list[dict[str, Any]], bool] | str:
    """What `lanyard check` read before msgspec: the document through the JSON parser and
    each situation through the model (the error text, if one is not valid)."""
    data = load_document(text)
    many = isinstance(data, list)
    out = []
    for i, item in enumerate(data if many else [data]):
        where = f"{label}, situation {i + 1}" if many else label
        try:
            out.append(check_module.flat_situation(item, where))
        except check_module.InputError as exc:
            return exc.format_message()
    return out, many


def _same_flat(fast: dict[str, Any], slow: dict[str, Any]) -> None:
    assert fast == slow
    assert {k: type(v) for k, v in fast.items()} == {k: type(v) for k, v in slow.items()}
    for a, b in zip(fast.get("counterparts", ()), slow.get("counterparts", ()), strict=True):
        assert {k: type(v) for k, v in a.items()} == {k: type(v) for k, v in b.items()}


_DECIDER = BatchDecider(warm_up=0)


def _same_decision(fast: dict[str, Any], slow: dict[str, Any]) -> None:
    pack = load_pack(fast["district"])
    engine = json.dumps(decide_flat(pack, slow).to_dict(), separators=(",", ":"))
    assert _DECIDER.dumps(pack, fast) == engine


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_msgspec_reads_a_document_as_the_model_does(document: Any) -> None:
    text = json.dumps(document)
    expected = _reference(text, "batch.json")
    try:
        got: tuple[list[dict[str, Any]], bool] | str = check_module.parse_situations(
            text, "batch.json"
        )
    except check_module.InputError as exc:
        got = exc.format_message()
    if isinstance(expected, str):
        assert got == expected
        return
    assert not isinstance(got, str), got
    assert got[1] == expected[1]
    assert len(got[0]) == len(expected[0])
    for fast, slow, item in zip(
        got[0], expected[0], document if expected[1] else [document], strict=True
    ):
        _same_flat(fast, slow)
        model = _model_flat(item)
        assert model is not None
        _same_flat(fast, model)
        _same_decision(fast, slow)


@settings(max_examples=300, deadline=None)
@given(st.one_of(plain_situations, odd_situations()))
def test_msgspec_takes_only_what_the_model_takes_unchanged(raw: dict[str, Any]) -> None:
    """What msgspec reads itself is what the model gives, and what it hands back is what
    the model coerces or refuses."""
    text = json.dumps(raw)
    fast, model = read_one(text), _model_flat(raw)
    document = read_document(text)
    assert document is None or document == ([fast], False)
    if fast is not None:
        assert model is not None, raw
        _same_flat(fast, model)


def _lines(stdin: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(cli, ["check", "--jsonl", "-"], input=stdin)
    return result.exit_code, result.stdout.splitlines(), result.stderr


@settings(max_examples=40, deadline=None)
@given(st.lists(items, min_size=1, max_size=6))
def test_jsonl_answers_each_line_as_the_model_reads_it(raws: list[Any]) -> None:
    lines = [json.dumps(r) for r in raws]
    code, out, err = _lines("\n".join(lines) + "\n")
    assert len(out) == len(lines)
    failed = 0
    for number, (raw, answer) in enumerate(zip(raws, out, strict=True), 1):
        try:
            flat = check_module.flat_situation(raw, f"<stdin>, line {number}")
        except check_module.InputError as exc:
            failed += 1
            assert json.loads(answer) == {"line": number, "error": exc.format_message()}
            assert exc.format_message() in err
        else:
            decision = decide_flat(load_pack(flat["district"]), flat).to_dict()
            assert answer == json.dumps(decision, separators=(",", ":"))
    assert code == (1 if failed else 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[{"district": "chsd-230", "action": "message"}, {"district": "chsd-230"}]',
            "batch.json, situation 2 is not a valid situation:\n  action: required.",
        ),
        (
            '[{"district": "chsd-230", "action": "message", "counterparts": [{"count": 0}]}]',
            "batch.json, situation 1 is not a valid situation:\n  counterparts[0].count: 0 is"
            " not valid. Allowed: a whole number.",
        ),
        ('{"district": "nowhere", "action": "message"}', "batch.json: district: no policy pack"),
    ],
)
def test_an_invalid_situation_is_named_as_before(text: str, message: str) -> None:
    with pytest.raises(check_module.InputError) as caught:
        check_module.parse_situations(text, "batch.json")
    assert caught.value.format_message().startswith(message)


def test_a_value_the_model_coerces_is_read_by_the_model() -> None:
    text = json.dumps(
        [
            {"district": "chsd-230", "action": "message", "emergency": "true"},
            {"district": "chsd-230", "action": "message", "counterparts": [{"count": "15"}]},
            {"district": "chsd-230", "action": "message", "channel": {"platform": " SnapChat"}},
        ]
    )
    flats, fast = check_module.parse_situations(text, "b.json")[0], read_document(text)
    assert fast is not None and fast[0][:2] == [None, None]  # msgspec hands these back
    assert flats[0]["emergency"] is True
    assert flats[1]["counterparts"] == ({"count": 15},) and flats[1]["group_size"] == 15
    assert flats[2]["channel.platform"] == "snapchat"
