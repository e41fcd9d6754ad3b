"""Time and peak memory for long single documents and for many short ones (issue 9).

    python benchmarks/long_docs.py                  # every case, a fresh process each
    python benchmarks/long_docs.py --cases 10kb 1mb # some of them
    python benchmarks/long_docs.py --json out.json  # also write the figures

Documents are built from the repo's own `samples/*.txt`, paragraphs repeated in order up to the
size (dense text: every character is parsed). Each case runs in a fresh Python process, so
its peak resident memory (`ru_maxrss`) is its own: model load included, nothing carried over.
The time is `quotex.api.extract_stream` (windowing, parse, rules, stitching, building the
result) after a warm-up document; "ms / 1,000 words" divides it by whitespace-separated words.
Both wall-clock and CPU time (`time.process_time`) are given: on a shared machine the wall
clock mostly measures the neighbours, CPU time much less so.
The 5 MB case also checks that every offset holds (`text[start:end] == span.text`).

Targets (issue 9): ms / 1,000 words at 5 MB within 1.3x of that at 10 KB; peak memory at most
700 MB for a 1 MB document and at most 400 MB after 1,000 short documents.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = {"10kb": 10_000, "100kb": 100_000, "1mb": 1_000_000, "5mb": 5_000_000, "1000-short": 0}
SHORT_DOCS = 1000


def build_document(size: int) -> str:
    """Paragraphs of the samples, in order, repeated up to `size` characters (whole paragraphs)."""
    paragraphs = [
        p
        for path in sorted((ROOT / "samples").glob("*.txt"))
        for p in path.read_text(encoding="utf-8").splitlines()
        if p.strip()
    ]
    out, n, k = [], 0, 0
    while True:
        p = paragraphs[k % len(paragraphs)] + "\n"
        if n + len(p) > size and out:
            return "".join(out)
        out.append(p)
        n += len(p)
        k += 1


def short_documents(count: int) -> list[str]:
    """`count` short documents: the samples in turn, each a few hundred words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    return [texts[k % len(texts)] for k in range(count)]


def _offsets_hold(text: str, result) -> int:
    n = 0
    for q in result.quotations:
        for span in [q.content, *q.fragments, q.cue, q.speaker]:
            if span is not None:
                assert text[span.start : span.end] == span.text
                n += 1
    for e in result.entities:
        for span in e.mentions:
            assert text[span.start : span.end] == span.text
            n += 1
    return n


def run_case(name: str) -> dict:
    """One case in this process (called in a fresh child)."""
    from quotex.api import extract_stream

    list(extract_stream([(build_document(10_000), "warm-up")]))
    if name == "1000-short":
        docs = short_documents(SHORT_DOCS)
        words = sum(len(d.split()) for d in docs)
        started, cpu_started = time.perf_counter(), time.process_time()
        n = sum(1 for _ in extract_stream((d, f"d{k}") for k, d in enumerate(docs)))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        assert n == SHORT_DOCS
        out = {"chars": sum(len(d) for d in docs), "documents": n}
    else:
        text = build_document(CASES[name])
        words = len(text.split())
        # small documents are repeated (fresh each time) so that the timing is not a few ms
        repeat = max(1, 200_000 // len(text))
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in range(repeat):
            (result,) = list(extract_stream([(text, name)]))
        seconds = (time.perf_counter() - started) / repeat
        cpu = (time.process_time() - cpu_started) / repeat
        out = {
            "chars": len(text),
            "documents": 1,
            "repeat": repeat,
            "quotations": len(result.quotations),
            "entities": len(result.entities),
        }
        if name == "5mb":
            out["offsets_checked"] = _offsets_hold(text, result)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.update(
        case=name,
        words=words,
        seconds=round(seconds, 2),
        cpu_seconds=round(cpu, 2),
        ms_per_1000_words=round(1000 * seconds / words * 1000, 1),
        cpu_ms_per_1000_words=round(1000 * cpu / words * 1000, 1),
        peak_mb=round(peak_mb),
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child)))
        return
    rows = []
    for name in args.cases:
        proc = subprocess.run([sys.executable, __file__, "--child", name], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"{name} failed:\n{proc.stderr}")
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{name:>10}: {row['chars']:>9,} chars {row['words']:>8,} words  {row['seconds']:>7.2f} s  "
            f"{row['ms_per_1000_words']:>6.1f} ms/1000 words (CPU {row['cpu_ms_per_1000_words']:>6.1f})  "
            f"peak {row['peak_mb']:>4} MB",
            flush=True,
        )
    by = {r["case"]: r for r in rows}
    checks = []
    if "10kb" in by and "5mb" in by:
        for key, label in (("ms_per_1000_words", "wall"), ("cpu_ms_per_1000_words", "CPU")):
            ratio = by["5mb"][key] / by["10kb"][key]
            checks.append((f"{label} time per 1,000 words, 5 MB / 10 KB", f"{ratio:.2f}x", ratio <= 1.3, "<= 1.3x"))
    if "1mb" in by:
        checks.append(
            ("peak memory, one 1 MB document", f"{by['1mb']['peak_mb']} MB", by["1mb"]["peak_mb"] <= 700, "<= 700 MB")
        )
    if "1000-short" in by:
        peak = by["1000-short"]["peak_mb"]
        checks.append(("peak memory, 1,000 short documents", f"{peak} MB", peak <= 400, "<= 400 MB"))
    for what, value, ok, target in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {what}: {value} (target {target})")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"cases": rows, "checks": [dict(zip(("what", "value", "ok", "target"), c)) for c in checks]}, indent=2
            )
            + "\n"
        )
    sys.exit(0 if all(c[2] for c in checks) else 1)


if __name__ == "__main__":
    main()
