"""`quotex_model`: the learned SOURCE / CUE / CONTENT tagger, run inside the host pipeline.

It wraps the `ner`-type component trained by `quotex train` (shipped in `models/attribution/model`).
It must run after the host's tagger (TAG is one of its features) and before the parser (a
transition tagger cannot cross the parser's sentence boundaries). Its spans go to
`doc.spans["quotex_model"]` and `doc.ents` is cleared again, so the host's own NER runs as if
the tagger were not there.

No `from __future__ import annotations` here: confection validates factory signatures at run time.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotex.errors import Err, QuotexError

if TYPE_CHECKING:
    from spacy.pipeline import Pipe

SPANS_KEY = "quotex_model"
COMPONENT = "attrib"  # the trained component's name inside its own pipeline (models/attribution/config.cfg)


def shipped_model_dir() -> Path:
    from quotex.assets import assets_dir

    return assets_dir() / "attribution" / "model"


def resolve_model_dir(model_dir: str | Path | None) -> Path:
    """The pipeline directory to load: the shipped one, or what `quotex train -o DIR` wrote.

    Accepts DIR itself, DIR/attribution (the exported component) or DIR/model-best."""
    if model_dir is None:
        path = shipped_model_dir()
    else:
        path = Path(model_dir)
        for sub in ("attribution", "model-best", "model-last"):
            if (path / sub / "config.cfg").is_file():
                path = path / sub
                break
    if not (path / "config.cfg").is_file():
        raise QuotexError(
            Err.ATTRIBUTION_MODEL_MISSING,
            path=str(path),
            detail="no config.cfg (train one with `quotex train`, or use --rules-only)",
        )
    return path


def load_tagger(model_dir: str | Path | None, vocab: Vocab) -> "tuple[Pipe, Path]":
    """Load the trained component, sharing the host's vocab (so its labels are the host's strings)."""
    import spacy

    path = resolve_model_dir(model_dir)
    try:
        trained = spacy.load(path, vocab=vocab, exclude=["tok2vec", "tagger"])
    except (OSError, ValueError, KeyError, ImportError) as exc:
        raise QuotexError(
            Err.ATTRIBUTION_MODEL_INVALID, path=str(path), detail=str(exc).splitlines()[0][:200]
        ) from None
    if COMPONENT not in trained.pipe_names:
        raise QuotexError(
            Err.ATTRIBUTION_MODEL_INVALID,
            path=str(path),
            detail=f"no '{COMPONENT}' component (has {trained.pipe_names})",
        )
    tagger = cast("Pipe", trained.get_pipe(COMPONENT))  # typed as a callable; an `ner` component is a Pipe
    missing = {"SOURCE", "CUE", "CONTENT"} - set(tagger.labels)
    if missing:
        raise QuotexError(Err.ATTRIBUTION_MODEL_INVALID, path=str(path), detail=f"labels missing: {sorted(missing)}")
    return tagger, path


class AttributionModel:
    """Runs the trained tagger, then moves its spans from `doc.ents` to `doc.spans["quotex_model"]`."""

    def __init__(self, nlp: Language, name: str, model_dir: str | None) -> None:
        self.name = name
        self.tagger, self.path = load_tagger(model_dir, nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        return self._move(self.tagger(doc))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in self.tagger.pipe(docs, batch_size=batch_size):
            yield self._move(doc)

    @staticmethod
    def _move(doc: Doc) -> Doc:
        doc.spans[SPANS_KEY] = list(doc.ents)
        # "missing", not "outside": the host NER treats a preset O as a constraint
        doc.set_ents([], default="missing")
        return doc


@Language.factory("quotex_model", default_config={"model_dir": None})
def make_attribution_model(nlp: Language, name: str, model_dir: str | None) -> AttributionModel:
    return AttributionModel(nlp, name, model_dir)
