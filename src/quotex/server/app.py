"""The FastAPI application of `quotex serve`.

    uvicorn --factory quotex.server.app:create_app      # what each `quotex serve` worker runs (server/run.py)

Each worker loads the pipeline in the lifespan hook, before uvicorn lets it accept connections,
and hands it to one inference thread (`engine.Engine`). Endpoints are plain `def`s (FastAPI runs
them in its threadpool): they validate, queue documents and wait, so the event loop never waits
on spaCy. Every error, whatever raised it, is answered as one `ErrorRecord` JSON with a code from
quotex's error table with the status of `server.http_errors`; no traceback reaches a client.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from quotex.check import check_claims, split_ellipses
from quotex.errors import Err, QuotexError
from quotex.inputs import decode_text
from quotex.models import CheckResult, ErrorDetail, ErrorRecord, ExtractionResult, json_schema
from quotex.server import engine as engine_mod
from quotex.server.guard import Guard
from quotex.server.http_errors import install_error_handlers
from quotex.server.page import PAGE, PAGE_CSP
from quotex.server.schemas import BatchRequest, CheckRequest, ExtractRequest, RenderRequest
from quotex.server.settings import ServeSettings

log = logging.getLogger("quotex.server")

DEFAULT_SOURCE = "<request>"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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


def _json(payload: BaseModel | Sequence[BaseModel]) -> Response:
    if isinstance(payload, BaseModel):
        body = payload.model_dump_json()
    else:
        body = "[" + ",".join(item.model_dump_json() for item in payload) + "]"
    return Response(body, media_type="application/json")


_ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorRecord} for code in (413, 415, 422, 500, 503, 504)}


# ------------------------------------------------------------------------------------------ the app
def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """The application; without `settings` they are read from $QUOTEX_SERVE_SETTINGS (the CLI sets it)."""
    from fastapi_offline import FastAPIOffline  # Swagger UI and ReDoc served from the package, no CDN

    from quotex import __version__

    settings = settings or ServeSettings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
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
    install_error_handlers(app)

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
