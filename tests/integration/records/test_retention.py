"""Retention and disposition: a district-set period removes what is past it, a legal hold
keeps what it covers, a certificate of destruction (counts, no people) lands in the audit
log, and the audit log and exports still verify afterwards."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner, Result
from sqlalchemy import select, text

from lanyard.approvals.orm import ApprovalRequest
from lanyard.audit.orm import AuditEntry
from lanyard.bootstrap import Services
from lanyard.cases.orm import Case, CaseNote, CaseSubject
from lanyard.cli.main import cli
from lanyard.directory.orm import RelationshipDisclosure
from lanyard.jobs.runner import run_one

OLD = dt.datetime(2016, 5, 3, 10, 0, tzinfo=dt.UTC)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def seed_old(app: Services) -> None:
    """Records long past any period: a closed case each for Ruiz and Cole, a withdrawn
    disclosure naming a student, a denied request."""
    with app.db.uow(write=True) as uow:
        s = uow.session
        for cid, reporter in (("c-ruiz", "t-ruiz"), ("c-cole", "t-cole")):
            s.add(
                Case(
                    id=cid,
                    pack_id="demo",
                    report_type="concern",
                    title="Old matter",
                    reporter_id=reporter,
                    summary="Liam Brandt was texted.",
                    state="closed",
                    created_at=OLD,
                    ack_due_at=OLD,
                    closed_at=OLD + dt.timedelta(days=20),
                )
            )
        s.flush()
        s.add(CaseSubject(case_id="c-cole", person_id="s-liam"))
        s.add(CaseNote(case_id="c-cole", author_id="t-cole", at=OLD, body="Closed."))
        s.add(
            RelationshipDisclosure(
                id="d-old",
                employee_id="t-cole",
                student_id="s-maya",
                kind="community",
                disclosed_at=OLD,
                withdrawn=True,
            )
        )
        s.add(
            ApprovalRequest(
                id="r-old",
                pack_id="demo",
                form_id="social-media-request",
                approver_role="principal",
                requester_id="t-cole",
                state="denied",
                created_at=OLD,
                updated_at=OLD,
            )
        )
        uow.commit()


def confirm_periods() -> None:
    for kind, period in (("cases", "7y"), ("disclosures", "5y"), ("requests", "5y")):
        result = run(
            "records", "retention", "set", kind, period, "--basis", "Application 24-07 item 3"
        )
        assert result.exit_code == 0, result.output


def case_ids(app: Services) -> set[str]:
    with app.db.uow() as uow:
        return set(uow.session.scalars(select(Case.id)))


def certificates(app: Services) -> list[dict[str, object]]:
    with app.db.uow() as uow:
        rows = uow.session.scalars(select(AuditEntry).where(AuditEntry.event == "records:disposed"))
        return [r.after or {} for r in rows]


def test_defaults_are_named_and_not_applied_until_the_district_sets_them(
    app: Services,
) -> None:
    seed_old(app)
    shown = run("records", "retention", "show")
    assert shown.exit_code == 0, shown.output
    assert "Illinois Local Records Act (50 ILCS 205)" in shown.output
    assert "records officer" in shown.output
    assert "default, not applied until the district sets it" in shown.output
    result = run("records", "dispose")
    assert result.exit_code == 0, result.output
    assert "cases           not disposed of: the district has not set its period" in result.output
    assert {"c-ruiz", "c-cole", "c1", "c2"} <= case_ids(app)


def test_a_period_is_checked_before_it_is_set(app: Services) -> None:
    result = run("records", "retention", "set", "audit", "6m", "--basis", "x")
    assert result.exit_code == 1
    assert "audit: keep them at least 365 days" in result.output
    result = run("records", "retention", "set", "cases", "soon", "--basis", "x")
    assert result.exit_code == 1 and "period 'soon'" in result.output
    result = run("records", "retention", "set", "cases", "7y", "--basis", " ")
    assert result.exit_code == 1 and "--basis" in result.output


def test_a_hold_blocks_disposition_and_disposition_leaves_a_certificate(
    app: Services, tmp_path: Path
) -> None:
    seed_old(app)
    confirm_periods()
    placed = run("records", "hold", "place", "--person", "aruiz@example.org", "--reason", "Doe")
    assert placed.exit_code == 0, placed.output
    hold_id = placed.output.split("legal hold placed: ")[1].split()[0]

    dry = run("records", "dispose", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "cases           would dispose of 1 (kept 7 years" in dry.output
    assert "1 kept under a legal hold" in dry.output
    assert "no certificate written" in dry.output
    assert {"c-ruiz", "c-cole"} <= case_ids(app) and certificates(app) == []

    done = run("records", "dispose")
    assert done.exit_code == 0, done.output
    ids = case_ids(app)
    assert "c-ruiz" in ids  # under the hold on Ruiz
    assert "c-cole" not in ids  # past its period, no hold
    assert {"c1", "c2"} <= ids  # open cases stay whatever their age
    with app.db.uow() as uow:
        s = uow.session
        assert s.get(RelationshipDisclosure, "d-old") is None
        assert s.get(RelationshipDisclosure, "d1") is not None  # not withdrawn
        assert s.get(ApprovalRequest, "r-old") is None
        assert s.scalar(select(CaseNote.id).where(CaseNote.case_id == "c-cole")) is None

    [cert] = certificates(app)
    types = cert["types"]
    assert isinstance(types, dict)
    assert types["cases"]["disposed"] == 1 and types["cases"]["kept_under_hold"] == 1
    assert types["cases"]["parts"]["notes"] == 1
    assert types["disclosures"]["disposed"] == 1 and types["requests"]["disposed"] == 1
    assert types["audit"]["not_applied"] == "kept indefinitely"
    assert cert["legal_holds_in_force"] == [hold_id]
    words = json.dumps(cert)
    for name in ("Ruiz", "Cole", "Liam", "Maya", "s-maya", "s-liam", "t-cole", "c-cole"):
        assert name not in words  # counts and dates only

    # once the hold is lifted the held case goes at the next run... unless a hold names it
    lifted = run("records", "hold", "lift", hold_id, "--reason", "settled")
    assert lifted.exit_code == 0, lifted.output
    again = run("records", "dispose")
    assert "cases           disposed of 1" in again.output
    assert "c-ruiz" not in case_ids(app)

    # the audit log still verifies, and so does an export made after the disposition
    verified = run("audit", "verify")
    assert verified.exit_code == 0, verified.output
    out = tmp_path / "after.zip"
    exported = run(
        "records", "export", "--since", "2016-01-01", "--until", "2026-12-31", "--out", str(out)
    )
    assert exported.exit_code == 0, exported.output
    checked = run("records", "verify", str(out))
    assert checked.exit_code == 0, checked.output


def test_a_case_hold_keeps_its_case_even_after_it_is_lifted(app: Services) -> None:
    seed_old(app)
    confirm_periods()
    placed = run("records", "hold", "place", "--case", "c-cole", "--reason", "subpoena 26-114")
    hold_id = placed.output.split("legal hold placed: ")[1].split()[0]
    run("records", "hold", "lift", hold_id, "--reason", "answered")
    result = run("records", "dispose")
    assert result.exit_code == 0, result.output
    assert "c-cole" in case_ids(app)  # the hold's record names it


def test_the_daily_job_disposes_and_certifies_only_when_something_went(app: Services) -> None:
    now = dt.datetime.now(dt.UTC)
    outcome = run_one(app, "records.dispose", now, force=True)
    assert outcome.ran and outcome.handled == 0 and not outcome.failed
    assert certificates(app) == []  # nothing to certify
    seed_old(app)
    confirm_periods()
    outcome = run_one(app, "records.dispose", now, force=True)
    assert outcome.handled == 4 and not outcome.failed
    [cert] = certificates(app)
    assert cert["by"] == "job records.dispose"
    with app.db.engine.connect() as conn:
        held = conn.execute(text("SELECT count(*) FROM cases")).scalar()
    assert held == 2


def seed_unscheduled_before(app: Services) -> None:
    """Old records of the types that had no schedule: an approved request and the approval
    it put on file, an approval entered on file without a request, two closed
    acknowledgment campaigns (one naming Ruiz, one only Cole), a directory import and a
    message import whose messages are gone."""
    from lanyard.acknowledgments.orm import AckAssignment, AckCampaign, PolicyReview
    from lanyard.directory.orm import ApprovalOnFile, DirectoryImport
    from lanyard.messages.orm import MessageImport, MessageImportChunk
    from lanyard.official_accounts.orm import OfficialAccount

    with app.db.uow(write=True) as uow:
        s = uow.session
        s.add(
            ApprovalOnFile(
                id="aof-req",
                person_id="t-cole",
                form="social-media-request",
                granted_at=OLD,
                expires_at=OLD + dt.timedelta(days=365),
            )
        )
        s.add(
            ApprovalOnFile(
                id="aof-alone",
                person_id="t-ruiz",
                form="social-media-request",
                granted_at=OLD,
                expires_at=OLD + dt.timedelta(days=365),
            )
        )
        s.add(  # no end date: in force, kept whatever its age
            ApprovalOnFile(id="aof-open", person_id="t-cole", form="x", granted_at=OLD)
        )
        s.add(  # expired long ago, but the official account registered under it names it
            ApprovalOnFile(
                id="aof-account",
                person_id="t-cole",
                form="social-media-request",
                granted_at=OLD,
                expires_at=OLD + dt.timedelta(days=365),
            )
        )
        s.flush()
        s.add(
            OfficialAccount(
                id="acct-old",
                pack_id="demo",
                platform="facebook",
                handle="old-team",
                url="https://facebook.example/old-team",
                purpose="Team news",
                owner_id="t-cole",
                created_with_email="bcole@example.org",
                approval_on_file_id="aof-account",
                created_at=OLD,
            )
        )
        s.add(
            ApprovalRequest(
                id="r-approved",
                pack_id="demo",
                form_id="social-media-request",
                approver_role="principal",
                requester_id="t-cole",
                state="approved",
                created_at=OLD,
                updated_at=OLD,
                expires_at=OLD + dt.timedelta(days=365),
                approval_id="aof-req",
            )
        )
        for cid, person in (("camp-ruiz", "t-ruiz"), ("camp-cole", "t-cole")):
            s.add(
                AckCampaign(
                    id=cid,
                    title="Annual acknowledgment 2016-17",
                    pack_id="demo",
                    pack_version="1",
                    content_hash="0" * 64,
                    pack_text="",
                    opens_at=OLD,
                    due_at=OLD + dt.timedelta(days=30),
                    state="closed",
                    created_at=OLD,
                    closed_at=OLD + dt.timedelta(days=300),
                )
            )
            s.flush()
            s.add(
                AckAssignment(
                    campaign_id=cid, person_id=person, role="teacher", assigned_at=OLD, reminders=3
                )
            )
        s.add(
            PolicyReview(
                id="rev-cole",
                pack_id="demo",
                pack_version="1",
                campaign_id="camp-cole",
                due_at=OLD,
                created_at=OLD,
            )
        )
        s.add(
            DirectoryImport(
                id="imp-old", at=OLD, changes={"people_added": ["t-cole"], "links_added": []}
            )
        )
        s.add(
            MessageImport(
                id="mimp-old",
                format="csv",
                file_name="export.csv",
                file_sha256="1" * 64,
                status="complete",
                started_at=OLD,
                finished_at=OLD,
                pack_id="demo",
                pack_hash="2" * 64,
            )
        )
        s.flush()
        s.add(
            MessageImportChunk(
                import_id="mimp-old", seq=0, status="done", counts={"messages": 0}, sent_at=OLD
            )
        )
        uow.commit()


def test_approvals_on_file_campaigns_and_imports_are_scheduled_and_disposed(
    app: Services,
) -> None:
    from lanyard.acknowledgments.orm import AckAssignment, AckCampaign, PolicyReview
    from lanyard.directory.orm import ApprovalOnFile, DirectoryImport
    from lanyard.messages.orm import MessageImport, MessageImportChunk

    seed_unscheduled_before(app)
    shown = run("records", "retention", "show")
    for kind in ("ack_campaigns", "directory_imports", "approvals on file"):
        assert kind in shown.output
    short = run("records", "retention", "set", "directory_imports", "3d", "--basis", "x")
    assert short.exit_code == 1 and "at least 7 days" in short.output
    for kind in ("approvals", "ack_campaigns", "directory_imports", "messages"):
        done = run("records", "retention", "set", kind, "1y", "--basis", "Application 24-07")
        assert done.exit_code == 0, done.output
    placed = run("records", "hold", "place", "--person", "aruiz@example.org", "--reason", "Doe")
    assert placed.exit_code == 0, placed.output

    result = run("records", "dispose")
    assert result.exit_code == 0, result.output
    assert "approvals       disposed of 1" in result.output  # the request (and its approval)
    assert "1 kept under a legal hold" in result.output  # Ruiz's approval on file
    assert "ack_campaigns   disposed of 1" in result.output
    assert "directory_imports disposed of 1" in result.output
    with app.db.uow() as uow:
        s = uow.session
        assert s.get(ApprovalRequest, "r-approved") is None
        assert s.get(ApprovalOnFile, "aof-req") is None  # went with its request
        assert s.get(ApprovalOnFile, "aof-alone") is not None  # the hold on Ruiz
        assert s.get(ApprovalOnFile, "aof-open") is not None  # no end date
        assert s.get(ApprovalOnFile, "aof-account") is not None  # an account names it
        assert s.get(AckCampaign, "camp-cole") is None
        assert (
            s.scalar(select(AckAssignment.id).where(AckAssignment.campaign_id == "camp-cole"))
            is None
        )
        review = s.get(PolicyReview, "rev-cole")
        assert review is not None and review.campaign_id is None  # the review stays
        assert s.get(AckCampaign, "camp-ruiz") is not None  # names the held person
        assert s.get(DirectoryImport, "imp-old") is None
        assert s.get(MessageImport, "mimp-old") is None
        assert s.scalar(select(MessageImportChunk.seq)) is None
    types = certificates(app)[0]["types"]
    assert isinstance(types, dict)
    assert types["approvals"]["parts"] == {"approvals": 1, "on_file": 1}
    assert types["ack_campaigns"]["parts"] == {"assignments": 1, "ack_campaigns": 1}
    assert types["messages"]["parts"] == {"imports": 1}
    assert run("audit", "verify").exit_code == 0


def test_a_campaign_stays_while_an_acknowledgment_signed_for_it_is_kept(app: Services) -> None:
    from lanyard.acknowledgments.orm import AckAssignment, AckCampaign, Acknowledgment

    seed_unscheduled_before(app)
    with app.db.uow(write=True) as uow:
        s = uow.session
        assignment = s.scalars(
            select(AckAssignment).where(AckAssignment.campaign_id == "camp-cole")
        ).one()
        assignment.acknowledged_at = OLD + dt.timedelta(days=3)
        s.add(
            Acknowledgment(
                assignment_id=assignment.id,
                campaign_id="camp-cole",
                person_id="t-cole",
                pack_id="demo",
                pack_version="1",
                content_hash="0" * 64,
                signed_name="Ben Cole",
                at=OLD + dt.timedelta(days=3),
            )
        )
        uow.commit()
    run("records", "retention", "set", "ack_campaigns", "1y", "--basis", "x")
    run("records", "dispose")
    with app.db.uow() as uow:
        assert uow.session.get(AckCampaign, "camp-cole") is not None  # its signature is kept
        assert uow.session.get(AckCampaign, "camp-ruiz") is None
    run("records", "retention", "set", "acknowledgments", "5y", "--basis", "x")
    result = run("records", "dispose")
    # the signature goes first (the types run in the schedule's order), then its campaign
    assert "acknowledgments disposed of 1" in result.output
    assert "ack_campaigns   disposed of 1" in result.output
    with app.db.uow() as uow:
        assert uow.session.get(AckCampaign, "camp-cole") is None


def seed_archive_and_messages(app: Services) -> None:
    """A comment hidden in 2016 with its archive entry and platform action; an imported
    file of 2016 with a dismissed finding, an open finding and a message without one."""
    from lanyard.messages.orm import Message, MessageFinding, MessageImport
    from lanyard.moderation.orm import ArchiveEntry, Comment
    from lanyard.moderation.platform_orm import PlatformAction
    from lanyard.official_accounts.orm import OfficialAccount

    with app.db.uow(write=True) as uow:
        s = uow.session
        s.add(
            OfficialAccount(
                id="acct",
                pack_id="demo",
                platform="facebook",
                handle="d230",
                url="https://facebook.example/d230",
                purpose="News",
                owner_id="t-cole",
                created_with_email="bcole@example.org",
                created_at=OLD,
            )
        )
        s.flush()
        s.add(
            ArchiveEntry(
                id="arch",
                comment_id="cmt",
                official_account_id="acct",
                platform="facebook",
                action="hide",
                archived_at=OLD,
                archived_by_id="t-cole",
                content_sha256="3" * 64,
                document={"text": "rude"},
                audit_seq=1,
            )
        )
        s.flush()
        s.add(
            Comment(
                id="cmt",
                official_account_id="acct",
                platform="facebook",
                platform_comment_id="fb-1",
                text="rude",
                created_time=OLD,
                received_at=OLD,
                raw={},
                classification={},
                severity=1,
                score=0.5,
                suggested_action="hide",
                flagged=[],
                state="hidden",
                archive_entry_id="arch",
            )
        )
        s.flush()
        s.add(
            PlatformAction(
                comment_id="cmt",
                official_account_id="acct",
                platform="facebook",
                action="hide",
                archive_entry_id="arch",
                status="done",
                not_before=OLD,
                created_at=OLD,
            )
        )
        s.add(
            MessageImport(
                id="mimp",
                format="csv",
                file_name="2016.csv",
                file_sha256="4" * 64,
                status="complete",
                started_at=OLD,
                finished_at=OLD,
                pack_id="demo",
                pack_hash="5" * 64,
            )
        )
        s.flush()
        for n, finding in ((1, "dismissed"), (2, "open"), (3, None)):
            s.add(
                Message(
                    id=n,
                    import_id="mimp",
                    message_key=str(n) * 64,
                    source="csv",
                    sent_at=OLD,
                    sender_id="t-cole",
                    sender_key="bcole@example.org",
                    medium="email",
                    recipient_count=1,
                    recipients=[["s-liam", None, "student", None]],
                    has_finding=finding is not None,
                )
            )
            s.flush()
            if finding:
                s.add(
                    MessageFinding(
                        id=f"f{n}",
                        message_id=n,
                        import_id="mimp",
                        kind="violation",
                        rule="r",
                        verdict="prohibited",
                        employee_id="t-cole",
                        sent_at=OLD,
                        pack_id="demo",
                        pack_hash="5" * 64,
                        status=finding,
                        created_at=OLD,
                    )
                )
        uow.commit()


def test_the_moderation_archive_and_closed_findings_go_open_findings_stay(
    app: Services,
) -> None:
    from lanyard.messages.orm import Message, MessageFinding, MessageImport
    from lanyard.moderation.orm import ArchiveEntry, Comment
    from lanyard.moderation.platform_orm import PlatformAction

    seed_archive_and_messages(app)
    for kind in ("moderation", "messages"):
        done = run("records", "retention", "set", kind, "5y", "--basis", "Application 24-07")
        assert done.exit_code == 0, done.output
    result = run("records", "dispose")
    assert result.exit_code == 0, result.output
    assert "moderation      disposed of 1" in result.output
    assert "messages        disposed of 2" in result.output  # the dismissed finding, message 3
    with app.db.uow() as uow:
        s = uow.session
        assert s.get(ArchiveEntry, "arch") is None and s.get(Comment, "cmt") is None
        assert s.scalar(select(PlatformAction.id)) is None
        assert set(s.scalars(select(Message.id))) == {2}  # the open finding's message
        assert set(s.scalars(select(MessageFinding.id))) == {"f2"}
        assert s.get(MessageImport, "mimp") is not None  # one of its messages is left
    parts = certificates(app)[0]["types"]
    assert isinstance(parts, dict)
    assert parts["moderation"]["parts"] == {"platform_actions": 1, "comments": 1, "moderation": 1}
    assert parts["messages"]["parts"] == {"findings": 1, "messages": 2}
    assert run("audit", "verify").exit_code == 0  # archive entries pointed into the chain
