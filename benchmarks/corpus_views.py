"""Time the corpus views (`quotex actors`, `quotex positions --entity`) on PolNeAR train's extraction output.

    python benchmarks/corpus_views.py [--extracted /tmp/polnear-train.jsonl] [--json]

The extraction output is made once (PolNeAR train read from ../shared at run time, each record
extracted with the default model and written with its `id` and `meta` as the corpus readers
write them; about 4 minutes on 2 cores) and kept at `--extracted` outside the repo, so that
later runs time only the views. Each view runs as a fresh `quotex` process (start-up included);
wall time, user CPU and peak memory of the child are reported, and how many actors / positions
it found.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear" / "train.jsonl"


def make_output(path: Path) -> None:
    from quotex.api import extract_many

    rows = [json.loads(line) for line in TRAIN.open(encoding="utf-8")]
    start = time.perf_counter()
    with path.open("w", encoding="utf-8") as out:
        results = extract_many((r["text"], f"{TRAIN.name}:{i + 1}") for i, r in enumerate(rows))
        for row, result in zip(rows, results):
            doc = result.model_dump(mode="json")
            doc.update(id=row["id"], meta={"date": row.get("publication_date"), "outlet": row.get("publisher")})
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"extracted {len(rows)} documents in {time.perf_counter() - start:.0f} s -> {path}", file=sys.stderr)


def timed(args: list[str]) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "quotex", *args], capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"quotex {' '.join(args)} failed: {proc.stderr.strip()}")
    return {
        "command": "quotex " + " ".join(args),
        "wall_s": round(wall, 2),
        "user_cpu_s": round(after.ru_utime - before.ru_utime, 2),
        "max_rss_mb": round(after.ru_maxrss / 1024),
        "stdout": proc.stdout,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extracted", type=Path, default=Path(tempfile.gettempdir()) / "polnear-train-extracted.jsonl")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.extracted.exists():
        if not TRAIN.exists():
            raise SystemExit(f"no {TRAIN}: PolNeAR train is needed to make the extraction output")
        make_output(args.extracted)
    path = str(args.extracted)
    runs = []
    actors = timed(["actors", path])
    report = json.loads(actors.pop("stdout"))
    actors.update(documents=report["documents"], quotations=report["quotations"], actors=len(report["actors"]))
    runs.append(actors)
    for name in ("Clinton", "Hillary Clinton", "Sanders"):
        run = timed(["positions", path, "--entity", name])
        report = json.loads(run.pop("stdout"))
        run.update(actors=[(b["actor"]["name"], len(b["positions"])) for b in report["actors"]])
        runs.append(run)
    if args.json:
        print(json.dumps(runs, indent=2))
        return
    for run in runs:
        extra = {k: v for k, v in run.items() if k not in ("command", "wall_s", "user_cpu_s", "max_rss_mb")}
        print(f"{run['command']}: {run['wall_s']} s wall, {run['user_cpu_s']} s CPU, {run['max_rss_mb']} MB; {extra}")


if __name__ == "__main__":
    main()
