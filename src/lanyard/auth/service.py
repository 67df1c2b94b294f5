"""Sign-in use cases: local passwords and OpenID Connect, sign-out, and the principal.

Each use case takes a unit of work, writes its audit entry inside the same transaction
and commits. Nothing here knows about HTTP.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import Connection, String, bindparam, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from lanyard.audit.orm import AuditEntry
from lanyard.audit.service import AuditEvent, record
from lanyard.auth.oidc import OidcIdentity
from lanyard.auth.orm import Account, WebSession
from lanyard.auth.permissions import SYSTEM_ROLES, Principal, RoleGrant, RoleTable
from lanyard.db.hot import HotStatement
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import Person, PersonBuilding, RoleAssignment

USERNAME_MAX = 255


class Failure(StrEnum):
    BAD_CREDENTIALS = "bad_credentials"
    THROTTLED = "throttled"
    NOT_IN_DIRECTORY = "not_in_directory"
    ACCOUNT_CONFLICT = "account_conflict"
    DEACTIVATED = "deactivated"


@dataclass(frozen=True)
class SignInOutcome:
    principal: Principal | None
    failure: Failure | None = None
    deactivated_at: dt.datetime | None = None  # told only after the right password

    @property
    def ok(self) -> bool:
        return self.principal is not None


def normalize_username(username: str) -> str:
    return username.strip().lower()[:USERNAME_MAX]


def _principal_rows(person_id: Any = None) -> Any:
    """The statement :func:`principal_for` runs, made once: rows tagged "p" (the person,
    when active and enabled), "r" (a role grant) and "b" (a building). Building it and
    working out its cache key on every request cost about three times what running it did.
    ``person_id``: the person as a SQL expression (by default the ``person_id`` parameter;
    :data:`PRINCIPAL_ROWS_OF_SESSION` gives the person of a session)."""
    if person_id is None:
        person_id = bindparam("person_id")
    text_null = null().cast(String)
    return union_all(
        select(
            literal("p", String).label("tag"),
            Person.kind.label("a"),
            Person.staff_role.label("b"),
            Person.given_name.label("c"),
            Person.preferred_given_name.label("d"),
            Person.family_name.label("e"),
            Person.primary_building_id.label("f"),
        ).where(Person.id == person_id, Person.active.is_(True), Person.enabled.is_(True)),
        select(
            literal("r", String),
            RoleAssignment.role,
            RoleAssignment.building_id,
            text_null,
            text_null,
            text_null,
            text_null,
        ).where(RoleAssignment.person_id == person_id),
        select(
            literal("b", String),
            PersonBuilding.building_id,
            text_null,
            text_null,
            text_null,
            text_null,
            text_null,
        ).where(PersonBuilding.person_id == person_id),
    )


_PRINCIPAL_ROWS = HotStatement(_principal_rows())  # through the driver on PostgreSQL
# The same rows for the person a session belongs to (parameter ``id_hash``): sent with the
# session's own row, so that a page's session and principal take one round trip.
PRINCIPAL_ROWS_OF_SESSION = HotStatement(
    _principal_rows(
        select(WebSession.person_id)
        .where(WebSession.id_hash == bindparam("id_hash"))
        .scalar_subquery()
    )
)


def principal_for(
    session: Session | Connection, person_id: str, *, table: RoleTable = SYSTEM_ROLES
) -> Principal | None:
    """The principal of an active, enabled person, or None. It runs on every request: one
    statement that reads only the columns it needs (the person, their role grants and their
    buildings), on a unit of work's session or a plain connection (:meth:`Database.read`).
    ``table`` is the district pack's role table (:func:`lanyard.auth.roles.role_table`):
    without it only Lanyard's own roles grant capabilities."""
    connection = session.connection() if isinstance(session, Session) else session
    rows = _PRINCIPAL_ROWS.rows(connection, {"person_id": person_id})
    return principal_of_rows(person_id, rows, table=table)


def principal_of_rows(
    person_id: str, rows: list[Any], *, table: RoleTable = SYSTEM_ROLES
) -> Principal | None:
    """The principal from the rows of :func:`principal_for`'s statement (or of
    :data:`PRINCIPAL_ROWS_OF_SESSION`), or None when the person is not active and enabled."""
    person = next((row for row in rows if row[0] == "p"), None)
    if person is None:
        return None
    _, kind, staff_role, given, preferred, family, primary = person
    grants = [(row[1], row[2]) for row in rows if row[0] == "r"]
    buildings: list[str] = [row[1] for row in rows if row[0] == "b"]
    return Principal(
        person_id=person_id,
        kind=kind,
        staff_role=staff_role,
        display_name=f"{preferred or given} {family}",
        roles=frozenset(RoleGrant(role, building) for role, building in grants),
        buildings=frozenset(buildings) | {b for b in [primary] if b},
        table=table,
    )


@cache
def _decoy_hash() -> str:
    from lanyard.auth.passwords import hash_password

    return hash_password("lanyard-decoy-password-never-matches")


def _recent_failures(session: Session, username: str, since: dt.datetime) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(
            AuditEntry.event == str(AuditEvent.ACCOUNT_SIGN_IN_FAILED),
            AuditEntry.subject_type == "username",
            AuditEntry.subject_id == username,
            AuditEntry.at >= since,
        )
    )
    return int(count or 0)


def sign_in_local(
    *,
    uow: UnitOfWork,
    username: str,
    password: str,
    now: dt.datetime,
    max_failures: int,
    window: dt.timedelta,
) -> SignInOutcome:
    """Check a username and password. Failures are audited under the username typed
    (never the password) and throttled: after ``max_failures`` within ``window`` the
    username is paused, whatever password comes next."""
    from lanyard.auth.passwords import verify_password

    session = uow.session
    name = normalize_username(username)
    account = session.scalar(select(Account).where(func.lower(Account.username) == name))
    since = now - window
    if account is not None and account.last_sign_in_at and account.last_sign_in_at > since:
        since = account.last_sign_in_at
    if _recent_failures(session, name, since) >= max_failures:
        return _fail(uow, name, Failure.THROTTLED, now, method="password")
    if account is None or not account.password_hash:
        verify_password(_decoy_hash(), password)  # the same work for unknown users
        return _fail(uow, name, Failure.BAD_CREDENTIALS, now, method="password")
    if not verify_password(account.password_hash, password):
        return _fail(uow, name, Failure.BAD_CREDENTIALS, now, method="password")
    principal = principal_for(session, account.person_id)
    if principal is None:
        person = session.get(Person, account.person_id)
        if person is not None and not person.active:
            failed = _fail(uow, name, Failure.DEACTIVATED, now, method="password")
            return SignInOutcome(None, failed.failure, person.deactivated_at)
        return _fail(uow, name, Failure.BAD_CREDENTIALS, now, method="password")
    return _succeed(uow, account, principal, now, method="password")


def sign_in_oidc(*, uow: UnitOfWork, identity: OidcIdentity, now: dt.datetime) -> SignInOutcome:
    """Sign in the staff member an ID token names: by the account already linked to the
    issuer and subject, or else by e-mail in the directory (and link the account)."""
    session = uow.session
    account = session.scalar(
        select(Account).where(
            Account.oidc_issuer == identity.issuer, Account.oidc_subject == identity.subject
        )
    )
    if account is None:
        person = session.scalar(
            select(Person)
            .where(
                func.lower(Person.email) == identity.email,
                Person.kind == "staff",
                Person.active.is_(True),
                Person.enabled.is_(True),
            )
            .limit(1)
        )
        if person is None:
            return _fail(uow, identity.email, Failure.NOT_IN_DIRECTORY, now, method="oidc")
        account = session.scalar(select(Account).where(Account.person_id == person.id))
        if account is None:
            account = Account(person_id=person.id, username=identity.email)
            session.add(account)
        elif account.oidc_subject is not None:
            # E-mail addresses are reused over time; a subject never is.
            return _fail(uow, identity.email, Failure.ACCOUNT_CONFLICT, now, method="oidc")
        account.oidc_issuer, account.oidc_subject = identity.issuer, identity.subject
        session.flush()
    principal = principal_for(session, account.person_id)
    if principal is None or principal.kind != "staff":
        return _fail(uow, identity.email, Failure.NOT_IN_DIRECTORY, now, method="oidc")
    return _succeed(uow, account, principal, now, method="oidc")


def _succeed(
    uow: UnitOfWork, account: Account, principal: Principal, now: dt.datetime, *, method: str
) -> SignInOutcome:
    account.last_sign_in_at = now
    record(
        uow.session,
        event=AuditEvent.ACCOUNT_SIGNED_IN,
        subject_type="account",
        subject_id=account.id,
        actor_id=principal.person_id,
        now=now,
        after={"method": method},
    )
    uow.commit()
    return SignInOutcome(principal)


def _fail(
    uow: UnitOfWork, username: str, failure: Failure, now: dt.datetime, *, method: str
) -> SignInOutcome:
    record(
        uow.session,
        event=AuditEvent.ACCOUNT_SIGN_IN_FAILED,
        subject_type="username",
        subject_id=username,
        now=now,
        after={"method": method, "reason": str(failure)},
    )
    uow.commit()
    return SignInOutcome(None, failure)


def sign_out(*, uow: UnitOfWork, person_id: str, now: dt.datetime) -> None:
    account_id = uow.session.scalar(select(Account.id).where(Account.person_id == person_id))
    record(
        uow.session,
        event=AuditEvent.ACCOUNT_SIGNED_OUT,
        subject_type="account",
        subject_id=account_id,
        actor_id=person_id,
        now=now,
    )
    uow.commit()


def refuse_oidc(*, uow: UnitOfWork, email: str | None, reason: str, now: dt.datetime) -> None:
    """Audit an OpenID Connect sign-in refused before the directory was consulted
    (out-of-domain address, unverified e-mail, foreign tenant)."""
    record(
        uow.session,
        event=AuditEvent.ACCOUNT_SIGN_IN_FAILED,
        subject_type="username",
        subject_id=normalize_username(email) if email else None,
        now=now,
        after={"method": "oidc", "reason": reason},
    )
    uow.commit()


def sign_out_everywhere(*, uow: UnitOfWork, person_id: str, now: dt.datetime) -> int:
    """End every session of the person (this browser's too); audited. Returns how many."""
    from lanyard.auth.sessions import Reason, revoke_sessions

    count = revoke_sessions(
        uow.session, person_id, Reason.SIGNED_OUT_EVERYWHERE, now=now, actor_id=person_id
    )
    uow.commit()
    return count
