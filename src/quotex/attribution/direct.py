"""Direct quotations: quoted stretches that stand as speech, and who they are credited to.

Order of evidence for one quote: a cue clause right after it (`,” she said`), one right
before it (`She said: “`), a dash credit (`” — Senator Joan Park`), a colon lead-in
(`The minister was blunt: “`), a line holding only a name, then the speaker of the
quotation just before (floating quotes) or the subject of the sentence before.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotex.attribution.confidence import confidence
from quotex.attribution.cues import (
    QUOTE_CHARS,
    cue_class_of,
    cue_span,
    is_verbal,
    speaker_span,
    subject_of,
)
from quotex.attribution.quote_marks import QuotedSpan, find_quoted_spans, paragraphs
from quotex.attribution.token_table import table_of, text_of
from quotex.attribution.types import Attribution, Offsets

DASHES = {"—", "–", "―", "-", "--"}
SENTENCE_END = {".", "!", "?"}
NAME_LINE_MAX_TOKENS = 7


@dataclass
class DirectUnit:
    fragments: list[Offsets]
    paragraph: int
    cue: Offsets | None = None
    cue_class: str = "none"
    speaker: Offsets | None = None
    method: str = "direct:unattributed"
    confidence: float = confidence("direct:unattributed")
    cue_clause: tuple[int, int] | None = None  # char range of the cue clause after the quote

    def to_attribution(self) -> Attribution:
        return Attribution(
            fragments=tuple(self.fragments),
            cue=self.cue,
            cue_class=self.cue_class,
            speaker=self.speaker,
            kind="direct",
            confidence=self.confidence,
            method=self.method,
        )


class DocIndex:
    """Char → token and char → paragraph look-ups for one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.table = table_of(doc)
        self.starts = self.table.idx
        self.paragraphs = paragraphs(text_of(doc))
        self.pstarts = [p[0] for p in self.paragraphs]
        self.quoted = find_quoted_spans(text_of(doc))

    def token_at(self, char: int) -> int:
        """Index of the token containing (or starting after) `char`."""
        return max(0, bisect_right(self.starts, char) - 1)

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect_right(self.pstarts, char) - 1)

    def tokens_between(self, start: int, end: int) -> LazyTokens:
        """Non-space tokens fully inside the char range (Token objects made only when read)."""
        starts, lengths, spaces = self.starts, self.table.length, self.table.is_space
        i = bisect_right(starts, start - 1)
        out = []
        n = len(starts)
        while i < n and starts[i] < end:
            if starts[i] + lengths[i] <= end and not spaces[i]:
                out.append(i)
            i += 1
        return LazyTokens(self.doc, out)


class LazyTokens(Sequence):
    """A list of tokens by index: most callers read only the first or last few."""

    __slots__ = ("doc", "indices")

    def __init__(self, doc: Doc, indices: list[int]) -> None:
        self.doc, self.indices = doc, indices

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return LazyTokens(self.doc, self.indices[k])
        return self.doc[self.indices[k]]

    def __add__(self, other):
        return list(self) + list(other)


def _is_quote_token(t: Token) -> bool:
    return t.text in QUOTE_CHARS or t.text in ("``", "''")


def _word_count(index: DocIndex, q: QuotedSpan) -> int:
    return sum(1 for t in index.tokens_between(q.start, q.end) if t.is_alpha)


def _closed_quote_earlier_in_sentence(before: list[Token]) -> bool:
    for t in reversed(before[:-1]):
        if t.text in SENTENCE_END:
            return False
        if t.text in ("”", "''", "»") or (
            t.text == '"' and t.i > 0 and not t.doc[t.i - 1].is_space and t.doc[t.i - 1].whitespace_ == ""
        ):
            return True
    return False


def is_standalone(index: DocIndex, q: QuotedSpan) -> bool:
    """Does this quoted stretch stand as a quotation (vs a scare quote or a fragment in a sentence)?"""
    text = text_of(index.doc)
    pstart, _ = index.paragraphs[index.paragraph_of(q.start)]
    before = index.tokens_between(pstart, q.start)
    words = _word_count(index, q)
    if not before:
        return words >= 1
    prev = before[-1]
    inner = text[q.start + 1 : q.end - 1].rstrip("”\"'’ ")
    ends_like_sentence = bool(inner) and inner[-1] in ".,!?:;—–"
    if prev.text in SENTENCE_END or prev.text in (":", ";") or prev.text in DASHES or _is_quote_token(prev):
        return words >= 2 or ends_like_sentence
    if prev.text in (",", "but", "and") and _closed_quote_earlier_in_sentence(before):
        return words >= 2  # `“A,” Tester said, referring to …, “B.”` / `…,” he said, but “B”`
    if prev.text == ",":
        if len(before) >= 2 and cue_class_of(before[-2]) == "speech" and is_verbal(before[-2]):
            return words >= 2
        return False
    if (
        cue_class_of(prev) == "speech"
        and is_verbal(prev)
        and not any(c.dep_ == "ccomp" for c in prev.children if c.i > prev.i and c.idx < q.start)
    ):
        return words >= 3 and ends_like_sentence
    return False


def _cue_after(index: DocIndex, q: QuotedSpan, limit: int) -> DirectUnit | None:
    """`“…,” she said` / `“…,” said Ana Ruiz, who …` / `“…?” asked Ruiz.`"""
    tokens = index.tokens_between(q.end, limit)
    if not tokens:
        return None
    if tokens[0].text in SENTENCE_END:
        return None
    window = []
    for t in tokens:
        if _is_quote_token(t):
            break
        window.append(t)
        if t.text in SENTENCE_END:
            break
    for pos, t in enumerate(window):
        cls = cue_class_of(t)
        if cls is None or not is_verbal(t):
            continue
        subj = subject_of(t, allow_passive=True)
        if subj is None:
            subj = _inverted_subject(t)
        if subj is None:
            continue
        # the cue clause must be right after the quote: only the subject, adverbs, punctuation before it
        cue = cue_span(t)
        between = [
            w
            for w in window[:pos]
            if not (w.i >= subj.left_edge.i and w.i <= subj.right_edge.i) and not cue[0] <= w.idx < cue[1]
        ]
        if any(is_verbal(w) and w.dep_ not in ("aux", "auxpass", "neg") for w in between):
            continue
        # the clause ends before a second cue (`, adding later, “…”` credits the next quote itself)
        tail = window
        for w in window[pos + 1 :]:
            if w.tag_ == "VBG" and cue_class_of(w) is not None:
                tail = window[: window.index(w)]
                break
        clause_end = tail[-1].idx + len(tail[-1].text)
        return DirectUnit(
            fragments=[(q.start, q.end)],
            paragraph=index.paragraph_of(q.start),
            cue=cue,
            cue_class=cls,
            speaker=speaker_span(subj),
            method="direct:cue-after",
            confidence=confidence("direct:cue-after", cls),
            cue_clause=(q.end, clause_end),
        )
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """`said Ana Ruiz` when the parser made the name an object or modifier."""
    for child in verb.rights:
        if child.dep_ in ("dobj", "npadvmod", "attr", "dep", "appos") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child
    return None


def _cue_before(index: DocIndex, q: QuotedSpan, floor: int) -> DirectUnit | None:
    """`She said: “…”`, `Ruiz told reporters, “…”`, `He added “…”`."""
    doc = index.doc
    tokens = index.tokens_between(floor, q.start)
    if not tokens:
        return None
    # only the current sentence
    cut = 0
    for k, t in enumerate(tokens):
        if t.text in SENTENCE_END or _is_quote_token(t):
            cut = k + 1
    tokens = tokens[cut:]
    if not tokens:
        return None
    tail = tokens[-6:]
    for t in reversed(tail):
        cls = cue_class_of(t)
        if cls is None or not is_verbal(t):
            continue
        after = [w for w in tokens if w.i > t.i]
        if any(is_verbal(w) for w in after):
            continue
        subj = subject_of(t, allow_passive=True)
        if subj is None:
            continue
        return DirectUnit(
            fragments=[(q.start, q.end)],
            paragraph=index.paragraph_of(q.start),
            cue=cue_span(t),
            cue_class=cls,
            speaker=speaker_span(subj),
            method="direct:cue-before",
            confidence=confidence("direct:cue-before", cls),
        )
    last = tokens[-1]
    if last.text == ":":
        lead = {t.i for t in tokens}
        subj = next((t for t in tokens if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in lead), None)
        if (
            subj is not None
            and subj.pos_ in ("PROPN", "NOUN", "PRON")
            and subj.lower_ not in ("it", "this", "that", "there")
        ):
            return DirectUnit(
                fragments=[(q.start, q.end)],
                paragraph=index.paragraph_of(q.start),
                cue=(last.idx, last.idx + 1),
                cue_class="punctuation",
                speaker=speaker_span(subj),
                method="direct:colon",
                confidence=confidence("direct:colon"),
            )
        if len(tokens) <= 5 and any(t.pos_ == "PROPN" for t in tokens) and not any(is_verbal(t) for t in tokens):
            # `PENCE: “…”` transcripts and `Name: …` leads
            span = (tokens[0].idx, tokens[-2].idx + len(tokens[-2].text)) if len(tokens) > 1 else None
            if span:
                return DirectUnit(
                    fragments=[(q.start, q.end)],
                    paragraph=index.paragraph_of(q.start),
                    cue=(last.idx, last.idx + 1),
                    cue_class="punctuation",
                    speaker=span,
                    method="direct:name-colon",
                    confidence=confidence("direct:name-colon"),
                )
    del doc
    return None


def _dash_credit(index: DocIndex, q: QuotedSpan) -> DirectUnit | None:
    """`“…” — Senator Joan Park` (scanned by character: `”―` is often one token)."""
    text = text_of(index.doc)
    _, pend = index.paragraphs[index.paragraph_of(q.end - 1)]
    i = q.end
    while i < pend and text[i].isspace():
        i += 1
    dash_len = 2 if text.startswith("--", i) else 1
    if i >= pend or (text[i] not in "—–―-" and dash_len == 1):
        return None
    dash = (i, i + dash_len)
    j = dash[1]
    stop = pend
    for k in range(j, pend):
        if text[k] in ",;(" or text[k] in QUOTE_CHARS:
            stop = k
            break
    name = index.tokens_between(j, stop)
    while name and name[-1].is_punct:
        name = name[:-1]
    if not name or len(name) > 8 or not any(t.pos_ == "PROPN" or t.text[:1].isupper() for t in name):
        return None
    if any(t.pos_ == "VERB" for t in name):
        return None
    return DirectUnit(
        fragments=[(q.start, q.end)],
        paragraph=index.paragraph_of(q.start),
        cue=dash,
        cue_class="punctuation",
        speaker=(name[0].idx, name[-1].idx + len(name[-1].text)),
        method="direct:dash-credit",
        confidence=confidence("direct:dash-credit"),
    )


def is_name_line(index: DocIndex, pno: int) -> bool:
    """A paragraph that holds only a name (`Sergey Lavrov`), as credit lines under quotes."""
    if pno >= len(index.paragraphs):
        return False
    s, e = index.paragraphs[pno]
    tokens = index.tokens_between(s, e)
    if not tokens or len(tokens) > NAME_LINE_MAX_TOKENS:
        return False
    if tokens[-1].text in (".", "!", "?", ":") or any(_is_quote_token(t) for t in tokens):
        return False
    words = [t for t in tokens if t.is_alpha]
    if not words or not all(w.text[:1].isupper() for w in words if len(w.text) > 3 or w.pos_ == "PROPN"):
        return False
    if any(t.pos_ == "VERB" for t in tokens):
        return False
    return sum(1 for t in tokens if t.pos_ == "PROPN" or t.ent_type_ == "PERSON") >= 1 and len(words) <= 5


def _name_line(index: DocIndex, q: QuotedSpan) -> DirectUnit | None:
    pno = index.paragraph_of(q.end - 1)
    _, pend = index.paragraphs[pno]
    rest = index.tokens_between(q.end, pend)
    if rest or not is_name_line(index, pno + 1):
        return None
    s, e = index.paragraphs[pno + 1]
    return DirectUnit(
        fragments=[(q.start, q.end)],
        paragraph=index.paragraph_of(q.start),
        cue=None,
        cue_class="punctuation",  # a credit by layout, like a dash credit without the dash
        speaker=(s, e),
        method="direct:name-line",
        confidence=confidence("direct:name-line"),
    )


def _previous_subject(index: DocIndex, q: QuotedSpan) -> Offsets | None:
    """`Ruiz shrugged. “We have heard this before.”` → Ruiz."""
    i = index.token_at(q.start)
    doc = index.doc
    sent = doc[i].sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if index.paragraph_of(prev.start_char) < index.paragraph_of(q.start) - 1:
        return None
    if any(_is_quote_token(t) for t in prev):
        return None
    subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
    if (
        subj is None
        or subj.pos_ not in ("PROPN", "PRON")
        or subj.lower_ in ("it", "this", "that", "there", "we", "i", "you")
    ):
        return None
    return speaker_span(subj)


def find_direct_units(doc: Doc, index: DocIndex) -> list[DirectUnit]:
    quoted = [q for q in index.quoted if q.end - q.start > 2]
    standalone = [q for q in quoted if is_standalone(index, q)]
    units: list[DirectUnit] = []
    for k, q in enumerate(standalone):
        pno = index.paragraph_of(q.start)
        pstart, pend = index.paragraphs[index.paragraph_of(q.end - 1)]
        next_start = standalone[k + 1].start if k + 1 < len(standalone) else len(text_of(doc))
        limit = min(pend, next_start)
        prev_unit = units[-1] if units else None
        floor = index.paragraphs[pno][0]
        if prev_unit and prev_unit.fragments[-1][1] > floor:
            floor = prev_unit.fragments[-1][1]
        unit = _cue_after(index, q, limit)
        if unit is None and prev_unit and prev_unit.cue_clause and _gap_is(index, prev_unit.cue_clause, q.start):
            # `“A,” she said. “B.”`: one quotation, two fragments
            prev_unit.fragments.append((q.start, q.end))
            continue
        if unit is None:
            unit = _cue_before(index, q, floor)
        if unit is None:
            unit = _dash_credit(index, q)
        if unit is None:
            unit = _name_line(index, q)
        if unit is not None:
            # `“A,” she said, “B.”`: a cue-less piece earlier in the same sentence run joins it
            if (
                prev_unit
                and prev_unit.method == "direct:pending"
                and prev_unit.paragraph == pno
                and _only_cue_between(index, prev_unit.fragments[-1][1], q.start, unit)
            ):
                prev_unit.fragments.append((q.start, q.end))
                _adopt(prev_unit, unit)
                continue
            units.append(unit)
            continue
        # no cue of its own: float on the previous quotation's speaker
        starts_paragraph = not index.tokens_between(index.paragraphs[pno][0], q.start)
        prev_near = prev_unit and (
            prev_unit.paragraph == pno
            or (starts_paragraph and index.paragraph_of(prev_unit.fragments[-1][1] - 1) >= pno - 1)
        )
        if prev_near and prev_unit.speaker and prev_unit.paragraph == pno and prev_unit.cue is not None:
            # more of the same speaker's words later in the paragraph: another fragment
            prev_unit.fragments.append((q.start, q.end))
            continue
        if prev_near and prev_unit.speaker:
            units.append(
                DirectUnit(
                    fragments=[(q.start, q.end)],
                    paragraph=pno,
                    cue=None,
                    cue_class="none",
                    speaker=prev_unit.speaker,
                    method="direct:floating",
                    confidence=confidence("direct:floating"),
                )
            )
            continue
        subj = _previous_subject(index, q)
        units.append(
            DirectUnit(
                fragments=[(q.start, q.end)],
                paragraph=pno,
                speaker=subj,
                method="direct:previous-subject" if subj else "direct:pending",
                confidence=confidence("direct:previous-subject" if subj else "direct:pending"),
            )
        )
    # a quoted passage nobody is credited with is, in news copy, mostly a title or a scare
    # quote (on PolNeAR dev 3 of 15 were quotations): leave it out
    return [u for u in units if u.method != "direct:pending"]


def _adopt(target: DirectUnit, source: DirectUnit) -> None:
    target.cue, target.cue_class, target.speaker = source.cue, source.cue_class, source.speaker
    target.method, target.confidence, target.cue_clause = source.method, source.confidence, source.cue_clause


def _gap_is(index: DocIndex, clause: tuple[int, int], next_quote: int) -> bool:
    """Only the previous quote's cue clause (and punctuation) stands before the next quote."""
    rest = index.tokens_between(clause[1], next_quote)
    return all(t.is_punct for t in rest)


def _only_cue_between(index: DocIndex, start: int, end: int, unit: DirectUnit) -> bool:
    tokens = index.tokens_between(start, end)
    if unit.cue is None:
        return False
    return all(
        t.is_punct
        or (unit.speaker and unit.speaker[0] <= t.idx < unit.speaker[1])
        or (unit.cue[0] <= t.idx < unit.cue[1])
        for t in tokens
    )
