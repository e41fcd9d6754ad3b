"""`quotex actors` and the corpus side of `quotex positions`: views over stored extraction output.

Which input `quotex positions` reads (docs/corpus-views.md):
* with `--entity` (and optionally `--about`), every PATH is extraction output (JSON Lines of
  `quotex extract` documents, shard folders, `-` for such lines on stdin): the actor's
  positions across documents, nothing re-parsed;
* without it, a PATH that *is* extraction output (a `.json`/`.jsonl`/`.ndjson` file whose first
  record has `schema_version`, or a folder of such files) gives the stored per-document
  positions, again without re-parsing; any other PATH is article text, parsed as before.
  Mixing the two in one run is E803.

Nothing here imports spaCy; the aggregation itself is in `quotex.aggregate` (pure functions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from quotex.commands.failure import fail as _fail
from quotex.commands.options import PLAIN, OutputOpt, format_option
from quotex.formats import Format

if TYPE_CHECKING:
    from pydantic import BaseModel

    from quotex.aggregate.read import ReadLog

EntityOpt = Annotated[
    str | None,
    typer.Option(
        "--entity",
        "-e",
        help="Aggregate this actor's positions across documents of extraction output "
        "(surname, full name or title + name).",
        show_default=False,
    ),
]
AboutOpt = Annotated[
    str | None,
    typer.Option(
        "--about", "-a", help="With --entity: only positions whose content mentions this actor.", show_default=False
    ),
]
DateFieldOpt = Annotated[
    str,
    typer.Option("--date-field", help="With --entity: the meta field that holds a document's date (ISO 8601)."),
]


def reads_output(paths: list[str], entity: str | None, about: str | None, date_field: str) -> bool:
    """Whether `quotex positions` reads extraction output (True) or article text (False)."""
    from quotex.aggregate import read
    from quotex.errors import Err, QuotexError

    try:
        if entity is None and (about is not None or date_field != "date"):
            raise QuotexError(Err.BAD_QUERY, detail="--about and --date-field go with --entity")
        if entity is not None:
            return True
        kinds = {arg: kind for arg in paths if (kind := read.classify(arg)) != "skip"}
        if not kinds:  # only a manifest: read as output, which reports that nothing is in it
            return True
        mixed = [a for a, k in kinds.items() if k == "mixed"]
        if mixed:
            raise QuotexError(Err.MIXED_INPUTS, detail=f"{mixed[0]} holds both text files and .json/.jsonl files")
        if len(set(kinds.values())) > 1:
            out = next(a for a, k in kinds.items() if k == "output")
            text = next(a for a, k in kinds.items() if k == "text")
            raise QuotexError(Err.MIXED_INPUTS, detail=f"{out} is extraction output, {text} is article text")
        return next(iter(kinds.values())) == "output"
    except QuotexError as exc:
        raise _fail(exc) from None


def _note_skipped(log: ReadLog) -> None:
    if log.skipped_files:
        shown = ", ".join(log.skipped_files[:3]) + (" …" if len(log.skipped_files) > 3 else "")
        typer.echo(
            f"quotex: note: skipped {len(log.skipped_files)} file(s) that are not extraction output: {shown}", err=True
        )
    if log.failed:
        typer.echo(
            f"quotex: note: {log.failed} of {log.documents} documents are error records (extraction failed); "
            "they hold no positions",
            err=True,
        )


def _emit(write: Callable[[TextIO], None], output: Path | None) -> None:
    """Open the destination only once the data is ready (an error never truncates a file)."""
    from quotex.commands.output import Sink, silence_stdout

    sink = Sink(output)
    try:
        write(sink.stream)
        sink.stream.flush()
        sink.commit()
    except BrokenPipeError:  # `quotex actors … | head`: stop quietly, with extract's exit code
        from quotex.errors import EXIT_PIPE

        silence_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    finally:
        sink.discard()


def _dump(model: BaseModel) -> str:
    import json

    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def _pretty(model: BaseModel) -> str:
    import json

    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _print_tables(out: TextIO, parts: Iterable[Any]) -> None:
    from quotex.views import _console

    console = _console(out)
    for part in parts:
        console.print(part)


def corpus_positions(
    paths: list[str], entity: str, about: str | None, date_field: str, fmt: Format | None, output: Path | None
) -> None:
    """`quotex positions --entity NAME [--about NAME] SHARDS_OR_JSONL`."""
    from quotex.aggregate.actors import corpus_positions as build
    from quotex.aggregate.read import ReadLog, read_documents
    from quotex.errors import QuotexError

    log = ReadLog()
    try:
        report = build(read_documents(paths, log=log, date_field=date_field), entity, about)
    except QuotexError as exc:
        raise _fail(exc) from None
    _note_skipped(log)
    if len(report.actors) > 1:
        names = "; ".join(f"{b.actor.name} ({b.actor.id})" for b in report.actors)
        typer.echo(f"quotex: note: '{entity}' matches {len(report.actors)} actors: {names}", err=True)
    rows = [p for block in report.actors for p in block.positions]
    _emit_report(report, fmt or Format.json, output, rows, "positions_renderables")


def stored_positions(paths: list[str], fmt: Format | None, output: Path | None) -> None:
    """`quotex positions SHARDS` without --entity: each document's stored positions, not re-parsed."""
    from quotex import views
    from quotex.aggregate.read import ReadLog, read_documents
    from quotex.commands.output import DocumentWriter
    from quotex.errors import QuotexError
    from quotex.models import ErrorRecord

    log = ReadLog()
    try:
        docs = list(read_documents(paths, log=log))
    except QuotexError as exc:
        raise _fail(exc) from None
    _note_skipped(log)
    batch = len(docs) > 1
    fmt = fmt or (Format.jsonl if batch else Format.json)

    def write(out: TextIO) -> None:
        writer = DocumentWriter(fmt, out, views.positions_view, views.positions_doc, array=batch)
        writer.start()
        for d in docs:
            if d.result is None:
                assert d.error is not None  # a stored document is a result or an error record
                writer.write(ErrorRecord(source=d.source, error=d.error))
            else:
                writer.write(d.result)
        writer.finish()

    _emit(write, output)


def actors(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Extraction output: .jsonl/.json files of `quotex extract`, shard folders, or - for stdin.",
            show_default=False,
        ),
    ],
    format: Annotated[Format | None, format_option(PLAIN, "json (default), jsonl (one actor a line) or table.")] = None,
    top: Annotated[int, typer.Option("--top", "-n", min=0, help="Show the N most quoted actors (0: all).")] = 0,
    per_actor: Annotated[int, typer.Option("--cues", min=1, help="Cues and targets listed per actor.")] = 5,
    min_quotations: Annotated[
        int, typer.Option("--min-quotations", min=1, help="Leave out actors quoted fewer times.")
    ] = 1,
    output: OutputOpt = None,
) -> None:
    """Who is quoted how often across documents of extraction output, with their cues and targets."""
    from quotex.aggregate.actors import corpus_actors
    from quotex.aggregate.read import ReadLog, read_documents
    from quotex.errors import QuotexError

    log = ReadLog()
    try:
        report = corpus_actors(
            read_documents(paths, log=log), top=top or None, per_actor=per_actor, min_quotations=min_quotations
        )
    except QuotexError as exc:
        raise _fail(exc) from None
    _note_skipped(log)
    _emit_report(report, format or Format.json, output, report.actors, "actors_renderables")


def _emit_report(
    report: BaseModel, fmt: Format, output: Path | None, jsonl_rows: Iterable[BaseModel], tables: str
) -> None:
    """One report as pretty JSON, as JSON Lines of `jsonl_rows`, or as the named Rich tables."""

    def write(out: TextIO) -> None:
        if fmt is Format.json:
            out.write(_pretty(report))
        elif fmt is Format.jsonl:
            for row in jsonl_rows:
                out.write(_dump(row) + "\n")
        else:
            from quotex.aggregate import tables as views

            _print_tables(out, getattr(views, tables)(report))

    _emit(write, output)
