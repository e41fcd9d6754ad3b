"""Shared pytest fixtures. Add new fixtures below; keep each one small."""

from __future__ import annotations

import pytest


@pytest.fixture
def cli():
    """Run the quotex CLI in-process (the spaCy pipeline is loaded once per test session).

    Returns a function `(args, input=None) -> click.testing.Result`; `result.stdout` and
    `result.stderr` are kept apart, so tests can check that stdout carries only data.
    """
    from typer.testing import CliRunner

    from quotex.cli import app

    runner = CliRunner()

    def invoke(args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def run():
    """The extractor; the first call loads (and caches) the spaCy pipeline once."""
    from quotex.api import extract

    extract("Warm-up.")
    return extract


@pytest.fixture(scope="session")
def quotex_server():
    """A real `quotex serve` (2 workers, max 20,000 characters) on a free 127.0.0.1 port, for the session.

    Shared by the HTTP and browser tests of the service: starting one costs a model load per worker."""
    pytest.importorskip("fastapi", reason="quotex[serve] is not installed")
    from live_server import running_server

    with running_server("--workers", "2", "--max-chars", "20000", "--timeout", "60") as url:
        yield url


@pytest.fixture(autouse=True)
def default_attribution_model():
    """Every test starts with the shipped default (rules + learned model): a CLI call with
    `--rules-only` sets the choice for the whole process, and must not leak into later tests."""
    from quotex.pipeline.loader import use_attribution_model

    use_attribution_model()
    yield
    use_attribution_model()
