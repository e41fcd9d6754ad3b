"""Records and plain documents through one extraction stream, outcomes in input order: what
`quotex extract news.jsonl` (without --out-dir) writes to stdout. The pipeline, worker processes
and windowing are `quotex.api.extract_stream`'s; here only each record's id and meta are kept."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from quotex.corpus.files import (
    HTML_SUFFIXES,
    MULTI_RECORD_SUFFIXES,
    RECORD_SUFFIXES,
    WARC_SUFFIXES,
    count_records,
    has_suffix,
)
from quotex.corpus.readers import ReadOptions, Record
from quotex.corpus.worker import Prepared, finish, prepare
from quotex.errors import Err, QuotexError
from quotex.inputs import Document, InputItem, display_name
from quotex.models import ErrorRecord, ExtractionResult

Outcome = ExtractionResult | ErrorRecord


def extract_entries(
    entries: Iterable[Record | Document | ErrorRecord], model: str | None = None, **options: Any
) -> Iterator[Outcome]:
    """One outcome per entry, in order, lazily; a record's outcome carries its id and meta.

    The pipeline is loaded before this returns (a model error comes before any output), as
    `extract_stream` does; `options` are its options (`n_process`, `max_chars`, ...)."""
    from quotex.api import extract_stream

    # What each entry handed to extract_stream was, in order: its outcomes come back in that order.
    pending: deque[Prepared | None] = deque()

    def documents() -> Iterator[Document | ErrorRecord]:
        for entry in entries:
            if not isinstance(entry, Record):
                pending.append(None)
                yield entry
                continue
            prepared = prepare(entry)
            if isinstance(prepared, ErrorRecord):
                pending.append(None)
                yield prepared
            else:
                pending.append(prepared)
                yield Document(prepared.text, entry.source)

    outcomes = extract_stream(documents(), model=model, **options)
    return _finished(outcomes, pending)


def _finished(outcomes: Iterator[Outcome], pending: deque[Prepared | None]) -> Iterator[Outcome]:
    try:
        for outcome in outcomes:
            prepared = pending.popleft()
            yield outcome if prepared is None else finish(prepared, outcome)
    finally:
        close = getattr(outcomes, "close", None)
        if close is not None:
            close()  # worker processes end with the stream


def read_entries(
    items: Iterable[InputItem], read: ReadOptions, stdin: BinaryIO | None = None, max_chars: int | None = None
) -> Iterator[Record | Document | ErrorRecord]:
    """The command line's inputs, lazily: a record file (`is_record_file`) as its records (ids
    unique across the run, as with --out-dir), anything else as `quotex.inputs` reads it."""
    from quotex.corpus.readers import IdRegistry, read_file
    from quotex.inputs import iter_documents

    registry = IdRegistry()
    for item in items:
        if item.path is not None and item.error is None and is_record_file(item.path):
            for record in read_file(str(item.path), display_name(item.path.name), read):
                yield registry.admit(record)
        else:
            yield from iter_documents([item], stdin=stdin, max_chars=max_chars)


def is_record_file(path: Path) -> bool:
    """JSON Lines, CSV, HTML and WARC files are read as records, not as one text."""
    return has_suffix(path.name, RECORD_SUFFIXES)


def holds_many(path: Path) -> bool:
    """Whether a file may hold several documents (JSON Lines, CSV, WARC; not an HTML page)."""
    return has_suffix(path.name, MULTI_RECORD_SUFFIXES)


def require_extras(paths: Iterable[Path]) -> None:
    """HTML and WARC need quotex[html]: say so before any output (E130), not on the first page."""
    import importlib.util

    for path in paths:
        if has_suffix(path.name, HTML_SUFFIXES + WARC_SUFFIXES):
            needed = ("trafilatura", "warcio") if has_suffix(path.name, WARC_SUFFIXES) else ("trafilatura",)
            if any(importlib.util.find_spec(module) is None for module in needed):
                raise QuotexError(Err.CORPUS_NEEDS_EXTRA, what=f"reading {display_name(path.name)}", extra="html")


def count_documents(items: Iterable[InputItem]) -> int | None:
    """How many documents the inputs hold, for the progress bar (None when that is not cheap)."""
    total = 0
    for item in items:
        if item.path is not None and item.error is None and holds_many(item.path):
            found = count_records([str(item.path)])
            if found is None:
                return None
            total += found
        else:
            total += 1
    return total
