"""``lanyard messages import`` and ``lanyard messages findings`` as an operator runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lanyard.cli.main import cli
from lanyard.db.session import Database

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.fixture
def run(database: Database, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    monkeypatch.setenv("LANYARD_PACK", "chsd-230")

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(args))
        return result.exit_code, result.output

    code, out = invoke("import", "oneroster", str(FIXTURES / "oneroster" / "v1p1"))
    assert code == 0, out
    return invoke


def test_import_prints_the_summary_and_findings_one_json_object_a_line(run) -> None:  # type: ignore[no-untyped-def]
    log = str(FIXTURES / "messages" / "m365_trace.csv")
    code, out = run("messages", "import", log, "--format", "m365", "--json")
    assert code == 0, out
    summary = json.loads(out)
    assert {k: summary[k] for k in ("messages", "new", "findings", "by_rule")} == {
        "messages": 2,
        "new": 2,
        "findings": 1,
        "by_rule": {"email-students-district-address": 1},
    }
    code, out = run("messages", "import", log, "--format", "m365", "--json")
    assert json.loads(out)["new"] == 0

    code, out = run("messages", "findings", "--since", "2025-10-01", "--json")
    assert code == 0, out
    (line,) = out.splitlines()
    finding = json.loads(line)
    assert finding["message_id"] == "<BN8PR0EXAMPLE01@BN8PR0EXAMPLE.namprd00.prod.outlook.com>"
    assert finding["rule"] == "email-students-district-address"
    assert finding["verdict"] == "prohibited"
    assert finding["clause"].endswith("item 1")
    assert sorted(c["role"] for c in finding["counterparts"]) == ["parent", "student", "student"]
    assert all("person_id" in c for c in finding["counterparts"])
    # no student's address or name is printed: people by Lanyard id
    assert "aturing" not in out and "Hopper" not in out

    code, out = run("messages", "findings", "--since", "2025-10-04", "--json")
    assert code == 0 and out == ""


def test_a_bad_file_is_refused_naming_file_line_and_field(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "log.csv"
    path.write_text(
        "message_id,sent_at,sender,recipients\nm1,last tuesday,a@example.org,b@example.org\n",
        encoding="utf-8",
    )
    code, out = run("messages", "import", str(path), "--format", "csv")
    assert code == 1
    assert "refused, nothing was written: log.csv, line 2, field 'sent_at'" in out


def test_canvas_import_uses_the_provisioning_users_file(run) -> None:  # type: ignore[no-untyped-def]
    messages = FIXTURES / "messages"
    code, out = run(
        "messages",
        "import",
        str(messages / "canvas_conversations.json"),
        "--format",
        "canvas",
        "--users",
        str(messages / "canvas_users.csv"),
    )
    assert code == 0, out
    assert "solicitation in message bodies: 1" in out
    assert "for review (no clause names them): 1" in out


def test_a_known_personal_address_makes_mail_to_it_a_finding(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # the example row of formats.md 4.1: a teacher writes to a student's home address
    log = tmp_path / "daily.jsonl"
    log.write_text(
        '{"event_info": {"timestamp_usec": 1759453462000000, "success": true, '
        '"mail_event_type": 1}, "message_info": {"rfc2822_message_id": '
        '"<CAexample123@mail.gmail.com>", "subject": "Practice moved to 4pm", "source": '
        '{"address": "alovelace@example.org", "from_header_address": "alovelace@example.org", '
        '"service": "gmail-ui", "selector": "send"}, "destination": [{"address": '
        '"grace.hopper.home@example.net", "service": "smtp-outbound"}], '
        '"flattened_destinations": "smtp-outbound::grace.hopper.home@example.net", '
        '"num_message_attachments": 0, "payload_size": 5120}}\n',
        encoding="utf-8",
    )
    code, out = run("messages", "import", str(log), "--format", "gmail", "--dry-run", "--json")
    assert code == 0 and json.loads(out)["findings"] == 0  # unknown address: never guessed

    code, out = run("messages", "contacts", str(FIXTURES / "messages" / "known_addresses.csv"))
    assert code == 0 and "1 added" in out
    code, out = run("messages", "import", str(log), "--format", "gmail", "--json")
    assert json.loads(out)["by_rule"] == {"email-students-district-address": 1}


def test_contacts_naming_nobody_are_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "contacts.csv"
    path.write_text("address,person\nx@example.net,u-s-9999\n", encoding="utf-8")
    code, out = run("messages", "contacts", str(path))
    assert code == 1
    assert "contacts.csv, line 2, field 'person': is not the sourcedId" in out


def test_canvas_data_2_folder_imports_and_is_idempotent_with_the_api_file(run) -> None:  # type: ignore[no-untyped-def]
    messages = FIXTURES / "messages"
    users = str(messages / "canvas_users.csv")
    folder = str(messages / "canvas_dap")
    code, out = run("messages", "import", folder, "--format", "canvas", "--users", users, "--json")
    assert code == 0, out
    assert {k: json.loads(out)[k] for k in ("messages", "new", "solicitations")} == {
        "messages": 3,
        "new": 3,
        "solicitations": 1,
    }
    api = str(messages / "canvas_conversations.json")
    code, out = run("messages", "import", api, "--format", "canvas", "--users", users, "--json")
    assert json.loads(out)["new"] == 0  # the same Canvas messages, by id
