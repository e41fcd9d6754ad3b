"""The ASGI middleware in front of every request of `quotex serve`: arrival time, body limit, headers."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from quotex.errors import Err, QuotexError
from quotex.server.http_errors import error_body

_SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


class Guard:
    """Pure ASGI middleware: stamps the arrival time (the deadline runs from it), enforces the body
    limit before any JSON is parsed (413 E601, from Content-Length or by counting a chunked body),
    and adds `nosniff` / `no-referrer` headers to every answer."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.limit = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        scope["quotex.arrival"] = time.monotonic()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_SECURITY_HEADERS]}
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        too_large = declared is not None and declared.isdigit() and int(declared) > self.limit
        chunks, size = [], 0
        while not too_large:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                too_large = True
                break
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        if too_large:
            source = f"{scope.get('method', '?')} {scope.get('path', '?')}"
            body = error_body(QuotexError(Err.BODY_TOO_LARGE, limit=self.limit), source)
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            # The rest of the body is not read: close the connection rather than reuse it.
            headers.append((b"connection", b"close"))
            await send_with_headers({"type": "http.response.start", "status": 413, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        replayed = False
        body = b"".join(chunks)

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)
