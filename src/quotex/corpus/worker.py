"""One batch of records in, one complete shard out: the function every executor runs.

It runs in this process, in a pool process, or on a Dask worker. The spaCy pipeline is loaded
once per process (`quotex.pipeline.loader.load_pipeline` is cached), so a worker pays for it on
its first batch only. Extraction itself is `quotex.api.extract_stream`.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

from quotex.corpus.readers import Record
from quotex.corpus.shards import DocStatus, Outcome, encode_shard, status_of, write_atomic
from quotex.errors import Err, QuotexError
from quotex.models import ErrorDetail, ErrorRecord, ExtractionResult


def error_record(record: Record, code: str, message: str) -> ErrorRecord:
    return ErrorRecord(
        source=record.source, id=record.id, meta=record.meta, error=ErrorDetail(code=code, message=message)
    )


def html_to_text(record: Record) -> tuple[str, dict | None]:
    """The page's main text (trafilatura) and its metadata merged under the record's own."""
    try:
        import trafilatura
    except ImportError:
        raise QuotexError(Err.CORPUS_NEEDS_EXTRA, what="reading HTML", extra="html") from None
    # Its warnings ("discarding data") would reach stderr unformatted; the error record says it.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    doc = trafilatura.bare_extraction(record.html, with_metadata=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise QuotexError(Err.RECORD_NO_MAIN_TEXT, source=record.source, detail="")
    found = {k: getattr(doc, k, None) for k in ("title", "date", "url", "sitename")}
    meta = {k: v for k, v in found.items() if v} | (record.meta or {})
    return text, meta or None


class Prepared(NamedTuple):
    """A record ready to extract: its text (an HTML page's main text) and the meta to keep."""

    record: Record
    text: str
    meta: dict | None
    carry_text: bool
    """The output carries `text` (extracted from HTML), so that its offsets can be checked."""


def prepare(record: Record) -> Prepared | ErrorRecord:
    """The text to extract from a record, or the error record that takes its place."""
    if record.error is not None:
        return error_record(record, *record.error)
    if record.html is not None:
        try:
            text, meta = html_to_text(record)
        except QuotexError as exc:
            if exc.err is Err.CORPUS_NEEDS_EXTRA:
                raise
            return error_record(record, exc.code, exc.message)
        except Exception as exc:  # trafilatura/lxml on a malformed page
            return error_record(record, Err.RECORD_NO_MAIN_TEXT.code, f"{record.source}: {exc}")
        return Prepared(record, text, meta, True)
    assert record.text is not None  # a Record holds an error, HTML or a text
    return Prepared(record, record.text, record.meta, False)


def finish(prepared: Prepared, outcome: Outcome) -> Outcome:
    """The outcome of a prepared record, with the record's id and meta (and text, from HTML)."""
    update: dict[str, object] = {"id": prepared.record.id, "meta": prepared.meta}
    if isinstance(outcome, ExtractionResult):
        update["text"] = prepared.text if prepared.carry_text else None
    return outcome.model_copy(update=update)


def extract_records(
    records: list[Record], model: str | None, attribution: tuple[bool, str | None] = (True, None)
) -> list[Outcome]:
    """Results or error records for a batch, in order; one bad document never sinks the batch."""
    from quotex.api import extract_stream  # an error record for a document that fails, not an exception

    prepared = [prepare(record) for record in records]
    todo = [p for p in prepared if isinstance(p, Prepared)]
    rules_only, model_dir = not attribution[0], attribution[1]
    try:
        results: list[Outcome] = list(
            extract_stream(
                [(p.text, p.record.source) for p in todo], model=model, rules_only=rules_only, model_dir=model_dir
            )
        )
    except QuotexError:
        raise  # a model error stops the run: every document would fail the same way
    except Exception:  # find the culprit
        results = [_extract_one(p.record, p.text, model, rules_only, model_dir) for p in todo]
    finished = {id(p): finish(p, result) for p, result in zip(todo, results, strict=True)}
    return [p if isinstance(p, ErrorRecord) else finished[id(p)] for p in prepared]


def _extract_one(record: Record, text: str, model: str | None, rules_only: bool, model_dir: str | None) -> Outcome:
    from quotex.api import extract_many

    try:
        return next(extract_many([(text, record.source)], model=model, rules_only=rules_only, model_dir=model_dir))
    except QuotexError:
        raise
    except Exception as exc:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        return error_record(
            record, Err.RECORD_FAILED.code, Err.RECORD_FAILED.value[2].format(source=record.source, detail=detail)
        )


def process_batch(
    records: list[Record],
    out_dir: str,
    shard: str,
    fmt: str,
    model: str | None,
    attribution: tuple[bool, str | None] = (True, None),
) -> list[DocStatus]:
    """Extract a batch and write it as the shard `shard` (atomically); returns its manifest lines."""
    outcomes = extract_records(records, model, attribution)
    write_atomic(out_dir, shard, encode_shard(outcomes, shard, fmt))
    return [status_of(o, shard) for o in outcomes]
