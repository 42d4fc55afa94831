"""The ASGI layer every request passes: security headers and the request body limit.

Every response gets a Content-Security-Policy that allows scripts and styles only from the
app's own static files (no ``unsafe-inline``, no ``unsafe-eval``) and no framing,
``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` (an intake token in a
URL never leaks to another site) and, except for the static files, ``Cache-Control:
no-store``.  A request body larger than the limit is answered 413 before it is read: from
its ``Content-Length``, or, when it comes without one, as soon as it passes the limit.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["BODY_LIMIT", "CSP", "PHOTO_LIMIT", "Guard"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The largest request body accepted, in bytes (2 MB).
BODY_LIMIT = 2 * 1024 * 1024
#: The largest upload of a photo or scan of a paper chart (15 MB), on paths ending ``/scan``.
PHOTO_LIMIT = 15 * 1024 * 1024

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Guard:
    """ASGI middleware adding the security headers and enforcing the body limit."""

    def __init__(
        self, app: ASGIApp, body_limit: int = BODY_LIMIT, photo_limit: int = PHOTO_LIMIT
    ) -> None:
        self.app = app
        self.body_limit = body_limit
        self.photo_limit = photo_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one connection: headers on every answer, the body limit on requests."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.photo_limit if scope["path"].endswith("/scan") else self.body_limit
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {h for h, _ in _HEADERS}
                ]
                headers.extend(_HEADERS)
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = -1
                if length < 0 or length > limit:
                    await self._too_large(send_with_headers, limit)
                    return

        if not any(key == b"content-length" for key, _ in scope.get("headers", [])):
            # A body without a length (chunked): read it up to the limit first, then replay.
            chunks: list[bytes] = []
            seen = 0
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunks.append(message.get("body", b""))
                seen += len(chunks[-1])
                if seen > limit:
                    await self._too_large(send_with_headers, limit)
                    return
                more = bool(message.get("more_body", False))
            body = b"".join(chunks)
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    async def _too_large(self, send: Send, limit: int) -> None:
        body = json.dumps({"error": f"the request body is larger than {limit:,} bytes"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
