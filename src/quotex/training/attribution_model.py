"""Train the SOURCE / CUE / CONTENT tagger with spaCy's own training, and export it for quotex.

`train_model` converts the gold JSONL to DocBins under `<out>/corpus/`, runs `spacy train`
(`spacy.cli.train.train`) with the repo's config (`models/attribution/config.cfg`), and exports
`<out>/model-best` without the base pipeline's tok2vec and tagger to `<out>/attribution/`: the
component alone, which quotex inserts into the sm pipeline it already runs (`--model-dir <out>`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from quotex.errors import Err, QuotexError

if TYPE_CHECKING:
    from spacy.pipeline import Pipe

COMPONENT = "attrib"
EXPORT_DIR = "attribution"
BASE_COMPONENTS = ("tok2vec", "tagger")


def default_config() -> Path:
    from quotex.assets import assets_dir

    return assets_dir() / "attribution" / "config.cfg"


def train_model(
    gold: str | Path,
    dev: str | Path,
    out_dir: str | Path,
    seed: int = 8,
    max_steps: int | None = None,
    eval_frequency: int | None = None,
    config: str | Path | None = None,
    log: Callable[[str], object] = print,
) -> Path:
    """Train; returns the exported component pipeline's directory (`<out>/attribution`)."""
    from quotex.training.polnear_docs import convert

    out = Path(out_dir)
    corpus = out / "corpus"
    paths = {}
    for split, src in (("train", gold), ("dev", dev)):
        try:
            stats = convert(src, corpus / f"{split}.spacy")
        except QuotexError as exc:
            if exc.err in (Err.GOLD_INVALID, Err.MISSING_PATH):
                raise QuotexError(Err.TRAINING_DATA_INVALID, path=str(src), detail=exc.message) from None
            raise
        if not sum(stats.spans.values()):
            raise QuotexError(Err.TRAINING_DATA_INVALID, path=str(src), detail="no attribution spans to learn from")
        log(f"{split}: {stats.summary()}")
        paths[split] = corpus / f"{split}.spacy"

    overrides: dict[str, object] = {
        "paths.train": str(paths["train"]),
        "paths.dev": str(paths["dev"]),
        "system.seed": seed,
    }
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
        overrides["training.patience"] = max_steps
    if eval_frequency is not None:
        overrides["training.eval_frequency"] = eval_frequency
    from spacy.cli.train import train as spacy_train

    try:
        spacy_train(Path(config) if config else default_config(), output_path=out, use_gpu=-1, overrides=overrides)
    except (ValueError, KeyError, OSError) as exc:
        raise QuotexError(Err.TRAINING_FAILED, detail=str(exc).splitlines()[0][:200]) from None
    except SystemExit:  # spaCy's own checks print their message and exit
        raise QuotexError(Err.TRAINING_FAILED, detail="spaCy stopped the training (its message is above)") from None
    best = out / "model-best"
    if not best.is_dir():
        best = out / "model-last"
    return export(best, out / EXPORT_DIR)


def export(trained: str | Path, dest: str | Path) -> Path:
    """Save a trained pipeline without the base model's components (they live in the host pipeline)."""
    import spacy

    nlp = spacy.load(trained)
    for name in BASE_COMPONENTS:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    if nlp.pipe_names != [COMPONENT]:
        raise QuotexError(
            Err.ATTRIBUTION_MODEL_INVALID, path=str(trained), detail=f"unexpected components {nlp.pipe_names}"
        )
    nlp.meta["name"] = "quotex_attribution"
    nlp.meta["description"] = (
        "quotex's SOURCE / CUE / CONTENT tagger (spaCy ner architecture), exported by `quotex train`; "
        "runs inside en_core_web_sm after its tagger"
    )
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)
    # The vocabulary's strings are every word form seen in training: the corpus's, not the model's.
    # Features are hashes, so only the labels are kept (the host pipeline brings its own strings).
    labels = sorted(cast("Pipe", nlp.get_pipe(COMPONENT)).labels)  # get_pipe is typed as a callable
    (dest / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")
    return dest
