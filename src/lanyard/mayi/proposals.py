"""Facts proposed by a model server the district runs itself, for questions the offline
reader leaves largely unknown. Off unless ``LANYARD_MAYI_MODEL_URL`` names an
OpenAI-compatible chat-completions URL.

The model only proposes: each proposal names a fact of the situation contract, a value
the contract accepts and the words of the question it was taken from (words that are not
in the question are dropped, so a proposal cannot be made up from nothing). Proposals
never replace what the offline reader understood or what the person answered; they are
shown for confirmation like any other understood fact, labelled as the district model's,
and the policy engine decides as for any other fact. A timeout, an error or an answer
that is not the expected JSON leaves the offline reading as it is; the log names what
went wrong, never the question.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import ValidationError

from lanyard.mayi.understand import Understood, situation_from
from lanyard.policy import Situation
from lanyard.policy.questions import QUESTIONS

log = logging.getLogger(__name__)

PROPOSED_BY = "district model"
# Facts a model may propose: those a person may state or be asked (never approvals).
PROPOSABLE = (frozenset(QUESTIONS) | {"action"}) - {"actor.approvals"}
# "Largely unknown": the offline reader could not place the action, or read fewer facts.
ENOUGH = 3

_INSTRUCTIONS = (
    "You read a school employee's question about using technology into facts of a "
    "situation. Answer with one JSON object only: "
    '{"facts": [{"field": "...", "value": ..., "words": "..."}]}. '
    "field is one of: {fields}. value is a value the field accepts: action is one of "
    "message, friend_or_follow, post, create_account, use_logo, personal_use, "
    "share_credentials, install_software, play_games, commercial_use, respond_to_contact, "
    "disable_filter, media_contact, receive; counterparts.role is one of student, parent, "
    "employee, administrator, community, media, public; counterparts.count is 1 or 2 (a "
    "group); yes-or-no facts are true or false. words are the exact words of the question "
    "the fact comes from. Give only facts the words state; leave out anything uncertain, "
    "anything from a story the question tells and anything someone else did."
)


@dataclass(frozen=True)
class ModelServer:
    """Where the district's model server answers, and how long to wait for it."""

    url: str
    model: str = "default"
    timeout_seconds: float = 3.0
    api_key: str | None = None

    @classmethod
    def from_settings(cls, settings: Any) -> ModelServer | None:
        url = getattr(settings, "mayi_model_url", None)
        if not url:
            return None
        key = getattr(settings, "mayi_model_api_key", None)
        return cls(
            url=url,
            model=settings.mayi_model_name,
            timeout_seconds=settings.mayi_model_timeout_seconds,
            api_key=key.get_secret_value() if key is not None else None,
        )


def largely_unknown(understood: Sequence[Understood]) -> bool:
    fields = {u.field for u in understood}
    return "action" not in fields or len(fields) < ENOUGH


def propose(
    question: str, understood: Sequence[Understood], server: ModelServer | None
) -> tuple[Understood, ...]:
    """The district model's proposals for the facts the offline reading left unknown, each
    valid under the contract together with what was understood; () when the model server
    is not set, the reading is not largely unknown, or the server fails."""
    if server is None or not question.strip() or not largely_unknown(understood):
        return ()
    try:
        content = _ask(question, server)
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
        log.warning("district model server: no proposal (%s)", type(exc).__name__)
        return ()
    return validated(question, understood, content)


def _ask(question: str, server: ModelServer) -> Any:
    headers = {"Authorization": f"Bearer {server.api_key}"} if server.api_key else {}
    instructions = _INSTRUCTIONS.replace("{fields}", ", ".join(sorted(PROPOSABLE)))
    response = httpx.post(
        server.url,
        json={
            "model": server.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": instructions},
                {"role": "user", "content": question},
            ],
        },
        headers=headers,
        timeout=server.timeout_seconds,
    )
    response.raise_for_status()
    message = response.json()["choices"][0]["message"]["content"]
    return json.loads(message)


def validated(
    question: str, understood: Sequence[Understood], content: Any
) -> tuple[Understood, ...]:
    """The proposals that name a proposable fact the offline reading left unknown, quote
    words of the question, and keep the situation valid; the rest are dropped."""
    items = content.get("facts") if isinstance(content, Mapping) else None
    if not isinstance(items, list):
        return ()
    known: dict[str, Any] = {u.field: u.value for u in understood}
    lowered = " ".join(question.lower().split())
    out: list[Understood] = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        field, value, words = item.get("field"), item.get("value"), item.get("words")
        if not isinstance(field, str) or field not in PROPOSABLE or field in known:
            continue
        if value is None or isinstance(value, (list, dict)):
            continue
        if not isinstance(words, str) or not words.strip():
            continue
        if " ".join(words.lower().split()) not in lowered:
            continue
        try:
            Situation.model_validate(situation_from("", {**known, field: value}))
        except ValidationError:
            continue
        known[field] = value
        out.append(Understood(field, value, words.strip(), source=PROPOSED_BY))
    return tuple(out)
