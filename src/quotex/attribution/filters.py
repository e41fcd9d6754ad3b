"""Filters and repairs of reported-speech candidates, and the dedupe step of `find_attributions`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotex.attribution.types import Attribution, Offsets

if TYPE_CHECKING:
    from quotex.attribution.direct import DocIndex


def cue_quoted_content_not(att: Attribution, quoted: list[Offsets]) -> bool:
    """A cue inside quotation marks whose content reaches outside them: the words around the
    quotation belong to the attribution that quotes it (PolNeAR annotates the outermost)."""
    if att.cue is None:
        return False
    cs, ce = att.cue
    for qs, qe in quoted:
        if qs <= cs and ce <= qe:
            return any(s < qs or e > qe for s, e in att.fragments)
    return False


def close_quotes(content: Offsets, quoted: list[Offsets]) -> Offsets:
    """A reported clause that stops inside a quoted fragment runs on to its closing mark."""
    s, e = content
    for qs, qe in quoted:
        if qs < e < qe and qs >= s:
            e = qe
        if qs < s < qe and qe <= e:
            s = qs
    return s, e


def run_on_quotes(index: DocIndex, content: Offsets, quoted: list[Offsets]) -> Offsets:
    """`is “a big problem” but “nobody has the guts”`: a quoted piece just after the content,
    joined by a conjunction or a comma, is more of the same words."""
    s, e = content
    for qs, qe in quoted:
        if qs < e:
            continue
        gap = index.tokens_between(e, qs)
        if len(gap) > 3 or any(t.pos_ in ("VERB", "AUX", "PRON", "PROPN", "NOUN") for t in gap):
            break
        if not any(t.lower_ in ("and", "but", "or", ",", "while", "yet") for t in gap):
            break
        e = qe
    return s, e


def overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def covers(outer: Offsets, inner: Offsets, share: float) -> bool:
    overlap = min(outer[1], inner[1]) - max(outer[0], inner[0])
    return overlap > share * (inner[1] - inner[0])


def dedupe(atts: list[Attribution]) -> list[Attribution]:
    """Same cue twice (two rules fired): keep the more confident."""
    best: dict[Offsets, Attribution] = {}
    for a in atts:
        key = a.cue or a.fragments[0]
        if key not in best or a.confidence > best[key].confidence:
            best[key] = a
    return list(best.values())
