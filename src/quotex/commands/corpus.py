"""`quotex extract CORPUS --out-dir DIR`: the corpus path of `extract` (see `quotex.corpus`).

`cli.extract` hands over here when `--out-dir` is given; nothing is imported at start-up.
"""

from __future__ import annotations

import sys
from typing import Annotated, NoReturn

import typer

from quotex.commands.failure import fail, report
from quotex.errors import EXIT_PARTIAL, Err, QuotexError

FORMATS = ("jsonl", "parquet")


def extract_corpus(
    paths: list[str],
    out_dir: str,
    fmt: str | None,
    model: str | None,
    processes: int,
    scheduler: str | None,
    workers: int,
    batch_size: int,
    text_field: str,
    id_field: str,
) -> None:
    """Run, print a one-line summary on stderr, exit 0 (all done), 5 (some records failed or
    batches lost) or the run error's exit code."""
    from quotex.corpus.runner import CorpusRun, ReadOptions, run_corpus
    from quotex.pipeline.loader import attribution_choice

    def die(exc: QuotexError) -> NoReturn:
        raise fail(exc)

    fmt = fmt or "jsonl"
    if fmt not in FORMATS:
        die(
            QuotexError(
                Err.CORPUS_OPTION, detail=f"--format {fmt} cannot be used with --out-dir (use jsonl or parquet)"
            )
        )
    if scheduler and processes > 1:
        die(QuotexError(Err.CORPUS_OPTION, detail="give --processes or --scheduler, not both"))
    if scheduler and scheduler != "local" and "://" not in scheduler:
        die(
            QuotexError(
                Err.CORPUS_OPTION,
                detail=f"--scheduler takes 'local' or an address like tcp://HOST:8786, not {scheduler!r}",
            )
        )
    run = CorpusRun(
        paths=tuple(paths),
        out_dir=out_dir,
        fmt=fmt,
        read=ReadOptions(text_field=text_field, id_field=id_field),
        batch_size=batch_size,
        processes=processes,
        scheduler=scheduler,
        workers=workers,
        model=model,
        attribution=attribution_choice(),
    )
    stdin = sys.stdin.buffer if "-" in paths else None
    try:
        summary = run_corpus(run, stdin=stdin, show_progress=sys.stderr.isatty(), log=lambda m: typer.echo(m, err=True))
    except QuotexError as exc:
        die(exc)
    except KeyboardInterrupt:
        typer.echo(
            f"quotex: interrupted; finished shards are in {out_dir}: run the same command again to resume", err=True
        )
        raise typer.Exit(130) from None
    done = summary.ok + summary.failed
    rate = done / summary.seconds if summary.seconds else 0.0
    typer.echo(
        f"quotex: {summary.total} documents: {done} processed ({summary.ok} ok, {summary.failed} failed"
        + (f": {', '.join(sorted(summary.codes))}" if summary.codes else "")
        + f"), {summary.skipped} already done; {summary.seconds:.1f} s, {rate:.1f} docs/s; manifest in {out_dir}",
        err=True,
    )
    if summary.failed_batches:
        report(QuotexError(Err.CLUSTER_BATCH_FAILED, count=summary.failed_batches, detail="see above"))
    if summary.failed or summary.failed_batches:
        raise typer.Exit(EXIT_PARTIAL)


# --- the options `extract` takes for corpora ------------------------------------------------------

PANEL = "Corpus (--out-dir)"
RECORDS_PANEL = "Records (.jsonl, .csv, .html, .warc inputs; also with --out-dir)"

OutDirOpt = Annotated[
    str | None,
    typer.Option(
        "--out-dir",
        help="Corpus mode: write shards and a manifest to DIR (a path or an fsspec URL); re-running resumes.",
        show_default=False,
        rich_help_panel=PANEL,
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run on Dask: 'local' (a LocalCluster on 127.0.0.1) or tcp://HOST:8786. Needs quotex\\[dask].",
        show_default=False,
        rich_help_panel=PANEL,
    ),
]
WorkersOpt = Annotated[
    int, typer.Option("--workers", min=1, help="Workers of --scheduler local.", rich_help_panel=PANEL)
]
BatchSizeOpt = Annotated[int, typer.Option("--batch-size", min=1, help="Documents per shard.", rich_help_panel=PANEL)]
TextFieldOpt = Annotated[
    str, typer.Option("--text-field", help="JSON Lines / CSV field holding the text.", rich_help_panel=RECORDS_PANEL)
]
IdFieldOpt = Annotated[
    str,
    typer.Option("--id-field", help="JSON Lines / CSV field holding the document id.", rich_help_panel=RECORDS_PANEL),
]
DEFAULTS = {"--scheduler": None, "--workers": 2, "--batch-size": 32, "--text-field": "text", "--id-field": "id"}


def first_given(**given: object) -> str | None:
    """The first option (`--name` as keyword `name`) given a value other than its default."""
    for name, value in given.items():
        option = "--" + name.replace("_", "-")
        if value != DEFAULTS[option]:
            return option
    return None


def reject(detail: str) -> NoReturn:
    raise fail(QuotexError(Err.CORPUS_OPTION, detail=detail))
