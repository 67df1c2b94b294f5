"""Face recognition end to end on both databases: off by default; on, only a student whose
parent's written biometric consent is recorded is matched, the template is stored encrypted,
deleted with the consent, re-encrypted by key rotation and purged by the command."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from lanyard.audit.orm import AuditEntry
from lanyard.cli.main import cli
from lanyard.config import Settings
from lanyard.crypto import DecryptionFailed, KeyRing, Sealed, parse_keys
from lanyard.db.session import Database
from lanyard.prepub.biometrics import (
    FaceRecognitionOff,
    NoBiometricConsent,
    context_of,
    enroll_face,
    face_gallery,
    face_keyring,
    record_biometric_consent,
    withdraw_biometric_consent,
)
from lanyard.prepub.orm import FaceTemplate
from lanyard.prepub.photos import Photo, read_photo
from lanyard.prepub.service import find_student, run_photo_check
from tests.conftest import TEST_ENCRYPTION_KEYS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PHOTOS = FIXTURES / "prepub" / "photos"
NOW = dt.datetime(2026, 12, 1, 15, tzinfo=dt.UTC)  # school year 2027
KEYS = parse_keys(TEST_ENCRYPTION_KEYS)


@pytest.fixture
def run(database: Database, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    monkeypatch.setenv("LANYARD_PACK", "chsd-230")

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(cli, list(args))
        return result.exit_code, result.output

    code, out = invoke("import", "oneroster", str(FIXTURES / "oneroster" / "v1p1"))
    assert code == 0, out
    code, out = invoke("consents", "import", str(FIXTURES / "prepub" / "consents.csv"))
    assert code == 0, out
    return invoke


def _photo(name: str) -> Photo:
    return read_photo(name, (PHOTOS / name).read_bytes())


def _check(database: Database, name: str, tags: list[str], keyring: KeyRing | None):  # type: ignore[no-untyped-def]
    with database.uow(write=True) as uow:
        return run_photo_check(uow=uow, photos=[(_photo(name), tags)], use="social_media",
                               pack=None, now=NOW, recognition=keyring)[0]  # fmt: skip


def _consent_and_enroll(database: Database, sourced_id: str, photo: str) -> None:
    with database.uow(write=True) as uow:
        student = find_student(uow.session, sourced_id)
        assert student is not None
        record_biometric_consent(uow=uow, student=student, signed_on=dt.date(2026, 11, 20),
                                 note="signed form", now=NOW, actor_id=None)  # fmt: skip
        enroll_face(uow=uow, student=student, photo=_photo(photo), keyring=KEYS, now=NOW,
                    actor_id=None)  # fmt: skip


def test_off_by_default_faces_are_detected_and_never_matched(
    run,
    database: Database,  # type: ignore[no-untyped-def]
) -> None:
    assert Settings().face_recognition is False
    assert face_keyring(Settings()) is None
    with database.uow(write=True) as uow:
        grace = find_student(uow.session, "u-s-2001")
        assert grace is not None
        with pytest.raises(NoBiometricConsent):
            enroll_face(uow=uow, student=grace, photo=_photo("hopper.jpg"), keyring=KEYS,
                        now=NOW, actor_id=None)  # fmt: skip
        record_biometric_consent(uow=uow, student=grace, signed_on=dt.date(2026, 11, 20),
                                 note=None, now=NOW, actor_id=None)  # fmt: skip
        with pytest.raises(FaceRecognitionOff):
            enroll_face(uow=uow, student=grace, photo=_photo("hopper.jpg"), keyring=None,
                        now=NOW, actor_id=None)  # fmt: skip
    result = _check(database, "group_three.jpg", [], None)
    assert result.matches == ()
    assert [f.kind for f in result.findings] == ["untagged_faces"]


def test_a_consenting_student_is_suggested_and_their_opt_out_applies(
    run,
    database: Database,  # type: ignore[no-untyped-def]
) -> None:
    _consent_and_enroll(database, "u-s-2001", "hopper.jpg")  # Grace: social media opted out
    result = _check(database, "group_three.jpg", [], KEYS)
    kinds = [f.kind for f in result.findings]
    assert kinds == ["face_match", "opted_out", "untagged_faces"]
    assert result.verdict.value == "unsafe"
    assert "matched by face recognition to Grace Hopper (student 200101)" in (
        result.findings[0].reason
    )
    # tagged: the match confirms the tag, nothing suggested
    tagged = _check(database, "group_three.jpg", ["u-s-2001"], KEYS)
    assert [f.kind for f in tagged.findings] == ["opted_out", "untagged_faces"]
    # a photo of someone else: no match
    assert _check(database, "astronaut_gps.jpg", [], KEYS).matches == ()
    with database.uow() as uow:
        entries = uow.session.execute(
            select(AuditEntry.event, AuditEntry.after).order_by(AuditEntry.seq)
        ).all()
    events = [e.event for e in entries]
    assert "biometric_consent:recorded" in events and "face_template:enrolled" in events
    checked = [e.after for e in entries if e.event == "prepub:checked"]
    assert checked[0]["face_recognition"] is True and checked[0]["faces_matched"] == 1
    # no template or descriptor in any audit entry
    assert all("ciphertext" not in json.dumps(e.after, default=str) for e in entries)


def test_the_template_is_encrypted_bound_to_its_student_and_deleted_with_the_consent(
    run,
    database: Database,  # type: ignore[no-untyped-def]
) -> None:
    _consent_and_enroll(database, "u-s-2001", "hopper.jpg")
    with database.uow() as uow:
        row = uow.session.scalars(select(FaceTemplate)).one()
        sealed = Sealed(row.key_id, bytes(row.nonce), bytes(row.ciphertext))
        student_id = row.student_id
    opened = KEYS.open(sealed, context=context_of(student_id))
    assert len(opened) == 512 and opened not in sealed.ciphertext
    with pytest.raises(DecryptionFailed):  # moved to another student: does not open
        KEYS.open(sealed, context=context_of("someone-else"))
    other = parse_keys("k9:" + base64.b64encode(b"k" * 32).decode())
    with pytest.raises(DecryptionFailed):
        other.open(sealed, context=context_of(student_id))
    with database.uow(write=True) as uow:
        grace = find_student(uow.session, "u-s-2001")
        assert grace is not None
        assert withdraw_biometric_consent(uow=uow, student=grace, now=NOW, actor_id=None)
    with database.uow() as uow:
        assert uow.session.scalars(select(FaceTemplate)).all() == []
        assert face_gallery(uow.session, KEYS).templates == {}
        withdrawn = uow.session.scalars(
            select(AuditEntry.after).where(AuditEntry.event == "biometric_consent:withdrawn")
        ).one()
    assert withdrawn == {"template_deleted": True}
    assert _check(database, "group_three.jpg", [], KEYS).matches == ()


def test_key_rotation_re_encrypts_templates_and_the_purge_deletes_them(
    run,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    _consent_and_enroll(database, "u-s-2001", "hopper.jpg")
    _consent_and_enroll(database, "u-s-2002", "astronaut_gps.jpg")
    with database.uow(write=True) as uow:  # Alan leaves the district (an import removes him)
        alan = find_student(uow.session, "u-s-2002")
        assert alan is not None
        alan.active = False
        uow.commit()
    new = "k2:" + base64.b64encode(b"n" * 32).decode()
    monkeypatch.setenv("LANYARD_ENCRYPTION_KEYS", f"{new},{TEST_ENCRYPTION_KEYS}")
    code, out = run("escrow", "rotate")
    assert code == 0, out
    assert "re-encrypted 2 secret(s) under key 'k2'" in out
    ring = parse_keys(f"{new},{TEST_ENCRYPTION_KEYS}")
    with database.uow() as uow:
        assert {t.key_id for t in uow.session.scalars(select(FaceTemplate))} == {"k2"}
        # the rotated template still matches (only active students are compared)
        assert set(face_gallery(uow.session, parse_keys(new)).templates) == {
            find_student(uow.session, "u-s-2001").id  # type: ignore[union-attr]
        }
    assert _check(database, "group_three.jpg", [], ring).matches != ()
    code, out = run("consents", "purge-face-templates")
    assert code == 0, out
    assert "deleted 1 face template(s): 1 of students who left the district, 0 other(s)" in out
    code, out = run("consents", "purge-face-templates", "--all")
    assert "deleted 1 face template(s): 0 of students who left the district, 1 other(s)" in out
    with database.uow() as uow:
        assert uow.session.scalars(select(FaceTemplate)).all() == []
        purged = uow.session.scalars(
            select(AuditEntry.after).where(AuditEntry.event == "face_templates:purged")
        ).all()
    assert sorted(p["reason"] for p in purged) == ["all templates purged", "left the district"]
