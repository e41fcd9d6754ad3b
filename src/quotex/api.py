"""The pure-Python entry points: text in, `ExtractionResult` out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from quotex.models import (
    Entity,
    ExtractionResult,
    Quotation,
    TextSpan,
)
from quotex.textnorm import for_parsing


def _span(text: str, offsets) -> TextSpan | None:
    if offsets is None:
        return None
    s, e = offsets
    return TextSpan(text=text[s:e], start=s, end=e)


def result_from_doc(doc, text: str, source: str, model: str) -> ExtractionResult:
    """Build the JSON result from a processed Doc; span texts come from the original `text`."""
    from quotex.pipeline.component import USER_DATA_KEY
    from quotex.positions import build_positions

    data = doc.user_data[USER_DATA_KEY]
    quotations = []
    for q in data["quotations"]:
        fragments = [_span(text, f) for f in q["fragments"]]
        content = _span(text, (fragments[0].start, fragments[-1].end))
        quotations.append(
            Quotation(
                id=q["id"],
                kind=q["kind"],
                content=content,
                fragments=fragments,
                cue=_span(text, q["cue"]),
                cue_class=q["cue_class"],
                speaker=_span(text, q["speaker"]),
                entity=q["entity"],
                confidence=q["confidence"],
                method=q["method"],
                parent=q["parent"],
                about=q["about"],
            )
        )
    entities = [
        Entity(
            id=e["id"],
            name=e["name"],
            kind=e["kind"],
            titles=e["titles"],
            mentions=[_span(text, m) for m in e["mentions"]],
        )
        for e in data["entities"]
    ]
    return ExtractionResult(
        source=source,
        model=model,
        quotations=quotations,
        entities=entities,
        positions=build_positions(quotations, entities),
    )


def extract(
    text: str, source: str = "<text>", model: str | None = None, rules_only: bool | None = None, model_dir=None
) -> ExtractionResult:
    """Extract every quotation in `text` with the named (or default) spaCy pipeline.

    `rules_only=True` leaves out the learned attribution model; `model_dir` uses one trained by
    `quotex train` instead of the shipped one (None: the process default, see `use_attribution_model`)."""
    return next(extract_many([(text, source)], model=model, rules_only=rules_only, model_dir=model_dir))


def extract_many(
    items: Iterable[tuple[str, str]],
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    reported: bool = True,
    rules_only: bool | None = None,
    model_dir=None,
) -> Iterator[ExtractionResult]:
    """Extract from `(text, source)` pairs, in order, streaming through `nlp.pipe`.

    `reported=False` keeps to direct quotations (quoted words credited to a speaker)."""
    from quotex.pipeline.loader import load_pipeline, model_label

    learned = None if rules_only is None else not rules_only
    nlp = load_pipeline(model, reported=reported, learned=learned, model_dir=model_dir)
    label = model_label(nlp)
    items = list(items)
    docs = nlp.pipe((for_parsing(t) for t, _ in items), n_process=n_process, batch_size=batch_size)
    for (text, source), doc in zip(items, docs):
        yield result_from_doc(doc, text, source, label)
