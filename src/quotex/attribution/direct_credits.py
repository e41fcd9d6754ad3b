"""Who a direct quotation is credited to: the cue clause after or before it, a dash credit, a
name line, or the subject of the sentence before."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from quotex.attribution.confidence import confidence
from quotex.attribution.cues import (
    QUOTE_CHARS,
    agent_of,
    cue_class_of,
    cue_span,
    is_verbal,
    speaker_span,
    subject_of,
)
from quotex.attribution.docindex import DocIndex
from quotex.attribution.quote_marks import QuotedSpan
from quotex.attribution.token_table import text_of
from quotex.attribution.types import Attribution, Offsets
from quotex.models import CueClass

DASHES = {"—", "–", "―", "-", "--"}
SENTENCE_END = {".", "!", "?"}
NAME_LINE_MAX_TOKENS = 7


@dataclass
class DirectUnit:
    """A direct quotation while it is assembled (fragments still growing); it leaves
    quotex.attribution.direct as an `Attribution`."""

    fragments: list[Offsets]
    paragraph: int
    cue: Offsets | None = None
    cue_class: CueClass = "none"
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


def is_quote_token(t: Token) -> bool:
    return t.text in QUOTE_CHARS or t.text in ("``", "''")


def cue_after(index: DocIndex, q: QuotedSpan, limit: int) -> DirectUnit | None:
    """`“…,” she said` / `“…,” said Ana Ruiz, who …` / `“…?” asked Ruiz.`"""
    tokens = index.tokens_between(q.end, limit)
    if not tokens:
        return None
    if tokens[0].text in SENTENCE_END:
        return None
    window = []
    for t in tokens:
        if is_quote_token(t):
            break
        window.append(t)
        if t.text in SENTENCE_END:
            break
    for pos, t in enumerate(window):
        cls = cue_class_of(t)
        if cls is None or not is_verbal(t):
            continue
        subj = subject_of(t, allow_passive=True)
        if subj is not None and q.start <= subj.idx < q.end:
            # `“Full panic mode,” said X`, `“…” was written by X`: the parser took the quote's
            # words for the subject; a speaker is never inside its own quotation
            subj = agent_of(t) or _noun_phrase_root(window[:pos]) or _inverted_subject(t) or subj
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


def _noun_phrase_root(tokens: Sequence[Token]) -> Token | None:
    """The head of the noun phrase between a quote and its cue (`,” Obama's former strategist said`)."""
    inside = {t.i for t in tokens}
    nouns = [t for t in tokens if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return next((t for t in nouns if t.head.i not in inside), nouns[-1] if nouns else None)


def _inverted_subject(verb: Token) -> Token | None:
    """`said Ana Ruiz` when the parser made the name an object or modifier (or a second subject,
    after taking the quote's last words for the first)."""
    for child in verb.rights:
        if child.ent_type_ in ("DATE", "TIME"):
            continue  # `said Monday`, `wrote last October`
        if child.dep_ in ("nsubj", "dobj", "npadvmod", "attr", "dep", "appos") and child.pos_ in (
            "PROPN",
            "NOUN",
            "PRON",
        ):
            return child
    return None


def cue_before(index: DocIndex, q: QuotedSpan, floor: int) -> DirectUnit | None:
    """`She said: “…”`, `Ruiz told reporters, “…”`, `He added “…”`."""
    doc = index.doc
    tokens = index.tokens_between(floor, q.start)
    if not tokens:
        return None
    # only the current sentence
    cut = 0
    for k, t in enumerate(tokens):
        if t.text in SENTENCE_END or is_quote_token(t):
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


def dash_credit(index: DocIndex, q: QuotedSpan) -> DirectUnit | None:
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
    if tokens[-1].text in (".", "!", "?", ":") or any(is_quote_token(t) for t in tokens):
        return False
    words = [t for t in tokens if t.is_alpha]
    if not words or not all(w.text[:1].isupper() for w in words if len(w.text) > 3 or w.pos_ == "PROPN"):
        return False
    if any(t.pos_ == "VERB" for t in tokens):
        return False
    return sum(1 for t in tokens if t.pos_ == "PROPN" or t.ent_type_ == "PERSON") >= 1 and len(words) <= 5


def name_line(index: DocIndex, q: QuotedSpan) -> DirectUnit | None:
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


def previous_subject(index: DocIndex, q: QuotedSpan) -> Offsets | None:
    """`Ruiz shrugged. “We have heard this before.”` → Ruiz."""
    i = index.token_at(q.start)
    doc = index.doc
    sent = doc[i].sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if index.paragraph_of(prev.start_char) < index.paragraph_of(q.start) - 1:
        return None
    if any(is_quote_token(t) for t in prev):
        return None
    subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
    if (
        subj is None
        or subj.pos_ not in ("PROPN", "PRON")
        or subj.lower_ in ("it", "this", "that", "there", "we", "i", "you")
    ):
        return None
    return speaker_span(subj)
