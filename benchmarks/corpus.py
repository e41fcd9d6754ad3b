"""Corpus benchmark: `quotex extract CORPUS --out-dir DIR` as whole runs, start-up included.

    python benchmarks/corpus.py [--limit N] [--repeats R] [--batch-size B] [--configs p1,p2,dask2] [--json PATH]

Input: the PolNeAR train texts (../shared/datasets/polnear/train.jsonl next to the repo, or
$QUOTEX_POLNEAR_TRAIN), read at run time and written to a temporary JSON Lines corpus (`id`,
`text`, and `publisher`, `publication_date`, `title` as meta) that is deleted afterwards; nothing
from the data set is kept or committed.

Configurations, each a fresh `python -m quotex extract` process writing to a fresh directory:
  p1     --processes 1
  p2     --processes 2                       (a spawn process pool, one model per process)
  dask2  --scheduler local --workers 2       (a Dask LocalCluster on 127.0.0.1, one thread per worker)
Wall time is the whole command: interpreter start, model loads, cluster start and stop, reading,
extraction and writing. Each run is checked: exit code 0, every input id in exactly one shard and
once in the manifest. Configurations are interleaved round by round (order reversed every other
round); medians and ranges over rounds are reported. The load average before each run is printed,
because the machine may be shared.
Target (issue 10): Dask wall <= 1.2 x the `--processes 2` wall.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TRAIN = Path(os.environ.get("QUOTEX_POLNEAR_TRAIN", REPO.parent / "shared" / "datasets" / "polnear" / "train.jsonl"))
CONFIGS = {
    "p1": ["--processes", "1"],
    "p2": ["--processes", "2"],
    "dask2": ["--scheduler", "local", "--workers", "2"],
}
LABELS = {"p1": "--processes 1", "p2": "--processes 2", "dask2": "--scheduler local --workers 2"}
TARGET_DASK_OVER_P2 = 1.2
META_FIELDS = ("publisher", "publication_date", "title")


def write_corpus(dest: Path, limit: int | None) -> tuple[int, int]:
    """The temporary JSONL corpus; returns (documents, whitespace words)."""
    if not TRAIN.is_file():
        sys.exit(f"corpus.py: {TRAIN} is absent (lay out ../shared or set QUOTEX_POLNEAR_TRAIN)")
    n = words = 0
    with TRAIN.open(encoding="utf-8") as src, dest.open("w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            if limit is not None and n >= limit:
                break
            row = json.loads(line)
            record = {"id": row["id"], "text": row["text"]} | {k: row[k] for k in META_FIELDS if k in row}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
            words += len(row["text"].split())
    return n, words


def input_ids(path: Path) -> Counter:
    return Counter(json.loads(line)["id"] for line in path.open(encoding="utf-8"))


def check_output(out: Path, expected: Counter) -> None:
    sys.path.insert(0, str(REPO / "src"))
    from quotex.corpus.shards import MANIFEST, shard_statuses

    in_shards = Counter()
    for name in sorted(p.name for p in out.iterdir() if p.name.startswith("shard-")):
        in_shards.update(s.id for s in shard_statuses(str(out), name))
    in_manifest = Counter(json.loads(line)["id"] for line in (out / MANIFEST).open(encoding="utf-8"))
    if in_shards != expected or in_manifest != expected:
        sys.exit(f"corpus.py: {out}: the shards or the manifest do not hold every input id exactly once")


def run_once(config: str, corpus: Path, work: Path, batch_size: int, expected: Counter) -> dict:
    out = work / f"out-{config}-{time.monotonic_ns()}"
    cmd = [
        sys.executable,
        "-m",
        "quotex",
        "extract",
        str(corpus),
        "--out-dir",
        str(out),
        "--batch-size",
        str(batch_size),
    ]
    cmd += CONFIGS[config]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of the command and every process it waited for (pool workers, Dask nannies and workers).
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"corpus.py: {' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    check_output(out, expected)
    return {
        "config": config,
        "wall_s": wall,
        "cpu_s": cpu,
        "load_before": load,
        "stderr_tail": proc.stderr.strip().splitlines()[-1],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N train texts (default: all 840)")
    ap.add_argument("--repeats", type=int, default=1, help="rounds (default 1)")
    ap.add_argument("--batch-size", type=int, default=32, help="documents per shard (default 32, as the CLI)")
    ap.add_argument("--configs", default="p1,p2,dask2", help="comma-separated: " + ", ".join(CONFIGS))
    ap.add_argument("--json", dest="json_path", default=None, help="also write the runs as JSON to PATH")
    args = ap.parse_args()
    configs = [c for c in args.configs.split(",") if c]
    unknown = set(configs) - CONFIGS.keys()
    if unknown:
        sys.exit(f"corpus.py: unknown configs {sorted(unknown)}")

    with tempfile.TemporaryDirectory(prefix="quotex-corpus-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "train.jsonl"
        docs, words = write_corpus(corpus, args.limit)
        expected = input_ids(corpus)
        print(
            f"corpus: {docs} PolNeAR train texts, {words:,} words; batch size {args.batch_size}; nproc {os.cpu_count()}",
            file=sys.stderr,
        )
        runs = []
        for r in range(args.repeats):
            order = configs if r % 2 == 0 else list(reversed(configs))
            for config in order:
                result = run_once(config, corpus, work, args.batch_size, expected)
                result["round"] = r
                runs.append(result)
                print(
                    f"round {r}: {config:6s} {result['wall_s']:7.1f} s wall, {result['cpu_s']:7.1f} s CPU"
                    f"  (load avg before {result['load_before']:.2f})",
                    file=sys.stderr,
                )

    walls = {c: [x["wall_s"] for x in runs if x["config"] == c] for c in configs}
    med = {c: statistics.median(w) for c, w in walls.items()}
    print("\n| command | wall s (median) | min–max | docs/s | words/s | CPU s (median) | load avg before (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for c in configs:
        loads = statistics.median(x["load_before"] for x in runs if x["config"] == c)
        cpu = statistics.median(x["cpu_s"] for x in runs if x["config"] == c)
        print(
            f"| `{LABELS[c]}` | {med[c]:.1f} | {min(walls[c]):.1f}–{max(walls[c]):.1f} | {docs / med[c]:.2f} | "
            f"{words / med[c]:,.0f} | {cpu:.1f} | {loads:.2f} |"
        )
    verdict = None
    if "dask2" in med and "p2" in med:
        ratio = med["dask2"] / med["p2"]
        verdict = ratio <= TARGET_DASK_OVER_P2
        print(
            f"\nDask / --processes 2 wall: {ratio:.2f}x (target <= {TARGET_DASK_OVER_P2}x): {'met' if verdict else 'NOT met'}"
        )
    if "p1" in med and "p2" in med:
        print(f"--processes 2 speed-up over 1: {med['p1'] / med['p2']:.2f}x")
    if args.json_path:
        Path(args.json_path).write_text(
            json.dumps(
                {
                    "documents": docs,
                    "words": words,
                    "batch_size": args.batch_size,
                    "runs": runs,
                    "dask_target_met": verdict,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
