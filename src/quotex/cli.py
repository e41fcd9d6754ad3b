"""Thin Typer CLI over quotex's pure functions. Nothing here imports spaCy at start-up."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Quotation and attribution extraction for news.")


@app.command()
def schema() -> None:
    """Print the JSON Schema of one `quotex extract` document."""
    import json

    from quotex.models import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command()
def extract(paths: list[str], model: str | None = None) -> None:
    """Extract quotations (placeholder: the CLI issue replaces this)."""
    import sys

    from quotex.api import extract as run

    for p in paths:
        text = sys.stdin.read() if p == "-" else open(p, encoding="utf-8").read()
        typer.echo(run(text, source=p, model=model).model_dump_json(indent=2))


def main() -> None:
    app()
