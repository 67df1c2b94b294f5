"""Credential escrow for official accounts: deposit, reveal (once, with a reason),
mark stale after a password change, rotate keys.

The secret is sealed with AES-GCM (:mod:`lanyard.crypto`) bound to the account id and
key id; the login is kept beside it in the clear so the registry can say which login is
escrowed. No secret ever reaches the audit log, a notification, a log line or an
exception message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import Principal, can_reveal_credential
from lanyard.crypto import KeyRing, Sealed
from lanyard.db.session import UnitOfWork
from lanyard.notify.service import notify
from lanyard.official_accounts.domain import (
    InvalidAccount,
    platform_name,
    validate_reason,
    validate_secret,
)
from lanyard.official_accounts.orm import (
    EscrowedCredential,
    OfficialAccount,
    OfficialAccountManager,
)
from lanyard.official_accounts.service import NotPermitted, load_for


@dataclass(frozen=True)
class Revealed:
    login: str
    secret: str
    escrowed_at: dt.datetime
    stale: bool

    def __repr__(self) -> str:  # never show the secret in a traceback or log
        return f"Revealed(login={self.login!r}, secret=<hidden>, stale={self.stale})"


def context_of(account_id: str) -> str:
    return f"official-account:{account_id}"


def _sealed(row: EscrowedCredential) -> Sealed:
    return Sealed(row.key_id, bytes(row.nonce), bytes(row.ciphertext))


def deposit(
    *,
    uow: UnitOfWork,
    keyring: KeyRing,
    principal: Principal,
    account_id: str,
    login: str,
    secret: str,
    confirm: str,
    now: dt.datetime,
) -> int:
    """Escrow (or re-escrow) the account's login and password; returns the version."""
    session = uow.session
    account, _ = load_for(session, principal, account_id)
    if not account.active:
        raise InvalidAccount({"secret": "This account is deactivated."})
    problems = validate_secret(login, secret, confirm)
    if problems:
        raise InvalidAccount(problems)
    sealed = keyring.seal(secret.encode(), context=context_of(account.id))
    row = session.get(EscrowedCredential, account.id)
    version = 1 if row is None else row.version + 1
    if row is None:
        row = EscrowedCredential(account_id=account.id)
        session.add(row)
    row.login = login.strip()
    row.key_id = sealed.key_id
    row.nonce = sealed.nonce
    row.ciphertext = sealed.ciphertext
    row.version = version
    row.escrowed_at = now
    row.escrowed_by_id = principal.person_id
    row.stale_since = None
    record(
        session,
        event=AuditEvent.ESCROW_DEPOSITED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        after={"version": version, "key_id": sealed.key_id},
    )
    uow.commit()
    return version


def mark_password_changed(
    *, uow: UnitOfWork, principal: Principal, account_id: str, now: dt.datetime
) -> None:
    """The owner or a manager changed the password: the escrow is stale until re-escrowed
    (the home page asks the owner and managers to re-escrow)."""
    session = uow.session
    account, _ = load_for(session, principal, account_id)
    row = session.get(EscrowedCredential, account.id)
    if row is None:
        raise InvalidAccount({"escrow": "Nothing is escrowed yet: escrow the new password."})
    if row.stale_since is not None:
        return
    row.stale_since = now
    record(
        session,
        event=AuditEvent.ESCROW_MARKED_STALE,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        after={"version": row.version},
    )
    uow.commit()


def reveal(
    *,
    uow: UnitOfWork,
    keyring: KeyRing,
    principal: Principal,
    account_id: str,
    reason: str,
    now: dt.datetime,
    deliver: Callable[[list[str]], None] | None = None,
) -> Revealed:
    """Decrypt the escrowed credential for a permitted principal with a stated reason;
    the ``escrow:revealed`` entry (who, which account, why) commits before it is shown."""
    session = uow.session
    account = session.get(OfficialAccount, account_id)
    if account is None or not can_reveal_credential(principal, building_id=account.building_id):
        raise NotPermitted()
    message = validate_reason(reason)
    if message:
        raise InvalidAccount({"reason": message})
    row = session.get(EscrowedCredential, account.id)
    if row is None:
        raise InvalidAccount({"escrow": "No credential is escrowed for this account."})
    secret = keyring.open(_sealed(row), context=context_of(account.id)).decode()
    record(
        session,
        event=AuditEvent.ESCROW_REVEALED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        after={
            "reason": reason.strip(),
            "version": row.version,
            "stale": row.stale_since is not None,
        },
    )
    owners = [account.owner_id, *(m.person_id for m in account.managers)]
    told = [p for p in dict.fromkeys(owners) if p != principal.person_id]
    if told:  # the account's people learn of every reveal (the reason is in the audit log)
        notify(
            uow=uow,
            person_ids=told,
            subject="An escrowed credential was revealed",
            body=f"{principal.display_name or 'An administrator'} revealed the escrowed "
            f"password of the {platform_name(account.platform)} account {account.handle}.",
            link=f"/accounts/{account.id}",
            now=now,
            kind="escrow_revealed",
            deliver=deliver,
        )
    uow.commit()
    return Revealed(row.login, secret, row.escrowed_at, row.stale_since is not None)


def rotate(*, uow: UnitOfWork, keyring: KeyRing, now: dt.datetime) -> int:
    """Re-encrypt every escrowed secret not under the current key, in one transaction;
    returns how many. A secret that does not open stops the rotation (nothing changes)."""
    session = uow.session
    rows = list(
        session.scalars(
            select(EscrowedCredential).where(EscrowedCredential.key_id != keyring.current)
        )
    )
    for row in rows:
        old_key = row.key_id
        sealed = keyring.reseal(_sealed(row), context=context_of(row.account_id))
        row.key_id, row.nonce, row.ciphertext = sealed.key_id, sealed.nonce, sealed.ciphertext
        record(
            session,
            event=AuditEvent.ESCROW_ROTATED,
            subject_type="official_account",
            subject_id=row.account_id,
            now=now,
            before={"key_id": old_key},
            after={"key_id": sealed.key_id},
        )
    uow.commit()
    return len(rows)


@dataclass(frozen=True)
class EscrowState:
    account_id: str
    handle: str
    platform: str
    escrowed: bool
    stale_since: dt.datetime | None


def needing_escrow(session: Session, person_id: str) -> list[EscrowState]:
    """Active accounts ``person_id`` owns or manages whose credential is missing or stale."""
    managed = select(OfficialAccountManager.account_id).where(
        OfficialAccountManager.person_id == person_id
    )
    stmt = (
        select(OfficialAccount, EscrowedCredential)
        .outerjoin(EscrowedCredential, EscrowedCredential.account_id == OfficialAccount.id)
        .where(
            OfficialAccount.active.is_(True),
            (OfficialAccount.owner_id == person_id) | OfficialAccount.id.in_(managed),
        )
        .order_by(OfficialAccount.handle)
    )
    out = []
    for account, row in session.execute(stmt):
        if row is None or row.stale_since is not None:
            out.append(
                EscrowState(
                    account.id,
                    account.handle,
                    account.platform,
                    row is not None,
                    row.stale_since if row is not None else None,
                )
            )
    return out


def escrow_of(session: Session, account_id: str) -> EscrowedCredential | None:
    return session.get(EscrowedCredential, account_id)
