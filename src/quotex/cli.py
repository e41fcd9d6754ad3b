"""Thin Typer CLI over quotex's pure functions. Nothing here imports spaCy at start-up.

Reading and validating inputs lives in `quotex.inputs`, output in `quotex.views`; this
module only wires options to them and maps `QuotexError` to one stderr line + exit code.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from quotex.chunking import DEFAULT_MAX_CHARS  # plain Python: no spaCy
from quotex.commands import actors as _corpus  # options of `positions --entity`; imports nothing heavy
from quotex.commands import model_options
from quotex.commands.failure import fail
from quotex.errors import EXIT_PARTIAL, Err, QuotexError
from quotex.formats import Format
from quotex.pipeline.loader import DEFAULT_MODELS  # no spaCy import: the loader imports it lazily

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
    raise fail(exc)


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
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", dir_okay=False, help="Write to FILE instead of stdout.", show_default=False),
]


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that `finally` blocks (workers, temp file) run."""


def _on_sigterm(signum, frame) -> NoReturn:
    raise _Terminated()


def _processes(requested: int) -> int:
    """`-p N` capped at the cores this process may use: more only adds memory and contention."""
    from quotex.workers import available_cores

    cores = available_cores()
    if requested > cores:
        typer.echo(f"quotex: --processes {requested} capped at {cores}, the cores available", err=True)
        return cores
    return requested


def _run(paths, fmt, model, processes, output, max_chars, debug, *, as_json, view) -> None:
    """Shared by `extract` and `positions`: they differ only in what is written per document.

    Inputs are read one at a time as the extraction needs them; every document gives one
    record (a result or an error record) in input order. Output goes to stdout or to a
    temporary file beside `-o FILE` that replaces it only when the run completes."""
    import signal

    from quotex import inputs, views
    from quotex.errors import EXIT_PIPE, EXIT_SIGINT, EXIT_SIGTERM
    from quotex.models import ErrorRecord

    debug_handler = _debug_to_stderr() if debug else None
    previous_sigterm = signal.signal(signal.SIGTERM, _on_sigterm)
    items = inputs.collect_inputs(paths)
    batch = len(items) > 1
    stdin = sys.stdin.buffer if any(i.is_stdin for i in items) else None
    processes = _processes(processes)
    fmt = fmt or (Format.jsonl if batch else Format.json)
    outcomes = None
    sink = None
    failed: list[ErrorRecord] = []
    try:
        try:
            if not batch:
                # A lone input that cannot be read is a plain error: nothing is written.
                (first,) = list(inputs.iter_documents(items, stdin=stdin, max_chars=max_chars))
                if isinstance(first, ErrorRecord):
                    raise _error_of(first)
                from quotex.api import extract_stream

                outcomes = extract_stream([first], model=model, n_process=processes, max_chars=max_chars)
            else:
                outcomes = inputs.extract_all(items, model=model, n_process=processes, stdin=stdin, max_chars=max_chars)
        except QuotexError as exc:  # model errors before any output; a lone input's failure
            _die(exc)
        # Opened only now, so a failing single input or model never touches an existing file.
        sink = _Sink(output)
        out = sink.stream
        if fmt is Format.table:
            writer = views.TableWriter(out, view)
        elif fmt is Format.jsonl:
            writer = views.JsonlWriter(out)
        else:
            writer = views.JsonWriter(out, array=batch)
        if not output:
            _utf8_stdout(strict=fmt is not Format.table)
        show = views.show_progress(len(items), sys.stderr.isatty(), sys.stdout.isatty(), output is not None)
        with views.progress(len(items), show) as advance:
            writer.start()
            for outcome in outcomes:
                if isinstance(outcome, ErrorRecord):
                    failed.append(outcome)
                    if not batch:
                        raise _error_of(outcome)
                    writer.write(outcome)
                else:
                    writer.write(outcome if fmt is Format.table else as_json(outcome))
                advance()
            writer.finish()
        sink.commit()
    except QuotexError as exc:
        _die(exc)
    except BrokenPipeError:
        # `quotex extract dir | head`: the reader has all it wants; stop quietly, no traceback.
        _silence_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    except KeyboardInterrupt:
        typer.echo("quotex: interrupted", err=True)
        raise typer.Exit(EXIT_SIGINT) from None
    except _Terminated:
        typer.echo("quotex: terminated", err=True)
        raise typer.Exit(EXIT_SIGTERM) from None
    finally:
        # Workers end with the stream, whatever ended it; an unfinished `-o` file is dropped.
        if outcomes is not None and hasattr(outcomes, "close"):
            outcomes.close()
        if sink is not None:
            sink.discard()
        signal.signal(signal.SIGTERM, previous_sigterm)
        if debug_handler is not None:
            import logging

            logging.getLogger("quotex").removeHandler(debug_handler)
    if failed:
        codes = ", ".join(sorted({r.error.code for r in failed}))
        typer.echo(
            f"quotex: {len(failed)} of {len(items)} inputs failed ({codes}); each has an error record in the output",
            err=True,
        )
        raise typer.Exit(EXIT_PARTIAL)


def _debug_to_stderr():
    """`--debug`: the `quotex` logger (tracebacks of E9xx errors) goes to stderr."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("quotex: debug: %(message)s"))
    logger = logging.getLogger("quotex")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return handler


def _error_of(record) -> QuotexError:
    from quotex.api import outcome_error

    return outcome_error(record)


class _Sink:
    """stdout, or `-o FILE` written atomically: a temporary file in the same directory,
    renamed over FILE by `commit()`; `discard()` removes it if the run did not complete, so
    an interrupted or failed run leaves the previous FILE as it was."""

    def __init__(self, output: Path | None) -> None:
        self.output, self.tmp = output, None
        if output is None:
            self.stream = sys.stdout
            return
        import os
        import tempfile

        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent or ".")
        except OSError as exc:
            _die(QuotexError(Err.BAD_OPTION, detail=f"cannot write {output}: {exc.strerror or exc}"))
        self.tmp = tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as `open(FILE, "w")` would have made it
        self.stream = open(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        if self.tmp is None:
            return
        import os

        self.stream.close()
        try:
            os.replace(self.tmp, self.output)
        except OSError as exc:
            _die(QuotexError(Err.BAD_OPTION, detail=f"cannot write {self.output}: {exc.strerror or exc}"))
        self.tmp = None

    def discard(self) -> None:
        if self.tmp is None:
            return
        import os

        try:
            self.stream.close()
        finally:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


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
    format: _corpus_run.ExtractFormatOpt = None,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    output: OutputOpt = None,
    rules_only: model_options.RulesOnlyOpt = False,
    model_dir: model_options.ModelDirOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    debug: DebugOpt = False,
    out_dir: _corpus_run.OutDirOpt = None,
    scheduler: _corpus_run.SchedulerOpt = None,
    workers: _corpus_run.WorkersOpt = 2,
    batch_size: _corpus_run.BatchSizeOpt = 32,
    text_field: _corpus_run.TextFieldOpt = "text",
    id_field: _corpus_run.IdFieldOpt = "id",
) -> None:
    """Extract quotations, speakers, cues and entities, with character offsets."""
    from quotex import views

    model_options.apply(rules_only, model_dir)
    if out_dir is not None:  # corpus mode: quotex/commands/corpus.py
        if output is not None:
            _corpus_run.reject("give --out-dir or --output, not both")
        fmt = format.value if format else None
        _corpus_run.extract_corpus(
            paths, out_dir, fmt, model, processes, scheduler, workers, batch_size, text_field, id_field
        )
        return
    if (given := _corpus_run.corpus_only_options_given(scheduler, workers, batch_size, text_field, id_field)) or (
        format is _corpus_run.ExtractFormat.parquet
    ):
        _corpus_run.reject(f"{given or '--format parquet'} needs --out-dir DIR")
    format = Format(format.value) if format else None
    _run(paths, format, model, processes, output, max_chars, debug, as_json=lambda r: r, view=views.result_view)


@app.command()
def positions(
    paths: Paths,
    format: FormatOpt = None,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    output: OutputOpt = None,
    max_chars: MaxCharsOpt = DEFAULT_MAX_CHARS,
    debug: DebugOpt = False,
    entity: _corpus.EntityOpt = None,
    about: _corpus.AboutOpt = None,
    date_field: _corpus.DateFieldOpt = "date",
    rules_only: model_options.RulesOnlyOpt = False,
    model_dir: model_options.ModelDirOpt = None,
) -> None:
    """Per entity: what it holds and what others report about it; reads articles, or extraction output without re-parsing (--entity: one actor across documents)."""
    from quotex import views

    if _corpus.reads_output(paths, entity, about, date_field):  # extraction output: no parsing
        if entity is not None:
            return _corpus.corpus_positions(paths, entity, about, date_field, format, output)
        return _corpus.stored_positions(paths, format, output)
    model_options.apply(rules_only, model_dir)
    _run(
        paths,
        format,
        model,
        processes,
        output,
        max_chars,
        debug,
        as_json=views.positions_doc,
        view=views.positions_view,
    )


class SchemaOf(str, Enum):
    extract = "extract"
    positions = "positions"


@app.command()
def schema(
    command: Annotated[
        SchemaOf, typer.Argument(help="Whose output: extract (default) or positions.")
    ] = SchemaOf.extract,
) -> None:
    """Print the JSON Schema of one document of `quotex extract` (or `positions`): a result or an error record."""
    import json

    from quotex.models import json_schema

    typer.echo(json.dumps(json_schema(command.value), indent=2))


# Commands that live in their own modules (quotex/commands/); registered here, nothing else.
from quotex.commands import check as _check  # noqa: E402
from quotex.commands import corpus as _corpus_run  # noqa: E402  (extract's --out-dir options and mode)
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
