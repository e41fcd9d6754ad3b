"""`quotex evaluate GOLD.jsonl`: run extraction on PolNeAR-format gold and score it.

No `from __future__ import annotations` here: Typer reads the annotations at run time.
"""

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from quotex.commands import model_options
from quotex.commands.failure import fail
from quotex.commands.options import ModelDirOpt, ModelOpt, OutputOpt, ProcessesOpt, RulesOnlyOpt, format_option
from quotex.formats import Format

EvaluateFormatOpt = Annotated[
    Format | None,
    format_option((Format.table, Format.json), "table (default, for people) or json (one JSON object; as --json)."),
]


def evaluate(
    gold: Annotated[Path, typer.Argument(help="PolNeAR-format gold file (JSON Lines, one article per line).")],
    json_output: Annotated[
        bool, typer.Option("--json", help="The scores as one JSON object (same as -f json).")
    ] = False,
    format: EvaluateFormatOpt = None,
    output: OutputOpt = None,
    errors: Annotated[
        Path | None,
        typer.Option("--errors", help="Write misses, false positives and wrong speakers to this JSONL file."),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N documents.")] = None,
    model: ModelOpt = None,
    processes: ProcessesOpt = 1,
    direct_only: Annotated[
        bool, typer.Option("--direct-only", help="Extract direct quotations only (the baseline for reported speech).")
    ] = False,
    rules_only: RulesOnlyOpt = False,
    model_dir: ModelDirOpt = None,
) -> None:
    """Score quotex against gold attributions: per-role, linked, attribution and direct-quote P/R/F1."""
    from quotex.errors import QuotexError
    from quotex.evaluation.gold import load_gold

    model_options.apply(rules_only, model_dir)
    from quotex.evaluation.report import render, to_json, write_errors
    from quotex.evaluation.scoring import score

    try:
        started = time.perf_counter()
        docs = load_gold(gold, limit=limit)
        from quotex.api import extract_many

        results = list(
            extract_many(((d.text, d.id) for d in docs), model=model, n_process=processes, reported=not direct_only)
        )
        seconds = time.perf_counter() - started
        ev = score(docs, results)
        model_label = results[0].model if results else (model or "")
        if errors is not None:
            try:
                write_errors(ev, errors)
            except OSError as exc:
                from quotex.errors import Err

                raise QuotexError(Err.UNREADABLE, path=str(errors), detail=exc.strerror or str(exc)) from None
    except QuotexError as exc:
        raise fail(exc) from None

    from quotex.commands.output import Sink

    sink = Sink(output)  # `-o FILE`: written whole, or left as it was
    try:
        if json_output or format is Format.json:
            out = to_json(ev, gold=str(gold), model=model_label, seconds=round(seconds, 2))
            sink.stream.write(json.dumps(out, indent=2) + "\n")
        else:
            from rich.console import Console

            console = Console(file=sink.stream, width=120) if output is not None else None
            render(ev, title=f"quotex evaluate {gold} ({model_label}, {seconds:.1f} s)", console=console)
        sink.stream.flush()
        sink.commit()
    finally:
        sink.discard()
    if errors is not None and not (json_output or format is Format.json):
        typer.echo(f"{len(ev.errors)} error records written to {errors}", err=True)
