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
