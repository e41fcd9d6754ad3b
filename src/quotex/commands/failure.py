"""The one way every command reports an error: one stderr line, `quotex: error CODE: message`,
and the error's documented exit code. No spaCy, no Rich: safe at start-up."""

from __future__ import annotations

import typer

from quotex.errors import QuotexError


def report(exc: QuotexError) -> None:
    typer.echo(f"quotex: error {exc.code}: {exc.message}", err=True)


def fail(exc: QuotexError) -> typer.Exit:
    """Report `exc`; returns the Exit to raise (`raise fail(exc) from None`)."""
    report(exc)
    return typer.Exit(exc.exit_code)
