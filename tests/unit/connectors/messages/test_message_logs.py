"""The message-log connectors read the real export shapes (fixtures written from the
documented schemas) and refuse bad input naming file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lanyard.connectors.messages import MessageLogError, connector, registered
from lanyard.connectors.messages.canvas import read_canvas_users

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "messages"


def read(fmt: str, name: str) -> list:  # type: ignore[type-arg]
    return list(connector(fmt).read(FIXTURES / name))


def test_every_documented_format_is_registered() -> None:
    assert registered() == ("canvas", "csv", "gmail", "m365")


def test_gmail_bigquery_rows_keep_sent_and_received_and_skip_other_events() -> None:
    records = read("gmail", "gmail_daily.jsonl")
    ids = [(r.message_id, r.inbound) for r in records]
    # the "opened" event (type 7) is not a message
    assert ids == [
        ("<CAexample001@mail.gmail.com>", False),
        ("<CAexample001@mail.gmail.com>", True),
        ("<CAexample002@mail.gmail.com>", False),
        ("<CAexample003@mail.gmail.com>", False),
        ("<0100018f-outside@email.example.com>", True),
        ("<CAexample004@mail.gmail.com>", False),
    ]
    first = records[0]
    assert first.sender == "alovelace@example.org"
    assert first.recipients == ("aturing@gmail.example.com",)
    assert first.sent_at == dt.datetime(2025, 10, 2, 20, 4, 22, tzinfo=dt.UTC)
    assert first.medium == "email" and first.body is None
    # the newer "activity" export: the record under gmail., recipients flattened
    assert records[-1].recipients == ("ghopper26@students.example.org", "mary.hopper@example.net")


def test_gmail_reports_api_activities_are_read_through_their_parameters() -> None:
    (record,) = read("gmail", "gmail_reports.json")
    assert record.message_id == "<CAreports001@mail.gmail.com>"
    assert record.recipients == ("aturing@gmail.example.com",)
    assert record.subject == "Practice moved to 4pm"


def test_message_trace_groups_rows_by_message_id_even_when_not_adjacent() -> None:
    records = read("m365", "m365_trace.csv")
    assert [r.message_id[:18] for r in records] == ["<BN8PR0EXAMPLE01@B", "<BN8PR0EXAMPLE02@B"]
    assert records[0].recipients == (
        "ghopper26@students.example.org",
        "aturing@gmail.example.com",
        "mary.hopper@example.net",
    )
    # the distribution list's own "Expanded" row is not a recipient
    assert records[1].recipients == ("alovelace@example.org", "cbabbage@example.org")


def test_admin_center_report_columns_are_accepted() -> None:
    (record,) = read("m365", "m365_admin_center.csv")
    assert record.recipients == ("aturing@gmail.example.com", "ghopper26@students.example.org")
    assert record.sent_at == dt.datetime(2025, 10, 3, 2, 5, 11, tzinfo=dt.UTC)


def test_canvas_messages_skip_generated_ones_and_name_users_by_canvas_id() -> None:
    records = read("canvas", "canvas_conversations.json")
    assert [r.message_id for r in records] == ["503", "502", "501"]
    assert records[0].sender == "canvas:1815" and records[0].recipients == ("canvas:2001",)
    assert records[0].body is not None and "text me" in records[0].body
    assert records[0].subject == "Lab make-up" and records[0].medium == "lms_message"
    assert read_canvas_users(FIXTURES / "canvas_users.csv") == {
        "canvas:1815": "u-t-1815",
        "canvas:2001": "u-s-2001",
    }


def test_generic_csv_reads_medium_account_and_body() -> None:
    records = read("csv", "generic.csv")
    assert [(r.medium, r.platform, r.account) for r in records] == [
        ("notification_app", "remind", "district"),
        ("text_message", "remind", "personal"),
        ("email", None, "district"),
    ]
    assert records[2].recipients == ("alovelace@example.org", "cbabbage@example.org")


@pytest.mark.parametrize(
    ("fmt", "name", "content", "expected"),
    [
        (
            "gmail",
            "bad.jsonl",
            '{"event_info":{"mail_event_type":1,"timestamp_usec":"1"},'
            '"message_info":{"rfc2822_message_id":"<a@b>","source":{"address":"a@b.org"}}}\n'
            '{"event_info":{"mail_event_type":1},"message_info":{"source":{"address":"a@b.org"}}}\n',
            "bad.jsonl, line 2, field 'message_info.rfc2822_message_id': is missing",
        ),
        (
            "gmail",
            "broken.jsonl",
            '{"event_info":{"mail_event_type":7},"message_info":{}}\n{not json\n',
            "broken.jsonl, line 2: not valid JSON",
        ),
        (
            "m365",
            "trace.csv",
            '"Received","SenderAddress","RecipientAddress","MessageId"\n'
            '"2025-10-03T01:14:22Z","a@example.org","b@example.org","<1@x>"\n'
            '"yesterday","a@example.org","c@example.org","<2@x>"\n',
            "trace.csv, line 3, field 'Received': is not a time: 'yesterday'",
        ),
        (
            "m365",
            "nocol.csv",
            '"Received","SenderAddress","MessageId"\n',
            "nocol.csv, line 1, field 'RecipientAddress': no such column",
        ),
        (
            "canvas",
            "conv.json",
            '{"id": 1, "messages": [{"id": 5, "author_id": 7, "created_at": "2025-10-02"}]}\n',
            "conv.json, line 1, field 'messages[0].created_at': is not an ISO 8601 time",
        ),
        (
            "csv",
            "log.csv",
            "message_id,sent_at,sender,recipients,medium\n"
            "m1,2025-10-02T10:00:00Z,a@example.org,b@example.org,email\n"
            "m2,2025-10-02T10:00:00Z,a@example.org,b@example.org,carrier_pigeon\n",
            "log.csv, line 3, field 'medium': must be one of",
        ),
    ],
)
def test_refusals_name_file_line_and_field(
    tmp_path: Path, fmt: str, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MessageLogError) as caught:
        list(connector(fmt).read(path))
    assert str(caught.value).startswith(expected)


def test_message_trace_stays_bounded_while_grouping(tmp_path: Path) -> None:
    """Rows of one message far apart still make one message as long as they fall within
    the grouping window; the reader never holds the whole file."""
    from lanyard.connectors.messages import m365

    lines = ['"Received","SenderAddress","RecipientAddress","MessageId"']
    for i in range(50):
        lines.append(f'"2025-10-03T01:00:00Z","a@example.org","r{i}@example.org","<m{i}@x>"')
    lines.append('"2025-10-03T01:00:00Z","a@example.org","late@example.org","<m0@x>"')
    path = tmp_path / "trace.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = list(m365.MessageTrace().read(path))
    assert len(records) == 50
    assert records[0].recipients == ("r0@example.org", "late@example.org")


def test_canvas_data_2_tables_give_the_same_messages_as_the_api() -> None:
    from_api = read("canvas", "canvas_conversations.json")
    from_dap = list(connector("canvas").read(FIXTURES / "canvas_dap"))
    key = [(r.message_id, r.sent_at, r.sender, r.recipients, r.subject, r.body) for r in from_api]
    assert sorted(key) == sorted(
        (r.message_id, r.sent_at, r.sender, r.recipients, r.subject, r.body) for r in from_dap
    )


def test_canvas_data_2_without_participants_is_refused(tmp_path: Path) -> None:
    (tmp_path / "conversation_messages.csv").write_text("id\n", encoding="utf-8")
    with pytest.raises(MessageLogError, match="conversation_message_participants.csv is missing"):
        list(connector("canvas").read(tmp_path))
