"""`quotex schema`: the JSON Schema of one output document of `extract` or `positions`.

No `from __future__ import annotations` here: Typer reads the annotations at run time.
"""

from enum import Enum
from typing import Annotated

import typer


class SchemaOf(str, Enum):
    extract = "extract"
    positions = "positions"


def schema(
    command: Annotated[
        SchemaOf, typer.Argument(help="Whose output: extract (default) or positions.")
    ] = SchemaOf.extract,
) -> None:
    """Print the JSON Schema of one document of `quotex extract` (or `positions`): a result or an error record."""
    import json

    from quotex.models import json_schema

    typer.echo(json.dumps(json_schema(command.value), indent=2))
