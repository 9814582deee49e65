"""The desk's guards, as plain ASGI middleware: security headers, a request body limit and the token.

The body limit answers 413 from the Content-Length header before reading anything, and stops a body
sent without one (chunked) as soon as it passes the limit. The token, when set, is checked on every
request but the login form and the stylesheet, as ``Authorization: Bearer`` or the cookie that the login
form sets, always with ``secrets.compare_digest``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import MutableMapping, Sequence
from typing import Any
from urllib.parse import quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "parallax_session"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # not no-referrer: browsers would then send "Origin: null"
    (b"cross-origin-opener-policy", b"same-origin"),
]
OPEN_PATHS = ("/login", "/static/style.css")


async def _send_json(
    send: Send, status: int, message: str, headers: Sequence[tuple[bytes, bytes]] = ()
) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds CSP, nosniff and framing headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *(h for h in HEADERS if h[0] not in present),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _send_json(send, 413, f"request body over the limit of {self.limit} bytes")
            return
        state = {"seen": 0, "started": False, "refused": False}

        async def counted() -> Message:
            message = await receive()
            state["seen"] += len(message.get("body", b""))
            if state["seen"] > self.limit and not state["refused"]:
                # Answer now and tell the app the client left: it stops reading, and whatever it
                # answers after this is dropped.
                state["refused"] = True
                if not state["started"]:
                    await _send_json(send, 413, f"request body over the limit of {self.limit} bytes")
                return {"type": "http.disconnect"}
            return message

        async def tracked(message: Message) -> None:
            if state["refused"]:
                return
            state["started"] = state["started"] or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counted, tracked)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def session_value(token: str) -> str:
    """What the login cookie holds: derived from the token, so the token itself is never in a cookie."""
    return hmac.new(token.encode(), b"parallax-desk-session", hashlib.sha256).hexdigest()


def _cookies(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in (_header(scope, b"cookie") or "").split(";"):
        name, _, value = part.strip().partition("=")
        out.setdefault(name, value)
    return out


def authorised(scope: Scope, token: str) -> bool:
    bearer = _header(scope, b"authorization") or ""
    if bearer[:7].lower() == "bearer " and secrets.compare_digest(
        bearer[7:].strip().encode(), token.encode()
    ):
        return True
    cookie = _cookies(scope).get(COOKIE, "")
    return secrets.compare_digest(cookie.encode(), session_value(token).encode())


class TokenGate:
    """With a token set, lets through only requests that carry it (API: 401; pages: to the login form)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.token or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        if authorised(scope, self.token):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/api/") or path == "/openapi.json":
            await _send_json(send, 401, "missing or wrong token", [(b"www-authenticate", b"Bearer")])
            return
        target = quote(
            path + ("?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else "")
        )
        headers = [(b"location", f"/login?next={target}".encode()), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


class SameOrigin:
    """Refuses state-changing requests whose Origin is another site (a cross-site form post)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = _header(scope, b"origin") if scope["type"] == "http" else None
        if origin and scope["method"] not in ("GET", "HEAD", "OPTIONS") and not _same(origin, scope):
            await _send_json(send, 403, "cross-origin request refused")
            return
        await self.app(scope, receive, send)


def _same(origin: str, scope: MutableMapping[str, Any]) -> bool:
    host = _header(scope, b"host") or ""
    return origin.split("://", 1)[-1].rstrip("/") == host
