"""The pure-Python entry points: text in, `ExtractionResult` out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypedDict

from quotex.chunking import DEFAULT_MAX_CHARS, DEFAULT_WINDOW
from quotex.errors import Err, QuotexError
from quotex.inputs import Document
from quotex.models import (
    Entity,
    ErrorDetail,
    ErrorRecord,
    ExtractionResult,
    Quotation,
    TextSpan,
)
from quotex.textnorm import for_parsing

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger("quotex")

Outcome = ExtractionResult | ErrorRecord


class PipelineChoice(TypedDict):
    """`load_pipeline`'s options, the same in this process and in every worker process."""

    reported: bool
    learned: bool | None
    model_dir: str | Path | None


def _span(text: str, offsets: tuple[int, int]) -> TextSpan:
    s, e = offsets
    return TextSpan(text=text[s:e], start=s, end=e)


def _optional_span(text: str, offsets: tuple[int, int] | None) -> TextSpan | None:
    return None if offsets is None else _span(text, offsets)


def result_from_doc(doc: Doc, text: str, source: str, model: str) -> ExtractionResult:
    """Build the JSON result from a processed Doc; span texts come from the original `text`."""
    from quotex.pipeline.component import USER_DATA_KEY

    return _result(doc.user_data[USER_DATA_KEY], text, source, model)


def _result(data: dict, text: str, source: str, model: str) -> ExtractionResult:
    from quotex.positions import build_positions

    quotations = []
    for q in data["quotations"]:
        fragments = [_span(text, f) for f in q["fragments"]]
        content = _span(text, (fragments[0].start, fragments[-1].end))
        quotations.append(
            Quotation(
                id=q["id"],
                kind=q["kind"],
                content=content,
                fragments=fragments,
                cue=_optional_span(text, q["cue"]),
                cue_class=q["cue_class"],
                speaker=_optional_span(text, q["speaker"]),
                entity=q["entity"],
                confidence=q["confidence"],
                method=q["method"],
                parent=q["parent"],
                about=q["about"],
            )
        )
    entities = [
        Entity(
            id=e["id"],
            name=e["name"],
            kind=e["kind"],
            titles=e["titles"],
            mentions=[_span(text, m) for m in e["mentions"]],
        )
        for e in data["entities"]
    ]
    return ExtractionResult(
        source=source,
        model=model,
        quotations=quotations,
        entities=entities,
        positions=build_positions(quotations, entities),
    )


def extract(text: str, source: str = "<text>", model: str | None = None, **options: Any) -> ExtractionResult:
    """Extract every quotation in `text` with the named (or default) spaCy pipeline.

    Raises `QuotexError` (E107 too long, E9xx internal errors) instead of returning a record."""
    return next(extract_many([(text, source)], model=model, **options))


def extract_many(
    items: Iterable[tuple[str, str]], model: str | None = None, **options: Any
) -> Iterator[ExtractionResult]:
    """Extract from `(text, source)` pairs, in order; a document that fails raises its
    `QuotexError`. For a batch that goes on past failures, use `extract_stream`."""
    for outcome in extract_stream(items, model=model, **options):
        if isinstance(outcome, ErrorRecord):
            raise outcome_error(outcome)
        yield outcome


def outcome_error(record: ErrorRecord) -> QuotexError:
    """The `QuotexError` an error record stands for (same code, message and exit code)."""
    err = next(e for e in Err if e.code == record.error.code)
    exc = QuotexError.__new__(QuotexError)
    Exception.__init__(exc, f"{record.error.code} {record.error.message}")
    exc.err, exc.code, exc.exit_code, exc.message = err, err.code, err.exit_code, record.error.message
    return exc


def extract_stream(
    items: Iterable[Document | tuple[str, str] | ErrorRecord],
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    reported: bool = True,
    window: int = DEFAULT_WINDOW,
    max_chars: int = DEFAULT_MAX_CHARS,
    rules_only: bool | None = None,
    model_dir: str | Path | None = None,
) -> Iterator[Outcome]:
    """Documents in, one `ExtractionResult` or `ErrorRecord` out per item, in order, lazily.

    `items` may be a generator that reads each document only when it is needed; an
    `ErrorRecord` among them (a document that could not be read) is passed through in its
    place. A document longer than `max_chars` becomes an E107 record; a longer one than
    `window` is parsed in windows (`quotex.chunking`) and stitched. An exception inside the
    extractor becomes that document's E901/E902 record (its traceback goes to the `quotex`
    logger at DEBUG level), never the end of the batch. `n_process > 1` parses windows in that
    many worker processes (`quotex.workers`), which end when the iterator is closed or
    garbage-collected, and with the parent.

    The pipeline is loaded (and the workers started) before this returns, so a model error
    (E201/E202) is raised before any output is written. `rules_only=True` leaves out the learned
    attribution model; `model_dir` uses one trained by `quotex train` instead of the shipped one
    (None for either: the process default, see `quotex.pipeline.loader.use_attribution_model`).
    """
    from quotex.pipeline.loader import load_pipeline, model_label

    learned = None if rules_only is None else not rules_only
    pipeline = PipelineChoice(reported=reported, learned=learned, model_dir=model_dir)
    nlp = load_pipeline(model, **pipeline)
    in_process = _InProcess(nlp, batch_size)
    parser: WindowParser = in_process
    if n_process > 1:
        from quotex.workers import WindowPool

        # a worker that dies leaves its windows to this process
        parser = WindowPool(n_process, model, pipeline, batch_size, fallback=in_process.parse)
    return _stream(items, parser, model_label(nlp), window, max_chars)


# --- the stream ---------------------------------------------------------------------------


class _Pending:
    """One document on its way: its windows' data arrive in order, then it is built."""

    __slots__ = ("text", "source", "spans", "parts", "outcome")

    def __init__(self, text: str, source: str, spans: list[tuple[int, int]]) -> None:
        self.text, self.source, self.spans = text, source, spans
        self.parts: list = []
        self.outcome: Outcome | None = None


def _plan(
    items: Iterable[Document | tuple[str, str] | ErrorRecord], window: int, max_chars: int
) -> Iterator[_Pending | ErrorRecord]:
    from quotex.chunking import windows

    for item in items:
        if isinstance(item, ErrorRecord):
            yield item
            continue
        text, source = item
        if len(text) > max_chars:
            yield _record(Err.TOO_LONG, source, chars=len(text), limit=max_chars)
            continue
        yield _Pending(text, source, windows(text, window))


def _stream(
    items: Iterable[Document | tuple[str, str] | ErrorRecord],
    parser: WindowParser,
    label: str,
    window: int,
    max_chars: int,
) -> Iterator[Outcome]:
    """Windows of consecutive documents go to the parser in batches of `parser.batch_size`
    (so short documents are parsed together, as `nlp.pipe` does), several batches in flight
    with worker processes; outcomes leave in input order as soon as they are complete."""
    from collections import deque

    queue: deque = deque()  # documents (and passed-through records) not yet yielded
    in_flight: deque = deque()  # (task id, [(document, window text)])
    batch: list[tuple[_Pending, str]] = []
    batch_chars = 0

    def ready() -> Iterator[Outcome]:
        while queue and (isinstance(queue[0], ErrorRecord) or queue[0].outcome is not None):
            head = queue.popleft()
            yield head if isinstance(head, ErrorRecord) else head.outcome

    def finish_oldest() -> None:
        task_id, sent = in_flight.popleft()
        for (doc, _), data in zip(sent, parser.collect(task_id)):
            doc.parts.append(data)
            if len(doc.parts) == len(doc.spans):
                doc.outcome = _build(doc, label)
                doc.text = doc.parts = None  # free it early

    def dispatch() -> None:
        in_flight.append((parser.submit([t for _, t in batch]), list(batch)))
        batch.clear()
        while len(in_flight) >= parser.in_flight_limit:
            finish_oldest()

    try:
        for entry in _plan(items, window, max_chars):
            queue.append(entry)
            if isinstance(entry, _Pending):
                parse_text = for_parsing(entry.text)
                for s, e in entry.spans:
                    batch.append((entry, parse_text[s:e]))
                    batch_chars += e - s
                    # by count for short documents (as `nlp.pipe` batches), by characters for
                    # long ones: a batch of 16 full windows took gigabytes in the parser
                    if len(batch) >= parser.batch_size or batch_chars >= window:
                        dispatch()
                        batch_chars = 0
                        yield from ready()
                del parse_text
            if not batch and not in_flight:
                yield from ready()
        if batch:
            dispatch()
        while in_flight:
            finish_oldest()
            yield from ready()
        yield from ready()
    finally:
        parser.close()


def _record(err: Err, source: str, **fields: object) -> ErrorRecord:
    exc = QuotexError(err, path=source, **fields)
    return ErrorRecord(source=source, error=ErrorDetail(code=exc.code, message=exc.message))


def _build(doc: _Pending, label: str) -> Outcome:
    from quotex.chunking import stitch

    for data in doc.parts:
        if isinstance(data, WindowFailure):
            log.debug("extractor failed on %s:\n%s", doc.source, data.traceback)
            return _record(data.err, doc.source, detail=data.message)
    try:
        combined = stitch([(s, data) for (s, _), data in zip(doc.spans, doc.parts)])
        return _result(combined, doc.text, doc.source, label)
    except Exception as exc:  # noqa: BLE001  (a bug here must not end the batch)
        import traceback

        log.debug("building the result for %s failed:\n%s", doc.source, traceback.format_exc())
        return _record(Err.RESULT_FAILED, doc.source, detail=f"{type(exc).__name__}: {exc}")


class WindowFailure(NamedTuple):
    """A window the extractor raised on (kept in place of its data)."""

    err: Err
    message: str
    traceback: str


def parse_windows(nlp: Language, texts: list[str], batch_size: int) -> list:
    """Each window's `quotex` data, or a `WindowFailure`; one failing window spoils no other.

    Used in-process and by the worker processes."""
    from quotex.pipeline.component import ERROR_KEY, USER_DATA_KEY

    docs: list[Doc | WindowFailure]
    try:
        docs = list(nlp.pipe(texts, batch_size=batch_size))
    except Exception:  # noqa: BLE001  (spaCy itself raised: find the culprit window alone)
        docs = []
        for t in texts:
            try:
                docs.append(nlp(t))
            except Exception as exc:  # noqa: BLE001
                import traceback

                docs.append(WindowFailure(Err.EXTRACTOR_FAILED, f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    out: list[dict | WindowFailure] = []
    for doc in docs:
        if isinstance(doc, WindowFailure):
            out.append(doc)
        elif ERROR_KEY in doc.user_data:
            message, tb = doc.user_data[ERROR_KEY]
            out.append(WindowFailure(Err.EXTRACTOR_FAILED, message, tb))
        else:
            out.append(doc.user_data[USER_DATA_KEY])
    return out


class WindowParser(Protocol):
    """What `_stream` hands windows to: this process (`_InProcess`) or `workers.WindowPool`."""

    batch_size: int
    in_flight_limit: int

    def submit(self, texts: list[str]) -> int: ...

    def collect(self, task_id: int) -> list: ...

    def close(self) -> None: ...


class _InProcess:
    """Parses windows in this process, at once (one batch in flight)."""

    in_flight_limit = 1

    def __init__(self, nlp: Language, batch_size: int) -> None:
        self.nlp, self.batch_size = nlp, batch_size
        self.done: dict[int, list] = {}
        self.next_id = 0

    def parse(self, texts: list[str]) -> list:
        return parse_windows(self.nlp, texts, self.batch_size)

    def submit(self, texts: list[str]) -> int:
        self.next_id += 1
        self.done[self.next_id] = self.parse(texts)
        return self.next_id

    def collect(self, task_id: int) -> list:
        return self.done.pop(task_id)

    def close(self) -> None:
        pass
