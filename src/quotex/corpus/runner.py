"""Drive a corpus run: read records, skip those already done, batch the rest, hand each batch to
an executor, record finished batches in the manifest, and show progress.

Executors: this process (`--processes 1`), a process pool (`--processes N`), or Dask
(`--scheduler local|tcp://HOST:8786`, see `dask_runner`). All run `worker.process_batch`, which
writes the shard; only this driver writes the manifest, and only after a shard is in place.
At most `2 x workers` batches are in flight, so memory stays bounded however large the corpus.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import BinaryIO, TypeVar

from quotex.corpus.files import count_records, list_corpus
from quotex.corpus.readers import ReadOptions, Record, mark_duplicate_ids, read_corpus
from quotex.corpus.shards import DocStatus, OutDir, shard_name
from quotex.errors import Err, QuotexError

Future = TypeVar("Future")  # an executor's handle on a submitted batch (concurrent.futures or Dask)
Batches = Iterator[tuple[str, list[Record]]]  # (shard name, its records)
OnDone = Callable[[list[DocStatus]], None]
OnLost = Callable[[str, int, BaseException], None]  # (shard, documents in it, what went wrong)


@dataclass(frozen=True)
class CorpusRun:
    """Everything one `quotex extract CORPUS --out-dir DIR` needs."""

    paths: tuple[str, ...]
    out_dir: str
    fmt: str = "jsonl"
    read: ReadOptions = ReadOptions()
    batch_size: int = 32
    processes: int = 1
    scheduler: str | None = None
    workers: int = 2
    model: str | None = None
    attribution: tuple[bool, str | None] = (True, None)
    """(learned model on, its directory): `--rules-only` / `--model-dir`, handed to every worker."""


@dataclass
class RunSummary:
    total: int = 0
    """Documents in the corpus (including those done before)."""
    skipped: int = 0
    """Already in the manifest when the run started."""
    ok: int = 0
    failed: int = 0
    codes: set[str] = field(default_factory=set)
    failed_batches: int = 0
    """Batches the executor lost (their documents stay undone; a re-run retries them)."""
    seconds: float = 0.0


def plan_batches(
    records: Iterable[Record], done: dict[str, DocStatus], run: CorpusRun, first_index: int, summary: RunSummary
) -> Iterator[tuple[str, list[Record]]]:
    """`(shard name, records)` for every batch still to do, numbered from `first_index`."""
    index, batch = first_index, []
    for record in mark_duplicate_ids(records):
        summary.total += 1
        if record.id in done:
            summary.skipped += 1
            continue
        batch.append(record)
        if len(batch) >= run.batch_size:
            yield shard_name(index, run.fmt), batch
            index, batch = index + 1, []
    if batch:
        yield shard_name(index, run.fmt), batch


def drive(
    batches: Batches,
    submit: Callable[[str, list[Record]], Future],
    wait_first: Callable[[list[Future]], Iterable[Future]],
    result: Callable[[Future], list[DocStatus]],
    window: int,
    on_done: OnDone,
    on_lost: OnLost,
) -> None:
    """Keep up to `window` batches in flight; hand each finished one to `on_done`.

    A `QuotexError` from a batch (a model that cannot load) stops the run; any other failure
    loses that batch only (`on_lost`): its documents are not marked done, so a re-run redoes them."""
    pending: dict[Future, tuple[str, int]] = {}
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            try:
                shard, records = next(batches)
            except StopIteration:
                exhausted = True
                break
            pending[submit(shard, records)] = (shard, len(records))
        if not pending:
            return
        for future in wait_first(list(pending)):
            shard, count = pending.pop(future)
            try:
                statuses = result(future)
            except QuotexError:
                raise
            except Exception as exc:
                on_lost(shard, count, exc)
            else:
                on_done(statuses)


def run_corpus(
    run: CorpusRun,
    stdin: BinaryIO | None = None,
    show_progress: bool = False,
    log: Callable[[str], None] | None = None,
) -> RunSummary:
    """The whole run; raises `QuotexError` for problems with the run itself (paths, out-dir, model)."""
    started = time.perf_counter()
    for arg in run.paths:  # fail on a missing path before touching the output directory
        list_corpus(arg)
    if run.fmt == "parquet":
        from quotex.corpus.shards import encode_parquet

        encode_parquet([], "check")  # E130 now, not on the first worker
    out = OutDir(run.out_dir)
    out.lock()
    out.remove_temporaries()
    done = out.read_manifest()
    out.reconcile(done)
    summary = RunSummary()
    records = read_corpus(run.paths, run.read, stdin=stdin)
    batches = plan_batches(records, done, run, out.next_index(), summary)
    total = count_records(run.paths) if show_progress and "-" not in run.paths else None

    with _progress(show_progress, total, len(done)) as advance:

        def on_done(statuses: list[DocStatus]) -> None:
            out.append(statuses)
            for s in statuses:
                if s.status == "ok":
                    summary.ok += 1
                else:
                    summary.failed += 1
                    summary.codes.add(s.code or "?")
            advance(len(statuses))

        def on_lost(shard: str, count: int, exc: BaseException) -> None:
            summary.failed_batches += 1
            if log:
                log(f"quotex: batch {shard} ({count} documents) was lost: {type(exc).__name__}: {exc}")

        try:
            if run.scheduler:
                from quotex.corpus.dask_runner import run_on_dask

                run_on_dask(run, batches, on_done, on_lost)
            elif run.processes > 1:
                _run_in_pool(run, batches, on_done, on_lost)
            else:
                _run_here(run, batches, on_done)
        finally:
            out.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def _run_here(run: CorpusRun, batches: Batches, on_done: OnDone) -> None:
    from quotex.corpus.worker import process_batch

    for shard, records in batches:
        on_done(process_batch(records, run.out_dir, shard, run.fmt, run.model, run.attribution))


def _run_in_pool(run: CorpusRun, batches: Batches, on_done: OnDone, on_lost: OnLost) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    # spawn: a fresh interpreter per worker (no forked Rich threads or half-loaded models);
    # each loads the pipeline once, on its first batch.
    from concurrent.futures.process import BrokenProcessPool

    from quotex.corpus.worker import process_batch

    pool = ProcessPoolExecutor(max_workers=run.processes, mp_context=multiprocessing.get_context("spawn"))
    try:
        drive(
            batches,
            submit=lambda shard, recs: pool.submit(
                process_batch, recs, run.out_dir, shard, run.fmt, run.model, run.attribution
            ),
            wait_first=lambda fs: wait(fs, return_when=FIRST_COMPLETED).done,
            result=lambda f: f.result(),
            window=2 * run.processes,
            on_done=on_done,
            on_lost=on_lost,
        )
    except BrokenProcessPool:
        # A worker process died (killed, out of memory): what is in the manifest is safe.
        raise QuotexError(Err.CLUSTER_BATCH_FAILED, count="some", detail="a worker process died") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _progress:
    """A Rich bar on stderr: documents done (of the total, when it is known), docs/s and ETA."""

    def __init__(self, enabled: bool, total: int | None, already: int) -> None:
        self.enabled, self.total, self.already = enabled, total, already

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda n: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("quotex"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.bar.__enter__()
        self.task = self.bar.add_task("extract", total=self.total, completed=self.already, rate="–")
        self.start, self.count = time.perf_counter(), 0

        def advance(n: int) -> None:
            self.count += n
            rate = self.count / max(time.perf_counter() - self.start, 1e-9)
            self.bar.update(self.task, advance=n, rate=f"{rate:.1f}")

        return advance

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.enabled:
            self.bar.__exit__(kind, exc, tb)
