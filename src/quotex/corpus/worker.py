"""One batch of records in, one complete shard out: the function every executor runs.

It runs in this process, in a pool process, or on a Dask worker. The spaCy pipeline is loaded
once per process (`quotex.pipeline.loader.load_pipeline` is cached), so a worker pays for it on
its first batch only. Extraction itself is `quotex.api.extract_stream`.
"""

from __future__ import annotations

import logging

from quotex.corpus.readers import Record
from quotex.corpus.shards import DocStatus, Outcome, encode_shard, status_of, write_atomic
from quotex.errors import Err, QuotexError
from quotex.models import ErrorDetail, ErrorRecord


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


def extract_records(
    records: list[Record], model: str | None, attribution: tuple[bool, str | None] = (True, None)
) -> list[Outcome]:
    """Results or error records for a batch, in order; one bad document never sinks the batch."""
    from quotex.api import extract_stream  # an error record for a document that fails, not an exception

    prepared: list[tuple[Record, str, dict | None, bool] | ErrorRecord] = []
    for record in records:
        if record.error is not None:
            prepared.append(error_record(record, *record.error))
        elif record.html is not None:
            try:
                text, meta = html_to_text(record)
            except QuotexError as exc:
                if exc.err is Err.CORPUS_NEEDS_EXTRA:
                    raise
                prepared.append(error_record(record, exc.code, exc.message))
            except Exception as exc:  # trafilatura/lxml on a malformed page
                prepared.append(error_record(record, Err.RECORD_NO_MAIN_TEXT.code, f"{record.source}: {exc}"))
            else:
                prepared.append((record, text, meta, True))
        else:
            prepared.append((record, record.text, record.meta, False))

    todo = [p for p in prepared if not isinstance(p, ErrorRecord)]
    try:
        options = {"rules_only": not attribution[0], "model_dir": attribution[1]}
        results = list(extract_stream([(text, rec.source) for rec, text, _, _ in todo], model=model, **options))
    except QuotexError:
        raise  # a model error stops the run: every document would fail the same way
    except Exception:
        results = [_extract_one(rec, text, model, options) for rec, text, _, _ in todo]  # find the culprit
    by_record = {}
    for (rec, text, meta, carry_text), result in zip(todo, results, strict=True):
        if isinstance(result, ErrorRecord):
            by_record[id(rec)] = result.model_copy(update={"id": rec.id, "meta": meta})
        else:
            update = {"id": rec.id, "meta": meta, "text": text if carry_text else None}
            by_record[id(rec)] = result.model_copy(update=update)
    return [p if isinstance(p, ErrorRecord) else by_record[id(p[0])] for p in prepared]


def _extract_one(record: Record, text: str, model: str | None, options: dict):
    from quotex.api import extract_many

    try:
        return next(extract_many([(text, record.source)], model=model, **options))
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
