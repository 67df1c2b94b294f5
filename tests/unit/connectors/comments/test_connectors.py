"""Reading each platform's comment shapes (formats.md 3.1-3.5) into one record, and
refusals that name the file, the line or item, and the field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lanyard.connectors.comments import CommentError, CommentRecord, connector, registered

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "comments"
UTC = dt.UTC


def read(platform: str, name: str) -> list[CommentRecord]:
    path = FIXTURES / name
    return connector(platform).read(name, path.read_text(encoding="utf-8"))


def test_every_platform_and_csv_is_registered() -> None:
    assert registered() == ("csv", "facebook", "instagram", "x", "youtube")


def test_unknown_platform_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: csv, facebook"):
        connector("myspace")


def test_facebook_graph_response_reads_comment_author_time_and_permalink() -> None:
    first, threat, spam = read("facebook", "facebook_comments.json")
    assert first.platform_comment_id == "104000000000001_910000000000007"
    assert first.text == "Congrats to the robotics team!"
    assert first.author_display == "Grace Hopper"
    assert first.author_platform_id == "1000000000000042"
    assert first.created_at == dt.datetime(2025, 10, 3, 1, 14, 22, tzinfo=UTC)
    assert first.permalink is not None and first.permalink.endswith("comment_id=910000000000007")
    assert first.object_id == "104000000000001"
    assert first.hidden is False
    assert first.raw["can_hide"] is True  # the whole object is kept for the archive
    assert threat.parent_id == "104000000000001_910000000000007"
    assert spam.author_display is None  # "from" is optional without page permissions


def test_facebook_webhook_takes_new_comments_and_ignores_reactions() -> None:
    body = json.loads((FIXTURES / "facebook_webhook.json").read_text())
    (record,) = connector("facebook").webhook(body) or []
    assert record.platform_comment_id == "104000000000001_920000000000001"
    assert record.text == "When is the book fair?"
    assert record.created_at == dt.datetime.fromtimestamp(1696295662, UTC)
    assert record.parent_id is None  # a reply to the post itself is top-level
    assert record.object_id == "104000000000001_300000000000001"


def test_instagram_comments_include_their_replies_with_the_parent() -> None:
    top, reply = read("instagram", "instagram_comments.json")
    assert (top.platform_comment_id, top.author_display) == ("17900000000000001", "ada.l.fan")
    assert top.object_id == "17950000000000001"
    assert top.permalink is None
    assert "replies" not in top.raw
    assert (reply.text, reply.parent_id) == ("Go team!", "17900000000000001")


def test_instagram_webhook_uses_the_entry_time() -> None:
    body = json.loads((FIXTURES / "instagram_webhook.json").read_text())
    (record,) = connector("instagram").webhook(body) or []
    assert record.text == "Watch your back, coach"
    assert record.author_display == "anon.person"
    assert record.created_at == dt.datetime.fromtimestamp(1696295662, UTC)


def test_youtube_threads_give_top_level_comments_and_replies_with_permalinks() -> None:
    top, reply = read("youtube", "youtube_threads.json")
    assert top.author_display == "@AlanT"
    assert top.author_platform_id == "UCexampleAlan"
    assert top.permalink == "https://www.youtube.com/watch?v=dQexample01&lc=UgxEXAMPLE1"
    assert reply.parent_id == "UgxEXAMPLE1"
    assert reply.hidden is False  # published
    assert connector("youtube").webhook({}) is None  # YouTube has no comment webhooks


def test_x_replies_resolve_the_author_from_includes() -> None:
    (record,) = read("x", "x_replies.json")
    assert record.author_display == "@kjohnson_example"
    assert record.parent_id == "1839999999999999999"
    assert record.permalink == "https://x.com/i/status/1840000000000000001"
    assert record.created_at == dt.datetime(2025, 10, 3, 1, 14, 22, tzinfo=UTC)
    assert record.raw["includes_user"]["name"] == "Katherine Johnson"


def test_x_webhook_skips_the_accounts_own_posts() -> None:
    body = json.loads((FIXTURES / "x_webhook.json").read_text())
    (record,) = connector("x").webhook(body) or []
    assert record.platform_comment_id == "1840000000000000002"
    assert record.author_display == "@dvaughan_example"
    assert record.created_at == dt.datetime(2025, 10, 3, 1, 14, 22, tzinfo=UTC)


def test_csv_reads_required_and_optional_columns() -> None:
    first, second = read("csv", "comments.csv")
    assert first.text == "Thank you, Lincoln teachers!"
    assert first.author_display == "Pat Parent"
    assert first.raw["note"] == "first"
    assert second.permalink is None


def test_json_lines_of_comments_are_read_line_by_line() -> None:
    lines = "\n".join(
        json.dumps({"id": f"1_{n}", "message": "hi", "created_time": "2025-10-03T01:14:22+0000"})
        for n in range(3)
    )
    assert [r.platform_comment_id for r in connector("facebook").read("x.jsonl", lines)] == [
        "1_0",
        "1_1",
        "1_2",
    ]


@pytest.mark.parametrize(
    ("platform", "text", "message"),
    [
        (
            "facebook",
            '{"data": [{"id": "1_1", "message": "hi", "created_time": "soon"}]}',
            "f.json, data[0], field 'created_time': is not an ISO 8601 time",
        ),
        (
            "facebook",
            '{"data": [{"message": "hi", "created_time": "2025-10-03T01:14:22+0000"}]}',
            "f.json, data[0], field 'id': is missing",
        ),
        (
            "instagram",
            '{"id": "1", "text": 5, "timestamp": "2025-10-03T01:14:22+0000"}',
            "f.json, item 1, field 'text': must be a string",
        ),
        (
            "youtube",
            '{"items": [{"id": "T1", "snippet": {}}]}',
            "f.json, items[0], field 'snippet.topLevelComment': is missing",
        ),
        (
            "x",
            '{"data": [{"id": "1", "text": "a"}]}',
            "f.json, data[0], field 'created_at': is missing",
        ),
        (
            "facebook",
            '{"id": "1_1", "created_time": 1696295662}\nnot json\n',
            "f.json, line 2: not valid JSON",
        ),
    ],
)
def test_bad_json_names_file_item_and_field(platform: str, text: str, message: str) -> None:
    with pytest.raises(CommentError) as info:
        connector(platform).read("f.json", text)
    assert str(info.value).startswith(message)


def test_csv_refusals_name_line_and_column() -> None:
    with pytest.raises(CommentError, match=r"comments_bad_time.csv, line 3, field 'created_at'"):
        read("csv", "comments_bad_time.csv")
    with pytest.raises(CommentError, match=r"x.csv, line 1, field 'created_at': no such column"):
        connector("csv").read("x.csv", "id,text\n1,hi\n")
