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
    from quotex.commands.failure import fail
    from quotex.errors import Err, QuotexError
    from quotex.pipeline.loader import use_attribution_model

    if rules_only and model_dir is not None:
        raise fail(QuotexError(Err.BAD_OPTION, detail="--rules-only and --model-dir exclude each other"))
    if model_dir is not None:
        from quotex.pipeline.learned import resolve_model_dir

        try:
            resolve_model_dir(model_dir)
        except QuotexError as exc:
            raise fail(exc) from None
    use_attribution_model(learned=not rules_only, model_dir=model_dir)
