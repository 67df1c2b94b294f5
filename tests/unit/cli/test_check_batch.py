"""`lanyard check` on a batch: JSON read by the JSON parser, a stream of JSON lines, the
fast path to the engine's flat situation held to the policy's own model, and the speed a
bulk scan needs."""

from __future__ import annotations

import json
import random
import time
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from lanyard.cli.main import cli
from lanyard.cli.situations import fast_flatten
from lanyard.policy import Situation, builtin_pack_ids, decide_flat, load_pack
from lanyard.policy.conditions import COUNTERPART_DOMAINS, FIELD_DOMAINS, Domain
from lanyard.policy.situation import UMBRELLAS

PLATFORMS = ["snapchat", " Instagram ", "FACEBOOK", "remind", "district-email"]


def _value(rng: random.Random, domain: Domain) -> Any:
    if domain.kind == "enum":
        return rng.choice(domain.values)
    if domain.kind == "bool":
        return rng.random() < 0.3
    if domain.kind == "int":
        return rng.choice([1, 2, 3, 15, 30])
    if domain.kind == "list":
        return rng.sample(["social-media-request", "official-account"], rng.choice([0, 1, 2]))
    return rng.choice(PLATFORMS)


def situation(rng: random.Random, known: float = 0.8) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "district": rng.choice(builtin_pack_ids()),
        "action": rng.choice(FIELD_DOMAINS["action"].values),
    }
    if rng.random() < known:
        raw["purpose"] = rng.choice(FIELD_DOMAINS["purpose"].values)
    for part in ("actor", "channel", "content"):
        raw[part] = {
            name.split(".", 1)[1]: _value(rng, domain)
            for name, domain in FIELD_DOMAINS.items()
            if name.startswith(part + ".") and rng.random() < known
        }
    if rng.random() < known:
        raw["counterparts"] = [
            {n: _value(rng, d) for n, d in COUNTERPART_DOMAINS.items() if rng.random() < known}
            for _ in range(rng.choice([0, 1, 1, 2]))
        ]
    if rng.random() < known:
        raw["emergency"] = rng.random() < 0.1
    for cp in raw.get("counterparts", []):  # what the contract says cannot both hold
        if cp.get("age_under_13") and cp.get("age_18_or_over"):
            cp["age_18_or_over"] = False
    for umbrella, details in UMBRELLAS.items():
        if any(raw["content"].get(d) for d in details):
            raw["content"][umbrella] = True
    return raw


# What a hand-written or exported file may hold that the model coerces, rejects or
# normalises: each must come out exactly as the model has it, or be refused the same.
ODDITIES: list[tuple[str, Any]] = [
    ("emergency", "true"),
    ("emergency", 1),
    ("emergency", None),
    ("purpose", "Personal"),
    ("action", 3),
    ("district", None),
    ("actor", None),
    ("actor", {"role": "wizard"}),
    ("actor", {"approvals": "social-media-request"}),
    ("actor", {"approvals": ["x", 1]}),
    ("actor", {"on_duty": "no"}),
    ("channel", {"platform": "  SnapChat  "}),
    ("channel", {"platform": 7}),
    ("channel", {"colour": "red"}),
    ("content", {"inappropriate": False, "vulgar": True}),
    ("content", {"vulgar": True}),
    ("content", {"student_pii": False}),
    ("counterparts", [{"count": 0}]),
    ("counterparts", [{"count": True}]),
    ("counterparts", [{"count": 15.0}]),
    ("counterparts", [{"count": "15"}]),
    ("counterparts", [{"contact_attempts": 0}, {"count": 2}]),
    ("counterparts", [{"age_under_13": True, "age_18_or_over": True}]),
    ("counterparts", [{"age_18_or_over": True}]),
    ("counterparts", [None]),
    ("counterparts", {"role": "student"}),
    ("counterparts", []),
    ("colour", "red"),
]


def _model_flat(raw: Any) -> dict[str, Any] | None:
    try:
        return Situation.model_validate(raw).flatten()
    except ValidationError:
        return None


def _same(fast: dict[str, Any], slow: dict[str, Any]) -> None:
    """The same flat situation, value types included, and the same decision from it."""
    assert fast == slow
    assert {k: type(v) for k, v in fast.items()} == {k: type(v) for k, v in slow.items()}
    if fast["district"] in builtin_pack_ids():
        pack = load_pack(fast["district"])
        assert decide_flat(pack, fast).to_dict() == decide_flat(pack, slow).to_dict()


def test_fast_path_gives_exactly_the_models_flat_situation() -> None:
    rng = random.Random(13)
    taken = 0
    for i in range(2000):
        raw = situation(rng)
        if i % 3 == 0:
            key, value = ODDITIES[i // 3 % len(ODDITIES)]
            if key in ("actor", "channel", "content") and isinstance(value, dict):
                raw[key] = {**raw.get(key, {}), **value}
            else:
                raw[key] = value
        slow = _model_flat(raw)
        fast = fast_flatten(raw)
        if fast is not None:
            taken += 1
            assert slow is not None, raw
            _same(fast, slow)
    assert taken > 1000  # the plain ones do take the fast path


def test_fast_path_declines_what_the_model_refuses_or_coerces() -> None:
    base = {"district": "chsd-230", "action": "message"}
    for key, value in ODDITIES:
        raw = {**base, key: value}
        fast, slow = fast_flatten(raw), _model_flat(raw)
        if slow is None:
            assert fast is None, raw
        elif fast is not None:
            _same(fast, slow)
    platform = fast_flatten({**base, "channel": {"platform": "  SnapChat  "}})
    assert platform is not None and platform["channel.platform"] == "snapchat"


def _run(*args: str, stdin: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_streams_one_decision_per_line_as_the_batch_does() -> None:
    rng = random.Random(7)
    raws = [situation(rng) for _ in range(40)]
    code, out, _ = _run("check", "--json", "-", stdin=json.dumps(raws))
    assert code == 0
    batch = json.loads(out)
    code, out, _ = _run("check", "--jsonl", "-", stdin="\n".join(json.dumps(r) for r in raws))
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == batch
    assert len(batch) == 40


def test_jsonl_answers_a_bad_line_in_its_place_and_goes_on() -> None:
    good = json.dumps({"district": "chsd-230", "action": "message"})
    bad = json.dumps({"district": "chsd-230", "action": "message", "actor": {"role": "wizard"}})
    code, out, err = _run("check", "--jsonl", "-", stdin=f"{good}\n{bad}\nnot json\n\n{good}\n")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert len(lines) == 4
    assert lines[0]["verdict"] and lines[3]["verdict"]
    assert lines[1]["line"] == 2 and "actor.role: 'wizard' is not valid" in lines[1]["error"]
    assert lines[2]["line"] == 3 and "not valid JSON" in lines[2]["error"]
    assert "line 2" in err


def test_no_questions_skips_exploring_the_unknown_facts() -> None:
    unknowns = json.dumps({"district": "chsd-230", "action": "message"})
    _, explored, _ = _run("check", "--json", "-", stdin=unknowns)
    _, bulk, _ = _run("check", "--json", "--no-questions", "-", stdin=unknowns)
    assert json.loads(explored)["depends_on"]
    assert json.loads(bulk)["depends_on"] == []


def test_a_batch_of_ten_thousand_is_decided_in_seconds_not_minutes() -> None:
    """Through the pure-Python YAML parser this took ~20 s (~500 decisions/s)."""
    rng = random.Random(230)
    text = json.dumps([situation(rng, known=1.0) for _ in range(10_000)])
    start = time.perf_counter()
    code, out, _ = _run("check", "--json", "-", stdin=text)
    seconds = time.perf_counter() - start
    assert code == 0
    assert len(json.loads(out)) == 10_000
    assert seconds < 10


@pytest.mark.parametrize(
    "text", ["district: chsd-230\naction: message\n", "[{district: chsd-230, action: message}]"]
)
def test_yaml_is_still_read(text: str) -> None:
    code, out, _ = _run("check", "--json", "-", stdin=text)
    assert code == 0
    assert "verdict" in out


def _engine_list(raws: list[dict[str, Any]]) -> str:
    """What `check --json` prints for a list: the engine's decision of each, compact."""
    texts = []
    for raw in raws:
        flat = Situation.model_validate(raw).flatten()
        decision = decide_flat(load_pack(flat["district"]), flat).to_dict()
        texts.append(json.dumps(decision, separators=(",", ":")))
    return "[\n" + ",\n".join(texts) + "\n]\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("odd", [False, True])
def test_a_list_read_as_bytes_prints_exactly_the_engines_decisions(
    tmp_path: Any, newline: str, odd: bool
) -> None:
    """A JSON list is read from the file's bytes and decided as it is read; a list with a
    situation msgspec hands back (here "emergency": "true", which the model coerces) is
    read again as text. Either way the output is the engine's, byte for byte, from a file
    or from standard input."""
    rng = random.Random(39)
    raws = [situation(rng) for _ in range(200)]
    if odd:
        raws[150] = {**raws[150], "emergency": "true"}
    text = "[" + ("," + newline).join(json.dumps(r) for r in raws) + "]" + newline
    expected = _engine_list(raws)
    path = tmp_path / "batch.json"
    path.write_bytes(text.encode())
    code, out, _ = _run("check", "--json", str(path), stdin="")
    assert (code, out) == (0, expected)
    code, out, _ = _run("check", "--json", "-", stdin=text)
    assert (code, out) == (0, expected)


def test_a_list_with_a_bad_situation_is_refused_whole_naming_it(tmp_path: Any) -> None:
    rng = random.Random(40)
    raws = [situation(rng) for _ in range(50)]
    raws[30] = {**raws[30], "actor": {"role": "wizard"}}
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(raws))
    code, out, err = _run("check", "--json", str(path), stdin="")
    assert code == 1
    assert out == ""
    assert "batch.json, situation 31 is not a valid situation" in err
    assert "actor.role: 'wizard' is not valid" in err
