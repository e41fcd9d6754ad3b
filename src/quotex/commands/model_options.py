"""What `--rules-only` and `--model-dir` (`commands.options`) do: set the process-wide choice of
attribution model before any pipeline is loaded. No spaCy import here."""

from __future__ import annotations

from pathlib import Path


def apply(rules_only: bool, model_dir: Path | None) -> None:
    """Set the process-wide choice before any pipeline is loaded (E401 when both are given)."""
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
    use_attribution_model(learned=not rules_only, model_dir=None if model_dir is None else str(model_dir))
