"""Shared by `extract` and `positions`: read the inputs, extract, and write one record per
document in input order (the two differ only in what is written per document)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import typer

from quotex.commands.failure import fail
from quotex.errors import EXIT_PARTIAL, QuotexError
from quotex.formats import Format

if TYPE_CHECKING:
    from pydantic import BaseModel

    from quotex.corpus.readers import ReadOptions
    from quotex.inputs import InputItem
    from quotex.models import ErrorRecord, ExtractionResult


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that `finally` blocks (workers, temp file) run."""


def _on_sigterm(signum: int, frame: FrameType | None) -> NoReturn:
    raise _Terminated()


def processes_available(requested: int) -> int:
    """`-p N` capped at the cores this process may use: more only adds memory and contention."""
    from quotex.workers import available_cores

    cores = available_cores()
    if requested > cores:
        typer.echo(f"quotex: --processes {requested} capped at {cores}, the cores available", err=True)
        return cores
    return requested


class RunOptions(NamedTuple):
    """The options `extract` and `positions` share (`commands.options`), as given."""

    fmt: Format | None
    model: str | None
    processes: int
    output: Path | None
    max_chars: int
    debug: bool


def run_documents(
    items: list[InputItem],
    options: RunOptions,
    *,
    as_json: Callable[[ExtractionResult], BaseModel],
    view: Callable[[ExtractionResult], list],
    records: ReadOptions | None = None,
) -> None:
    """Every document gives one record (a result or an error record) in input order; inputs are
    read one at a time as the extraction needs them. Output goes to stdout or to a temporary file
    beside `-o FILE` that replaces it only when the run completes.

    With `records`, JSON Lines, CSV, HTML and WARC files are read as records (`quotex.corpus.stream`)."""
    from quotex import inputs, views
    from quotex.errors import EXIT_PIPE, EXIT_SIGINT, EXIT_SIGTERM
    from quotex.models import ErrorRecord

    fmt, model, processes, output, max_chars, debug = options
    record_files = _record_files(items) if records is not None else []
    debug_handler = _debug_to_stderr() if debug else None
    previous_sigterm = signal.signal(signal.SIGTERM, _on_sigterm)
    batch = len(items) > 1 or any(_holds_many(path) for path in record_files)
    stdin = sys.stdin.buffer if any(i.is_stdin for i in items) else None
    processes = processes_available(processes)
    fmt = fmt or (Format.jsonl if batch else Format.json)
    outcomes: Iterator[ExtractionResult | ErrorRecord] | None = None
    sink = None
    failed: list[ErrorRecord] = []
    documents = 0
    try:
        try:
            if record_files:
                assert records is not None
                outcomes = _record_outcomes(items, records, record_files, model, processes, stdin, max_chars)
            elif not batch:
                # A lone input that cannot be read is a plain error: nothing is written.
                (first,) = list(inputs.iter_documents(items, stdin=stdin, max_chars=max_chars))
                if isinstance(first, ErrorRecord):
                    raise _error_of(first)
                from quotex.api import extract_stream

                outcomes = extract_stream([first], model=model, n_process=processes, max_chars=max_chars)
            else:
                outcomes = inputs.extract_all(items, model=model, n_process=processes, stdin=stdin, max_chars=max_chars)
        except QuotexError as exc:  # model errors before any output; a lone input's failure
            raise fail(exc) from None
        from quotex.commands.output import DocumentWriter, Sink

        # Opened only now, so a failing single input or model never touches an existing file.
        sink = Sink(output, strict_utf8=fmt is not Format.table)
        writer = DocumentWriter(fmt, sink.stream, view, as_json, array=batch)
        total = _progress_total(items, record_files)
        show = views.show_progress(total or 2, sys.stderr.isatty(), sys.stdout.isatty(), output is not None)
        with views.progress(total, show) as advance:
            writer.start()
            for outcome in outcomes:
                documents += 1
                if isinstance(outcome, ErrorRecord):
                    failed.append(outcome)
                    if not batch:
                        raise _error_of(outcome)
                writer.write(outcome)
                advance()
            writer.finish()
        sink.commit()
    except QuotexError as exc:
        raise fail(exc) from None
    except BrokenPipeError:
        # `quotex extract dir | head`: the reader has all it wants; stop quietly, no traceback.
        from quotex.commands.output import silence_stdout

        silence_stdout()
        raise typer.Exit(EXIT_PIPE) from None
    except KeyboardInterrupt:
        typer.echo("quotex: interrupted", err=True)
        raise typer.Exit(EXIT_SIGINT) from None
    except _Terminated:
        typer.echo("quotex: terminated", err=True)
        raise typer.Exit(EXIT_SIGTERM) from None
    finally:
        # Workers end with the stream, whatever ended it; an unfinished `-o` file is dropped.
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()
        if sink is not None:
            sink.discard()
        signal.signal(signal.SIGTERM, previous_sigterm)
        if debug_handler is not None:
            import logging

            logging.getLogger("quotex").removeHandler(debug_handler)
    if failed:
        codes = ", ".join(sorted({r.error.code for r in failed}))
        typer.echo(
            f"quotex: {len(failed)} of {documents} inputs failed ({codes}); each has an error record in the output",
            err=True,
        )
        raise typer.Exit(EXIT_PARTIAL)


def _record_files(items: Iterable[InputItem]) -> list[Path]:
    from quotex.corpus.stream import is_record_file

    return [i.path for i in items if i.path is not None and i.error is None and is_record_file(i.path)]


def _holds_many(path: Path) -> bool:
    from quotex.corpus.stream import holds_many

    return holds_many(path)


def _record_outcomes(
    items: list[InputItem],
    read: ReadOptions,
    record_files: list[Path],
    model: str | None,
    processes: int,
    stdin: Any,
    max_chars: int,
) -> Iterator[ExtractionResult | ErrorRecord]:
    from quotex.corpus.stream import extract_entries, read_entries, require_extras

    require_extras(record_files)
    entries = read_entries(items, read, stdin=stdin, max_chars=max_chars)
    return extract_entries(entries, model=model, n_process=processes, max_chars=max_chars)


def _progress_total(items: list[InputItem], record_files: list[Path]) -> int | None:
    """Documents to come: the inputs, or (record files) their records when cheap to count."""
    if not record_files:
        return len(items)
    if not sys.stderr.isatty():  # no bar: do not read the files twice
        return None
    from quotex.corpus.stream import count_documents

    return count_documents(items)


def _debug_to_stderr() -> Any:
    """`--debug`: the `quotex` logger (tracebacks of E9xx errors) goes to stderr."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("quotex: debug: %(message)s"))
    logger = logging.getLogger("quotex")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return handler


def _error_of(record: ErrorRecord) -> QuotexError:
    from quotex.api import outcome_error

    return outcome_error(record)
