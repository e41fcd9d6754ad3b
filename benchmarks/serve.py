"""Throughput and latency of `quotex serve` against `quotex extract` on the same texts.

    python benchmarks/serve.py                 # PolNeAR dev, 1 and 2 workers, 2 rounds
    python benchmarks/serve.py --quick         # 20 texts, 1 round (about a minute)
    python benchmarks/serve.py --workers 1 --rounds 3 --passes 2 --json out.json

Texts: the `text` field of PolNeAR dev (../shared/datasets/polnear/dev.jsonl, or
$QUOTEX_POLNEAR_DEV), read at run time and never copied into the repository (the CLI rows write
them to a temporary directory that is deleted afterwards).

Per round, in this order (reversed every other round, so drift on a shared machine hits all alike):
  * `cli`      — `quotex extract TMPDIR -o /dev/null` as a fresh process: wall time, start-up and
                 model load included (what a user running the CLI per batch pays);
  * `cli-warm` — the same work in a fresh process, timed after the model is loaded and warmed up:
                 `api.extract_stream` + one JSON line per result, as the CLI writes it. This is the
                 bar for the server (target: 1 worker >= 0.85x);
  * `serve-W`  — `quotex serve --workers W --log-level warning` on a free 127.0.0.1 port; after
                 /readyz and a warm-up request per worker, 8 concurrent clients (asyncio + httpx)
                 post every text `--passes` times (`POST /extract`, one article a request) and
                 check each answer (status 200 and an extraction result). Throughput = requests /
                 wall; latency per request (p50/p95/p99); peak RSS per worker (VmHWM of each worker
                 process); failed = non-200 answers, transport errors and timeouts.

Bounded: at most `--passes` x texts requests per run (84 x 2 = 168 by default; refuses more than
5,000), each run stops after `--run-timeout` seconds, every server is stopped with SIGINT (then
SIGKILL) however the run ends. Listens on 127.0.0.1 only.

Load on the machine: the CPU time used by other processes during each run (from /proc/stat minus
this benchmark's own process tree) is printed next to it, in cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotex.server.launch import HOST, free_port, serve_command, stop, wait_ready

REPO = Path(__file__).resolve().parents[1]
POLNEAR_DEV = Path(os.environ.get("QUOTEX_POLNEAR_DEV", REPO.parent / "shared" / "datasets" / "polnear" / "dev.jsonl"))
CLIENTS = 8
MAX_REQUESTS = 5_000
TARGET = 0.85
TICK = os.sysconf("SC_CLK_TCK")


def load_texts(limit: int | None) -> list[str]:
    if not POLNEAR_DEV.is_file():
        sys.exit(f"serve.py: {POLNEAR_DEV} is absent (lay out ../shared or set QUOTEX_POLNEAR_DEV)")
    with POLNEAR_DEV.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    return texts[:limit] if limit else texts


# ------------------------------------------------------------------------------ processes and load
def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        todo += _children(p)
    return pids


def _cpu_jiffies(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError):
        return 0


def _busy_jiffies() -> int:
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4]  # all but idle and iowait


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Load:
    """CPU used by everything else on the machine during a run, in cores (a sample, not a guarantee)."""

    def __init__(self, own: list[int]) -> None:
        self.own = set(own)
        self.t0, self.busy0 = time.monotonic(), _busy_jiffies()
        self.own0 = {p: _cpu_jiffies(p) for p in self.own}
        self.reaped0 = self._reaped_s()

    @staticmethod
    def _reaped_s() -> float:  # CPU of our children that have exited (gone from /proc)
        import resource

        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        return ru.ru_utime + ru.ru_stime

    def add(self, pids: list[int]) -> None:
        for p in pids:
            if p not in self.own:
                self.own.add(p)
                self.own0[p] = 0  # started during the run: all its CPU is ours

    def others_cores(self) -> float:
        wall = time.monotonic() - self.t0
        ours = sum(max(0, _cpu_jiffies(p) - self.own0.get(p, 0)) for p in self.own) / TICK
        ours += self._reaped_s() - self.reaped0
        return max(0.0, (_busy_jiffies() - self.busy0) / TICK - ours) / wall


# ------------------------------------------------------------------------------------------- the CLI
def run_cli(texts: list[str], model: str | None) -> dict:
    with tempfile.TemporaryDirectory(prefix="quotex-bench-") as d:
        for i, t in enumerate(texts):
            Path(d, f"{i:04d}.txt").write_text(t, encoding="utf-8")
        args = [sys.executable, "-m", "quotex", "extract", d, "--format", "jsonl", "-o", os.devnull]
        if model:
            args += ["--model", model]
        load = Load([os.getpid()])
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
        load.add([proc.pid])
        cpu0 = Load._reaped_s()
        _, err = proc.communicate(timeout=1800)
        wall = time.perf_counter() - t0
        cpu = Load._reaped_s() - cpu0
        if proc.returncode != 0:
            sys.exit(f"serve.py: quotex extract failed ({proc.returncode}): {err[-500:]}")
    return {
        "what": "cli",
        "articles": len(texts),
        "wall_s": wall,
        "articles_per_s": len(texts) / wall,
        "cpu_ms_per_article": 1000 * cpu / len(texts),
        "others_cores": load.others_cores(),
    }


_WARM_CHILD = r"""
import json, os, sys, time
from quotex.api import extract_stream
from quotex.inputs import Document
from quotex.pipeline.loader import load_pipeline
texts = json.load(sys.stdin)
model = sys.argv[1] or None
load_pipeline(model)
docs = [Document(t, f"t{i}") for i, t in enumerate(texts)]
list(extract_stream(docs[:2], model=model))  # warm-up
t0, c0 = time.perf_counter(), time.process_time()
with open(os.devnull, "w") as out:
    for r in extract_stream(docs, model=model):
        out.write(r.model_dump_json() + "\n")
print(json.dumps({"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0}))
"""


def run_cli_warm(texts: list[str], model: str | None) -> dict:
    code = _WARM_CHILD
    load = Load([os.getpid()])
    proc = subprocess.Popen(
        [sys.executable, "-c", code, model or ""],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    load.add([proc.pid])
    out, err = proc.communicate(json.dumps(texts), timeout=1800)
    if proc.returncode != 0:
        sys.exit(f"serve.py: in-process extraction failed: {err[-800:]}")
    timed = json.loads(out.strip().splitlines()[-1])
    wall = timed["wall_s"]
    return {
        "what": "cli-warm",
        "articles": len(texts),
        "wall_s": wall,
        "articles_per_s": len(texts) / wall,
        "cpu_ms_per_article": 1000 * timed["cpu_s"] / len(texts),
        "others_cores": load.others_cores(),
    }


# ---------------------------------------------------------------------------------------- the server
async def _load(url: str, texts: list[str], passes: int, run_timeout: float) -> tuple[list[float], int, float]:
    import httpx

    work = asyncio.Queue()
    for _ in range(passes):
        for t in texts:
            work.put_nowait(t)
    latencies: list[float] = []
    failed = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal failed
        while True:
            try:
                text = work.get_nowait()
            except asyncio.QueueEmpty:
                return
            t0 = time.perf_counter()
            try:
                r = await http.post("/extract", json={"text": text})
                ok = (
                    r.status_code == 200 and r.content.startswith(b'{"schema_version"') and b'"quotations"' in r.content
                )
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - t0)
            failed += not ok

    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        t0 = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(client(http) for _ in range(CLIENTS))), run_timeout)
        wall = time.perf_counter() - t0
    return latencies, failed, wall


def run_server(texts: list[str], workers: int, passes: int, model: str | None, run_timeout: float) -> dict:
    port = free_port()
    args = serve_command(port, "--workers", str(workers), "--timeout", "120")
    if model:
        args += ["--model", model]
    # Own process group (to stop workers with it) but the same session as the CLI runs: with the
    # kernel's autogroup scheduling, a new session would be scheduled as a separate group.
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, process_group=0)
    url = f"http://{HOST}:{port}"
    try:
        try:
            wait_ready(proc, url, 180)
        except RuntimeError as exc:
            sys.exit(f"serve.py: {exc}")
        time.sleep(0.5 if workers == 1 else 3)  # the other workers finish loading
        pids = _tree(proc.pid)
        worker_pids = (
            [proc.pid] if workers == 1 else [p for p in pids if p != proc.pid and _vm_hwm_mb(p) and _vm_hwm_mb(p) > 100]
        )
        asyncio.run(_load(url, texts[: 2 * workers * 2], 1, run_timeout))  # warm-up, not timed
        load = Load([os.getpid(), *pids])
        cpu0 = [_cpu_jiffies(p) for p in worker_pids]
        latencies, failed, wall = asyncio.run(_load(url, texts, passes, run_timeout))
        others = load.others_cores()
        # CPU per worker shows how the kernel spread the 8 kept-alive connections over the workers
        cpu = [round((_cpu_jiffies(p) - c) / TICK, 1) for p, c in zip(worker_pids, cpu0)]
        peak = [round(_vm_hwm_mb(p) or 0) for p in worker_pids]
    finally:
        stop(proc, grace=30)
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "what": f"serve-{workers}",
        "articles": len(latencies),
        "wall_s": wall,
        "articles_per_s": len(latencies) / wall,
        "failed": failed,
        "p50_s": q[49],
        "p95_s": q[94],
        "p99_s": q[98],
        "peak_rss_mb_per_worker": peak,
        "cpu_s_per_worker": cpu,
        "cpu_ms_per_article": 1000 * sum(cpu) / len(latencies),
        "others_cores": others,
    }


# --------------------------------------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="20 texts, 1 round, 1 pass")
    ap.add_argument("--limit", type=int, help="first N texts of dev")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--passes", type=int, default=2, help="times each text is posted per server run")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--model")
    ap.add_argument("--run-timeout", type=float, default=900, help="seconds before a server run gives up")
    ap.add_argument("--json", help="write every run as JSON here")
    a = ap.parse_args()
    if a.quick:
        a.limit, a.rounds, a.passes = a.limit or 20, 1, 1
    texts = load_texts(a.limit)
    workers = [int(w) for w in a.workers.split(",")]
    if a.passes * len(texts) > MAX_REQUESTS:
        sys.exit(f"serve.py: {a.passes} x {len(texts)} requests is over the bound of {MAX_REQUESTS}")

    print(
        f"texts: {len(texts)} from {POLNEAR_DEV}; {sum(len(t) for t in texts):,} characters; "
        f"{CLIENTS} clients; {a.passes} pass(es) per server run; {a.rounds} round(s); nproc {os.cpu_count()}; "
        f"loadavg before: {Path('/proc/loadavg').read_text().split()[:3]}",
        flush=True,
    )
    plan = ["cli", "cli-warm", *[f"serve-{w}" for w in workers]]
    runs: list[dict] = []
    for rnd in range(a.rounds):
        for what in plan if rnd % 2 == 0 else list(reversed(plan)):
            if what == "cli":
                r = run_cli(texts, a.model)
            elif what == "cli-warm":
                r = run_cli_warm(texts, a.model)
            else:
                r = run_server(texts, int(what.split("-")[1]), a.passes, a.model, a.run_timeout)
            r["round"] = rnd + 1
            runs.append(r)
            print(
                "  " + json.dumps({k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()}), flush=True
            )

    def med(what: str, key: str):
        vals = [r[key] for r in runs if r["what"] == what]
        return statistics.median(vals) if vals else None

    def span(what: str, key: str) -> str:
        vals = [r[key] for r in runs if r["what"] == what]
        return f"{min(vals):.2f}–{max(vals):.2f}" if len(vals) > 1 else ""

    bar = med("cli-warm", "articles_per_s")
    print()
    print(
        "| what | articles/s (median) | range | vs cli-warm | CPU ms per article | p50 s | p95 s | p99 s | "
        "peak RSS MB per worker | CPU s per worker | failed | other load (cores) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|")
    for what in plan:
        rate = med(what, "articles_per_s")
        row = [
            what,
            f"{rate:.2f}",
            span(what, "articles_per_s"),
            f"{rate / bar:.2f}x",
            f"{med(what, 'cpu_ms_per_article'):.0f}",
        ]
        if what.startswith("serve"):
            peaks = [r["peak_rss_mb_per_worker"] for r in runs if r["what"] == what]
            row += [
                f"{med(what, 'p50_s'):.3f}",
                f"{med(what, 'p95_s'):.3f}",
                f"{med(what, 'p99_s'):.3f}",
                " / ".join(str(max(p[i] for p in peaks)) for i in range(len(peaks[0]))),
                "; ".join(" / ".join(str(c) for c in r["cpu_s_per_worker"]) for r in runs if r["what"] == what),
                str(sum(r["failed"] for r in runs if r["what"] == what)),
            ]
        else:
            row += ["", "", "", "", "", ""]
        row.append(f"{med(what, 'others_cores'):.2f}")
        print("| " + " | ".join(row) + " |")
    ok = True
    if "serve-1" in plan:
        ratio = med("serve-1", "articles_per_s") / bar
        ok = ratio >= TARGET
        print(f"\nserve, 1 worker / cli-warm: {ratio:.2f}x (target >= {TARGET}x: {'met' if ok else 'NOT met'})")
        eff = med("cli-warm", "cpu_ms_per_article") / med("serve-1", "cpu_ms_per_article")
        print(f"CPU per article, cli-warm / serve (1 worker's process): {eff:.2f}x (less sensitive to other load)")
    failed = sum(r.get("failed", 0) for r in runs)
    print(f"failed requests: {failed}")
    print(f"loadavg after: {Path('/proc/loadavg').read_text().split()[:3]}")
    if a.json:
        Path(a.json).write_text(json.dumps({"texts": len(texts), "runs": runs}, indent=1), encoding="utf-8")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
