"""Official accounts and escrow on SQLite and PostgreSQL: the registry, deposit and
reveal with their audit entries, refusals that change nothing, key rotation in one
transaction, and `lanyard escrow rotate`."""

from __future__ import annotations

import base64
import datetime as dt
import os

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from lanyard.audit.orm import AuditEntry
from lanyard.auth.permissions import Principal, RoleGrant
from lanyard.auth.roles import role_table
from lanyard.cli.main import cli
from lanyard.crypto import DecryptionFailed, parse_keys
from lanyard.db.session import Database
from lanyard.directory.orm import ApprovalOnFile, Building, Person
from lanyard.official_accounts import escrow, service
from lanyard.official_accounts.domain import InvalidAccount, requirements
from lanyard.official_accounts.orm import EscrowedCredential, OfficialAccount
from lanyard.official_accounts.service import AccountInput, NotPermitted
from lanyard.policy import load_pack

NOW = dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
PACK = load_pack("naperville-203").document
K1 = base64.b64encode(os.urandom(32)).decode()
K2 = base64.b64encode(os.urandom(32)).decode()


def _seed(database: Database) -> dict[str, str]:
    with database.uow() as uow:
        s = uow.session
        north, south = Building(name="North"), Building(name="South")
        s.add_all([north, south])
        s.flush()
        owner = Person(kind="staff", given_name="Olive", family_name="Owner", email="olive@d.org")
        teen = Person(
            kind="student",
            given_name="Tim",
            family_name="Teen",
            email="tim@students.d.org",
            birth_date=dt.date(2011, 1, 1),
        )
        s.add_all([owner, teen])
        s.flush()
        s.add(ApprovalOnFile(person_id=owner.id, form="social-media-request", granted_at=NOW))
        uow.commit()
        return {"north": north.id, "south": south.id, "owner": owner.id, "teen": teen.id}


def _owner(ids: dict[str, str]) -> Principal:
    return Principal(ids["owner"], "staff", display_name="Olive Owner")


def _principal_of(ids: dict[str, str], building: str) -> Principal:
    return Principal(
        "p-" + building,
        "staff",
        roles=frozenset({RoleGrant("building_principal", ids[building])}),
        table=role_table("naperville-203"),
    )


def _register(database: Database, ids: dict[str, str], **overrides: object) -> str:
    reqs_ids = {s.id for s in requirements(PACK, "instagram").statements}
    values: dict[str, object] = {
        "platform": "instagram",
        "handle": "@northband",
        "url": "https://instagram.com/northband",
        "purpose": "Band concerts, rehearsals and photos for families.",
        "created_with_email": "band@d.org",
        "students_post": True,
        "statements_confirmed": frozenset(reqs_ids),
        "approval_on_file_id": None,
        "building_id": ids["north"],
        "manager_emails": ("olive@d.org", "tim@students.d.org"),
    }
    values.update(overrides)
    with database.uow() as uow:
        return service.register(
            uow=uow,
            pack=PACK,
            principal=_owner(ids),
            data=AccountInput(**values),  # type: ignore[arg-type]
            configured_domains=("d.org",),
            now=NOW,
        )


def _events(database: Database) -> list[AuditEntry]:
    with database.uow() as uow:
        rows = list(uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        uow.session.expunge_all()
        return rows


def test_register_escrow_reveal_and_the_audit_trail(database: Database) -> None:
    ids = _seed(database)
    account_id = _register(database, ids)
    ring = parse_keys(f"k1:{K1}")
    with database.uow() as uow:
        version = escrow.deposit(
            uow=uow,
            keyring=ring,
            principal=_owner(ids),
            account_id=account_id,
            login="northband",
            secret="Tr0mb0ne!",
            confirm="Tr0mb0ne!",
            now=NOW,
        )
    assert version == 1
    with database.uow() as uow:
        with pytest.raises(NotPermitted):  # the owner set it; administration reveals it
            escrow.reveal(
                uow=uow,
                keyring=ring,
                principal=_owner(ids),
                account_id=account_id,
                reason="I forgot the password again",
                now=NOW,
            )
    with database.uow() as uow:
        with pytest.raises(NotPermitted):  # another building's principal
            escrow.reveal(
                uow=uow,
                keyring=ring,
                principal=_principal_of(ids, "south"),
                account_id=account_id,
                reason="Curious about this account",
                now=NOW,
            )
    with database.uow() as uow:
        shown = escrow.reveal(
            uow=uow,
            keyring=ring,
            principal=_principal_of(ids, "north"),
            account_id=account_id,
            reason="Director on leave; posting closure",
            now=NOW,
        )
    assert shown.secret == "Tr0mb0ne!" and "Tr0mb0ne" not in repr(shown)
    events = [e.event for e in _events(database)]
    assert events == ["official_account:registered", "escrow:deposited", "escrow:revealed"]
    assert all("Tr0mb0ne" not in str(e.after) for e in _events(database))


def test_refusals_change_nothing(database: Database) -> None:
    ids = _seed(database)
    with pytest.raises(InvalidAccount) as caught:
        _register(database, ids, manager_emails=("tim@students.d.org",))
    assert "adult employee" in caught.value.problems["managers"]
    with pytest.raises(InvalidAccount) as caught:
        _register(
            database, ids, created_with_email="band@gmail.com", statements_confirmed=frozenset()
        )
    assert set(caught.value.problems) >= {"created_with_email", "statements"}
    with database.uow() as uow:
        assert uow.session.scalars(select(OfficialAccount)).first() is None
    assert _events(database) == []
    account_id = _register(database, ids)
    with database.uow() as uow:
        with pytest.raises(InvalidAccount, match="Cannot remove"):
            service.remove_manager(
                uow=uow,
                principal=_owner(ids),
                account_id=account_id,
                person_id=ids["owner"],
                now=NOW,
            )
    with database.uow() as uow:
        account = uow.session.get(OfficialAccount, account_id)
        assert account is not None and len(account.managers) == 2


def test_rotation_re_encrypts_every_secret_in_one_transaction(database: Database) -> None:
    ids = _seed(database)
    a = _register(database, ids)
    b = _register(database, ids, handle="@northart", url="https://instagram.com/northart")
    old = parse_keys(f"k1:{K1}")
    for account_id, secret in ((a, "first-secret"), (b, "second-secret")):
        with database.uow() as uow:
            escrow.deposit(
                uow=uow,
                keyring=old,
                principal=_owner(ids),
                account_id=account_id,
                login="x",
                secret=secret,
                confirm=secret,
                now=NOW,
            )
    # a ring that cannot open the old secrets: nothing changes
    with database.uow() as uow, pytest.raises(DecryptionFailed):
        escrow.rotate(uow=uow, keyring=parse_keys(f"k2:{K2}"), now=NOW)
    with database.uow() as uow:
        assert {r.key_id for r in uow.session.scalars(select(EscrowedCredential))} == {"k1"}
    new = parse_keys(f"k2:{K2},k1:{K1}")
    with database.uow() as uow:
        assert escrow.rotate(uow=uow, keyring=new, now=NOW) == 2
    only_new = parse_keys(f"k2:{K2}")
    with database.uow() as uow:
        shown = escrow.reveal(
            uow=uow,
            keyring=only_new,
            principal=_principal_of(ids, "north"),
            account_id=b,
            reason="Checking rotation worked fine",
            now=NOW,
        )
    assert shown.secret == "second-secret"
    assert [e.event for e in _events(database)].count("escrow:rotated") == 2


def test_escrow_rotate_command(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    ids = _seed(database)
    account_id = _register(database, ids)
    with database.uow() as uow:
        escrow.deposit(
            uow=uow,
            keyring=parse_keys(f"k1:{K1}"),
            principal=_owner(ids),
            account_id=account_id,
            login="x",
            secret="s3",
            confirm="s3",
            now=NOW,
        )
    monkeypatch.setenv("LANYARD_DATABASE_URL", database.url)
    monkeypatch.setenv("LANYARD_ENCRYPTION_KEYS", f"k2:{K2},k1:{K1}")
    result = CliRunner().invoke(cli, ["escrow", "rotate"])
    assert result.exit_code == 0, result.output
    assert "re-encrypted 1 secret(s) under key 'k2'" in result.output
    monkeypatch.setenv("LANYARD_ENCRYPTION_KEYS", f"k3:{K2}")
    result = CliRunner().invoke(cli, ["escrow", "rotate"])
    assert result.exit_code == 1 and "nothing rotated" in result.output
