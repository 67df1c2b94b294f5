"""A rule a message log cannot settle (issue 12): under ``wilmette-39`` a teacher writing
from the district account to a student's personal address breaks a rule only if it was for
personal purposes, which no log shows. The review queue shows it for review, never as a
violation, with the clause, its quote and what it turns on in words; under ``chsd-230`` the
same message breaks item 1 outright and stays a violation, not shown twice."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from lanyard.config import Settings
from lanyard.db.session import Database
from lanyard.messages.domain import FindingKind, ReviewSettings
from lanyard.messages.orm import KnownAddress, MessageFinding
from lanyard.messages.service import import_messages
from lanyard.policy import load_pack
from tests.support.district import DOMAIN, District
from tests.web.conftest import make_settings, sign_in

NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
HOME = "sam.at.home@example.net"  # the student's personal address, known to the district


@pytest.fixture(params=["wilmette-39", "chsd-230"])
def settings(request: pytest.FixtureRequest, sqlite_url: str) -> Settings:
    return make_settings(sqlite_url, pack=request.param)


def audit(db: Database, district: District, pack_id: str, tmp_path: Path) -> list[MessageFinding]:
    with db.uow() as uow:
        uow.session.add(KnownAddress(address=HOME, person_id=district.student, source="test"))
        uow.commit()
    path = tmp_path / "log.csv"
    path.write_text(
        "message_id,sent_at,sender,recipients,medium\n"
        f"m1,2026-01-12T15:00:00Z,tina.teach@example.org,{HOME},email\n"
        "m2,2026-01-12T16:00:00Z,tina.teach@example.org,sam.student@example.org,email\n",
        encoding="utf-8",
    )
    import_messages(
        db=db,
        path=path,
        format="csv",
        pack=load_pack(pack_id),
        review=ReviewSettings(timezone=ZoneInfo("America/Chicago")),
        now=NOW,
        district_domains=(DOMAIN,),
    )
    with db.uow() as uow:
        out = list(uow.session.scalars(select(MessageFinding)))
        uow.session.expunge_all()
        return out


def test_a_rule_the_log_cannot_settle_is_for_review_with_its_clause(
    client: TestClient, db: Database, district: District, settings: Settings, tmp_path: Path
) -> None:
    found = audit(db, district, settings.pack, tmp_path)
    sign_in(client, "paula")
    page = client.get("/messages/review")
    assert page.status_code == 200
    violations, for_review = page.text.split('id="for-review-h"')
    # one finding, on the message to the personal address; district mail gives none
    assert len(found) == 1
    (finding,) = found
    if settings.pack == "wilmette-39":
        assert (finding.kind, finding.verdict) == (FindingKind.REVIEW, "for_review")
        # Tina's familial relationship with Sam is on file: that lifts the ban on personal
        # messages, so what is left is District business from a personal device
        assert finding.rule == "personal-technology-only-designated-groups-of-students"
        clause = "Section II, Authorized Use of Personal Technology to Conduct District Business"
        assert clause in for_review and clause not in violations
        assert f"A clause that could apply: {clause}" in for_review  # a title in words
        assert "only may authorize use of personal technology" in for_review
        words = "a violation if it was sent from a personal device and it was District business"
        assert words in for_review
        assert "For review, not a violation" in for_review
        assert "Other clauses that could apply" in for_review
    else:
        assert (finding.kind, finding.rule) == (
            FindingKind.VIOLATION,
            "email-students-district-address",
        )
        clause = "District-Sponsored Electronic Communications/Social Media Use, item 1"
        assert clause in violations and clause not in for_review
        assert "could apply" not in page.text


def test_the_dashboard_and_its_csv_name_the_clause_in_words_as_the_queue_does(
    client: TestClient, db: Database, district: District, settings: Settings, tmp_path: Path
) -> None:
    """Found reading the dashboard after the import: its "by rule" table and CSV said
    ``no-personal-communication-with-students (for review)`` where the queue showed the
    clause; now both give the queue's title, the CSV keeping the rule's id beside it."""
    (finding,) = audit(db, district, settings.pack, tmp_path)
    sign_in(client, "paula")
    queue = client.get("/messages/review").text
    board = client.get("/messages/dashboard").text
    rows = list(csv.DictReader(io.StringIO(client.get("/messages/dashboard.csv").text)))
    by_rule = board[board.index('id="rule-h"') : board.index('id="week-h"')]
    pack = load_pack(settings.pack)
    clause = next(r.citation.clause for r in pack.rules if r.rule.id == finding.rule)
    if settings.pack == "wilmette-39":  # a rule that could apply: for review
        title = f"A clause that could apply: {clause}"
        label = f"{title} (for review)"
    else:  # a violation: the clause it breaks
        assert clause.startswith("District-Sponsored Electronic Communications")
        title = label = clause
    assert html.escape(title) in queue
    assert html.escape(label) in by_rule and finding.rule not in by_rule
    assert [(r["rule"], r["rule_id"], r["findings"]) for r in rows] == [(label, finding.rule, "1")]
