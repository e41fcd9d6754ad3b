"""One inference thread per worker process: the only code that touches the spaCy pipeline.

Request handlers (FastAPI's threadpool) put documents on a queue and wait on futures; the
thread takes whatever is queued (up to `pipe_batch` documents) and runs them through one
`nlp.pipe` call, so eight clients posting one article each get the batching `quotex extract`
gets from a file list, and the event loop never waits on the parser.

Deadlines, honestly: a Python thread cannot be interrupted. A document whose request gave up
before the thread reached it is skipped (its future is cancelled); one already being parsed is
finished and its result dropped. The per-document character limit is what bounds that work.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quotex.models import ExtractionResult

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("quotex.server")


class QueueFull(Exception):
    """More documents are waiting than the server accepts (`max_queue`)."""


@dataclass(eq=False)
class _Job:
    text: str
    source: str
    future: Future = field(default_factory=Future)


class Engine:
    """Owns the pipeline; `submit` is safe from any thread."""

    def __init__(self, nlp: Language, label: str, pipe_batch: int = 16, max_queue: int = 256) -> None:
        self.nlp = nlp
        self.label = label
        self.pipe_batch = pipe_batch
        self.max_queue = max_queue
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._waiting = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="quotex-inference", daemon=True)
        self._thread.start()

    def submit(self, items: list[tuple[str, str]]) -> list[Future]:
        """Queue `(text, source)` documents; all or none (QueueFull), in order."""
        with self._lock:
            if self._waiting + len(items) > self.max_queue:
                raise QueueFull(f"{self._waiting} documents are waiting (max_queue {self.max_queue})")
            self._waiting += len(items)
        jobs = [_Job(text, source) for text, source in items]
        for job in jobs:
            self._queue.put(job)
        return [job.future for job in jobs]

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=10)

    def _take(self) -> list[_Job] | None:
        first = self._queue.get()
        if first is None:
            return None
        jobs = [first]
        while len(jobs) < self.pipe_batch:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is None:
                self._queue.put(None)  # stop after this batch
                break
            jobs.append(job)
        with self._lock:
            self._waiting -= len(jobs)
        return jobs

    def _loop(self) -> None:
        from quotex.api import result_from_doc
        from quotex.textnorm import for_parsing

        while (jobs := self._take()) is not None:
            # A cancelled future (its request timed out while queued) is not parsed at all.
            live = [job for job in jobs if job.future.set_running_or_notify_cancel()]
            if not live:
                continue
            try:
                docs = self.nlp.pipe((for_parsing(job.text) for job in live), batch_size=len(live))
                for job, doc in zip(live, docs, strict=True):
                    job.future.set_result(result_from_doc(doc, job.text, job.source, self.label))
            except Exception as exc:  # noqa: BLE001  (a bug must fail these requests, not the thread)
                log.exception("inference failed on a batch of %d documents", len(live))
                for job in live:
                    if not job.future.done():
                        job.future.set_exception(exc)


def results(futures: list[Future], timeout_at: float) -> list[ExtractionResult]:
    """Wait for every future until the monotonic deadline; TimeoutError (after cancelling the rest)."""
    import time

    out = []
    for future in futures:
        try:
            out.append(future.result(timeout=max(0.0, timeout_at - time.monotonic())))
        except TimeoutError:
            for f in futures:
                f.cancel()
            raise
    return out
