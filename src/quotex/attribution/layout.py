"""Article layout: headlines, sub-headings and site furniture, which never carry attributions."""

from __future__ import annotations

from quotex.attribution.cues import lexicon
from quotex.attribution.types import Offsets


def is_heading(text: str) -> bool:
    """Title Case line with no closing sentence punctuation (or a short first line)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if not words:
        return False
    long_words = [w for w in words if len(w) > 3]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    ends = text.rstrip()[-1:]
    if ends in ("”", '"', "’", "'") or len(words) > 25:
        return False
    return len(long_words) >= 2 and capitalised / len(long_words) >= 0.8 and (ends not in ".!?" or capitalised >= 4)


def furniture_lines(index) -> list[Offsets]:
    """Paragraphs to skip for attribution cues: headings and `READ ALSO:`-style lines."""
    text = index.doc.text
    out = []
    starts = tuple(lexicon("non_attribution_lines"))
    for s, e in index.paragraphs:
        line = text[s:e]
        if line.lower().startswith(starts) or is_heading(line):
            out.append((s, e))
    return out
