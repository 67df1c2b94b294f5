"""`lanyard check` and `lanyard packs`: what a user sees and the exit statuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from lanyard.cli.main import cli

TEXT_TEAM = {
    "district": "chsd-230",
    "actor": {"role": "coach", "on_duty": False, "approvals": [], "relationship": "none"},
    "action": "message",
    "purpose": "district_business",
    "channel": {
        "medium": "text_message",
        "account": "personal",
        "device": "personal",
        "network": "other",
    },
    "counterparts": [
        {"role": "student", "count": 15, "account": "personal", "former_student": False}
    ],
}


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.output


def test_check_prints_the_verdict_and_the_quoted_clause() -> None:
    code, out = run("check", "-", stdin=yaml.safe_dump(TEXT_TEAM))
    assert code == 0
    assert "PROHIBITED" in out
    assert "text messaging" in out


def test_check_json_is_exactly_the_decision_format() -> None:
    code, out = run("check", "--json", "-", stdin=json.dumps(TEXT_TEAM))
    assert code == 0
    decision = json.loads(out)
    assert set(decision) == {"verdict", "obligations", "needs_facts", "citations", "settled"}
    assert decision["verdict"] == "prohibited"
    assert all(set(c) == {"clause", "quote"} for c in decision["citations"])


def test_check_json_of_an_open_answer_says_what_it_depends_on() -> None:
    situation = {**TEXT_TEAM, "counterparts": [{"role": "student", "count": 15}]}
    del situation["channel"]
    code, out = run("check", "--json", "-", stdin=json.dumps(situation))
    assert code == 0
    decision = json.loads(out)
    assert decision["settled"] is False
    assert set(decision["possible"]) == {"least", "most"}
    first = decision["depends_on"][0]
    assert first["fact"] in decision["needs_facts"]
    assert {"value", "verdict", "settled"} <= set(first["outcomes"][0])


def test_check_a_list_prints_a_list() -> None:
    email = {**TEXT_TEAM, "channel": {"medium": "email", "account": "district"}}
    code, out = run("check", "--json", "-", stdin=json.dumps([TEXT_TEAM, email]))
    assert code == 0
    decisions = json.loads(out)
    assert [d["verdict"] for d in decisions][0] == "prohibited"
    assert len(decisions) == 2


def test_check_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "situation.yaml"
    path.write_text(yaml.safe_dump(TEXT_TEAM))
    code, out = run("check", "--json", str(path))
    assert code == 0 and json.loads(out)["verdict"] == "prohibited"


def test_unaddressed_situation_says_the_policy_is_silent() -> None:
    situation = {"district": "chsd-230", "action": "play_games", "actor": {"role": "teacher"}}
    code, out = run("check", "-", stdin=yaml.safe_dump(situation))
    assert code == 0
    assert "does not address" in out


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"channel": {"medium": "fax"}},
            "channel.medium: 'fax' is not valid. Allowed: one of email",
        ),
        (
            {"channel": {"medum": "email"}},
            "channel.medum: unknown field. Fields here: channel.medium",
        ),
        ({"action": "dance"}, "action: 'dance' is not valid. Allowed: one of message"),
        ({"district": "atlantis"}, "district: no policy pack 'atlantis'"),
        ({"counterparts": [{"role": "alien"}]}, "counterparts[0].role: 'alien' is not valid"),
    ],
)
def test_invalid_situation_names_the_field_and_allowed_values(
    change: dict[str, object], expected: str
) -> None:
    code, out = run("check", "-", stdin=yaml.safe_dump({**TEXT_TEAM, **change}))
    assert code == 1
    assert expected in out


def test_missing_file_is_a_usage_error() -> None:
    code, _ = run("check", "no-such-file.yaml")
    assert code == 2


def test_packs_list_names_all_five_seed_districts() -> None:
    code, out = run("packs", "list")
    assert code == 0
    for pack_id in ("wilmette-39", "press-5-125", "wem-2143", "chsd-230", "naperville-203"):
        assert pack_id in out


def test_packs_show_json_carries_rules_and_hash() -> None:
    code, out = run("packs", "show", "chsd-230", "--json")
    assert code == 0
    pack = json.loads(out)
    assert pack["id"] == "chsd-230" and pack["rules"] and len(pack["content_hash"]) == 64


def test_packs_show_unknown_id_is_a_usage_error() -> None:
    code, out = run("packs", "show", "atlantis")
    assert code == 2 and "no policy pack 'atlantis'" in out


def test_packs_verify_passes_on_the_seeds(seeds: Path) -> None:
    code, out = run("packs", "verify", "--sources", str(seeds))
    assert code == 0, out
    assert "all" in out and "verbatim" in out


def test_packs_verify_names_a_quote_missing_from_an_edited_source(
    seeds: Path, tmp_path: Path
) -> None:
    for source in seeds.iterdir():
        shutil.copy(source, tmp_path / source.name)
    doc = tmp_path / "chsd-230-5-125.txt"
    doc.write_text(doc.read_text().replace("text messaging", "carrier pigeon"))
    code, out = run("packs", "verify", "chsd-230", "--sources", str(tmp_path))
    assert code == 1
    assert "not found verbatim in chsd-230-5-125.txt" in out


def test_packs_diff_groups_differences_by_action() -> None:
    code, out = run("packs", "diff", "chsd-230", "wilmette-39", "--grid-size", "512")
    assert code == 0
    assert "situations get different verdicts" in out
    assert "== message:" in out
    assert "chsd-230" in out and "wilmette-39" in out
