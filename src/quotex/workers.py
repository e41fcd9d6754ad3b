"""Worker processes for `--processes N`: windows of text in, the component's data out.

Our own small pool rather than `nlp.pipe(n_process=N)`, whose workers outlived a closed pipe,
SIGINT and SIGTERM (issue 9). The rules that make every ending clean:

* workers are forked once the pipeline is loaded (no reload, shared pages) and before any
  thread is started (the progress bar starts later);
* workers ignore SIGINT: Ctrl-C in a terminal reaches the whole process group, and only the
  parent should react (by closing the pool), so there is one message and no tracebacks;
* `close()` — called when the stream ends, fails or is interrupted — terminates and reaps
  every worker; a worker whose parent is gone (killed with SIGKILL) gets SIGTERM from the
  kernel (Linux `PR_SET_PDEATHSIG`), else exits by itself within a second of being idle;
* a worker that dies on a task (killed, out of memory) does not lose its documents: the
  outstanding windows are parsed in the parent instead.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotex.api import PipelineChoice

_POLL_SECONDS = 1.0


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _die_with_parent() -> None:
    """Linux: have the kernel send SIGTERM to this worker when its parent dies (even by
    SIGKILL). Best effort; the orphan check in the task loop covers other systems."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker(
    model: str | None,
    pipeline: PipelineChoice,
    batch_size: int,
    tasks: multiprocessing.Queue,
    results: multiprocessing.Queue,
    parent_pid: int,
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(0)
    from quotex.api import parse_windows
    from quotex.pipeline.loader import load_pipeline

    nlp = load_pipeline(model, **pipeline)  # cached before the fork: no reload
    while True:
        try:
            task = tasks.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent_pid:
                # orphaned: exit at once (a normal return would wait for the result queue's
                # feeder thread, which may block forever on a pipe nobody reads)
                os._exit(0)
            continue
        if task is None:
            return
        task_id, texts = task
        results.put((task_id, parse_windows(nlp, texts, batch_size)))


class WindowPool:
    """`parse(texts)` like the in-process parser, spread over `n` worker processes.

    Windows are sent in tasks of `batch_size`; up to two tasks per worker are in flight, so
    memory stays bounded however long the stream is."""

    def __init__(
        self,
        n: int,
        model: str | None,
        pipeline: PipelineChoice,
        batch_size: int,
        fallback: Callable[[list[str]], list],
    ) -> None:
        ctx = multiprocessing.get_context("fork")
        self.batch_size = batch_size
        self.fallback = fallback
        self.tasks = ctx.Queue()
        self.results = ctx.Queue()
        self.sent: dict[int, list[str]] = {}
        self.done: dict[int, list] = {}
        self.next_id = 0
        self.closed = False
        # Anything buffered now would be written again by every child that flushes on exit.
        sys.stdout.flush()
        sys.stderr.flush()
        self.procs = [
            ctx.Process(
                target=_worker,
                args=(model, pipeline, batch_size, self.tasks, self.results, os.getpid()),
                daemon=True,
                name=f"quotex-worker-{k + 1}",
            )
            for k in range(n)
        ]
        for p in self.procs:
            p.start()
        self.in_flight_limit = 2 * n

    def submit(self, texts: list[str]) -> int:
        task_id = self.next_id
        self.next_id += 1
        self.sent[task_id] = texts
        self.tasks.put((task_id, texts))
        return task_id

    def collect(self, task_id: int) -> list:
        while task_id not in self.done:
            try:
                got_id, data = self.results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if any(not p.is_alive() for p in self.procs):
                    self._recover()
                continue
            self.done[got_id] = data
            self.sent.pop(got_id, None)
        return self.done.pop(task_id)

    def _recover(self) -> None:
        """A worker died: parse everything outstanding here, then carry on without the pool."""
        dead = [p for p in self.procs if not p.is_alive()]
        codes = ", ".join(str(p.exitcode) for p in dead)
        print(f"quotex: a worker process ended (exit {codes}); continuing in the main process", file=sys.stderr)
        self.close()
        for task_id, texts in sorted(self.sent.items()):
            self.done[task_id] = self.fallback(texts)
        self.sent.clear()

    def close(self) -> None:
        """End every worker now (SIGTERM, then SIGKILL after a grace period) and reap it."""
        if self.closed:
            return
        self.closed = True
        for q in (self.tasks, self.results):
            q.cancel_join_thread()  # never block exit on a queue nobody will read
        for p in self.procs:
            if p.is_alive():
                p.terminate()
        for p in self.procs:
            p.join(timeout=2)
            if p.is_alive():
                p.kill()
                p.join(timeout=2)
        for q in (self.tasks, self.results):
            q.close()

    def __del__(self) -> None:  # a stream dropped without being closed
        try:
            self.close()
        except Exception:  # noqa: BLE001
            pass
