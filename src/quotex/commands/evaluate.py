"""`quotex evaluate` (to be written)."""

import typer


def evaluate() -> None:
    """Not yet implemented."""
    raise typer.Exit(2)
