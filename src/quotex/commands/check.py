"""`quotex check` (to be written)."""

import typer


def check() -> None:
    """Not yet implemented."""
    raise typer.Exit(2)
