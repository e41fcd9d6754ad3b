"""`--rules-only` and `--model-dir`: shared by the commands that extract (no spaCy import here).

No `from __future__ import annotations` here: Typer reads the annotations at run time.
"""

from pathlib import Path
from typing import Annotated

import typer

RulesOnlyOpt = Annotated[
    bool,
    typer.Option("--rules-only", help="Leave out the learned attribution model: the hand-written rules alone."),
]
ModelDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--model-dir",
        help="Use the attribution model trained by `quotex train -o DIR` instead of the shipped one.",
        show_default=False,
    ),
]


def apply(rules_only: bool, model_dir: Path | None) -> None:
    """Set the process-wide choice before any pipeline is loaded."""
    from quotex.errors import Err, QuotexError
    from quotex.pipeline.loader import use_attribution_model

    if rules_only and model_dir is not None:
        typer.echo(f"quotex: error {Err.BAD_OPTION.code}: --rules-only and --model-dir exclude each other", err=True)
        raise typer.Exit(Err.BAD_OPTION.exit_code)
    if model_dir is not None:
        from quotex.pipeline.learned import resolve_model_dir

        try:
            resolve_model_dir(model_dir)
        except QuotexError as exc:
            typer.echo(f"quotex: error {exc.code}: {exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None
    use_attribution_model(learned=not rules_only, model_dir=model_dir)
