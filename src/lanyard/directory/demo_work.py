"""Something to do for each demo role: ``lanyard demo seed`` files, registers and imports
the demo's made-up content through the same use cases the web pages and commands use
(every step audited as it would be for a person), so that a principal signing in has a
request to decide, the communications director a moderation queue with a threat on top,
the reviewers of messages findings to look at and the pre-publication check consents
to read.

* a request by the demo teacher that waits for the building principal: the first form
  of the pack whose approver is a building role (the principal holds every building
  role), else the first form (for a district approver);
* Lakeview High School's Facebook page, registered by a Lakeview teacher (after the
  approval the pack asks of an official account, filed and approved as usual), and
  eight comments taken in from a Graph API export: praise, a question, a sports
  look-alike of a threat, a profanity, a spam link, a student named with a grade and
  one explicit threat, which escalates at once (a case for the people the pack names);
* known personal addresses (a contacts import) and a small generic message CSV: a
  teacher writing to a student's personal address, a teacher writing from a personal
  address, one late-night one-to-one message (for review) and ordinary mail;
* media-release consents for three Lakeview students (one opted out of social media and
  the website, one opted in, one opted out of photos).

The consents and the comment name fixed students of the demo export (the README names
them); the messages go to the first Lakeview students under 18 on the day of the seed.

Each part runs only when its content is not there yet: running the seed again adds
nothing (the OneRoster import is the only part that always reads its files).

The steps happen a minute apart (:class:`Moments`), the last at the seed's ``now`` at the
latest, as they would for people: a request's history reads started, sent, approved in
that order, and the notice that a request awaits a decision comes before the decision
(so it leaves the approver's home page once the request is decided).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from lanyard.approvals import service as requests
from lanyard.approvals.orm import ApprovalRequest
from lanyard.approvals.workflow import approvers_of
from lanyard.auth.roles import role_table
from lanyard.auth.service import principal_for
from lanyard.connectors.comments import connector as comment_connector
from lanyard.db.session import Database
from lanyard.directory.orm import Building, Person
from lanyard.messages.contacts import import_known_addresses
from lanyard.messages.domain import ReviewSettings
from lanyard.messages.orm import MessageImport
from lanyard.messages.service import import_messages
from lanyard.moderation import service as moderation
from lanyard.moderation.orm import Comment
from lanyard.official_accounts import service as accounts
from lanyard.official_accounts.domain import requirements
from lanyard.official_accounts.orm import OfficialAccount
from lanyard.policy import load_pack
from lanyard.policy.pack import Form
from lanyard.prepub.domain import school_year_of
from lanyard.prepub.service import import_consents

# Who does what (sourcedIds of the demo district, see ``lanyard.directory.demo``).
REQUESTER = "u-lake-t01"  # the demo teacher: files the request the principal decides
PAGE_OWNER = "u-lake-t02"  # runs Lakeview High School's Facebook page
WRITER = "u-lake-t03"  # the teacher whose messages break the policy
TECH = "u-do-tech"  # imports the message log and the known addresses
PRINCIPAL = "u-lake-principal"  # the building office records the consents
LAKE = "b-lake"

PAGE_PLATFORM = "facebook"
PAGE_HANDLE = "LakeviewHighSchool"
PAGE_URL = "https://www.facebook.com/LakeviewHighSchool"
PAGE_PURPOSE = (
    "News, events and celebrations of Lakeview High School for families and the community."
)
THREAT = "I'm going to bring a gun to Lakeview on Monday"
MESSAGES_FILE = "demo-message-log.csv"
CONSENTS_FILE = "demo-consents.csv"
CONTACTS_FILE = "demo-known-addresses.csv"

# Made-up values for the forms the packs name (by field id, else by field type).
_FORM_VALUES = {
    "game": "Kahoot! (a review quiz game)",
    "purpose": "A Kahoot! review game with my Biology classes before the unit test.",
    "activity": "Lakeview Robotics Club",
    "school_or_activity": "Lakeview Robotics Club",
    "platform": "Instagram",
    "district_email": "robotics@demo-district.example.org",
    "account_email": "robotics@demo-district.example.org",
}
_BY_TYPE = {
    "text": "Lakeview Robotics Club",
    "long_text": "Team news, competition results and meeting reminders for families.",
    "url": "https://www.instagram.com/lakeview.robotics",
    "people": "The club's two advisers",
    "yes_no": "yes",
    "date": "2026-05-01",
}
_PAGE_VALUES = {
    "activity": "Lakeview High School",
    "school_or_activity": "Lakeview High School",
    "platform": "Facebook",
    "purpose": PAGE_PURPOSE,
    "site": PAGE_URL,
    "where": PAGE_URL,
}


STEP = dt.timedelta(minutes=1)
SEED_SPAN = dt.timedelta(minutes=30)  # room for every step of the seed, a minute apart


class Moments:
    """The seed's clock: each call is the next step's time, one :data:`STEP` after the one
    before, from ``start``; never past ``end`` (the seed's ``now``)."""

    def __init__(self, start: dt.datetime, end: dt.datetime) -> None:
        self.at = start
        self.end = end

    def __call__(self) -> dt.datetime:
        at = self.at
        if at > self.end:
            raise ValueError("the demo seed has more steps than SEED_SPAN has minutes")
        self.at = at + STEP
        return at


@dataclass(frozen=True)
class DemoWork:
    """What this run added (0 everywhere on a second run)."""

    requests: int
    accounts: int
    comments: int
    escalated: int
    messages: int
    findings: int
    consents: int

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def _values(form: Form, preferred: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for field in form.fields:
        if field.choices:
            out[field.id] = field.choices[0]
            continue
        value = preferred.get(field.id) or _FORM_VALUES.get(field.id) or _BY_TYPE.get(field.type)
        if value is not None:
            out[field.id] = value
    return out


def _people(db: Database, sids: set[str]) -> dict[str, Person]:
    with db.uow() as uow:
        rows = list(uow.session.scalars(select(Person).where(Person.sourced_id.in_(sids))))
        uow.session.expunge_all()
    return {p.sourced_id or "": p for p in rows}


def _minors(db: Database, sids: list[str], today: dt.date) -> list[str]:
    """The students of ``sids`` (in that order) under 18 today: the policies draw their
    lines around communication with minors."""
    leap_day = (today.month, today.day) == (2, 29)
    adult = today.replace(year=today.year - 18, day=28 if leap_day else today.day)
    with db.uow() as uow:
        young = set(
            uow.session.scalars(
                select(Person.sourced_id).where(
                    Person.sourced_id.in_(sids), Person.birth_date > adult
                )
            )
        )
    return [sid for sid in sids if sid in young]


def seed_demo_work(
    *,
    db: Database,
    pack_id: str,
    now: dt.datetime,
    students: list[str],
    folder: Path,
    district_domains: tuple[str, ...],
    staff_domain: str,
    review: ReviewSettings | None = None,
    safety_contact: str | None = None,
    moments: Moments | None = None,
) -> DemoWork:
    """Add each role's work to the demo district (see the module). ``students`` are the
    sourcedIds of Lakeview High School's students; ``folder`` holds the files imported.
    ``now`` places the made-up content (comments an hour apart before it, messages on the
    days before); ``moments`` gives each step its time (by default from ``now`` less
    :data:`SEED_SPAN`)."""
    review = review or ReviewSettings(timezone=ZoneInfo("UTC"))
    moment = moments or Moments(now - SEED_SPAN, now)
    # students[0] has a disclosed relationship with the demo teacher: not used here. The
    # consents and the comment name fixed students (the README names them); the messages
    # go to students under 18 today (the rules draw their lines around minors).
    picked = students[1:7]
    minors = _minors(db, students[7:], now.date())[:2]
    people = _people(db, {REQUESTER, PAGE_OWNER, WRITER, TECH, PRINCIPAL, *picked, *minors})
    with db.uow() as uow:
        lake = uow.session.scalar(select(Building.id).where(Building.sourced_id == LAKE))
    assert lake is not None
    filed = _file_request(db, pack_id, moment, people[REQUESTER].id)
    account_id, registered = _register_page(
        db, pack_id, moment, people[PAGE_OWNER], lake, (*district_domains, staff_domain)
    )
    added, escalated = _take_comments(
        db, pack_id, now, moment(), account_id, people[picked[5]], folder, safety_contact
    )
    messages, findings = _import_messages(
        db, pack_id, now, moment, people, minors, folder, district_domains, review
    )
    consents = _import_consents(db, now, moment(), people[PRINCIPAL].id, picked, folder)
    return DemoWork(filed, registered, added, escalated, messages, findings, consents)


# -- 1. a request that waits for the building principal --------------------------------------


def request_form(pack_id: str) -> Form:
    """The form the demo teacher files: the first one a building role approves."""
    pack = load_pack(pack_id).document
    table = role_table(pack_id)
    building = [
        f for f in pack.forms if (spec := table.get(f.approver)) and spec.scope == "building"
    ]
    return (building or list(pack.forms))[0]


def _file_request(db: Database, pack_id: str, moment: Moments, teacher_id: str) -> int:
    pack = load_pack(pack_id).document
    if not pack.forms:
        return 0
    form = request_form(pack_id)
    with db.uow() as uow:
        filed = uow.session.scalars(
            select(ApprovalRequest.id).where(
                ApprovalRequest.requester_id == teacher_id, ApprovalRequest.form_id == form.id
            )
        ).first()
    if filed is not None:
        return 0
    with db.uow(write=True) as uow:
        rid = requests.create_draft(
            uow=uow,
            pack_id=pack_id,
            form_id=form.id,
            requester_id=teacher_id,
            values=_values(form, {}),
            now=moment(),
        )
    with db.uow(write=True) as uow:
        requests.submit(uow=uow, request_id=rid, actor_id=teacher_id, now=moment())
    return 1


# -- 2. an official account and comments from its export ---------------------------------------


def _register_page(
    db: Database,
    pack_id: str,
    moment: Moments,
    owner: Person,
    lake: str,
    domains: tuple[str, ...],
) -> tuple[str, int]:
    """Lakeview High School's Facebook page (the one already registered, on a later run)."""
    with db.uow() as uow:
        existing = uow.session.scalars(
            select(OfficialAccount.id).where(
                OfficialAccount.platform == PAGE_PLATFORM, OfficialAccount.handle == PAGE_HANDLE
            )
        ).first()
    if existing is not None:
        return existing, 0
    pack = load_pack(pack_id).document
    reqs = requirements(pack, PAGE_PLATFORM)
    approval_id = _approval_for_page(db, pack_id, moment, owner.id, reqs.approval_forms)
    with db.uow(write=True) as uow:
        principal = principal_for(uow.session, owner.id, table=role_table(pack_id))
        assert principal is not None
        account_id = accounts.register(
            uow=uow,
            pack=pack,
            principal=principal,
            data=accounts.AccountInput(
                platform=PAGE_PLATFORM,
                handle=PAGE_HANDLE,
                url=PAGE_URL,
                purpose=PAGE_PURPOSE,
                created_with_email=owner.email or "",
                students_post=False,
                statements_confirmed=frozenset(s.id for s in reqs.statements),
                approval_on_file_id=approval_id,
                building_id=lake,
                manager_emails=(owner.email or "",),
            ),
            configured_domains=domains,
            now=moment(),
        )
    return account_id, 1


def _approval_for_page(
    db: Database, pack_id: str, moment: Moments, owner_id: str, forms: tuple[str, ...]
) -> str | None:
    """The approval the pack asks of an official account: requested by the owner and
    approved by the first person the pack routes it to."""
    if not forms:
        return None
    pack = load_pack(pack_id).document
    form = next(f for f in pack.forms if f.id == forms[0])
    with db.uow(write=True) as uow:
        rid = requests.create_draft(
            uow=uow,
            pack_id=pack_id,
            form_id=form.id,
            requester_id=owner_id,
            values=_values(form, _PAGE_VALUES),
            now=moment(),
        )
    with db.uow(write=True) as uow:
        requests.submit(uow=uow, request_id=rid, actor_id=owner_id, now=moment())
    with db.uow() as uow:
        req = uow.session.get(ApprovalRequest, rid)
        assert req is not None
        approvers = approvers_of(uow.session, req)
    if not approvers:
        raise ValueError(f"nobody in the demo district approves {form.id!r} of pack {pack_id}")
    with db.uow(write=True) as uow:
        return requests.approve(
            uow=uow,
            request_id=rid,
            approver_id=approvers[0],
            now=moment(),
            conditions="Demo district: approved for the school's news and events.",
        )


def page_comments(student: Person, now: dt.datetime) -> list[dict[str, object]]:
    """The page's comments as the Graph API exports them (newest last)."""
    texts = [
        ("Jo Marchetti", "Congratulations to the robotics team on a great season! So proud."),
        ("Sam Okafor", "Thank you to the teachers who stayed late for the science fair."),
        ("Riley Brennan", "When is the spring concert? I can't find the date on the calendar."),
        ("Lee Nakamura", "Go Lakeview! We're going to destroy them on Friday night."),
        (
            "Pat Delgado",
            "This new bell schedule is complete bullshit, what the hell were you thinking",
        ),
        ("Home Income Team", "Earn $500 a day from home!!! Click here http://bit.ly/fast-cash-now"),
        (
            "lakeview_kid_22",
            f"{student.given_name} {student.family_name} in the back is failing this class lol",
        ),
        ("Drew Hale", THREAT),
    ]
    out: list[dict[str, object]] = []
    for n, (author, text) in enumerate(texts, start=1):
        at = now - dt.timedelta(hours=len(texts) - n + 1)
        out.append(
            {
                "id": f"90000000001_{n:04d}",
                "message": text,
                "created_time": at.strftime("%Y-%m-%dT%H:%M:%S+0000"),
                "from": {"id": f"70000000{n:04d}", "name": author},
                "permalink_url": f"{PAGE_URL}/posts/90000000001?comment_id={n:04d}",
            }
        )
    return out


def _take_comments(
    db: Database,
    pack_id: str,
    now: dt.datetime,
    taken_at: dt.datetime,
    account_id: str,
    student: Person,
    folder: Path,
    safety_contact: str | None,
) -> tuple[int, int]:
    export = folder / "demo-page-comments.json"
    export.write_text(json.dumps({"data": page_comments(student, now)}), encoding="utf-8")
    records = comment_connector(PAGE_PLATFORM).read(export.name, export.read_text("utf-8"))
    ids = [r.platform_comment_id for r in records]
    with db.uow() as uow:
        on_file = set(
            uow.session.scalars(
                select(Comment.platform_comment_id).where(
                    Comment.platform == PAGE_PLATFORM, Comment.platform_comment_id.in_(ids)
                )
            )
        )
    records = [r for r in records if r.platform_comment_id not in on_file]
    if not records:
        return 0, 0
    with db.uow(write=True) as uow:
        result = moderation.ingest(
            uow=uow,
            pack_id=pack_id,
            account_id=account_id,
            records=records,
            now=taken_at,
            source=f"import:{PAGE_PLATFORM}",
            safety_contact=safety_contact,
        )
    return result.added, result.escalated


# -- 3. a message log with findings -----------------------------------------------------------


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def personal_address(person: Person) -> str:
    return f"{person.given_name}.{person.family_name}.home@example.net".lower()


def message_rows(
    people: dict[str, Person], minors: list[str], now: dt.datetime, review: ReviewSettings
) -> list[list[str]]:
    """The generic message CSV's rows (header: ``MESSAGE_COLUMNS``): a teacher writing to a
    student's personal address and from a personal address (findings where the pack's rules
    decide it from a log), asking a student to move to Snapchat or texts (solicitation),
    one late-night one-to-one message (for review) and ordinary mail."""
    writer = people[WRITER]
    mine, other = people[minors[0]], people[minors[1]]
    today = now.astimezone(review.timezone).date()

    def at(days: int, hour: int, minute: int = 0) -> str:
        local = dt.datetime.combine(
            today - dt.timedelta(days=days), dt.time(hour, minute), tzinfo=review.timezone
        )
        return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    teacher, requester = writer.email or "", people[REQUESTER].email or ""
    return [
        ["demo-1", at(3, 9), teacher, requester, "email", "district", "Lab schedule",
         "Can we swap lab days next week?"],
        ["demo-2", at(3, 16, 20), teacher, personal_address(mine), "email", "district",
         "Your essay", "I sent your essay comments here so you see them over the weekend."],
        ["demo-3", at(2, 19, 5), personal_address(writer), mine.email or "", "email",
         "personal", "Practice", "Practice moved to 4:30 tomorrow."],
        ["demo-4", at(2, review.late_start_hour, 40), teacher, other.email or "", "email",
         "district", "Missing assignment", "Your lab report is still missing; bring it Monday."],
        ["demo-5", at(1, 10), requester, f"{mine.email};{other.email}", "email", "district",
         "Field trip", "Permission slips are due Friday."],
        ["demo-6", at(1, 15, 30), teacher, other.email or "", "email", "district",
         "Re: lab question", "Easier to sort out outside class: add me on Snap (mr.lab) "
         "or text me tonight."],
    ]  # fmt: skip


MESSAGE_COLUMNS = [
    "message_id", "sent_at", "sender", "recipients", "medium", "account", "subject", "body"
]  # fmt: skip


def _import_messages(
    db: Database,
    pack_id: str,
    now: dt.datetime,
    moment: Moments,
    people: dict[str, Person],
    minors: list[str],
    folder: Path,
    district_domains: tuple[str, ...],
    review: ReviewSettings,
) -> tuple[int, int]:
    with db.uow() as uow:
        done = uow.session.scalars(
            select(MessageImport.id).where(
                MessageImport.file_name == MESSAGES_FILE, MessageImport.status == "complete"
            )
        ).first()
    if done is not None:
        return 0, 0
    tech = people[TECH].id
    contacts = folder / CONTACTS_FILE
    _write_csv(
        contacts,
        ["address", "person", "source"],
        [
            [personal_address(people[minors[0]]), minors[0], "emergency card (demo)"],
            [personal_address(people[WRITER]), WRITER, "HR file (demo)"],
        ],
    )
    with db.uow(write=True) as uow:
        import_known_addresses(uow=uow, path=contacts, now=moment(), actor_id=tech)
    log = folder / MESSAGES_FILE
    _write_csv(
        log,
        MESSAGE_COLUMNS,
        message_rows(people, minors, now, review),
    )
    summary = import_messages(
        db=db,
        path=log,
        format="csv",
        pack=load_pack(pack_id),
        review=review,
        now=moment(),
        actor_id=tech,
        district_domains=district_domains,
    )
    return summary.new, summary.findings + summary.for_review + summary.solicitations


# -- 4. media-release consents -----------------------------------------------------------------


def consent_rows(picked: list[str], now: dt.datetime) -> list[list[str]]:
    """Three Lakeview students: the first opted out of social media and the website (the
    one the README's sample draft names), the second opted in, the third out of photos."""
    year = str(school_year_of(now.date()))
    on = (now.date() - dt.timedelta(days=30)).isoformat()
    source = "registration packet (demo)"
    out = picked[0]
    return [
        [out, "social_media", "opt_out", year, on, source],
        [out, "website", "opt_out", year, on, source],
        [picked[3], "social_media", "opt_in", year, on, source],
        [picked[3], "website", "opt_in", year, on, source],
        [picked[4], "photo", "opt_out", year, on, source],
    ]


def _import_consents(
    db: Database,
    now: dt.datetime,
    imported_at: dt.datetime,
    actor_id: str,
    picked: list[str],
    folder: Path,
) -> int:
    path = folder / CONSENTS_FILE
    _write_csv(
        path,
        ["student_sourced_id", "scope", "decision", "school_year", "recorded_on", "source"],
        consent_rows(picked, now),
    )
    with db.uow(write=True) as uow:
        result = import_consents(uow=uow, path=path, now=imported_at, actor_id=actor_id)
    return result.added + result.changed
