"""Fuzzy alignment: where in a normalised text a claim's segments stand, and how closely."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from quotex.check.normalise import Region
from quotex.models import TextSpan

MAX_GAP = 400
"""Longest gap (normalised characters) an ellipsis in the claim may stand for."""
SNAP_SLACK_MAX = 48
"""Farthest (normalised characters) a window's ends may move when snapped to whole words."""


@dataclass
class Located:
    """A placement of the claim's segments in a region, with its score (0–100)."""

    score: float
    region: Region
    pieces: list[tuple[int, int]]
    """Windows of `region.norm`, one per segment, in order."""

    def positions(self) -> list[int]:
        """Original offsets of the matched (non-space) characters."""
        r = self.region
        return [r.idx[i] for a, b in self.pieces for i in range(a, b) if r.norm[i] != " "]

    def span(self, text: str) -> TextSpan:
        s, e = self.region.idx[self.pieces[0][0]], self.region.idx[self.pieces[-1][1] - 1] + 1
        return TextSpan(text=text[s:e], start=s, end=e)


def _word_starts(norm: str, lo: int, hi: int) -> list[int]:
    return [i for i in range(max(lo, 0), min(hi, len(norm))) if norm[i] != " " and (i == 0 or norm[i - 1] == " ")]


def _word_ends(norm: str, lo: int, hi: int) -> list[int]:
    return [
        i
        for i in range(max(lo, 1), min(hi, len(norm)) + 1)
        if norm[i - 1] != " " and (i == len(norm) or norm[i] == " ")
    ]


def _snap(needle: str, norm: str, a: int, b: int) -> tuple[float, int, int]:
    """Snap window [a, b) of `norm` to whole words, a word or two either way, maximising fuzz.ratio."""
    # Capped: with slack growing with the claim, the pairs tried (each an O(n) ratio) made a
    # 4,000-word claim take minutes. 48 characters is still several words either way.
    slack = min(max(12, len(needle) // 5), SNAP_SLACK_MAX)
    starts = _word_starts(norm, a - slack, a + slack) or _word_starts(norm, 0, len(norm))[:1]
    ends = _word_ends(norm, b - slack, b + slack) or [len(norm)]
    best = (-1.0, a, b)
    for s in starts:
        for e in ends:
            if e <= s:
                continue
            r = fuzz.ratio(needle, norm[s:e])
            # On equal scores prefer the window closest to rapidfuzz's own.
            key = (r, -abs(s - a) - abs(e - b))
            if key > (best[0], -abs(best[1] - a) - abs(best[2] - b)):
                best = (r, s, e)
    return best


def _align(needle: str, norm: str, lo: int, hi: int) -> tuple[float, int, int] | None:
    lo, hi = max(lo, 0), min(hi, len(norm))
    if hi <= lo or not needle:
        return None
    hay = norm[lo:hi]
    al = fuzz.partial_ratio_alignment(needle, hay)
    if al is None:
        return None
    score, s, e = _snap(needle, norm, lo + al.dest_start, lo + al.dest_end)
    if s < lo or e > hi:  # snapping must not leave the search region
        s, e = max(s, lo), min(e, hi)
        score = fuzz.ratio(needle, norm[s:e])
    return score, s, e


def locate(segments: list[str], region: Region) -> Located | None:
    """Best placement of the claim's segments in the region.

    The longest segment is located with rapidfuzz `fuzz.partial_ratio_alignment` (the best window
    of the region), then snapped to whole words to maximise `fuzz.ratio`; the other segments are
    located the same way just before/after it, at most `MAX_GAP` characters away. The score is the
    length-weighted `fuzz.ratio` of each segment against its snapped window.
    """
    norm, lo, hi = region.norm, 0, len(region.norm)
    anchor = max(range(len(segments)), key=lambda k: len(segments[k]))
    first = _align(segments[anchor], norm, lo, hi)
    if first is None:
        return None
    placed: dict[int, tuple[float, int, int]] = {anchor: first}
    left = first[1]
    for k in range(anchor - 1, -1, -1):  # segments before the anchor, right to left
        got = _align(segments[k], norm, left - MAX_GAP - len(segments[k]) - 1, left)
        if got is None:
            return None
        placed[k], left = got, got[1]
    right = first[2]
    for k in range(anchor + 1, len(segments)):
        got = _align(segments[k], norm, right, right + MAX_GAP + len(segments[k]) + 1)
        if got is None:
            return None
        placed[k], right = got, got[2]
    total = sum(len(s) for s in segments)
    score = sum(placed[k][0] * len(segments[k]) for k in range(len(segments))) / total
    return Located(
        score=round(score, 1), region=region, pieces=[(placed[k][1], placed[k][2]) for k in range(len(segments))]
    )
