"""A small but real implementation of the platforms' comment-moderation APIs, for tests.

One Starlette app serving, with the documented paths, request shapes and error payloads:

- ``/graph/...`` the Graph API (Facebook Pages and Instagram, Facebook Login):
  ``POST /{comment-id}?is_hidden=`` (Facebook) or ``?hide=`` (Instagram),
  ``DELETE /{comment-id}``, ``POST /{comment-id}/comments?message=`` (Facebook reply),
  ``POST /{ig-comment-id}/replies?message=`` (Instagram reply), ``GET /{page-id}/feed``,
  ``GET /{post-id}/comments``, ``GET /{ig-user-id}/media``, ``GET /{ig-media-id}/comments``;
  errors ``{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`` (190
  expired token, 4/32 rate limits, 200 permission, 100/33 no such object);
- ``/youtube/v3/...`` the YouTube Data API: ``POST comments/setModerationStatus`` (204),
  ``POST comments?part=snippet``, ``GET commentThreads``; errors ``{"error": {"code",
  "message", "errors": [{"domain", "reason", "message"}], "status"}}`` (401 authError,
  403 quotaExceeded / rateLimitExceeded / forbidden, 404 commentNotFound, 400
  banWithoutReject);
- ``/x/2/...`` the X API v2: ``PUT /2/tweets/:id/hidden``, ``POST /2/tweets``,
  ``GET /2/users/:id/mentions``; problem documents, 429 with ``x-rate-limit-reset``;
- the token endpoints: Meta's ``/graph/oauth/access_token`` (``fb_exchange_token``),
  Google's ``/google/token`` and X's ``/x/2/oauth2/token`` (``refresh_token`` grants, X
  rotating the refresh token), with their documented errors (Graph 190 / 101 / 1;
  ``invalid_grant``, ``invalid_client``, ``invalid_request``, ``unauthorized_client``).

Feeds, media, comments and mentions are paged as documented: Graph ``limit``/``after``
with ``paging.cursors`` and ``paging.next``; YouTube ``maxResults``/``pageToken`` and
``nextPageToken``; X ``max_results`` (5-100)/``pagination_token`` and ``meta.next_token``.

Every request must carry ``Authorization: Bearer <token>``; tokens are valid, expired or
unknown. ``fail_next(platform, kind)`` makes the next call to that platform answer with
the documented error for ``rate_limit``, ``quota``, ``expired``, ``forbidden`` or
``server`` (``fail_next("oauth", "server")`` for the token endpoints). Every request is
logged (method, path, query, JSON body, token) for assertions.
Serve it with :func:`tests.support.servers.serve_in_thread`.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.servers import serve_in_thread


@dataclass
class Logged:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    token: str | None


@dataclass
class PlatformState:
    # token -> "valid" | "expired"
    tokens: dict[str, str] = field(default_factory=dict)
    # comment id -> {"platform", "hidden", "deleted", "moderationStatus", "conversation_owner"}
    comments: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)
    log: list[Logged] = field(default_factory=list)
    replies: list[dict[str, Any]] = field(default_factory=list)
    # polling data
    # page -> its posts, newest first: ids, or {"id", "created_time", "updated_time"}
    facebook_feed: dict[str, list[Any]] = field(default_factory=dict)
    facebook_comments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    instagram_media: dict[str, list[Any]] = field(default_factory=dict)  # ids or {"id", ...}
    instagram_comments: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    youtube_threads: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    x_mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    x_users: dict[str, dict[str, Any]] = field(default_factory=dict)
    graph_pages: int = 0  # how many Graph answers said there was a next page
    # OAuth: Meta apps (id -> secret), Google and X clients (id -> secret, "" for a public
    # X client), refresh tokens (token -> platform, or "revoked")
    meta_apps: dict[str, str] = field(default_factory=dict)
    oauth_clients: dict[str, str] = field(default_factory=dict)
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    issued: list[dict[str, Any]] = field(default_factory=list)

    def add_comment(self, platform: str, comment_id: str, **extra: Any) -> None:
        self.comments[comment_id] = {
            "platform": platform,
            "hidden": False,
            "deleted": False,
            "moderationStatus": "published",
            **extra,
        }

    def fail_next(self, platform: str, kind: str, times: int = 1) -> None:
        self.failures.setdefault(platform, []).extend([kind] * times)

    def calls(self, platform_prefix: str) -> list[Logged]:
        return [c for c in self.log if c.path.startswith(platform_prefix)]


_TRACE = "AbCdEfGhIjK"
EXPIRED = "Error validating access token: Session has expired on Friday, 04-Dec-26 09:00:00 PST."
YT_AUTH = (
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
    "cookie or other valid authentication credential."
)


def _graph_error(status: int, code: int, message: str, subcode: int | None = None) -> Response:
    error: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": _TRACE,
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return JSONResponse({"error": error}, status_code=status)


def _youtube_error(
    status: int, reason: str, message: str, domain: str = "youtube.comment"
) -> Response:
    names = {
        400: "INVALID_ARGUMENT",
        401: "UNAUTHENTICATED",
        403: "PERMISSION_DENIED",
        404: "NOT_FOUND",
        429: "RESOURCE_EXHAUSTED",
        500: "INTERNAL",
        503: "UNAVAILABLE",
    }
    return JSONResponse(
        {
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": domain, "reason": reason}],
                "status": names.get(status, "UNKNOWN"),
            }
        },
        status_code=status,
    )


def _x_error(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse(
        {"title": title, "detail": detail, "type": "about:blank", "status": status},
        status_code=status,
        headers=headers,
    )


def _post(item: str | dict[str, Any], created: str) -> dict[str, Any]:
    return {"id": item} if isinstance(item, str) else {"id": item["id"], **item}


def _cursor(index: int) -> str:
    return base64.urlsafe_b64encode(f"cursor:{index}".encode()).decode()


def _uncursor(value: str) -> int:
    try:
        text = base64.urlsafe_b64decode(value.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        return -1
    prefix, _, number = text.partition(":")
    return int(number) if prefix == "cursor" and number.isdigit() else -1


class PlatformServer:
    def __init__(self, state: PlatformState | None = None) -> None:
        self.state = state or PlatformState()
        self.app = Starlette(
            routes=[
                Route("/graph/{rest:path}", self.graph, methods=["GET", "POST", "DELETE"]),
                Route("/youtube/v3/{rest:path}", self.youtube, methods=["GET", "POST", "DELETE"]),
                Route("/x/2/{rest:path}", self.x, methods=["GET", "POST", "PUT", "DELETE"]),
                Route("/google/token", self.google_token, methods=["POST"]),
            ]
        )

    # -- shared ---------------------------------------------------------------------------

    async def _logged(self, request: Request) -> tuple[str | None, Any]:
        raw = await request.body()
        try:
            body = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = raw.decode("utf-8", "replace")
        header = request.headers.get("authorization", "")
        token = header[7:] if header.lower().startswith("bearer ") else None
        token = token or request.query_params.get("access_token")
        self.state.log.append(
            Logged(request.method, request.url.path, dict(request.query_params), body, token)
        )
        return token, body

    def _failure(self, platform: str) -> str | None:
        queue = self.state.failures.get(platform) or []
        return queue.pop(0) if queue else None

    # -- the Graph API ------------------------------------------------------------------------

    async def graph(self, request: Request) -> Response:
        parts = [p for p in request.path_params["rest"].split("/") if p]
        if parts == ["oauth", "access_token"]:
            return await self.meta_exchange(request)
        token, _ = await self._logged(request)
        q = request.query_params
        if not token:
            return _graph_error(
                400,
                2500,
                "An active access token must be used to query information about the current user.",
            )
        if self.state.tokens.get(token) == "expired":
            return _graph_error(
                400,
                190,
                EXPIRED,
                463,
            )
        if self.state.tokens.get(token) != "valid":
            return _graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")
        node = parts[0] if parts else ""
        platform = self._graph_platform(node, parts)
        failure = self._failure(platform)
        if failure == "rate_limit":
            if platform == "instagram":
                return _graph_error(403, 4, "(#4) Application request limit reached")
            return _graph_error(400, 32, "(#32) Page request limit reached")
        if failure == "expired":
            return _graph_error(
                400,
                190,
                EXPIRED,
                463,
            )
        if failure == "forbidden":
            return _graph_error(
                403, 200, "(#200) Requires pages_manage_engagement permission to manage the object"
            )
        if failure == "server":
            return _graph_error(
                500, 2, "An unexpected error has occurred. Please retry your request later."
            )
        if request.method == "GET":
            return self._graph_read(parts, q, str(request.base_url).rstrip("/"))
        comment = self.state.comments.get(node)
        if comment is None or comment["deleted"]:
            verb = "delete" if request.method == "DELETE" else "post"
            return _graph_error(
                400,
                100,
                f"Unsupported {verb} request. Object with ID '{node}' does not exist, cannot be "
                "loaded due to missing permissions, or does not support this operation.",
                33,
            )
        if request.method == "DELETE" and len(parts) == 1:
            comment["deleted"] = True
            return JSONResponse({"success": True})
        if len(parts) == 1:  # hide / unhide
            name = "hide" if comment["platform"] == "instagram" else "is_hidden"
            value = q.get(name)
            if value not in ("true", "false"):
                return _graph_error(400, 100, f"(#100) The parameter {name} is required")
            comment["hidden"] = value == "true"
            return JSONResponse({"success": True})
        edge = parts[1]
        expected = "replies" if comment["platform"] == "instagram" else "comments"
        if edge != expected or request.method != "POST":
            return _graph_error(400, 100, f"(#100) Unknown edge {edge!r} on this object")
        message = q.get("message")
        if not message:
            return _graph_error(400, 100, "(#100) The parameter message is required")
        if comment["platform"] == "instagram" and comment["hidden"]:
            return _graph_error(400, 100, "(#100) Cannot reply to a hidden comment")
        new_id = f"{node}_r{len(self.state.replies) + 1}"
        self.state.replies.append(
            {"platform": comment["platform"], "to": node, "message": message, "id": new_id}
        )
        return JSONResponse({"id": new_id})

    def _graph_platform(self, node: str, parts: list[str]) -> str:
        if node in self.state.comments:
            return str(self.state.comments[node]["platform"])
        if node in self.state.instagram_media or node in self.state.instagram_comments:
            return "instagram"
        return "facebook"

    def _graph_read(self, parts: list[str], q: Any, root: str) -> Response:
        if len(parts) != 2:
            return _graph_error(400, 100, "(#100) Unsupported get request")
        node, edge = parts
        items: list[dict[str, Any]]
        if edge == "feed":
            items = [_post(p, "created_time") for p in self.state.facebook_feed.get(node, [])]
        elif edge == "media":
            items = [_post(m, "timestamp") for m in self.state.instagram_media.get(node, [])]
        elif edge == "comments" and node in self.state.facebook_comments:
            items = sorted(
                self.state.facebook_comments[node],
                key=lambda c: c["created_time"],
                reverse=q.get("order") == "reverse_chronological",
            )
        elif edge == "comments" and node in self.state.instagram_comments:
            items = self.state.instagram_comments[node]
        else:
            items = []
        return self._graph_page(f"{root}/graph/{node}/{edge}", items, q)

    def _graph_page(self, url: str, items: list[dict[str, Any]], q: Any) -> Response:
        """Cursor-based pagination as the Graph API documents it: ``limit`` (25 unless
        said), ``after``; ``paging.cursors`` and ``paging.next`` while more remain."""
        limit = int(q.get("limit") or 25)
        start = 0
        if q.get("after"):
            start = _uncursor(q["after"])
            if start < 0:
                return _graph_error(400, 100, "(#100) The after cursor is not valid")
        page = items[start : start + limit]
        out: dict[str, Any] = {"data": page}
        if page:
            paging: dict[str, Any] = {
                "cursors": {"before": _cursor(start), "after": _cursor(start + len(page))}
            }
            if start + len(page) < len(items):
                self.state.graph_pages += 1
                paging["next"] = f"{url}?limit={limit}&after={_cursor(start + len(page))}"
            out["paging"] = paging
        return JSONResponse(out)

    # -- OAuth token endpoints ----------------------------------------------------------------

    async def _oauth_params(self, request: Request) -> dict[str, str]:
        form = await request.form()
        params = {**dict(request.query_params), **{k: str(v) for k, v in form.items()}}
        self.state.log.append(
            Logged(request.method, request.url.path, dict(request.query_params), None, None)
        )
        return params

    def _issue(self, platform: str, **extra: Any) -> str:
        token = f"{platform}-access-{len(self.state.issued) + 1}"
        self.state.tokens[token] = "valid"
        self.state.issued.append({"platform": platform, "access_token": token, **extra})
        return token

    async def meta_exchange(self, request: Request) -> Response:
        """``/oauth/access_token?grant_type=fb_exchange_token``: a long-lived token for a
        valid one (Meta's "Long-Lived Access Tokens"); errors as Graph errors."""
        p = await self._oauth_params(request)
        if self._failure("oauth") == "server":
            return _graph_error(500, 2, "An unexpected error has occurred. Please retry.")
        if p.get("grant_type") != "fb_exchange_token":
            return _graph_error(400, 100, "(#100) Unsupported grant_type")
        app = p.get("client_id", "")
        if app not in self.state.meta_apps:
            return _graph_error(400, 101, "Error validating application. Invalid application ID.")
        if self.state.meta_apps[app] != p.get("client_secret"):
            return _graph_error(400, 1, "Error validating client secret.")
        old = p.get("fb_exchange_token", "")
        if self.state.tokens.get(old) == "expired":
            return _graph_error(400, 190, EXPIRED, 463)
        if self.state.tokens.get(old) != "valid":
            return _graph_error(400, 190, "Invalid OAuth access token - Cannot parse access token")
        token = self._issue("meta", exchanged=old)
        return JSONResponse({"access_token": token, "token_type": "bearer", "expires_in": 5184000})

    async def google_token(self, request: Request) -> Response:
        """Google's ``/token`` with ``grant_type=refresh_token`` (OAuth 2.0 for web server
        applications, "Refreshing an access token")."""
        p = await self._oauth_params(request)
        if self._failure("oauth") == "server":
            return JSONResponse(
                {"error": "internal_failure", "error_description": "Backend Error"},
                status_code=503,
            )
        client = p.get("client_id", "")
        if client not in self.state.oauth_clients or self.state.oauth_clients[client] != p.get(
            "client_secret"
        ):
            return JSONResponse(
                {"error": "invalid_client", "error_description": "The OAuth client was not found."},
                status_code=401,
            )
        if p.get("grant_type") != "refresh_token":
            return JSONResponse(
                {"error": "unsupported_grant_type", "error_description": "Invalid grant_type"},
                status_code=400,
            )
        if self.state.refresh_tokens.get(p.get("refresh_token", "")) != "youtube":
            return JSONResponse(
                {
                    "error": "invalid_grant",
                    "error_description": "Token has been expired or revoked.",
                },
                status_code=400,
            )
        token = self._issue("youtube", refresh_token=p["refresh_token"])
        return JSONResponse(
            {
                "access_token": token,
                "expires_in": 3599,
                "scope": "https://www.googleapis.com/auth/youtube.force-ssl",
                "token_type": "Bearer",
            }
        )

    async def x_token(self, request: Request) -> Response:
        """X's ``POST /2/oauth2/token`` with ``grant_type=refresh_token``: a confidential
        client authenticates with HTTP Basic, a public one names its ``client_id``; the
        refresh token is rotated (the old one stops working)."""
        p = await self._oauth_params(request)
        if self._failure("oauth") == "server":
            return _x_error(503, "Service Unavailable", "Service Unavailable")
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            client, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            if self.state.oauth_clients.get(client) != secret or not secret:
                return JSONResponse(
                    {
                        "error": "unauthorized_client",
                        "error_description": "Missing valid authorization header",
                    },
                    status_code=401,
                )
        else:
            client = p.get("client_id", "")
            if self.state.oauth_clients.get(client) != "":
                return JSONResponse(
                    {
                        "error": "unauthorized_client",
                        "error_description": "Missing valid authorization header",
                    },
                    status_code=401,
                )
        if (
            p.get("grant_type") != "refresh_token"
            or self.state.refresh_tokens.get(p.get("refresh_token", "")) != "x"
        ):
            return JSONResponse(
                {
                    "error": "invalid_request",
                    "error_description": "Value passed for the token was invalid.",
                },
                status_code=400,
            )
        self.state.refresh_tokens[p["refresh_token"]] = "revoked"
        new_refresh = f"x-refresh-{len(self.state.issued) + 1}"
        self.state.refresh_tokens[new_refresh] = "x"
        token = self._issue("x", refresh_token=new_refresh)
        return JSONResponse(
            {
                "token_type": "bearer",
                "expires_in": 7200,
                "access_token": token,
                "scope": "tweet.read users.read tweet.moderate.write offline.access",
                "refresh_token": new_refresh,
            }
        )

    # -- YouTube ------------------------------------------------------------------------------

    async def youtube(self, request: Request) -> Response:
        token, body = await self._logged(request)
        rest = request.path_params["rest"].strip("/")
        q = request.query_params
        if not token or self.state.tokens.get(token) != "valid":
            message = YT_AUTH
            return _youtube_error(401, "authError", message, "global")
        failure = self._failure("youtube")
        if failure in ("quota", "rate_limit"):
            reason = "quotaExceeded" if failure == "quota" else "rateLimitExceeded"
            domain = "youtube.quota" if failure == "quota" else "usageLimits"
            return _youtube_error(
                403,
                reason,
                "The request cannot be completed because you have exceeded your quota.",
                domain,
            )
        if failure == "expired":
            return _youtube_error(
                401, "authError", "Request had invalid authentication credentials.", "global"
            )
        if failure == "forbidden":
            return _youtube_error(
                403,
                "forbidden",
                "The comment's moderation status could not be set due to insufficient permissions.",
            )
        if failure == "server":
            return _youtube_error(503, "backendError", "Backend Error", "global")
        if rest == "comments/setModerationStatus" and request.method == "POST":
            status = q.get("moderationStatus")
            ids = [i for i in (q.get("id") or "").split(",") if i]
            if not ids or status not in ("heldForReview", "published", "rejected"):
                return _youtube_error(
                    400,
                    "missingRequiredParameter",
                    "No filter selected. Expected one of: id, moderationStatus",
                    "youtube.parameter",
                )
            if q.get("banAuthor") == "true" and status != "rejected":
                return _youtube_error(
                    400,
                    "banWithoutReject",
                    "The banAuthor parameter can only be used if the moderationStatus parameter "
                    "value is rejected.",
                )
            for cid in ids:
                comment = self.state.comments.get(cid)
                if comment is None:
                    return _youtube_error(
                        404,
                        "commentNotFound",
                        "One or more of the comments that the request is trying to update cannot "
                        "be found.",
                    )
                if comment["moderationStatus"] == "rejected" and status == "published":
                    return _youtube_error(
                        400,
                        "operationNotSupported",
                        "A rejected comment cannot be published again.",
                    )
            for cid in ids:
                self.state.comments[cid]["moderationStatus"] = status
            return Response(status_code=204)
        if rest == "comments" and request.method == "POST":
            snippet = (body or {}).get("snippet") if isinstance(body, dict) else None
            if (
                q.get("part") != "snippet"
                or not isinstance(snippet, dict)
                or not snippet.get("parentId")
                or not snippet.get("textOriginal")
            ):
                return _youtube_error(
                    400, "invalidCommentMetadata", "The request metadata is invalid."
                )
            if snippet["parentId"] not in self.state.comments:
                return _youtube_error(
                    404, "parentCommentNotFound", "The specified parent comment could not be found."
                )
            new_id = f"{snippet['parentId']}.r{len(self.state.replies) + 1}"
            self.state.replies.append(
                {
                    "platform": "youtube",
                    "to": snippet["parentId"],
                    "message": snippet["textOriginal"],
                    "id": new_id,
                }
            )
            return JSONResponse({"kind": "youtube#comment", "id": new_id, "snippet": snippet})
        if rest == "comments" and request.method == "DELETE":
            return _youtube_error(
                403, "forbidden", "The comment could not be deleted: only its author may delete it."
            )
        if rest == "commentThreads" and request.method == "GET":
            channel = q.get("allThreadsRelatedToChannelId") or ""
            if "snippet" not in (q.get("part") or ""):
                return _youtube_error(
                    400, "missingRequiredParameter", "No part parameter", "youtube.parameter"
                )
            threads = sorted(
                self.state.youtube_threads.get(channel, []),
                key=lambda t: t["snippet"]["topLevelComment"]["snippet"]["publishedAt"],
                reverse=True,
            )
            page_size = int(q.get("maxResults") or 20)
            start = int(q.get("pageToken") or 0)
            out: dict[str, Any] = {
                "kind": "youtube#commentThreadListResponse",
                "items": threads[start : start + page_size],
            }
            if start + page_size < len(threads):
                out["nextPageToken"] = str(start + page_size)
            return JSONResponse(out)
        return _youtube_error(404, "notFound", "Not Found", "global")

    # -- X --------------------------------------------------------------------------------------

    async def x(self, request: Request) -> Response:
        rest = request.path_params["rest"].strip("/")
        if rest == "oauth2/token" and request.method == "POST":
            return await self.x_token(request)
        token, body = await self._logged(request)
        if not token or self.state.tokens.get(token) != "valid":
            return _x_error(401, "Unauthorized", "Unauthorized")
        failure = self._failure("x")
        if failure == "rate_limit":
            reset = str(int(time.time()) + 900)
            return _x_error(
                429,
                "Too Many Requests",
                "Too Many Requests",
                {
                    "x-rate-limit-limit": "50",
                    "x-rate-limit-remaining": "0",
                    "x-rate-limit-reset": reset,
                },
            )
        if failure == "expired":
            return _x_error(401, "Unauthorized", "Unauthorized")
        if failure == "forbidden":
            return _x_error(
                403, "Forbidden", "You are not allowed to hide replies in this conversation."
            )
        if failure == "server":
            return _x_error(503, "Service Unavailable", "Service Unavailable")
        parts = rest.split("/")
        if (
            len(parts) == 3
            and parts[0] == "tweets"
            and parts[2] == "hidden"
            and request.method == "PUT"
        ):
            if not isinstance(body, dict) or not isinstance(body.get("hidden"), bool):
                return JSONResponse(
                    {
                        "errors": [{"message": "$.hidden: is missing but it is required"}],
                        "title": "Invalid Request",
                        "detail": "One or more parameters to your request was invalid.",
                        "type": "https://api.twitter.com/2/problems/invalid-request",
                    },
                    status_code=400,
                )
            comment = self.state.comments.get(parts[1])
            if comment is None:
                return _x_error(
                    404, "Not Found Error", f"Could not find tweet with id: [{parts[1]}]."
                )
            if comment.get("conversation_owner") is False:
                return _x_error(
                    403, "Forbidden", "You are not allowed to hide replies in this conversation."
                )
            comment["hidden"] = body["hidden"]
            return JSONResponse({"data": {"hidden": body["hidden"]}})
        if rest == "tweets" and request.method == "POST":
            reply = (body or {}).get("reply") if isinstance(body, dict) else None
            if not isinstance(body, dict) or not body.get("text"):
                return JSONResponse(
                    {
                        "title": "Invalid Request",
                        "detail": "text is required",
                        "type": "https://api.twitter.com/2/problems/invalid-request",
                    },
                    status_code=400,
                )
            new_id = str(1900000000000000000 + len(self.state.replies) + 1)
            self.state.replies.append(
                {
                    "platform": "x",
                    "to": (reply or {}).get("in_reply_to_tweet_id"),
                    "message": body["text"],
                    "id": new_id,
                }
            )
            return JSONResponse({"data": {"id": new_id, "text": body["text"]}}, status_code=201)
        if (
            len(parts) == 3
            and parts[0] == "users"
            and parts[2] == "mentions"
            and request.method == "GET"
        ):
            q = request.query_params
            posts = sorted(
                self.state.x_mentions.get(parts[1], []),
                key=lambda p: (len(p["id"]), p["id"]),
                reverse=True,
            )
            since = q.get("since_id")
            if since:
                posts = [p for p in posts if (len(p["id"]), p["id"]) > (len(since), since)]
            size = int(q.get("max_results") or 10)
            if not 5 <= size <= 100:
                return JSONResponse(
                    {
                        "errors": [
                            {
                                "parameters": {"max_results": [str(size)]},
                                "message": "The `max_results` query parameter value "
                                f"[{size}] is not between 5 and 100",
                            }
                        ],
                        "title": "Invalid Request",
                        "detail": "One or more parameters to your request was invalid.",
                        "type": "https://api.twitter.com/2/problems/invalid-request",
                    },
                    status_code=400,
                )
            start = 0
            if q.get("pagination_token"):
                start = _uncursor(q["pagination_token"])
                if start < 0:
                    return _x_error(400, "Invalid Request", "The `pagination_token` is invalid")
            matching, posts = posts, posts[start : start + size]
            if not posts:
                return JSONResponse({"meta": {"result_count": 0}})
            authors = {p.get("author_id") for p in posts}
            users = [u for uid, u in self.state.x_users.items() if uid in authors]
            meta: dict[str, Any] = {
                "result_count": len(posts),
                "newest_id": posts[0]["id"],
                "oldest_id": posts[-1]["id"],
            }
            if start + size < len(matching):
                meta["next_token"] = _cursor(start + size)
            return JSONResponse({"data": posts, "includes": {"users": users}, "meta": meta})
        return _x_error(404, "Not Found", f"no route {request.method} /2/{rest}")


def platform_server() -> Iterator[tuple[PlatformServer, str]]:
    """The local platform server, served on a thread: ``(server, its base URL)``. Test
    modules use it as their module-scoped ``server`` fixture:
    ``server = pytest.fixture(scope="module", name="server")(platform_server)``."""
    api = PlatformServer()
    with serve_in_thread(api.app) as url:
        yield api, url
