"""Thin Typer CLI over quotex's pure functions. Nothing here imports spaCy at start-up.

Reading and validating inputs lives in `quotex.inputs`, output in `quotex.views`; this
module only wires options to them and maps `QuotexError` to one stderr line + exit code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from quotex.errors import EXIT_PARTIAL, Err, QuotexError
from quotex.pipeline.loader import DEFAULT_MODELS  # no spaCy import: the loader imports it lazily
from quotex.formats import Format
from quotex.commands import actors as _corpus  # options of `positions --entity`; imports nothing heavy
from quotex.commands import model_options

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


def _die(exc: QuotexError) -> NoReturn:
    """The one way a command fails on bad input: one line on stderr, a documented exit code."""
    typer.echo(f"quotex: error {exc.code}: {exc.message}", err=True)
    raise typer.Exit(exc.exit_code)


Paths = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH",
        help="Files, directories (searched for *.txt, *.md, *.text), globs, or - for stdin.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="json (default for one document; a JSON array for several), jsonl (default for several), "
        "or table (for people).",
        show_default=False,
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help=f"Installed spaCy pipeline to use (default: {DEFAULT_MODELS[0]}, else {DEFAULT_MODELS[1]}).",
        show_default=False,
    ),
]
ProcessesOpt = Annotated[int, typer.Option("--processes", "-p", min=1, help="Worker processes for spaCy.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", dir_okay=False, help="Write to FILE instead of stdout.", show_default=False),
]


def _run(paths, fmt, model, processes, output, *, as_json, view) -> None:
    """Shared by `extract` and `positions`: they differ only in what is written per document."""
    from quotex import inputs, views
    from quotex.models import ErrorRecord

    items = inputs.collect_inputs(paths)
    batch = len(items) > 1
    try:
        loaded = inputs.load_inputs(items, stdin=sys.stdin.buffer if any(i.is_stdin for i in items) else None)
        if not batch and loaded[0].error is not None:
            raise loaded[0].error
        outcomes = inputs.extract_all(loaded, model=model, n_process=processes)  # loads the model first
    except QuotexError as exc:
        _die(exc)

    fmt = fmt or (Format.jsonl if batch else Format.json)
    try:
        # Opened only now, so a failing single input or model never truncates an existing file.
        out = open(output, "w", encoding="utf-8", newline="\n") if output else sys.stdout
    except OSError as exc:
        _die(QuotexError(Err.BAD_OPTION, detail=f"cannot write {output}: {exc.strerror or exc}"))
    if fmt is Format.table:
        writer = views.TableWriter(out, view)
    elif fmt is Format.jsonl:
        writer = views.JsonlWriter(out)
    else:
        writer = views.JsonWriter(out, array=batch)

    if not output:
        _utf8_stdout(strict=fmt is not Format.table)
    failed: list[ErrorRecord] = []
    show = views.show_progress(len(items), sys.stderr.isatty(), sys.stdout.isatty(), output is not None)
    try:
        with views.progress(len(items), show) as advance:
            writer.start()
            for outcome in outcomes:
                if isinstance(outcome, ErrorRecord):
                    failed.append(outcome)
                    writer.write(outcome)
                else:
                    writer.write(outcome if fmt is Format.table else as_json(outcome))
                advance()
            writer.finish()
    except QuotexError as exc:
        _die(exc)
    except BrokenPipeError:
        # `quotex extract dir | head`: the reader has all it wants; stop quietly, no traceback.
        _silence_stdout()
        raise typer.Exit(0) from None
    finally:
        if output:
            out.close()
    if failed:
        codes = ", ".join(sorted({r.error.code for r in failed}))
        typer.echo(
            f"quotex: {len(failed)} of {len(items)} inputs failed ({codes}); each has an error record in the output",
            err=True,
        )
        raise typer.Exit(EXIT_PARTIAL)


def _utf8_stdout(strict: bool) -> None:
    """JSON is UTF-8 whatever the locale says; a table degrades (`?`) rather than crash."""
    enc = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if enc != "utf8" and hasattr(sys.stdout, "reconfigure"):
        if strict:
            sys.stdout.reconfigure(encoding="utf-8")
        else:
            sys.stdout.reconfigure(errors="replace")


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file descriptor (e.g. under tests)
        pass


@app.command()
def extract(
    paths: Paths,
    format: FormatOpt = None,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    output: OutputOpt = None,
    rules_only: model_options.RulesOnlyOpt = False,
    model_dir: model_options.ModelDirOpt = None,
) -> None:
    """Extract quotations, speakers, cues and entities, with character offsets."""
    from quotex import views

    model_options.apply(rules_only, model_dir)
    _run(paths, format, model, processes, output, as_json=lambda r: r, view=views.result_view)


@app.command()
def positions(
    paths: Paths,
    format: FormatOpt = None,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    output: OutputOpt = None,
    entity: _corpus.EntityOpt = None,
    about: _corpus.AboutOpt = None,
    date_field: _corpus.DateFieldOpt = "date",
    rules_only: model_options.RulesOnlyOpt = False,
    model_dir: model_options.ModelDirOpt = None,
) -> None:
    """Per entity: what it holds, in order, and what others report about it. Extraction output
    (.jsonl/.json of `quotex extract`, shard folders) is read, not re-parsed; with --entity, one
    actor's positions across all its documents."""
    from quotex import views

    if _corpus.reads_output(paths, entity, about, date_field):  # extraction output: no parsing
        if entity is not None:
            return _corpus.corpus_positions(paths, entity, about, date_field, format, output)
        return _corpus.stored_positions(paths, format, output)
    model_options.apply(rules_only, model_dir)
    _run(paths, format, model, processes, output, as_json=views.positions_doc, view=views.positions_view)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one `quotex extract` document."""
    import json

    from quotex.models import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


# Commands that live in their own modules (quotex/commands/); registered here, nothing else.
from quotex.commands import check as _check  # noqa: E402
from quotex.commands import evaluate as _evaluate  # noqa: E402
from quotex.commands import render as _render  # noqa: E402
from quotex.commands import serve as _serve  # noqa: E402
from quotex.commands import train as _train  # noqa: E402

app.command("evaluate")(_evaluate.evaluate)
app.command("check")(_check.check)
app.command("render")(_render.render)
app.command("actors")(_corpus.actors)
app.command("serve")(_serve.serve)
app.command("train")(_train.train)


def main() -> None:
    app()
