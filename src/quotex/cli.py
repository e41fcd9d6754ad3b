"""Thin Typer CLI: the app and its commands, one line each. Nothing here imports spaCy at start-up.

Each command lives in `quotex.commands.<name>`; the options they share are declared once in
`quotex.commands.options`, and every error is printed by `quotex.commands.failure`.
"""

from typing import Annotated

import typer

from quotex.commands import actors, check, evaluate, extract, positions, render, schema, serve, train

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Quotation and attribution extraction for news.")


def _version(value: bool) -> None:
    if value:
        from quotex import __version__

        typer.echo(f"quotex {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    pass


app.command("extract")(extract.extract)
app.command("positions")(positions.positions)
app.command("schema")(schema.schema)
app.command("evaluate")(evaluate.evaluate)
app.command("check")(check.check)
app.command("render")(render.render)
app.command("actors")(actors.actors)
app.command("serve")(serve.serve)
app.command("train")(train.train)


def main() -> None:
    app()
