"""The word strings claims and articles are compared as, with a map back to the original offsets."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

_APOSTROPHES = set("'’‘ʼ`´′")
_ELLIPSIS = re.compile(r"\s*(?:[\[(]\s*)?(?:…|\.\s?\.\s?\.)(?:\s*[\])])?\s*")


@dataclass
class Region:
    """A normalised string to search and the original offset of each of its characters."""

    norm: str
    idx: list[int]


def normalise(text: str) -> tuple[str, list[int]]:
    """The word string of `text` and, for each of its characters, the offset it came from.

    Unicode compatibility-decomposed, diacritics dropped, case-folded; letters and digits kept,
    apostrophes dropped (``they’re`` = ``they're`` = ``theyre``); every other run of punctuation,
    quote marks, dashes and whitespace (line breaks included) becomes one space.
    """
    out: list[str] = []
    idx: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch in _APOSTROPHES:
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        kept = [c for c in decomposed if not unicodedata.combining(c)]
        piece = "".join(kept).casefold()
        if piece and all(c.isalnum() for c in piece):
            if pending_space >= 0 and out:
                out.append(" ")
                idx.append(pending_space)
            pending_space = -1
            for c in piece:
                out.append(c)
                idx.append(i)
        elif pending_space < 0:
            pending_space = i
    return "".join(out), idx


def split_ellipses(quote: str) -> list[str]:
    """The claim's segments between ellipses (``…``, ``...``, ``[…]``), normalised, empty ones dropped."""
    return [n for n in (normalise(part)[0] for part in _ELLIPSIS.split(quote)) if n]


def sub_region(whole: Region, spans: list[tuple[int, int]]) -> Region | None:
    """The parts of `whole` inside the original-text `spans`, joined by one space (None when no words).

    A quotation's fragments read as one quote this way: “…,” she said, “…”.
    """
    norm: list[str] = []
    idx: list[int] = []
    for start, end in spans:
        a, b = bisect.bisect_left(whole.idx, start), bisect.bisect_left(whole.idx, end)
        piece = whole.norm[a:b].strip()
        if not piece:
            continue
        a += len(whole.norm[a:b]) - len(whole.norm[a:b].lstrip())
        if norm:
            norm.append(" ")
            idx.append(whole.idx[a])
        norm.append(piece)
        idx.extend(whole.idx[a : a + len(piece)])
    return Region("".join(norm), idx) if norm else None
