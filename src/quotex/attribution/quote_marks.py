"""Find quoted stretches of text from quotation marks alone (no parse needed).

Handles “ ” " ‘ ’ ' « » „ and ``…''; tells apostrophes (don't, Zelenskyy’s, the ’90s)
from closing marks; joins multi-paragraph quotes (an opening mark on each paragraph, a
closing mark only at the end); a quote left open runs to the end of its paragraph.
"""

from __future__ import annotations

import re
from typing import NamedTuple

DOUBLE_OPEN = {"“", "„", "«"}
DOUBLE_CLOSE = {"”", "»"}
SINGLE_OPEN = {"‘", "‹"}
SINGLE_CLOSE = {"’", "›"}
OPENERS_BEFORE = set("([{—–-/") | DOUBLE_OPEN | SINGLE_OPEN | {'"', "'"}
QUOTE_MARKS = frozenset("\"'“”‘’«»„‟‹›`´")
"""Every character that can mark a quotation (what spans are trimmed of when scored, and what
makes a content `mixed`)."""


class QuotedSpan(NamedTuple):
    start: int  # offset of the opening mark
    end: int  # offset one past the closing mark (or the paragraph's last character)
    closed: bool
    level: str  # "double" or "single"
    paragraphs: int  # how many paragraphs the quote spans


class _Mark(NamedTuple):
    pos: int
    length: int
    role: str  # "open" | "close" | "either"
    level: str


def _is_word(ch: str) -> bool:
    return ch.isalnum()


_MARK_CHARS = re.compile(r"[\"'`“”‘’«»„‹›]")


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    out: list[_Mark] = []
    i = start
    while i < end:
        found = _MARK_CHARS.search(text, i, end)  # jump to the next candidate: most text has none
        if found is None:
            break
        i = found.start()
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if ch == "`" and nxt == "`":
            out.append(_Mark(i, 2, "open", "double"))
            i += 2
            continue
        if ch == "'" and nxt == "'":
            after = text[i + 2] if i + 2 < end else " "
            # NYT copy opens with '' as well as closing with it
            role = "open" if (prev.isspace() or prev in OPENERS_BEFORE) and not after.isspace() else "close"
            out.append(_Mark(i, 2, role, "double"))
            i += 2
            continue
        if ch in DOUBLE_OPEN:
            out.append(_Mark(i, 1, "open", "double"))
        elif ch in DOUBLE_CLOSE:
            # a closing mark that starts a paragraph or a word is a mistyped opening one
            starts = (i == start or prev.isspace()) and (_is_word(nxt) or nxt in "([…")
            out.append(_Mark(i, 1, "either" if starts else "close", "double"))
        elif ch == '"':
            if prev.isspace() or prev in OPENERS_BEFORE:
                role = "open"
            elif nxt.isspace() or not _is_word(nxt):
                role = "close"
            else:
                role = "either"
            out.append(_Mark(i, 1, role, "double"))
        elif ch in SINGLE_OPEN or ch in SINGLE_CLOSE or ch == "'":
            single = _single_role(ch, prev, nxt, text, i, end)
            if single:
                out.append(_Mark(i, 1, single, "single"))
        i += 1
    return out


def _single_role(ch: str, prev: str, nxt: str, text: str, i: int, end: int) -> str | None:
    if _is_word(prev) and _is_word(nxt):
        return None  # don't, Zelenskyy’s, rock’n’roll
    if nxt.isdigit() and not prev.isalnum():
        return None  # the ’90s, '16
    following = text[i + 1 : i + 4].lower()
    if (prev.isspace() or prev in "(") and following[:2] in ("n ", "n’", "n'") or following.startswith("em "):
        return None  # rock ’n’ roll, 'em
    if ch in SINGLE_OPEN:
        return "open" if not _is_word(prev) else None
    if ch in SINGLE_CLOSE:
        if prev.isspace():
            return None
        return "close"
    # straight '
    if prev.isspace() or prev in OPENERS_BEFORE:
        return "open" if _is_word(nxt) or nxt in OPENERS_BEFORE else None
    return "close"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding whitespace."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            s = pos + (len(body) - len(body.lstrip()))
            out.append((s, s + len(stripped)))
        pos += len(line)
    return out


def _pair(text: str, marks: list[_Mark], level: str, pstart: int, pend: int) -> list[tuple[int, int, bool]]:
    """Pair the marks of one level inside one paragraph: (start, end, closed)."""
    spans = []
    open_at: int | None = None
    for m in marks:
        if m.level != level:
            continue
        role = m.role
        if role == "either":
            role = "close" if open_at is not None else "open"
        if role == "open" and open_at is not None and text[open_at] == "„" and text[m.pos] == "“":
            role = "close"  # German „…“
        if role == "open":
            if open_at is not None:
                if m.length == 1 and text[m.pos] == '"':
                    spans.append((open_at, m.pos + 1, True))  # straight quotes toggle
                    open_at = None
                    continue
                spans.append((open_at, _trim_end(text, open_at, m.pos), False))
            open_at = m.pos
        elif open_at is not None:
            spans.append((open_at, m.pos + m.length, True))
            open_at = None
    if open_at is not None:
        spans.append((open_at, pend, False))
    return spans


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _inside(pos: int, spans: list[tuple[int, int, bool]]) -> bool:
    return any(s < pos < e for s, e, _ in spans)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every top-level quoted stretch, multi-paragraph quotes joined, in text order."""
    per_paragraph: list[tuple[tuple[int, int], list[tuple[int, int, bool, str]]]] = []
    for pstart, pend in paragraphs(text):
        marks = _marks(text, pstart, pend)
        doubles = _pair(text, marks, "double", pstart, pend)
        singles = [s for s in _pair(text, marks, "single", pstart, pend) if not _inside(s[0], doubles)]
        # an unclosed single quote is usually a stray apostrophe (the leaders’ plans): drop it
        singles = [s for s in singles if s[2]]
        spans = sorted([(*d, "double") for d in doubles] + [(*s, "single") for s in singles])
        per_paragraph.append(((pstart, pend), spans))

    out: list[QuotedSpan] = []
    carry: QuotedSpan | None = None
    for (pstart, pend), spans in per_paragraph:
        if carry is not None:
            first = spans[0] if spans else None
            if first and first[0] == pstart and first[3] == carry.level:
                # continuation paragraph: an opening mark at its start
                carry = QuotedSpan(carry.start, first[1], first[2], carry.level, carry.paragraphs + 1)
                spans = spans[1:]
                if carry.closed:
                    out.append(carry)
                    carry = None
            else:
                out.append(carry)
                carry = None
        for i, (s, e, closed, level) in enumerate(spans):
            is_last = i == len(spans) - 1
            if not closed and is_last and e >= pend:
                carry = QuotedSpan(s, e, False, level, 1)
            else:
                out.append(QuotedSpan(s, e, closed, level, 1))
    if carry is not None:
        out.append(carry)
    return out
