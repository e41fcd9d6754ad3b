"""`quotex train GOLD.jsonl --dev DEV.jsonl -o DIR`: train the learned attribution model.

No `from __future__ import annotations` here: Typer reads the annotations at run time.
"""

from pathlib import Path
from typing import Annotated

import typer

from quotex.commands.failure import fail


def train(
    gold: Annotated[Path, typer.Argument(help="Training gold: PolNeAR-format JSONL (as `quotex evaluate` reads).")],
    dev: Annotated[Path, typer.Option("--dev", help="Development gold (same format), used to select the best model.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for the corpus, checkpoints and model.")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed (recorded in the model's config).")] = 8,
    max_steps: Annotated[
        int | None, typer.Option("--max-steps", min=1, help="Stop after this many updates (default: the config's).")
    ] = None,
    eval_frequency: Annotated[
        int | None,
        typer.Option("--eval-frequency", min=1, help="Evaluate on dev (and save model-best) every N updates."),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="spaCy training config (default: quotex's own).")
    ] = None,
) -> None:
    """Train the SOURCE / CUE / CONTENT tagger with spaCy on gold attributions; use it with --model-dir DIR."""
    from quotex.errors import QuotexError
    from quotex.training.attribution_model import train_model

    try:
        exported = train_model(
            gold,
            dev,
            output,
            seed=seed,
            max_steps=max_steps,
            eval_frequency=eval_frequency,
            config=config,
            log=lambda msg: typer.echo(msg, err=True),
        )
    except QuotexError as exc:
        raise fail(exc) from None
    typer.echo(f"model written to {exported}; use it with: quotex extract --model-dir {output} ...", err=True)
