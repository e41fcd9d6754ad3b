"""What one `quotex serve` process is configured with; passed to uvicorn's workers as JSON in an
environment variable, because `--workers N` starts the application anew in each worker process.

No FastAPI or spaCy import here.
"""

from __future__ import annotations

import json
import os

from pydantic import BaseModel, ConfigDict, Field

from quotex.server import (
    DEFAULT_MAX_BATCH,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_CLAIMS,
    DEFAULT_TIMEOUT,
)

ENV_VAR = "QUOTEX_SERVE_SETTINGS"


class ServeSettings(BaseModel):
    """The limits and the model of one server (every worker gets the same)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    model: str | None = None
    """spaCy pipeline to load (default: quotex's default model)."""
    learned: bool = True
    """Whether the learned attribution model runs (`--rules-only`: False)."""
    model_dir: str | None = None
    """A learned attribution model trained by `quotex train` instead of the shipped one (`--model-dir`)."""
    max_body_bytes: int = Field(default=DEFAULT_MAX_BODY_BYTES, ge=1)
    """Largest request body accepted, in bytes (413 E601 over it)."""
    max_chars: int = Field(default=DEFAULT_MAX_CHARS, ge=1)
    """Largest text (article or claimed quote) accepted, in characters (413 E602 over it)."""
    max_batch: int = Field(default=DEFAULT_MAX_BATCH, ge=1)
    """Most documents in one `POST /extract/batch` (413 E603 over it)."""
    max_claims: int = Field(default=DEFAULT_MAX_CLAIMS, ge=1)
    """Most claims in one `POST /check` (413 E603 over it)."""
    timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0)
    """Seconds from a request's arrival to its answer; after them: 504 E605 (see docs/serve.md)."""
    pipe_batch: int = Field(default=16, ge=1)
    """Most queued documents the worker's inference thread parses together in one `nlp.pipe` call."""
    max_queue: int = Field(default=256, ge=1)
    """Most documents waiting for the inference thread; past it, new requests get 503 E606."""

    def to_env(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_env(cls) -> ServeSettings:
        raw = os.environ.get(ENV_VAR)
        return cls.model_validate(json.loads(raw)) if raw else cls()
