"""Read a corpus: the inputs archives have, one `Record` (with a stable id) per document.

Kinds, chosen by the file's name (a directory is searched recursively for all of them,
sorted, hidden entries skipped):

* `.jsonl`, `.ndjson` (also `.gz`): one JSON object a line; `--text-field` holds the text,
  `--id-field` the id, every other field is kept as `meta`;
* `.csv` (also `.gz`): a header row, then one record a row, the same fields as JSON Lines;
* `.html`, `.htm`: one document each; the main text is extracted by trafilatura on the worker;
* `.warc`, `.warc.gz`: every `response` record whose payload is HTML (warcio), then as HTML;
* anything else named explicitly (`.txt`, `.md`, …), and `-` (stdin): one document each,
  read and validated exactly as `quotex extract` reads text files.

Ids: the id field's value for records (strings, or integers written as decimal); for a record
without one, `FILE:LINE` (CSV: the row's first line); for a file, its path relative to the
directory it was found in, or its name when it was named itself (so that ids do not depend on the
working directory); for a WARC record, its `WARC-Record-ID`. Sources are built the same way. A record that
cannot be read becomes a `Record` with `error` set (codes E120-E128), never an exception: the run
writes it as an error record and goes on. Reading never loads spaCy or trafilatura.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from quotex.corpus.files import (
    CSV_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    STDIN,
    WARC_SUFFIXES,
    has_suffix,
    list_corpus,
    open_binary,
    open_raw,
)
from quotex.errors import Err, QuotexError

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Record:
    """One document of a corpus, as read: a text, an HTML page still to extract, or an error."""

    id: str
    source: str
    """Where it came from: a path, `FILE:LINE`, or a WARC record's target URI."""
    text: str | None = None
    html: bytes | None = None
    """Raw HTML; the worker extracts its main text (offsets then index that text)."""
    meta: dict[str, Any] | None = None
    error: tuple[str, str] | None = None
    """(code, message) when the record could not be read."""


@dataclass(frozen=True)
class ReadOptions:
    text_field: str = "text"
    id_field: str = "id"


def _failed(id_: str, source: str, exc: QuotexError, meta: dict | None = None) -> Record:
    return Record(id=id_, source=source, meta=meta, error=(exc.code, exc.message))


# --- reading -------------------------------------------------------------------------------


def read_corpus(args: Iterable[str], options: ReadOptions, stdin: BinaryIO | None = None) -> Iterator[Record]:
    """Every record of every argument, in order; a missing argument raises `QuotexError`
    before anything is read (the caller lists them first with `list_corpus`)."""
    files = [entry for arg in args for entry in list_corpus(arg)]
    for path, name in files:
        yield from read_file(path, name, options, stdin=stdin)


class IdRegistry:
    """The ids seen so far in a run: a second record with an id already seen keeps its place as
    an E124 error record whose id is its own source, so no output is silently lost or doubled."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def admit(self, record: Record) -> Record:
        if record.id in self.seen:
            exc = QuotexError(Err.RECORD_DUPLICATE_ID, source=record.source, id=record.id, first=self.seen[record.id])
            record = Record(id=record.source, source=record.source, meta=record.meta, error=(exc.code, exc.message))
        self.seen.setdefault(record.id, record.source)
        return record


def mark_duplicate_ids(records: Iterable[Record]) -> Iterator[Record]:
    """Every record, in order, duplicates as error records (`IdRegistry`)."""
    registry = IdRegistry()
    for record in records:
        yield registry.admit(record)


def read_file(path: str, name: str, options: ReadOptions, stdin: BinaryIO | None = None) -> Iterator[Record]:
    """The records of one file, chosen by its name (see the module's docstring)."""
    if path == STDIN:
        yield _text_record(name, name, lambda: stdin if stdin is not None else sys.stdin.buffer)
    elif has_suffix(path, JSONL_SUFFIXES):
        yield from _guarded(path, name, _jsonl_records(path, name, options))
    elif has_suffix(path, CSV_SUFFIXES):
        yield from _guarded(path, name, _csv_records(path, name, options))
    elif has_suffix(path, WARC_SUFFIXES):
        yield from _warc_records(path, name)
    elif has_suffix(path, HTML_SUFFIXES):
        try:
            with open_binary(path) as f:
                data = f.read()
        except OSError as exc:
            yield _failed(name, name, QuotexError(Err.UNREADABLE, path=name, detail=exc.strerror or str(exc)))
        else:
            yield Record(id=name, source=name, html=data)
    else:
        yield _text_record(name, name, lambda: open_binary(path))


def _text_record(id_: str, source: str, opener: Callable[[], BinaryIO]) -> Record:
    from quotex.inputs import read_text  # the same validation as `quotex extract file.txt`

    try:
        stream = opener()
        try:
            text = read_text(stream, source)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
    except QuotexError as exc:
        return _failed(id_, source, exc)
    except OSError as exc:
        return _failed(id_, source, QuotexError(Err.UNREADABLE, path=source, detail=exc.strerror or str(exc)))
    return Record(id=id_, source=source, text=text)


def _guarded(path: str, name: str, records: Iterator[Record]) -> Iterator[Record]:
    """A file that breaks off (unreadable, truncated `.gz`) ends in one error record."""
    last = 0
    try:
        for record in records:
            last += 1
            yield record
    except QuotexError:
        raise
    except Exception as exc:  # OSError, EOFError, zlib/gzip errors: whatever a broken file raises
        where = f"{name}@{last + 1}"
        yield _failed(
            where, where, QuotexError(Err.RECORD_UNREADABLE, source=where, detail=str(exc) or type(exc).__name__)
        )


def _record_from_fields(fields: dict[str, Any], source: str, default_id: str, options: ReadOptions) -> Record:
    """Text, id and meta out of one JSON object or CSV row; problems become error records."""
    meta = {k: v for k, v in fields.items() if k not in (options.text_field, options.id_field)} or None
    raw_id = fields.get(options.id_field)
    if raw_id is None or raw_id == "":
        id_ = default_id
    elif isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        exc = QuotexError(Err.RECORD_BAD_ID, source=source, field=options.id_field, kind=type(raw_id).__name__)
        return _failed(default_id, source, exc, meta)
    else:
        id_ = str(raw_id)
    text = fields.get(options.text_field)
    if not isinstance(text, str):
        detail = "" if text is None else f" (a {type(text).__name__}, not a string)"
        return _failed(
            id_, source, QuotexError(Err.RECORD_NO_TEXT, source=source, field=options.text_field, detail=detail), meta
        )
    if not text.strip().strip("\ufeff\u200b").strip():
        return _failed(id_, source, QuotexError(Err.RECORD_EMPTY_TEXT, source=source), meta)
    if "\x00" in text:
        return _failed(id_, source, QuotexError(Err.BINARY_DATA, path=source), meta)
    return Record(id=id_, source=source, text=text, meta=meta)


def _jsonl_records(path: str, name: str, options: ReadOptions) -> Iterator[Record]:
    with open_binary(path) as f:
        for lineno, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            source = f"{name}:{lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield _failed(
                    source,
                    source,
                    QuotexError(Err.RECORD_UNREADABLE, source=source, detail=f"not UTF-8 at byte {exc.start}"),
                )
                continue
            try:
                fields = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _failed(source, source, QuotexError(Err.RECORD_NOT_JSON, source=source, detail=exc.msg))
                continue
            if not isinstance(fields, dict):
                detail = f"a JSON {type(fields).__name__}"
                yield _failed(source, source, QuotexError(Err.RECORD_NOT_JSON, source=source, detail=detail))
                continue
            yield _record_from_fields(fields, source, source, options)


def _csv_records(path: str, name: str, options: ReadOptions) -> Iterator[Record]:
    csv.field_size_limit(sys.maxsize)  # news articles exceed the 128 KiB default
    with open_binary(path) as f:
        # Undecodable bytes survive as surrogates, so only the rows holding them fail.
        text = io.TextIOWrapper(f, encoding="utf-8-sig", errors="surrogateescape", newline="")
        rows = csv.reader(text, strict=True)
        try:
            header = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _failed(
                f"{name}:1",
                f"{name}:1",
                QuotexError(Err.RECORD_BAD_ROW, source=f"{name}:1", detail=f"bad CSV header: {exc}"),
            )
            return
        start = 2
        while True:
            source = f"{name}:{start}"
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                start = rows.line_num + 1
                yield _failed(source, source, QuotexError(Err.RECORD_BAD_ROW, source=source, detail=f"bad CSV: {exc}"))
                continue
            next_start = rows.line_num + 1
            if not row:  # a blank line
                start = next_start
                continue
            if len(row) != len(header):
                detail = f"the row has {len(row)} fields, the header {len(header)}"
                yield _failed(source, source, QuotexError(Err.RECORD_BAD_ROW, source=source, detail=detail))
            elif any(_has_surrogates(v) for v in row):
                yield _failed(source, source, QuotexError(Err.RECORD_UNREADABLE, source=source, detail="not UTF-8"))
            else:
                yield _record_from_fields(dict(zip(header, row)), source, source, options)
            start = next_start


def _has_surrogates(value: str) -> bool:
    return any("\udc80" <= c <= "\udcff" for c in value)


def _warc_records(path: str, name: str) -> Iterator[Record]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise QuotexError(Err.CORPUS_NEEDS_EXTRA, what=f"reading WARC files ({name})", extra="html") from None
    count = 0
    try:
        # warcio reads .warc.gz itself (record by record), so the raw bytes go to it.
        with open_raw(path) as f:
            iterator = ArchiveIterator(f)
            for record in iterator:
                count += 1
                http = record.http_headers
                ctype = (http.get_header("Content-Type") if http else "") or ""
                wanted = record.rec_type == "response" and ctype.split(";")[0].strip().lower() in HTML_TYPES
                data = record.content_stream().read() if wanted else None
                while not wanted and record.raw_stream.read(1 << 16):
                    pass  # skipped records are read through too, so that a torn one is noticed
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise EOFError("the record is cut short")
                if not wanted:
                    continue
                headers = record.rec_headers
                uri = headers.get_header("WARC-Target-URI") or f"{name}#{count}"
                id_ = headers.get_header("WARC-Record-ID") or f"{name}#{count}"
                meta = {"url": uri, "date": headers.get_header("WARC-Date"), "warc": name}
                if http is not None:
                    meta["status"] = http.get_statuscode()
                yield Record(id=id_, source=uri, html=data, meta=meta)
            if path.lower().endswith(".gz"):
                _check_gzip_complete(path)
            else:
                # warcio stops quietly at a torn record header: bytes past the last record say so.
                f.seek(iterator.offset)
                if f.read(4096).strip():
                    count += 1
                    raise EOFError("a record is cut short")
    except QuotexError:
        raise
    except Exception as exc:  # ArchiveLoadFailed, and whatever warcio raises on a torn record
        where = f"{name}@{count + 1}"
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        yield _failed(where, where, QuotexError(Err.RECORD_BAD_WARC, source=where, detail=detail))


def _check_gzip_complete(path: str) -> None:
    """warcio stops quietly at a torn last gzip member; gzip itself notices (EOFError)."""
    with open_raw(path) as raw, gzip.open(raw) as f:
        while f.read(1 << 20):
            pass
