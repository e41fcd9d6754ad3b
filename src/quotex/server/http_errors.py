"""Every error of `quotex serve` as an HTTP answer: one `ErrorRecord` JSON with a code from quotex's
error table (`quotex.errors.Err`) and the status below; no traceback reaches a client."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from quotex.errors import Err, QuotexError
from quotex.models import ErrorDetail, ErrorRecord

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


def error_body(exc: QuotexError, source: str) -> bytes:
    record = ErrorRecord(source=source, error=ErrorDetail(code=exc.code, message=exc.message))
    return record.model_dump_json().encode("utf-8")


def error_response(exc: QuotexError, request: Request) -> Response:
    status = STATUS.get(exc.err, 400)
    return Response(
        error_body(exc, f"{request.method} {request.url.path}"), status_code=status, media_type="application/json"
    )


def _field_name(loc: Sequence[str | int]) -> str:
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


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(QuotexError)
    async def _quotex(request: Request, exc: QuotexError) -> Response:
        return error_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        content_type = request.headers.get("content-type")
        if not _is_json_type(content_type):
            return error_response(QuotexError(Err.UNSUPPORTED_MEDIA, media_type=content_type), request)
        return error_response(QuotexError(Err.BAD_REQUEST, detail=_validation_message(exc)), request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            err = QuotexError(Err.NOT_FOUND, method=request.method, path=request.url.path)
        elif exc.status_code == 405:
            err = QuotexError(Err.METHOD_NOT_ALLOWED, method=request.method, path=request.url.path)
        else:
            err = QuotexError(Err.BAD_REQUEST, detail=str(exc.detail))
            return Response(
                error_body(err, f"{request.method} {request.url.path}"),
                status_code=exc.status_code,
                media_type="application/json",
            )
        response = error_response(err, request)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        # The traceback goes to the server log only (Starlette logs it after this answer).
        return error_response(QuotexError(Err.INTERNAL, detail=type(exc).__name__), request)
