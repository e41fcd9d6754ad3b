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


# Commands that live in their own modules (quotex/commands/); registered here, nothing else.
from quotex.commands import check as _check  # noqa: E402
from quotex.commands import evaluate as _evaluate  # noqa: E402
from quotex.commands import render as _render  # noqa: E402

app.command("evaluate")(_evaluate.evaluate)
app.command("check")(_check.check)
app.command("render")(_render.render)


def main() -> None:
    app()
