"""``lanyard moderate classify`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lanyard.cli.moderate import moderate
from lanyard.moderation import CATEGORY_IDS

COMMENTS = [
    "Great concert tonight, thank you to the music teachers!",
    "I'll be waiting for that teacher in the parking lot",
    "Cheap followers here bit.ly/xx12ab",
]


def run(args: list[str], stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(moderate, args, input=stdin)
    return result.exit_code, result.output


def test_json_lines_in_input_order_with_all_twelve_categories(tmp_path: Path) -> None:
    path = tmp_path / "comments.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in COMMENTS), encoding="utf-8")
    code, output = run(["classify", "--json", str(path)])
    assert code == 0, output
    lines = [json.loads(line) for line in output.splitlines()]
    assert [line["action"] for line in lines] == ["keep", "escalate", "remove"]
    for line in lines:
        assert [c["id"] for c in line["categories"]] == list(CATEGORY_IDS)
        for category in line["categories"]:
            assert {"id", "score", "flagged", "evidence", "clause"} <= set(category)
            assert category["clause"] is None


def test_csv_from_stdin() -> None:
    stdin = 'author,text\na,"Great concert tonight, thank you!"\nb,you are a moron\n'
    code, output = run(["classify", "--json", "-"], stdin)
    assert code == 0, output
    assert [json.loads(line)["action"] for line in output.splitlines()] == ["keep", "remove"]


def test_pack_clauses_are_cited(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("text\nyou are a moron\n", encoding="utf-8")
    code, output = run(["classify", "--json", "--pack", "wilmette-39", str(path)])
    assert code == 0, output
    categories = {c["id"]: c for c in json.loads(output)["categories"]}
    assert categories["personal_attack"]["flagged"]
    assert "item 2" in categories["personal_attack"]["clause"]
    assert categories["defamation"]["clause"] is None


def test_text_output_names_action_and_flagged_category() -> None:
    code, output = run(
        ["classify", "-"], "text\nI'll be waiting for that teacher in the parking lot\n"
    )
    assert code == 0
    assert "ESCALATE" in output and "FLAGGED threat" in output


def test_csv_without_text_column_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("comment,author\nhello,a\n", encoding="utf-8")
    code, output = run(["classify", str(path)])
    assert code == 1
    assert "export.csv" in output and "text" in output


def test_bad_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text('{"text": "fine"}\n{"text": broken\n', encoding="utf-8")
    code, output = run(["classify", "--json", str(path)])
    assert code == 1
    assert "export.jsonl, line 2" in output


def test_unknown_pack_and_missing_file_are_usage_errors(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("text\nhi\n", encoding="utf-8")
    assert run(["classify", "--pack", "no-such-pack", str(path)])[0] == 2
    assert run(["classify", str(tmp_path / "missing.csv")])[0] == 2


def test_student_names_file_marks_names_confidential(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Avery Quinlan\n", encoding="utf-8")
    code, output = run(
        ["classify", "--json", "--student-names", str(names), "-"],
        "text\nAvery Quinlan has an IEP for dyslexia\n",
    )
    assert code == 0, output
    categories = {c["id"]: c for c in json.loads(output)["categories"]}
    assert categories["confidential_information"]["flagged"]
