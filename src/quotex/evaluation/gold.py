"""Read PolNeAR-format gold (one article per JSON line) into small, validated records.

Only what scoring needs is kept: the text, and per attribution its type and the
character offsets of its content pieces, speaker and cue. Anything malformed
raises `QuotexError(Err.GOLD_INVALID)` naming the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quotex.errors import Err, QuotexError

Span = tuple[int, int]
GOLD_TYPES = ("direct", "mixed", "indirect")


@dataclass(frozen=True)
class GoldQuote:
    """One annotated attribution; offsets are `str` offsets into the document text, end excluded."""

    type: str
    """`direct`, `mixed` or `indirect`."""
    content: tuple[Span, ...]
    """The content's pieces (PolNeAR `content_spans`), in text order; never empty."""
    speaker: Span | None
    """Envelope of the speaker's pieces, or None when the attribution has no source."""
    cue: Span | None
    """Envelope of the cue's pieces, or None (very rare in PolNeAR)."""
    id: str = ""
    """PolNeAR `attribution_id`, for error reports."""


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


class _Invalid(Exception):
    pass


def _span(value: object, n: int, what: str) -> Span:
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise _Invalid(f"{what} must be a [start, end] pair of integers, got {json.dumps(value)[:60]}")
    s, e = value
    if not 0 <= s < e <= n:
        raise _Invalid(f"{what} [{s}, {e}] is empty or outside the text (length {n})")
    return (s, e)


def _pieces(q: dict, spans_key: str, env_key: str, n: int, what: str) -> list[Span]:
    """The pieces of one role: `<role>_spans` if present, else the `<role>` envelope (or none)."""
    spans = q.get(spans_key)
    if spans is None:
        env = q.get(env_key)
        return [] if env is None else [_span(env, n, f"{what} {env_key}")]
    if not isinstance(spans, list):
        raise _Invalid(f"{what} {spans_key} must be a list")
    return sorted(_span(v, n, f"{what} {spans_key}[{i}]") for i, v in enumerate(spans))


def _envelope(pieces: list[Span]) -> Span | None:
    return (pieces[0][0], max(e for _, e in pieces)) if pieces else None


def _quote(q: object, n: int, k: int) -> GoldQuote:
    what = f"quotes[{k}]"
    if not isinstance(q, dict):
        raise _Invalid(f"{what} must be an object")
    qtype = q.get("type")
    if qtype not in GOLD_TYPES:
        raise _Invalid(f"{what} type must be one of {', '.join(GOLD_TYPES)}, got {json.dumps(qtype)}")
    content = _pieces(q, "content_spans", "content", n, what)
    if not content:
        raise _Invalid(f"{what} has no content span")
    speaker = _pieces(q, "speaker_spans", "speaker", n, what)
    cue = _pieces(q, "cue_spans", "cue", n, what)
    qid = q.get("attribution_id")
    return GoldQuote(
        type=qtype,
        content=tuple(content),
        speaker=_envelope(speaker),
        cue=_envelope(cue),
        id=str(qid) if qid is not None else f"g{k + 1}",
    )


def _doc(obj: object) -> GoldDoc:
    if not isinstance(obj, dict):
        raise _Invalid("each line must be a JSON object")
    doc_id, text, quotes = obj.get("id"), obj.get("text"), obj.get("quotes")
    if not isinstance(doc_id, str) or not doc_id:
        raise _Invalid("missing or empty string field 'id'")
    if not isinstance(text, str) or not text.strip():
        raise _Invalid(f"document {doc_id}: missing or empty string field 'text'")
    if not isinstance(quotes, list):
        raise _Invalid(f"document {doc_id}: field 'quotes' must be a list")
    try:
        return GoldDoc(id=doc_id, text=text, quotes=tuple(_quote(q, len(text), k) for k, q in enumerate(quotes)))
    except _Invalid as exc:
        raise _Invalid(f"document {doc_id}: {exc}") from None


def parse_gold_lines(lines: Iterable[str], path: str = "<gold>", limit: int | None = None) -> list[GoldDoc]:
    """Parse gold JSON Lines (blank lines skipped); stop after `limit` documents."""
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    lineno = 0
    for lineno, line in enumerate(lines, 1):
        if limit is not None and len(docs) >= limit:
            break
        if not line.strip():
            continue
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _Invalid(f"not valid JSON ({exc.msg}, column {exc.colno})") from None
            doc = _doc(obj)
            if doc.id in seen:
                raise _Invalid(f"duplicate document id {doc.id}")
        except _Invalid as exc:
            raise QuotexError(Err.GOLD_INVALID, path=path, line=lineno, detail=str(exc)) from None
        seen.add(doc.id)
        docs.append(doc)
    if not docs:
        raise QuotexError(Err.GOLD_INVALID, path=path, line=max(lineno, 1), detail="no documents in the file")
    return docs


def load_gold(path: str | Path, limit: int | None = None) -> list[GoldDoc]:
    """Read a PolNeAR-format gold file; a missing file is an input error (E101), a bad one E301."""
    p = Path(path)
    if not p.is_file():
        raise QuotexError(Err.MISSING_PATH, path=str(path))
    try:
        with p.open(encoding="utf-8") as fh:
            return parse_gold_lines(fh, path=str(path), limit=limit)
    except UnicodeDecodeError as exc:
        raise QuotexError(Err.GOLD_INVALID, path=str(path), line="?", detail=f"not valid UTF-8 ({exc.reason})") from None
