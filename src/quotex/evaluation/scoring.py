"""Pure scoring: predictions + gold -> micro-averaged scores. No spaCy, no I/O.

Definitions (also in docs/evaluation.md):

- Spans are trimmed before any comparison (`trim`): whitespace and quotation marks
  off both ends, `, . ; :` off the end. Speaker and cue are compared as one span each
  (the envelope of their pieces); content piece by piece (fragments / `content_spans`).
- Only outermost predictions count (quotations whose `parent` is set are skipped).
- All matchings are one-to-one and greedy: candidate pairs sorted by the matching
  score (descending), ties in text order; each side used at most once.
- A ratio with a zero denominator is None (shown as "–"); F1 is the harmonic mean,
  0 when one side is 0 or None and the other is defined.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from quotex.attribution.cue_classes import classify_cue
from quotex.attribution.quote_marks import QUOTE_MARKS
from quotex.evaluation.gold import GoldDoc, GoldQuote, Span
from quotex.evaluation.matching import chars, greedy_match, overlap
from quotex.evaluation.metrics import ROLES, Evaluation, breakdown_row
from quotex.models import ExtractionResult
from quotex.spans import merge_spans

END_PUNCT = frozenset(",.;:")
LINK_MIN = 0.5  # content overlap must be at least this share of the shorter quotation
DIRECT_MIN = 0.8  # a direct quote is found when a prediction covers more than this share of it


def trim(text: str, span: Span) -> Span | None:
    """Trim whitespace and quote marks from both ends and `,.;:` from the end.

    When that leaves nothing (a cue that is just ":"), only whitespace is trimmed;
    a span of whitespace only gives None.
    """
    s, e = span
    while s < e and (text[s].isspace() or text[s] in QUOTE_MARKS):
        s += 1
    while s < e and (text[e - 1].isspace() or text[e - 1] in QUOTE_MARKS or text[e - 1] in END_PUNCT):
        e -= 1
    if s < e:
        return (s, e)
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while s < e and text[e - 1].isspace():
        e -= 1
    return (s, e) if s < e else None


# ---------------------------------------------------------------- predictions


@dataclass(frozen=True)
class PredQuote:
    """One predicted quotation, reduced to what scoring needs (offsets into the gold text)."""

    kind: str
    content: tuple[Span, ...]
    cue: Span | None = None
    speaker: Span | None = None
    cue_class: str = "none"
    id: str = ""


def predictions_from_result(result: ExtractionResult) -> list[PredQuote]:
    """The outermost quotations of one `ExtractionResult` (nested ones, with `parent` set, skipped)."""
    out = []
    for q in result.quotations:
        if q.parent is not None:
            continue
        frags = tuple((f.start, f.end) for f in q.fragments) or ((q.content.start, q.content.end),)
        out.append(
            PredQuote(
                kind=q.kind,
                content=frags,
                cue=(q.cue.start, q.cue.end) if q.cue else None,
                speaker=(q.speaker.start, q.speaker.end) if q.speaker else None,
                cue_class=q.cue_class,
                id=q.id,
            )
        )
    return out


# ---------------------------------------------------------------- one document


@dataclass(frozen=True)
class _Q:
    """A quotation (gold or predicted) with trimmed spans."""

    content: tuple[Span, ...]  # trimmed, merged, non-empty pieces
    speaker: Span | None
    cue: Span | None
    kind: str
    cue_class: str
    ref: GoldQuote | PredQuote
    """The quotation it came from (its untrimmed spans go into the error records)."""

    @property
    def chars(self) -> int:
        return chars(self.content)


def _trim_clipped(text: str, span: Span | None) -> Span | None:
    """`trim`, after clipping the span to the text (a bad prediction must not crash scoring)."""
    if span is None:
        return None
    s, e = max(0, span[0]), min(len(text), span[1])
    return trim(text, (s, e)) if s < e else None


def _prep(text: str, ref: GoldQuote | PredQuote, kind: str, cue_class: str) -> _Q:
    pieces = merge_spans(t for t in (_trim_clipped(text, s) for s in ref.content) if t is not None)
    return _Q(
        content=tuple(pieces),
        speaker=_trim_clipped(text, ref.speaker),
        cue=_trim_clipped(text, ref.cue),
        kind=kind,
        cue_class=cue_class,
        ref=ref,
    )


def _speaker_ok(p: _Q, g: _Q) -> bool:
    """Both without speaker, or both with overlapping speaker spans."""
    if g.speaker is None or p.speaker is None:
        return g.speaker is None and p.speaker is None
    return overlap([p.speaker], [g.speaker]) > 0


def _role_spans(qs: Sequence[_Q], role: str) -> list[Span]:
    """The set of a role's spans in one document, in text order."""
    if role == "content":
        found = {s for q in qs for s in q.content}
    else:
        found = {getattr(q, "speaker" if role == "source" else role) for q in qs} - {None}
    return sorted(found)


def _span_dict(text: str, span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}


def _quote_dict(text: str, q: _Q) -> dict[str, Any]:
    ref = q.ref
    return {
        "id": ref.id,
        "type": q.kind,
        "cue_class": q.cue_class,
        "content": [_span_dict(text, s) for s in ref.content],
        "speaker": _span_dict(text, ref.speaker),
        "cue": _span_dict(text, ref.cue),
    }


def _span_overlap(ps: Sequence[Span], gs: Sequence[Span]) -> Callable[[int, int], float | None]:
    """The matching weight of a role's spans: the characters two of them share (None: none)."""
    return lambda i, j: overlap([ps[i]], [gs[j]]) or None


def score_document(ev: Evaluation, doc: GoldDoc, preds: Sequence[PredQuote]) -> None:
    """Add one document's counts (and error records) to `ev`."""
    text = doc.text
    gold = [_prep(text, g, g.type, classify_cue(text[g.cue[0] : g.cue[1]] if g.cue else None)) for g in doc.quotes]
    pred = [_prep(text, p, p.kind, p.cue_class) for p in preds]
    gold = [g for g in gold if g.content]
    pred = [p for p in pred if p.content]
    ev.documents += 1

    # Per role: exact (sets of trimmed spans) and overlap (one-to-one, by shared characters).
    for role in ROLES:
        ps, gs = _role_spans(pred, role), _role_spans(gold, role)
        hits = len(set(ps) & set(gs))
        ev.exact[role].add(hits, len(ps), hits, len(gs))
        shared = sum(overlap([ps[i]], [gs[j]]) for i, j in greedy_match(len(ps), len(gs), _span_overlap(ps, gs)))
        ev.overlap[role].add(shared, chars(ps), shared, chars(gs))

    # Linked: quotations matched by content overlap >= half of the shorter one.
    def link(i: int, j: int) -> float | None:
        o = overlap(pred[i].content, gold[j].content)
        return o if o > 0 and o >= LINK_MIN * min(pred[i].chars, gold[j].chars) else None

    pairs = greedy_match(len(pred), len(gold), link)
    matched_p = {i: j for i, j in pairs}
    matched_g = {j: i for i, j in pairs}
    attr_ok = {(i, j) for i, j in pairs if _speaker_ok(pred[i], gold[j])}
    ev.quotations.add(len(pairs), len(pred), len(pairs), len(gold))
    ev.attribution.add(len(attr_ok), len(pred), len(attr_ok), len(gold))
    ev.speaker.correct += len(attr_ok)
    ev.speaker.total += len(pairs)
    ev.kind.correct += sum(pred[i].kind == gold[j].kind for i, j in pairs)
    ev.kind.total += len(pairs)

    # Breakdowns: recall by the gold's type / cue class, precision by the prediction's.
    for key, table in (("kind", ev.by_type), ("cue_class", ev.by_cue_class)):
        for j, g in enumerate(gold):
            row = table.setdefault(getattr(g, key), breakdown_row())
            found_by = matched_g.get(j)
            row["quotations"].add(0, 0, found_by is not None, 1)
            row["attribution"].add(0, 0, (found_by, j) in attr_ok, 1)
        for i, p in enumerate(pred):
            row = table.setdefault(getattr(p, key), breakdown_row())
            linked = matched_p.get(i)
            row["quotations"].add(linked is not None, 1, 0, 0)
            row["attribution"].add((i, linked) in attr_ok, 1, 0, 0)

    # Direct: gold direct/mixed found when one prediction (any kind) covers > 80 % of its characters;
    # a predicted direct/mixed is correct when it covers > 80 % of a gold direct/mixed one.
    gd = [j for j, g in enumerate(gold) if g.kind != "indirect"]
    pd = [i for i, p in enumerate(pred) if p.kind != "indirect"]

    def cover(pi: int, gj: int) -> float | None:
        c = overlap(pred[pi].content, gold[gj].content) / gold[gj].chars
        return c if c > DIRECT_MIN else None

    found = greedy_match(len(pred), len(gd), lambda i, k: cover(i, gd[k]))
    correct = greedy_match(len(pd), len(gd), lambda k, m: cover(pd[k], gd[m]))
    ev.direct.add(len(correct), len(pd), len(found), len(gd))

    # Error records for analysis, in text order.
    errs: list[dict[str, Any]] = []
    for j, g in enumerate(gold):
        if j not in matched_g:
            errs.append({"doc": doc.id, "error": "miss", "gold": _quote_dict(text, g), "pred": None})
    for i, p in enumerate(pred):
        linked = matched_p.get(i)
        if linked is None:
            errs.append({"doc": doc.id, "error": "false_positive", "gold": None, "pred": _quote_dict(text, p)})
        elif (i, linked) not in attr_ok:
            errs.append(
                {
                    "doc": doc.id,
                    "error": "wrong_speaker",
                    "gold": _quote_dict(text, gold[linked]),
                    "pred": _quote_dict(text, p),
                }
            )

    def first(rec: dict[str, Any]) -> int:
        q = rec["gold"] or rec["pred"]
        return q["content"][0]["start"]

    ev.errors.extend(sorted(errs, key=first))


def score(gold_docs: Sequence[GoldDoc], predictions: Sequence[ExtractionResult | Sequence[PredQuote]]) -> Evaluation:
    """Score predictions (one `ExtractionResult` or list of `PredQuote` per gold document, in order)."""
    if len(gold_docs) != len(predictions):
        raise ValueError(f"{len(gold_docs)} gold documents but {len(predictions)} predictions")
    ev = Evaluation()
    for doc, pred in zip(gold_docs, predictions):
        preds = predictions_from_result(pred) if isinstance(pred, ExtractionResult) else list(pred)
        score_document(ev, doc, preds)
    return ev
