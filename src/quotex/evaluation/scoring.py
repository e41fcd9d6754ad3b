"""Pure scoring: predictions + gold -> micro-averaged scores. No spaCy, no I/O.

Definitions (also in the README, section "Evaluation"):

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
from dataclasses import dataclass, field

from quotex.attribution.cue_classes import classify_cue
from quotex.evaluation.gold import GOLD_TYPES, GoldDoc, Span
from quotex.models import ExtractionResult
from quotex.spans import merge_spans

QUOTE_MARKS = frozenset("\"'“”‘’«»„‟‹›`´")
END_PUNCT = frozenset(",.;:")
ROLES = ("source", "cue", "content")
CUE_CLASSES = ("speech", "belief", "according_to", "punctuation", "none")
LINK_MIN = 0.5  # content overlap must be at least this share of the shorter quotation
DIRECT_MIN = 0.8  # a direct quote is found when a prediction covers more than this share of it


# ---------------------------------------------------------------- spans


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


def _chars(spans: Sequence[Span]) -> int:
    return sum(e - s for s, e in spans)


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters shared by two lists of disjoint spans."""
    total, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def greedy_match(n_pred: int, n_gold: int, weight: Callable[[int, int], float | None]) -> list[tuple[int, int]]:
    """One-to-one matching: pairs with a weight (None = not a candidate), best weight first."""
    cands = []
    for i in range(n_pred):
        for j in range(n_gold):
            w = weight(i, j)
            if w is not None:
                cands.append((-w, j, i))
    cands.sort()
    used_p, used_g, pairs = set(), set(), []
    for _, j, i in cands:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


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


# ---------------------------------------------------------------- counts


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None and r is None:
        return None
    p, r = p or 0.0, r or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Counts:
    """Precision = hit_pred / pred, recall = hit_gold / gold (equal hits for one-to-one counts)."""

    hit_pred: int = 0
    pred: int = 0
    hit_gold: int = 0
    gold: int = 0

    def add(self, hit_pred: int, pred: int, hit_gold: int, gold: int) -> None:
        self.hit_pred += hit_pred
        self.pred += pred
        self.hit_gold += hit_gold
        self.gold += gold

    @property
    def p(self) -> float | None:
        return _ratio(self.hit_pred, self.pred)

    @property
    def r(self) -> float | None:
        return _ratio(self.hit_gold, self.gold)

    @property
    def f1(self) -> float | None:
        return _f1(self.p, self.r)

    def to_dict(self) -> dict:
        return {
            "p": self.p,
            "r": self.r,
            "f1": self.f1,
            "hit_pred": self.hit_pred,
            "pred": self.pred,
            "hit_gold": self.hit_gold,
            "gold": self.gold,
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict:
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


@dataclass
class Evaluation:
    """Micro-averaged scores over a set of documents, plus an error list for analysis."""

    documents: int = 0
    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    quotations: Counts = field(default_factory=Counts)
    speaker: Accuracy = field(default_factory=Accuracy)
    attribution: Counts = field(default_factory=Counts)
    kind: Accuracy = field(default_factory=Accuracy)
    direct: Counts = field(default_factory=Counts)
    by_type: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {t: {"quotations": Counts(), "attribution": Counts()} for t in GOLD_TYPES}
    )
    by_cue_class: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {c: {"quotations": Counts(), "attribution": Counts()} for c in CUE_CLASSES}
    )
    errors: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "gold_quotations": self.quotations.gold,
            "predicted_quotations": self.quotations.pred,
            "roles": {
                "exact": {r: c.to_dict() for r, c in self.exact.items()},
                "overlap": {r: c.to_dict() for r, c in self.overlap.items()},
            },
            "quotations": self.quotations.to_dict(),
            "speaker_accuracy": self.speaker.to_dict(),
            "attribution": self.attribution.to_dict(),
            "kind_accuracy": self.kind.to_dict(),
            "direct": self.direct.to_dict(),
            "by_type": {t: {k: c.to_dict() for k, c in d.items()} for t, d in self.by_type.items()},
            "by_cue_class": {t: {k: c.to_dict() for k, c in d.items()} for t, d in self.by_cue_class.items()},
        }


# ---------------------------------------------------------------- one document


@dataclass(frozen=True)
class _Q:
    """A quotation (gold or predicted) with trimmed spans."""

    content: tuple[Span, ...]  # trimmed, merged, non-empty pieces
    speaker: Span | None
    cue: Span | None
    kind: str
    cue_class: str
    ref: object  # the GoldQuote or PredQuote it came from

    @property
    def chars(self) -> int:
        return _chars(self.content)


def _trim_clipped(text: str, span: Span | None) -> Span | None:
    """`trim`, after clipping the span to the text (a bad prediction must not crash scoring)."""
    if span is None:
        return None
    s, e = max(0, span[0]), min(len(text), span[1])
    return trim(text, (s, e)) if s < e else None


def _prep(text: str, content, speaker, cue, kind: str, cue_class: str, ref) -> _Q:
    pieces = merge_spans(t for t in (_trim_clipped(text, s) for s in content) if t is not None)
    return _Q(
        content=tuple(pieces),
        speaker=_trim_clipped(text, speaker),
        cue=_trim_clipped(text, cue),
        kind=kind,
        cue_class=cue_class,
        ref=ref,
    )


def _speaker_ok(p: _Q, g: _Q) -> bool:
    """Both without speaker, or both with overlapping speaker spans."""
    if g.speaker is None or p.speaker is None:
        return g.speaker is None and p.speaker is None
    return _overlap([p.speaker], [g.speaker]) > 0


def _role_spans(qs: Sequence[_Q], role: str) -> list[Span]:
    """The set of a role's spans in one document, in text order."""
    if role == "content":
        found = {s for q in qs for s in q.content}
    else:
        found = {getattr(q, "speaker" if role == "source" else role) for q in qs} - {None}
    return sorted(found)


def _span_dict(text: str, span: Span | None) -> dict | None:
    return None if span is None else {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}


def _quote_dict(text: str, q: _Q) -> dict:
    ref = q.ref
    return {
        "id": ref.id,
        "type": q.kind,
        "cue_class": q.cue_class,
        "content": [_span_dict(text, s) for s in ref.content],
        "speaker": _span_dict(text, ref.speaker),
        "cue": _span_dict(text, ref.cue),
    }


def score_document(ev: Evaluation, doc: GoldDoc, preds: Sequence[PredQuote]) -> None:
    """Add one document's counts (and error records) to `ev`."""
    text = doc.text
    gold = [
        _prep(text, g.content, g.speaker, g.cue, g.type, classify_cue(text[g.cue[0] : g.cue[1]] if g.cue else None), g)
        for g in doc.quotes
    ]
    pred = [_prep(text, p.content, p.speaker, p.cue, p.kind, p.cue_class, p) for p in preds]
    gold = [g for g in gold if g.content]
    pred = [p for p in pred if p.content]
    ev.documents += 1

    # Per role: exact (sets of trimmed spans) and overlap (one-to-one, by shared characters).
    for role in ROLES:
        ps, gs = _role_spans(pred, role), _role_spans(gold, role)
        hits = len(set(ps) & set(gs))
        ev.exact[role].add(hits, len(ps), hits, len(gs))
        pairs = greedy_match(len(ps), len(gs), lambda i, j, ps=ps, gs=gs: _overlap([ps[i]], [gs[j]]) or None)
        shared = sum(_overlap([ps[i]], [gs[j]]) for i, j in pairs)
        ev.overlap[role].add(shared, _chars(ps), shared, _chars(gs))

    # Linked: quotations matched by content overlap >= half of the shorter one.
    def link(i: int, j: int) -> float | None:
        o = _overlap(pred[i].content, gold[j].content)
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
            row = table.setdefault(getattr(g, key), {"quotations": Counts(), "attribution": Counts()})
            i = matched_g.get(j)
            row["quotations"].add(0, 0, i is not None, 1)
            row["attribution"].add(0, 0, (i, j) in attr_ok, 1)
        for i, p in enumerate(pred):
            row = table.setdefault(getattr(p, key), {"quotations": Counts(), "attribution": Counts()})
            j = matched_p.get(i)
            row["quotations"].add(j is not None, 1, 0, 0)
            row["attribution"].add((i, j) in attr_ok, 1, 0, 0)

    # Direct: gold direct/mixed found when one prediction (any kind) covers > 80 % of its characters;
    # a predicted direct/mixed is correct when it covers > 80 % of a gold direct/mixed one.
    gd = [j for j, g in enumerate(gold) if g.kind != "indirect"]
    pd = [i for i, p in enumerate(pred) if p.kind != "indirect"]

    def cover(pi: int, gj: int) -> float | None:
        c = _overlap(pred[pi].content, gold[gj].content) / gold[gj].chars
        return c if c > DIRECT_MIN else None

    found = greedy_match(len(pred), len(gd), lambda i, k: cover(i, gd[k]))
    correct = greedy_match(len(pd), len(gd), lambda k, m: cover(pd[k], gd[m]))
    ev.direct.add(len(correct), len(pd), len(found), len(gd))

    # Error records for analysis, in text order.
    errs: list[dict] = []
    for j, g in enumerate(gold):
        if j not in matched_g:
            errs.append({"doc": doc.id, "error": "miss", "gold": _quote_dict(text, g), "pred": None})
    for i, p in enumerate(pred):
        j = matched_p.get(i)
        if j is None:
            errs.append({"doc": doc.id, "error": "false_positive", "gold": None, "pred": _quote_dict(text, p)})
        elif (i, j) not in attr_ok:
            errs.append(
                {
                    "doc": doc.id,
                    "error": "wrong_speaker",
                    "gold": _quote_dict(text, gold[j]),
                    "pred": _quote_dict(text, p),
                }
            )

    def first(rec: dict) -> int:
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
