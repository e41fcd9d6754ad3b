"""Long documents in windows: where to cut, and how to stitch the pieces' results together.

spaCy refuses a text longer than `nlp.max_length` (1,000,000 characters) and its memory and
several of quotex's per-document steps grow faster than the text. A document longer than a
window is therefore cut into windows at the best boundary available — a blank line, else a
line break, else a sentence end, else whitespace, else anywhere — and never where a
quotation is open: a seam is taken only where the double quotation marks seen so far in the
document are balanced, so a quotation (even one running over several paragraphs) stays in one
window with its cue. Each window is parsed alone; its offsets are shifted back into the
original text, ids are renumbered in text order, and entities with the same name and kind in
different windows become one entity.

No spaCy here: this works on strings and on the plain dicts the `quotex` component stores.
"""

from __future__ import annotations

import re
from collections import Counter

DEFAULT_WINDOW = 20_000
"""Characters per window: well below spaCy's limit, and small enough that per-document costs
that grow with length stay a small share of the parse (BENCHMARKS.md, "Long documents")."""

DEFAULT_MAX_CHARS = 20_000_000
"""Longest document accepted (`--max-chars`): about 3 million words, more than an hour of parsing."""

# Marks that open or close a quotation; single quotes are left out: they double as apostrophes.
_OPENERS = "“„«"
_CLOSERS = "”»"
_STRAIGHT = '"'
# Seam candidates, best first; each match's end is where the next window starts.
_BOUNDARIES = (
    re.compile(r"\n[ \t\r\f\v]*\n\s*"),  # a blank line
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][)\]’”\"']*\s+(?=[A-Z0-9“\"‘'(\[])"),  # a sentence end
    re.compile(r"\s+"),  # whitespace
)


def _quote_depth_changes(text: str) -> list[tuple[int, int]]:
    """(offset, depth after it) at every double quotation mark and every line break.

    Depth is counted per line: a line that opens a quotation and does not close it is
    continued on the next line (news style for a quote over several paragraphs, each with an
    opening mark), so the seam after it is unsafe; a stray mark spoils only its own line."""
    out, depth, straight = [], 0, False
    for m in re.finditer(f"[{_OPENERS}{_CLOSERS}{_STRAIGHT}]|\n", text):
        c = m.group()
        if c == "\n":
            out.append((m.start(), depth))  # the line's state at its end
            depth, straight = 0, False
            out.append((m.end(), 0))
            continue
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth = max(0, depth - 1)
        else:
            straight = not straight
            depth = depth + 1 if straight else max(0, depth - 1)
        out.append((m.end(), depth))
    return out


class _QuoteState:
    """Is a quotation open at offset x? Answered in O(log n) after one pass over the text."""

    def __init__(self, text: str) -> None:
        changes = _quote_depth_changes(text)
        self.offsets = [o for o, _ in changes]
        self.depths = [d for _, d in changes]

    def is_open(self, x: int) -> bool:
        from bisect import bisect_right

        k = bisect_right(self.offsets, x) - 1
        return k >= 0 and self.depths[k] > 0


def windows(text: str, size: int = DEFAULT_WINDOW) -> list[tuple[int, int]]:
    """Cut `text` into consecutive `(start, end)` windows of at most `size` characters.

    The windows cover the text exactly (each starts where the previous ended). A seam is
    looked for in the second half of each window, best kind of boundary first, outside any
    open quotation; only when there is none is a quotation (then a word) cut.
    """
    if size < 2:
        raise ValueError("window size must be at least 2")
    if len(text) <= size:
        return [(0, len(text))]
    quotes = _QuoteState(text)
    out = []
    start = 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        cut = _best_seam(text, lo, hi, quotes)
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def _best_seam(text: str, lo: int, hi: int, quotes: _QuoteState) -> int:
    for outside_quotes in (True, False):
        for pattern in _BOUNDARIES:
            best = None
            for m in pattern.finditer(text, lo, hi):
                if m.end() <= hi and (not outside_quotes or not quotes.is_open(m.start())):
                    best = m.end()
            if best is not None and best > lo:
                return best
    return hi


# --- stitching ----------------------------------------------------------------------------


def _shift(span: list[int] | tuple[int, int] | None, by: int) -> list[int] | None:
    return None if span is None else [span[0] + by, span[1] + by]


def stitch(parts: list[tuple[int, dict]]) -> dict:
    """Merge per-window `quotex` data (as stored by the component) into one document's data.

    `parts` are `(offset of the window in the original text, data)` in text order. Quotation
    ids run on (`q1`… across windows), parents are remapped, and entities that share name
    and kind across windows are merged (mentions and titles pooled, in order), so that one
    person quoted in several windows is one entity — unless the name is an indefinite
    description (`A senior diplomat`) or the extractor itself kept two entities of that name
    apart within one window.
    """
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    quotations: list[dict] = []
    merged: list[dict] = []
    by_key: dict[tuple, int] = {}
    for offset, data in parts:
        entity_map: dict[str, str] = {}
        in_window = Counter((e["name"], e["kind"]) for e in data["entities"])
        for ent in data["entities"]:
            key: tuple = (ent["name"], ent["kind"])
            if in_window[key] > 1 or ent["name"].lower().startswith(("a ", "an ")):
                # the extractor kept same-named entities apart inside a window (`A senior
                # diplomat` twice is two people): windows do not join them either
                key = (ent["name"], ent["kind"], offset, ent["id"])
            mentions = [_shift(m, offset) for m in ent["mentions"]]
            if key in by_key:
                target = merged[by_key[key]]
                target["mentions"].extend(mentions)
                known = {t.lower() for t in target["titles"]}
                target["titles"].extend(t for t in ent["titles"] if t.lower() not in known)
            else:
                by_key[key] = len(merged)
                merged.append({**ent, "id": f"e{len(merged) + 1}", "titles": list(ent["titles"]), "mentions": mentions})
            entity_map[ent["id"]] = merged[by_key[key]]["id"]
        first = len(quotations)
        qid_map = {q["id"]: f"q{first + k + 1}" for k, q in enumerate(data["quotations"])}
        for q in data["quotations"]:
            about = []
            for eid in q["about"]:
                new = entity_map.get(eid, eid)
                if new not in about:
                    about.append(new)
            quotations.append(
                {
                    **q,
                    "id": qid_map[q["id"]],
                    "fragments": [_shift(f, offset) for f in q["fragments"]],
                    "cue": _shift(q["cue"], offset),
                    "speaker": _shift(q["speaker"], offset),
                    "entity": entity_map.get(q["entity"], q["entity"]) if q["entity"] else None,
                    "parent": qid_map.get(q["parent"]) if q["parent"] else None,
                    "about": about,
                }
            )
    # A merged entity's `about` must not name the quotation's own speaker (as within a window).
    for q in quotations:
        if q["entity"] in q["about"]:
            q["about"] = [e for e in q["about"] if e != q["entity"]]
    return {"quotations": quotations, "entities": merged}
