"""The "May I?" page and its JSON API."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from lanyard.auth.permissions import Principal, can_ask
from lanyard.bootstrap import Services
from lanyard.directory.orm import Person, RelationshipDisclosure
from lanyard.mayi import domain, interpret, understand
from lanyard.mayi.proposals import ModelServer
from lanyard.mayi.service import Answer, AskerOnFile, ask, ask_in_words
from lanyard.mayi.shown import shown_for
from lanyard.policy import Decision, Situation, decide, load_pack, questions
from lanyard.policy.pack import PackDocument
from lanyard.web.deps import get_services, now, render, require, services_of
from lanyard.web.threads import WRITES

router = APIRouter()
Asker = Annotated[Principal, Depends(require(can_ask))]
Svc = Annotated[Services, Depends(services_of)]


# Made once: every ask runs it (building a statement costs more than running this one).
_DISCLOSED = (
    select(Person.id, Person.given_name, Person.preferred_given_name, Person.family_name)
    .join(RelationshipDisclosure, RelationshipDisclosure.student_id == Person.id)
    .where(
        RelationshipDisclosure.employee_id == bindparam("employee_id"),
        RelationshipDisclosure.withdrawn.is_(False),
    )
    .order_by(Person.family_name, Person.given_name)
)


def _disclosed_students(
    session: Session | Connection, principal: Principal
) -> list[dict[str, str]]:
    """The people the asker has disclosed a relationship with: the only student names the
    form offers, so asking never exposes the student directory."""
    rows = session.execute(_DISCLOSED, {"employee_id": principal.person_id}).all()
    return [
        {"id": r.id, "name": f"{r.preferred_given_name or r.given_name} {r.family_name}"}
        for r in rows
    ]


def _known_people(services: Services, principal: Principal) -> list[dict[str, str]]:
    """:func:`_disclosed_students` for a page that reads nothing else."""
    with services.db.read() as connection:
        return _disclosed_students(connection, principal)


def _context(
    services: Services, principal: Principal, known_people: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """The page's context; ``known_people`` when the caller has read them already (an ask
    reads them in its own unit of work)."""
    pack = load_pack(services.settings.pack)
    return {
        "pack": pack.document,
        "actions": domain.ACTIONS,
        "mediums": domain.MEDIUMS,
        "counterpart_roles": domain.COUNTERPART_ROLES,
        "content_flags": domain.CONTENT_FLAGS,
        "counterpart_flags": domain.COUNTERPART_FLAGS,
        "platforms": sorted({c.id for c in pack.document.channels}),
        "known_people": (
            known_people if known_people is not None else _known_people(services, principal)
        ),
        "headline": questions.headline,
        "instead": questions.instead,
        "shown": shown_for(pack),
        "obligation_verb": questions.obligation_verb,
        "deadline_phrase": questions.deadline_phrase,
        "describe": questions.describe_dependence,
        "turns_on": _turns_on,
        "question_for": questions.question_for,
        "record_labels": domain.RECORD_LABELS,
        "form_titles": {f.id: f.title for f in pack.document.forms},
        "prefill": _prefill,
        "share_token": share_token,
        "starting_points": STARTING_POINTS,
        "question": "",
        "understood": [],
        "next_question": None,
        "declined": [],
        "encode": understand.encode_value,
        "option_label": interpret.option_label,
        "answer_options": interpret.answer_options,
        "asked_facts": interpret.asked_facts,
        "confirm_options": interpret.confirm_options,
        "confirm_question": interpret.CONFIRM_QUESTION,
    }


def _turns_on(
    decision: Decision, declined: list[str]
) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """What an open answer turns on once nothing is left to ask: each fact the person
    answered "I don't know" (as that answer, with what each answer would lead to), else
    the first fact it depends on; then the others, in words. A question answered "I don't
    know" is never shown as a question again, nor a fact only the record answers."""
    said = interpret.answered_dont_know(declined)
    shown = [d for d in decision.depends_on if d.fact in said] or list(decision.depends_on[:1])
    blocks: dict[str, list[str]] = {}
    for dependence in shown:
        heading, lines = questions.describe_dependence(dependence, said)
        blocks.setdefault(heading, lines)
    others = [questions.open_fact(d.fact, said) for d in decision.depends_on if d not in shown]
    return list(blocks.items()), [t for t in dict.fromkeys(others) if t not in blocks]


@router.get("/may-i", name="may_i")
def may_i_page(request: Request, principal: Asker, services: Svc) -> Response:
    context = _context(services, principal)
    context.update(
        form={}, answer=None, problem=None, question="", understood=[], next_question=None
    )
    return render(request, "mayi/page.html", context)


@router.post("/may-i")
async def may_i_ask(request: Request, principal: Asker) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    # The database work (on SQLite it may wait for the write lock) and the page in a worker
    # thread: never on the event loop, where it would hold up every other request. The
    # services are taken here, not as a dependency: one dependency fewer to solve per ask.
    services = get_services(request)
    return await WRITES.run(_ask_page, request, principal, services, form)


def _ask_page(
    request: Request, principal: Principal, services: Services, form: dict[str, str]
) -> Response:
    counterpart_id = form.get("counterpart_id") or None
    answer: Answer | None = None
    problem: str | None = None
    # The answer alone (htmx) shows no form: the people the form offers are read only to
    # check the one chosen, or for the whole page.
    fragment = bool(request.headers.get("HX-Request"))
    # One unit of work for the ask: the people the form offers, the record's facts and
    # the decision's audit entry (one connection, one transaction).
    with services.db.uow(append_only=True) as uow:
        known_people = (
            _disclosed_students(uow.session.connection(), principal)
            if counterpart_id is not None or not fragment
            else []
        )
        try:
            if counterpart_id is not None and counterpart_id not in {p["id"] for p in known_people}:
                raise domain.FormProblem("counterpart_id", "choose someone from the list")
            draft = domain.draft_from_form(form, services.settings.pack)
            answer = ask(
                uow=uow,
                asker_id=principal.person_id,
                draft=draft,
                counterpart_id=counterpart_id,
                now=now(request),
                # read with the session (an active person): not read again
                asker_on_file=AskerOnFile(principal.kind, principal.staff_role),
            )
        except domain.FormProblem as exc:
            problem = str(exc)
    context = _context(services, principal, known_people)
    context.update(form=form, answer=answer, problem=problem)
    template = "mayi/_answer.html" if fragment else "mayi/page.html"
    return render(request, template, context, status_code=422 if problem else 200)


STARTING_POINTS = (
    "Can I text a student about homework from my phone?",
    "Can I friend a student or a parent on Facebook?",
    "Can I post a photo of my students on the class Instagram?",
    "Can I start an Instagram account for my club?",
    "A student messaged me first on Instagram. Can I reply?",
    "Can I use my phone in class to check my personal e-mail?",
)


def _options(field: str, current: Any, pack: PackDocument) -> list[tuple[str, str]]:
    """The answers the page offers to correct a fact (value, plain words), the current
    value always among them."""
    if field == "action":
        values: list[Any] = list(domain.ACTIONS)
    elif field == "channel.platform":
        values = [c.id for c in pack.channels]
    else:
        values = list(dict.fromkeys(questions.question_for(interpret.fact_name(field)).answers))
    if current != "" and current not in values:
        values.append(current)
    return [(understand.encode_value(v), interpret.option_label(field, v, pack)) for v in values]


@router.post("/may-i/ask", name="may_i_question")
async def may_i_question(request: Request, principal: Asker, services: Svc) -> Response:
    """A question in the person's own words: read into facts (each with the words it came
    from), corrected or completed one answer at a time, merged with the record's facts by
    `interpret.read` as on the command line and the API, and decided."""
    form = await request.form()
    # As an ask: the database and the model server off the event loop.
    return await WRITES.run(_question_page, request, principal, services, form)


def _question_page(
    request: Request, principal: Principal, services: Services, form: FormData
) -> Response:
    question = " ".join(str(form.get("question") or "").split())[:500]
    context = _context(services, principal)
    context.update(
        form={}, answer=None, problem=None, question=question, understood=[], next_question=None
    )
    if not question:
        context["problem"] = "Type your question first, in your own words."
        return render(request, "mayi/page.html", context, status_code=422)
    answered: dict[str, Any] = {}
    for raw in form.getlist("declined"):
        if interpret.askable(str(raw)):
            answered[str(raw)] = None
    for key, raw in form.multi_items():
        field = key.removeprefix("fact.")
        if key.startswith("fact.") and interpret.askable(field):
            answered[field] = understand.parse_value(field, str(raw)) if str(raw) else None
    # "I don't know" names the facts its question asked (several for "Is any of this so?"),
    # "None of these" the usual facts it confirms as usual.
    for fact in str(form.get("dont_know") or "").split():
        if fact in interpret.ASKABLE:
            answered[fact] = None
    for fact in str(form.get("none_of") or "").split():
        if fact in interpret.ASKABLE and fact in interpret.USUAL:
            answered[fact] = interpret.USUAL[fact]
    declined = sorted(f for f, v in answered.items() if v is None)
    context["declined"] = declined
    try:
        with services.db.uow(append_only=True) as uow:
            reading = ask_in_words(
                uow=uow,
                asker_id=principal.person_id,
                question=question,
                answered=answered,
                district=services.settings.pack,
                now=now(request),
                model=ModelServer.from_settings(services.settings),
            )
    except ValidationError as exc:
        interpretation = interpret.read(question, answered, district=services.settings.pack)
        context["understood"] = _understood(interpretation, context["pack"])
        if "action" not in interpretation.facts:
            context["problem"] = (
                "I could not tell what you want to do. Choose it below, or say it another way "
                '("text", "post", "friend", "reply", "start an account" ...). May I? answers '
                "from the district's policy on technology, electronic communication and "
                "social media: if what you want to do is none of these (a ride home, say), "
                "that policy does not cover it."
            )
            context["understood"] = [
                _fact_row("action", "", "", context["pack"]),
                *context["understood"],
            ]
            return render(request, "mayi/page.html", context, status_code=200)
        fields = sorted(
            {".".join(str(p) for p in e["loc"] if not isinstance(p, int)) for e in exc.errors()}
        )
        context["problem"] = "These answers do not fit together: " + ", ".join(
            interpret.fact_question(f) for f in fields
        )
        return render(request, "mayi/page.html", context, status_code=422)
    context["understood"] = _understood(reading.interpretation, context["pack"])
    context["answer"] = reading.answer
    context["next_question"] = reading.following
    return render(request, "mayi/page.html", context)


def _understood(
    interpretation: interpret.Interpretation, pack: PackDocument
) -> list[dict[str, Any]]:
    return [
        _fact_row(
            field,
            value,
            interpretation.words.get(field, ""),
            pack,
            proposed_by=interpretation.proposed_by(field),
        )
        for field, value in interpretation.facts.items()
        if interpret.askable(field)
    ]


def _fact_row(
    field: str, value: Any, words: str, pack: PackDocument, proposed_by: str | None = None
) -> dict[str, Any]:
    return {
        "proposed_by": proposed_by,
        "field": field,
        "value": understand.encode_value(value) if value != "" else "",
        "label": interpret.option_label(field, value, pack) if value != "" else "",
        "question": interpret.fact_question(field),
        "words": words,
        "options": _options(field, value, pack),
    }


def share_token(situation: Situation) -> str:
    """The situation as a link-safe token (facts only: no name, no asker)."""
    data = situation.model_dump(mode="json", exclude_none=True)
    raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def _from_token(token: str) -> Situation:
    padded = token + "=" * (-len(token) % 4)
    raw = zlib.decompress(base64.urlsafe_b64decode(padded.encode()), bufsize=65536)
    if len(raw) > 65536:
        raise ValueError("too long")
    return Situation.model_validate(json.loads(raw))


@router.get("/may-i/shared", name="may_i_shared")
def may_i_shared(
    request: Request, principal: Asker, services: Svc, situation: str = ""
) -> Response:
    """A shared answer: the situation in plain words and the decision the district's pack
    gives it today, printable. It shows the facts, not who asked."""
    try:
        shared = _from_token(situation[:8192])
    except (ValueError, zlib.error, ValidationError, json.JSONDecodeError):
        return render(
            request,
            "error.html",
            {"kind": "not_found"},
            status_code=404,
        )
    pack = load_pack(services.settings.pack)
    if shared.district != pack.id:
        return render(
            request,
            "error.html",
            {"kind": "not_found"},
            status_code=404,
        )
    decision = decide(pack, shared)
    facts = [
        (
            "What you want to do" if field == "action" else interpret.fact_question(field),
            domain.ACTIONS.get(str(value), str(value))
            if field == "action"
            else _label(field, value),
        )
        for field, value in _flat_facts(shared)
    ]
    context = _context(services, principal)
    context.update(
        answer=Answer(shared, decision, ()),
        shared_facts=facts,
        problem=None,
        share_link=request.url_for("may_i_shared").include_query_params(situation=situation),
    )
    return render(request, "mayi/shared.html", context)


def _flat_facts(situation: Situation) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [("action", situation.action)]
    data = situation.model_dump(exclude_none=True)
    for key in ("purpose", "emergency"):
        if key in data:
            out.append((key, data[key]))
    for part in ("actor", "channel", "content"):
        for name, value in (data.get(part) or {}).items():
            if name == "approvals":
                continue
            out.append((f"{part}.{name}", value))
    several = len(data.get("counterparts") or []) > 1
    for i, cp in enumerate(data.get("counterparts") or []):
        for name, value in cp.items():
            out.append((f"counterparts.{i}.{name}" if several else f"counterparts.{name}", value))
    return out


def _prefill(form: Any, situation: Any) -> str:
    """A query string that fills the request form's fields the situation answers: the app
    or site, by its name ("GroupMe"). Nothing else: the situation knows that it is
    district business, not what business ("District business" in the purpose field would
    be words the person never said); the person writes the rest."""
    known = {f.id for f in form.fields}
    values: dict[str, str] = {}
    platform = situation.channel.platform
    if platform and platform != "other":
        name = questions.question_for("channel.platform").answer(platform)
        for field in ("platform", "technology"):
            if field in known:
                values[field] = name
    return ("?" + urlencode(values)) if values else ""


def _label(field: str, value: Any) -> str:
    if field == "action":
        return domain.ACTIONS.get(str(value), str(value))
    if interpret.fact_name(field) == "counterparts.count":
        return "one person" if value == 1 else "a group"
    return questions.question_for(interpret.fact_name(field)).answer(value)


class InterpretRequest(BaseModel):
    """A question in plain words and the facts answered so far (dotted paths such as
    ``channel.account`` or ``counterparts.0.role``; ``null`` means "I don't know")."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, max_length=500)
    facts: dict[str, Any] = Field(default_factory=dict)


@router.post("/api/may-i/interpret", tags=["may I?"], summary="Ask in plain words")
def api_interpret(
    body: InterpretRequest, request: Request, principal: Asker, services: Svc
) -> Response:
    """The question read into facts (with the words each came from), the next question
    that could change the answer (null when none can), and the decision for what is known,
    with the facts on your record filled in as on the May I? page."""
    try:
        with services.db.uow(append_only=True) as uow:
            reading = ask_in_words(
                uow=uow,
                asker_id=principal.person_id,
                question=body.question,
                answered=body.facts,
                district=services.settings.pack,
                now=now(request),
                model=ModelServer.from_settings(services.settings),
            )
    except interpret.FactProblem as exc:
        return JSONResponse({"detail": [{"field": "facts", "problem": str(exc)}]}, 422)
    except ValidationError as exc:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()
        ]
        return JSONResponse({"detail": problems}, status_code=422)
    answer = reading.answer
    return JSONResponse(
        interpret.to_json(
            reading.interpretation,
            answer.situation,
            answer.decision,
            reading.following,
            load_pack(services.settings.pack).document,
        )
    )


class AskRequest(BaseModel):
    """A situation in the public contract (``district`` defaults to the district's pack);
    ``counterpart_id`` names a person on file to take facts from (a disclosed student)."""

    model_config = ConfigDict(extra="forbid")

    situation: dict[str, Any]
    counterpart_id: str | None = Field(default=None)


@router.post("/api/may-i", tags=["may I?"], summary="Ask the district's policy")
def api_may_i(body: AskRequest, request: Request, principal: Asker, services: Svc) -> Response:
    """The decision in the contract's format, with the facts taken from the record."""
    situation = {"district": services.settings.pack, **body.situation}
    if body.counterpart_id is not None and body.counterpart_id not in {
        p["id"] for p in _known_people(services, principal)
    }:
        return JSONResponse({"detail": "counterpart_id: not a person you may ask about"}, 403)
    try:
        with services.db.uow(append_only=True) as uow:
            answer = ask(
                uow=uow,
                asker_id=principal.person_id,
                draft=situation,
                counterpart_id=body.counterpart_id,
                now=now(request),
            )
    except ValidationError as exc:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()
        ]
        return JSONResponse({"detail": problems}, status_code=422)
    except KeyError as exc:
        return JSONResponse({"detail": str(exc.args[0])}, status_code=422)
    return JSONResponse(
        {
            "decision": answer.decision.to_dict(),
            "from_record": [
                {"field": f.field, "value": f.value, "source": f.source} for f in answer.from_record
            ],
            "approvals_not_counted": [
                {
                    "form": n.form,
                    "status": n.status,
                    "limits": list(n.limits),
                    "outside": [{"limit": label, "why": why} for label, why in n.outside],
                    "needs_facts": list(n.facts),
                }
                for n in answer.approval_notes
            ],
            "pack": {"id": answer.decision.pack_id, "hash": answer.decision.pack_hash},
        }
    )
