"""`quotex serve`: quotex as an HTTP service (FastAPI + uvicorn, the optional extra `quotex[serve]`).

Nothing in `quotex.server.settings` imports FastAPI or spaCy, so the CLI can describe and
validate its options cheaply; `quotex.server.app` builds the application.
"""

# Defaults of the limits (plain constants, so that `quotex --help` imports nothing for them).
DEFAULT_MAX_BODY_BYTES = 4_000_000
DEFAULT_MAX_CHARS = 100_000
DEFAULT_MAX_BATCH = 64
DEFAULT_MAX_CLAIMS = 100
DEFAULT_TIMEOUT = 30.0
