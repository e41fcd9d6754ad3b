"""The options every command that parses text shares, declared once: same names, help and type.

No spaCy (or pydantic) import here, and no `from __future__ import annotations`: Typer reads the
annotations at run time, and `quotex --help` must stay instant.
"""

from pathlib import Path
from typing import Annotated, Any

import typer

from quotex.formats import Format
from quotex.pipeline.loader import DEFAULT_MODELS  # no spaCy import: the loader imports it lazily


def format_option(allowed: tuple[Format, ...], help: str, show_default: bool = False) -> Any:
    """`--format/-f` limited to the formats a command can write (one `Format` type for all)."""

    def parse(value: str | Format) -> Format:
        if isinstance(value, Format):
            return value
        if value not in {f.value for f in allowed}:
            raise typer.BadParameter(f"{value!r} is not one of " + ", ".join(repr(f.value) for f in allowed))
        return Format(value)

    metavar = "<" + "|".join(f.value for f in allowed) + ">"
    return typer.Option("--format", "-f", parser=parse, metavar=metavar, help=help, show_default=show_default)


PLAIN = (Format.json, Format.jsonl, Format.table)
PER_DOCUMENT_HELP = (
    "json (default for one document; a JSON array for several), jsonl (default for several), or table (for people)."
)

Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Files, directories (searched for *.txt, *.md, *.text), globs, or - for stdin.",
        show_default=False,
    ),
]
RecordPaths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Files (.jsonl, .csv, .html, .warc read as records, one document each), directories (searched "
        "for *.txt, *.md, *.text), globs, or - for stdin.",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format | None, format_option(PLAIN, PER_DOCUMENT_HELP)]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help=f"Installed spaCy pipeline to use (default: {DEFAULT_MODELS[0]}, else {DEFAULT_MODELS[1]}).",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    # A directory is refused by `commands.output.Sink` (E401), as every other unwritable path.
    typer.Option("--output", "-o", help="Write to FILE instead of stdout.", show_default=False),
]
ProcessesOpt = Annotated[
    int, typer.Option("--processes", "-p", min=1, help="Worker processes (at most the cores available).")
]
MaxCharsOpt = Annotated[
    int,
    typer.Option(
        "--max-chars",
        min=1,
        help="Longest document accepted, in characters; a longer one gets an E107 error record.",
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Print the traceback of an internal error (E9xx) on stderr.")]
RulesOnlyOpt = Annotated[
    bool,
    typer.Option("--rules-only", help="Leave out the learned attribution model: the hand-written rules alone."),
]
ModelDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--model-dir",
        help="Use the attribution model trained by `quotex train -o DIR` instead of the shipped one.",
        show_default=False,
    ),
]
ArticleArg = Annotated[str, typer.Argument(help="The article: a UTF-8 text file, or - for stdin.")]
