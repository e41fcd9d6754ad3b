"""PolNeAR-format gold (the JSONL `quotex evaluate` reads) -> spaCy DocBin for the attribution tagger.

Each attribution gives one SOURCE span (the envelope of its pieces), one CUE span (ditto) and
one CONTENT span per content fragment, all trimmed as the scorer trims (quote marks and
whitespace off both ends, `,.;:` off the end), so the tagger learns the spans it is scored on.
Spans are mapped to the en_core_web_sm tokens strictly, falling back to widening to token
edges. A token can carry one label only: of overlapping spans the longer is kept (nesting is
rare in PolNeAR, which annotates the outermost attribution).

Documents are split at blank lines into paragraphs: a transition tagger looks a few tokens
around, never across a paragraph, and paragraphs shuffle better than whole articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quotex.evaluation.gold import GoldDoc, Span, load_gold
from quotex.evaluation.scoring import trim

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as TokenSpan

LABELS = ("SOURCE", "CUE", "CONTENT")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass
class ConversionStats:
    """What the conversion kept and lost, per label (printed by `quotex train`)."""

    documents: int = 0
    examples: int = 0
    spans: Counter = field(default_factory=Counter)
    widened: Counter = field(default_factory=Counter)
    unaligned: Counter = field(default_factory=Counter)
    overlapping: Counter = field(default_factory=Counter)
    crossing_paragraphs: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        parts = []
        for label in LABELS:
            parts.append(
                f"{label} {self.spans[label]} (widened {self.widened[label]}, unaligned {self.unaligned[label]}, "
                f"overlap {self.overlapping[label]}, across paragraphs {self.crossing_paragraphs[label]})"
            )
        return f"{self.documents} documents, {self.examples} paragraphs; " + "; ".join(parts)


def gold_spans(doc: GoldDoc) -> list[tuple[int, int, str]]:
    """All (start, end, label) character spans of a gold document, trimmed, duplicates removed."""
    text = doc.text
    found: set[tuple[int, int, str]] = set()
    for q in doc.quotes:
        roles: list[tuple[Span | None, str]] = [(q.speaker, "SOURCE"), (q.cue, "CUE")]
        roles += [(c, "CONTENT") for c in q.content]
        for span, label in roles:
            if span is None:
                continue
            t = trim(text, span)
            if t is not None:
                found.add((t[0], t[1], label))
    return sorted(found)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _non_overlapping(spans: Iterable[TokenSpan], stats: ConversionStats) -> list[TokenSpan]:
    """Longest first; a span overlapping one already kept is dropped."""
    kept = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            stats.overlapping[span.label_] += 1
            continue
        taken |= tokens
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def docs_from_gold(nlp: Language, gold: Iterable[GoldDoc], stats: ConversionStats, split: bool = True) -> Iterator[Doc]:
    """Yield spaCy Docs (paragraphs, or whole documents) with gold spans set as `doc.ents`."""
    for gdoc in gold:
        stats.documents += 1
        spans = gold_spans(gdoc)
        pieces = _paragraphs(gdoc.text) if split else [(0, len(gdoc.text))]
        for p_start, p_end in pieces:
            inside = [(s, e, lab) for s, e, lab in spans if p_start <= s and e <= p_end]
            for s, e, lab in spans:
                if s < p_end and e > p_start and not (p_start <= s and e <= p_end) and s >= p_start:
                    stats.crossing_paragraphs[lab] += 1
            doc = nlp.make_doc(gdoc.text[p_start:p_end])
            ents = []
            for s, e, lab in inside:
                span = doc.char_span(s - p_start, e - p_start, label=lab)
                if span is None:
                    span = doc.char_span(s - p_start, e - p_start, label=lab, alignment_mode="expand")
                    if span is None or not span.text.strip():
                        stats.unaligned[lab] += 1
                        continue
                    stats.widened[lab] += 1
                ents.append(span)
            ents = _non_overlapping(ents, stats)
            for span in ents:
                stats.spans[span.label_] += 1
            doc.set_ents(ents, default="outside")
            stats.examples += 1
            yield doc


def convert(
    gold_path: str | Path, out_path: str | Path, nlp: Language | None = None, split: bool = True
) -> ConversionStats:
    """Convert one PolNeAR-format JSONL file to a `.spacy` DocBin; returns what was kept."""
    from spacy.tokens import DocBin

    if nlp is None:
        nlp = tokenizer_pipeline()
    stats = ConversionStats()
    db = DocBin(attrs=["ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for doc in docs_from_gold(nlp, load_gold(gold_path), stats, split=split):
        db.add(doc)
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(out_path)
    return stats


def tokenizer_pipeline() -> Language:
    """The tokenizer quotex runs with (en_core_web_sm), without any of its components."""
    import spacy

    from quotex.pipeline.loader import DEFAULT_MODELS

    errors = []
    for name in DEFAULT_MODELS:
        try:
            nlp = spacy.load(
                name, exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]
            )
            return nlp
        except (OSError, ImportError) as exc:
            errors.append(str(exc).splitlines()[0][:160])
    from quotex.errors import Err, QuotexError

    raise QuotexError(Err.MODEL_NOT_FOUND, name=DEFAULT_MODELS[0], detail=errors[-1] if errors else "")
