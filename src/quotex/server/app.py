"""The FastAPI application of `quotex serve`.

    uvicorn --factory quotex.server.app:create_app      # what each `quotex serve` worker runs (server/run.py)

Each worker loads the pipeline in the lifespan hook, before uvicorn lets it accept connections,
and hands it to one inference thread (`engine.Engine`). Endpoints are plain `def`s (FastAPI runs
them in its threadpool): they validate, queue documents and wait, so the event loop never waits
on spaCy. Every error, whatever raised it, is answered as one `ErrorRecord` JSON with a code from
quotex's error table (`quotex.errors.Err`) and the status below; no traceback reaches a client.
"""

from __future__ import annotations

import logging
import os
import re
import time
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from quotex.check import check_claims, split_ellipses
from quotex.errors import Err, QuotexError
from quotex.inputs import decode_text
from quotex.models import CheckResult, ErrorDetail, ErrorRecord, ExtractionResult, json_schema
from quotex.server import engine as engine_mod
from quotex.server.page import PAGE, PAGE_CSP
from quotex.server.schemas import BatchRequest, CheckRequest, ExtractRequest, RenderRequest
from quotex.server.settings import ServeSettings

log = logging.getLogger("quotex.server")

STATUS = {
    Err.EMPTY_TEXT: 422,
    Err.BINARY_DATA: 422,
    Err.NOT_UTF8: 422,
    Err.BODY_TOO_LARGE: 413,
    Err.TEXT_TOO_LONG: 413,
    Err.BATCH_TOO_LARGE: 413,
    Err.BAD_REQUEST: 422,
    Err.TIMED_OUT: 504,
    Err.BUSY: 503,
    Err.NOT_READY: 503,
    Err.NOT_FOUND: 404,
    Err.METHOD_NOT_ALLOWED: 405,
    Err.INTERNAL: 500,
    Err.UNSUPPORTED_MEDIA: 415,
    Err.MODEL_NOT_FOUND: 503,
    Err.MODEL_NO_PARSER: 503,
}
DEFAULT_SOURCE = "<request>"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]


def _error_body(exc: QuotexError, source: str) -> bytes:
    record = ErrorRecord(source=source, error=ErrorDetail(code=exc.code, message=exc.message))
    return record.model_dump_json().encode("utf-8")


def error_response(exc: QuotexError, request: Request) -> Response:
    status = STATUS.get(exc.err, 400)
    return Response(
        _error_body(exc, f"{request.method} {request.url.path}"), status_code=status, media_type="application/json"
    )


class Guard:
    """Pure ASGI middleware: stamps the arrival time (the deadline runs from it), enforces the body
    limit before any JSON is parsed (413 E601, from Content-Length or by counting a chunked body),
    and adds `nosniff` / `no-referrer` headers to every answer."""

    def __init__(self, app, max_body_bytes: int) -> None:
        self.app = app
        self.limit = max_body_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        scope["quotex.arrival"] = time.monotonic()

        async def send_with_headers(message):
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
            body = _error_body(QuotexError(Err.BODY_TOO_LARGE, limit=self.limit), source)
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            # The rest of the body is not read: close the connection rather than reuse it.
            headers.append((b"connection", b"close"))
            await send_with_headers({"type": "http.response.start", "status": 413, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return

        replayed = False
        body = b"".join(chunks)

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)


def _field_name(loc) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[1:]
    out = ""
    for p in parts:
        out += f"[{p}]" if p.isdigit() else (f".{p}" if out else p)
    return out or "body"


def _validation_message(exc: RequestValidationError) -> str:
    msgs = []
    for err in exc.errors()[:5]:
        if err.get("type") == "json_invalid":
            pos = (err.get("ctx") or {}).get("error", "")
            msgs.append(f"the body is not valid JSON ({pos})" if pos else "the body is not valid JSON")
        else:
            msgs.append(f"{_field_name(err.get('loc', ()))}: {err.get('msg', 'invalid')}")
    more = len(exc.errors()) - 5
    return "; ".join(msgs) + (f"; and {more} more" if more > 0 else "")


def _is_json_type(content_type: str | None) -> bool:
    if not content_type:
        return True
    main = content_type.split(";", 1)[0].strip().lower()
    return main == "application/json" or main.endswith("+json")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(QuotexError)
    async def _quotex(request: Request, exc: QuotexError):
        return error_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        content_type = request.headers.get("content-type")
        if not _is_json_type(content_type):
            return error_response(QuotexError(Err.UNSUPPORTED_MEDIA, media_type=content_type), request)
        return error_response(QuotexError(Err.BAD_REQUEST, detail=_validation_message(exc)), request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            err = QuotexError(Err.NOT_FOUND, method=request.method, path=request.url.path)
        elif exc.status_code == 405:
            err = QuotexError(Err.METHOD_NOT_ALLOWED, method=request.method, path=request.url.path)
        else:
            err = QuotexError(Err.BAD_REQUEST, detail=str(exc.detail))
            return Response(
                _error_body(err, f"{request.method} {request.url.path}"),
                status_code=exc.status_code,
                media_type="application/json",
            )
        response = error_response(err, request)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        # The traceback goes to the server log only (Starlette logs it after this answer).
        return error_response(QuotexError(Err.INTERNAL, detail=type(exc).__name__), request)


# ------------------------------------------------------------------------------------------ helpers
def _settings(request: Request) -> ServeSettings:
    return request.app.state.settings


def _engine(request: Request) -> engine_mod.Engine:
    engine = getattr(request.app.state, "engine", None)
    if engine is None:
        raise QuotexError(Err.NOT_READY)
    return engine


def _deadline(request: Request) -> float:
    arrival = request.scope.get("quotex.arrival", time.monotonic())
    return arrival + _settings(request).timeout


def _checked(text: str, field: str, source: str, settings: ServeSettings) -> str:
    """The limits first (413 E602), then quotex's own input checks (E103 empty, E104 binary, E105 a
    lone surrogate, which is no UTF-8 text), on exactly the string that offsets will index."""
    if len(text) > settings.max_chars:
        raise QuotexError(Err.TEXT_TOO_LONG, field=field, size=len(text), limit=settings.max_chars)
    # JSON can carry a lone surrogate (\\ud800): not text, and not encodable in the answer.
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate:
        detail = f"lone surrogate U+{ord(surrogate.group()):04X} at character {surrogate.start()} of {field}"
        raise QuotexError(Err.NOT_UTF8, path=source, detail=detail)
    return decode_text(text.encode("utf-8", "surrogatepass"), source)


def _extract(request: Request, items: list[tuple[str, str]]) -> list[ExtractionResult]:
    settings = _settings(request)
    engine = _engine(request)
    timeout_at = _deadline(request)
    if time.monotonic() >= timeout_at:  # waited for a thread past its deadline: do no work
        raise QuotexError(Err.TIMED_OUT, limit=settings.timeout, detail="the request waited too long to start")
    try:
        futures = engine.submit(items)
    except engine_mod.QueueFull as exc:
        raise QuotexError(Err.BUSY, detail=str(exc)) from None
    try:
        return engine_mod.results(futures, timeout_at)
    except TimeoutError:
        raise QuotexError(
            Err.TIMED_OUT,
            limit=settings.timeout,
            detail="queued documents were dropped; one already being parsed is finished and discarded",
        ) from None


def _json(payload) -> Response:
    if isinstance(payload, list):
        body = "[" + ",".join(item.model_dump_json() for item in payload) + "]"
    else:
        body = payload.model_dump_json()
    return Response(body, media_type="application/json")


_ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorRecord} for code in (413, 415, 422, 500, 503, 504)}


# ------------------------------------------------------------------------------------------ the app
def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """The application; without `settings` they are read from $QUOTEX_SERVE_SETTINGS (the CLI sets it)."""
    from fastapi_offline import FastAPIOffline  # Swagger UI and ReDoc served from the package, no CDN

    from quotex import __version__

    settings = settings or ServeSettings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Runs before uvicorn accepts connections for this worker: the model is ready first.
        from quotex.pipeline.loader import load_pipeline, model_label

        nlp = load_pipeline(settings.model, learned=settings.learned, model_dir=settings.model_dir)
        nlp("Warm-up, she said.")  # first call allocates; not on a client's clock
        app.state.engine = engine_mod.Engine(nlp, model_label(nlp), settings.pipe_batch, settings.max_queue)
        log.info("quotex serve: model %s loaded", app.state.engine.label)
        try:
            yield
        finally:
            app.state.engine.close()
            app.state.engine = None

    app = FastAPIOffline(
        title="quotex",
        version=__version__,
        description="Quotations and who said them, over HTTP. The JSON of `/extract` is `quotex extract`'s "
        "(see `/schema`); every error is an `ErrorRecord` with a code from quotex's error table.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = None
    app.add_middleware(Guard, max_body_bytes=settings.max_body_bytes)
    _install_error_handlers(app)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> HTMLResponse:
        return HTMLResponse(PAGE, headers={"Content-Security-Policy": PAGE_CSP})

    @app.get("/healthz", summary="The process is alive")
    def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/readyz", summary="The model is loaded (503 E607 until then)", responses={503: {"model": ErrorRecord}})
    def readyz(request: Request) -> dict:
        engine = _engine(request)
        return {"status": "ready", "model": engine.label, "worker": os.getpid()}

    @app.get("/schema", summary="JSON Schema of one extraction result (as `quotex schema`)")
    def schema() -> dict:
        return json_schema()

    @app.post("/extract", response_model=ExtractionResult, responses=_ERRORS, summary="One article → quotations")
    def extract(body: ExtractRequest, request: Request) -> Response:
        source = body.source or DEFAULT_SOURCE
        text = _checked(body.text, "text", source, settings)
        return _json(_extract(request, [(text, source)])[0])

    @app.post(
        "/extract/batch",
        response_model=list[ExtractionResult | ErrorRecord],
        responses=_ERRORS,
        summary="Several articles → results in order; a failed one is an error record in its place",
    )
    def extract_batch(body: BatchRequest, request: Request) -> Response:
        docs = body.documents
        if len(docs) > settings.max_batch:
            raise QuotexError(
                Err.BATCH_TOO_LARGE, field="documents", size=len(docs), limit=settings.max_batch, setting="max_batch"
            )
        slots: list[ExtractionResult | ErrorRecord | None] = []
        good: list[tuple[str, str]] = []
        for i, doc in enumerate(docs):
            source = doc.source or f"documents[{i}]"
            if len(doc.text) > settings.max_chars:  # a limit refuses the request, not one record
                raise QuotexError(
                    Err.TEXT_TOO_LONG, field=f"documents[{i}].text", size=len(doc.text), limit=settings.max_chars
                )
            try:
                good.append((_checked(doc.text, f"documents[{i}].text", source, settings), source))
                slots.append(None)
            except QuotexError as exc:
                slots.append(ErrorRecord(source=source, error=ErrorDetail(code=exc.code, message=exc.message)))
        results = iter(_extract(request, good) if good else [])
        return _json([slot if slot is not None else next(results) for slot in slots])

    @app.post(
        "/check",
        response_model=list[CheckResult],
        responses=_ERRORS,
        summary="Article + claimed quotes → a verdict per claim (as `quotex check`)",
    )
    def check(body: CheckRequest, request: Request) -> Response:
        if len(body.claims) > settings.max_claims:
            raise QuotexError(
                Err.BATCH_TOO_LARGE,
                field="claims",
                size=len(body.claims),
                limit=settings.max_claims,
                setting="max_claims",
            )
        for i, claim in enumerate(body.claims):
            if len(claim.quote) > settings.max_chars:
                raise QuotexError(
                    Err.TEXT_TOO_LONG, field=f"claims[{i}].quote", size=len(claim.quote), limit=settings.max_chars
                )
            if not split_ellipses(claim.quote):
                raise QuotexError(Err.BAD_REQUEST, detail=f"claims[{i}].quote: has no words")
        source = body.source or DEFAULT_SOURCE
        text = _checked(body.text, "text", source, settings)
        result = _extract(request, [(text, source)])[0]
        return _json(check_claims(result, text, list(body.claims), threshold=body.threshold))

    @app.post(
        "/render",
        response_class=HTMLResponse,
        responses=_ERRORS,
        summary="Article → the self-contained HTML page of `quotex render`",
    )
    def render(body: RenderRequest, request: Request) -> HTMLResponse:
        from quotex.render_html import render_html

        source = body.source or DEFAULT_SOURCE
        text = _checked(body.text, "text", source, settings)
        result = _extract(request, [(text, source)])[0]
        return HTMLResponse(render_html(result, text, title=body.title))

    return app
