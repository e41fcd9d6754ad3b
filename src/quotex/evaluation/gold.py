"""Read PolNeAR-format gold (one article per JSON line) into small, validated records.

Only what scoring needs is kept: the text, and per attribution its type and the
character offsets of its content pieces, speaker and cue. Anything malformed
raises `QuotexError(Err.GOLD_INVALID)` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

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


Pair = tuple[StrictInt, StrictInt]


class _QuoteIn(BaseModel):
    """One attribution as PolNeAR writes it; other fields (texts, ids of events) are ignored."""

    model_config = ConfigDict(extra="ignore")
    type: Literal["direct", "mixed", "indirect"]
    content: Pair | None = None
    content_spans: list[Pair] | None = None
    speaker: Pair | None = None
    speaker_spans: list[Pair] | None = None
    cue: Pair | None = None
    cue_spans: list[Pair] | None = None
    attribution_id: str | int | None = None


class _DocIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str = Field(min_length=1)
    text: str = Field(pattern=r"\S")
    quotes: list[_QuoteIn]


def _describe(exc: ValidationError) -> str:
    """Pydantic's first complaint as one line naming the field, in the file's own terms."""
    err = exc.errors()[0]
    loc = [str(p) for p in err["loc"]]
    kind = err["type"]
    if kind == "json_invalid":
        return f"not valid JSON ({err.get('ctx', {}).get('error', err['msg'])})"
    if kind == "model_type" and not loc:
        return "each line must be a JSON object"
    if loc[:1] in (["id"], ["text"]):
        return f"missing or empty string field '{loc[0]}'"
    if loc == ["quotes"]:
        return "field 'quotes' must be a list"
    what = f"quotes[{loc[1]}]" if len(loc) > 1 else "quotes"
    if len(loc) > 2 and loc[2] == "type":
        return f"{what} type must be one of {', '.join(GOLD_TYPES)}"
    if len(loc) > 2:
        return f"{what} {loc[2]} must be a [start, end] pair of integers ({err['msg']})"
    return f"{what}: {err['msg']}"


def _checked(span: Span, n: int, what: str) -> Span:
    s, e = span
    if not 0 <= s < e <= n:
        raise _Invalid(f"{what} [{s}, {e}] is empty or outside the text (length {n})")
    return (s, e)


def _pieces(q: _QuoteIn, role: str, n: int, what: str) -> list[Span]:
    """The pieces of one role: `<role>_spans` if present, else the `<role>` envelope (or none)."""
    spans = getattr(q, f"{role}_spans")
    if spans is None:
        env = getattr(q, role)
        return [] if env is None else [_checked(env, n, f"{what} {role}")]
    return sorted(_checked(v, n, f"{what} {role}_spans[{i}]") for i, v in enumerate(spans))


def _envelope(pieces: list[Span]) -> Span | None:
    return (pieces[0][0], max(e for _, e in pieces)) if pieces else None


def _quote(q: _QuoteIn, n: int, k: int) -> GoldQuote:
    what = f"quotes[{k}]"
    content = _pieces(q, "content", n, what)
    if not content:
        raise _Invalid(f"{what} has no content span")
    return GoldQuote(
        type=q.type,
        content=tuple(content),
        speaker=_envelope(_pieces(q, "speaker", n, what)),
        cue=_envelope(_pieces(q, "cue", n, what)),
        id=str(q.attribution_id) if q.attribution_id is not None else f"g{k + 1}",
    )


def _doc(line: str) -> GoldDoc:
    try:
        obj = _DocIn.model_validate_json(line)
    except ValidationError as exc:
        raise _Invalid(_describe(exc)) from None
    try:
        quotes = tuple(_quote(q, len(obj.text), k) for k, q in enumerate(obj.quotes))
    except _Invalid as exc:
        raise _Invalid(f"document {obj.id}: {exc}") from None
    return GoldDoc(id=obj.id, text=obj.text, quotes=quotes)


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
            doc = _doc(line)
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
        raise QuotexError(
            Err.GOLD_INVALID, path=str(path), line="?", detail=f"not valid UTF-8 ({exc.reason})"
        ) from None
