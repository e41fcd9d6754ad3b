"""Run a corpus on Dask (`--scheduler local` or `--scheduler tcp://HOST:8786`).

Dask schedules `worker.process_batch` tasks and retries a task whose worker died (up to
`distributed.scheduler.allowed-failures` times); quotex gives what Dask does not: each batch's
shard is written atomically under a name fixed before the task is submitted, so a retried task
rewrites the same shard instead of adding one, and the driver records a batch in the manifest only
once its task has returned. Each worker process loads the spaCy pipeline once (the loader is
cached per process); workers should run one thread each (`dask worker --nthreads 1`), since
spaCy gains nothing from threads. On a real cluster the output directory must be reachable by
every worker under the same name: a shared file system, or an fsspec URL (`s3://…` with s3fs).
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any

from quotex.errors import Err, QuotexError

if TYPE_CHECKING:
    from quotex.corpus.runner import Batches, CorpusRun, OnDone, OnLost

LOCAL = "local"

# Worker settings for `--scheduler local` (a worker process inherits them from its nanny). Measured
# on 40 PolNeAR train texts in one worker (CPU seconds, `time.process_time`, two runs each): a spawn
# pool process 3.5-3.6 s; a default Dask worker 4.8-5.2 s; without MALLOC_TRIM_THRESHOLD_ 4.1-4.2 s;
# with all of these 3.8-4.0 s. The nanny's MALLOC_TRIM_THRESHOLD_=65536 makes glibc hand memory back
# on nearly every free, which spaCy's and Pydantic's many small objects pay for; the statistical
# profiler and fast ticks interrupt the task thread for dashboards quotex does not show. For a
# cluster of your own, start its workers with the same settings (docs/corpus.md).
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def _client(scheduler: str, workers: int) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise QuotexError(Err.CORPUS_NEEDS_EXTRA, what="--scheduler", extra="dask") from None
    if scheduler == LOCAL:
        import dask

        with dask.config.set(LOCAL_WORKER_CONFIG):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",  # never listen beyond this machine
                dashboard_address="127.0.0.1:0",  # its HTTP endpoint: loopback, any free port
                silence_logs=logging.ERROR,
            )
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout="15s"), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise QuotexError(Err.CLUSTER_UNREACHABLE, address=scheduler, detail=str(exc) or type(exc).__name__) from None


def run_on_dask(run: CorpusRun, batches: Batches, on_done: OnDone, on_lost: OnLost, client: Any = None) -> None:
    """Submit every batch as one task; `client` lets tests pass a cluster they control."""
    from distributed import wait

    from quotex.corpus.runner import drive
    from quotex.corpus.worker import process_batch

    own, cluster = None, None
    if client is None:
        assert run.scheduler is not None  # the runner comes here for --scheduler only
        own, cluster = _client(run.scheduler, run.workers)
        client = own
    try:
        slots = max(1, sum(client.nthreads().values()))
        run_key = uuid.uuid4().hex[:8]
        drive(
            batches,
            submit=lambda shard, recs: client.submit(
                process_batch,
                recs,
                run.out_dir,
                shard,
                run.fmt,
                run.model,
                run.attribution,
                key=f"quotex-{shard}-{run_key}",
                pure=False,
            ),
            wait_first=lambda fs: wait(fs, return_when="FIRST_COMPLETED").done,
            result=lambda f: f.result(),
            window=2 * slots,
            on_done=on_done,
            on_lost=on_lost,
        )
    finally:
        if own is not None:
            own.close()
        if cluster is not None:
            cluster.close()
