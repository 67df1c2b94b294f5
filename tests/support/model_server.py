"""A small but real OpenAI-compatible chat-completions server, for tests of the May I?
model-server adapter: ``POST /v1/chat/completions`` takes ``{"model", "messages": [{"role",
"content"}], ...}`` and answers ``{"id", "object": "chat.completion", "created", "model",
"choices": [{"index": 0, "message": {"role": "assistant", "content"}, "finish_reason"}],
"usage"}``; a request without messages gets the documented 400 error object.

``reply`` is the assistant message's content (a string; JSON for the adapter), ``status``
an HTTP error status to answer instead, ``delay`` seconds to wait first. Every request
body is logged for assertions. Serve it with :func:`tests.support.servers.serve_in_thread`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.support.servers import serve_in_thread


@dataclass
class ModelServerStub:
    reply: str = '{"facts": []}'
    status: int | None = None
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.app = Starlette(routes=[Route("/v1/chat/completions", self._chat, methods=["POST"])])

    def reset(self) -> None:
        self.reply, self.status, self.delay = '{"facts": []}', None, 0.0
        self.requests.clear()

    async def _chat(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.requests.append({"body": body, "authorization": request.headers.get("authorization")})
        if self.delay:
            await asyncio.sleep(self.delay)
        if not isinstance(body.get("messages"), list) or not body["messages"]:
            return _error(400, "'messages' is a required property", "invalid_request_error")
        if self.status is not None:
            return _error(self.status, "The server had an error", "server_error")
        return JSONResponse(
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "default"),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": self.reply},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        )


def _error(status: int, message: str, kind: str) -> JSONResponse:
    return JSONResponse(
        {"error": {"message": message, "type": kind, "param": None, "code": None}},
        status_code=status,
    )


def model_server() -> Iterator[tuple[ModelServerStub, str]]:
    """The stub served on a thread: ``(stub, its chat-completions URL)``."""
    stub = ModelServerStub()
    with serve_in_thread(stub.app) as url:
        yield stub, f"{url}/v1/chat/completions"
