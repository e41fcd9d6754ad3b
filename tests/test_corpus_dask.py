"""Corpus runs on Dask: a LocalCluster on 127.0.0.1, a few short documents, bounded in time.

The worker-kill test SIGKILLs a worker process while it holds a task (its first task: it is still
loading spaCy), then checks that every document is in exactly one shard and in the manifest.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import time
from collections import Counter

import distributed  # noqa: F401  (the test extra brings it: a missing extra fails, never skips)
import pytest

from corpus_helpers import docs_in_shards, manifest, numbered_texts, write_jsonl


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    ) as c:
        yield c


def test_scheduler_address_runs_the_corpus(cli, tmp_path, cluster):
    rows = numbered_texts(6)
    path = write_jsonl(tmp_path / "c.jsonl", rows + ["broken"])
    out = tmp_path / "out"
    result = cli(["extract", path, "--out-dir", out, "--scheduler", cluster.scheduler_address, "--batch-size", "2"])
    assert result.exit_code == 5, result.output  # the broken line is an error record
    assert docs_in_shards(out) == Counter([r["id"] for r in rows] + ["c.jsonl:7"])
    lines = [json.loads(x) for p in sorted(out.glob("shard-*.jsonl")) for x in p.read_text("utf-8").splitlines()]
    doc = next(d for d in lines if d.get("id") == "doc-003")
    assert doc["meta"] == {"n": 3} and doc["quotations"][0]["speaker"]["text"].startswith("Mayor Ana Ruiz")


def test_a_killed_worker_loses_no_document_and_duplicates_none(tmp_path, cluster):
    from distributed import Client

    from quotex.corpus.runner import CorpusRun, run_corpus

    rows = numbered_texts(12)
    path = write_jsonl(tmp_path / "c.jsonl", rows)
    out = tmp_path / "out"
    with Client(cluster) as client:
        client.restart()  # fresh workers: the first task on each still has to load spaCy
        pids = client.run(os.getpid)
        killed: list = []

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                busy = [w for w, tasks in client.processing().items() if tasks and w in pids]
                if busy:
                    killed.append(
                        (
                            busy[0],
                            list(client.processing()[busy[0]]),
                            (out / "manifest.jsonl").exists() and manifest(out),
                        )
                    )
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    return
                time.sleep(0.01)

        killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
        killer.start()
        run = CorpusRun(paths=(str(path),), out_dir=str(out), batch_size=2, scheduler=cluster.scheduler_address)
        summary = run_corpus(run)
        killer.join(timeout=60)

    worker, tasks, manifest_then = killed[0]
    assert tasks, "the killed worker held no task"
    assert not manifest_then or len(manifest_then) < len(rows), "the worker was killed after the run"
    assert summary.failed_batches == 0 and summary.ok == len(rows)
    assert docs_in_shards(out) == Counter(r["id"] for r in rows)  # each id once
    assert Counter(e["id"] for e in manifest(out)) == Counter(r["id"] for r in rows)
    assert not list(out.glob("*.tmp-*"))


def test_scheduler_local_via_the_cli(cli, tmp_path):
    rows = numbered_texts(3)
    out = tmp_path / "out"
    result = cli(
        ["extract", write_jsonl(tmp_path / "c.jsonl", rows), "--out-dir", out, "--scheduler", "local", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert docs_in_shards(out) == Counter(r["id"] for r in rows)


def test_unreachable_scheduler_is_one_line(cli, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = write_jsonl(tmp_path / "c.jsonl", numbered_texts(1))
    started = time.monotonic()
    result = cli(["extract", path, "--out-dir", tmp_path / "out", "--scheduler", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 2 and result.stderr.startswith("quotex: error E501: ")
    assert time.monotonic() - started < 60
