"""Official-account use cases: register, update, add/remove managers, deactivate.

Each use case takes keyword-only arguments, checks the principal's permission, writes
its audit entry in the same transaction and alone commits. Bad input raises
:class:`~lanyard.official_accounts.domain.InvalidAccount` naming each field, and
nothing changes. A record the principal may not see raises :class:`NotPermitted`
whether or not it exists.

Escrow of credentials: :mod:`lanyard.official_accounts.escrow`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from lanyard.audit.service import AuditEvent, record
from lanyard.auth.permissions import (
    Permission,
    Principal,
    account_buildings,
    can_manage_account,
    can_register_account,
    sees_every_account,
)
from lanyard.db.session import UnitOfWork
from lanyard.directory.orm import ApprovalOnFile, Building, EmailDomain, Person
from lanyard.directory.service import holders_of
from lanyard.notify.service import notify
from lanyard.official_accounts.domain import (
    Draft,
    Facts,
    InvalidAccount,
    ManagerFact,
    Requirements,
    adult_on,
    check_managers,
    platform_name,
    requirements,
    validate_account,
)
from lanyard.official_accounts.orm import OfficialAccount, OfficialAccountManager
from lanyard.policy.pack import PackDocument

Deliver = Callable[[list[str]], None]


class NotPermitted(Exception):
    """The principal may not do this to this account (or it does not exist)."""


@dataclass(frozen=True)
class AccountInput:
    """What the register and edit forms send (strings as typed)."""

    platform: str
    handle: str
    url: str
    purpose: str
    created_with_email: str
    students_post: bool
    statements_confirmed: frozenset[str]
    approval_on_file_id: str | None
    building_id: str | None
    manager_emails: tuple[str, ...]


def parse_emails(text: str) -> tuple[str, ...]:
    parts = text.replace(";", ",").replace("\n", ",").split(",")
    return tuple(dict.fromkeys(p.strip().lower() for p in parts if p.strip()))


def district_domains(session: Session, configured: Iterable[str]) -> frozenset[str]:
    """Staff e-mail domains of the district: the directory's and the settings'."""
    rows = session.scalars(select(EmailDomain.domain).where(EmailDomain.kind != "student"))
    return frozenset(d.lower() for d in rows) | frozenset(d.lower() for d in configured)


def eligible_approvals(
    session: Session, owner_id: str, forms: Sequence[str], *, now: dt.datetime
) -> list[ApprovalOnFile]:
    if not forms:
        return []
    stmt = (
        select(ApprovalOnFile)
        .where(
            ApprovalOnFile.person_id == owner_id,
            ApprovalOnFile.form.in_(forms),
            ApprovalOnFile.revoked.is_(False),
            or_(ApprovalOnFile.expires_at.is_(None), ApprovalOnFile.expires_at > now),
        )
        .order_by(ApprovalOnFile.granted_at.desc())
    )
    return list(session.scalars(stmt))


def _people_by_email(session: Session, emails: Sequence[str]) -> dict[str, Person]:
    if not emails:
        return {}
    lowered = [e.lower() for e in emails]
    rows = session.scalars(select(Person).where(func.lower(Person.email).in_(lowered)))
    return {(p.email or "").lower(): p for p in rows}


def _manager_fact(person: Person, now: dt.datetime) -> ManagerFact:
    return ManagerFact(
        person.id, person.kind, adult_on(person.birth_date, now.date()), person.active
    )


def _facts(
    session: Session,
    data: AccountInput,
    *,
    owner_id: str,
    reqs: Requirements,
    domains: Iterable[str],
    now: dt.datetime,
) -> tuple[Facts, list[Person]]:
    found = _people_by_email(session, data.manager_emails)
    people = [found[e] for e in data.manager_emails if e in found]
    approvals = eligible_approvals(session, owner_id, reqs.approval_forms, now=now)
    building_known = data.building_id is None or session.get(Building, data.building_id) is not None
    facts = Facts(
        district_domains=district_domains(session, domains),
        managers=tuple(_manager_fact(p, now) for p in people),
        unknown_managers=tuple(e for e in data.manager_emails if e not in found),
        eligible_approval_ids=frozenset(a.id for a in approvals),
        building_known=building_known,
    )
    return facts, people


def _draft(data: AccountInput) -> Draft:
    return Draft(
        platform=data.platform,
        handle=data.handle,
        url=data.url,
        purpose=data.purpose,
        created_with_email=data.created_with_email,
        students_post=data.students_post,
        statements_confirmed=data.statements_confirmed,
        approval_on_file_id=data.approval_on_file_id,
        building_id=data.building_id,
    )


def _snapshot(account: OfficialAccount) -> dict[str, object]:
    return {
        "platform": account.platform,
        "handle": account.handle,
        "url": account.url,
        "purpose": account.purpose,
        "building_id": account.building_id,
        "owner_id": account.owner_id,
        "created_with_email": account.created_with_email,
        "statements_confirmed": sorted(account.statements_confirmed),
        "approval_on_file_id": account.approval_on_file_id,
        "students_post": account.students_post,
        "managers": sorted(m.person_id for m in account.managers),
        "active": account.active,
    }


def account_building(session: Session, account_id: str) -> str | None:
    """The building an official account belongs to: None for a district-wide account (or
    none of that id)."""
    return session.scalar(
        select(OfficialAccount.building_id).where(OfficialAccount.id == account_id)
    )


def _building_administrators(session: Session, building_id: str | None) -> list[str]:
    if building_id is None:
        return []
    ids: list[str] = []
    for role in ("building_principal", "building_administration"):
        ids.extend(p.id for p in holders_of(session, role, building_id=building_id))
    return list(dict.fromkeys(ids))


def register(
    *,
    uow: UnitOfWork,
    pack: PackDocument,
    principal: Principal,
    data: AccountInput,
    configured_domains: Iterable[str],
    now: dt.datetime,
    deliver: Deliver | None = None,
) -> str:
    """Register an official account owned by ``principal``; returns its id."""
    if not can_register_account(principal):
        raise NotPermitted()
    session = uow.session
    reqs = requirements(pack, data.platform)
    facts, people = _facts(
        session, data, owner_id=principal.person_id, reqs=reqs, domains=configured_domains, now=now
    )
    problems = validate_account(_draft(data), facts, reqs)
    if problems:
        raise InvalidAccount(problems.by_field)
    account = OfficialAccount(
        pack_id=pack.id,
        platform=data.platform,
        handle=data.handle.strip(),
        url=data.url.strip(),
        purpose=data.purpose.strip(),
        building_id=data.building_id,
        owner_id=principal.person_id,
        created_with_email=data.created_with_email.strip().lower(),
        statements_confirmed=sorted(data.statements_confirmed & {s.id for s in reqs.statements}),
        approval_on_file_id=data.approval_on_file_id if reqs.approval_forms else None,
        students_post=data.students_post,
        active=True,
        created_at=now,
    )
    account.managers = [OfficialAccountManager(person_id=p.id) for p in people]
    session.add(account)
    session.flush()
    record(
        session,
        event=AuditEvent.OFFICIAL_ACCOUNT_REGISTERED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        after=_snapshot(account),
    )
    told = [
        p
        for p in _building_administrators(session, account.building_id)
        if p != principal.person_id
    ]
    if told:
        notify(
            uow=uow,
            person_ids=told,
            subject="An official account was registered for your building",
            body=f"{principal.display_name} registered the {platform_name(account.platform)} "
            f"account {account.handle}. Open Lanyard to see it.",
            link=f"/accounts/{account.id}",
            now=now,
            kind="official_account",
            deliver=deliver,
        )
    uow.commit()
    return account.id


def load_for(
    session: Session, principal: Principal, account_id: str
) -> tuple[OfficialAccount, Permission]:
    """The account if ``principal`` may manage it; else :class:`NotPermitted`."""
    account = session.get(OfficialAccount, account_id)
    if account is None:
        raise NotPermitted()
    answer = can_manage_account(
        principal,
        owner_id=account.owner_id,
        manager_ids=[m.person_id for m in account.managers],
        building_id=account.building_id,
    )
    if not answer:
        raise NotPermitted()
    return account, answer


def visible_accounts(
    session: Session, principal: Principal, *, include_inactive: bool = False
) -> list[OfficialAccount]:
    stmt = select(OfficialAccount)
    if not include_inactive:
        stmt = stmt.where(OfficialAccount.active.is_(True))
    if not sees_every_account(principal):
        managed = select(OfficialAccountManager.account_id).where(
            OfficialAccountManager.person_id == principal.person_id
        )
        scope = [OfficialAccount.owner_id == principal.person_id, OfficialAccount.id.in_(managed)]
        buildings = account_buildings(principal)
        if buildings:
            scope.append(OfficialAccount.building_id.in_(buildings))
        stmt = stmt.where(or_(*scope))
    stmt = stmt.order_by(OfficialAccount.platform, OfficialAccount.handle)
    return list(session.scalars(stmt))


def update(
    *,
    uow: UnitOfWork,
    pack: PackDocument,
    principal: Principal,
    account_id: str,
    data: AccountInput,
    configured_domains: Iterable[str],
    now: dt.datetime,
) -> None:
    """Edit an account's details (its managers are edited one by one)."""
    session = uow.session
    account, _ = load_for(session, principal, account_id)
    if not account.active:
        raise InvalidAccount({"account": "This account is deactivated; it cannot be edited."})
    reqs = requirements(pack, data.platform)
    emails = tuple(
        (p.email or "").lower()
        for p in (session.get(Person, m.person_id) for m in account.managers)
        if p is not None
    )
    data = AccountInput(**{**data.__dict__, "manager_emails": emails})
    facts, _ = _facts(
        session, data, owner_id=account.owner_id, reqs=reqs, domains=configured_domains, now=now
    )
    if data.approval_on_file_id == account.approval_on_file_id and data.approval_on_file_id:
        # the approval it was registered under stays acceptable while it is on file
        facts = Facts(
            **{
                **facts.__dict__,
                "eligible_approval_ids": facts.eligible_approval_ids | {data.approval_on_file_id},
            }
        )
    problems = validate_account(_draft(data), facts, reqs)
    if problems:
        raise InvalidAccount(problems.by_field)
    before = _snapshot(account)
    account.platform = data.platform
    account.handle = data.handle.strip()
    account.url = data.url.strip()
    account.purpose = data.purpose.strip()
    account.created_with_email = data.created_with_email.strip().lower()
    account.students_post = data.students_post
    account.statements_confirmed = sorted(
        data.statements_confirmed & {s.id for s in reqs.statements}
    )
    account.approval_on_file_id = data.approval_on_file_id if reqs.approval_forms else None
    account.building_id = data.building_id
    after = _snapshot(account)
    changed = {k for k in after if after[k] != before[k]}
    if not changed:
        return
    record(
        session,
        event=AuditEvent.OFFICIAL_ACCOUNT_UPDATED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        before={k: before[k] for k in sorted(changed)},
        after={k: after[k] for k in sorted(changed)},
    )
    uow.commit()


def _facts_of_managers(
    session: Session, person_ids: Iterable[str], now: dt.datetime
) -> list[ManagerFact]:
    facts = []
    for pid in person_ids:
        person = session.get(Person, pid)
        if person is not None:
            facts.append(_manager_fact(person, now))
    return facts


def add_manager(
    *, uow: UnitOfWork, principal: Principal, account_id: str, email: str, now: dt.datetime
) -> str:
    """Add a manager by directory e-mail; returns the person's id."""
    session = uow.session
    account, _ = load_for(session, principal, account_id)
    if not account.active:
        raise InvalidAccount({"email": "This account is deactivated."})
    email = email.strip().lower()
    if not email:
        raise InvalidAccount({"email": "Enter the manager's district e-mail address."})
    person = _people_by_email(session, [email]).get(email)
    if person is None or not person.active:
        raise InvalidAccount(
            {"email": f"No active person with the e-mail {email} in the directory."}
        )
    if person.kind not in {"staff", "student", "volunteer"}:
        raise InvalidAccount({"email": "Managers are employees, volunteers or students."})
    if any(m.person_id == person.id for m in account.managers):
        raise InvalidAccount({"email": f"{person.display_name} already manages this account."})
    account.managers.append(OfficialAccountManager(person_id=person.id))
    record(
        session,
        event=AuditEvent.OFFICIAL_ACCOUNT_MANAGER_ADDED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        after={"person_id": person.id},
    )
    uow.commit()
    return person.id


def remove_manager(
    *, uow: UnitOfWork, principal: Principal, account_id: str, person_id: str, now: dt.datetime
) -> None:
    session = uow.session
    account, _ = load_for(session, principal, account_id)
    remaining = [m.person_id for m in account.managers if m.person_id != person_id]
    if len(remaining) == len(account.managers):
        raise InvalidAccount({"person_id": "That person does not manage this account."})
    message = check_managers(
        _facts_of_managers(session, remaining, now), students_post=account.students_post
    )
    if message:
        raise InvalidAccount({"person_id": f"Cannot remove this manager. {message}"})
    account.managers = [m for m in account.managers if m.person_id != person_id]
    record(
        session,
        event=AuditEvent.OFFICIAL_ACCOUNT_MANAGER_REMOVED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        before={"person_id": person_id},
    )
    uow.commit()


def deactivate(
    *, uow: UnitOfWork, principal: Principal, account_id: str, reason: str, now: dt.datetime
) -> None:
    """Retire an account. Its escrowed credential stays (administration may need it to
    close the account on the platform); the registry lists it as inactive."""
    session = uow.session
    account, _ = load_for(session, principal, account_id)
    if not account.active:
        raise InvalidAccount({"account": "This account is already deactivated."})
    if len(reason.strip()) < 5:
        raise InvalidAccount({"reason": "Say why the account is being retired."})
    account.active = False
    account.deactivated_at = now
    record(
        session,
        event=AuditEvent.OFFICIAL_ACCOUNT_DEACTIVATED,
        subject_type="official_account",
        subject_id=account.id,
        now=now,
        actor_id=principal.person_id,
        building_id=account.building_id,
        after={"reason": reason.strip()},
    )
    uow.commit()
