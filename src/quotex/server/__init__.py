"""`quotex serve`: quotex as an HTTP service (FastAPI + uvicorn, the optional extra `quotex[serve]`).

Nothing in `quotex.server.settings` imports FastAPI or spaCy, so the CLI can describe and
validate its options cheaply; `quotex.server.app` builds the application.
"""
