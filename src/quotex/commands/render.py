"""`quotex render` (to be written)."""

import typer


def render() -> None:
    """Not yet implemented."""
    raise typer.Exit(2)
