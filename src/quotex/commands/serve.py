"""`quotex serve`: the HTTP service and the page at `/` (needs the extra `quotex[serve]`).

No `from __future__ import annotations` here: Typer reads the annotations at run time.
Nothing here imports FastAPI, uvicorn or spaCy at module import time (`quotex serve --help`).
"""

from typing import Annotated, Any

import typer

from quotex import server as _D  # the default limits, as plain constants (no pydantic at --help)
from quotex.commands import model_options
from quotex.commands.options import ModelDirOpt, ModelOpt, RulesOnlyOpt


def _limit(help: str, minimum: float = 1) -> Any:
    """A server limit: a positive number; over it, the answer's status and code are in `help`."""
    return typer.Option(min=minimum, help=help)


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (keep 127.0.0.1 unless a proxy is in front).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, _limit("Worker processes, each with its own copy of the model.")] = 1,
    model: ModelOpt = None,
    rules_only: RulesOnlyOpt = False,
    model_dir: ModelDirOpt = None,
    max_body_bytes: Annotated[int, _limit("Largest request body, bytes (413 E601).")] = _D.DEFAULT_MAX_BODY_BYTES,
    max_chars: Annotated[int, _limit("Largest article or quote, characters (413 E602).")] = _D.DEFAULT_MAX_CHARS,
    max_batch: Annotated[int, _limit("Most documents in one /extract/batch (413 E603).")] = _D.DEFAULT_MAX_BATCH,
    max_claims: Annotated[int, _limit("Most claims in one /check (413 E603).")] = _D.DEFAULT_MAX_CLAIMS,
    timeout: Annotated[
        float, _limit("Seconds from arrival to answer; then 504 E605.", minimum=0.001)
    ] = _D.DEFAULT_TIMEOUT,
    log_level: Annotated[str, typer.Option(help="uvicorn's log level.")] = "info",
) -> None:
    """Serve quotex over HTTP: /extract, /extract/batch, /check, /render, /healthz, /readyz, /schema, /docs, and a page at /."""
    import importlib.util
    import os
    import socket

    from quotex.commands.failure import fail
    from quotex.errors import Err, QuotexError
    from quotex.server.settings import ServeSettings

    model_options.apply(rules_only, model_dir)
    try:
        for module in ("fastapi", "uvicorn", "fastapi_offline"):
            if importlib.util.find_spec(module) is None:
                raise QuotexError(Err.CANNOT_SERVE, detail=f"{module} is not installed; pip install 'quotex[serve]'")
        settings = ServeSettings(
            model=model,
            learned=not rules_only,
            model_dir=None if model_dir is None else str(model_dir),
            max_body_bytes=max_body_bytes,
            max_chars=max_chars,
            max_batch=max_batch,
            max_claims=max_claims,
            timeout=timeout,
        )
        if workers == 1:
            # In this process: a model error is the CLI's E201/E202 (exit 4) before anything listens.
            from quotex.pipeline.loader import load_pipeline

            load_pipeline(model)
        elif model and importlib.util.find_spec(model) is None and not os.path.isdir(model):
            raise QuotexError(Err.MODEL_NOT_FOUND, name=model, detail="no such package or directory")
        try:  # a clear one-line error for a busy port, before workers start
            with socket.create_server((host, port)):
                pass
        except OSError as exc:
            raise QuotexError(
                Err.CANNOT_SERVE, detail=f"cannot listen on {host}:{port}: {exc.strerror or exc}"
            ) from None
    except QuotexError as exc:
        raise fail(exc) from None

    from quotex.server import run

    typer.echo(f"quotex serve: http://{host}:{port}/ ({workers} worker(s); API docs at /docs)", err=True)
    if workers == 1:
        run.serve_here(host, port, settings, log_level)
    else:
        raise typer.Exit(run.serve_workers(host, port, workers, settings, log_level))
